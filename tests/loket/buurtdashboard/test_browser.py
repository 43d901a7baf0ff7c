"""The dashboard in a real browser at desktop and phone size: login, wijk page with charts, the map
page with folium under its CSP nonce; axe finds nothing, no request leaves 127.0.0.1, no CSP violation."""

import re

import pytest

from loket.buurtdashboard import aggregatie, broncellen, profiel
from tests.loket.buurtdashboard.conftest import BUURT_A1, WIJK_A
from tests.loket.buurtdashboard.test_bronnen import DAARVOOR, DAKKAPEL, KAPPEN, VORIGE, _op, aanvraag
from tests.loket.buurtdashboard.test_indicatoren import WEEK_A, melding
from tests.support import factories as f
from tests.support.browser import controleer_schoon, nieuwe_pagina

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORMATEN = {"desktop": {"width": 1366, "height": 900}, "telefoon": {"width": 390, "height": 844}}


@pytest.fixture
def gegevens(gebiedsmanager):
    afval = f.CategorieFactory(naam="Afval", slug="afval-b")
    sub = f.CategorieFactory(naam="Zwerfvuil", slug="zwerfvuil-b", hoofdcategorie=afval)
    for dagen in (1, 2, 3, 5, 6, 8, None):
        melding(sub, BUURT_A1, WIJK_A, WEEK_A, dagen)
    for i in range(6):
        aanvraag(BUURT_A1, WIJK_A, [DAKKAPEL], _op(DAARVOOR, 1 + i), "besluit_genomen", _op(VORIGE))
    aanvraag(BUURT_A1, WIJK_A, [DAKKAPEL, KAPPEN], _op(VORIGE))
    aggregatie.ververs_alles()
    broncellen.ververs_alles()
    profiel.ververs()
    return gebiedsmanager


def inloggen(page, basis):
    page.goto(basis + "/dashboard/")
    page.fill("#id_username", "gm-a")
    page.fill("#id_password", "geheim-wachtwoord-1")
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url("**/dashboard/")


@pytest.mark.parametrize("formaat", FORMATEN)
def test_dashboard_en_kaart_in_de_browser(gegevens, portaal_server, browser, formaat):
    from axe_playwright_python.sync_playwright import Axe

    page = nieuwe_pagina(browser)
    page.set_viewport_size(FORMATEN[formaat])
    inloggen(page, portaal_server)
    assert "Wijk A" in page.content() and "Wijk B" not in page.content()
    page.click("text=Wijk A")
    page.wait_for_selector(".grafiek svg")
    # the vergunningen tables and their chart, the running month marked as such
    page.wait_for_selector("[data-grafiek=spec-vergunningmaanden] svg")
    assert page.locator("#kop-activiteiten").is_visible()
    assert page.get_by_role("row", name="Dakkapel plaatsen").count() == 1
    assert "(lopend, t/m" in page.content()
    # Axis dates in Dutch, as the rest of the page (vega's default locale is English).
    assen = " ".join(page.locator(".grafiek svg text").all_text_contents())
    assert re.search(r"\b(jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\b", assen), assen
    assert not re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", assen), assen
    assert Axe().run(page).violations_count == 0, Axe().run(page).generate_report()
    # Wide tables scroll in their own box; the page itself never scrolls sideways (WCAG 1.4.10).
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.click("text=Bekijk de kaart")
    page.wait_for_selector(".leaflet-container .leaflet-interactive")
    # The legend is a readable list under the map (the site's own .legenda swatch class once shrank it
    # to one 16 px square, its text spilling over the table).
    assert page.get_by_label("Legenda", exact=True).bounding_box()["width"] > 100
    resultaat = Axe().run(page)
    assert resultaat.violations_count == 0, resultaat.generate_report()
    page.select_option("#indicator", "woningen")
    page.click("text=Toon")
    page.wait_for_selector(".leaflet-container .leaflet-interactive")
    assert "Woningen (BAG) per buurt" in page.content()
    controleer_schoon(page, portaal_server)
