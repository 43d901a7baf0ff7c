// Address suggestions as a list of buttons (keyboard and screen reader friendly); shared by the map
// page and the melden form, so both answer the same keys.
window.toonSuggesties = function (lijst, treffers, kies) {
  lijst.replaceChildren(...treffers.map((t) => {
    const li = document.createElement("li");
    const knop = document.createElement("button");
    knop.type = "button";
    knop.textContent = t.weergavenaam;
    knop.addEventListener("click", () => kies(t));
    li.append(knop);
    return li;
  }));
};

// ArrowDown from the field goes into the list, ArrowUp/ArrowDown move through it and back up to the
// field, Escape empties it; Enter in the field picks the first suggestion.
window.koppelSuggesties = function (invoer, lijst) {
  invoer.addEventListener("keydown", (e) => {
    const eerste = lijst.querySelector("button");
    if (e.key === "ArrowDown" && eerste) {
      e.preventDefault();
      eerste.focus();
    } else if (e.key === "Enter" && eerste) {
      e.preventDefault();
      eerste.click();
    } else if (e.key === "Escape") {
      lijst.replaceChildren();
    }
  });
  lijst.addEventListener("keydown", (e) => {
    const knoppen = [...lijst.querySelectorAll("button")];
    const i = knoppen.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && i < knoppen.length - 1) { e.preventDefault(); knoppen[i + 1].focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? knoppen[i - 1] : invoer).focus(); }
    if (e.key === "Escape") { e.preventDefault(); lijst.replaceChildren(); invoer.focus(); }
  });
};

// Typing in `invoer` asks `url` (the suggest API) for suggestions from two characters on, after a short
// pause, shows them in `lijst` with the keys above and hands the one picked to `kies(treffer)`.
// `alleenAdressen` drops streets and places; `meld(aantal)` tells how many were found (a live region);
// `bijInvoer()` runs on every keystroke. An answer that arrives after a newer one is dropped, so a slow
// reply never replaces what belongs to the text typed last. The map, melden and buurtberichten use it.
window.zoekSuggesties = function ({ invoer, lijst, url, kies, meld, alleenAdressen = false, bijInvoer }) {
  let wacht;
  let laatste = 0;
  invoer.addEventListener("input", () => {
    clearTimeout(wacht);
    if (bijInvoer) bijInvoer();
    const q = invoer.value.trim();
    const nummer = ++laatste;
    if (q.length < 2) return lijst.replaceChildren();
    wacht = setTimeout(async () => {
      const r = await fetch(`${url}?${new URLSearchParams({ q })}`);
      let treffers = r.ok ? await r.json() : [];
      if (nummer !== laatste) return;
      if (alleenAdressen) treffers = treffers.filter((t) => t.type === "adres");
      window.toonSuggesties(lijst, treffers, kies);
      if (meld) meld(treffers.length);
    }, 150);
  });
  window.koppelSuggesties(invoer, lijst);
};

// The count message both address forms (melden, buurtberichten) put in their live region.
window.meldAdressen = (status) => (n) => {
  status.textContent = n ? `${n} adressen gevonden. Kies er een.` : "Geen adres gevonden.";
};
