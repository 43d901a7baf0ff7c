"""The location a check is about: validated at the edge, and the place where its facts are looked up
once per request (omgevingsplan locaties, gebiedsaanwijzingen, normen, the pand)."""

import json
import math
from datetime import date
from functools import cached_property

from django.contrib.gis.geos import GEOSException, GEOSGeometry, Point
from django.db import connection
from django.utils import timezone

from kaartlagen import voorbereid
from kaartlagen.zoeken import ZoekFout, punt_in_gemeente
from kern.crs import RD_NEW
from kern.replica import leesverbinding
from toepasbare_regels.omgevingsplan.models import Gebiedsaanwijzing, LocatieVlak, RegelingVersie, Regeltekst
from toepasbare_regels.omgevingsplan.services import (
    ewkb,
    gebiedsaanwijzing,
    geheel_in_versies,
    normwaarden_van,
)

from .models import Regelstand

MAX_OPPERVLAKTE_M2 = 1_000_000


def uit_geojson(geojson: dict, srid: int) -> GEOSGeometry:
    """A Point or Polygon from an API body, checked (valid, inside the municipality) and in RD New."""
    if not isinstance(geojson, dict) or geojson.get("type") not in ("Point", "Polygon", "MultiPolygon"):
        raise ZoekFout("geometrie_ongeldig", "Geef een locatie als GeoJSON Point of Polygon.")
    if (xy := _gewoon_punt(geojson)) is not None:
        return punt(*xy, srid)
    try:
        # GeoJSON always parses as WGS84; the Content-Crs header says what the numbers really are.
        geom = GEOSGeometry(json.dumps(geojson))
        geom.srid = srid
    except (GEOSException, ValueError, TypeError) as exc:
        raise ZoekFout("geometrie_ongeldig", "De locatie is geen geldige GeoJSON-geometrie.") from exc
    if geom.empty or not geom.valid:
        raise ZoekFout("geometrie_ongeldig", f"De locatie is geen geldige geometrie: {geom.valid_reason}.")
    if geom.geom_type == "Point":
        return punt(geom.x, geom.y, srid)
    for x, y in (geom.extent[:2], geom.extent[2:]):
        punt_in_gemeente(x, y, srid)
    if srid != RD_NEW:
        geom.transform(RD_NEW)
    if geom.area > MAX_OPPERVLAKTE_M2:
        raise ZoekFout("geometrie_te_groot", "Het gebied is te groot: kies een gebied kleiner dan 1 km².")
    return geom


def _gewoon_punt(geojson: dict) -> tuple[float, float] | None:
    """x and y of a Point with two or three ordinary numbers: nearly every request, and then parsing
    through GDAL and GEOS (most of this function's time) can only give the same x and y. Anything
    else takes that path and its errors."""
    if geojson["type"] != "Point":
        return None
    coordinaten = geojson.get("coordinates")
    if not isinstance(coordinaten, list) or len(coordinaten) not in (2, 3):
        return None
    for c in coordinaten:
        if not (isinstance(c, float) and math.isfinite(c) or type(c) is int and abs(c) < 2**53):
            return None
    return float(coordinaten[0]), float(coordinaten[1])


# What every check at a spot needs, in one prepared statement: the stand of the rule tables (the key of
# regelcache), the regeling versions in force, the locaties at the spot and their gebiedsaanwijzingen;
# the same answers as omgevingsplan.services' geldige_versies, locaties_in_versies and
# gebiedsaanwijzingen_van, which took a round trip each.
_PLEK_SQL = f"""
    WITH versies AS (
        SELECT coalesce(array_agg(r.id), '{{}}') AS ids FROM {RegelingVersie._meta.db_table} r
        WHERE r.begin_geldigheid <= %(dag)s AND (r.eind_geldigheid IS NULL OR r.eind_geldigheid > %(dag)s)
    ), locaties AS (
        SELECT coalesce(array_agg(DISTINCT l), '{{}}') AS ids
        FROM versies, {LocatieVlak._meta.db_table} v, unnest(v.locaties) l
        WHERE v.versie_id = ANY(versies.ids) AND ST_Intersects(v.geom, ST_GeomFromEWKB(%(geom)s))
    )
    SELECT (SELECT versie::text || ' ' || gewijzigd::text FROM {Regelstand._meta.db_table} ORDER BY id LIMIT 1),
           versies.ids, locaties.ids,
           (SELECT json_agg(json_build_array(g.identificatie, g.type, g.groep, g.naam, g.locaties)
                            ORDER BY g.type, g.naam, g.identificatie)
            FROM {Gebiedsaanwijzing._meta.db_table} g
            WHERE g.versie_id = ANY(versies.ids) AND g.locaties && locaties.ids)
    FROM versies, locaties
"""


