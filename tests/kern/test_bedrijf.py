"""Operations: readiness, metrics (only for METRICS_IPS), the error-reporting hook, JSON logs and the
access log."""

import contextlib
import io
import json
import logging
import sys
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.test import RequestFactory

from kaartlagen.basiskaart import uitgave
from kern.bedrijf import JsonFormaat, MetToegangslog, soort

gemeld = []


def vang(request, fout):
    gemeld.append((request.path, repr(fout)))


@pytest.mark.django_db
def test_gereed_met_alle_migraties_en_de_basiskaart_gebouwd(client, settings, tmp_path):
    settings.BASISKAART_DIR = tmp_path / "basiskaart"
    r = client.get("/gereed")
    assert r.status_code == 503
    assert r.json()["problemen"] == ["basiskaart: configuratie niet gebouwd (manage.py bouw_basiskaart)"]
    call_command("bouw_basiskaart", stdout=io.StringIO())
    r = client.get("/gereed")
    assert r.status_code == 200 and r.json() == {
        "status": "gereed",
        "problemen": [],
        "basiskaart": {"toegepast": uitgave.laatste(), "nieuwste": uitgave.laatste(), "achter_s": 0.0},
    }


@pytest.mark.django_db(transaction=True)
def test_metrics_tellen_ook_de_snelle_tegelroute(portalen):
    url = portalen()
    for pad in ("/gezondheid", "/tiles/panden/99/0/0.mvt"):
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(url + pad, timeout=10)  # noqa: S310
    tekst = urllib.request.urlopen(url + "/metrics", timeout=10).read().decode()  # noqa: S310
    assert 'loket_verzoeken_total{soort="pagina",status="2xx"}' in tekst
    assert 'loket_verzoeken_total{soort="tegel",status="4xx"}' in tekst
    assert "loket_verzoek_seconden_bucket" in tekst


def test_metrics_niet_voor_iedereen(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404


def test_soorten_blijven_een_kleine_set():
    assert soort("/tiles/x/1/2/3.mvt") == "tegel" and soort("/wat/dan/ook") == "pagina"


def test_foutmelder_krijgt_de_uitzondering(settings):
    settings.FOUTMELDER = "tests.kern.test_bedrijf.vang"
    gemeld.clear()
    try:
        raise ValueError("stuk")
    except ValueError:
        got_request_exception.send(sender=None, request=RequestFactory().get("/kaart"))
    assert gemeld == [("/kaart", "ValueError('stuk')")]


def test_json_logregel():
    try:
        raise KeyError("x")
    except KeyError:
        record = logging.LogRecord("loket", logging.ERROR, __file__, 1, "iets %s", ("mis",), sys.exc_info())
    regel = json.loads(JsonFormaat().format(record))
    assert (
        regel["niveau"] == "ERROR" and regel["bericht"] == "iets mis" and "KeyError" in regel["uitzondering"]
    )


def _toegang(caplog, environ):
    def app(environ, start_response):
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"weg"]

    omgeving = {"REQUEST_METHOD": "GET", "PATH_INFO": "/kaart", "SERVER_PROTOCOL": "HTTP/1.1", **environ}
    with caplog.at_level(logging.INFO, logger="loket.toegang"):
        assert MetToegangslog(app)(omgeving, lambda *a: None) == [b"weg"]
    [record] = [r for r in caplog.records if r.name == "loket.toegang"]
    return record


@pytest.mark.parametrize(
    ("proxies", "adres", "doorgestuurd", "logt"),
    [
        ([], "198.51.100.23", "", "198.51.100.0"),
        # A spoofed X-Forwarded-For from a sender that is not our proxy changes nothing.
        (["127.0.0.1"], "198.51.100.23", "203.0.113.7", "198.51.100.0"),
        # Behind our proxy: the client it forwards, shortened to its network.
        (["127.0.0.1"], "127.0.0.1", "203.0.113.7", "203.0.113.0"),
    ],
)
def test_toegangslog_met_de_echte_client_ingekort(settings, caplog, proxies, adres, doorgestuurd, logt):
    settings.TRUSTED_PROXIES = proxies
    environ = {"REMOTE_ADDR": adres, "QUERY_STRING": "x=1", "HTTP_USER_AGENT": "test/1"}
    if doorgestuurd:
        environ["HTTP_X_FORWARDED_FOR"] = doorgestuurd
    bericht = _toegang(caplog, environ).getMessage()
    assert bericht.startswith(f'{logt} "GET /kaart?x=1 HTTP/1.1" 404 ') and bericht.endswith('ms "test/1"')
    assert adres not in bericht and (not doorgestuurd or doorgestuurd not in bericht)


def test_toegangslog_in_json(caplog):
    record = _toegang(caplog, {"REMOTE_ADDR": "192.0.2.9"})
    regel = json.loads(JsonFormaat().format(record))
    assert regel["logger"] == "loket.toegang" and regel["bericht"].startswith(
        '192.0.2.0 "GET /kaart HTTP/1.1" 404'
    )
