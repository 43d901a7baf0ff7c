"""The fast path for the _bepaal calls: the same answer as the DRF view, byte for byte and header for
header, and Django for everything else (every error comes from Django with the body as sent).

Transactional: both paths run a WSGI request cycle, whose start and end check the database
connections as a server's would."""

import json

import pytest

from config.wsgi import maak_portaal
from kern import bedrijf, snelpad
from tests.support.wsgi import Django, roep
from toepasbare_regels.snelpad import BepaalServer

pytestmark = pytest.mark.django_db(transaction=True)

UITVOEREN = "/api/toepasbare-regels/uitvoeren/v3/"
CONCLUSIE = f"{UITVOEREN}conclusie/_bepaal"
PUNT = {"type": "Point", "coordinates": [113005.0, 553005.0]}  # Keizerstraat 12a in `adressen`
UITWEG = "UitwegAanleggen"


def body(refs=(UITWEG,), antwoorden=(), geo=PUNT, **extra) -> bytes:
    return json.dumps(
        {
            "functioneleStructuurRefs": [
                {"functioneleStructuurRef": r, "antwoorden": list(antwoorden)} for r in refs
            ],
            "_geo": {"intersects": geo},
            **extra,
        }
    ).encode()


def vraag(app, inhoud: bytes, pad=CONCLUSIE, methode="POST", **koppen):
    standaard = {"CONTENT_TYPE": "application/json", "HTTP_CONTENT_CRS": "EPSG:28992"}
    return roep(app, pad, methode, inhoud, CONTENT_LENGTH=str(len(inhoud)), **{**standaard, **koppen})


@pytest.fixture
def server(settings, regels, adressen):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    snelpad.vergeet()
    django = Django()
    yield BepaalServer(django), django
    snelpad.vergeet()


def test_same_bytes_and_headers_as_the_drf_view_without_reaching_django(server):
    snel, django = server
    vragen = [
        (CONCLUSIE, body(), {}),
        (CONCLUSIE, body(antwoorden=[{"id": "x", "antwoord": "ja"}], datum="01-01-2025"), {}),
        (CONCLUSIE, body(refs=(UITWEG, "DakkapelPlaatsen"), betwisteFeiten=["monument"]), {}),
        (f"{UITVOEREN}indieningsvereisten/_bepaal", body(), {"HTTP_ACCEPT": "application/json"}),
        (f"{UITVOEREN}maatregelen/_bepaal", body(), {"HTTP_ACCEPT": "*/*"}),
        (CONCLUSIE, body(), {"HTTP_ACCEPT": "application/json, text/plain, */*"}),
        (CONCLUSIE, body(), {"CONTENT_TYPE": "application/json; charset=UTF-8"}),
        (
            CONCLUSIE,
            body(geo={"type": "Point", "coordinates": [4.7603, 52.9589]}),
            {"HTTP_CONTENT_CRS": "EPSG:4326"},
        ),
    ]
    for pad, inhoud, koppen in vragen:
        kort, lang = vraag(snel, inhoud, pad, **koppen), vraag(django.handler, inhoud, pad, **koppen)
        assert kort == lang
        assert kort["status"] == "200 OK"
    assert django.paden == []
    # The first step asks a question, an answer to it concludes: both answered here.
    eerste = json.loads(vraag(snel, body())["inhoud"])
    [v] = eerste[0]["activiteiten"][0]["vraaggroepen"][0]["vragen"]
    tweede = json.loads(vraag(snel, body(antwoorden=[{"id": v["id"], "antwoord": "false"}]))["inhoud"])
    assert tweede[0]["activiteiten"][0]["conclusies"][0]["toestemmingstype"]["code"] == "Vergunningplicht"
    assert django.paden == []


# (body, environ, what Django answers): one setup for all, a transactional one costs seconds.
ANDERS = [
    (body(), {"HTTP_CONTENT_CRS": ""}, "400 Bad Request"),  # content_crs_ontbreekt
    (body(), {"HTTP_CONTENT_CRS": "EPSG:3857"}, "400 Bad Request"),  # content_crs_onbekend
    (body(geo={"type": "Point", "coordinates": [1.0, 2.0]}), {}, "400 Bad Request"),  # buiten de gemeente
    (body(datum="31-02-2025"), {}, "400 Bad Request"),  # datum_ongeldig
    (body(refs=("OnbekendeWerkzaamheid",)), {}, "400 Bad Request"),  # refused by the check itself
    (b'{"functioneleStructuurRefs": [', {}, "400 Bad Request"),  # no JSON
    (body(datum=float("nan")), {}, "400 Bad Request"),  # NaN: DRF's strict JSON
    (b"[" * 40 + b"]" * 40, {}, "400 Bad Request"),  # json_te_diep
    (body(betwisteFeiten="monument"), {}, "400 Bad Request"),  # the serializer's invoer_ongeldig
    (body(), {"HTTP_COOKIE": "sessionid=x"}, "200 OK"),
    (body(), {"QUERY_STRING": "format=json"}, "200 OK"),
    (body(), {"HTTP_ACCEPT": "text/html"}, "406 Not Acceptable"),
    (body(), {"CONTENT_TYPE": "application/json; charset=latin-1"}, "200 OK"),
    (body(), {"HTTP_HOST": "evil.example"}, "400 Bad Request"),
    (body(), {"REQUEST_METHOD": "PUT"}, "405 Method Not Allowed"),
    (b"x" * 3_000_000, {}, "413 Request Entity Too Large"),
]


def test_everything_else_goes_to_django_with_the_body_as_sent(server):
    snel, django = server
    for inhoud, koppen, status in ANDERS:
        django.paden.clear()
        kort, lang = vraag(snel, inhoud, **koppen), vraag(django.handler, inhoud, **koppen)
        assert kort["status"] == status, (koppen, inhoud[:80])
        assert kort == lang
        assert django.paden == [CONCLUSIE]


def test_the_portal_counts_the_fast_path_and_sends_its_security_headers(server):
    _, django = server
    portaal = maak_portaal(django)
    geteld = bedrijf._teller("regels", "2xx")._value.get()
    antwoord = vraag(portaal, body())
    assert antwoord["status"] == "200 OK" and django.paden == []
    assert bedrijf._teller("regels", "2xx")._value.get() == geteld + 1
    koppen = antwoord["koppen"]
    assert koppen["Content-Security-Policy"].startswith("default-src 'self'")
    assert koppen["X-Frame-Options"] == "DENY"
    assert koppen["X-Content-Type-Options"] == "nosniff"
    assert koppen["Referrer-Policy"] == "same-origin"
