"""Address search API (/api/locatie/…): finding, ranking, locating, and refusing bad input clearly."""

import pytest

from kern.crs import naar_wgs84
from tests.support.adressen import CENTRUM, KEIZER, NUM_12A, NUM_14, SPOOR

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("q", "eerste_id", "naam"),
    [
        ("Keizerstraat 12a", f"adres-{NUM_12A}", "Keizerstraat 12a, 1781AB Den Helder"),
        ("keizerstr 12", f"adres-{NUM_12A}", "Keizerstraat 12a, 1781AB Den Helder"),
        ("1781 AB 12", f"adres-{NUM_12A}", "Keizerstraat 12a, 1781AB Den Helder"),
        ("1781ab", f"adres-{NUM_12A}", "Keizerstraat 12a, 1781AB Den Helder"),
        ("kiezerstraat", f"weg-{KEIZER}", "Keizerstraat, Den Helder"),
        ("spoorstr", f"weg-{SPOOR}", "Spoorstraat, Den Helder"),
        ("centrum", "buurt-BU04000102", "Centrum (buurt)"),
        ("den helder", "woonplaats-3056", "Den Helder"),
    ],
)
def test_suggest_finds_addresses_streets_and_areas(client, adressen, q, eerste_id, naam):
    response = client.get("/api/locatie/suggest", {"q": q})
    assert response.status_code == 200, response.content
    eerste = response.json()[0]
    assert (eerste["id"], eerste["weergavenaam"]) == (eerste_id, naam)


def test_lookup_gives_location_and_buurt(client, adressen):
    response = client.get("/api/locatie/lookup", {"id": f"adres-{NUM_12A}"})
    assert response.status_code == 200
    locatie = response.json()
    assert locatie["centroide_rd"] == [113005.0, 553005.0]
    lon, lat = locatie["centroide_ll"]
    assert 4.7 < lon < 4.8 and 52.9 < lat < 53.0
    assert (locatie["buurtcode"], locatie["buurtnaam"], locatie["postcode"]) == (
        "BU04000102",
        "Centrum",
        "1781AB",
    )


def test_free_search_includes_where_it_lies(client, adressen):
    [treffer] = client.get("/api/locatie/free", {"q": "spoorstraat 3"}).json()
    assert treffer["centroide_rd"] == [113500.0, 553500.0] and "buurtcode" not in treffer


def test_reverse_finds_the_nearest_address_first_in_wgs84_and_rd(client, adressen):
    lon, lat = naar_wgs84(113020, 553005)
    wgs = client.get("/api/locatie/reverse", {"x": lon, "y": lat}).json()
    assert [t["id"] for t in wgs] == [f"adres-{NUM_14}", f"adres-{NUM_12A}"]
    assert wgs[0]["afstand"] == pytest.approx(5.0, abs=0.2)
    assert (wgs[0]["buurtcode"], wgs[0]["buurtnaam"]) == (CENTRUM, "Centrum")
    assert wgs[0]["centroide_rd"] == [113025.0, 553005.0]
    rd = client.get("/api/locatie/reverse", {"x": 113020, "y": 553005, "crs": "rd"}).json()
    assert [t["id"] for t in rd] == [t["id"] for t in wgs]


def test_reverse_orders_addresses_at_the_same_distance_and_skips_ended_ones(client, adressen):
    """The nearest addresses are found by walking the index outward; those at the same distance as the
    last one kept must all be weighed, or the order among a building's addresses would be chance."""
    from tests.support import factories as f

    straat = f.OpenbareRuimteFactory(naam="Havenplein")
    for letter in ("c", "", "b"):  # one building, one point: the address without letter first, then b
        f.VerblijfsobjectFactory(
            x=113300,
            y=553100,
            hoofdadres=f.NummeraanduidingFactory(huisnummer=20, huisletter=letter, openbare_ruimte=straat),
        )
    # Nearer, but their nummeraanduidingen have ended: no addresses any more.
    for huisnummer in (22, 24):
        f.VerblijfsobjectFactory(
            x=113300,
            y=553105,
            hoofdadres=f.NummeraanduidingFactory(huisnummer=huisnummer, openbare_ruimte=straat, actief=False),
        )
    gevonden = client.get("/api/locatie/reverse", {"x": 113300, "y": 553110, "crs": "rd", "rows": 2}).json()
    assert [t["weergavenaam"].split(",")[0] for t in gevonden] == ["Havenplein 20", "Havenplein 20b"]
    assert [t["afstand"] for t in gevonden] == [10.0, 10.0]


@pytest.mark.parametrize(
    ("url", "params", "status", "code"),
    [
        ("/api/locatie/suggest", {"q": "x" * 10_000}, 400, "invoer_ongeldig"),
        ("/api/locatie/suggest", {"q": "<script>alert(1)</script>"}, 400, "zoekterm_ongeldig"),
        ("/api/locatie/suggest", {"q": "!!!"}, 400, "zoekterm_leeg"),
        ("/api/locatie/suggest", {}, 400, "invoer_ongeldig"),
        ("/api/locatie/lookup", {"id": "adres-0400200000009999"}, 404, "niet_gevonden"),
        ("/api/locatie/lookup", {"id": "'; drop table x"}, 400, "id_ongeldig"),
        ("/api/locatie/reverse", {"x": 5.1, "y": 52.1}, 400, "buiten_gemeente"),
        ("/api/locatie/reverse", {"x": 500, "y": 52.9}, 400, "buiten_crs"),
        ("/api/locatie/reverse", {"x": 113000, "y": 553000}, 400, "buiten_crs"),
        ("/api/locatie/reverse", {"x": "noord"}, 400, "invoer_ongeldig"),
    ],
)
def test_bad_input_gets_a_problem_json(client, adressen, url, params, status, code):
    response = client.get(url, params)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == code and response.json()["title"]
