// Suggestions under the vergunningcheck search field while typing, from the same search as the page
// (toepasbare_regels.werkzaamheden). Picking one opens the page with that werkzaamheid ticked; without
// JavaScript the Zoeken button does the same search.
(function () {
  "use strict";
  const invoer = document.getElementById("q");
  const lijst = document.getElementById("werkzaamheid-suggesties");
  const status = document.getElementById("suggestie-status");
  if (!invoer || !lijst || !window.zoekSuggesties) return;
  window.zoekSuggesties({
    invoer,
    lijst,
    url: invoer.dataset.suggest,
    kies: (t) => {
      const params = new URLSearchParams(new FormData(invoer.form));
      params.set("q", invoer.value.trim());
      params.append("werkzaamheid", t.urn);
      window.location.search = params.toString();
    },
    meld: (n) => {
      status.textContent = n ? `${n} voorstellen. Ga met pijltje omlaag naar de lijst.` : "Geen voorstellen.";
    },
  });
})();
