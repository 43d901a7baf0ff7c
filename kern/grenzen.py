"""Every API request bounded before anything parses it, and every API error as problem+json.

On API paths (settings.API_PADEN): a body larger than its limit is refused with 413 before it is read
(JSON and forms: DATA_UPLOAD_MAX_MEMORY_SIZE; multipart with files: API_MAX_BODY_BESTANDEN); a JSON body
nested deeper than API_MAX_JSON_DIEPTE is refused with 400 before DRF's recursive parser sees it; and any
error page Django makes itself (400 for a bad Host header or a body too big, 403, 404 for an unknown
path, 405, 500) becomes problem+json with a stable code, keeping its headers. Pages elsewhere keep
their HTML error pages.
"""

import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig

from kern.problem import probleem

_TEKST = re.compile(rb'"(?:[^"\\]|\\.)*"')
_GEEN_HAAKJE = re.compile(rb"[^\[\]{}]+")
_OPEN = frozenset(b"[{")

# Django's own error pages on an API path: (code, title) per status.
CODES = {
    400: ("verzoek_ongeldig", "Ongeldig verzoek"),
    403: ("geen_toegang", "Geen toegang"),
    404: ("niet_gevonden", "Niet gevonden"),
    405: ("methode_niet_toegestaan", "Methode niet toegestaan"),
    413: ("body_te_groot", "Verzoek te groot"),
    500: ("serverfout", "Er ging iets mis aan onze kant"),
}
_AL_JSON = ("application/problem+json", "application/json", "application/geo+json")
_NIET_OVERNEMEN = {"content-type", "content-length"}


def json_diepte(body: bytes, grens: int) -> int:
    """How deep a JSON text nests: brackets outside strings, counted without recursion. Stops counting
    once past `grens`, so a hostile body costs one pass at most."""
    haakjes = _GEEN_HAAKJE.sub(b"", _TEKST.sub(b"", body))
    diepte = hoogste = 0
    for teken in haakjes:
        diepte += 1 if teken in _OPEN else -1
        if diepte > hoogste:
            hoogste = diepte
            if hoogste > grens:
                break
    return hoogste


def is_api(pad: str) -> bool:
    return pad.startswith(tuple(settings.API_PADEN))


class ApiGrenzen:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api(request.path):
            return self.get_response(request)
        if weigering := _invoer(request):
            return weigering
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith(_AL_JSON):
            return response
        if getattr(response, "eigen_foutpagina", False):
            return response  # a page that asked for HTML on an API path (OGC API's ?f=html) made it
        code, titel = CODES.get(response.status_code, ("fout", response.reason_phrase))
        nieuw = probleem(response.status_code, code, titel)
        for kop, waarde in response.items():
            if kop.lower() not in _NIET_OVERNEMEN:
                nieuw[kop] = waarde
        return nieuw


def _invoer(request):
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return probleem(400, "verzoek_ongeldig", "Ongeldig verzoek", "Content-Length is geen getal.")
    soort = request.content_type or ""
    grens = (
        settings.API_MAX_BODY_BESTANDEN
        if soort.startswith("multipart/")
        else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )
    if lengte > grens:
        return _te_groot(lengte, grens)
    if lengte and (soort == "application/json" or soort.endswith("+json")):
        try:
            body = request.body
        except RequestDataTooBig:
            return _te_groot(lengte, grens)
        if json_diepte(body, settings.API_MAX_JSON_DIEPTE) > settings.API_MAX_JSON_DIEPTE:
            return probleem(
                400,
                "json_te_diep",
                "JSON te diep genest",
                f"De JSON mag hoogstens {settings.API_MAX_JSON_DIEPTE} lagen diep zijn.",
            )
    return None


def _te_groot(lengte: int, grens: int):
    return probleem(
        413, "body_te_groot", "Verzoek te groot", f"De body is {lengte} bytes; hier mag hoogstens {grens}."
    )
