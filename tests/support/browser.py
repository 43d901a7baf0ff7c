"""Helpers for the browser tests (Playwright on Debian's Chromium); the `browser` fixture is in conftest."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")


def nieuwe_pagina(browser):
    page = browser.new_page()
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
