"""Read-side services over the PostGIS truth, for views, APIs and commands alike."""

import time

from django.db import connection

from kaartlagen.models import BgtObject, Buurt, Nummeraanduiding, OpenbareRuimte, Pand, Verblijfsobject, Wijk
from kern import gemeente


def inhoud() -> list[dict]:
    """What the portal holds now, for the home page and `load_sample`'s closing line."""
    return [
        {"titel": "Panden (BAG)", "aantal": Pand.objects.filter(actief=True).count()},
        {"titel": "Verblijfsobjecten (BAG)", "aantal": Verblijfsobject.objects.filter(actief=True).count()},
        {"titel": "Adressen (BAG)", "aantal": Nummeraanduiding.objects.filter(actief=True).count()},
        {"titel": "Straten en andere openbare ruimten (BAG)", "aantal": OpenbareRuimte.objects.count()},
        {"titel": "Objecten in de topografie (BGT)", "aantal": BgtObject.objects.count()},
        {"titel": "Wijken (CBS)", "aantal": Wijk.objects.count()},
        {"titel": "Buurten (CBS)", "aantal": Buurt.objects.count()},
    ]


_GRENZEN: dict = {}
GRENZEN_GELDIG_SECONDEN = 300


def data_grenzen() -> tuple[float, float, float, float]:
    """The extent (RD New) of the BAG panden loaded, where every map starts; the municipality's bbox
    while none are. Kept a few minutes: an import moves it rarely and the maps ask it on every page."""
    if _GRENZEN.get("tot", 0) > time.monotonic():
        return _GRENZEN["waarde"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)"
            " FROM (SELECT ST_Extent(geom) e FROM kaartlagen_pand WHERE actief) t"
        )
        rij = cursor.fetchone()
    waarde = tuple(rij) if rij and rij[0] is not None else gemeente.huidige().bbox_rd
    _GRENZEN.update(waarde=waarde, tot=time.monotonic() + GRENZEN_GELDIG_SECONDEN)
    return waarde


def vergeet_grenzen() -> None:
    """After an import (and between tests): the next map asks the database again."""
    _GRENZEN.clear()
