""" "Is dit al gemeld?": open meldingen of the same category within 50 m from the last 12 weeks
(configurable per category), and joining one instead of making a new melding."""

from datetime import timedelta

import pytest
from django.contrib.gis.geos import Point
from django.utils import timezone

from kern.crs import RD_NEW
from loket.meldingen import services
from loket.meldingen.models import Categorie, Volger
from loket.zaken import services as zaken
from loket.zaken.models import Gebeurtenis, Zaak
from tests.loket.meldingen.helpers import PUNT_RD

pytestmark = pytest.mark.django_db


def maak(categorie="losse-stoeptegel", dx=0.0):
    invoer = services.Invoer(categorie, "Een losse tegel op de stoep.", PUNT_RD[0] + dx, PUNT_RD[1])
    return services.meld(invoer)


def zoek(categorie="losse-stoeptegel", dx=0.0):
    punt = Point(PUNT_RD[0] + dx, PUNT_RD[1], srid=RD_NEW)
    return services.al_gemeld(Categorie.objects.get(slug=categorie), punt)


def test_zelfde_categorie_dichtbij_en_recent(adressen):
    eerste = maak()
    assert [z.pk for z in zoek(dx=40)] == [eerste.pk]
    assert zoek(dx=60) == []
    assert zoek("lamp-kapot") == []


def test_oud_of_gesloten_telt_niet(adressen):
    melding = maak()
    Zaak.objects.filter(pk=melding.pk).update(registratiedatum=timezone.now() - timedelta(weeks=13))
    assert zoek() == []
    tweede = maak()
    zaken.wijzig_status(tweede.zaak, "afgehandeld")
    assert zoek() == []


def test_straal_en_periode_per_categorie(adressen):
    maak()
    Categorie.objects.filter(slug="losse-stoeptegel").update(dubbel_straal_m=100)
    assert len(zoek(dx=80)) == 1


def test_api_en_aansluiten(adressen, client):
    melding = maak()
    r = client.get(
        "/api/meldingen/al-gemeld",
        {"categorie": "losse-stoeptegel", "x": PUNT_RD[0] + 10, "y": PUNT_RD[1], "crs": "rd"},
    )
    assert r.status_code == 200
    [hint] = r.json()
    assert hint == {
        "referentie": melding.zaak.referentie, "categorie": "Wegen en verkeer › Losse stoeptegel",
        "status": "Gemeld", "datum": melding.zaak.startdatum.isoformat(), "afstand": 10,
    }  # fmt: skip
    assert "email" not in r.content.decode()
    r = client.post(
        f"/api/meldingen/{melding.zaak.referentie}/aansluiten",
        {"email": "buur@example.org", "toestemming": True},
        content_type="application/json",
    )
    assert r.status_code == 202, r.content  # double opt-in: the link goes by mail (test_aansluiten.py)
    volger = Volger.objects.get()
    assert volger.email == "buur@example.org" and volger.bevestigd is None
    assert Gebeurtenis.objects.filter(soort="melding.aangesloten", zaak=melding.zaak).exists()
    assert Zaak.objects.count() == 1
    r = client.post("/api/meldingen/MOR-2000-000001/aansluiten", {}, content_type="application/json")
    assert r.status_code == 404


def test_formulier_toont_hint_voor_versturen(adressen, client):
    from tests.loket.meldingen.helpers import melding_data

    melding = maak()
    r = client.post("/meldingen/nieuw", melding_data())
    assert r.status_code == 200
    html = r.content.decode()
    assert "Is dit al gemeld?" in html and melding.zaak.referentie in html
    assert Zaak.objects.count() == 1
    r = client.post("/meldingen/nieuw", melding_data(toch_melden="ja"))
    assert r.status_code == 302 and Zaak.objects.count() == 2
    r = client.post(f"/meldingen/{melding.zaak.referentie}/aansluiten", {"email": "", "toestemming": ""})
    assert r.status_code == 302 and "aangesloten=1" in r["Location"]
