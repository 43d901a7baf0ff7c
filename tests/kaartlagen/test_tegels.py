"""Vector tiles from PostGIS: content, caching headers, errors and the layer registry."""

import re

import pytest
from django.db import connection

from kaartlagen import tegels
from kaartlagen.bronnen import VECTOR_BRONNEN
from kaartlagen.models import Kaartlaag
from tests.support.factories import PandFactory
from tests.support.mvt import lees_mvt

pytestmark = pytest.mark.django_db


def tegel_voor(x_rd, y_rd, z):
    return z, *tegels.tegel_index(x_rd, y_rd, z)


@pytest.fixture
def panden():
    """Two panden in use and one demolished (not active), side by side."""
    PandFactory(identificatie="0400100000000001", oorspronkelijk_bouwjaar=1890, x=113000, y=553000)
    PandFactory(identificatie="0400100000000002", oorspronkelijk_bouwjaar=1990, x=113020, y=553000)
    PandFactory(identificatie="0400100000000003", status="Pand gesloopt", x=113040, y=553000)


def test_pand_tile_holds_active_panden_with_public_attributes_only(client, panden, tmp_path):
    z, x, y = tegel_voor(113010, 553005, 17)
    response = client.get(f"/tiles/panden/{z}/{x}/{y}.mvt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert response["Cache-Control"] == "public, max-age=300"
    features = lees_mvt(response.content, z, x, y, tmp_path)
    assert sorted((f["identificatie"], f["bouwjaar"]) for f in features) == [
        ("0400100000000001", 1890),
        ("0400100000000002", 1990),
    ]
    assert set(features[0]) == {"identificatie", "bouwjaar", "status"}


def test_unchanged_tile_answers_304_to_its_etag(client, panden):
    z, x, y = tegel_voor(113010, 553005, 17)
    first = client.get(f"/tiles/panden/{z}/{x}/{y}.mvt")
    again = client.get(f"/tiles/panden/{z}/{x}/{y}.mvt", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"] and not again.content


def test_empty_tile_and_zoom_outside_the_layer_answer_204(client, panden):
    z, x, y = tegel_voor(117000, 547000, 17)
    assert client.get(f"/tiles/panden/{z}/{x}/{y}.mvt").status_code == 204
    z, x, y = tegel_voor(113010, 553005, 12)  # panden start at zoom 14
    assert client.get(f"/tiles/panden/{z}/{x}/{y}.mvt").status_code == 204


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/tiles/panden/23/0/0.mvt", 400, "tegel_buiten_bereik"),
        ("/tiles/panden/3/8/0.mvt", 400, "tegel_buiten_bereik"),
        ("/tiles/panden/16/-1/5.mvt", 400, "tegel_buiten_bereik"),
        ("/tiles/bestaatniet/16/1/5.mvt", 404, "laag_onbekend"),
        ("/tiles/basiskaart/16/1/5.mvt", 404, "laag_onbekend"),  # raster, served by MapProxy
    ],
)
def test_bad_tile_requests_get_a_problem_json(client, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == code and response.json()["status"] == status


def test_staff_only_layer_is_invisible_to_the_public(client, admin_client, panden):
    Kaartlaag.objects.filter(naam="panden").update(publiek=False)
    z, x, y = tegel_voor(113010, 553005, 17)
    assert client.get(f"/tiles/panden/{z}/{x}/{y}.mvt").status_code == 404
    response = admin_client.get(f"/tiles/panden/{z}/{x}/{y}.mvt")
    assert response.status_code == 200 and response["Cache-Control"] == "private, max-age=300"


def test_a_tile_through_django_gets_no_parallel_plan(client, panden):
    from django.test.utils import CaptureQueriesContext

    z, x, y = tegel_voor(113010, 553005, 17)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/tiles/panden/{z}/{x}/{y}.mvt").status_code == 200
    sql = [q["sql"] for q in queries]
    tegel = next(i for i, q in enumerate(sql) if "ST_AsMVT(" in q)
    assert "SET LOCAL max_parallel_workers_per_gather = 0" in sql[tegel - 1]


def test_feature_cap_per_tile(client, panden, tmp_path, monkeypatch):
    monkeypatch.setattr(tegels, "MAX_OBJECTEN", 1)
    z, x, y = tegel_voor(113010, 553005, 17)
    assert len(lees_mvt(client.get(f"/tiles/panden/{z}/{x}/{y}.mvt").content, z, x, y, tmp_path)) == 1


@pytest.mark.parametrize("bron", sorted(VECTOR_BRONNEN))
def test_tile_query_selects_through_the_spatial_index(bron):
    """The envelope is transformed, not the column, so the GiST index can do the selection."""
    with connection.cursor() as cursor:
        cursor.execute("set local enable_seqscan = off")
        # On near-empty test tables a join (the omgevingsplan and DSO sources are views) may be driven
        # from any table through a btree index, so whether the GiST index is reachable is asked of
        # plans without nested loops; which plan wins on real data is the benchmark's business.
        cursor.execute("set local enable_nestloop = off")
        cursor.execute(
            "explain " + tegels.tegel_sql(VECTOR_BRONNEN[bron], 16),
            {"z": 16, "x": 33640, "y": 21500, "laag": "x"},
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert re.search(r"Index Scan (using|on) \w*_geom_\w+", plan) and "Seq Scan" not in plan, plan


def test_default_layers_and_their_legends():
    lagen = {laag.naam: laag for laag in Kaartlaag.objects.all()}
    assert set(lagen) >= {"panden", "adressen", "buurten", "wijken", "bgt"}
    assert lagen["panden"].legenda()[0] == {"label": "voor 1900", "kleur": "#7a0177"}
    assert lagen["adressen"].legenda() == [{"label": "Adressen", "kleur": "#004b8d"}]
    assert all(laag.bron in VECTOR_BRONNEN for laag in lagen.values() if laag.soort == "vector")
    assert lagen["basiskaart"].soort == "basiskaart"
