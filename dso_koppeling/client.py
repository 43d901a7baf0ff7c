"""The one client through which all DSO traffic goes.

Retries with exponential backoff and full jitter on 5xx, timeouts and broken connections, honouring
Retry-After (429, 503); a circuit breaker, shared by all jobs and machines through PostgreSQL, that
stops hammering a knooppunt that is down; mutual TLS
with a PKIoverheid certificate; structured logs with method, path, status and timing, never bodies
(verzoeken carry personal data).
"""

import http.client
import json
import logging
import random
import ssl
import time
import urllib.error
import urllib.request
from collections import Counter
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode, urljoin

from django.db import connections

from dso_koppeling.instellingen import DsoInstellingen
from dso_koppeling.models import Brekertoestand
from kern.fouten import CodeFout

logger = logging.getLogger(__name__)

HAL = "application/hal+json"
_BREKER = Brekertoestand._meta.db_table


class DsoFout(CodeFout):
    """dso_onbereikbaar (retries used up), dso_circuit_open, dso_geweigerd (4xx), dso_antwoord_ongeldig."""

    def __init__(self, code: str, bericht: str, status: int | None = None):
        super().__init__(code, bericht)
        self.status = status


class Stroomonderbreker:
    """Closed → open after `drempel` consecutive failures → after `pauze` seconds one trial call
    (half open): success closes it, failure opens it again."""

    def __init__(self, drempel: int, pauze: float, klok=time.monotonic):
        self.drempel, self.pauze, self.klok = drempel, pauze, klok
        self.fouten = 0
        self.open_sinds: float | None = None

    @property
    def toestand(self) -> str:
        if self.open_sinds is None:
            return "dicht"
        return "halfopen" if self.klok() - self.open_sinds >= self.pauze else "open"

    def mag(self) -> bool:
        return self.toestand != "open"

    def gelukt(self) -> None:
        self.fouten, self.open_sinds = 0, None

    def mislukt(self) -> None:
        self.fouten += 1
        if self.fouten >= self.drempel or self.open_sinds is not None:
            self.open_sinds = self.klok()


class GedeeldeOnderbreker:
    """The same breaker with its state in PostgreSQL (dso_koppeling_brekertoestand): when one job finds
    the knooppunt down, every job on every machine stops calling it for the pause. Time is the
    database's clock, so machines need not agree on theirs."""

    def __init__(self, drempel: int, pauze: float, naam: str = "dso"):
        self.drempel, self.pauze, self.naam = drempel, pauze, naam

    @property
    def toestand(self) -> str:
        with connections["default"].cursor() as cursor:
            cursor.execute(
                f"SELECT EXTRACT(EPOCH FROM clock_timestamp() - open_sinds) FROM {_BREKER} WHERE naam = %s",
                [self.naam],
            )
            rij = cursor.fetchone()
        if rij is None or rij[0] is None:
            return "dicht"
        return "halfopen" if rij[0] >= self.pauze else "open"

    def mag(self) -> bool:
        return self.toestand != "open"

    def gelukt(self) -> None:
        with connections["default"].cursor() as cursor:
            cursor.execute(
                f"UPDATE {_BREKER} SET fouten = 0, open_sinds = NULL "
                "WHERE naam = %s AND (fouten > 0 OR open_sinds IS NOT NULL)",
                [self.naam],
            )

    def mislukt(self) -> None:
        with connections["default"].cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {_BREKER} AS b (naam, fouten, open_sinds) "
                "VALUES (%(naam)s, 1, CASE WHEN %(drempel)s <= 1 THEN clock_timestamp() END) "
                "ON CONFLICT (naam) DO UPDATE SET fouten = b.fouten + 1, open_sinds = CASE "
                "WHEN b.fouten + 1 >= %(drempel)s OR b.open_sinds IS NOT NULL THEN clock_timestamp() END",
                {"naam": self.naam, "drempel": self.drempel},
            )


class Antwoord:
    def __init__(self, status: int, headers, inhoud: bytes):
        self.status, self.headers, self.inhoud = status, headers, inhoud

    def json(self):
        try:
            return json.loads(self.inhoud)
        except ValueError:
            raise DsoFout(
                "dso_antwoord_ongeldig", "Het antwoord van de knooppunt is geen JSON.", self.status
            ) from None


class _Herhaal(Exception):
    def __init__(self, soort: str, wacht_minimaal: float = 0.0, status: int | None = None):
        super().__init__(soort)
        self.soort, self.wacht_minimaal, self.status = soort, wacht_minimaal, status


def retry_after(waarde: str | None, nu: float | None = None) -> float:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not waarde:
        return 0.0
    try:
        return max(0.0, float(waarde))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(waarde).timestamp() - (time.time() if nu is None else nu))
    except (TypeError, ValueError):
        return 0.0


