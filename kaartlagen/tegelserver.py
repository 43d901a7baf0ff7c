"""The fast path for public vector tiles, in front of Django.

Tiles are by far the most frequent request (a map view asks 12–30 at a time), and on a light tile
PostgreSQL answers in ~0.3 ms while Django's request cycle (request object, middleware, URL
resolving, a registry query) added ~0.9 ms. This WSGI app serves only the ordinary case, a GET for a
well-formed tile of a public layer, with the same bytes and headers as the Django view; everything
else (staff-only layers, unknown layers, errors, other methods, hosts not allowed) goes to Django,
which stays the one place for those answers. `tests/test_tegelserver.py` holds the two paths equal.

The registry is not cached blindly: the tile query itself checks in the same statement that the
layer is still public, still draws from the same source and shows at this zoom level, so a change
in the admin counts from the next request on, in every process.

Planning the tile query costs PostgreSQL more than running it on a light tile (~0.07 of 0.1 ms), so
the fast path has a small pool of its own connections on which every tile query is a prepared
statement with a generic plan: the plan only depends on the source and zoom level, never on which
tile. Django's connections are left alone, so nothing else gets generic plans (decision 0010).
"""

import re
import threading
from functools import cache, lru_cache

import psycopg
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http.request import split_domain_port, validate_host
from psycopg_pool import ConnectionPool, PoolTimeout

from kaartlagen import tegels
from kaartlagen.bronnen import VECTOR_BRONNEN
from kaartlagen.models import Kaartlaag
from kern.csp import BELEID
from kern.replica import alleen_lezen, lees_alias

POOL_GROOTTE = 4
# psycopg keeps 100 prepared statements per connection by default; one per source and zoom level used.
MAX_PREPARED = 512

# Only the shape a map client asks for; anything else (signs, 3-digit zoom) gets Django's clear 4xx.
_PAD = re.compile(r"/tiles/([-\w]+)/(\d{1,2})/(\d{1,8})/(\d{1,8})\.mvt")


@cache
def _bron_sql(bron: str, z: int) -> str:
    return tegels.tegel_sql(VECTOR_BRONNEN[bron], z, registercontrole=True)


@cache
def _vaste_koppen(https: bool) -> tuple[tuple[str, str], ...]:
    """What SecurityMiddleware, XFrameOptionsMiddleware and our CSP middleware add to a tile."""
    koppen = []
    if https and settings.SECURE_HSTS_SECONDS:
        waarde = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            waarde += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            waarde += "; preload"
        koppen.append(("Strict-Transport-Security", waarde))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        koppen.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        koppen.append(("Referrer-Policy", settings.SECURE_REFERRER_POLICY))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        koppen.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    koppen.append(("X-Frame-Options", settings.X_FRAME_OPTIONS))
    koppen.append(("Content-Security-Policy", BELEID))
    return tuple(koppen)


_pools: dict[str, ConnectionPool] = {}
_pool_slot = threading.Lock()


def pool(alias: str = DEFAULT_DB_ALIAS) -> ConnectionPool:
    """This process's tile connections to the primary or the replica (kern.replica), opened on first
    use: a pre-forking server gets them per worker."""
    bestaand = _pools.get(alias)  # the lock only for making it, not on every tile
    if bestaand is not None:
        return bestaand
    with _pool_slot:
        if alias not in _pools:
            _pools[alias] = _maak_pool(alias)
        return _pools[alias]


def sluit_pool() -> None:
    """Close the tile connections (tests do, before their database is dropped)."""
    with _pool_slot:
        while _pools:
            _pools.popitem()[1].close()


