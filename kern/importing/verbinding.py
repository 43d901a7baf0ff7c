"""The database connection an import works through: Django's, or one psycopg connection of its own.

An import does its work in SQL (COPY, set-based merges, its ImportRun rows in importrun.py), so it
needs a cursor and transactions, not Django's database layer. Loading that layer costs ~0.25 s
(its PostgreSQL backend imports the whole ORM, forms included, and PostGIS's backend GeoDjango's
GDAL binding): most of a command's start-up. The lean entry point (config/importeren.py) therefore
calls `eigen()` and the pipeline talks to PostgreSQL directly, with what Django's own connection
would use (the settings' database, client-side binding, no prepared statements, UTC, autocommit with
explicit transactions). Everywhere else (tests, the worker's background import, call_command) the
import goes through Django's connection, inside whatever transaction the caller holds.
"""

import functools
import os
from contextlib import contextmanager

_eigen = None
TEMP_BUFFERS = "128MB"


class _Eigen:
    """One psycopg connection per process; a forked worker opens its own (levering.py closes this one
    before it forks: a child must never use its parent's session)."""

    def __init__(self, parameters: dict):
        self.parameters = parameters
        self.conn = None
        self.pid = 0

    def verbinding(self):
        if self.conn is None or self.conn.closed or self.pid != os.getpid():
            import psycopg

            self.conn = psycopg.connect(
                **self.parameters,
                autocommit=True,
                cursor_factory=psycopg.ClientCursor,
                prepare_threshold=None,
            )
            self.pid = os.getpid()
        return self.conn

    def sluit(self):
        if self.conn is not None and self.pid == os.getpid():
            self.conn.close()
        self.conn = None


def parameters(database: dict) -> dict:
    """psycopg's connection parameters for one entry of settings.DATABASES, as Django derives them."""
    opties = {
        k: v
        for k, v in database.get("OPTIONS", {}).items()
        if k not in ("assume_role", "isolation_level", "pool", "server_side_binding")
    }
    uit = {"dbname": database["NAME"], **opties} if database.get("NAME") else opties
    for sleutel, naam in (("USER", "user"), ("PASSWORD", "password"), ("HOST", "host"), ("PORT", "port")):
        if database.get(sleutel):
            uit[naam] = str(database[sleutel])
    # Django sets the session to UTC (USE_TZ) and the encoding to UTF8 on every connection it opens.
    uit["client_encoding"] = "UTF8"
    # An import's temporary tables (staging, the prepared rows, cur) hold tens of MB; in the default
    # 8 MB of local buffers every pass over them went through the disk. Taken only as they fill.
    uit["options"] = " ".join(
        filter(None, [uit.get("options", ""), "-c TimeZone=UTC", f"-c temp_buffers={TEMP_BUFFERS}"])
    )
    return uit


def eigen(database: dict) -> None:
    """From now on this process imports through its own psycopg connection to `database`."""
    global _eigen
    _eigen = _Eigen(parameters(database))


def cursor():
    if _eigen is not None:
        return _eigen.verbinding().cursor()
    from django.db import connection

    return connection.cursor()


@contextmanager
def transactie(terugdraaien: bool = False):
    """One transaction (a savepoint inside one); `terugdraaien`: keep nothing of it, however it ends."""
    if _eigen is not None:
        with _eigen.verbinding().transaction(force_rollback=terugdraaien):
            yield
        return
    from django.db import transaction

    with transaction.atomic():
        yield
        if terugdraaien:
            transaction.set_rollback(True)


def in_transactie() -> bool:
    """Whether a caller holds a transaction open (then other processes would not see its data)."""
    if _eigen is not None:
        return _eigen.conn is not None and not _eigen.conn.closed and _eigen.conn.info.transaction_status != 0
    from django.db import connection

    return connection.in_atomic_block


def sluit() -> None:
    """Close this process's connections (before forking workers, and at the end of a command)."""
    if _eigen is not None:
        _eigen.sluit()
        return
    from django.db import connections

    connections.close_all()


def databasefouten() -> tuple[type[Exception], ...]:
    """The exceptions a failing statement raises through this connection."""
    if _eigen is not None:
        import psycopg

        return (psycopg.DatabaseError,)
    from django.db import DatabaseError

    return (DatabaseError,)


@functools.cache
def kolomlengtes(tabel: str) -> dict[str, int]:
    """The length of each varchar column of `tabel` as the database declares it (the model's
    max_length, without loading the model). Read once per process, and before a COPY starts: while
    one runs, its connection takes no other statement."""
    with cursor() as c:
        c.execute(
            "select attname, atttypmod - 4 from pg_attribute where attrelid = %s::regclass "
            "and atttypid = 'varchar'::regtype and atttypmod > 0 and not attisdropped",
            [tabel],
        )
        return dict(c.fetchall())