class DsoClient:
    def __init__(
        self,
        instellingen: DsoInstellingen | None = None,
        *,
        slaap=time.sleep,
        rng: random.Random | None = None,
        breker=None,
    ):
        self.inst = instellingen or DsoInstellingen.uit_settings()
        if not self.inst.basis_url or not self.inst.api_sleutel:
            raise DsoFout(
                "dso_niet_ingesteld", "Stel DSO_BASIS_URL en DSO_API_SLEUTEL in (zie docs/dso-koppeling.md)."
            )
        self.slaap = slaap
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not security
        # Shared through PostgreSQL by default; a test or a one-off script may bring its own.
        self.breker = breker or GedeeldeOnderbreker(self.inst.breker_drempel, self.inst.breker_pauze)
        self.statistiek: Counter = Counter()
        handlers = []
        if self.inst.basis_url.startswith("https"):
            context = ssl.create_default_context(cafile=self.inst.ca_bundel or None)
            if self.inst.certificaat:
                context.load_cert_chain(self.inst.certificaat, self.inst.certificaat_sleutel or None)
            handlers.append(urllib.request.HTTPSHandler(context=context))
        self._opener = urllib.request.build_opener(*handlers)

    # --- what the syncs call ----------------------------------------------------------------------
    def get(self, pad: str, params: dict | None = None, accept: str = HAL) -> Antwoord:
        return self.aanroep("GET", pad, params=params, accept=accept)

    def json(
        self, methode: str, pad: str, params: dict | None = None, body=None, headers: dict | None = None
    ):
        return self.aanroep(methode, pad, params=params, body=body, headers=headers).json()

    def alle_items(
        self, pad: str, naam: str, params: dict | None = None, grootte_param: str = "size", grootte: int = 50
    ):
        """Every item of a paged HAL collection, following page numbers."""
        pagina = 1
        while True:
            data = self.json("GET", pad, params={**(params or {}), "page": pagina, grootte_param: grootte})
            yield from data.get("_embedded", {}).get(naam, [])
            if pagina >= data.get("page", {}).get("totalPages", 1):
                return
            pagina += 1

    # --- the machinery ----------------------------------------------------------------------------
    def aanroep(
        self, methode: str, pad: str, *, params=None, body=None, headers=None, accept: str = HAL
    ) -> Antwoord:
        url = urljoin(self.inst.basis_url.rstrip("/") + "/", pad.lstrip("/"))
        if params:
            url += ("&" if "?" in url else "?") + urlencode(params)
        data = json.dumps(body).encode() if body is not None else None
        kop = {"x-api-key": self.inst.api_sleutel, "Accept": accept, **(headers or {})}
        if data is not None:
            kop.setdefault("Content-Type", "application/json")
        self.statistiek["aanroepen"] += 1
        for poging in range(1, self.inst.max_pogingen + 1):
            if not self.breker.mag():
                self.statistiek["circuit_open"] += 1
                raise DsoFout("dso_circuit_open", "De DSO-koppeling staat even uit na herhaalde storingen.")
            begin = time.monotonic()
            try:
                antwoord = self._een_poging(methode, url, data, kop)
            except _Herhaal as herhaal:
                self.statistiek[f"storing_{herhaal.soort}"] += 1
                if herhaal.soort != "te_veel":
                    self.breker.mislukt()
                self._log(methode, pad, herhaal.status or herhaal.soort, begin, poging)
                if poging == self.inst.max_pogingen:
                    raise DsoFout(
                        "dso_onbereikbaar",
                        f"{methode} {pad}: na {poging} pogingen nog {herhaal.soort}",
                        herhaal.status,
                    ) from None
                self.statistiek["herhalingen"] += 1
                self.slaap(self._wachttijd(poging, herhaal.wacht_minimaal))
                continue
            self.breker.gelukt()
            self._log(methode, pad, antwoord.status, begin, poging)
            if antwoord.status >= 400:
                raise DsoFout(
                    "dso_geweigerd",
                    f"{methode} {pad}: {antwoord.status} {_detail(antwoord)}",
                    antwoord.status,
                )
            return antwoord
        raise AssertionError("unreachable")  # pragma: no cover

    def _een_poging(self, methode: str, url: str, data: bytes | None, kop: dict) -> Antwoord:
        verzoek = urllib.request.Request(url, data=data, method=methode, headers=kop)  # noqa: S310 - configured URL
        try:
            with self._opener.open(verzoek, timeout=self.inst.timeout) as resp:
                return Antwoord(resp.status, resp.headers, resp.read())
        except urllib.error.HTTPError as fout:
            try:
                inhoud = fout.read()
            except (OSError, http.client.HTTPException):
                raise _Herhaal("verbinding", status=fout.code) from None
            if fout.code == 429:
                raise _Herhaal("te_veel", retry_after(fout.headers.get("Retry-After")), 429) from None
            if fout.code >= 500:
                raise _Herhaal(
                    "serverfout", retry_after(fout.headers.get("Retry-After")), fout.code
                ) from None
            return Antwoord(fout.code, fout.headers, inhoud)
        except TimeoutError:
            raise _Herhaal("timeout") from None
        except urllib.error.URLError as fout:
            raise _Herhaal("timeout" if isinstance(fout.reason, TimeoutError) else "verbinding") from None
        except (OSError, http.client.HTTPException):
            # Reset, refused, or the connection closed halfway through the body.
            raise _Herhaal("verbinding") from None

    def _wachttijd(self, poging: int, minimaal: float) -> float:
        plafond = min(self.inst.backoff_max, self.inst.backoff_basis * 2 ** (poging - 1))
        return max(min(minimaal, self.inst.retry_after_max), self.rng.uniform(0, plafond))

    def _log(self, methode: str, pad: str, status, begin: float, poging: int) -> None:
        niveau = logging.DEBUG if isinstance(status, int) and status < 400 else logging.WARNING
        logger.log(
            niveau,
            "dso_aanroep methode=%s pad=%s status=%s ms=%d poging=%d",
            methode,
            pad.split("?")[0],
            status,
            (time.monotonic() - begin) * 1000,
            poging,
        )


def _detail(antwoord: Antwoord) -> str:
    try:
        body = json.loads(antwoord.inhoud)
        return str(body.get("detail") or body.get("title") or body.get("message") or "")[:200]
    except (ValueError, AttributeError):
        return ""
