"""OGC API – Features over the public layers, read by our own requests and by GDAL's OAPIF driver."""

import csv
import io
import json
import shutil
import subprocess

import pytest

from kaartlagen.models import Kaartlaag
from kern.crs import CRS84_URI, RD_NEW_URI
from tests.support.adressen import PAND_12A, PAND_14

pytestmark = pytest.mark.django_db


def test_landing_conformance_and_collections(client, adressen):
    landing = client.get("/ogc/").json()
    assert {link["rel"] for link in landing["links"]} >= {"self", "service-desc", "conformance", "data"}
    assert (
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"
        in client.get("/ogc/conformance").json()["conformsTo"]
    )
    collecties = {c["id"]: c for c in client.get("/ogc/collections").json()["collections"]}
    assert {"panden", "buurten"} <= set(collecties)
    assert collecties["panden"]["crs"] == [CRS84_URI, RD_NEW_URI]


def test_items_in_wgs84_by_default_and_in_rd_on_request(client, adressen):
    wgs = client.get("/ogc/collections/panden/items")
    assert wgs["Content-Type"] == "application/geo+json" and wgs["Content-Crs"] == f"<{CRS84_URI}>"
    data = wgs.json()
    assert data["numberMatched"] == 3 and [f["id"] for f in data["features"]][:2] == [PAND_12A, PAND_14]
    lon, lat = data["features"][0]["geometry"]["coordinates"][0][0][0]  # MultiPolygon
    assert 4.7 < lon < 4.8 and 52.9 < lat < 53.0
    rd = client.get("/ogc/collections/panden/items", {"crs": RD_NEW_URI})
    assert rd["Content-Crs"] == f"<{RD_NEW_URI}>"
    assert rd.json()["features"][0]["geometry"]["coordinates"][0][0][0] == [113000, 553000]
    assert rd.json()["features"][0]["properties"] == {
        "identificatie": PAND_12A,
        "bouwjaar": 1890,
        "status": "Pand in gebruik",
    }


def test_bbox_limit_offset_and_next_link(client, adressen):
    page = client.get(
        "/ogc/collections/panden/items",
        {"bbox": "112990,552990,113040,553020", "bbox-crs": RD_NEW_URI, "limit": 1},
    ).json()
    assert (page["numberMatched"], page["numberReturned"]) == (2, 1)
    [volgende] = [link["href"] for link in page["links"] if link["rel"] == "next"]
    tweede = client.get(volgende.replace("http://testserver", "")).json()
    assert [f["id"] for f in tweede["features"]] == [PAND_14]
    assert not [link for link in tweede["links"] if link["rel"] == "next"]


def test_single_item(client, adressen):
    response = client.get("/ogc/collections/buurten/items/BU04000102")
    assert response.status_code == 200 and response.json()["properties"]["naam"] == "Centrum"


@pytest.mark.parametrize(
    ("url", "params", "status", "code"),
    [
        ("/ogc/collections/bestaatniet/items", {}, 404, "collectie_onbekend"),
        ("/ogc/collections/panden/items/0400100000009999", {}, 404, "object_onbekend"),
        ("/ogc/collections/panden/items", {"bbox": "4,52,5,53"}, 400, "bbox_te_groot"),
        ("/ogc/collections/panden/items", {"bbox": "5,53,4,52"}, 400, "bbox_ongeldig"),
        ("/ogc/collections/panden/items", {"bbox": "a,b,c"}, 400, "bbox_ongeldig"),
        # Issue 13 point 10: NaN compares false with everything, so it used to pass every check.
        ("/ogc/collections/panden/items", {"bbox": "nan,nan,nan,nan"}, 400, "bbox_ongeldig"),
        ("/ogc/collections/panden/items", {"bbox": "4.7,52.9,inf,53"}, 400, "bbox_ongeldig"),
        ("/ogc/collections/panden/items", {"crs": "EPSG:3857"}, 400, "crs_onbekend"),
        ("/ogc/collections/panden/items", {"limit": "0"}, 400, "invoer_ongeldig"),
        # Issue 13 point 9: past PostgreSQL's bigint it was a 500.
        ("/ogc/collections/panden/items", {"offset": "99999999999999999999"}, 400, "invoer_ongeldig"),
        ("/ogc/collections/panden/items", {"offset": "-1"}, 400, "invoer_ongeldig"),
    ],
)
def test_bad_requests(client, adressen, url, params, status, code):
    response = client.get(url, params)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert response["Content-Type"] == "application/problem+json"


def test_staff_only_layers_are_not_open_data(client, adressen):
    Kaartlaag.objects.filter(naam="panden").update(publiek=False)
    assert "panden" not in [c["id"] for c in client.get("/ogc/collections").json()["collections"]]
    assert client.get("/ogc/collections/panden/items").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_gdal_reads_it_as_an_ogc_api(adressen, live_server):
    if not shutil.which("ogr2ogr"):
        pytest.skip("ogr2ogr (gdal-bin) ontbreekt")
    bron = f"OAPIF:{live_server.url}/ogc"
    info = subprocess.run(["ogrinfo", "-ro", "-q", bron], capture_output=True, text=True, check=False)
    assert info.returncode == 0, info.stderr
    lagen = info.stdout
    assert "panden" in lagen and "buurten" in lagen
    uit = subprocess.run(
        ["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", bron, "panden", "-oo", "PAGE_SIZE=2"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert sorted(f["properties"]["identificatie"] for f in json.loads(uit.stdout)["features"]) == [
        PAND_12A,
        PAND_14,
        "0400100000000003",
    ]


def test_downloads_as_geojson_and_csv(client, adressen):
    response = client.get("/download/panden.geojson")
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"] == 'attachment; filename="panden.geojson"'
    data = json.loads(b"".join(response.streaming_content))
    assert [f["id"] for f in data["features"]] == [PAND_12A, PAND_14, "0400100000000003"]

    rows = list(
        csv.reader(io.StringIO(b"".join(client.get("/download/buurten.csv").streaming_content).decode()))
    )
    assert rows[0] == ["id", "code", "naam", "geometrie_wkt_crs84"]
    assert rows[1][:3] == ["BU04000102", "BU04000102", "Centrum"] and rows[1][3].startswith(
        "MULTIPOLYGON(((4."
    )
    assert client.get("/download/bestaatniet.csv").status_code == 404
