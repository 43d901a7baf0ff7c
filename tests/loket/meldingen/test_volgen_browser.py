"""The track & trace page in Chromium at phone and desktop size: what, where (text and a small map on
our own basemap) and the melder's photo; axe-core finds no violations, nothing leaves 127.0.0.1.
Screenshots go to var/screenshots/tests/ (not committed)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from loket.meldingen import fotos, services
from tests.loket.meldingen.helpers import PUNT_RD, foto
from tests.support.browser import BUREAU, TELEFOON, axe_schoon, controleer_schoon, in_db, nieuwe_pagina

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[3] / "var" / "screenshots" / "tests"


@pytest.mark.parametrize("maat", [TELEFOON, BUREAU], ids=["telefoon", "bureau"])
def test_volgpagina_met_kaart_en_foto(adressen, settings, tmp_path, portaal_server, browser, maat):
    settings.MEDIA_ROOT = tmp_path
    SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
    schone = fotos.schoon(
        SimpleUploadedFile("foto.jpg", foto("JPEG", grootte=(640, 480)), content_type="image/jpeg")
    )
    melding = in_db(
        lambda: services.meld(
            services.Invoer("losse-stoeptegel", "De tegel voor de bakker ligt los.", *PUNT_RD, fotos=[schone])
        )
    )
    page = nieuwe_pagina(browser, maat)
    page.goto(f"{portaal_server}/meldingen/volgen/{melding.token}")
    page.wait_for_selector("#volg-kaart .leaflet-tile-loaded")
    tekst = page.inner_text("main")
    assert "De tegel voor de bakker ligt los." in tekst and "Keizerstraat" in tekst
    assert "Coördinaten" in tekst  # the text alternative of the map
    assert page.evaluate("document.querySelector('.melding-foto img').naturalWidth") > 0
    kaart = page.locator("#volg-kaart").bounding_box()
    assert kaart["width"] >= maat["width"] * 0.8 or kaart["width"] >= 600
    axe_schoon(page, "volgpagina")
    page.screenshot(path=SCHERMAFDRUKKEN / f"volgen-{maat['width']}.png", full_page=True)
    controleer_schoon(page, portaal_server)
