"""Helpers for the browser tests (Playwright on Debian's Chromium); the `browser` fixture is in conftest."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")


TELEFOON = {"width": 390, "height": 844}
BUREAU = {"width": 1366, "height": 900}


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
