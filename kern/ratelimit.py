"""A rate limit per client IP and kind of request, counted in PostgreSQL so every web process on every
machine shares it. The IP address is stored only as a keyed hash, so the counters hold no personal data.

Counted on the primary database (a replica cannot write), in its own statement: a count made inside a
transaction that is rolled back still counted, which is what a limit on attempts wants.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import connections
from django.utils import timezone

from kern.models import Verzoekteller
from kern.netwerk import client_ip

VENSTER_SECONDEN = 3600


def _sleutel(soort: str, ip: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{soort}:{ip}".encode(), hashlib.sha256).hexdigest()


def tel(request, soort: str, max_per_uur: int) -> bool:
    """Count this request of `soort`; False when the client made more than `max_per_uur` this hour."""
    venster = timezone.now().replace(minute=0, second=0, microsecond=0)
    tabel = Verzoekteller._meta.db_table
    with connections["default"].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabel} (sleutel, venster, aantal) VALUES (%s, %s, 1) "
            f"ON CONFLICT (sleutel, venster) DO UPDATE SET aantal = {tabel}.aantal + 1 RETURNING aantal",
            [_sleutel(soort, client_ip(request)), venster],
        )
        aantal = cursor.fetchone()[0]
    return aantal <= max_per_uur


def ruim_op(nu=None) -> int:
    """Delete the counters of past hours (a nightly job calls this); returns how many went."""
    nu = nu or timezone.now()
    aantal, _ = Verzoekteller.objects.filter(
        venster__lt=nu.replace(minute=0, second=0, microsecond=0)
    ).delete()
    return aantal
