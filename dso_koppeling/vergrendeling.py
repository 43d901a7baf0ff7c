"""One sync of a kind at a time, across processes and machines: a PostgreSQL advisory lock.

The lock belongs to the database session, so a killed sync releases it with its connection."""

import contextlib
import zlib

from django.db import connection


@contextlib.contextmanager
def alleen(naam: str):
    """Yields True when we hold the lock, False when another process is already running this sync."""
    sleutel = zlib.crc32(f"dso_koppeling.{naam}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [sleutel])
        gekregen = cursor.fetchone()[0]
    try:
        yield gekregen
    finally:
        if gekregen:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [sleutel])
