"""The public layer of open meldingen, as a PostGIS source of the layer registry.

The materialized view `meldingen_openbaar` (migration 0002, refreshed every minute) shows only
category, status and date on a 10 m grid: never text, photos or contact data. Tiles, GeoJSON/CSV downloads and OGC API – Features of the
registry all read it; the filter keeps the last MELDINGEN_OPENBAAR_DAGEN days.
"""

from django.conf import settings

from kaartlagen.bronnen import VECTOR_BRONNEN, VectorBron

BRON = "meldingen_open"
VECTOR_BRONNEN[BRON] = VectorBron(
    "Open meldingen openbare ruimte",
    "meldingen_openbaar",
    "t.id",
    {
        "categorie": "t.categorie",
        "hoofdcategorie": "t.hoofdcategorie",
        "status": "t.status",
        "datum": "t.datum::text",
    },
    filter=f"t.registratiedatum >= now() - interval '{int(settings.MELDINGEN_OPENBAAR_DAGEN)} days'",
    punten=True,
    frequentie="CONT",
)
