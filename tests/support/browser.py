"""Helpers for the browser tests (Playwright on Debian's Chromium); the `browser` fixture is in conftest."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")


TELEFOON = {"width": 390, "height": 844}
BUREAU = {"width": 1366, "height": 900}
# WCAG 2.1 reflow (1.4.10): 320 CSS px wide without scrolling sideways.
SMALSTE = {"width": 320, "height": 640}

# Per visible h1/h2: what is wrong with how it breaks. A line may only end at a space, a hyphen or a
# soft hyphen (where the browser then shows a hyphen), never inside a word; the heading stays inside its
# box, and `hyphens: auto` lets browsers with a Dutch dictionary break long words they were given as is.
_KOPPEN = r"""() => [...document.querySelectorAll('h1, h2')].filter(h => h.getClientRects().length).flatMap(h => {
  const kop = h.textContent.trim().replaceAll('­', ''), fouten = [];
  if (h.scrollWidth > h.clientWidth + 1) fouten.push(`${kop}: breder dan haar vak`);
  if (getComputedStyle(h).hyphens !== 'auto') fouten.push(`${kop}: hyphens is niet auto`);
  const teken = document.createRange(), loper = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  let vorige = null, boven = null;
  for (let n = loper.nextNode(); n; n = loper.nextNode()) {
    for (let i = 0; i < n.data.length; i++) {
      teken.setStart(n, i);
      teken.setEnd(n, i + 1);
      // At a line break the range can also give an empty box at the end of the line before.
      const vak = [...teken.getClientRects()].filter(v => v.width > 0).pop();
      if (!vak || /[\s­]/.test(n.data[i])) { vorige = n.data[i]; continue; }
      if (boven !== null && vak.top > boven + 1 && !/[\s­\-\/]/.test(vorige))
        fouten.push(`${kop}: breekt midden in een woord, "${n.data.slice(Math.max(0, i - 10), i)}|${n.data.slice(i, i + 6)}"`);
      vorige = n.data[i];
      boven = vak.top;
    }
  }
  return fouten;
})"""


def koppen_breken_netjes(page) -> list[str]:
    """What is wrong with how the page's headings break at its current width (empty: nothing)."""
    return page.evaluate(_KOPPEN)


def nieuwe_pagina(browser, viewport: dict | None = None):
    page = browser.new_page(viewport=viewport or BUREAU)
    page.verzoeken, page.csp = [], []
    page.on("request", lambda r: page.verzoeken.append(r.url))
    page.on("console", lambda m: page.csp.append(m.text) if "Content Security Policy" in m.text else None)
    return page


def controleer_schoon(page, basis: str):
    assert [u for u in page.verzoeken if not u.startswith(basis)] == [], "verzoeken buiten 127.0.0.1"
    assert page.csp == [], "de pagina schendt haar eigen Content-Security-Policy"


def tab_naar(page, selector: str, max_stappen: int = 60) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user would."""
    for _ in range(max_stappen):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} is niet met Tab te bereiken")


def kaart_op_adres(page, basis: str, adres: str) -> None:
    """Open /kaart, search `adres` and pick the first suggestion: the panel opens there."""
    page.goto(basis + "/kaart")
    page.wait_for_selector(".leaflet-container")
    page.fill("#zoek", adres)
    page.locator("#suggesties button").first.click()
    page.wait_for_selector("#paneel:not([hidden])")


def in_db(functie):
    """ORM work while Playwright's event loop runs in this thread, done in a thread of its own whose
    connection is closed afterwards (else the test database cannot be dropped)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def werk():
        try:
            return functie()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as uitvoerder:
        return uitvoerder.submit(werk).result()


def axe_schoon(page, waar: str = "") -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("networkidle")
    resultaat = Axe().run(page)
    assert resultaat.violations_count == 0, f"{waar or page.url}:\n{resultaat.generate_report()}"


def kaart_en_paneel_in_beeld(page) -> None:
    """The panel is open and the map is not pushed away: a good part of it is still in sight, with
    the marker and the pand outline in the part the panel does not cover."""
    page.wait_for_selector("#paneel:not([hidden])")
    page.wait_for_timeout(300)
    kaart, paneel = page.locator("#kaart").bounding_box(), page.locator("#paneel").bounding_box()
    hoogte = page.viewport_size["height"]
    marker = page.locator(".leaflet-marker-icon").bounding_box()
    assert marker, "een marker op de gekozen plek"
    assert page.locator(".leaflet-overlay-pane path").count() >= 1, "het pand omlijnd"
    punt_x, punt_y = marker["x"] + marker["width"] / 2, marker["y"] + marker["height"]
    if paneel["width"] >= page.viewport_size["width"] - 1:  # bottom sheet
        zichtbaar = min(kaart["y"] + kaart["height"], paneel["y"]) - max(kaart["y"], 0)
        assert zichtbaar >= 0.3 * hoogte, f"maar {zichtbaar:.0f} px kaart in beeld boven het paneel"
        assert max(kaart["y"], 0) <= punt_y <= paneel["y"], "de marker valt onder het paneel"
    else:  # side panel over the right of the map
        assert paneel["x"] > kaart["x"] + kaart["width"] / 3 and abs(paneel["y"] - kaart["y"]) < 2
        assert kaart["x"] <= punt_x <= paneel["x"], "de marker valt onder het paneel"
        assert kaart["y"] < hoogte, "de kaart staat in beeld"
