"""The coordinate reference systems of the portal: the one place that names EPSG codes.

Everything is stored in RD New; WGS84 and Web Mercator are only spoken at the web edge.
"""

import functools

RD_NEW = 28992  # Amersfoort / RD New: storage and all computation
# Where RD New is defined (with a margin): coordinates outside it are not RD at all.
RD_GEBIED = (-7000, 289000, 300000, 629000)
WGS84 = 4326  # GeoJSON, GPS positions, CBS/PDOK GeoJSON downloads
WEB_MERCATOR = 3857  # Leaflet tiles

# Width of the Web Mercator world in metres: the size of tile 0/0/0, halved at every zoom level.
WEB_MERCATOR_WERELD = 40075016.685578488

# CRS identifiers of OGC API – Features (Part 1 default CRS84, Part 2 for RD New).
CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
RD_NEW_URI = f"http://www.opengis.net/def/crs/EPSG/0/{RD_NEW}"
CRS_URIS = {CRS84_URI: WGS84, RD_NEW_URI: RD_NEW}

# How our own GML (the generated sample, exports) names RD New, as the Kadaster and PDOK write it.
RD_NEW_URN = f"urn:ogc:def:crs:EPSG::{RD_NEW}"

# The spellings of RD New that GML deliveries use (BAG, BGT, IMOW); compared case-insensitively.
RD_NEW_SRS_NAMES = frozenset(
    {
        "urn:ogc:def:crs:epsg::28992",
        "urn:ogc:def:crs:epsg:28992",
        "epsg:28992",
        "http://www.opengis.net/def/crs/epsg/0/28992",
        "https://www.opengis.net/def/crs/epsg/0/28992",
        "http://www.opengis.net/gml/srs/epsg.xml#28992",
    }
)


def is_rd_new(srs_name: str | None) -> bool:
    return bool(srs_name) and srs_name.strip().lower() in RD_NEW_SRS_NAMES


def srid_from_geojson_crs(crs_member: dict | None) -> int:
    """The SRID a GeoJSON file declares (RFC 7946 says WGS84 when absent; older files name one)."""
    if not crs_member:
        return WGS84
    name = str(crs_member.get("properties", {}).get("name", "")).lower()
    if is_rd_new(name) or name.endswith(":28992"):
        return RD_NEW
    if name.endswith("crs84") or name.endswith(":4326"):
        return WGS84
    raise ValueError(f"onbekend coördinatenstelsel in GeoJSON: {name or crs_member!r}")


def naar_rd(x: float, y: float, srid: int) -> tuple[float, float]:
    """A coordinate pair from the web edge (WGS84 lon/lat, or RD itself) into RD New."""
    if srid == RD_NEW:
        return x, y
    return _transformer(srid, RD_NEW).transform(x, y)


def naar_wgs84(x: float, y: float) -> tuple[float, float]:
    """An RD New coordinate as (lon, lat)."""
    return _transformer(RD_NEW, WGS84).transform(x, y)


@functools.cache
def _transformer(van: int, naar: int):
    from pyproj import Transformer

    return Transformer.from_crs(van, naar, always_xy=True)


def srid_from_content_crs(header: str) -> int | None:
    """The SRID a DSO-style `Content-Crs` header names (EPSG:28992, the EPSG URI, or WGS84), else None."""
    waarde = (header or "").strip().lower()
    if is_rd_new(waarde):
        return RD_NEW
    if waarde in {f"epsg:{WGS84}", f"http://www.opengis.net/def/crs/epsg/0/{WGS84}", CRS84_URI.lower()}:
        return WGS84
    return None
