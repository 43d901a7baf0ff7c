"""Buurtberichten on the map (a vector source in the layers registry) and in the locatie-informatie
panel (a section through `@sectie`): current berichten only, public fields only."""

from datetime import timedelta

from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.db.models import Q
from django.utils import timezone

from kaartlagen.bronnen import VECTOR_BRONNEN, VectorBron
from kaartlagen.kaart import kaartconfig
from kaartlagen.locatie import LocatieInformatie, Sectie, sectie
from kern.crs import RD_NEW
from loket.buurtberichten.models import Bericht

BRON = "buurtberichten"
# Current: not ended, or without an end date and published in the last 90 days.
ACTUEEL_SQL = "(t.eind >= current_date OR (t.eind IS NULL AND t.gepubliceerd >= now() - interval '90 days'))"
STRAAL_M = 250

VECTOR_BRONNEN.setdefault(
    BRON,
    VectorBron(
        "Buurtberichten",
        Bericht._meta.db_table,
        "t.uuid::text",
        {
            "titel": "t.titel",
            "soort": "t.soort",
            "begin": "t.begin::text",
            "eind": "t.eind::text",
            "id": "t.uuid::text",
        },
        filter=ACTUEEL_SQL,
        frequentie="CONT",
    ),
)


def actueel():
    vandaag = timezone.localdate()
    grens = timezone.now() - timedelta(days=90)
    return Bericht.objects.filter(Q(eind__gte=vandaag) | Q(eind__isnull=True, gepubliceerd__gte=grens))


@sectie
def buurtberichten(info: LocatieInformatie) -> Sectie | None:
    """Current berichten within STRAAL_M metres of the spot."""
    punt = Point(*info.punt_rd, srid=RD_NEW)
    items = (
        actueel()
        .filter(geom__dwithin=(punt, D(m=STRAAL_M)))
        .defer("kaartbeeld")
        .order_by("-gepubliceerd")[:5]
    )
    rijen = []
    for b in items:
        periode = ""
        if b.begin:
            periode = f", {b.begin:%d-%m-%Y}" + (
                f" tot en met {b.eind:%d-%m-%Y}" if b.eind and b.eind != b.begin else ""
            )
        rijen.append((b.get_soort_display(), f"{b.titel}{periode}"))
    if not rijen:
        return None
    return Sectie("buurtberichten", f"Buurtberichten binnen {STRAAL_M} meter", rijen)


def paginaconfig(request) -> dict:
    """What the drawing map and the address field need: centre, basemap, the suggest endpoint."""
    kaart = kaartconfig(request)
    ondergrond = [laag for laag in kaart["lagen"] if laag["soort"] != "vector" and laag["standaard_aan"]]
    return {
        "centrum": kaart["centrum"],
        "zoom": kaart["zoom"],
        "ondergrond": ondergrond[:1],
        "suggest": kaart["api"]["suggest"],
    }
