// The map beside the backoffice list: the same filtered zaken as points, linked to their detail.
// Thousands of points are grouped into clusters that show their count; choosing a cluster (click,
// Enter or space) zooms in on it. Icons are styled by class only: the strict CSP allows no style
// attributes in HTML, and markercluster sets positions through the DOM, which it does allow.
"use strict";

(function () {
  const cfg = JSON.parse(document.getElementById("backoffice-config").textContent);
  if (!window.L) return;
  const kaart = L.map("bokaart", { keyboard: true }).setView(cfg.centrum, cfg.zoom);
  for (const laag of cfg.ondergrond) L.tileLayer(laag.tegels, { attribution: laag.attributie }).addTo(kaart);
  L.control.scale({ imperial: false, position: "topright" }).addTo(kaart);
  const punt = L.divIcon({ className: "bo-punt", iconSize: [14, 14] });
  const groep = L.markerClusterGroup({
    showCoverageOnHover: false,
    iconCreateFunction: (cluster) => {
      const aantal = cluster.getChildCount();
      const maat = aantal < 10 ? "klein" : aantal < 100 ? "middel" : "groot";
      return L.divIcon({
        className: `bo-cluster bo-cluster--${maat}`,
        iconSize: { klein: [34, 34], middel: [40, 40], groot: [50, 50] }[maat],
        html: `<span class="bo-cluster__aantal">${aantal}</span><span class="bo-cluster__uitleg"> stuks hier, kies om in te zoomen</span>`,
      });
    },
  });
  groep.on("clusterkeypress", (e) => {
    if (e.originalEvent.key === "Enter" || e.originalEvent.key === " ") e.layer.zoomToBounds({ padding: [20, 20] });
  });
  fetch(cfg.geojson).then((r) => r.json()).then((data) => {
    const punten = L.geoJSON(data, {
      pointToLayer: (f, ll) => L.marker(ll, { icon: punt, title: `${f.properties.referentie} (${f.properties.status})` }),
      onEachFeature: (f, l) => {
        const a = document.createElement("a");
        a.href = `${f.properties.referentie}`;
        a.textContent = `${f.properties.referentie} (${f.properties.status})`;
        l.bindPopup(a);
      },
    });
    groep.addLayers(punten.getLayers()).addTo(kaart);
    if (data.features.length) kaart.fitBounds(groep.getBounds(), { maxZoom: 17 });
  });
})();
