"""The one client through which all DSO traffic goes.

On urllib3: a connection pool with keep-alive, and its Retry policy for what is retried (5xx, 429,
timeouts, broken connections) with exponential backoff and full jitter, honouring Retry-After (429,
503); a circuit breaker, shared by all jobs and machines through PostgreSQL, that
stops hammering a knooppunt that is down; mutual TLS
with a PKIoverheid certificate; structured logs with method, path, status and timing, never bodies
(verzoeken carry personal data).
"""

import contextlib
import json
import logging
import random
import ssl
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin

from django.db import connections
from urllib3 import PoolManager, Retry, Timeout
from urllib3.exceptions import HTTPError, InvalidHeader, MaxRetryError, NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

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


# Busy (429) and every server error are worth another try; a refusal (other 4xx) is not.
TE_HERHALEN = frozenset({429, *range(500, 600)})
# POST too: ours are searches (`…/_zoek`) and status reports that carry the same status, date and zaak
# when repeated, so a second copy changes nothing at the knooppunt.
METHODEN = Retry.DEFAULT_ALLOWED_METHODS | {"POST"}


@dataclass
class _Aanroep:
    """One call of the client, as the retry policy sees it across its attempts."""

    client: "DsoClient"
    methode: str
    pad: str
    poging: int = 1
    begin: float = field(default_factory=time.monotonic)  # of the current attempt


class _Herhaling(Retry):
    """urllib3's Retry (which decides what is retried and when it is used up, and reads Retry-After)
    with the client's hooks: every failed attempt counts for the statistics, the log and the shared
    circuit breaker; the wait is full jitter and goes through the client's `slaap`; the breaker is
    asked again before each new attempt."""

    aanroep: _Aanroep | None = None  # set per call on the copy that call uses

    def new(self, **kw):
        nieuw = super().new(**kw)
        nieuw.aanroep = self.aanroep
        return nieuw

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        if response is not None and response.get_redirect_location():  # followed, not a failure
            return super().increment(method, url, response, error, _pool, _stacktrace)
        if response is not None:
            soort, status = ("te_veel" if response.status == 429 else "serverfout"), response.status
        else:
            soort, status = _storingsoort(error), None
        self.aanroep.client._mislukt(self.aanroep, soort, status)
        nieuw = super().increment(method, url, response, error, _pool, _stacktrace)
        self.aanroep.client.statistiek["herhalingen"] += 1
        return nieuw

    def get_backoff_time(self) -> float:
        # Full jitter (uniform below the exponential ceiling) instead of urllib3's ceiling plus a
        # little: jobs that failed together do not all come back at the same moment.
        plafond = min(self.backoff_max, self.backoff_factor * 2 ** (len(self.history) - 1))
        return self.aanroep.client.rng.uniform(0, plafond)

    def sleep(self, response=None) -> None:
        wacht = 0.0
        if response is not None and self.respect_retry_after_header:
            with contextlib.suppress(InvalidHeader):  # an unreadable Retry-After: the usual backoff
                wacht = self.get_retry_after(response) or 0.0  # capped at retry_after_max
        client = self.aanroep.client
        client.slaap(wacht or self.get_backoff_time())
        client._mag_bellen()
        self.aanroep.poging += 1
        self.aanroep.begin = time.monotonic()


def _storingsoort(fout: Exception | None) -> str:
    if isinstance(fout, NewConnectionError):  # refused, unreachable: a ConnectTimeoutError subclass
        return "verbinding"
    if isinstance(fout, Urllib3Timeout):  # connect or read timeout
        return "timeout"
    return "verbinding"  # reset, or the connection closed halfway through the body


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
        context = None
        if self.inst.basis_url.startswith("https"):
            context = ssl.create_default_context(cafile=self.inst.ca_bundel or None)
            if self.inst.certificaat:
                context.load_cert_chain(self.inst.certificaat, self.inst.certificaat_sleutel or None)
        # Keep-alive: the connection (and its TLS handshake) is reused by every call of this client.
        self._pool = PoolManager(
            num_pools=2,
            maxsize=2,
            ssl_context=context,
            timeout=Timeout(connect=self.inst.timeout, read=self.inst.timeout),
        )
        self._herhaling = _Herhaling(
            total=self.inst.max_pogingen - 1,
            allowed_methods=METHODEN,
            status_forcelist=TE_HERHALEN,
            backoff_factor=self.inst.backoff_basis,
            backoff_max=self.inst.backoff_max,
            retry_after_max=int(self.inst.retry_after_max),
            respect_retry_after_header=True,
            # Used up on a 429/5xx: hand back the last answer, so the error can name its status.
            raise_on_status=False,
            # Our key must not follow a redirect to another host.
            remove_headers_on_redirect=Retry.DEFAULT_REMOVE_HEADERS_ON_REDIRECT | {"x-api-key"},
        )

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
        self._mag_bellen()
        herhaling = self._herhaling.new()
        herhaling.aanroep = aanroep = _Aanroep(self, methode, pad)
        try:
            resp = self._pool.request(methode, url, body=data, headers=kop, retries=herhaling)
        except MaxRetryError as fout:
            raise DsoFout(
                "dso_onbereikbaar",
                f"{methode} {pad}: na {self.inst.max_pogingen} pogingen nog {_storingsoort(fout.reason)}",
            ) from None
        except HTTPError as fout:  # a failure the policy does not retry (counted as it failed)
            raise DsoFout("dso_onbereikbaar", f"{methode} {pad}: {_storingsoort(fout)}") from None
        if resp.status in TE_HERHALEN:  # every attempt used up; each was counted as it failed
            soort = "te_veel" if resp.status == 429 else "serverfout"
            raise DsoFout(
                "dso_onbereikbaar",
                f"{methode} {pad}: na {self.inst.max_pogingen} pogingen nog {soort}",
                resp.status,
            )
        self.breker.gelukt()
        self._log(methode, pad, resp.status, aanroep.begin, aanroep.poging)
        antwoord = Antwoord(resp.status, resp.headers, resp.data)
        if antwoord.status >= 400:
            raise DsoFout(
                "dso_geweigerd",
                f"{methode} {pad}: {antwoord.status} {_detail(antwoord)}",
                antwoord.status,
            )
        return antwoord

    def _mag_bellen(self) -> None:
        if not self.breker.mag():
            self.statistiek["circuit_open"] += 1
            raise DsoFout("dso_circuit_open", "De DSO-koppeling staat even uit na herhaalde storingen.")

    def _mislukt(self, aanroep: _Aanroep, soort: str, status: int | None) -> None:
        self.statistiek[f"storing_{soort}"] += 1
        if soort != "te_veel":  # busy is not down: the circuit stays closed
            self.breker.mislukt()
        self._log(aanroep.methode, aanroep.pad, status or soort, aanroep.begin, aanroep.poging)

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
