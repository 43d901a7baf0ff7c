"""The public map layer and open data of open meldingen: only category, status and date, location on
a 10 m grid, built in SQL through the layer registry (tiles, GeoJSON/CSV downloads, OGC API)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from kaartlagen.models import Kaartlaag
from kaartlagen.tegels import tegel_index
from kern.crs import WGS84, naar_rd
from loket.meldingen import openbaar, services
from loket.zaken import services as zaken
from loket.zaken.models import Zaak
from tests.loket.meldingen.helpers import PUNT_RD

pytestmark = pytest.mark.django_db


@pytest.fixture
def meldingen(adressen):
    maak = lambda slug, dx: services.meld(  # noqa: E731
        services.Invoer(
            slug,
            "Geheime tekst van de melder.",
            PUNT_RD[0] + dx,
            PUNT_RD[1],
            email="m@example.org",
            toestemming=True,
        )
    )
    open_, dicht, oud = maak("losse-stoeptegel", 3.3), maak("lamp-kapot", 0), maak("zwerfvuil", 7)
    zaken.wijzig_status(dicht.zaak, "afgehandeld")
    Zaak.objects.filter(pk=oud.pk).update(registratiedatum=timezone.now() - timedelta(days=91))
    openbaar.ververs()
    return open_


def test_geojson_alleen_open_recent_en_gegeneraliseerd(meldingen, client):
    r = client.get("/api/meldingen/kaart")
    assert r.status_code == 200 and r["Content-Type"] == "application/geo+json"
    [feature] = r.json()["features"]
    assert set(feature["properties"]) == {"categorie", "hoofdcategorie", "status", "datum"}
    assert (
        feature["properties"]["categorie"] == "Losse stoeptegel"
        and feature["properties"]["status"] == "Gemeld"
    )
    x, y = naar_rd(*feature["geometry"]["coordinates"], WGS84)
    assert abs(x - round(x, -1)) < 0.05 and abs(y - round(y, -1)) < 0.05
    assert (round(x), round(y)) != (round(PUNT_RD[0] + 3.3), round(PUNT_RD[1]))
    for geheim in ("Geheime tekst", "m@example.org", "Keizerstraat", meldingen.zaak.referentie):
        assert geheim not in r.content.decode()
    # A new melding shows after the next refresh (every minute).
    services.meld(services.Invoer("zwerfvuil", "Nog meer vuil hier.", *PUNT_RD))
    assert len(client.get("/api/meldingen/kaart").json()["features"]) == 1
    openbaar.ververs()
    assert len(client.get("/api/meldingen/kaart").json()["features"]) == 2
    leeg = client.get("/api/meldingen/kaart", {"bbox": "4.0,52.0,4.1,52.1"}).json()
    assert leeg["features"] == []
    assert client.get("/api/meldingen/kaart", {"bbox": "a,b"}).json()["code"] == "bbox_ongeldig"
    assert client.get("/api/meldingen/kaart", {"bbox": "nan,nan,nan,nan"}).json()["code"] == "bbox_ongeldig"


def test_laag_in_het_register_met_tegels_en_downloads(meldingen, client):
    laag = Kaartlaag.objects.get(naam="meldingen")
    assert laag.bron == "meldingen_open" and laag.publiek
    x, y = tegel_index(*PUNT_RD, 16)
    r = client.get(f"/tiles/meldingen/16/{x}/{y}.mvt")
    assert r.status_code == 200 and r["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert b"Losse stoeptegel" in r.content and b"Geheime" not in r.content
    geo = json.loads(b"".join(client.get("/download/meldingen.geojson").streaming_content))
    assert len(geo["features"]) == 1
    csv = b"".join(client.get("/download/meldingen.csv").streaming_content).decode()
    assert csv.splitlines()[0] == "id,categorie,hoofdcategorie,status,datum,geometrie_wkt_crs84"
    assert "Geheime" not in csv and "m@example.org" not in csv
    assert len(client.get("/ogc/collections/meldingen/items").json()["features"]) == 1


def test_locatie_informatie_sectie(meldingen, client):
    from kern.crs import naar_wgs84

    lon, lat = naar_wgs84(*PUNT_RD)
    info = client.get("/api/locatie/informatie", {"x": lon, "y": lat}).json()
    [sectie] = [s for s in info["secties"] if s["sleutel"] == "meldingen"]
    assert sectie["regels"][0][0] == "Wegen en verkeer › Losse stoeptegel"