# The artikelen a conclusion cites, all at once in the versions in force: as services.regeltekst
# answers one wId (the first by id when two versions hold it), without an ORM query per artikel.
_REGELTEKSTEN_SQL = f"""
    SELECT DISTINCT ON (wid) wid, kop, tekst FROM {Regeltekst._meta.db_table}
    WHERE versie_id = ANY(%(versies)s) AND wid = ANY(%(wids)s) ORDER BY wid, id
"""


def punt(x: float, y: float, srid: int) -> Point:
    return Point(*punt_in_gemeente(x, y, srid), srid=RD_NEW)


class Plek:
    """Everything known about one location on one peildatum, each looked up at most once."""

    def __init__(self, geometrie: GEOSGeometry, peildatum: date | None = None):
        self.geometrie = geometrie
        self.peildatum = peildatum or timezone.localdate()
        # Data-answers (feiten.py) by key: every check on this plek shares them (an API request may
        # evaluate ten refs at one spot).
        self.feitwaarden: dict[str, object] = {}

    @cached_property
    def _gegevens(self) -> tuple:
        with voorbereid.cursor(leesverbinding()) as cursor:
            cursor.execute(_PLEK_SQL, {"dag": self.peildatum, "geom": ewkb(self.geometrie)})
            return cursor.fetchone()

    @property
    def regelstand(self) -> str | None:
        """The stand of the rule tables when this plek was read (regelcache's key)."""
        return self._gegevens[0]

    @property
    def versies(self) -> list[int]:
        return self._gegevens[1]

    @cached_property
    def locaties(self) -> set[str]:
        return set(self._gegevens[2])

    @cached_property
    def geheel_in(self) -> set[str]:
        """The locaties the whole location lies in (a point lies wholly in every locatie it touches)."""
        if self.geometrie.geom_type == "Point" or not self.locaties:
            return self.locaties
        return geheel_in_versies(self.geometrie, self.versies)

    def ligging(self, locatie: str) -> str:
        """ "ja", "deels" or "nee", as the DSO answers a geoVerwijzing."""
        if locatie not in self.locaties:
            return "nee"
        return "ja" if locatie in self.geheel_in else "deels"

    @cached_property
    def gebiedsaanwijzingen(self) -> list[dict]:
        return [gebiedsaanwijzing(*rij, self.locaties) for rij in self._gegevens[3] or []]

    def regelteksten(self, wids: list[str]) -> dict[str, tuple[str, str]]:
        """Kop and tekst per wId of the artikelen (or leden) in force here that exist."""
        if not wids or not self.versies:
            return {}
        with voorbereid.cursor(leesverbinding()) as cursor:
            cursor.execute(_REGELTEKSTEN_SQL, {"versies": self.versies, "wids": wids})
            return {wid: (kop, tekst) for wid, kop, tekst in cursor.fetchall()}

    @cached_property
    def normwaarden(self) -> list[dict]:
        return normwaarden_van(self.versies, self.locaties) if self.locaties else []

    @cached_property
    def pand(self) -> dict | None:
        """The active BAG pand at (or, for an area, most overlapping) the location."""
        with connection.cursor() as cursor:
            cursor.execute(
                """SELECT identificatie, ST_AsBinary(geom), status FROM kaartlagen_pand
                   WHERE actief AND ST_Intersects(geom, ST_GeomFromEWKB(%s))
                   ORDER BY ST_Area(ST_Intersection(geom, ST_GeomFromEWKB(%s))) DESC LIMIT 1""",
                [bytes(self.geometrie.ewkb), bytes(self.geometrie.ewkb)],
            )
            rij = cursor.fetchone()
        if not rij:
            return None
        return {
            "identificatie": rij[0],
            "geom": GEOSGeometry(memoryview(rij[1]), srid=RD_NEW),
            "status": rij[2],
        }

    @cached_property
    def gebruiksdoelen(self) -> list[list[str]]:
        """Per active verblijfsobject in the pand, its BAG gebruiksdoelen."""
        if self.pand is None:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT gebruiksdoelen FROM kaartlagen_verblijfsobject WHERE actief AND panden @> ARRAY[%s]::varchar[]",
                [self.pand["identificatie"]],
            )
            return [list(r[0]) for r in cursor.fetchall()]
