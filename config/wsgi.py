import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_app = get_wsgi_application()


class MetBasiskaart:
    """Django, with MapProxy mounted under /basiskaart/. MapProxy runs on the configuration that
    `manage.py bouw_basiskaart` wrote before the web processes started (once per release); a web
    process only reads it, loaded once on the first basemap request (parallel first requests wait for
    that one load), and answers 503 while there is none. /basiskaart/ itself is Django's landing page
    (`kaartlagen.views.basiskaart_pagina`); MapProxy serves every path below it."""

    def __init__(self, django):
        from kaartlagen.basiskaart.mapproxy import PAD  # after get_wsgi_application(): it set Django up

        self.django = django
        self.pad = PAD
        self.mapproxy = None
        self._laden = threading.Lock()

    def __call__(self, environ, start_response):
        pad = environ.get("PATH_INFO", "")
        if pad.startswith(self.pad + "/") and pad != self.pad + "/":
            mapproxy = self._mapproxy()
            if mapproxy is None:
                return _niet_gebouwd(start_response)
            environ = {
                **environ,
                "SCRIPT_NAME": environ.get("SCRIPT_NAME", "") + self.pad,
                "PATH_INFO": pad[len(self.pad) :],
            }
            return mapproxy(environ, start_response)
        return self.django(environ, start_response)

    def _mapproxy(self):
        from kaartlagen.basiskaart.mapproxy import configuratie_pad, maak_app

        # Asked every time (one stat), so a removed configuration gives 503, not MapProxy's 500.
        if not configuratie_pad().exists():
            return None
        if self.mapproxy is None:
            with self._laden:
                if self.mapproxy is None:
                    self.mapproxy = maak_app()
        return self.mapproxy


def _niet_gebouwd(start_response):
    from kern.problem import probleem

    antwoord = probleem(
        503,
        "basiskaart_niet_gebouwd",
        "De basiskaart is nog niet klaar",
        "De configuratie van de basiskaart ontbreekt: draai `manage.py bouw_basiskaart` voordat de "
        "webprocessen starten (make run doet dat zelf).",
    )
    antwoord["Retry-After"] = "30"
    start_response(f"503 {antwoord.reason_phrase}", list(antwoord.items()))
    return [antwoord.content]


# What the server sets per request (CGI/WSGI); a variable of the same name in the process environment
# must not take the request's value away.
_PER_VERZOEK = frozenset(
    {
        "REQUEST_METHOD",
        "SCRIPT_NAME",
        "PATH_INFO",
        "QUERY_STRING",
        "CONTENT_TYPE",
        "CONTENT_LENGTH",
        "SERVER_NAME",
        "SERVER_PORT",
        "SERVER_PROTOCOL",
        "SERVER_SOFTWARE",
        "GATEWAY_INTERFACE",
        "REMOTE_ADDR",
        "REMOTE_HOST",
        "REMOTE_PORT",
        "RAW_URI",
        "REQUEST_URI",
    }
)


class ZonderProcesomgeving:
    """granian hands every request the whole process environment (its WSGI environ starts as a copy of
    os.environ), so request.META carried DATABASE_URL with its password, SECRET_KEY and the rest into
    anything that shows or sends META: an error reporter, a debug page, a log line. They are taken out
    here, before anything else sees the request."""

    def __init__(self, app, omgeving):
        self.app = app
        self.weg = tuple(
            naam for naam in omgeving if naam not in _PER_VERZOEK and not naam.startswith(("HTTP_", "wsgi."))
        )

    def __call__(self, environ, start_response):
        for naam in self.weg:
            environ.pop(naam, None)
        return self.app(environ, start_response)


def maak_portaal(django):
    """The whole portal: the fast paths for public tiles and the vergunningcheck's steps in front of
    Django, MapProxy beside it, all counted for /metrics, and an access-log line per request unless
    WEB_ACCESS_LOG is empty or 0; no process environment in a request."""
    from kaartlagen.tegelserver import TegelServer  # after get_wsgi_application(): it set Django up
    from kern.bedrijf import MetMetrieken, MetToegangslog
    from toepasbare_regels.snelpad import BepaalServer

    portaal = MetMetrieken(MetBasiskaart(TegelServer(BepaalServer(django))))
    if os.environ.get("WEB_ACCESS_LOG", "1") not in ("", "0"):
        portaal = MetToegangslog(portaal)
    return ZonderProcesomgeving(portaal, os.environ)


def _opwarmen():
    """Load the URL configuration, and with it every view, API and serializer module, while the worker
    starts: Django does it in the first request, which then took 1.5–3 s, a stall that users met after
    every worker start or restart (a respawn, WEB_MAX_RSS)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the property imports the URL configuration


_opwarmen()
application = maak_portaal(django_app)
