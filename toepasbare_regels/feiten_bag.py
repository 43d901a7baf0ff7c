"""Data-answers from the BAG, BGT and CBS: the questions national rule files ask about the building
itself (woonwagen, recreatiewoning, nieuwbouw, tijdelijk) and about where it is (binnen de gemeente,
dakvlak naar openbaar gebied). Each says None where the data does not settle it: then it is asked."""

from django.db import connection

from kern.gemeente import huidige

from .feiten import feit
from .plek import Plek

NIEUWBOUW = ("Bouwvergunning verleend", "Bouw gestart")
BESTAAND = ("Pand in gebruik", "Pand in gebruik (niet ingemeten)", "Verbouwing pand")


def _een(sql: str, params: dict):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


@feit(
    "binnen-gemeente",
    "De plek ligt in de gemeente",
    "CBS: buurten van de gemeente {gemeente}",
)
def binnen_gemeente(plek: Plek) -> str | None:
    """ "ja", "deels" or "nee" as a geoVerwijzing to the gemeentegrens answers."""
    rij = _een(
        """SELECT bool_or(gemeentecode = %(code)s),
                  ST_CoveredBy(ST_GeomFromEWKB(%(g)s), ST_Union(geom) FILTER (WHERE gemeentecode = %(code)s))
           FROM kaartlagen_buurt WHERE ST_Intersects(geom, ST_GeomFromEWKB(%(g)s))""",
        {"g": bytes(plek.geometrie.ewkb), "code": huidige().cbs_code},
    )
    if rij is None or rij[0] is None:
        return None  # no CBS buurten here: no data is not "nee"
    if not rij[0]:
        return "nee"
    return "ja" if rij[1] else "deels"


@feit("woonwagen", "Het is een woonwagen (op een standplaats)", "BAG: standplaatsen en panden")
def woonwagen(plek: Plek) -> bool | None:
    rij = _een(
        "SELECT 1 FROM kaartlagen_standplaats WHERE actief AND ST_Intersects(geom, ST_GeomFromEWKB(%(g)s)) LIMIT 1",
        {"g": bytes(plek.geometrie.ewkb)},
    )
    if rij:
        return True
    return False if plek.pand is not None else None


@feit(
    "recreatief-nachtverblijf",
    "Het is een recreatiewoning (recreatief nachtverblijf voor één huishouden)",
    "BAG: gebruiksdoel van het verblijfsobject",
)
def recreatief_nachtverblijf(plek: Plek) -> bool | None:
    """A dwelling (woonfunctie) is not; one verblijfsobject with only logiesfunctie is; the rest is asked."""
    doelen = plek.gebruiksdoelen
    if any("woonfunctie" in d for d in doelen):
        return False
    if len(doelen) == 1 and doelen[0] == ["logiesfunctie"]:
        return True
    return None


@feit("nieuwbouw", "Het pand moet nog gebouwd worden", "BAG: status van het pand")
def nieuwbouw(plek: Plek) -> bool | None:
    status = plek.pand["status"] if plek.pand else ""
    return True if status in NIEUWBOUW else False if status in BESTAAND else None


@feit(
    "tijdelijk-bouwwerk",
    "Het is een tijdelijk bouwwerk",
    "BAG: panden (de BAG registreert alleen blijvende gebouwen)",
)
def tijdelijk_bouwwerk(plek: Plek) -> bool | None:
    return False if plek.pand is not None and plek.pand["status"] in BESTAAND else None


# A roof plane can only face public ground that lies near the building.
_OPENBAAR_SQL = """
    SELECT 1 FROM kaartlagen_bgtobject
    WHERE objecttype IN ('wegdeel', 'ondersteunendwegdeel') AND ST_DWithin(geom, ST_GeomFromEWKB(%(g)s), %(m)s)
    LIMIT 1
"""
OPENBAAR_AFSTAND_M = 30


@feit(
    "dakvlak-openbaar-gebied",
    "Geen dakvlak van het pand ligt naar de weg of de stoep",
    f"BGT: wegdelen binnen {OPENBAAR_AFSTAND_M} meter van het BAG-pand",
)
def dakvlak_openbaar_gebied(plek: Plek) -> bool | None:
    """False when no road or pavement lies within reach of the pand; otherwise it depends on the roof
    plane the user chooses, so it is asked."""
    if plek.pand is None:
        return None
    dichtbij = _een(_OPENBAAR_SQL, {"g": bytes(plek.pand["geom"].ewkb), "m": OPENBAAR_AFSTAND_M})
    return None if dichtbij else False
