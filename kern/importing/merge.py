"""Set-based steps that every importer's merge uses, on a temporary table of current objects."""

from kern.crs import RD_GEBIED, RD_NEW
from kern.importing.pipeline import Context

# What each target geometry type keeps of a curved or repaired geometry. A point is taken from any
# other geometry afterwards (prepare_geometry): in one expression the WKT would be parsed twice.
_SHAPES = {
    "multipolygon": "ST_Multi(ST_CollectionExtract({g}, 3))",
    "point": "{g}",
    "any": "{g}",
}
# ST_MakeValid can leave slivers of a repaired area as lines beside it (a collection): keep only parts of
# the geometry's own dimension, so an area stays an area.
_HERSTEL = "ST_CollectionExtract(ST_MakeValid(geom), ST_Dimension(geom) + 1)"


def geometry_from_wkt(shape: str) -> str:
    """SQL for the stored geometry from the staging `wkt`; used while building the `cur` table so
    that no second pass rewrites every row (a point is taken from anything else in prepare_geometry)."""
    return _SHAPES[shape].format(g=f"ST_CurveToLine(ST_GeomFromText(wkt, {RD_NEW}))")


def _report(cursor, ctx: Context, sql: str, soort: str, code: str, reden) -> int:
    cursor.execute(sql)
    rows = cursor.fetchall()
    for identificatie, regelnummer, *rest in rows:
        ctx.noteer(soort, code, regelnummer, identificatie, reden(*rest) if callable(reden) else reden)
    return len(rows)


def prepare_geometry(cursor, ctx: Context, shape: str, table: str = "cur") -> None:
    """Skip what is empty or outside RD, repair and report what is invalid.

    Works on `geom` when the table has it (built with geometry_from_wkt), else builds it from `wkt`.
    """
    cursor.execute(
        "select 1 from pg_attribute where attrelid = %s::regclass and attname = 'geom' and not attisdropped",
        [table],
    )
    if cursor.fetchone() is None:
        cursor.execute(f"alter table {table} add column geom geometry")
        cursor.execute(f"update {table} set geom = {geometry_from_wkt(shape)}")
    if shape == "point":
        cursor.execute(
            f"update {table} set geom = ST_PointOnSurface(geom) where GeometryType(geom) <> 'POINT'"
        )
    _report(
        cursor,
        ctx,
        f"delete from {table} where geom is null or ST_IsEmpty(geom) returning identificatie, regelnummer",
        "overgeslagen",
        "geometrie_leeg",
        "lege geometrie",
    )
    minx, miny, maxx, maxy = RD_GEBIED
    _report(
        cursor,
        ctx,
        f"delete from {table} where not geom @ ST_MakeEnvelope({minx}, {miny}, {maxx}, {maxy}, {RD_NEW}) "
        "returning identificatie, regelnummer",
        "overgeslagen",
        "srs_onjuist",
        f"coördinaten liggen buiten het RD-gebied: is dit wel RD New (EPSG:{RD_NEW})?",
    )
    if shape == "point":
        # A point with finite coordinates (checked while parsing) is always valid; GEOS would still cost
        # more per row than the rest of the merge.
        return
    repaired = _report(
        cursor,
        ctx,
        f"update {table} set geom = {_SHAPES[shape].format(g=_HERSTEL)} where not ST_IsValid(geom) "
        f"returning identificatie, regelnummer, ST_IsValidReason(ST_CurveToLine(ST_GeomFromText(wkt, {RD_NEW})))",
        "hersteld",
        "geometrie_hersteld",
        lambda reason: f"ongeldige geometrie hersteld ({reason})",
    )
    if repaired:
        _report(
            cursor,
            ctx,
            f"delete from {table} where ST_IsEmpty(geom) returning identificatie, regelnummer",
            "overgeslagen",
            "geometrie_ongeldig",
            "geometrie is na herstel leeg of van het verkeerde type",
        )


def upsert(cursor, target: str, columns: list[str], key: str, newer_only: str = "") -> tuple[int, int]:
    """Insert new rows and update changed ones; returns (nieuw, gewijzigd). Unchanged rows are not
    written at all (same bron_hash), which is what makes a repeated import a no-op."""
    collist = ", ".join(columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
    condition = f"{target}.bron_hash is distinct from excluded.bron_hash"
    if newer_only:
        condition += f" and {newer_only}"
    cursor.execute(
        f"""
        with up as (
            insert into {target} ({collist}, bijgewerkt)
            select {collist}, now() from cur
            on conflict ({key}) do update set {updates}, bijgewerkt = now()
            where {condition}
            returning (xmax = 0) as nieuw
        )
        select count(*) filter (where nieuw), count(*) filter (where not nieuw) from up
        """
    )
    return cursor.fetchone()
