"""Any municipality by configuration: Doesburg (GM0221) with its real BAG delivery and CBS boundary
runs the main paths (import, tiles, search, locatie panel, vergunningcheck start) with no code change."""

import pytest
from django.contrib.gis.geos import Polygon
from django.core.management import call_command

from kaartlagen import tegels
from kaartlagen.importing.bag import importeer_bag
from kaartlagen.models import Nummeraanduiding, Pand
from kern import gemeente
from kern.crs import RD_NEW
from tests.support.paden import shared_data

pytestmark = [pytest.mark.conformance, pytest.mark.django_db]
DEN_HELDER_RD = (113_000, 553_000)


@pytest.fixture
def doesburg(settings):
    grenzen = shared_data("cbs-gemeenten-2023-geojson/gemeenten_2023_wgs84.geojson")
    bag = shared_data("nlextract-bag2-doesburg/small")
    panden = shared_data("nlextract-bag2-doesburg/full-pand/0221PND15092020.zip")
    settings.GEMEENTE_NAAM = "Doesburg"
    settings.GEMEENTE_CBS_CODE = "GM0221"
    settings.GEMEENTE_BBOX_RD = (108000, 540000, 119000, 558000)  # Den Helder's: the boundary must win
    call_command("import_gemeentegrens", str(grenzen))
    assert importeer_bag(bag).ok and importeer_bag(panden).ok
    yield
    gemeente.vergeet_grens()


def test_doesburg_van_grens_tot_vergunningcheck(doesburg, client):
    g = gemeente.huidige()
    # The bbox follows from the CBS boundary (1 296 ha), not from the settings.
    minx, miny, maxx, maxy = g.bbox_rd
    assert 204_000 < minx < maxx < 210_000 and 445_000 < miny < maxy < 451_000
    assert 52.0 < g.breedtegraad < 52.05

    # Tiles: a panden tile over a real Doesburg pand has features.
    pand = Pand.objects.filter(geom__within=_bbox_geom(g.bbox_rd)).first()
    c = pand.geom.centroid
    x, y = tegels.tegel_index(c.x, c.y, 17)
    r = client.get(f"/tiles/panden/17/{x}/{y}.mvt")
    assert r.status_code == 200 and len(r.content) > 100

    # Search: a real street and number of the delivery.
    num = Nummeraanduiding.objects.select_related("openbare_ruimte").filter(huisnummer__isnull=False).first()
    straat = num.openbare_ruimte.naam
    r = client.get("/api/locatie/suggest", {"q": f"{straat} {num.huisnummer}"})
    assert r.status_code == 200
    docs = r.json()["response"]["docs"] if "response" in r.json() else r.json()
    assert any(straat in str(d) for d in docs), docs

    # The locatie panel at the pand, and a clear 400 for a point in Den Helder (outside Doesburg now).
    r = client.get("/api/locatie/informatie", {"x": c.x, "y": c.y, "crs": "rd"})
    assert r.status_code == 200, r.content
    buiten = client.get(
        "/api/locatie/informatie", {"x": DEN_HELDER_RD[0], "y": DEN_HELDER_RD[1], "crs": "rd"}
    )
    assert buiten.status_code == 400 and "Doesburg" in buiten.json()["detail"]

    # Vergunningcheck start at that spot; the OGC API says whose data it is.
    r = client.get("/vergunningcheck/", {"x": c.x, "y": c.y, "crs": "rd"})
    assert r.status_code == 200
    assert (
        client.get(
            "/vergunningcheck/", {"x": DEN_HELDER_RD[0], "y": DEN_HELDER_RD[1], "crs": "rd"}
        ).status_code
        == 400
    )
    assert client.get("/ogc/").json()["title"] == "Open kaartgegevens gemeente Doesburg"


def _bbox_geom(bbox):
    p = Polygon.from_bbox(bbox)
    p.srid = RD_NEW
    return p
