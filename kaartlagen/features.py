"""Features of the public layers for OGC API – Features and downloads: GeoJSON built in SQL."""

import math
from collections.abc import Iterator

from django.db import connection

from kaartlagen.bronnen import VectorBron
from kern import gemeente
from kern.crs import RD_NEW, WGS84, naar_rd, naar_wgs84
from kern.fouten import CodeFout
from kern.replica import leesverbinding

STANDAARD_LIMIT = 100
MAX_LIMIT = 1000
# Far past any collection, and far below PostgreSQL's bigint, which a larger OFFSET overflows (a 500).
MAX_OFFSET = 10**9
# A bbox wider or taller than this is refused: it asks for (a large part of) everything at once.
MAX_BBOX_ZIJDE = 25_000


class FeatureFout(CodeFout):
    """A features request that cannot be answered (bad or too large bbox)."""


# The shape bbox_rd reads, for the OpenAPI description of every bbox parameter.
GETAL = r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?"
BBOX_PATROON = f"^{GETAL}(,{GETAL}){{3}}$"
BBOX_SCHEMA = {"type": "string", "pattern": BBOX_PATROON}


def bbox_rd(tekst: str, srid: int) -> tuple[float, float, float, float]:
    """A bbox parameter ('minx,miny,maxx,maxy' in `srid`) as an RD New envelope, checked."""
    try:
        minx, miny, maxx, maxy = (float(v) for v in tekst.split(","))
    except ValueError:
        raise FeatureFout("bbox_ongeldig", "bbox moet vier getallen zijn: minx,miny,maxx,maxy") from None
    if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)):
        # float() takes "nan" and "inf"; NaN compares false with everything and would slip through.
        raise FeatureFout("bbox_ongeldig", "bbox moet vier eindige getallen zijn (geen NaN of oneindig)")
    if minx >= maxx or miny >= maxy:
        raise FeatureFout("bbox_ongeldig", "bbox: minx moet kleiner zijn dan maxx en miny kleiner dan maxy")
    if srid != RD_NEW and not (minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90):
        raise FeatureFout("bbox_ongeldig", "bbox in CRS84 moet in graden lengte/breedte zijn")
    hoeken = [naar_rd(x, y, srid) for x in (minx, maxx) for y in (miny, maxy)]
    xs, ys = [h[0] for h in hoeken], [h[1] for h in hoeken]
    env = (min(xs), min(ys), max(xs), max(ys))
    if env[2] - env[0] > MAX_BBOX_ZIJDE or env[3] - env[1] > MAX_BBOX_ZIJDE:
        raise FeatureFout(
            "bbox_te_groot", f"bbox is groter dan {MAX_BBOX_ZIJDE // 1000} km; vraag een kleiner gebied op"
        )
    return env


def feature_sql(bron: VectorBron, srid: int) -> str:
    """One row of `bron` (alias t) as a GeoJSON Feature text, only its public attributes."""
    decimalen = 3 if srid == RD_NEW else 7
    properties = ", ".join(f"'{naam}', {expr}" for naam, expr in bron.attributen.items())
    return (
        f"json_build_object('type', 'Feature', 'id', {bron.sleutel}, "
        f"'geometry', ST_AsGeoJSON(ST_Transform(t.geom, {srid}), {decimalen})::json, "
        f"'properties', json_build_object({properties}))::text"
    )


def items(bron: VectorBron, srid: int, bbox: tuple | None, limit: int, offset: int) -> tuple[list[str], int]:
    """One page of features as GeoJSON texts, and how many match in total."""
    where = [bron.filter]
    params: dict = {"limit": limit, "offset": offset, "rd": RD_NEW}
    if bbox:
        where.append("t.geom && ST_MakeEnvelope(%(minx)s, %(miny)s, %(maxx)s, %(maxy)s, %(rd)s)")
        params.update(zip(("minx", "miny", "maxx", "maxy"), bbox, strict=True))
    voorwaarde = " AND ".join(where)
    with leesverbinding().cursor() as cursor:
        cursor.execute(
            f"SELECT {feature_sql(bron, srid)} FROM {bron.tabel} t WHERE {voorwaarde} "
            f"ORDER BY {bron.sleutel} LIMIT %(limit)s OFFSET %(offset)s",
            params,
        )
        features = [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT count(*) FROM {bron.tabel} t WHERE {voorwaarde}", params)
        return features, cursor.fetchone()[0]


def item(bron: VectorBron, sleutel: str, srid: int) -> str | None:
    with leesverbinding().cursor() as cursor:
        cursor.execute(
            f"SELECT {feature_sql(bron, srid)} FROM {bron.tabel} t WHERE {bron.filter} AND {bron.sleutel} = %s",
            [sleutel],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def alles(bron: VectorBron, formaat: str) -> Iterator[str]:
    """Every feature of a layer as GeoJSON texts or CSV rows (WKT in CRS84), streamed in chunks."""
    if formaat == "geojson":
        select = feature_sql(bron, WGS84)
    else:
        kolommen = [f"{expr}::text" for expr in bron.attributen.values()]
        select = f"{bron.sleutel}, {', '.join(kolommen)}, ST_AsText(ST_Transform(t.geom, {WGS84}), 7)"
    with connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT {select} FROM {bron.tabel} t WHERE {bron.filter} ORDER BY {bron.sleutel}")
        while rows := cursor.fetchmany(2000):
            yield from rows


def gemeente_extent_crs84() -> list[float]:
    minx, miny, maxx, maxy = gemeente.huidige().bbox_rd
    hoeken = [naar_wgs84(x, y) for x in (minx, maxx) for y in (miny, maxy)]
    return [
        round(v, 6)
        for v in (
            min(h[0] for h in hoeken),
            min(h[1] for h in hoeken),
            max(h[0] for h in hoeken),
            max(h[1] for h in hoeken),
        )
    ]
