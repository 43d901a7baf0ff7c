// Address suggestions as a list of buttons (keyboard and screen reader friendly); shared by the map
// page and the melden form.
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
