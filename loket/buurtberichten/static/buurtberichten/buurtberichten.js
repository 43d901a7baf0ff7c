// Buurtberichten, enhanced: address suggestions (type, arrow down, Enter) and drawing an area or a
// bericht's place on a map. Without this script every form still works: the server reads the typed
// address, and the map is only an extra way to choose.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const cfgTag = $("buurtberichten-config");
  if (!cfgTag) return;
  const cfg = JSON.parse(cfgTag.textContent);

  // --- address suggestions --------------------------------------------------------------------
  if ($("adres")) {
    window.zoekSuggesties({
      invoer: $("adres"), lijst: $("suggesties"), url: cfg.suggest, kies, alleenAdressen: true,
      bijInvoer: () => { $("adres_id").value = ""; },
      meld: window.meldAdressen($("gekozen")),
    });
    function kies(treffer) {
      $("suggesties").replaceChildren();
      $("adres").value = treffer.weergavenaam;
      $("adres_id").value = treffer.id;
      $("soort-adres").checked = true;
      $("gekozen").textContent = `Gekozen adres: ${treffer.weergavenaam}`;
      $("adres").focus();
    }
  }

  // Picking a buurt or wijk from its list picks that kind of area too (the server reads it so too).
  for (const soort of ["buurt", "wijk"]) {
    if ($(soort)) $(soort).addEventListener("change", () => { if ($(soort).value) $(`soort-${soort}`).checked = true; });
  }

  // --- drawing on the map -----------------------------------------------------------------------
  if (!window.L || !$("tekenkaart")) return;
  const doel = $("vlak") || $("geometrie");
  const vaste = $("vlak") ? "Polygon" : null; // subscribers draw an area; staff choose point, line or area
  let vorm = vaste || "Polygon";
  let punten = [];
  let laag = null;
  if ($("tekenen")) $("tekenen").hidden = false;
  $("tekenkaart").hidden = false;
  if ($("tekenknoppen")) $("tekenknoppen").hidden = false;
  const kaart = L.map("tekenkaart", { keyboard: true }).setView(cfg.centrum, cfg.zoom);
  for (const o of cfg.ondergrond) L.tileLayer(o.tegels, { attribution: o.attributie }).addTo(kaart);

  function geojson() {
    const c = punten.map((p) => [Number(p.lng.toFixed(7)), Number(p.lat.toFixed(7))]);
    if (vorm === "Point") return { type: "Point", coordinates: c[0] };
    if (vorm === "LineString") return { type: "LineString", coordinates: c };
    return { type: "Polygon", coordinates: [[...c, c[0]]] };
  }
  function teken() {
    if (laag) laag.remove();
    if (!punten.length) return;
    laag = vorm === "Point" ? L.circleMarker(punten[0], { radius: 8, color: "#b3261e" })
      : vorm === "LineString" ? L.polyline(punten, { color: "#b3261e" })
        : L.polygon(punten, { color: "#b3261e" });
    laag.addTo(kaart);
  }
  function klaar() {
    const nodig = { Point: 1, LineString: 2, Polygon: 3 }[vorm];
    if (punten.length < nodig) {
      $("teken-status").textContent = `Klik nog ${nodig - punten.length} punt(en) aan.`;
      return;
    }
    doel.value = JSON.stringify(geojson());
    if ($("soort-getekend")) $("soort-getekend").checked = true;
    $("teken-status").textContent = "De vorm is klaar.";
  }
  kaart.on("click", (e) => {
    if (vorm === "Point") punten = [e.latlng];
    else punten.push(e.latlng);
    teken();
    if (vorm === "Point" || !vaste) klaar();
    else $("teken-status").textContent = `${punten.length} hoek(en) gekozen.`;
  });
  if ($("teken-klaar")) $("teken-klaar").addEventListener("click", klaar);
  $("teken-opnieuw").addEventListener("click", () => {
    punten = [];
    doel.value = "";
    teken();
    $("teken-status").textContent = "Begin opnieuw: klik op de kaart.";
  });
  for (const knop of document.querySelectorAll("[data-vorm]")) {
    knop.addEventListener("click", () => {
      vorm = knop.dataset.vorm;
      punten = [];
      teken();
      $("teken-status").textContent = `Teken een ${knop.textContent.toLowerCase()}: klik op de kaart.`;
    });
  }
})();
