"""The DSO backoffice in a real browser at phone and desktop size: log in once, the list with its map,
the detail with a status change, the quarantaine; axe-core finds no violations, nothing leaves
127.0.0.1 and the strict CSP holds. Screenshots go to the test's tmp folder for a look by hand."""

import pytest
from django.contrib.auth.models import Group

from dso_koppeling import verzoeken
from dso_koppeling.models import Verzoek
from tests.support.browser import (
    BUREAU,
    TELEFOON,
    axe_schoon,
    controleer_schoon,
    in_db,
    koppen_breken_netjes,
    nieuwe_pagina,
)
from tests.support.factories import MedewerkerFactory
from tests.support.knooppunt import maak_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WACHTWOORD = "Een-lang-wachtwoord-42"


@pytest.mark.parametrize("maat", [TELEFOON, BUREAU], ids=["telefoon", "bureau"])
def test_vergunningaanvragen_in_de_browser(maat, knooppunt, media, tmp_path, portaal_server, browser):
    _, url = knooppunt(aantal=5, kapot=1, aanvullingen=0)

    def maak():
        verzoeken.synchroniseer(maak_client(url))
        vera = MedewerkerFactory(username="vera", password=WACHTWOORD)
        vera.groups.add(Group.objects.get(name="Behandelaars vergunningaanvraag"))
        return Verzoek.objects.filter(type="aanvraag").values_list("zaak__referentie", flat=True).first()

    referentie = in_db(maak)
    page = nieuwe_pagina(browser, maat)
    page.goto(portaal_server + "/backoffice/vergunningaanvragen/")
    page.fill("#id_username", "vera")
    page.fill("#id_password", WACHTWOORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/backoffice/vergunningaanvragen/")
    page.wait_for_selector("#bokaart .leaflet-interactive")  # the list's aanvragen on the map
    assert referentie in page.inner_text("table")
    assert "in quarantaine" in page.inner_text(".backoffice-melding")
    axe_schoon(page, "vergunningaanvragen-lijst")
    # "Vergunningaanvragen" is wider than a phone's line: "Vergunning-/aanvragen", not "…aanvrag/en".
    assert koppen_breken_netjes(page) == []
    naam = "telefoon" if maat == TELEFOON else "bureau"
    page.screenshot(path=str(tmp_path / f"lijst-{naam}.png"), full_page=True)
    if maat == TELEFOON:  # the map stands below the list: a jump to it and back, as on the meldingen list
        page.click("text=Naar de kaart")
        assert page.evaluate("document.activeElement.id") == "bokaart"
        assert page.locator("text=Terug naar de lijst").is_visible()
    else:
        assert not page.locator("text=Naar de kaart").is_visible()

    page.click(f"table >> text={referentie}")
    page.wait_for_selector("#bokaart .leaflet-interactive")
    page.wait_for_load_state("networkidle")
    axe_schoon(page, "vergunningaanvraag-detail")
    page.select_option("#status", "in_behandeling")
    page.click("button:has-text('Status wijzigen')")
    page.wait_for_selector("text=De status is nu 'In behandeling'.")
    page.wait_for_load_state("networkidle")
    axe_schoon(page, "vergunningaanvraag-detail na wijziging")
    page.screenshot(path=str(tmp_path / f"detail-{naam}.png"), full_page=True)

    page.click(".backoffice-menu >> text=Quarantaine (DSO)")
    page.wait_for_selector("text=xml_onleesbaar")
    axe_schoon(page, "quarantaine")
    page.screenshot(path=str(tmp_path / f"quarantaine-{naam}.png"), full_page=True)
    controleer_schoon(page, portaal_server)
    print("schermafdrukken in", tmp_path)
