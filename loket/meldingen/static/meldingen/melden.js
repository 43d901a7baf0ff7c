// The melden form, enhanced: address suggestions (keyboard: type, arrow down, Enter), a map to click
// on, and "Is dit al gemeld?" as soon as onderwerp and plek are known. Without this script the form
// still works: the server reads the typed address.
"use strict";

(function () {
  const cfg = JSON.parse(document.getElementById("melden-config").textContent);
  const $ = (id) => document.getElementById(id);
  const csrf = document.querySelector("#meldformulier [name=csrfmiddlewaretoken]").value;
  let marker = null;
  let kaart = null;

  function zetPlek(lon, lat, tekst) {
    $("x").value = lon;
    $("y").value = lat;
    $("crs").value = "wgs84";
    $("gekozen").textContent = `Gekozen plek: ${tekst}`;
    if (kaart) {
      if (marker) marker.setLatLng([lat, lon]);
      else marker = L.circleMarker([lat, lon], { radius: 8, color: "#b3261e" }).addTo(kaart);
    }
    alGemeld();
  }

  // --- map ------------------------------------------------------------------------------------
  if (window.L) {
    $("meldkaart").hidden = false;
    // The data's extent, as on /kaart: the zoom in cfg suits a phone-wide map, a wider one fits closer.
    kaart = L.map("meldkaart", { keyboard: true }).fitBounds(cfg.grenzen);
    for (const laag of cfg.ondergrond) L.tileLayer(laag.tegels, { attribution: laag.attributie }).addTo(kaart);
    kaart.on("click", (e) => {
      $("adres_id").value = "";
      zetPlek(e.latlng.lng.toFixed(7), e.latlng.lat.toFixed(7), "op de kaart aangewezen");
    });
  }

  // --- address suggestions --------------------------------------------------------------------
  window.zoekSuggesties({
    invoer: $("adres"),
    lijst: $("suggesties"),
    url: cfg.suggest,
    kies,
    alleenAdressen: true,
    bijInvoer: () => ($("adres_id").value = ""),
    meld: window.meldAdressen($("gekozen")),
  });
  async function kies(treffer) {
    $("suggesties").replaceChildren();
    $("adres").value = treffer.weergavenaam;
    $("adres").focus();
    const r = await fetch(`${cfg.lookup}?${new URLSearchParams({ id: treffer.id })}`);
    const plek = r.ok ? await r.json() : {};
    $("adres_id").value = treffer.id;
    if (plek.centroide_ll) {
      if (kaart) kaart.setView([plek.centroide_ll[1], plek.centroide_ll[0]], 18);
      zetPlek(plek.centroide_ll[0], plek.centroide_ll[1], treffer.weergavenaam);
      $("x").value = "";
      $("y").value = "";
    }
  }

  // --- "Is dit al gemeld?" --------------------------------------------------------------------
  async function alGemeld() {
    const categorie = $("categorie").value;
    const params = { categorie };
    if ($("adres_id").value) params.adres_id = $("adres_id").value;
    else if ($("x").value) Object.assign(params, { x: $("x").value, y: $("y").value, crs: $("crs").value });
    else if (marker) { const p = marker.getLatLng(); Object.assign(params, { x: p.lng, y: p.lat }); }
    else return;
    if (!categorie) return;
    const r = await fetch(`${cfg.alGemeld}?${new URLSearchParams(params)}`);
    const lijst = r.ok ? await r.json() : [];
    $("algemeld").hidden = !lijst.length;
    $("algemeld-lijst").replaceChildren(...lijst.map((m) => {
      const li = document.createElement("li");
      const p = document.createElement("p");
      p.textContent = `${m.categorie}, ${m.status.toLowerCase()}, gemeld op ${m.datum.split("-").reverse().join("-")}, ${m.afstand} meter hiervandaan (${m.referentie})`;
      const form = document.createElement("form");
      form.method = "post";
      form.action = cfg.aansluiten.replace("REF", encodeURIComponent(m.referentie));
      for (const [naam, waarde] of [["csrfmiddlewaretoken", csrf], ["email", $("email").value], ["toestemming", $("toestemming").checked ? "ja" : ""]]) {
        const veld = document.createElement("input");
        veld.type = "hidden";
        veld.name = naam;
        veld.value = waarde;
        form.append(veld);
      }
      const knop = document.createElement("button");
      knop.type = "submit";
      knop.textContent = `Aansluiten bij ${m.referentie}`;
      form.append(knop);
      li.append(p, form);
      return li;
    }));
  }
  $("categorie").addEventListener("change", alGemeld);
  // The typed e-mail address goes along when joining.
  $("algemeld-lijst").addEventListener("submit", (e) => {
    e.target.querySelector("[name=email]").value = $("email").value;
    e.target.querySelector("[name=toestemming]").value = $("toestemming").checked ? "ja" : "";
  });
})();
