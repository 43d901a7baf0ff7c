"""Locatie-informatie: everything the portal knows about one spot, for the map panel and /locatie.

The core (addresses, the pand, buurt and wijk) comes from here; other apps add their own sections
(omgevingsplan rules, meldingen nearby, werkzaamheden, …) by registering a function with
`@sectie`, without this module knowing them.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

from kaartlagen import bagwoorden, zoeken
from kern.crs import RD_NEW, WGS84, naar_wgs84

# How far from a click we still look for an address when the click is not on a building.
ZOEKSTRAAL_ADRES = 25.0


@dataclass
class Sectie:
    sleutel: str
    titel: str
    rijen: list[tuple[str, str]]  # (label, value), plain text; `regels` in the API (its published name)


@dataclass
class LocatieInformatie:
    punt_rd: tuple[float, float]
    punt_ll: tuple[float, float]
    adressen: list[dict] = field(default_factory=list)
    panden: list[dict] = field(default_factory=list)
    buurt: dict | None = None
    wijk: dict | None = None
    secties: list[Sectie] = field(default_factory=list)


_SECTIES: list[Callable[[LocatieInformatie], Sectie | None]] = []


def sectie(functie: Callable[[LocatieInformatie], Sectie | None]):
    """The extension point: `@sectie def omgevingsplan(info) -> Sectie | None`."""
    _SECTIES.append(functie)
    return functie


_PANDEN_SQL = """
    SELECT p.identificatie, p.oorspronkelijk_bouwjaar, p.status, round(ST_Area(p.geom)),
           (SELECT array_agg(DISTINCT d ORDER BY d) FROM kaartlagen_verblijfsobject v, unnest(v.gebruiksdoelen) d
            WHERE v.actief AND v.panden @> ARRAY[p.identificatie]::varchar[]),
           (SELECT coalesce(sum(v.oppervlakte), 0) FROM kaartlagen_verblijfsobject v
            WHERE v.actief AND v.panden @> ARRAY[p.identificatie]::varchar[]),
           ST_AsGeoJSON(ST_Transform(p.geom, %(wgs84)s), 7)
    FROM kaartlagen_pand p
    WHERE p.actief AND ST_Intersects(p.geom, ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), %(srid)s))
"""
_ADRESSEN_IN_PANDEN_SQL = """
    SELECT n.identificatie FROM kaartlagen_verblijfsobject v
    JOIN kaartlagen_nummeraanduiding n ON n.identificatie = v.hoofdadres_id
    WHERE v.actief AND v.panden && %(panden)s::varchar[]
    LIMIT 200
"""
_GEBIED_SQL = """
    SELECT b.code, b.naam, w.code, w.naam FROM kaartlagen_buurt b LEFT JOIN kaartlagen_wijk w ON w.code = b.wijk_id
    WHERE ST_Intersects(b.geom, ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), %(srid)s)) LIMIT 1
"""


def gebied(x_rd: float, y_rd: float) -> tuple[dict | None, dict | None]:
    """Buurt and wijk ({code, naam}) at a point in RD New; None where no buurt lies."""
    with connection.cursor() as cursor:
        cursor.execute(_GEBIED_SQL, {"x": x_rd, "y": y_rd, "srid": RD_NEW})
        rij = cursor.fetchone()
    if rij is None:
        return None, None
    return {"code": rij[0], "naam": rij[1]}, ({"code": rij[2], "naam": rij[3]} if rij[2] else None)


def bij_punt(x: float, y: float, srid: int) -> LocatieInformatie:
    """What is at this point (WGS84 or RD): raises zoeken.ZoekFout outside the municipality."""
    x_rd, y_rd = zoeken.punt_in_gemeente(x, y, srid)
    info = LocatieInformatie(
        (round(x_rd, 3), round(y_rd, 3)), tuple(round(v, 7) for v in naar_wgs84(x_rd, y_rd))
    )
    params = {"x": x_rd, "y": y_rd, "srid": RD_NEW, "wgs84": WGS84}
    with connection.cursor() as cursor:
        cursor.execute(_PANDEN_SQL, params)
        for ident, bouwjaar, status, oppervlakte, doelen, vbo_oppervlakte, contour in cursor.fetchall():
            info.panden.append(
                {
                    "identificatie": ident,
                    "bouwjaar": bouwjaar,
                    "status": status,
                    "status_tekst": bagwoorden.pandstatus(status),
                    "oppervlakte": int(oppervlakte),
                    "gebruiksdoelen": doelen or [],
                    "gebruik": bagwoorden.gebruik(doelen or []),
                    "oppervlakte_verblijfsobjecten": int(vbo_oppervlakte),
                    "contour": json.loads(contour),
                }
            )
        if info.panden:
            cursor.execute(_ADRESSEN_IN_PANDEN_SQL, {"panden": [p["identificatie"] for p in info.panden]})
            gevonden = zoeken.adressen([ident for (ident,) in cursor.fetchall()])
            info.adressen = [t.als_dict() for t in gevonden]
        else:
            gevonden = zoeken.reverse(x_rd, y_rd, RD_NEW, limit=1, straal=ZOEKSTRAAL_ADRES)
            info.adressen = [t.als_dict() for t in gevonden]
    info.buurt, info.wijk = gebied(x_rd, y_rd)
    info.secties = [s for s in (maak(info) for maak in _SECTIES) if s is not None]
    return info


def bij_adres(ident: str) -> LocatieInformatie | None:
    """The information at an address (an id from suggest), with that address first."""
    treffer = zoeken.lookup(ident)
    if treffer is None or "centroide_rd" not in treffer.details:
        return None
    info = bij_punt(*treffer.details["centroide_rd"], RD_NEW)
    info.adressen.sort(key=lambda a: a["id"] != treffer.id)
    return info
