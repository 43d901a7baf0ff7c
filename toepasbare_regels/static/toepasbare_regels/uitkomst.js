// The result map: the user's spot and the werkingsgebieden that counted. Everything here is also in
// the page text, so the map is an extra, not the only way to see it.
(function () {
  "use strict";
  const knop = document.getElementById("print");
  if (knop) knop.addEventListener("click", () => window.print());
  const cfgEl = document.getElementById("uitkomst-config");
  const el = document.getElementById("uitkomst-kaart");
  if (!cfgEl || !el || !window.L) return;
  const cfg = JSON.parse(cfgEl.textContent);
  const kaart = L.map(el, { keyboard: true }).setView(cfg.punt, 17);
  L.tileLayer(cfg.basiskaart, { maxZoom: 20, attribution: cfg.attributie }).addTo(kaart);
  L.circleMarker(cfg.punt, { radius: 8, color: "#0b3d91", weight: 3 }).addTo(kaart);
  fetch(cfg.gebieden)
    .then((r) => r.json())
    .then((fc) => {
      if (!fc.features || !fc.features.length) return;
      const laag = L.geoJSON(fc, { style: { color: "#b3001b", weight: 2, fillOpacity: 0.15 } }).addTo(kaart);
      kaart.fitBounds(laag.getBounds().extend(cfg.punt), { maxZoom: 18 });
    });
})();
