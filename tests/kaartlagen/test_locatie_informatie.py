"""Locatie-informatie: the API behind the map panel, and the sections other apps add to it."""

import pytest
from django.db import connection

from kaartlagen import locatie
from tests.support.adressen import NUM_12A, NUM_14, PAND_12A

pytestmark = pytest.mark.django_db


def test_information_at_an_address(client, adressen):
    info = client.get("/api/locatie/informatie", {"id": f"adres-{NUM_12A}"}).json()
    assert info["adressen"][0]["weergavenaam"] == "Keizerstraat 12a, 1781AB Den Helder"
    [pand] = info["panden"]
    assert (pand["identificatie"], pand["bouwjaar"], pand["gebruiksdoelen"], pand["oppervlakte"]) == (
        PAND_12A,
        1890,
        ["woonfunctie"],
        100,
    )
    assert info["buurt"] == {"code": "BU04000102", "naam": "Centrum"}
    assert info["punt_rd"] == [113005.0, 553005.0]
    # People read plain words, machines keep the BAG's own; the outline is drawn on the map.
    assert pand["gebruik"] == "wonen" and pand["status_tekst"] == "in gebruik"
    assert (
        pand["contour"]["type"] == "MultiPolygon" and 4.7 < pand["contour"]["coordinates"][0][0][0][0] < 4.8
    )


def test_information_at_a_clicked_point_in_rd_and_wgs84(client, adressen):
    rd = client.get("/api/locatie/informatie", {"x": 113022, "y": 553008, "crs": "rd"}).json()
    assert [a["id"] for a in rd["adressen"]] == [f"adres-{NUM_14}"]
    assert rd["panden"][0]["bouwjaar"] == 1990
    wgs = client.get("/api/locatie/informatie", {"x": rd["punt_ll"][0], "y": rd["punt_ll"][1]}).json()
    assert wgs["panden"] == rd["panden"]


def test_a_click_next_to_a_building_finds_the_nearest_address(client, adressen):
    info = client.get("/api/locatie/informatie", {"x": 113005, "y": 553015, "crs": "rd"}).json()
    assert info["panden"] == [] and info["adressen"][0]["id"] == f"adres-{NUM_12A}"


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"x": 5.1, "y": 52.1}, 400, "buiten_gemeente"),
        ({}, 400, "invoer_ongeldig"),
        ({"id": "adres-0400200000009999"}, 404, "niet_gevonden"),
    ],
)
def test_bad_requests_for_information(client, adressen, params, status, code):
    response = client.get("/api/locatie/informatie", params)
    assert (response.status_code, response.json()["code"]) == (status, code)


def test_other_parts_of_the_portal_add_sections(client, adressen, monkeypatch):
    monkeypatch.setattr(locatie, "_SECTIES", [])

    @locatie.sectie
    def omgevingsplan(info):
        return locatie.Sectie("omgevingsplan", "Regels voor deze plek", [("Maximale bouwhoogte", "9 m")])

    info = client.get("/api/locatie/informatie", {"id": f"adres-{NUM_12A}"}).json()
    assert info["secties"] == [
        {
            "sleutel": "omgevingsplan",
            "titel": "Regels voor deze plek",
            "regels": [["Maximale bouwhoogte", "9 m"]],
        }
    ]
    page = client.get("/locatie", {"id": f"adres-{NUM_12A}"}).content.decode()
    assert "Regels voor deze plek" in page and "9 m" in page


def test_bag_values_in_everyday_words_come_from_one_mapping():
    from kaartlagen import bagwoorden

    assert bagwoorden.gebruik(["woonfunctie", "winkelfunctie"]) == "wonen, winkel"
    assert bagwoorden.gebruik([]) == "onbekend"
    assert bagwoorden.pandstatus("Sloopvergunning verleend") == "wordt gesloopt"
    assert bagwoorden.pandstatus("iets nieuws") == "iets nieuws"  # an unknown value is shown as it is


