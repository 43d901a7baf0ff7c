"""The public pages in a real browser (Debian's Chromium via Playwright): WCAG checks with axe-core,
keyboard-only use, the map flow, no request leaving the machine and no CSP violation."""

import pytest

from tests.support.browser import controleer_schoon, kaart_op_adres, nieuwe_pagina

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGINAS = ["/", "/locatie", "/locatie?adres=Keizerstraat+12a", "/locatie?adres=Nergensstraat+99", "/kaart"]


def test_public_pages_have_no_axe_violations(adressen, portaal_server, browser):
    from axe_playwright_python.sync_playwright import Axe

    page = nieuwe_pagina(browser)
    for pad in PAGINAS:
        page.goto(portaal_server + pad)
        page.wait_for_load_state("networkidle")
        resultaat = Axe().run(page)
        assert resultaat.violations_count == 0, f"{pad}:\n{resultaat.generate_report()}"
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
