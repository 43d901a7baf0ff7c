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
