"""Running the portal: metrics in Prometheus format, the access log, readiness, the error-reporting hook and the JSON
log format (docs/production.md, section 4). Below Django's URL routing, so the tile fast path and
MapProxy are counted too.
"""

import json
import logging
import os
import time
import traceback
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess

from kern.netwerk import client_ip_uit, ingekort

# Coarse kinds, so the label set stays small whatever paths clients try.
SOORTEN = (
    ("/tiles/", "tegel"),
    ("/basiskaart/", "basiskaart"),
    ("/api/locatie/", "locatie"),
    ("/api/toepasbare-regels/", "regels"),
    ("/api/meldingen", "meldingen"),
    ("/ogc/", "ogc"),
    ("/download/", "download"),
    ("/static/", "statisch"),
    ("/backoffice", "backoffice"),
    ("/vergunningcheck", "vergunningcheck"),
    ("/meldingen", "meldingen"),
    ("/dso/", "dso"),
)
VERZOEKEN = Counter("loket_verzoeken", "HTTP-verzoeken per soort en statusklasse", ["soort", "status"])
DUUR = Histogram(
    "loket_verzoek_seconden",
    "Duur van een verzoek tot het antwoord klaar is",
    ["soort"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def soort(pad: str) -> str:
    return next((naam for prefix, naam in SOORTEN if pad.startswith(prefix)), "pagina")


class MetMetrieken:
    """WSGI wrapper: counts every request by kind and status class and times it."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        begin = time.perf_counter()
        naam = soort(environ.get("PATH_INFO", ""))
        status = ["5xx"]

        def start(regel, koppen, exc_info=None):
            status[0] = regel[:1] + "xx"
            return start_response(regel, koppen, exc_info)

        try:
            return self.app(environ, start)
        finally:
            _teller(naam, status[0]).inc()
            _duur(naam).observe(time.perf_counter() - begin)


class MetToegangslog:
    """WSGI wrapper: one access-log line per request (logger `loket.toegang`, so in the format of the rest
    of the log: JSON with LOG_FORMAT=json), with the real client behind the proxy (kern.netwerk)
    shortened to its network: an IP address is personal data and a log is kept longer than a rate-limit
    counter. Timed until the application returned its answer, as the server's own log would."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        begin = time.perf_counter()
        status = ["-"]

        def start(regel, koppen, exc_info=None):
            status[0] = regel.split(" ", 1)[0]
            return start_response(regel, koppen, exc_info)

        try:
            return self.app(environ, start)
        finally:
            _toegang(environ, status[0], time.perf_counter() - begin)


TOEGANG = logging.getLogger("loket.toegang")


def _toegang(environ, status: str, seconden: float) -> None:
    pad = environ.get("PATH_INFO", "")
    if vraag := environ.get("QUERY_STRING"):
        pad += "?" + vraag
    TOEGANG.info(
        '%s "%s %s %s" %s %.1fms "%s"',
        ingekort(client_ip_uit(environ)),
        environ.get("REQUEST_METHOD", ""),
        pad,
        environ.get("SERVER_PROTOCOL", ""),
        status,
        seconden * 1000,
        environ.get("HTTP_USER_AGENT", "-"),
    )


# The labelled children, looked up once: `labels()` takes a lock and checks its arguments on every
# call, a noticeable share of a light tile's ~0.1 ms. Both label sets are small and fixed.
@cache
def _teller(naam: str, status: str):
    return VERZOEKEN.labels(naam, status)


@cache
def _duur(naam: str):
    return DUUR.labels(naam)


def metrieken_tekst() -> bytes:
    """All worker processes' metrics (multiprocess mode, config/webserver.py), else this process's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    from prometheus_client import REGISTRY

    return generate_latest(REGISTRY)


def meld_fout(sender, request=None, **kwargs):
    """Django's got_request_exception: hands the exception to FOUTMELDER (a dotted path), if set."""
    if not settings.FOUTMELDER:
        return
    import sys

    fout = sys.exc_info()[1]
    try:
        import_string(settings.FOUTMELDER)(request, fout)
    except Exception:  # the reporter must never turn one error into two
        logging.getLogger(__name__).exception("FOUTMELDER faalde")


class JsonFormaat(logging.Formatter):
    """One JSON object per line (LOG_FORMAT=json), for Loki or Elastic."""

    def format(self, record):
        regel = {
            "tijd": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "niveau": record.levelname,
            "logger": record.name,
            "bericht": record.getMessage(),
        }
        if record.exc_info:
            regel["uitzondering"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(regel, ensure_ascii=False)