def test_every_map_starts_at_the_extent_of_the_loaded_bag(client, adressen, settings):
    from kaartlagen.kaart import startbeeld
    from kern.crs import naar_wgs84

    beeld = startbeeld()
    (zuid, west), (noord, oost) = beeld["grenzen"]
    lon, lat = naar_wgs84(113005, 553005)  # inside the first pand
    assert west <= lon <= oost and zuid <= lat <= noord
    # The panden of the fixture lie within 520 m: far from the middle of the municipality's bbox.
    minx, miny, maxx, maxy = settings.GEMEENTE_BBOX_RD
    midden = naar_wgs84((minx + maxx) / 2, (miny + maxy) / 2)
    assert not (west <= midden[0] <= oost and zuid <= midden[1] <= noord)
    assert 15 <= beeld["zoom"] <= 17
    html = client.get("/kaart").content.decode()
    assert f'"grenzen": {beeld["grenzen"]}'.replace("'", '"') in html
    assert client.get("/meldingen/nieuw").context["config"]["centrum"] == beeld["centrum"]
    # The melden map fits the same extent at any width, as /kaart does.
    assert client.get("/meldingen/nieuw").context["config"]["grenzen"] == beeld["grenzen"]


def test_a_section_can_be_read_in_the_panels_own_statement(client, adressen, monkeypatch):
    monkeypatch.setattr(locatie, "_SECTIES", [])

    @locatie.sql_sectie("SELECT json_build_array(round(ST_X(pt.p)), %(vandaag)s::text)")
    def waar(info, waarde):
        return locatie.Sectie("waar", "Waar", [("x", str(waarde[0])), ("datum gezet", str(bool(waarde[1])))])

    info = client.get("/api/locatie/informatie", {"x": 113022, "y": 553008, "crs": "rd"}).json()
    assert info["secties"] == [
        {"sleutel": "waar", "titel": "Waar", "regels": [["x", "113022"], ["datum gezet", "True"]]}
    ]


def test_the_core_and_every_sql_section_come_back_in_one_round_trip(
    adressen, monkeypatch, django_assert_num_queries
):
    # Plain @sectie functions query on their own; everything else is one statement.
    monkeypatch.setattr(
        locatie, "_SECTIES", [s for s in locatie._SECTIES if isinstance(s, locatie.SqlSectie)]
    )
    assert len(locatie._SECTIES) >= 3  # meldingen, omgevingsplan, vergunningaanvragen
    with django_assert_num_queries(1):
        info = locatie.bij_punt(113022, 553008, locatie.RD_NEW)
    assert info.panden and info.adressen and info.buurt
    with django_assert_num_queries(1):
        naast = locatie.bij_punt(113005, 553015, locatie.RD_NEW)
    assert naast.panden == [] and naast.adressen[0]["afstand"] > 0 and "buurtcode" in naast.adressen[0]


def test_the_panels_statement_is_planned_once_per_connection(adressen):
    # Planning it cost ~3× its execution; prepared, the second request reuses the first one's statement.
    locatie.bij_punt(113022, 553008, locatie.RD_NEW)
    locatie.bij_punt(113005, 553015, locatie.RD_NEW)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%FROM kaartlagen_pand p, pt%"],
        )
        assert cursor.fetchall() == [(2,)]


def test_the_panels_statement_keeps_a_generic_plan(adressen):
    # Under plan_cache_mode=auto the first five executions per connection get custom plans, and with a
    # large VBO table PostgreSQL kept them for good (2.6–11 ms a request at 100× instead of 0.5–0.8 ms).
    for _ in range(6):
        locatie.bij_punt(113022, 553008, locatie.RD_NEW)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%FROM kaartlagen_pand p, pt%"],
        )
        assert cursor.fetchall() == [(6, 0)]


def test_without_panden_maps_start_at_the_imported_boundary(settings):
    from django.contrib.gis.geos import MultiPolygon, Polygon

    from kaartlagen.services import data_grenzen
    from kern import gemeente
    from kern.models import Gemeentegrens

    settings.GEMEENTE_CBS_CODE = "GM9999"
    vlak = Polygon.from_bbox((200_000, 440_000, 201_000, 442_000))
    Gemeentegrens.objects.create(
        cbs_code="GM9999", naam="Proef", geom=MultiPolygon(vlak, srid=locatie.RD_NEW)
    )
    gemeente.vergeet_grens()
    try:
        assert data_grenzen() == (200_000, 440_000, 201_000, 442_000)
    finally:
        gemeente.vergeet_grens()
