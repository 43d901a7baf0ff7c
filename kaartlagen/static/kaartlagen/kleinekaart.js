// A small map on a page (OGC items, one object, the basemap preview): our own basemap and, when the
// page has them, its objects. Everything on the map is also in the page's text or table.
(function () {
  "use strict";
  const cfgEl = document.getElementById("kleine-kaart-config");
  const el = document.getElementById("kleine-kaart");
  if (!cfgEl || !el || !window.L) return;
  const cfg = JSON.parse(cfgEl.textContent);
  const kaart = L.map(el, { keyboard: true, maxZoom: 20 });
  L.tileLayer(cfg.basiskaart, { maxZoom: 20, attribution: cfg.attributie }).addTo(kaart);
  kaart.fitBounds(cfg.grenzen);
  if (!cfg.objecten || !cfg.objecten.features || !cfg.objecten.features.length) return;
  const laag = L.geoJSON(cfg.objecten, {
    style: { color: "#b3001b", weight: 2, fillOpacity: 0.2 },
    pointToLayer: (f, punt) => L.circleMarker(punt, { radius: 6, color: "#b3001b", weight: 2 }),
  }).addTo(kaart);
  kaart.fitBounds(laag.getBounds(), { maxZoom: 18, padding: [10, 10] });
})();
