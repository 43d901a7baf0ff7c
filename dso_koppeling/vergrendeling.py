"""One sync of a kind at a time, across processes and machines: a lock row with a lease.

A row per kind in `dso_koppeling_slot` says who holds it until when. It is taken and released in
statements of their own, so it works through a pooler in transaction mode (PgBouncer), where a
session's advisory lock would be held by whichever client happens to get that server connection. A
sync that is killed cannot release it: its lease runs out after DSO_SLOT_DUUR seconds, and a running
sync renews the lease on every page (`verleng()`), so a long one is never overtaken.
"""

import contextlib
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import connections

from dso_koppeling.models import Slot

_TABEL = Slot._meta.db_table


class Houder:
    def __init__(self, naam: str, gekregen: bool, sleutel: str):
        self.naam, self.gekregen, self.sleutel = naam, gekregen, sleutel

    def __bool__(self) -> bool:
        return self.gekregen

    def verleng(self) -> None:
        with connections["default"].cursor() as cursor:
            cursor.execute(
                f"UPDATE {_TABEL} SET tot = clock_timestamp() + %s WHERE naam = %s AND houder = %s",
                [_duur(), self.naam, self.sleutel],
            )


def _duur() -> timedelta:
    return timedelta(seconds=settings.DSO_SLOT_DUUR)


@contextlib.contextmanager
def alleen(naam: str):
    """Yields a truthy Houder when we hold the slot, a falsy one when another sync holds a live lease."""
    sleutel = uuid.uuid4().hex
    with connections["default"].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_TABEL} (naam, houder, tot) VALUES (%s, %s, clock_timestamp() + %s) "
            f"ON CONFLICT (naam) DO UPDATE SET houder = EXCLUDED.houder, tot = EXCLUDED.tot "
            f"WHERE {_TABEL}.tot < clock_timestamp() RETURNING houder",
            [naam, sleutel, _duur()],
        )
        gekregen = cursor.fetchone() is not None
    houder = Houder(naam, gekregen, sleutel)
    try:
        yield houder
    finally:
        if gekregen:
            with connections["default"].cursor() as cursor:
                cursor.execute(f"DELETE FROM {_TABEL} WHERE naam = %s AND houder = %s", [naam, sleutel])
