"""The werkzaamheden search in Chromium at phone and desktop size: keyboard only from the search
field to a result and into the check, the "nothing fits" fallback; axe-core finds no violations.
Screenshots go to var/screenshots/tests/ (not committed) for a person to look at."""

from pathlib import Path

import pytest

from tests.support.browser import BUREAU, TELEFOON, axe_schoon, controleer_schoon, nieuwe_pagina, tab_naar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[3] / "var" / "screenshots" / "tests"


@pytest.mark.parametrize("maat", [TELEFOON, BUREAU], ids=["telefoon", "bureau"])
def test_keyboard_only_search_to_the_check(regels, adressen, portaal_server, browser, maat):
    SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
    page = nieuwe_pagina(browser, maat)
    page.goto(portaal_server + "/vergunningcheck/")
    tab_naar(page, "#q")
    page.keyboard.type("dakkapel voorkant")
    # The suggestions while typing: ArrowDown into the list, Enter picks one.
    page.wait_for_selector("#werkzaamheid-suggesties button")
    assert page.inner_text("#werkzaamheid-suggesties button >> nth=0") == "Dakkapel plaatsen"
    axe_schoon(page, "zoeken: voorstellen")
    page.screenshot(path=SCHERMAFDRUKKEN / f"zoeken-voorstellen-{maat['width']}.png")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("#zoekuitkomst")
    assert page.locator("input[name='werkzaamheid']").first.get_attribute("value") == "DakkapelPlaatsen"
    assert page.is_checked("#w-DakkapelPlaatsen")
    axe_schoon(page, "zoeken: dakkapel voorkant")
    page.screenshot(path=SCHERMAFDRUKKEN / f"zoeken-{maat['width']}.png", full_page=True)
    tab_naar(page, "#adres")
    page.keyboard.type("Keizerstraat 12a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vergunningcheck/*/**")
    assert "Stap 1." in page.inner_text("main") or "U heeft" in page.inner_text("main")
    controleer_schoon(page, portaal_server)


def test_without_javascript_the_search_button_finds_it_too(regels, portaal_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(portaal_server + "/vergunningcheck/")
    page.fill("#q", "warmtepomp")
    page.click("button:text('Zoeken')")
    page.wait_for_selector("#zoekuitkomst")
    assert page.locator("input[name='werkzaamheid']").first.get_attribute("value") == "WarmtepompPlaatsen"
    context.close()


@pytest.mark.parametrize("maat", [TELEFOON, BUREAU], ids=["telefoon", "bureau"])
def test_nothing_fits_shows_the_nearest_and_contact(regels, portaal_server, browser, maat):
    SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
    page = nieuwe_pagina(browser, maat)
    page.goto(portaal_server + "/vergunningcheck/?q=zwembad")
    assert "We vonden niets dat past bij" in page.inner_text("#zoekuitkomst")
    assert page.locator("input[name='werkzaamheid']").count() == 3
    assert "Neem contact op met de gemeente" in page.inner_text("#neem-contact-op")
    axe_schoon(page, "zoeken: niets past")
    page.screenshot(path=SCHERMAFDRUKKEN / f"zoeken-niets-{maat['width']}.png", full_page=True)
    controleer_schoon(page, portaal_server)
