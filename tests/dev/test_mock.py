"""The mock knooppunt keeps the DSO conventions: x-api-key per environment, HAL paging, Content-Crs
and 422, problem+json, 429 with Retry-After, geldigOp, valid PDF and readable XML."""

import json
import re
import urllib.error
import urllib.request

import pytest

from dev.sample.toepasbare_regels import BESTANDEN
from dso_koppeling.stam import StamFout, lees
from kern.crs import RD_NEW_URI
from tests.support.knooppunt import SLEUTEL

VA = "/overheid/verzoeken/api/afhandelen/v1/verzoeken"
OZON = "/publiek/omgevingsdocumenten/api/presenteren/v8"
RTR = "/publiek/toepasbare-regels/api/rtrgegevens/v2"


def vraag(url, pad, sleutel=SLEUTEL, body=None, headers=None, methode=None):
    kop = {"x-api-key": sleutel} if sleutel else {}
    kop.update(headers or {})
    data = json.dumps(body).encode() if body is not None else None
    verzoek = urllib.request.Request(url + pad, data=data, headers=kop, method=methode)
    try:
        with urllib.request.urlopen(verzoek, timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as fout:
        return fout.code, dict(fout.headers), fout.read()


@pytest.fixture
def mock(knooppunt):
    return knooppunt(aantal=5, kapot=1, aanvullingen=1)


@pytest.mark.parametrize(
    ("sleutel", "status", "code"),
    [
        (None, 401, "sleutel_ontbreekt"),
        ("onbekend", 401, "sleutel_ontbreekt"),
        ("mock-sleutel-prod", 403, "sleutel_andere_omgeving"),
    ],
)
def test_sleutel_per_omgeving(mock, sleutel, status, code):
    s, kop, body = vraag(mock[1], VA, sleutel=sleutel)
    assert s == status and kop["Content-Type"] == "application/problem+json"
    assert json.loads(body)["code"] == code


def test_hal_pagina_en_keyset(mock):
    s, kop, body = vraag(mock[1], VA + "?size=2&page=2")
    data = json.loads(body)
    assert s == 200 and kop["Content-Type"] == "application/hal+json"
    assert data["page"] == {"size": 2, "totalElements": 6, "totalPages": 3, "number": 2}
    assert [i["volgnummer"] for i in data["_embedded"]["verzoeken"]] == [3, 4]
    assert {"self", "next", "prev"} <= set(data["_links"])
    na = json.loads(vraag(mock[1], VA + "?na=4")[2])
    assert [i["volgnummer"] for i in na["_embedded"]["verzoeken"]] == [5, 6]


def test_verzoek_xml_pdf_en_bijlagen(mock):
    app, url = mock
    refs = json.loads(vraag(url, VA + "/V-2026-000001/referenties")[2])
    verzoek = lees(vraag(url, refs["_links"]["verzoek"]["href"])[2])
    assert verzoek.verzoeknummer == "V-2026-000001" and verzoek.activiteiten
    pdf = vraag(url, refs["_links"]["publiceerbaar"]["href"])[2]
    # A valid PDF: the startxref offset points at the cross-reference table.
    offset = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
    assert pdf.startswith(b"%PDF-1.4") and pdf[offset:].startswith(b"xref")
    assert app.opslag.verzoeken["V-2026-000001"]["initiatiefnemer"]["naam"].encode() not in pdf
    for bijlage in refs["_embedded"]["bijlagen"]:
        assert vraag(url, bijlage["_links"]["inhoud"]["href"])[2].startswith(b"%PDF")
    with pytest.raises(StamFout, match="niet leesbaar"):
        lees(vraag(url, VA + "/V-2026-000005/verzoek")[2])
    assert vraag(url, VA + "/V-2026-999999/referenties")[0] == 404


def test_locaties_zoeken_vraagt_content_crs_en_kent_geldig_op(mock):
    url = mock[1]
    body = {"geometrie": {"type": "Point", "coordinates": [109000, 546000]}}
    s, _, fout = vraag(url, OZON + "/locaties/_zoek", body=body)
    assert s == 422 and json.loads(fout)["code"] == "crs_ontbreekt"
    kop = {"Content-Crs": RD_NEW_URI, "Content-Type": "application/json"}
    nu = json.loads(vraag(url, OZON + "/locaties/_zoek?geldigOp=2026-12-01", body=body, headers=kop)[2])
    later = json.loads(vraag(url, OZON + "/locaties/_zoek?geldigOp=2027-02-01", body=body, headers=kop)[2])
    assert [loc["noemer"] for loc in nu["_embedded"]["locaties"]] == ["Gemeentegebied Den Helder"]
    assert "Duinen (nieuw per 2027)" in [loc["noemer"] for loc in later["_embedded"]["locaties"]]
    assert (
        vraag(
            url,
            "/publiek/omgevingsdocumenten/api/geometrieopvragen/v1/geometrieen/nl.imow-gm0400.gebied.centrum",
        )[0]
        == 422
    )


def test_rtr_en_sttr_download(mock):
    url = mock[1]
    lijst = json.loads(vraag(url, RTR + "/toepasbareRegels?pageSize=2&datum=01-12-2026")[2])
    assert (
        lijst["page"]["totalElements"] == len(BESTANDEN)
        and len(lijst["_embedded"]["toepasbareRegelsList"]) == 2
    )
    dmn = vraag(url, lijst["_embedded"]["toepasbareRegelsList"][0]["_links"]["sttrBestand"]["href"])[2]
    assert b"definitions" in dmn[:500] and b"functioneleStructuurRef" in dmn
    assert vraag(url, RTR + "/toepasbareRegels?datum=2026-12-01")[0] == 400  # RTR dates are dd-MM-yyyy
    activiteiten = json.loads(
        vraag(url, RTR + "/activiteiten/_zoek", body={"bestuursorgaan": {"organisatieCode": "gm0400"}})[2]
    )
    assert activiteiten["_embedded"]["activiteiten"][0]["bestuursorgaan"]["organisatieCode"] == "gm0400"


def test_te_veel_aanroepen_geeft_429_met_retry_after(knooppunt):
    _, url = knooppunt(aantal=1, max_per_seconde=3)
    statussen = [vraag(url, VA) for _ in range(6)]
    s, kop, body = statussen[-1]
    assert s == 429 and kop["Retry-After"] == "1" and json.loads(body)["code"] == "te_veel_verzoeken"


def test_demo_api_voegt_een_verzoek_toe(mock):
    app, url = mock
    s, _, body = vraag(
        url,
        "/mock/verzoeken",
        sleutel=None,
        body={"type": "aanvraag"},
        headers={"Content-Type": "application/json"},
    )
    assert s == 201 and app.opslag.verzoeken[json.loads(body)["verzoeknummer"]]["type"] == "aanvraag"
    pagina = vraag(url, "/mock/", sleutel=None)[2].decode()
    assert '<html lang="nl">' in pagina and "Nieuw verzoek" in pagina


def test_sinds_een_moment_en_werkzaamheden(mock):
    app, url = mock
    moment = app.opslag.feed[2]["tijdstip"]
    na_moment = json.loads(vraag(url, VA + "?sinds=" + moment.replace("+", "%2B"))[2])
    assert [i["volgnummer"] for i in na_moment["_embedded"]["verzoeken"]] == [4, 5, 6]
    assert vraag(url, VA + "?sinds=gisteren")[0] == 400
    werk = json.loads(vraag(url, RTR + "/werkzaamheden?pageSize=4")[2])
    assert werk["page"]["totalElements"] == 6 and len(werk["_embedded"]["werkzaamheden"]) == 4


def test_opslag_blijft_bewaard_na_herstart(tmp_path):
    from dev.dso_mock.opslag import Opslag

    bestand = tmp_path / "mock.json"
    eerste = Opslag(bestand)
    v = eerste.nieuw(
        "melding",
        {"straatnaam": "Kanaalweg", "huisnummer": 1, "woonplaats": "Den Helder"},
        (113000.0, 553000.0),
        [],
        "Demo",
        {"naam": "X", "email": "x@example.org"},
    )
    eerste.nieuwe_versie(v["verzoeknummer"], "Demo 2")
    tweede = Opslag(bestand)
    assert tweede.verzoeken == eerste.verzoeken and tweede.feed == eerste.feed
    assert tweede.feed_na(0, 10)[0] == [eerste.feed[1]]


def test_timeout_storing_duurt_langer_dan_de_client_wacht(monkeypatch):
    """Issue 13 point 10: the mock's "timeout" held the answer 2 s, the client waits DSO_TIMEOUT (10 s)."""
    from django.conf import settings

    from dev.dso_mock.storingen import Storingen

    assert Storingen().timeout > settings.DSO_TIMEOUT
    monkeypatch.setenv("DSO_TIMEOUT", "3")
    assert Storingen().timeout > 3


def test_start_als_eigen_proces_zoals_make_run(tmp_path):
    """scripts/run.sh starts the mock with `python -m dev.dso_mock`, without Django's settings in its
    environment; it reads the BAG sample through kern.importing, whose unpack limits are settings."""
    import os
    import socket
    import subprocess
    import sys

    from tests.support.proces import wacht_op

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    omgeving = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    proces = subprocess.Popen(
        [sys.executable, "-m", "dev.dso_mock", "--port", str(poort), "--opslag", str(tmp_path / "m.json")],
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )

    def antwoordt() -> bool:
        try:
            vraag(f"http://127.0.0.1:{poort}", VA)
        except OSError:
            return False
        return True

    try:
        wacht_op(antwoordt, proces, seconden=60, stap=0.2)
        assert vraag(f"http://127.0.0.1:{poort}", VA)[0] == 200
    finally:
        proces.kill()
        proces.wait()
