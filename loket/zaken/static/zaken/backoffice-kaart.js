// The map beside the backoffice list: the same filtered meldingen as points, linked to their detail.
"use strict";

(function () {
  const cfg = JSON.parse(document.getElementById("backoffice-config").textContent);
  if (!window.L) return;
  const kaart = L.map("bokaart", { keyboard: true }).setView(cfg.centrum, cfg.zoom);
  for (const laag of cfg.ondergrond) L.tileLayer(laag.tegels, { attribution: laag.attributie }).addTo(kaart);
  fetch(cfg.geojson).then((r) => r.json()).then((data) => {
    const laag = L.geoJSON(data, {
      pointToLayer: (f, ll) => L.circleMarker(ll, { radius: 6, color: "#b3261e" }),
      onEachFeature: (f, l) => {
        const a = document.createElement("a");
        a.href = `${f.properties.referentie}`;
        a.textContent = `${f.properties.referentie} (${f.properties.status})`;
        l.bindPopup(a);
      },
    }).addTo(kaart);
    if (data.features.length) kaart.fitBounds(laag.getBounds(), { maxZoom: 17 });
  });
})();
