"""Releases of the basemap's configuration, for every machine: a row and a NOTIFY in the transaction
that makes the change, so a rolled-back change tells no one and a committed one tells every follower
(`kaartlagen/basiskaart/bijhouden.py`) at once."""

import socket

from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.utils import timezone

from kaartlagen.basiskaart import mapfile
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


def _toegepast_pad():
    return mapfile.map_dir() / "uitgave"


def noteer_toegepast(nummer: int) -> None:
    """This machine's files are built from the registry as release `nummer` left it."""
    mapfile.schrijf_atomair(_toegepast_pad(), f"{nummer}\n")


def toegepast() -> int | None:
    try:
        return int(_toegepast_pad().read_text())
    except (FileNotFoundError, ValueError):
        return None


def achterstand() -> dict | None:
    """How far this machine's files are behind the newest release: the release it applied, the newest,
    and for how many seconds it has missed one (0 when current). None before any release."""
    nieuwste = laatste()
    if nieuwste is None:
        return None
    eigen = toegepast()
    gemist = 0.0
    if eigen is None or eigen < nieuwste:
        sinds = (
            BasiskaartUitgave.objects.using(DEFAULT_DB_ALIAS)
            .filter(pk__gt=eigen or 0)
            .order_by("pk")
            .values_list("gemaakt", flat=True)
            .first()
        )
        gemist = round((timezone.now() - sinds).total_seconds(), 3)
    return {"toegepast": eigen, "nieuwste": nieuwste, "achter_s": gemist}
