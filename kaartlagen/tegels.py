"""Vector tiles (Mapbox Vector Tile) straight from PostGIS with ST_AsMVT.

The tile envelope is transformed into RD New, not the stored geometries, so the GiST index on the
RD column does the selection. Geometry is simplified to about half a pixel of the zoom level, and a
tile never carries more than MAX_OBJECTEN features.
"""

import hashlib
import math

from django.db import transaction

from kaartlagen.bronnen import VECTOR_BRONNEN, VectorBron
from kaartlagen.models import Kaartlaag
from kern import gemeente
from kern.crs import RD_NEW, WEB_MERCATOR, WEB_MERCATOR_WERELD, naar_wgs84
from kern.fouten import CodeFout
from kern.replica import leesverbinding

EXTENT = 4096
BUFFER = 64
MAX_OBJECTEN = 20_000
MAX_ZOOM = 22
# No parallel plans for a tile: with the tile's bbox known, the planner likes a parallel sequential
# scan for ~1 000 objects, and starting the worker costs more than the scan (adressen z16: 17 ms
# parallel, 3 ms without). Tiles come many at once; they are better served one core each.
PARALLELLE_WERKERS = 0
MVT = "application/vnd.mapbox-vector-tile"


class TegelFout(CodeFout):
    """A tile that does not exist in the grid."""

    titel = "Deze tegel bestaat niet"


def controleer(z: int, x: int, y: int) -> None:
    if not 0 <= z <= MAX_ZOOM:
        raise TegelFout("tegel_buiten_bereik", f"zoomniveau {z} ligt niet tussen 0 en {MAX_ZOOM}")
    grens = 2**z
    if not (0 <= x < grens and 0 <= y < grens):
        raise TegelFout("tegel_buiten_bereik", f"op zoomniveau {z} lopen x en y van 0 tot en met {grens - 1}")


def tegel_index(x_rd: float, y_rd: float, z: int) -> tuple[int, int]:
    """The XYZ (Web Mercator) tile that holds an RD New point at zoom level z."""
    lon, lat = naar_wgs84(x_rd, y_rd)
    n = 2**z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)


def tolerantie(z: int) -> float:
    """Half a tile pixel in RD metres: finer than that nobody sees."""
    # Web Mercator metres shrink to ground (RD) metres by the cosine of the latitude: the municipality's.
    return WEB_MERCATOR_WERELD / (2**z * EXTENT) * math.cos(math.radians(gemeente.huidige().breedtegraad)) / 2


def tegel_sql(bron: VectorBron, z: int, registercontrole: bool = False) -> str:
    """The whole tile query; parameters z, x, y, laag. Also what the benchmark runs raw.

    With `registercontrole` (parameter bron as well) the same statement first checks the registry:
    the layer is public, vector, from this source and shown at zoom z. It then answers two columns,
    whether that holds and the tile, and draws nothing when it does not.
    """
    geom = "t.geom"
    if not bron.punten and tolerantie(z) >= 0.25:
        geom = f"ST_SimplifyPreserveTopology(t.geom, {tolerantie(z):.3f})"
    attributen = "".join(f", {expr} AS {naam}" for naam, expr in bron.attributen.items())
    laag, voorwaarde, geldig = "", "", ""
    if registercontrole:
        laag = f"""laag AS (
            SELECT FROM {Kaartlaag._meta.db_table}
            WHERE naam = %(laag)s AND soort = '{Kaartlaag.Soort.VECTOR}' AND publiek AND bron = %(bron)s
                  AND %(z)s BETWEEN min_zoom AND max_zoom
        ),"""
        voorwaarde = "AND EXISTS (SELECT FROM laag)"
        geldig = "EXISTS (SELECT FROM laag), "
    return f"""
        WITH {laag} env AS (
            SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS merc,
                   ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => {BUFFER / EXTENT}), {RD_NEW}) AS rd
        ),
        mvtgeom AS (
            SELECT ST_AsMVTGeom(ST_Transform({geom}, {WEB_MERCATOR}), env.merc, {EXTENT}, {BUFFER}, true) AS geom
                   {attributen}
            FROM {bron.tabel} t, env
            WHERE t.geom && env.rd AND {bron.filter} {voorwaarde}
            LIMIT {MAX_OBJECTEN}
        )
        SELECT {geldig}ST_AsMVT(mvtgeom.*, %(laag)s, {EXTENT}, 'geom') FROM mvtgeom WHERE geom IS NOT NULL
    """


def antwoord(inhoud: bytes, publiek: bool, if_none_match: str | None) -> tuple[str, list, bytes]:
    """Status, headers and body for a tile: 204 when empty, 304 when the client has it (ETag)."""
    koppen = [("Cache-Control", "public, max-age=300" if publiek else "private, max-age=300")]
    if not inhoud:
        return "204 No Content", koppen, b""
    etag = f'"{hashlib.md5(inhoud, usedforsecurity=False).hexdigest()}"'
    koppen.append(("ETag", etag))
    if if_none_match == etag:
        return "304 Not Modified", koppen, b""
    return "200 OK", [*koppen, ("Content-Type", MVT), ("Content-Length", str(len(inhoud)))], inhoud


def tegel(laag: Kaartlaag, z: int, x: int, y: int) -> bytes:
    """The tile's bytes; empty when the layer shows nothing there (or not at this zoom level)."""
    controleer(z, x, y)
    if not laag.min_zoom <= z <= laag.max_zoom:
        return b""
    db = leesverbinding()
    with transaction.atomic(using=db.alias), db.cursor() as cursor:
        cursor.execute(f"SET LOCAL max_parallel_workers_per_gather = {PARALLELLE_WERKERS}")
        cursor.execute(tegel_sql(VECTOR_BRONNEN[laag.bron], z), {"z": z, "x": x, "y": y, "laag": laag.naam})
        return bytes(cursor.fetchone()[0] or b"")
