// The map page: layers from the registry, address search, the locatie-informatie panel and a
// permalink in the URL (#zoom/lat/lon/lagen/id). No inline code: the page runs under a strict CSP.
"use strict";

(function () {
  const cfg = JSON.parse(document.getElementById("kaart-config").textContent);
  const $ = (id) => document.getElementById(id);
  const lagen = {};
  let gekozen = "";

  // --- permalink -------------------------------------------------------------------------------
  function leesHash() {
    const [z, lat, lon, namen, id] = decodeURIComponent(location.hash.slice(1)).split("/");
    if (!z || isNaN(+z) || isNaN(+lat) || isNaN(+lon)) return null;
    return { zoom: +z, centrum: [+lat, +lon], lagen: namen ? namen.split(",") : [], id: id || "" };
  }
  function schrijfHash() {
    const c = kaart.getCenter();
    const aan = Object.keys(lagen).filter((n) => kaart.hasLayer(lagen[n]));
    history.replaceState(null, "", `#${kaart.getZoom()}/${c.lat.toFixed(6)}/${c.lng.toFixed(6)}/${aan.join(",")}/${gekozen}`);
  }

  const start = leesHash();
  const kaart = L.map("kaart", { keyboard: true });
  // Without a permalink the map opens on the extent of the loaded data.
  if (start) kaart.setView(start.centrum, start.zoom);
  else kaart.fitBounds(cfg.grenzen);
  L.control.scale({ imperial: false }).addTo(kaart);

  // --- layers and the layer switcher -----------------------------------------------------------
  function kleurVoor(stijl, props) {
    for (const k of stijl.klassen || []) if (props[k.attribuut] < k.tot) return k.kleur;
    return stijl.kleur || "#4d4d4d";
  }
  function vectorStijl(laag) {
    const s = laag.stijl || {};
    return function (props, geomType) {
      if (geomType === 1) return { radius: 3, fill: true, fillColor: s.kleur || "#004b8d", fillOpacity: 1, color: s.kleur || "#004b8d", weight: 1 };
      const vul = (s.klassen && s.klassen.length) || s.kleur;
      return { fill: !!vul, fillColor: kleurVoor(s, props), fillOpacity: 0.8, color: s.lijnkleur || kleurVoor(s, props), weight: vul ? 0.5 : 2 };
    };
  }
  for (const laag of cfg.lagen) {
    const opties = { attribution: laag.attributie, minZoom: laag.min_zoom, maxZoom: laag.max_zoom };
    lagen[laag.naam] = laag.soort !== "vector"
      ? L.tileLayer(laag.tegels, { ...opties, minZoom: 0 })
      : L.vectorGrid.protobuf(laag.tegels, { ...opties, maxNativeZoom: laag.max_zoom, vectorTileLayerStyles: { [laag.naam]: vectorStijl(laag) } });
    const aan = start ? start.lagen.includes(laag.naam) : laag.standaard_aan;
    if (aan) lagen[laag.naam].addTo(kaart);

    const blok = document.createElement("div");
    blok.className = "laag";
    const vak = document.createElement("input");
    vak.type = "checkbox";
    vak.id = `laag-${laag.naam}`;
    vak.checked = aan;
    vak.addEventListener("change", () => {
      vak.checked ? lagen[laag.naam].addTo(kaart) : kaart.removeLayer(lagen[laag.naam]);
      schrijfHash();
    });
    const label = document.createElement("label");
    label.htmlFor = vak.id;
    label.textContent = laag.titel + (laag.min_zoom > 12 ? " (zoom in om te zien)" : "");
    label.className = "laaglabel";
    blok.append(vak, label);
    const legenda = document.createElement("ul");
    for (const item of laag.legenda) {
      if (!item.kleur) continue;
      const li = document.createElement("li");
      const vlak = document.createElement("span");
      vlak.className = "legenda";
      vlak.style.backgroundColor = item.kleur;
      li.append(vlak, document.createTextNode(item.label));
      legenda.append(li);
    }
    if (legenda.children.length) blok.append(legenda);
    $("lagenlijst").append(blok);
  }
  kaart.on("moveend", schrijfHash);

  // --- the locatie-informatie panel ------------------------------------------------------------
  // On a phone the panel is a bottom sheet over the map; wider, a side panel beside it (portaal.css).
  const telefoon = window.matchMedia("(max-width: 47.99em)");
  const plek = L.layerGroup().addTo(kaart);
  function element(tag, tekst) {
    const el = document.createElement(tag);
    if (tekst !== undefined) el.textContent = tekst;
    return el;
  }
  function blok(titel, ...inhoud) {
    const sectie = element("section");
    sectie.className = "paneel__sectie";
    sectie.append(element("h3", titel), ...inhoud);
    return sectie;
  }
  function lijst(rijen) {
    const dl = element("dl");
    for (const [label, waarde] of rijen) dl.append(element("dt", label), element("dd", waarde));
    return dl;
  }
  function toonPlek(info) {
    plek.clearLayers();
    for (const p of info.panden) {
      L.geoJSON(p.contour, { interactive: false, style: { color: "#b3001b", weight: 3, fill: false } }).addTo(plek);
    }
    const punt = L.latLng(info.punt_ll[1], info.punt_ll[0]);
    L.marker(punt, { interactive: false, keyboard: false, alt: "Gekozen plek" }).addTo(plek);
    return punt;
  }
  // The spot stays in sight: in the middle of the part of the map the panel does not cover.
  function houdInBeeld(punt) {
    if (telefoon.matches) {
      const boven = $("kaart").getBoundingClientRect().top;
      if (boven < 0 || boven > window.innerHeight / 3) window.scrollBy({ top: boven, behavior: "instant" });
    }
    kaart.setView(punt, Math.max(kaart.getZoom(), 17), { animate: false });
    const vak = $("kaart").getBoundingClientRect();
    const paneel = $("paneel").getBoundingClientRect();
    if (telefoon.matches) {
      const onder = Math.min(vak.bottom, paneel.top);
      kaart.panBy([0, (vak.top + vak.bottom) / 2 - (vak.top + onder) / 2], { animate: false });
    } else {
      const rechts = Math.min(vak.right, paneel.left);
      kaart.panBy([(vak.left + vak.right) / 2 - (vak.left + rechts) / 2, 0], { animate: false });
    }
  }
  function toonPaneel(info) {
    const inhoud = $("paneel-inhoud");
    const adressen = element("ul");
    for (const a of info.adressen) adressen.append(element("li", a.weergavenaam));
    const delen = [blok(info.adressen.length > 1 ? "Adressen" : "Adres", info.adressen.length ? adressen : element("p", "Hier staat geen adres."))];
    delen.push(blok("Gebouw", ...(info.panden.length
      ? info.panden.map((p) => lijst([
        ["Bouwjaar", String(p.bouwjaar)],
        ["Gebruikt voor", p.gebruik],
        ["Oppervlakte van de grond onder het gebouw", `${p.oppervlakte} m²`],
        ["Status", p.status_tekst],
      ]))
      : [element("p", "Op deze plek staat geen gebouw.")])));
    const gebied = [];
    if (info.buurt) gebied.push(["Buurt", info.buurt.naam]);
    if (info.wijk) gebied.push(["Wijk", info.wijk.naam]);
    delen.push(blok("Buurt en wijk", gebied.length ? lijst(gebied) : element("p", "Deze plek ligt niet in een buurt die we kennen.")));
    const check = element("a", "Mag ik hier …? Doe de vergunningcheck");
    check.className = "knop";
    check.href = `${cfg.vergunningcheck}?${new URLSearchParams({ x: info.punt_rd[0], y: info.punt_rd[1], crs: "rd" })}`;
    delen.push(check);
    // Sections other parts of the portal add (omgevingsplan, meldingen, aanvragen) under their own title.
    for (const s of info.secties) delen.push(blok(s.titel, lijst(s.regels)));
    inhoud.replaceChildren(...delen);
    $("paneel-kop").textContent = info.adressen.length ? info.adressen[0].weergavenaam : "Op deze plek";
    $("paneel").hidden = false;
    houdInBeeld(toonPlek(info));
    $("paneel-kop").focus({ preventScroll: true });
  }
  async function informatie(params) {
    const r = await fetch(`${cfg.api.informatie}?${new URLSearchParams(params)}`);
    const data = await r.json();
    if (!r.ok) {
      $("status").textContent = data.detail || "Dat lukte niet.";
      return;
    }
    gekozen = params.id || "";
    toonPaneel(data);
    schrijfHash();
  }
  kaart.on("click", (e) => informatie({ x: e.latlng.lng, y: e.latlng.lat }));
  function sluitPaneel() {
    $("paneel").hidden = true;
    plek.clearLayers();
    gekozen = "";
    schrijfHash();
    $("kaart").focus({ preventScroll: true });
  }
  $("paneel-sluit").addEventListener("click", sluitPaneel);
  $("paneel").addEventListener("keydown", (e) => { if (e.key === "Escape") sluitPaneel(); });

  // --- address search --------------------------------------------------------------------------
  window.zoekSuggesties({
    invoer: $("zoek"),
    lijst: $("suggesties"),
    url: cfg.api.suggest,
    kies,
    meld: (n) => ($("status").textContent = n ? `${n} resultaten` : "Niets gevonden"),
  });
  async function kies(treffer) {
    $("suggesties").replaceChildren();
    const r = await fetch(`${cfg.api.lookup}?${new URLSearchParams({ id: treffer.id })}`);
    const gevonden = await r.json();
    if (gevonden.centroide_ll) kaart.setView([gevonden.centroide_ll[1], gevonden.centroide_ll[0]], treffer.type === "adres" ? 18 : 15);
    if (treffer.type === "adres") informatie({ id: treffer.id });
  }
  // Without JavaScript the form goes to /locatie; with it, Enter picks the first suggestion.
  $("zoekformulier").addEventListener("submit", (e) => {
    const eerste = $("suggesties").querySelector("button");
    if (eerste) {
      e.preventDefault();
      eerste.click();
    }
  });

  $("mijn-locatie").addEventListener("click", () => {
    if (!navigator.geolocation) return ($("status").textContent = "Uw browser kan uw locatie niet geven.");
    navigator.geolocation.getCurrentPosition(
      (p) => { kaart.setView([p.coords.latitude, p.coords.longitude], 17); informatie({ x: p.coords.longitude, y: p.coords.latitude }); },
      () => ($("status").textContent = "Uw locatie is niet bekend. Zoek een adres."),
    );
  });

  if (start && start.id) informatie({ id: start.id });
  schrijfHash();
})();
