"""The mock knooppunt as one WSGI application: routing, x-api-key per environment, rate limit and
fault injection in front of the API modules, and a small beheer API/page for demos and tests."""

import random
import re
import threading
import time
from html import escape
from urllib.parse import parse_qs

from dev.dso_mock import ozon, rtr, seed, verzoeken
from dev.dso_mock.http import HttpFout, Request, Response, json_response
from dev.dso_mock.opslag import TYPES, Opslag
from dev.dso_mock.rtr import Regels
from dev.dso_mock.storingen import Storingen

# Keys as the developer portal hands them out: one per environment. A key for pre-production is
# refused by production and the other way round (403), an unknown key is 401.
STANDAARD_SLEUTELS = {"mock-sleutel-pre": "pre", "mock-sleutel-prod": "prod"}


class MockApp:
    def __init__(
        self,
        opslag: Opslag,
        storingen: Storingen | None = None,
        omgeving: str = "pre",
        sleutels: dict[str, str] | None = None,
        webhook=None,
        max_per_seconde: float = 0,
        adressen: list[dict] | None = None,
    ):
        self.opslag = opslag
        self.storingen = storingen or Storingen()
        self.omgeving = omgeving
        self.sleutels = sleutels or STANDAARD_SLEUTELS
        self.webhook = webhook
        self.max_per_seconde = max_per_seconde
        self.adressen = adressen or []
        self.regels = Regels()
        self.plan_versie = 1
        self.aanroepen = 0
        self.verbindingen = 0  # TCP connections accepted: shows whether clients keep them alive
        self._emmers: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()
        self.routes = [
            (methode, re.compile(patroon + "$"), functie, feed)
            for module in (verzoeken, rtr, ozon)
            for methode, patroon, functie, feed in module.ROUTES
        ]
        self.beheer = [(m, re.compile(p + "$"), f) for m, p, f in BEHEER]

    # --- what handlers use -------------------------------------------------------------------------
    def meld(self, item: dict) -> None:
        if self.webhook:
            self.webhook.meld({k: item[k] for k in ("verzoeknummer", "type", "versie", "volgnummer")})

    def nieuw_verzoek(self, rng: random.Random, type_: str | None = None) -> dict:
        if not self.adressen:
            raise HttpFout(409, "geen_adressen", "De mock heeft geen adressen om een verzoek op te leggen.")
        v = seed.nieuw_verzoek(self.opslag, rng, rng.choice(self.adressen), type_)
        self.meld(v)
        return v

    # --- WSGI -------------------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        req = Request(environ)
        try:
            response = self._afhandelen(req)
        except HttpFout as fout:
            response = fout.response(req.path)
        if response is None:  # the connection was broken off on purpose
            return []
        headers = [
            ("Content-Type", response.content_type),
            ("Content-Length", str(len(response.body))),
            *response.headers.items(),
        ]
        start_response(f"{response.status} {_REDENEN.get(response.status, 'Status')}", headers)
        return [response.body]

    def _afhandelen(self, req: Request) -> Response | None:
        for methode, patroon, functie in self.beheer:
            if req.method == methode and (gevonden := patroon.match(req.path)):
                return functie(self, req, **gevonden.groupdict())
        for methode, patroon, functie, feed in self.routes:
            if gevonden := patroon.match(req.path):
                if req.method != methode:
                    continue
                self._controleer_sleutel(req)
                with self._lock:
                    self.aanroepen += 1
                req.storing = self.storingen.kies(feed=feed)
                if (antwoord := self._storing(req)) is not False:
                    return antwoord
                return functie(self, req, **gevonden.groupdict())
        raise HttpFout(404, "niet_gevonden", f"Geen endpoint {req.method} {req.path}.")

    def _controleer_sleutel(self, req: Request) -> None:
        sleutel = req.header("x-api-key")
        if not sleutel or sleutel not in self.sleutels:
            raise HttpFout(
                401, "sleutel_ontbreekt", "Geef een geldige API-sleutel mee in de header x-api-key."
            )
        if self.sleutels[sleutel] != self.omgeving:
            raise HttpFout(
                403,
                "sleutel_andere_omgeving",
                f"Deze sleutel hoort bij de omgeving {self.sleutels[sleutel]}, dit is {self.omgeving}.",
            )
        if self.max_per_seconde:
            with self._lock:
                nu = time.monotonic()
                tegoed, toen = self._emmers.get(sleutel, (self.max_per_seconde, nu))
                tegoed = min(self.max_per_seconde, tegoed + (nu - toen) * self.max_per_seconde)
                if tegoed < 1:
                    self._emmers[sleutel] = (tegoed, nu)
                    raise HttpFout(
                        429,
                        "te_veel_verzoeken",
                        "Te veel verzoeken; probeer het later opnieuw.",
                        headers={"Retry-After": "1"},
                    )
                self._emmers[sleutel] = (tegoed - 1, nu)

    def _storing(self, req: Request):
        """The transport faults: False when the call goes on to its handler."""
        s = self.storingen
        if req.storing == "latentie":
            time.sleep(s.latentie)
        elif req.storing == "timeout":
            time.sleep(s.timeout)
        elif req.storing == "serverfout":
            status = s.keuze((500, 502, 503))
            raise HttpFout(status, "storing", "Tijdelijke storing bij de knooppunt-mock.")
        elif req.storing == "te_veel":
            raise HttpFout(
                429,
                "te_veel_verzoeken",
                "Te veel verzoeken; probeer het later opnieuw.",
                headers={"Retry-After": str(s.retry_after)},
            )
        elif req.storing == "reset":
            req.environ["mock.afbreken"]()
            return None
        return False


