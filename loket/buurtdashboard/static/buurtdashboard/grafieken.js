// Draws every chart on the page from its Vega-Lite spec (a JSON data block next to it). Vega's
// expression interpreter instead of `new Function`, so the page's CSP needs no 'unsafe-eval';
// vega-embed's own <style> is left out (our CSS styles the charts).
(function () {
  "use strict";
  document.querySelectorAll("[data-grafiek]").forEach(function (vak) {
    var bron = document.getElementById(vak.getAttribute("data-grafiek"));
    if (!bron || !window.vegaEmbed) return;
    var spec = JSON.parse(bron.textContent);
    window.vegaEmbed(vak, spec, {
      ast: true,
      expr: window.vegaInterpreter,
      actions: false,
      defaultStyle: false,
      tooltip: {disableDefaultStyle: true},
      renderer: "svg",
      formatLocale: {decimal: ",", thousands: ".", grouping: [3], currency: ["€", ""]},
      // Dates on the axes in Dutch ("mrt 2025", not "Mar 2025"): vega's own default is English.
      timeFormatLocale: {
        dateTime: "%A %e %B %Y %X", date: "%d-%m-%Y", time: "%H:%M:%S", periods: ["", ""],
        days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
        shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
        months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"],
        shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
      },
    }).then(function (res) {
      var svg = vak.querySelector("svg");
      if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", vak.getAttribute("data-titel") + " (de cijfers staan in de tabel hieronder)");
      }
      return res;
    }).catch(function () {
      vak.textContent = "De grafiek kon niet getekend worden; de cijfers staan in de tabel hieronder.";
    });
  });
})();
