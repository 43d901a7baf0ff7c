"""The backoffice list with many meldingen in a real browser, on a phone (390×844) and a desktop
(1366×900): the map groups the points into clusters that show their count and zoom in when chosen,
one point keeps its popup with the link to the detail, the list rows are cards on the phone without
sideways scrolling, axe finds no violations and the strict CSP holds."""

import copy
import re

import numpy as np
import pytest
from django.contrib.gis.geos import Point

from loket.meldingen import services
from loket.meldingen.models import Melding, nieuw_token
from loket.zaken.models import Team, Zaak
from tests.loket.meldingen.helpers import PUNT_RD
from tests.support.browser import BUREAU, TELEFOON, axe_schoon, controleer_schoon, in_db, nieuwe_pagina
from tests.support.factories import MedewerkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AANTAL = 400
WACHTWOORD = "Een-lang-wachtwoord-42"


def maak_meldingen():
    """One melding made the normal way, then AANTAL - 1 copies of it spread over a few km, plus one
    melding far from the rest (it stays a single point)."""
    MedewerkerFactory(username="wim", password=WACHTWOORD, teams=[Team.objects.get(code="wegen")])
    eerste = services.meld(services.Invoer("losse-stoeptegel", "Tegel los.", *PUNT_RD))
    rng = np.random.default_rng(14)
    zaken = []
    for i in range(1, AANTAL):
        zaak = copy.copy(eerste.zaak)
        zaak.pk = None
        zaak.referentie = f"{eerste.zaak.referentie[:-6]}{900000 + i:06d}"
        dx, dy = (-8000.0, 8000.0) if i == 1 else rng.normal(0, 600, 2)
        zaak.geometrie = Point(PUNT_RD[0] + dx, PUNT_RD[1] + dy, srid=eerste.zaak.geometrie.srid)
        zaken.append(zaak)
    Zaak.objects.bulk_create(zaken)
    Melding.objects.bulk_create(
        Melding(zaak=z, categorie=eerste.categorie, token=nieuw_token()) for z in zaken
    )
    return zaken[0].referentie


def schaal_in_meters(page) -> float:
    tekst = page.inner_text("#bokaart .leaflet-control-scale-line")
    getal, eenheid = re.fullmatch(r"(\d+) (k?m)", tekst.strip()).groups()
    return int(getal) * (1000 if eenheid == "km" else 1)


@pytest.mark.parametrize("scherm", [TELEFOON, BUREAU], ids=["telefoon", "bureau"])
def test_kaart_clustert_en_lijst_past_op_het_scherm(scherm, adressen, teams, portaal_server, browser):  # noqa: F811
    los = in_db(maak_meldingen)
    page = nieuwe_pagina(browser, scherm)
    page.goto(portaal_server + "/backoffice/")
    page.fill("#id_username", "wim")
    page.fill("#id_password", WACHTWOORD)
    page.click("main button[type=submit]")
    page.wait_for_selector("#bokaart .bo-cluster")
    page.wait_for_load_state("networkidle")

    # Every melding is on the map, in far fewer markers than points; the counts add up.
    clusters = page.locator("#bokaart .bo-cluster__aantal").all_inner_texts()
    punten = page.locator("#bokaart .bo-punt").count()
    assert sum(int(c) for c in clusters) + punten == AANTAL
    assert len(clusters) + punten <= AANTAL // 20, f"{len(clusters)} clusters en {punten} losse punten"

    # The far melding is a single point whose popup links to its detail.
    page.locator(f'#bokaart .bo-punt[title^="{los} "]').click()
    assert page.locator(".leaflet-popup-content a").get_attribute("href").endswith(los)
    page.click(".leaflet-popup-close-button")

    # Choosing the biggest cluster zooms in on it.
    voor = schaal_in_meters(page)
    grootste = max(range(len(clusters)), key=lambda i: int(clusters[i]))
    page.locator("#bokaart .bo-cluster").nth(grootste).click()
    page.wait_for_function(
        "(m) => { const t = document.querySelector('#bokaart .leaflet-control-scale-line').textContent;"
        " const [g, e] = t.trim().split(' '); return +g * (e === 'km' ? 1000 : 1) < m; }",
        arg=voor,
    )
    page.wait_for_load_state("networkidle")
    # Clusters fade in and out after a zoom; axe reads a fading count as too light.
    page.wait_for_function(
        "() => !document.querySelector('#bokaart .leaflet-cluster-anim') && [...document.querySelectorAll("
        "'#bokaart .leaflet-marker-icon')].every((e) => getComputedStyle(e).opacity === '1')"
    )
    assert page.locator("#bokaart .bo-cluster, #bokaart .bo-punt").count() >= 2

    # The list: 50 rows of the 400 fit the width; on the phone each row is a card with its labels.
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= scherm["width"], f"de pagina is {breedte} px breed"
    cel = page.locator("table.bo-tabel tbody tr").first.locator("td[data-label=Onderwerp]")
    label = cel.evaluate("(td) => getComputedStyle(td, '::before').content")
    if scherm is TELEFOON:
        assert label == '"Onderwerp"'
        rij = page.locator("table.bo-tabel tbody tr").first.bounding_box()
        assert rij["width"] <= scherm["width"] and rij["height"] > 100  # stacked, not one long line
        page.click("text=Naar de kaart")
        assert page.evaluate("document.activeElement.id") == "bokaart"
    else:
        assert label == "none"
        assert not page.locator("text=Naar de kaart").is_visible()
    axe_schoon(page, f"backoffice-lijst {scherm['width']}")
    controleer_schoon(page, portaal_server)
