"""A few sample buurtberichten at sample addresses, so the pages, feeds and map layer show something
after `make run` (deterministic; nothing when there are berichten already). Never in a migration."""

from datetime import timedelta

from django.contrib.gis.geos import LineString, Polygon
from django.utils import timezone

from kaartlagen.models import Verblijfsobject
from kern.crs import RD_NEW
from loket.buurtberichten import berichten
from loket.buurtberichten.models import Bericht

VOORBEELDEN = [
    (
        "werkzaamheden",
        "Nieuwe riolering",
        "We vervangen de riolering. De straat is dicht voor auto's. U kunt uw huis wel lopend bereiken.",
        3,
        14,
        "lijn",
    ),
    (
        "omleiding",
        "Omleiding voor auto's en bussen",
        "Door werk aan de weg rijden auto's en bussen een andere route. Volg de gele borden.",
        3,
        14,
        "lijn",
    ),
    (
        "evenement",
        "Buurtfeest op het plein",
        "Op zaterdag is er een buurtfeest met muziek tot 23.00 uur. Iedereen is welkom.",
        10,
        10,
        "vlak",
    ),
    (
        "herinrichtingsplan",
        "Plan voor een groener plein",
        "We willen het plein groener maken, met bomen en bankjes. Wat vindt u ervan? Kom naar de inloopavond.",
        20,
        20,
        "vlak",
    ),
]


def maak_berichten(schrijf=print) -> None:
    if Bericht.objects.exists():
        schrijf("Er zijn al buurtberichten; niets gedaan.")
        return
    adressen = Verblijfsobject.objects.filter(actief=True).order_by("identificatie")
    stap = max(1, adressen.count() // len(VOORBEELDEN))  # spread over the sample, the same on every machine
    plekken = list(adressen[::stap][: len(VOORBEELDEN)])
    if len(plekken) < len(VOORBEELDEN):
        schrijf("Te weinig adressen geladen (draai eerst make load); niets gedaan.")
        return
    vandaag = timezone.localdate()
    for (soort, titel, tekst, van, tot, vorm), vbo in zip(VOORBEELDEN, plekken, strict=True):
        x, y = vbo.geom.x, vbo.geom.y
        if vorm == "lijn":
            geom = LineString((x - 120, y + 10), (x + 120, y - 10), srid=RD_NEW)
        else:
            geom = Polygon(
                ((x - 40, y - 30), (x + 40, y - 30), (x + 40, y + 30), (x - 40, y + 30), (x - 40, y - 30))
            )
            geom.srid = RD_NEW
        bericht = berichten.publiceer(
            berichten.NieuwBericht(
                soort=soort,
                titel=titel,
                tekst=tekst,
                geom=geom,
                begin=vandaag + timedelta(days=van),
                eind=vandaag + timedelta(days=tot),
            ),
            handmatig=True,
        )
        schrijf(f"Buurtbericht: {bericht.titel}")
