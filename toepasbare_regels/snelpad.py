"""The fast path for the vergunningcheck's _bepaal calls (conclusie, indieningsvereisten, maatregelen),
in front of Django.

Every answer a user gives is one such call, and the check itself costs ~0.6 ms of CPU, while Django's
request cycle around it (the request object, thirteen middleware, URL resolving, DRF's request,
content negotiation, authentication and response) added ~0.4 ms. This WSGI app serves only the
ordinary case: an anonymous POST (no cookies, so no session and no CSRF to check) of a plain JSON body
within the API's limits, that the check answers without an error. It answers with the same bytes
and headers as the DRF view; `api.bepaal` does the work for both. Everything else, and every error,
goes to Django with the body as it was read, so refusals and problem+json codes still come from one
place. `tests/toepasbare_regels/vergunningcheck/test_snelpad.py` holds the two paths equal.
"""

import io
import json

from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse
from rest_framework.renderers import JSONRenderer

from kern import snelpad
from kern.grenzen import json_diepte
from kern.replica import REPLICA

from . import api

_VIEWS = {
    "regels-conclusie": ("Conclusie", api.ConclusieBepaalView),
    "regels-iv": ("Indieningsvereisten", api.IndieningsvereistenBepaalView),
    "regels-maatregelen": ("Maatregelen", api.MaatregelenBepaalView),
}
# Bodies DRF's JSON parser reads as UTF-8, and Accept headers its content negotiation answers with
# plain application/json (what browsers' fetch, axios and HTTP libraries send); the rest goes to Django.
_CONTENT_TYPE = frozenset(
    {"application/json", "application/json; charset=utf-8", "application/json;charset=utf-8"}
)
_ACCEPT = frozenset({"", "*/*", "application/json", "application/json, text/plain, */*"})


class BepaalServer:
    def __init__(self, django):
        self.django = django
        # Path -> (typering, the view's Allow header), from the URL configuration as it is.
        self.paden = {
            reverse(naam): (typering, ", ".join(view().allowed_methods))
            for naam, (typering, view) in _VIEWS.items()
        }

    def __call__(self, environ, start_response):
        gevonden = self.paden.get(environ.get("PATH_INFO", ""))
        if gevonden is None or not _gewoon(environ):
            return self.django(environ, start_response)
        https = snelpad.https(environ)
        lengte = _lengte(environ)
        if https is None or not snelpad.host_toegestaan(environ) or lengte is None:
            return self.django(environ, start_response)
        body = environ["wsgi.input"].read(lengte)
        inhoud = _bepaal(body, environ, gevonden[0])
        if inhoud is None:
            return self.django({**environ, "wsgi.input": io.BytesIO(body)}, start_response)
        start_response(
            "200 OK",
            [
                ("Content-Type", "application/json"),
                ("Allow", gevonden[1]),
                ("Vary", "Cookie"),  # as Django's answer: DRF's session authentication looked
                ("Content-Length", str(len(inhoud))),
                *snelpad.vaste_koppen(https),
            ],
        )
        return [inhoud]


def _gewoon(environ) -> bool:
    return (
        environ.get("REQUEST_METHOD") == "POST"
        and not environ.get("QUERY_STRING")
        and not environ.get("HTTP_COOKIE")
        and environ.get("CONTENT_TYPE", "").lower() in _CONTENT_TYPE
        and environ.get("HTTP_ACCEPT", "") in _ACCEPT
        # A POST on the primary sets the replica's read-your-writes cookie (kern.replica): Django's job.
        and REPLICA not in settings.DATABASES
    )


def _lengte(environ) -> int | None:
    """The body's length when kern.grenzen would let it through; None leaves it to Django."""
    try:
        lengte = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return lengte if 0 < lengte <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE else None


def _geen_getal(waarde):
    raise ValueError(waarde)  # NaN and Infinity: DRF's strict JSON refuses them


def _bepaal(body: bytes, environ, typering: str) -> bytes | None:
    """The rendered answer, or None when Django must answer (an error, or a body the view reads
    through DRF's serializer)."""
    if json_diepte(body, settings.API_MAX_JSON_DIEPTE) > settings.API_MAX_JSON_DIEPTE:
        return None
    try:
        invoer = api.gewone_invoer(json.loads(body.decode(), parse_constant=_geen_getal))
    except ValueError:
        return None
    if invoer is None:
        return None
    # As Django's handler: the database connections are checked before and after (CONN_MAX_AGE).
    signals.request_started.send(sender=WSGIHandler, environ=environ)
    try:
        return JSONRenderer().render(api.bepaal(invoer, environ.get("HTTP_CONTENT_CRS", ""), typering))
    except Exception:  # noqa: BLE001 (Django answers again: the same refusal, or its own 500 and report)
        return None
    finally:
        signals.request_finished.send(sender=WSGIHandler)
