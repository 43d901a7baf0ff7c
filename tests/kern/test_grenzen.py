"""API input bounds before parsing (body size, JSON depth) and Django's own error pages as
problem+json on API paths; pages keep their HTML error pages."""

import json

import pytest
from django.test import Client

from kern.grenzen import json_diepte

pytestmark = pytest.mark.django_db

ZOEK = "/api/toepasbare-regels/zoekinterface/v2/werkzaamheden/_zoek"
BEPAAL = "/api/toepasbare-regels/uitvoeren/v3/conclusie/_bepaal"


def _probleem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["code"]) == (status, code)
    return body


@pytest.mark.parametrize("pad", [BEPAAL, ZOEK, "/api/meldingen"])
def test_json_nested_100000_deep_is_a_400_not_a_500(client, pad):
    response = client.post(pad, b"[" * 100_000 + b"]" * 100_000, content_type="application/json")
    _probleem(response, 400, "json_te_diep")


def test_ordinary_json_still_gets_through(client):
    response = client.post(ZOEK, {"zoekterm": "schutting"}, content_type="application/json")
    assert response.status_code == 200


def test_a_body_over_the_limit_is_a_413_before_it_is_read(client, settings):
    body = json.dumps({"zoekterm": "x" * (3 * 1024 * 1024)})
    body = _probleem(client.post(ZOEK, body, content_type="application/json"), 413, "body_te_groot")
    assert str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) in body["detail"]


def test_a_form_body_over_the_limit_is_a_413(client):
    response = client.post(
        "/api/meldingen/M-1/aansluiten",
        "email=" + "x" * (3 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    _probleem(response, 413, "body_te_groot")


def test_files_have_their_own_larger_limit(client, settings):
    settings.API_MAX_BODY_BESTANDEN = 1000
    response = client.post("/api/meldingen", {"omschrijving": "x" * 2000})  # multipart
    _probleem(response, 413, "body_te_groot")


def test_unknown_api_path_is_problem_json_and_a_page_stays_html(client):
    _probleem(client.get("/api/bestaat-niet"), 404, "niet_gevonden")
    _probleem(client.get("/ogc/bestaat/niet/echt"), 404, "niet_gevonden")
    pagina = client.get("/bestaat-niet")
    assert pagina.status_code == 404 and pagina["Content-Type"].startswith("text/html")


def test_djangos_own_400_is_problem_json_on_api_paths(client):
    # A Host header outside ALLOWED_HOSTS: Django answers 400 itself, before any view.
    _probleem(client.get("/api/locatie/suggest?q=a", HTTP_HOST="kwaad.example"), 400, "verzoek_ongeldig")
    pagina = client.get("/locatie", HTTP_HOST="kwaad.example")
    assert pagina.status_code == 400 and not pagina["Content-Type"].startswith("application/problem+json")


def test_a_wrong_method_keeps_its_allow_header(client):
    # A plain Django view (require_POST) answers 405 with an HTML body of its own.
    response = client.get("/dso/verzoeknotificatie")
    _probleem(response, 405, "methode_niet_toegestaan")
    assert response["Allow"] == "POST"


@pytest.mark.urls("tests.kern.urls_kapot")
def test_a_crash_on_an_api_path_is_a_500_problem_and_a_page_crash_stays_html():
    client = Client(raise_request_exception=False)
    _probleem(client.get("/api/kapot"), 500, "serverfout")
    pagina = client.get("/pagina/kapot")
    assert pagina.status_code == 500 and pagina["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("tekst", "diepte"),
    [
        (b'{"a": [1, {"b": 2}]}', 3),
        (b'{"a": "[[[[[[[[[["}', 1),  # brackets in a string do not count
        (b'["\\"[[[[", {"x": "]]]"}]', 2),  # nor behind an escaped quote
        (b"", 0),
        (b"[" * 50, 11),  # stops counting once past the limit
    ],
)
def test_json_diepte(tekst, diepte):
    assert json_diepte(tekst, 10) == diepte
