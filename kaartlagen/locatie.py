"""Locatie-informatie: everything the portal knows about one spot, for the map panel and /locatie.

The core (addresses, the pand, buurt and wijk) comes from here; other apps add their own sections
(omgevingsplan rules, meldingen nearby, werkzaamheden, …) by registering a function with
`@sectie`, without this module knowing them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from kaartlagen import bagwoorden, voorbereid, zoeken
from kern.crs import RD_NEW, WGS84, naar_wgs84
from kern.replica import leesverbinding

# How far from a click we still look for an address when the click is not on a building.
ZOEKSTRAAL_ADRES = 25.0
# A building's addresses in the panel, at most.
MAX_ADRESSEN = 200


@dataclass
class Sectie:
    sleutel: str
    titel: str
    rijen: list[tuple[str, str]]  # (label, value), plain text; `regels` in the API (its published name)

    def als_dict(self) -> dict:
        return {"sleutel": self.sleutel, "titel": self.titel, "regels": [list(r) for r in self.rijen]}


@dataclass
class LocatieInformatie:
    punt_rd: tuple[float, float]
    punt_ll: tuple[float, float]
    adressen: list[dict] = field(default_factory=list)
    panden: list[dict] = field(default_factory=list)
    buurt: dict | None = None
    wijk: dict | None = None
    secties: list[Sectie] = field(default_factory=list)

    def als_dict(self) -> dict:
        """The panel's JSON (what LocatieInformatieSerializer in the API describes)."""
        return {
            "punt_rd": list(self.punt_rd),
            "punt_ll": list(self.punt_ll),
            "adressen": self.adressen,
            "panden": self.panden,
            "buurt": self.buurt,
            "wijk": self.wijk,
            "secties": [s.als_dict() for s in self.secties],
        }


@dataclass(frozen=True)
class SqlSectie:
    """A section read in the panel's one statement: `sql` is a scalar subquery that yields JSON (or NULL)
    about the point `pt.p` (RD New) on the date %(vandaag)s (local times: AT TIME ZONE %(tijdzone)s); `maak(info, waarde)` turns that into rows."""

    sql: str
    maak: Callable[["LocatieInformatie", Any], Sectie | None]


_SECTIES: list[Callable[[LocatieInformatie], Sectie | None] | SqlSectie] = []


def sectie(functie: Callable[[LocatieInformatie], Sectie | None]):
    """The extension point: `@sectie def omgevingsplan(info) -> Sectie | None`, called after the core
    is read (it may query the database itself: a round trip of its own)."""
    _SECTIES.append(functie)
    return functie


def sql_sectie(sql: str):
    """The extension point without a round trip of its own: `@sql_sectie("SELECT json_agg(…) FROM …
    WHERE ST_DWithin(t.geom, pt.p, 100)") def meldingen(info, waarde) -> Sectie | None`; the subquery
    runs inside the panel's one statement, the function only shapes what it returned."""

    def registreer(maak):
        _SECTIES.append(SqlSectie(sql, maak))
        return maak

    return registreer


_PANDEN_SQL = """
    SELECT p.identificatie, p.oorspronkelijk_bouwjaar, p.status, round(ST_Area(p.geom)) AS oppervlakte,
           (SELECT array_agg(DISTINCT d ORDER BY d) FROM kaartlagen_verblijfsobject v, unnest(v.gebruiksdoelen) d
            WHERE v.actief AND v.panden @> ARRAY[p.identificatie]::varchar[]) AS doelen,
           (SELECT coalesce(sum(v.oppervlakte), 0) FROM kaartlagen_verblijfsobject v
            WHERE v.actief AND v.panden @> ARRAY[p.identificatie]::varchar[]) AS vbo_oppervlakte,
           ST_AsGeoJSON(ST_Transform(p.geom, %(wgs84)s), 7)::json AS contour
    FROM kaartlagen_pand p, pt
    WHERE p.actief AND ST_Intersects(p.geom, pt.p)
"""
# The addresses of the buildings here; when the point is on no building, the nearest address within
# ZOEKSTRAAL_ADRES with where it lies (as reverse gives it).
_ADRESSEN_IN_PANDEN = zoeken.ADRES_SQL.format(
    extra="",
    bron=zoeken.NUMMERAANDUIDINGEN,
    score="1.0",
    voorwaarde=f"""n.identificatie = ANY(ARRAY(
        SELECT v.hoofdadres_id FROM kaartlagen_verblijfsobject v
        WHERE v.actief AND v.panden && ARRAY(SELECT identificatie FROM panden)::varchar[] LIMIT {MAX_ADRESSEN}))""",
)
_NAASTE_ADRES = zoeken.ADRES_SQL.format(
    bron=zoeken.NABIJ,
    score="-ST_Distance(v.geom, pt.p)",
    extra=", ST_X(v.geom), ST_Y(v.geom), " + zoeken.GEBIED_SQL.format(punt="v.geom"),
    voorwaarde="NOT EXISTS (SELECT FROM panden)",
).replace("LIMIT %(limit)s", "LIMIT 1")


