"""Locatie-informatie: the API behind the map panel and the /locatie page that works without the map."""

import pytest

from kaartlagen import locatie
from tests.conftest import NUM_12A, NUM_14, PAND_12A

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


def test_locatie_page_answers_without_map_or_javascript(client, adressen):
    response = client.get("/locatie", {"adres": "Keizerstraat 12a"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html
    assert "Keizerstraat 12a, 1781AB Den Helder" in html
    assert "<dd>1890</dd>" in html and "<dd>wonen</dd>" in html and "<dd>Centrum</dd>" in html
    assert '<label for="adres">' in html


def test_locatie_page_lists_other_addresses_as_links(client, adressen):
    html = client.get("/locatie", {"adres": "1781 AB"}).content.decode()
    assert "Bedoelt u een ander adres?" in html
    assert f'href="/locatie?id=adres-{NUM_14}"' in html


@pytest.mark.parametrize(
    ("adres", "status", "tekst"),
    [
        ("Nergensstraat 99", 404, "We hebben niets gevonden"),
        ("<script>alert(1)</script>", 400, "mag geen &lt; of &gt; bevatten"),
        ("x" * 10_000, 400, "langer dan 200 tekens"),
        ("Keizerstraat", 200, "Typ ook het huisnummer"),
    ],
)
def test_locatie_page_explains_what_went_wrong(client, adressen, adres, status, tekst):
    response = client.get("/locatie", {"adres": adres})
    assert response.status_code == status
    html = response.content.decode()
    assert tekst in html and "<script>alert" not in html
