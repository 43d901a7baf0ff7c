"""The location a check is about: validated at the edge, and the place where its facts are looked up
once per request (omgevingsplan locaties, gebiedsaanwijzingen, normen, the pand)."""

import json
from datetime import date
from functools import cached_property

from django.contrib.gis.geos import GEOSException, GEOSGeometry, Point
from django.db import connection
from django.utils import timezone

from kaartlagen.zoeken import ZoekFout, punt_in_gemeente
from kern.crs import RD_NEW
from toepasbare_regels.omgevingsplan.services import (
    gebiedsaanwijzingen_van,
    geheel_in_versies,
    geldige_versies,
    locaties_in_versies,
    normwaarden_van,
)

MAX_OPPERVLAKTE_M2 = 1_000_000


def uit_geojson(geojson: dict, srid: int) -> GEOSGeometry:
    """A Point or Polygon from an API body, checked (valid, inside the municipality) and in RD New."""
    if not isinstance(geojson, dict) or geojson.get("type") not in ("Point", "Polygon", "MultiPolygon"):
        raise ZoekFout("geometrie_ongeldig", "Geef een locatie als GeoJSON Point of Polygon.")
    try:
        # GeoJSON always parses as WGS84; the Content-Crs header says what the numbers really are.
        geom = GEOSGeometry(json.dumps(geojson))
        geom.srid = srid
    except (GEOSException, ValueError, TypeError) as exc:
        raise ZoekFout("geometrie_ongeldig", "De locatie is geen geldige GeoJSON-geometrie.") from exc
    if geom.empty or not geom.valid:
        raise ZoekFout("geometrie_ongeldig", f"De locatie is geen geldige geometrie: {geom.valid_reason}.")
    if geom.geom_type == "Point":
        return Point(*punt_in_gemeente(geom.x, geom.y, srid), srid=RD_NEW)
    for x, y in (geom.extent[:2], geom.extent[2:]):
        punt_in_gemeente(x, y, srid)
    if srid != RD_NEW:
        geom.transform(RD_NEW)
    if geom.area > MAX_OPPERVLAKTE_M2:
        raise ZoekFout("geometrie_te_groot", "Het gebied is te groot: kies een gebied kleiner dan 1 km².")
    return geom


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
    def versies(self) -> list[int]:
        return geldige_versies(self.peildatum)

    @cached_property
    def locaties(self) -> set[str]:
        return locaties_in_versies(self.geometrie, self.versies)

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
        return gebiedsaanwijzingen_van(self.versies, self.locaties) if self.locaties else []

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
