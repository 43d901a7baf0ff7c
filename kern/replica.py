"""Read-only traffic on a PostgreSQL streaming replica, everything else on the primary (decision 0015).

A request is read-only when it is a GET/HEAD on one of the public read paths (`REPLICA_PADEN`: tiles,
search, locatie-informatie, OGC API, public layers). Only inside such a request do reads go to the
replica, through the router (ORM) or `leesverbinding()` (raw SQL); writes always go to the primary.
Read-your-writes: after a request that may have written (POST, PUT, …) the browser gets a cookie that
keeps its reads on the primary for `REPLICA_PLAKTIJD` seconds, longer than the replica may lag.

The replica is used only while it answers and is at most `REPLICA_MAX_ACHTERSTAND` seconds behind; that
is measured at most every `REPLICA_CONTROLE` seconds per process, by the first request of a process and
after that in a thread beside the requests. Otherwise everything reads from the primary, as without a
replica.
"""

import math
import threading
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
PLAK_COOKIE = "primair"
_alleen_lezen: ContextVar[bool] = ContextVar("alleen_lezen", default=False)
_toestand = {"gemeten": -math.inf, "bruikbaar": False}
_slot = threading.Lock()


def achterstand() -> float | None:
    """Seconds the replica is behind the primary (0 when it has replayed all the primary has written);
    None when it does not answer or is no standby.

    Measured against the primary's own WAL position, not what the replica received: a standby whose
    stream stopped has replayed all it received and would otherwise count as current while it serves
    ever older data."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            geschreven = cursor.fetchone()[0]
    except DatabaseError:
        return None  # no primary to compare with; its own errors show where it is used
    verbinding = connections[REPLICA]
    try:
        with verbinding.cursor() as cursor:
            vraag = (
                "SELECT pg_is_in_recovery(), pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn()) <= 0, "
                "EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())"
            )
            cursor.execute(vraag, [geschreven])
            standby, bij, seconden = cursor.fetchone()
            if not standby:
                return None
            if bij:
                return 0.0
            # WAL in flight is received and replayed within milliseconds; only WAL that stays unreplayed
            # is lag. Its age is measured from the last replayed commit (an overestimate after a quiet
            # spell, hence the second look first).
            time.sleep(0.05)
            cursor.execute(vraag, [geschreven])
            standby, bij, seconden = cursor.fetchone()
            if bij:
                return 0.0
    except DatabaseError:
        verbinding.close()  # a broken connection is not reused; the next measurement connects anew
        return None
    return float(seconden or 0)


def replica_bruikbaar() -> bool:
    if REPLICA not in settings.DATABASES:
        return False
    leeftijd = time.monotonic() - _toestand["gemeten"]
    if leeftijd < settings.REPLICA_CONTROLE:
        return _toestand["bruikbaar"]
    if leeftijd == math.inf:
        # Never measured in this process (or forgotten): this request measures and waits for it.
        with _slot:
            if _toestand["gemeten"] == -math.inf:
                _meet()
        return _toestand["bruikbaar"]
    # Measured before: measured again in a thread of its own, while requests go on with the last
    # measurement. Measuring on the request path (two statements, and a second look 50 ms later when
    # WAL was still in flight) held up that request and every read waiting for the lock: p95 50 ms in
    # the replica load run, where reads on the primary had 15.
    if _slot.acquire(blocking=False):
        try:
            threading.Thread(target=_meet_op_de_achtergrond, daemon=True).start()
        except BaseException:
            _slot.release()
            raise
    return _toestand["bruikbaar"]


def _meet() -> None:
    seconden = achterstand()
    _toestand.update(
        gemeten=time.monotonic(),
        bruikbaar=seconden is not None and seconden <= settings.REPLICA_MAX_ACHTERSTAND,
    )


def _meet_op_de_achtergrond() -> None:
    try:
        _meet()
    finally:
        connections.close_all()  # this thread's own connections: it ends here
        _slot.release()


def vergeet_toestand() -> None:
    """Measure again on the next read (tests; after a failover)."""
    _toestand.update(gemeten=-math.inf, bruikbaar=False)


def lees_alias() -> str:
    return REPLICA if _alleen_lezen.get() and replica_bruikbaar() else DEFAULT_DB_ALIAS


def leesverbinding():
    """The connection for raw-SQL reads: the replica inside a read-only request when it is usable."""
    return connections[lees_alias()]


class alleen_lezen:  # noqa: N801 (used as a context manager, like transaction.atomic)
    """Marks the code inside as read-only, so its reads may go to the replica (the middleware and the
    tile fast path use it; so may a command that only reads)."""

    def __enter__(self):
        self._token = _alleen_lezen.set(True)

    def __exit__(self, *exc):
        _alleen_lezen.reset(self._token)


class LeesRouter:
    def db_for_read(self, model, **hints):
        return lees_alias()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # a standby is read-only; it follows the primary's schema


def leesverzoek(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and PLAK_COOKIE not in request.COOKIES
        and request.path_info.startswith(tuple(settings.REPLICA_PADEN))
    )


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if REPLICA not in settings.DATABASES:
            return self.get_response(request)
        if leesverzoek(request):
            with alleen_lezen():
                return self.get_response(request)
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                PLAK_COOKIE,
                "1",
                max_age=settings.REPLICA_PLAKTIJD,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
