"""The vergunningcheck in Chromium: from a map click, keyboard only, the result and its permalink;
axe-core finds no WCAG violations on any of its pages, and nothing leaves 127.0.0.1."""

import pytest

from tests.support.browser import controleer_schoon, kaart_op_adres, nieuwe_pagina, tab_naar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def axe_schoon(page):
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("networkidle")
    resultaat = Axe().run(page)
    assert resultaat.violations_count == 0, f"{page.url}:\n{resultaat.generate_report()}"


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
    assert "Nog ongeveer" in page.inner_text("main")
    axe_schoon(page)

    # Tab reaches the radio group on "Ja"; the arrow key moves to "Nee" and selects it.
    tab_naar(page, "input[value='true']")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("input[value='false']")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=U heeft een vergunning nodig.")
    tekst = page.inner_text("main")
    assert "Waarom?" in tekst and "nee" in tekst and "Situatietekening" in tekst
    axe_schoon(page)
    controleer_schoon(page, portaal_server)

    permalink = page.get_attribute("a:text('link naar deze uitkomst')", "href")
    gedeeld = nieuwe_pagina(browser)
    gedeeld.goto(portaal_server + permalink)
    assert "U heeft een vergunning nodig." in gedeeld.inner_text("main")
    pdf = gedeeld.request.get(portaal_server + permalink + "?formaat=pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")


def test_from_a_map_click_to_the_check(regels, adressen, portaal_server, browser):
    page = nieuwe_pagina(browser)
    kaart_op_adres(page, portaal_server, "Keizerstraat 12a")
    kaart = page.locator("#kaart").bounding_box()
    page.mouse.click(kaart["x"] + kaart["width"] / 2, kaart["y"] + kaart["height"] / 2)
    page.wait_for_timeout(500)
    page.click("#paneel >> text=Mag ik hier")
    page.wait_for_selector("text=Plek:")
    assert "Keizerstraat 12a" in page.inner_text("main")
    page.check("#w-UitwegAanleggen")
    page.click("text=Start de check")
    page.wait_for_selector("text=Vervangt u alleen een bestaande inrit")
    controleer_schoon(page, portaal_server)