def _maak_pool(alias: str) -> ConnectionPool:
    params = connections[alias].get_connection_params()
    params.pop("cursor_factory")  # psycopg's default cursor binds on the server: only that can prepare
    params["prepare_threshold"] = 0
    # No JIT: a tile takes milliseconds, compiling one would take ~0.1 s every time (a generic plan's
    # cost estimate for a big layer easily passes jit_above_cost). No parallel plans: see tegels.
    instellingen = (
        "-c plan_cache_mode=force_generic_plan -c jit=off "
        f"-c max_parallel_workers_per_gather={tegels.PARALLELLE_WERKERS}"
    )
    params["options"] = f"{params.get('options', '')} {instellingen}".strip()

    def instellen(conn):
        conn.prepared_max = MAX_PREPARED

    return ConnectionPool(
        kwargs={**params, "autocommit": True},
        configure=instellen,
        min_size=1,
        max_size=POOL_GROOTTE,
        timeout=2,
        name=f"tegels-{alias}",
        open=True,
    )


class TegelServer:
    def __init__(self, django):
        self.django = django
        self.bronnen: dict[str, str] = {}  # layer name -> source, learned once, checked on every query

    def __call__(self, environ, start_response):
        gevonden = _PAD.fullmatch(environ.get("PATH_INFO", ""))
        if gevonden is None or environ.get("REQUEST_METHOD") != "GET" or environ.get("QUERY_STRING"):
            return self.django(environ, start_response)
        https = self._https(environ)
        if https is None or not _host_toegestaan(environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")):
            return self.django(environ, start_response)
        naam, z, x, y = gevonden[1], int(gevonden[2]), int(gevonden[3]), int(gevonden[4])
        try:
            with alleen_lezen():  # public tiles are read-only: from the replica when it is usable
                antwoord = self._tegel(naam, z, x, y, environ.get("HTTP_IF_NONE_MATCH"), https)
        except (psycopg.Error, DatabaseError, PoolTimeout, tegels.TegelFout):
            antwoord = None  # Django answers, and reports what went wrong its own way
        if antwoord is None:
            return self.django(environ, start_response)
        status, koppen, inhoud = antwoord
        start_response(status, koppen)
        return [inhoud]

    def _tegel(self, naam, z, x, y, if_none_match, https):
        tegels.controleer(z, x, y)
        bron = self.bronnen.get(naam) or self._leer_bron(naam)
        if bron is None:
            return None
        # getconn/putconn rather than `with pool.connection()`: these connections are in autocommit, so
        # the transaction handling of the context managers is work without effect on every tile.
        tegelpool = pool(lees_alias())
        conn = tegelpool.getconn()
        try:
            geldig, inhoud = conn.execute(
                _bron_sql(bron, z), {"z": z, "x": x, "y": y, "laag": naam, "bron": bron}, prepare=True
            ).fetchone()
        finally:
            tegelpool.putconn(conn)
        if not geldig:
            # Changed in the admin since we learned it: Django answers from the registry as it is now.
            self.bronnen.pop(naam, None)
            return None
        status, koppen, inhoud = tegels.antwoord(bytes(inhoud or b""), True, if_none_match)
        return status, [*koppen, *_vaste_koppen(https)], inhoud

    def _leer_bron(self, naam: str) -> str | None:
        with pool(lees_alias()).connection() as conn:
            rij = conn.execute(
                f"SELECT bron FROM {Kaartlaag._meta.db_table} WHERE naam = %s AND publiek AND soort = %s",
                [naam, Kaartlaag.Soort.VECTOR.value],
            ).fetchone()
        if rij is None or rij[0] not in VECTOR_BRONNEN:
            return None
        self.bronnen[naam] = rij[0]
        return rij[0]

    @staticmethod
    def _https(environ) -> bool | None:
        """Whether the request came in over HTTPS; None when Django must decide (it may redirect)."""
        https = environ.get("wsgi.url_scheme") == "https"
        if settings.SECURE_PROXY_SSL_HEADER:
            kop, waarde = settings.SECURE_PROXY_SSL_HEADER
            # As HttpRequest.is_secure(): the proxy's first value counts.
            https = environ.get(kop, "").split(",", 1)[0].strip() == waarde
        if settings.SECURE_SSL_REDIRECT and not https:
            return None
        return https


@lru_cache(maxsize=64)  # bounded: the Host header is whatever a client sends
def _host_toegestaan(host: str) -> bool:
    domein, _ = split_domain_port(host)
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    return bool(domein) and validate_host(domein, allowed)