_REDENEN = {
    200: "OK",
    201: "Created",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


# --- beheer: add verzoeken during a demo, switch faults, read counters (no key: bind to 127.0.0.1) -----
def _pagina(app, req: Request) -> Response:
    rijen = "".join(
        f"<tr><td>{escape(v['verzoeknummer'])}</td><td>{escape(v['type'])}</td><td>{v['versie']}</td>"
        f"<td>{escape(v['adres']['straatnaam'])} {v['adres']['huisnummer']}</td></tr>"
        for v in list(app.opslag.verzoeken.values())[-50:]
    )
    keuzes = "".join(f'<option value="{t}">{t}</option>' for t in TYPES)
    html = f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>DSO-mock</title></head><body>
<main><h1>DSO-knooppunt (mock)</h1>
<p>Hier zet u tijdens een demo een nieuw verzoek klaar. Het loket haalt het op na de melding (webhook) of bij de volgende ronde.</p>
<form method="post" action="/mock/verzoeken"><label for="type">Soort verzoek</label>
<select id="type" name="type">{keuzes}</select> <button type="submit">Nieuw verzoek</button></form>
<h2>Laatste verzoeken</h2><table><thead><tr><th scope="col">Nummer</th><th scope="col">Soort</th>
<th scope="col">Versie</th><th scope="col">Adres</th></tr></thead><tbody>{rijen}</tbody></table></main></body></html>"""
    return Response(200, html.encode(), "text/html; charset=utf-8")


def _nieuw(app, req: Request) -> Response:
    if (req.environ.get("CONTENT_TYPE") or "").startswith("application/x-www-form-urlencoded"):
        velden = {k: v[-1] for k, v in parse_qs(req.body.decode()).items()}
    else:
        velden = req.json()
    type_ = velden.get("type") or None
    if type_ not in (None, *TYPES):
        raise HttpFout(400, "type_onbekend", f"Kies een soort uit {', '.join(TYPES)}.")
    v = app.nieuw_verzoek(random.Random(len(app.opslag.feed)), type_)  # noqa: S311 - demo data
    if "text/html" in (req.header("Accept") or ""):
        return Response(303, b"", "text/plain", {"Location": "/mock/"})
    return json_response(
        {"verzoeknummer": v["verzoeknummer"], "volgnummer": v["volgnummer"]}, 201, "application/json"
    )


def _aanvulling(app, req: Request, nummer: str) -> Response:
    if nummer not in app.opslag.verzoeken:
        raise HttpFout(404, "verzoek_onbekend", f"Verzoek {nummer} bestaat niet.")
    v = app.opslag.aanvulling(nummer, **req.json())
    app.meld(v)
    return json_response(
        {"verzoeknummer": v["verzoeknummer"], "volgnummer": v["volgnummer"]}, 201, "application/json"
    )


def _storingen(app, req: Request) -> Response:
    body = req.json()
    try:
        app.storingen = Storingen.uit_tekst(
            float(body.get("kans", 0)), ",".join(body.get("soorten", [])), seed=int(body.get("seed", 1))
        )
    except ValueError as exc:
        raise HttpFout(400, "storingen_ongeldig", str(exc)) from None
    return json_response(
        {"kans": app.storingen.kans, "soorten": list(app.storingen.soorten)}, content_type="application/json"
    )


def _statistiek(app, req: Request) -> Response:
    return json_response(
        {
            "aanroepen": app.aanroepen,
            "storingen": dict(app.storingen.geteld),
            "verzoeken": len(app.opslag.verzoeken),
            "feed": len(app.opslag.feed),
            "statussen": app.opslag.statussen,
        },
        content_type="application/json",
    )


def _regels_publiceren(app, req: Request, nummer: str) -> Response:
    app.regels.publiceer(int(nummer))
    return json_response({"identifier": int(nummer)}, content_type="application/json")


BEHEER = [
    ("GET", r"/mock/?", _pagina),
    ("POST", r"/mock/verzoeken", _nieuw),
    ("POST", r"/mock/verzoeken/(?P<nummer>[^/]+)/aanvulling", _aanvulling),
    ("PUT", r"/mock/storingen", _storingen),
    ("GET", r"/mock/statistiek", _statistiek),
    ("POST", r"/mock/regels/(?P<nummer>\d+)/publiceer", _regels_publiceren),
]
