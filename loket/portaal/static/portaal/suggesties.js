// Address suggestions as a list of buttons (keyboard and screen reader friendly); shared by the map
// page, the melden form and buurtberichten, so all answer the same keys.
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

// Address suggestions while typing (the melden form, buurtberichten): asks `url` after a short pause,
// lists only addresses, says how many in `status`, and answers the keys above. `opInvoer` runs on
// every keystroke (a form forgets its chosen address as soon as the text changes).
window.adresSuggesties = function ({ invoer, lijst, status, url, kies, opInvoer }) {
  let wacht;
  invoer.addEventListener("input", () => {
    clearTimeout(wacht);
    if (opInvoer) opInvoer();
    const q = invoer.value.trim();
    if (q.length < 2) return lijst.replaceChildren();
    wacht = setTimeout(async () => {
      const r = await fetch(`${url}?${new URLSearchParams({ q })}`);
      const treffers = r.ok ? (await r.json()).filter((t) => t.type === "adres") : [];
      window.toonSuggesties(lijst, treffers, kies);
      status.textContent = treffers.length ? `${treffers.length} adressen gevonden. Kies er een.` : "Geen adres gevonden.";
    }, 150);
  });
  window.koppelSuggesties(invoer, lijst);
};