def _kolommen(n: int) -> str:
    return ", ".join(f"k{i}" for i in range(n))


def _informatie_sql() -> str:
    secties = "".join(f",\n ({s.sql})" for s in _SECTIES if isinstance(s, SqlSectie))
    return f"""
        WITH pt AS (SELECT ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), %(srid)s) AS p),
        panden AS ({_PANDEN_SQL})
        SELECT (SELECT json_agg(json_build_array(identificatie, oorspronkelijk_bouwjaar, status, oppervlakte,
                                                 doelen, vbo_oppervlakte, contour)) FROM panden),
               (SELECT json_agg(json_build_array({_kolommen(8)})) FROM ({_ADRESSEN_IN_PANDEN}) a({_kolommen(8)})),
               (SELECT json_agg(json_build_array({_kolommen(11)})) FROM ({_NAASTE_ADRES}) a({_kolommen(11)})),
               {zoeken.GEBIED_SQL.format(punt="pt.p")}{secties}
        FROM pt
    """


def _gebied(rij) -> tuple[dict | None, dict | None]:
    if rij is None:
        return None, None
    return {"code": rij[0], "naam": rij[1]}, ({"code": rij[2], "naam": rij[3]} if rij[2] else None)


def gebied(x_rd: float, y_rd: float) -> tuple[dict | None, dict | None]:
    """Buurt and wijk ({code, naam}) at a point in RD New; None where no buurt lies."""
    with leesverbinding().cursor() as cursor:
        cursor.execute(
            f"SELECT {zoeken.GEBIED_SQL.format(punt='ST_SetSRID(ST_MakePoint(%s, %s), %s)')}",
            [x_rd, y_rd, RD_NEW],
        )
        return _gebied(cursor.fetchone()[0])


def bij_punt(x: float, y: float, srid: int) -> LocatieInformatie:
    """What is at this point (WGS84 or RD): raises zoeken.ZoekFout outside the municipality.

    The core and every SQL section come back from ONE statement (one round trip), prepared once per
    connection; only sections registered with plain `@sectie` query on their own afterwards."""
    x_rd, y_rd = zoeken.punt_in_gemeente(x, y, srid)
    info = LocatieInformatie(
        (round(x_rd, 3), round(y_rd, 3)), tuple(round(v, 7) for v in naar_wgs84(x_rd, y_rd))
    )
    params = {
        "x": x_rd,
        "y": y_rd,
        "srid": RD_NEW,
        "wgs84": WGS84,
        "straal": ZOEKSTRAAL_ADRES,
        "letter": "",
        "toev": "",
        "limit": MAX_ADRESSEN,
        "vandaag": timezone.localdate(),
        "tijdzone": settings.TIME_ZONE,
    }
    with voorbereid.cursor(leesverbinding()) as cursor:
        cursor.execute(_informatie_sql(), params)
        panden, in_panden, naaste, gebied_rij, *sql_waarden = cursor.fetchone()
    for ident, bouwjaar, status, oppervlakte, doelen, vbo_oppervlakte, contour in panden or []:
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
                "contour": contour,
            }
        )
    if in_panden:
        treffers = [zoeken.adres_treffer(rij) for rij in in_panden]
        info.adressen = [t.als_dict() for t in zoeken.op_postcode(treffers)]
    for rij in (naaste or [])[:1]:
        treffer = zoeken.adres_treffer(rij[:8])
        treffer.details["afstand"] = round(-treffer.score, 1)
        treffer.score = 1.0
        info.adressen = [zoeken.met_ligging(treffer, rij[8:10], rij[10]).als_dict()]
    info.buurt, info.wijk = _gebied(gebied_rij)
    waarden = iter(sql_waarden)
    for bron in _SECTIES:
        s = bron.maak(info, next(waarden)) if isinstance(bron, SqlSectie) else bron(info)
        if s is not None:
            info.secties.append(s)
    return info


def bij_adres(ident: str) -> LocatieInformatie | None:
    """The information at an address (an id from suggest), with that address first."""
    treffer = zoeken.lookup(ident)
    if treffer is None or "centroide_rd" not in treffer.details:
        return None
    info = bij_punt(*treffer.details["centroide_rd"], RD_NEW)
    info.adressen.sort(key=lambda a: a["id"] != treffer.id)
    return info
