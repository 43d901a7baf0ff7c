"""OGC API – Features as web pages: the HTML form chosen by Accept and by ?f=, the links between the
two forms, and requirement class HTML of Part 1 (every JSON link also an <a> in the HTML body)."""

import html
import re

import pytest
import yaml

from tests.support.adressen import PAND_12A, PAND_14

pytestmark = pytest.mark.django_db

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PADEN = [
    "/ogc/",
    "/ogc/conformance",
    "/ogc/collections",
    "/ogc/collections/panden",
    "/ogc/collections/panden/items",
    f"/ogc/collections/panden/items/{PAND_12A}",
]


def _hrefs(pagina: str) -> set[str]:
    return {html.unescape(h) for h in re.findall(r'<a [^>]*href="([^"]+)"', pagina)}


@pytest.mark.parametrize("pad", PADEN)
def test_a_browser_gets_html_and_an_api_client_json(client, adressen, pad):
    pagina = client.get(pad, HTTP_ACCEPT=BROWSER)
    assert pagina.status_code == 200 and pagina["Content-Type"].startswith("text/html")
    assert "<title>" in pagina.content.decode() and 'class="utrecht-html' in pagina.content.decode()
    for accept in ({}, {"HTTP_ACCEPT": "application/json"}, {"HTTP_ACCEPT": "*/*"}):
        data = client.get(pad, **accept)
        assert data["Content-Type"] in ("application/json", "application/geo+json"), accept
    # ?f= wins over Accept, both ways.
    assert client.get(pad, {"f": "json"}, HTTP_ACCEPT="text/html")["Content-Type"].endswith("json")
    assert client.get(pad, {"f": "html"}, HTTP_ACCEPT="application/json")["Content-Type"].startswith(
        "text/html"
    )


@pytest.mark.parametrize("pad", PADEN)
def test_every_json_link_is_a_link_in_the_html_page_and_the_forms_point_at_each_other(client, adressen, pad):
    data = client.get(pad).json()
    links = data["links"]
    [alternate] = [link for link in links if link["rel"] == "alternate"]
    assert alternate["type"] == "text/html" and alternate["href"].endswith("f=html")
    pagina = client.get(alternate["href"].replace("http://testserver", "")).content.decode()
    assert {link["href"] for link in links} <= _hrefs(pagina)
    [zelf] = [link["href"] for link in links if link["rel"] == "self"]
    assert f'<link rel="alternate" type="application/json" href="{zelf}">' in pagina


def test_conformance_names_the_html_class(client):
    assert (
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html"
        in client.get("/ogc/conformance").json()["conformsTo"]
    )


def test_items_page_has_a_table_a_map_and_pages_on(client, adressen):
    eerste = client.get("/ogc/collections/panden/items", {"f": "html", "limit": 1}).content.decode()
    assert "<table>" in eerste and "Objecten 1 tot en met 1 van de 3." in eerste
    assert PAND_12A in eerste and PAND_14 not in eerste
    assert 'id="kleine-kaart"' in eerste and '"objecten": {"type": "FeatureCollection"' in eerste
    [volgende] = re.findall(r'<a class="knop" href="([^"]+)" rel="next"', eerste)
    tweede = client.get(html.unescape(volgende).replace("http://testserver", "")).content.decode()
    assert "Objecten 2 tot en met 2 van de 3." in tweede and PAND_14 in tweede
    assert 'rel="prev"' in tweede


def test_one_object_as_a_page(client, adressen):
    pagina = client.get(f"/ogc/collections/panden/items/{PAND_12A}", {"f": "html"}).content.decode()
    assert "<dt>bouwjaar</dt><dd>1890</dd>" in pagina and "MultiPolygon" in pagina
    feature = client.get(f"/ogc/collections/panden/items/{PAND_12A}").json()
    assert {link["rel"] for link in feature["links"]} == {"self", "alternate", "collection"}


def test_errors_are_a_page_for_a_browser_and_problem_json_for_a_client(client, adressen):
    pagina = client.get("/ogc/collections/bestaatniet", HTTP_ACCEPT=BROWSER)
    assert pagina.status_code == 404 and pagina["Content-Type"].startswith("text/html")
    assert "Er is geen collectie" in pagina.content.decode()
    fout = client.get("/ogc/collections/bestaatniet")
    assert fout.status_code == 404 and fout.json()["code"] == "collectie_onbekend"
    onbekend = client.get("/ogc/", {"f": "xml"})
    assert onbekend.status_code == 400 and onbekend.json()["code"] == "formaat_onbekend"


def test_the_api_schema_lists_only_the_json_form(client):
    schema = yaml.safe_load(client.get("/api/schema").content)
    for pad, operaties in schema["paths"].items():
        if pad.startswith("/ogc/"):
            for operatie in operaties.values():
                for antwoord in operatie["responses"].values():
                    assert "text/html" not in antwoord.get("content", {}), pad
