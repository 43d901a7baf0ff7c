"""The vergunningcheck in Chromium: from a map click, keyboard only, the result and its permalink;
axe-core finds no WCAG violations on any of its pages, and nothing leaves 127.0.0.1."""

import pytest

from tests.support.browser import (
    TELEFOON,
    axe_schoon,
    controleer_schoon,
    kaart_en_paneel_in_beeld,
    nieuwe_pagina,
    tab_naar,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keyboard_only_check_result_and_permalink(regels, adressen, portaal_server, browser):
    page = nieuwe_pagina(browser)
    page.goto(portaal_server + "/vergunningcheck/?q=inrit")
    axe_schoon(page)
    tab_naar(page, "#w-UitwegAanleggen")
    page.keyboard.press("Space")
    tab_naar(page, "#adres")
    page.keyboard.type("Keizerstraat 12a")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Vervangt u alleen een bestaande inrit")
    assert "Stap 1." in page.inner_text("main")
    axe_schoon(page)

    # Tab reaches the radio group on "Ja"; the arrow key moves to "Nee" and selects it.
    tab_naar(page, "input[value='true']")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("input[value='false']")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=U heeft een vergunning nodig.")
    tekst = page.inner_text("main")
    assert "Waarom?" in tekst and "nee" in tekst and "Situatietekening" in tekst
    # The result map draws: our basemap's tiles (the page-map configuration of kaartlagen) and the spot.
    page.wait_for_selector("#uitkomst-kaart .leaflet-tile-loaded")
    assert page.locator("#uitkomst-kaart path.leaflet-interactive").count() >= 1
    assert any("/tiles/" in u and "GLOBAL_WEBMERCATOR" in u for u in page.verzoeken)
    axe_schoon(page)
    controleer_schoon(page, portaal_server)

    permalink = page.get_attribute("a:text('link naar deze uitkomst')", "href")
    gedeeld = nieuwe_pagina(browser)
    gedeeld.goto(portaal_server + permalink)
    assert "U heeft een vergunning nodig." in gedeeld.inner_text("main")
    pdf = gedeeld.request.get(portaal_server + permalink + "?formaat=pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")


def test_keyboard_only_from_the_map_panel_to_the_result_on_a_phone(regels, adressen, portaal_server, browser):
    page = nieuwe_pagina(browser, TELEFOON)
    page.goto(portaal_server + "/kaart")
    page.wait_for_selector(".leaflet-container")
    tab_naar(page, "#zoek")
    page.keyboard.type("Keizerstraat 12a")
    page.wait_for_selector("#suggesties button")
    page.keyboard.press("Enter")  # the first suggestion
    kaart_en_paneel_in_beeld(page)
    tab_naar(page, "#paneel a.knop")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Plek:")
    assert "Keizerstraat 12a" in page.inner_text("main")
    tab_naar(page, "#w-UitwegAanleggen")
    page.keyboard.press("Space")
    tab_naar(page, "#start-check")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Vervangt u alleen een bestaande inrit")
    tab_naar(page, "input[value='true']")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=U heeft een vergunning nodig.")
    axe_schoon(page)
    controleer_schoon(page, portaal_server)
