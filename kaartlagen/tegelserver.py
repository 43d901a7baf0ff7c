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
the fast path has a small pool of its own connections (kaartlagen.tegelpool) on which every tile
query is a prepared statement with a generic plan: the plan only depends on the source and zoom
level, never on which tile. Django's connections are left alone, so nothing else gets generic plans (decision 0010).

The statement runs through libpq itself (`pgconn.exec_prepared`, the GIL released while it waits):
psycopg's cursor (query conversion, adapting each parameter, the result object) cost ~0.05 ms of
CPU per tile, as much as PostgreSQL spends on a light one. Five parameters of fixed types and a
binary result need none of that.
"""

import re
import threading
from functools import cache

import psycopg
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from psycopg import pq
from psycopg.postgres import types
from psycopg_pool import PoolTimeout

from kaartlagen import tegels
from kaartlagen.bronnen import VECTOR_BRONNEN
from kaartlagen.models import Kaartlaag
from kaartlagen.tegelpool import Tegelpool, TegelVerbinding
from kern import snelpad
from kern.replica import alleen_lezen, lees_alias

POOL_GROOTTE = 4

# Only the shape a map client asks for; anything else (signs, 3-digit zoom) gets Django's clear 4xx.
_PAD = re.compile(r"/tiles/([-\w]+)/(\d{1,2})/(\d{1,8})/(\d{1,8})\.mvt")


# The tile statement's parameters in the order of $1…$5, and their types.
_PARAMETERS = ("z", "x", "y", "laag", "bron")
TYPES = [types.get(t).oid for t in ("int4", "int4", "int4", "text", "text")]
_PLAATSHOUDER = re.compile(r"%\((\w+)\)s|%%")


def naar_libpq(sql: str) -> bytes:
    """tegels.tegel_sql's text with libpq's $1…$5 for its named parameters (z, x, y, laag, bron)."""
    return _PLAATSHOUDER.sub(lambda m: f"${_PARAMETERS.index(m[1]) + 1}" if m[1] else "%", sql).encode()


@cache
def _bron_sql(bron: str, z: int) -> tuple[bytes, bytes]:
    """The name and text of the prepared tile statement for this source and zoom level."""
    sql = tegels.tegel_sql(VECTOR_BRONNEN[bron], z, registercontrole=True)
    return f"tegel_{bron}_{z}".encode(), naar_libpq(sql)


def tegel_uit(conn: TegelVerbinding, bron: str, z: int, x: int, y: int, laag: str) -> tuple[bool, bytes]:
    """Whether the registry still allows the layer here, and the tile: one round trip."""
    naam, sql = _bron_sql(bron, z)
    pgconn = conn.pgconn
    if naam not in conn.voorbereid:
        _uitkomst(pgconn.prepare(naam, sql, TYPES), pq.ExecStatus.COMMAND_OK, conn)
        conn.voorbereid.add(naam)
    params = [str(z).encode(), str(x).encode(), str(y).encode(), laag.encode(), bron.encode()]
    uitkomst = _uitkomst(pgconn.exec_prepared(naam, params, result_format=1), pq.ExecStatus.TUPLES_OK, conn)
    return uitkomst.get_value(0, 0) == b"\x01", uitkomst.get_value(0, 1) or b""


def _uitkomst(uitkomst: pq.abc.PGresult, verwacht: pq.ExecStatus, conn: TegelVerbinding) -> pq.abc.PGresult:
    if uitkomst.status == verwacht:
        return uitkomst
    # Whatever went wrong, this connection's prepared statements are no longer certain: the pool
    # replaces a closed connection, and the caller lets Django answer this tile.
    conn.close()
    raise psycopg.DatabaseError((uitkomst.error_message or b"").decode(errors="replace"))


_pools: dict[str, Tegelpool] = {}
_pool_slot = threading.Lock()


def pool(alias: str = DEFAULT_DB_ALIAS) -> Tegelpool:
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


def _maak_pool(alias: str) -> Tegelpool:
    params = connections[alias].get_connection_params()
    params.pop("cursor_factory")  # Django's cursor class, for its own connections
    # No JIT: a tile takes milliseconds, compiling one would take ~0.1 s every time (a generic plan's
    # cost estimate for a big layer easily passes jit_above_cost). No parallel plans: see tegels.
    instellingen = (
        "-c plan_cache_mode=force_generic_plan -c jit=off "
        f"-c max_parallel_workers_per_gather={tegels.PARALLELLE_WERKERS}"
    )
    params["options"] = f"{params.get('options', '')} {instellingen}".strip()

    return Tegelpool({**params, "autocommit": True}, grootte=POOL_GROOTTE, wachttijd=2)


class TegelServer:
    def __init__(self, django):
        self.django = django
        self.bronnen: dict[str, str] = {}  # layer name -> source, learned once, checked on every query

    def __call__(self, environ, start_response):
        gevonden = _PAD.fullmatch(environ.get("PATH_INFO", ""))
        if gevonden is None or environ.get("REQUEST_METHOD") != "GET" or environ.get("QUERY_STRING"):
            return self.django(environ, start_response)
        https = snelpad.https(environ)
        if https is None or not snelpad.host_toegestaan(environ):
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
        tegelpool = pool(lees_alias())
        conn = tegelpool.getconn()
        try:
            geldig, inhoud = tegel_uit(conn, bron, z, x, y, naam)
        finally:
            tegelpool.putconn(conn)
        if not geldig:
            # Changed in the admin since we learned it: Django answers from the registry as it is now.
            self.bronnen.pop(naam, None)
            return None
        status, koppen, inhoud = tegels.antwoord(inhoud, True, if_none_match)
        return status, [*koppen, *snelpad.vaste_koppen(https)], inhoud

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
