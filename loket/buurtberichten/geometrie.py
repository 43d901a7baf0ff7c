"""Geometry from the web edge: GeoJSON (drawn on the map or uploaded) into RD New, checked.

Every incoming geometry is valid, of an allowed type and inside the municipality's bbox, or it is
refused with a stable code and a sentence a resident can act on."""

import json

from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Polygon

from kern import gemeente
from kern.crs import RD_NEW, WGS84, naar_wgs84, srid_from_geojson_crs
from loket.buurtberichten.fouten import BuurtberichtFout

MAX_GEOJSON_BYTES = 1_000_000
VLAKKEN = {"Polygon", "MultiPolygon"}
ALLE = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


def _fout(code: str, tekst: str) -> BuurtberichtFout:
    return BuurtberichtFout(code, tekst)


def _geometrie_deel(data) -> tuple[dict, dict | None]:
    """The geometry object of a Geometry, a Feature or a FeatureCollection of one feature."""
    if not isinstance(data, dict):
        raise _fout("geometrie_ongeldig", "Dit is geen GeoJSON-geometrie.")
    crs = data.get("crs")
    if data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        if len(features) != 1:
            raise _fout("geometrie_ongeldig", "Lever precies één vorm aan (één feature).")
        data = features[0]
    if data.get("type") == "Feature":
        crs = crs or data.get("crs")
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ALLE:
        raise _fout("geometrie_ongeldig", "Dit is geen punt, lijn of vlak in GeoJSON.")
    return data, crs


def uit_geojson(invoer: str | dict, toegestaan: set[str] = ALLE) -> GEOSGeometry:
    """GeoJSON (WGS84 unless it names RD New) → a valid geometry in RD New inside the municipality."""
    if isinstance(invoer, str):
        if len(invoer.encode()) > MAX_GEOJSON_BYTES:
            raise _fout("geometrie_te_groot", "Dit bestand is te groot (meer dan 1 MB).")
        try:
            invoer = json.loads(invoer)
        except ValueError:
            raise _fout("geometrie_ongeldig", "Dit is geen geldige GeoJSON.") from None
    data, crs = _geometrie_deel(invoer)
    if data["type"] not in toegestaan:
        raise _fout("geometrie_soort", "Deze vorm kan hier niet. Teken een vlak.")
    try:
        srid = srid_from_geojson_crs(crs)
        geom = GEOSGeometry(json.dumps({"type": data["type"], "coordinates": data.get("coordinates")}))
    except (ValueError, GEOSException, GDALException, TypeError):
        raise _fout("geometrie_ongeldig", "Dit is geen geldige GeoJSON-geometrie.") from None
    geom.srid = srid
    if geom.empty:
        raise _fout("geometrie_ongeldig", "De vorm is leeg.")
    if srid == WGS84:
        minx, miny, maxx, maxy = geom.extent
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise _fout("buiten_crs", "Deze coördinaten bestaan niet in WGS84.")
    geom.transform(RD_NEW)
    return controleer(geom)


def controleer(geom: GEOSGeometry) -> GEOSGeometry:
    """Valid and inside the municipality's bbox (RD New)."""
    if not geom.valid:
        raise _fout(
            "geometrie_ongeldig", "De vorm klopt niet: de randen kruisen elkaar of hij is niet gesloten."
        )
    minx, miny, maxx, maxy = gemeente.huidige().bbox_rd
    if not Polygon.from_bbox((minx, miny, maxx, maxy)).contains(geom):
        raise _fout(
            "buiten_gemeente", f"Deze vorm ligt (deels) buiten de gemeente {gemeente.huidige().naam}."
        )
    return geom


def als_multipolygon(geom: GEOSGeometry) -> MultiPolygon:
    if geom.geom_type == "Polygon":
        geom = MultiPolygon(geom, srid=geom.srid)
    return geom


def als_geojson_wgs84(geom: GEOSGeometry) -> dict:
    """For the web edge: a GeoJSON geometry in WGS84."""
    kopie = geom.clone()
    kopie.transform(WGS84)
    return json.loads(kopie.json)


def middelpunt_wgs84(geom: GEOSGeometry) -> tuple[float, float]:
    punt = geom.point_on_surface
    return naar_wgs84(punt.x, punt.y)
