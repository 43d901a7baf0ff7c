"""Staff publish werkzaamheden, omleidingen, evenementen and herinrichtingsplannen with a geometry
drawn or uploaded as GeoJSON, a period, text and link, after a reach preview (a count only)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from loket.buurtberichten import gebieden
from loket.buurtberichten.models import Bericht
from tests.loket.buurtberichten.helpers import ADRES_12A, abonnement, rond, vlak_geojson
from tests.support.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def medewerker(client):
    client.force_login(MedewerkerFactory())
    return client


def formulier(**extra):
    return {
        "soort": "werkzaamheden",
        "titel": "Nieuwe riolering Keizerstraat",
        "tekst": "Van 7 tot en met 18 december werken we aan de riolering.",
        "begin": "2026-12-07",
        "eind": "2026-12-18",
        "link": "https://www.example.org/riolering",
        "geometrie": json.dumps(vlak_geojson(112980, 552990, 113030, 553020)),
        **extra,
    }


def test_alleen_voor_medewerkers(client, buurt):
    for pad in ("/backoffice/buurtberichten/", "/backoffice/buurtberichten/nieuw"):
        r = client.get(pad)
        assert r.status_code == 302 and r["Location"].startswith("/backoffice/inloggen")
    assert client.post("/backoffice/buurtberichten/nieuw", formulier(actie="publiceer")).status_code == 302
    assert not Bericht.objects.exists()


def test_bereik_vooraf_alleen_een_aantal(medewerker, buurt):
    abonnement(gebieden.rond_adres(ADRES_12A, 250), email="een@example.org")
    abonnement(rond(113005, 553005, 100), email="twee@example.org")
    abonnement(rond(113005, 553005, 100), email="geen-werk@example.org", onderwerpen=["evenement"])
    r = medewerker.post("/backoffice/buurtberichten/nieuw", formulier(actie="voorbeeld"))
    html = r.content.decode()
    assert r.status_code == 200 and "<strong>2</strong> abonnees" in html
    assert "@example.org" not in html  # a count, never who
    assert not Bericht.objects.exists()


def test_publiceren_met_getekende_geometrie(medewerker, buurt):
    r = medewerker.post("/backoffice/buurtberichten/nieuw", formulier(actie="publiceer"))
    b = Bericht.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/buurtberichten/berichten/{b.uuid}"
    assert (
        b.geom.geom_type == "Polygon"
        and b.geom.srid == 28992
        and b.link == "https://www.example.org/riolering"
    )
    assert str(b.begin) == "2026-12-07" and str(b.eind) == "2026-12-18"
    assert medewerker.get("/backoffice/buurtberichten/").status_code == 200


def test_publiceren_met_geojson_bestand_in_rd(medewerker, buurt):
    inhoud = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "LineString", "coordinates": [[112950, 553050], [113100, 553050]]},
            }
        ],
    }
    bestand = SimpleUploadedFile("omleiding.geojson", json.dumps(inhoud).encode(), "application/geo+json")
    r = medewerker.post(
        "/backoffice/buurtberichten/nieuw",
        {**formulier(soort="omleiding", geometrie="", actie="publiceer"), "bestand": bestand},
    )
    assert r.status_code == 302
    b = Bericht.objects.get()
    assert (
        b.soort == "omleiding" and b.geom.geom_type == "LineString" and b.geom.coords[0] == (112950, 553050)
    )


@pytest.mark.parametrize(
    ("extra", "tekst"),
    [
        ({"geometrie": ""}, "Teken de plek"),
        ({"geometrie": "{niet json"}, "geen geldige GeoJSON"),
        ({"geometrie": json.dumps({"type": "Point", "coordinates": [6.5, 53.2]})}, "buiten de gemeente"),
        ({"eind": "2026-12-01"}, "einddatum ligt voor de begindatum"),
        ({"titel": ""}, "titel"),
        ({"soort": "vergunningaanvraag"}, "wat voor bericht"),  # only the outbox makes those
        ({"link": "javascript:alert(1)"}, "begint met https"),
        ({"begin": "7-12-2026"}, "jjjj-mm-dd"),
    ],
)
def test_foute_invoer_geweigerd(medewerker, buurt, extra, tekst):
    r = medewerker.post("/backoffice/buurtberichten/nieuw", formulier(actie="publiceer", **extra))
    assert r.status_code == 400 and tekst in r.content.decode()
    assert not Bericht.objects.exists()
