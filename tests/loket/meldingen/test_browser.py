"""Melden in a real browser (Debian's Chromium via Playwright): by map click with a photo, by keyboard
only via the address search, the "Is dit al gemeld?" hint, and the track & trace page; axe-core
finds no violations, no request leaves 127.0.0.1 and the strict CSP holds."""

import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from loket.meldingen import services
from loket.zaken.models import Document, Zaak
from tests.loket.meldingen.helpers import PUNT_RD, foto
from tests.support.browser import axe_schoon, controleer_schoon, in_db, nieuwe_pagina
from tests.support.factories import MedewerkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def kies_adres(page, tekst: str):
    page.fill("#adres", tekst)
    page.wait_for_selector("#suggesties button")
    page.click("#suggesties button >> nth=0")
    expect(page.locator("#adres_id")).not_to_have_value("")


def test_melden_met_kaartklik_en_foto(adressen, settings, tmp_path, portaal_server, browser):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    page = nieuwe_pagina(browser)
    page.goto(portaal_server + "/meldingen/nieuw")
    page.wait_for_load_state("networkidle")
    axe_schoon(page, "meldformulier")
    page.select_option("#categorie", "losse-stoeptegel")
    page.fill("#omschrijving", "Tegel ligt los op de stoep.")
    kies_adres(page, "Keizerstraat 14")  # brings the map to the street
    kaart = page.locator("#meldkaart")
    doos = kaart.bounding_box()
    kaart.click(position={"x": doos["width"] / 2 - 30, "y": doos["height"] / 2})
    assert page.input_value("#adres_id") == "" and page.input_value("#x") != ""
    assert "op de kaart aangewezen" in page.inner_text("#gekozen")
    page.set_input_files("#fotos", files=[{"name": "tegel.jpg", "mimeType": "image/jpeg", "buffer": foto()}])
    page.click("#versturen")
    page.wait_for_url("**/meldingen/volgen/**")
    assert "Bedankt! Uw melding is ontvangen" in page.inner_text("main")
    axe_schoon(page, "volgpagina")
    zaak = in_db(lambda: Zaak.objects.get())
    assert in_db(lambda: Document.objects.filter(zaak=zaak).count()) == 1
    # Keizerstraat 14 lies at (113025, 553005); the click was a little west of it.
    assert zaak.geometrie.distance(Point(113025, 553005, srid=zaak.geometrie.srid)) < 40
    controleer_schoon(page, portaal_server)


def test_melden_met_alleen_het_toetsenbord(adressen, portaal_server, browser):  # noqa: F811
    page = nieuwe_pagina(browser)
    page.goto(portaal_server + "/meldingen/nieuw")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "categorie":
            break
    assert page.evaluate("document.activeElement.id") == "categorie"
    page.select_option("#categorie", "lamp-kapot")  # a native select: arrow keys do the same
    page.keyboard.press("Tab")
    page.keyboard.type("De lantaarnpaal brandt niet.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "adres"
    page.keyboard.type("Keizerstraat 12")
    page.wait_for_selector("#suggesties button")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('#suggesties') !== null")
    page.keyboard.press("Enter")
    expect(page.locator("#adres_id")).not_to_have_value("")
    assert "Keizerstraat 12" in page.inner_text("#gekozen")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "versturen":
            break
    assert page.evaluate("document.activeElement.id") == "versturen"
    page.keyboard.press("Enter")
    page.wait_for_url("**/meldingen/volgen/**")
    assert in_db(lambda: Zaak.objects.get().adres).startswith("Keizerstraat 12")
    controleer_schoon(page, portaal_server)


def test_is_dit_al_gemeld_en_aansluiten(adressen, portaal_server, browser):  # noqa: F811
    bestaand = in_db(
        lambda: services.meld(services.Invoer("zwerfvuil", "Vuilniszakken op de stoep.", *PUNT_RD))
    )
    page = nieuwe_pagina(browser)
    page.goto(portaal_server + "/meldingen/nieuw")
    page.select_option("#categorie", "zwerfvuil")
    kies_adres(page, "Keizerstraat 12")
    page.wait_for_selector("#algemeld:not([hidden])")
    assert bestaand.zaak.referentie in page.inner_text("#algemeld")
    axe_schoon(page, "formulier met hint")
    page.click(f"text=Aansluiten bij {bestaand.zaak.referentie}")
    page.wait_for_url("**/meldingen/volgen/**")
    assert "U bent aangesloten" in page.inner_text("main")
    assert in_db(lambda: (Zaak.objects.count(), bestaand.volgers.count())) == (1, 1)
    controleer_schoon(page, portaal_server)


def test_volgpagina_reactie_en_gegevens(adressen, portaal_server, browser):  # noqa: F811
    from loket.zaken import services as zaken

    def maak():
        melding = services.meld(
            services.Invoer(
                "lamp-kapot", "Lamp kapot.", *PUNT_RD, email="melder@example.org", toestemming=True
            )
        )
        zaken.wijzig_status(melding.zaak, "afgehandeld", tekst_voor_burger="De lamp is vervangen.")
        return melding

    melding = in_db(maak)
    page = nieuwe_pagina(browser)
    for pad in ("", "/reactie", "/gegevens"):
        page.goto(f"{portaal_server}/meldingen/volgen/{melding.token}{pad}")
        page.wait_for_load_state("networkidle")
        axe_schoon(page, pad or "volgen")
    page.goto(f"{portaal_server}/meldingen/volgen/{melding.token}")
    assert "De lamp is vervangen." in page.inner_text("main")
    assert "melder@example.org" not in page.content()
    page.click("text=Bent u tevreden over de afhandeling?")
    page.check("#nee")
    page.click("text=Versturen")
    assert "Bedankt voor uw reactie" in page.inner_text("main")
    assert in_db(lambda: Zaak.objects.get().status.code) == "verzoek_tot_heropenen"
    controleer_schoon(page, portaal_server)


def test_backoffice_in_de_browser(adressen, portaal_server, browser):  # noqa: F811
    from loket.zaken.models import Team

    def maak():
        MedewerkerFactory(
            username="wim", password="Een-lang-wachtwoord-42", teams=[Team.objects.get(code="wegen")]
        )
        return services.meld(services.Invoer("losse-stoeptegel", "Tegel los.", *PUNT_RD))

    melding = in_db(maak)
    page = nieuwe_pagina(browser)
    page.goto(portaal_server + "/backoffice/")
    page.fill("#id_username", "wim")
    page.fill("#id_password", "Een-lang-wachtwoord-42")
    page.click("main button[type=submit]")
    page.wait_for_selector("#bokaart .leaflet-interactive")  # the list's melding on the map beside it
    assert melding.zaak.referentie in page.inner_text("table")
    # The test server handles one request at a time: let the basemap tiles finish first.
    page.wait_for_load_state("networkidle")
    axe_schoon(page, "backoffice-lijst")
    page.click(f"text={melding.zaak.referentie}")
    page.select_option("#status", "ingepland")
    page.fill("#tekst_voor_burger", "We komen dinsdag.")
    page.click("button:has-text('Status wijzigen')")
    page.wait_for_selector("text=De status is gewijzigd.")
    assert "De status is gewijzigd." in page.inner_text("main")
    axe_schoon(page, "backoffice-detail")
    assert in_db(lambda: melding.zaak.__class__.objects.get(pk=melding.pk).status.code) == "ingepland"
    controleer_schoon(page, portaal_server)
