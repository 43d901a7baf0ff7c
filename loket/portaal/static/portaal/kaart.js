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
  const kaart = L.map("kaart", { keyboard: true }).setView(start ? start.centrum : cfg.centrum, start ? start.zoom : cfg.zoom);
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
  function regel(dl, label, waarde) {
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = waarde;
    dl.append(dt, dd);
  }
  function toonPaneel(info) {
    const inhoud = $("paneel-inhoud");
    inhoud.replaceChildren();
    const adressen = document.createElement("ul");
    for (const a of info.adressen) {
      const li = document.createElement("li");
      li.textContent = a.weergavenaam;
      adressen.append(li);
    }
    if (!info.adressen.length) adressen.textContent = "Hier staat geen adres.";
    const dl = document.createElement("dl");
    for (const p of info.panden) {
      regel(dl, "Bouwjaar", p.bouwjaar);
      regel(dl, "Gebruikt voor", p.gebruiksdoelen.join(", ") || "onbekend");
      regel(dl, "Oppervlakte van de grond onder het gebouw", `${p.oppervlakte} m²`);
      regel(dl, "Status in de BAG", p.status);
    }
    if (info.buurt) regel(dl, "Buurt", info.buurt.naam);
    if (info.wijk) regel(dl, "Wijk", info.wijk.naam);
    for (const s of info.secties) for (const [label, waarde] of s.regels) regel(dl, label, waarde);
    const check = document.createElement("a");
    check.className = "knop";
    check.href = `${cfg.vergunningcheck}?${new URLSearchParams({ x: info.punt_rd[0], y: info.punt_rd[1], crs: "rd" })}`;
    check.textContent = "Mag ik hier …? Doe de vergunningcheck";
    inhoud.append(adressen, dl, check);
    $("paneel").hidden = false;
    $("paneel-kop").focus();
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
  $("paneel-sluit").addEventListener("click", () => {
    $("paneel").hidden = true;
    gekozen = "";
    schrijfHash();
    $("kaart").focus();
  });

  // --- address search --------------------------------------------------------------------------
  let wacht;
  $("zoek").addEventListener("input", () => {
    clearTimeout(wacht);
    const q = $("zoek").value.trim();
    if (q.length < 2) return $("suggesties").replaceChildren();
    wacht = setTimeout(async () => {
      const r = await fetch(`${cfg.api.suggest}?${new URLSearchParams({ q })}`);
      const lijst = r.ok ? await r.json() : [];
      window.toonSuggesties($("suggesties"), lijst, kies);
      $("status").textContent = lijst.length ? `${lijst.length} resultaten` : "Niets gevonden";
    }, 150);
  });
  async function kies(treffer) {
    $("suggesties").replaceChildren();
    const r = await fetch(`${cfg.api.lookup}?${new URLSearchParams({ id: treffer.id })}`);
    const plek = await r.json();
    if (plek.centroide_ll) kaart.setView([plek.centroide_ll[1], plek.centroide_ll[0]], treffer.type === "adres" ? 18 : 15);
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
