// A small map on a page (OGC items, one object, the basemap preview, a melding's spot): our own
// basemap and, when the page has them, its objects. Everything on the map is also in the page's text or
// table. Each map element names the JSON block with its configuration (`kaartlagen.kaart.kleine_kaart`).
(function () {
  "use strict";
  if (!window.L) return;
  document.querySelectorAll("[data-kaartconfig]").forEach(function (el) {
    const cfgEl = document.getElementById(el.dataset.kaartconfig);
    if (!cfgEl) return;
    const cfg = JSON.parse(cfgEl.textContent);
    const kaart = L.map(el, { keyboard: true, maxZoom: 20 });
    L.tileLayer(cfg.basiskaart, { maxZoom: 20, attribution: cfg.attributie }).addTo(kaart);
    kaart.fitBounds(cfg.grenzen);
    if (!cfg.objecten || !cfg.objecten.features || !cfg.objecten.features.length) return;
    const laag = L.geoJSON(cfg.objecten, {
      style: { color: "#b3001b", weight: 2, fillOpacity: 0.2 },
      pointToLayer: (f, punt) => L.circleMarker(punt, { radius: 8, color: "#b3001b", weight: 3 }),
    }).addTo(kaart);
    kaart.fitBounds(laag.getBounds(), { maxZoom: 18, padding: [10, 10] });
  });
})();
