// The track & trace map: the spot of the melding on our own basemap. The same spot is on the page in
// text, so the map is an extra; without JavaScript the page says it all.
(function () {
  "use strict";
  const cfgEl = document.getElementById("volg-config");
  const el = document.getElementById("volg-kaart");
  if (!cfgEl || !el || !window.L) return;
  const cfg = JSON.parse(cfgEl.textContent);
  const kaart = L.map(el, { keyboard: true }).setView(cfg.punt, 18);
  for (const laag of cfg.ondergrond) L.tileLayer(laag.tegels, { maxZoom: 20, attribution: laag.attributie }).addTo(kaart);
  L.circleMarker(cfg.punt, { radius: 9, color: "#b3261e", weight: 3 }).addTo(kaart);
})();
