// Copy buttons next to a URL field: the button copies its field and says so in a live region.
// Without the clipboard API the field's text is selected, so Ctrl+C finishes the job.
(function () {
  "use strict";
  document.querySelectorAll("button[data-kopieer]").forEach((knop) => {
    knop.hidden = false;
    knop.addEventListener("click", () => {
      const veld = document.getElementById(knop.dataset.kopieer);
      const status = document.getElementById(knop.dataset.kopieer + "-status");
      veld.focus();
      veld.select();
      const klaar = () => { status.textContent = "Gekopieerd."; };
      const handmatig = () => { status.textContent = "Tekst geselecteerd: druk op Ctrl+C om te kopiëren."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(veld.value).then(klaar, handmatig);
      } else {
        handmatig();
      }
      window.setTimeout(() => { status.textContent = ""; }, 4000);
    });
  });
})();
