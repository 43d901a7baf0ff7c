"""Releases of the basemap's configuration, for every machine: a row and a NOTIFY in the transaction
that makes the change, so a rolled-back change tells no one and a committed one tells every follower
(`kaartlagen/basiskaart/bijhouden.py`) at once."""

import socket

from django.db import DEFAULT_DB_ALIAS, connection, transaction

from kaartlagen.models import BasiskaartUitgave

KANAAL = "basiskaart"


def breng_uit(reden: str) -> int:
    """A new release; PostgreSQL delivers its NOTIFY when the surrounding transaction commits."""
    with transaction.atomic():
        uitgave = BasiskaartUitgave.objects.create(reden=reden[:200], machine=socket.gethostname()[:255])
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [KANAAL, str(uitgave.pk)])
    return uitgave.pk


def laatste() -> int | None:
    """The newest release, or None while no machine ever built the basemap against this database. From
    the primary: a replica may not have the row yet when its NOTIFY arrives."""
    return (
        BasiskaartUitgave.objects.using(DEFAULT_DB_ALIAS).order_by("-pk").values_list("pk", flat=True).first()
    )
