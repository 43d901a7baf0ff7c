"""The locatie-informatie section "Meldingen in de buurt": open meldingen within 100 m."""

from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D

from kaartlagen.locatie import LocatieInformatie, Sectie, sectie
from kern.crs import RD_NEW
from loket.zaken.models import Zaak

STRAAL_M = 100


@sectie
def meldingen_in_de_buurt(info: LocatieInformatie) -> Sectie | None:
    punt = Point(*info.punt_rd, srid=RD_NEW)
    zaken = (
        Zaak.objects.open()
        .filter(melding__isnull=False, geometrie__dwithin=(punt, D(m=STRAAL_M)))
        .select_related("status", "melding__categorie")
        .order_by("-registratiedatum")[:5]
    )
    rijen = [
        (str(z.melding.categorie), f"{z.status.omschrijving}, gemeld op {z.registratiedatum:%d-%m-%Y}")
        for z in zaken
    ]
    if not rijen:
        return None
    return Sectie("meldingen", f"Open meldingen binnen {STRAAL_M} meter", rijen)
