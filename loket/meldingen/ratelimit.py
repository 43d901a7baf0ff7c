"""A rate limit per client IP for the public form and API, counted in PostgreSQL so every web
process shares it. The IP address is stored only as a keyed hash."""

import hashlib
import hmac

from django.conf import settings
from django.db import connection
from django.utils import timezone

from loket.meldingen.models import Verzoekteller

VENSTER_SECONDEN = 3600


def client_ip(request) -> str:
    # Behind a reverse proxy, configure it to set REMOTE_ADDR (e.g. uwsgi/gunicorn forwarded-allow-ips);
    # trusting X-Forwarded-For here would let anyone pick their own address.
    return request.META.get("REMOTE_ADDR", "")


def tel(request, soort: str) -> bool:
    """Count this request; False when the client is over MELDINGEN_MAX_PER_UUR in this hour."""
    sleutel = hmac.new(
        settings.SECRET_KEY.encode(), f"{soort}:{client_ip(request)}".encode(), hashlib.sha256
    ).hexdigest()
    nu = timezone.now()
    venster = nu.replace(minute=0, second=0, microsecond=0)
    tabel = Verzoekteller._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabel} (sleutel, venster, aantal) VALUES (%s, %s, 1) "
            f"ON CONFLICT (sleutel, venster) DO UPDATE SET aantal = {tabel}.aantal + 1 RETURNING aantal",
            [sleutel, venster],
        )
        aantal = cursor.fetchone()[0]
    return aantal <= settings.MELDINGEN_MAX_PER_UUR


def ruim_op(nu=None) -> int:
    nu = nu or timezone.now()
    aantal, _ = Verzoekteller.objects.filter(
        venster__lt=nu.replace(minute=0, second=0, microsecond=0)
    ).delete()
    return aantal
