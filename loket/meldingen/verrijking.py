"""What lies at a melding's location, from our own kaartlagen tables: nearest address, buurt and wijk,
and the BGT object it lies on. Stored on the zaak at registration (the data may change later)."""

from django.db import connection

from kaartlagen import zoeken
from kern.crs import RD_NEW
from loket.zaken.services import gebied_velden

# A melding in a park may be far from any door; further than this the address says nothing.
ADRES_STRAAL = 150.0

# The object on top (highest relatieve hoogteligging), the smallest when several overlap.
_BGT_SQL = """
    SELECT objecttype, functie, lokaal_id FROM kaartlagen_bgtobject
    WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), %(srid)s))
    ORDER BY relatieve_hoogteligging DESC, ST_Area(geom) LIMIT 1
"""


def verrijk(x_rd: float, y_rd: float) -> dict:
    """The enrichment fields of loket.zaken.models.Zaak for a point in RD New."""
    velden = {}
    params = {"x": x_rd, "y": y_rd, "srid": RD_NEW}
    adressen = zoeken.reverse(x_rd, y_rd, RD_NEW, limit=1, straal=ADRES_STRAAL)
    if adressen:
        velden["adres"] = adressen[0].weergavenaam
        velden["nummeraanduiding"] = adressen[0].details["nummeraanduiding"]
    velden.update(gebied_velden(x_rd, y_rd))
    with connection.cursor() as cursor:
        cursor.execute(_BGT_SQL, params)
        if rij := cursor.fetchone():
            velden.update(zip(("bgt_objecttype", "bgt_functie", "bgt_lokaal_id"), rij, strict=True))
    return velden
