"""The public pages in a real browser (Debian's Chromium via Playwright): WCAG checks with axe-core,
keyboard-only use, the map flow, no request leaving the machine and no CSP violation."""

import pytest

from tests.support.browser import (
    BUREAU,
    SMALSTE,
    TELEFOON,
    axe_schoon,
    controleer_schoon,
    kaart_en_paneel_in_beeld,
    kaart_op_adres,
    koppen_breken_netjes,
    nieuwe_pagina,
    tab_naar,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every public page (the vergunningcheck's and meldingen's own steps are checked in their own tests).
PAGINAS = [
    "/",
    "/locatie",
    "/locatie?adres=Keizerstraat+12a",
    "/locatie?adres=Nergensstraat+99",
    "/kaart",
    "/vergunningcheck/",
    "/meldingen/nieuw",
    "/contact",
    "/privacyverklaring",
    "/toegankelijkheid",
    "/proclaimer",
]


def test_public_pages_have_no_axe_violations_on_a_phone_and_a_desktop(adressen, portaal_server, browser):
    page = nieuwe_pagina(browser)
    for viewport in (TELEFOON, BUREAU):
        page.set_viewport_size(viewport)
        for pad in PAGINAS:
            page.goto(portaal_server + pad)
            axe_schoon(page, f"{pad} op {viewport['width']} px")
            breedte = page.evaluate("document.documentElement.scrollWidth")
            assert breedte <= viewport["width"], f"{pad} schuift opzij op {viewport['width']} px"
            assert koppen_breken_netjes(page) == [], f"{pad} op {viewport['width']} px"
    controleer_schoon(page, portaal_server)


def test_long_words_in_headings_break_at_a_hyphen_down_to_320_px(adressen, portaal_server, browser):
    """Toegankelijkheidsverklaring, Privacyverklaring: too wide for a phone's line, so they break, at a
    seam with a hyphen and not anywhere ("Vergunningaanvrag / en"), also in Chromium without a Dutch
    hyphenation dictionary; and at 320 px (WCAG reflow) nothing scrolls sideways."""
    page = nieuwe_pagina(browser, SMALSTE)
    for pad in PAGINAS:
        page.goto(portaal_server + pad)
        assert page.evaluate("document.documentElement.scrollWidth") <= SMALSTE["width"], pad
        assert koppen_breken_netjes(page) == [], pad
    # A heading too long for a phone's line: two lines, broken at the seam.
    page.set_viewport_size(TELEFOON)
    page.goto(portaal_server + "/toegankelijkheid")
    regels = """h => { const r = document.createRange(); r.selectNodeContents(h);
                 return new Set([...r.getClientRects()].map(v => Math.round(v.top))).size; }"""
    assert page.locator("h1").evaluate(regels) == 2
    assert koppen_breken_netjes(page) == []


def test_map_on_a_phone_fills_the_width_and_the_panel_is_a_bottom_sheet(adressen, portaal_server, browser):
    page = nieuwe_pagina(browser, TELEFOON)
    page.goto(portaal_server + "/kaart")
    page.wait_for_selector(".leaflet-container")
    assert page.locator("#kaart").bounding_box()["width"] >= 0.9 * TELEFOON["width"]
    tab_naar(page, "#zoek")
    page.keyboard.type("Keizerstraat 12a")
    page.wait_for_selector("#suggesties button")
    page.keyboard.press("ArrowDown")  # into the list, as on the melden form
    assert page.evaluate("document.activeElement.closest('#suggesties') !== null")
    page.keyboard.press("Enter")
    kaart_en_paneel_in_beeld(page)
    assert page.evaluate("document.activeElement.id") == "paneel-kop"
    koppen = page.locator("#paneel h3").all_inner_texts()
    assert koppen[:3] == ["Adres", "Gebouw", "Buurt en wijk"]
    assert "wonen" in page.inner_text("#paneel") and "woonfunctie" not in page.inner_text("#paneel")
    axe_schoon(page, "kaart met paneel op een telefoon")
    page.keyboard.press("Escape")
    assert page.locator("#paneel").is_hidden() and page.locator(".leaflet-marker-icon").count() == 0
    controleer_schoon(page, portaal_server)


def test_search_an_address_with_the_keyboard_only(adressen, portaal_server, browser):
    page = nieuwe_pagina(browser)
    page.goto(portaal_server + "/locatie")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")  # past the header and the menu
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "adres"
    page.keyboard.type("Keizerstraat 12a")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Keizerstraat 12a, 1781AB Den Helder" in page.inner_text("main")
    assert "1890" in page.inner_text("main")


def test_map_search_panel_layers_and_permalink(adressen, portaal_server, browser):
    page = nieuwe_pagina(browser)
    kaart_op_adres(page, portaal_server, "Keizerstraat 12a")
    paneel = page.inner_text("#paneel")
    assert "Keizerstraat 12a, 1781AB Den Helder" in paneel and "1890" in paneel and "Centrum" in paneel
    assert page.evaluate("document.activeElement.id") == "paneel-kop"
    kaart_en_paneel_in_beeld(page)  # a side panel beside the marker on a desktop

    page.check("#laag-adressen")
    page.wait_for_timeout(300)
    permalink = page.url
    assert "adressen" in permalink.split("#")[1] and f"adres-{'0400200000000001'}" in permalink
    page.wait_for_load_state("networkidle")
    assert any("/tiles/panden/18/" in u for u in page.verzoeken), "de panden komen als vectortegels"
    assert any("/basiskaart/tiles/" in u for u in page.verzoeken), "de basiskaart komt van MapProxy"
    controleer_schoon(page, portaal_server)

    gedeeld = nieuwe_pagina(browser)
    gedeeld.goto(permalink)
    gedeeld.wait_for_selector("#paneel:not([hidden])")
    assert "Keizerstraat 12a, 1781AB Den Helder" in gedeeld.inner_text("#paneel")
    assert gedeeld.is_checked("#laag-adressen")
    controleer_schoon(gedeeld, portaal_server)


def test_a_late_answer_for_older_text_does_not_replace_the_suggestions(adressen, portaal_server, browser):
    page = nieuwe_pagina(browser)

    def suggest(route):
        # The answer for what was typed first ("Keiz") arrives after the one for the full text.
        if "q=Keiz&" in route.request.url + "&":
            page.wait_for_timeout(800)
        route.continue_()

    page.route("**/api/locatie/suggest?*", suggest)
    page.goto(portaal_server + "/kaart")
    page.wait_for_selector(".leaflet-container")
    page.type("#zoek", "Keiz")
    page.wait_for_timeout(300)  # past the pause: "Keiz" is asked
    page.type("#zoek", "erstraat 12a")
    page.wait_for_selector("#suggesties button")
    page.wait_for_timeout(1200)  # the slow answer for "Keiz" has come and gone
    assert page.locator("#suggesties button").first.inner_text().startswith("Keizerstraat 12a")
    assert page.locator("#suggesties button").count() <= 3
