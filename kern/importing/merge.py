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


def _heeft_kolom(cursor, table: str, kolom: str) -> bool:
    cursor.execute(
        "select 1 from pg_attribute where attrelid = %s::regclass and attname = %s and not attisdropped",
        [table, kolom],
    )
    return cursor.fetchone() is not None


def prepare_geometry(cursor, ctx: Context, shape: str, table: str = "cur") -> None:
    """Skip what is empty or outside RD, repair and report what is invalid.

    Works on `geom` when the table has it (built with geometry_from_wkt), else builds it from `wkt`.
    """
    if not _heeft_kolom(cursor, table, "geom"):
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
    # Checked while the rows were prepared when the table has `geldig` (bagsoort.voorbereiden).
    geldig = "geldig" if _heeft_kolom(cursor, table, "geldig") else "ST_IsValid(geom)"
    repaired = _report(
        cursor,
        ctx,
        f"update {table} set geom = {_SHAPES[shape].format(g=_HERSTEL)} where not {geldig} "
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
    written at all (same bron_hash), which is what makes a repeated import a no-op. `cur` holds one row
    per key."""
    collist = ", ".join(columns)
    opnieuw_bouwen = _indexen_weg_als_leeg(cursor, target)
    if opnieuw_bouwen is not None:
        # Every row is new: no conflict to look for, and the indexes are built once from the whole
        # table (a GiST index built by sorting is several times cheaper than one grown row by row).
        cursor.execute(f"insert into {target} ({collist}, bijgewerkt) select {collist}, now() from cur")
        nieuw = cursor.rowcount
        for sql in opnieuw_bouwen:
            cursor.execute(sql)
        return nieuw, 0
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


def _indexen_weg_als_leeg(cursor, target: str) -> list[str] | None:
    """On a first load, into a table without rows, drop its indexes (the primary key and any index a
    foreign key relies on stay) and give the statements that build them again, in this transaction;
    None when the table has rows. The table stays locked until the commit: readers of an empty table
    wait for the first load (seconds) instead of seeing nothing."""
    # The catalog first, which locks nothing: a table that has pages had rows once, and then it keeps
    # its indexes. And only while this transaction holds no lock on the table yet (the BGT's merge
    # deletes from it first): two files that each held one and then waited for the other's to go
    # would deadlock. Reading the table itself would take such a lock.
    cursor.execute(
        "select c.relpages = 0 and not exists (select from pg_locks l where l.pid = pg_backend_pid() "
        "and l.relation = c.oid) from pg_class c where c.oid = %s::regclass",
        [target],
    )
    if not cursor.fetchone()[0]:
        return None
    # One file at a time past this point (readers still read), so only one can find it empty.
    cursor.execute(f"lock table {target} in share row exclusive mode")
    cursor.execute(f"select exists (select from {target})")
    if cursor.fetchone()[0]:
        return None
    cursor.execute(f"lock table {target} in access exclusive mode")
    cursor.execute(
        """
        select i.indexrelid::regclass::text, c.conname, pg_get_indexdef(i.indexrelid), pg_get_constraintdef(c.oid)
        from pg_index i
        left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid
        where i.indrelid = %s::regclass and not i.indisprimary
          and not exists (select from pg_constraint f where f.contype = 'f' and f.conindid = i.indexrelid)
        """,
        [target],
    )
    opnieuw = []
    for index, constraint, indexdef, constraintdef in cursor.fetchall():
        if constraint:
            cursor.execute(f'alter table {target} drop constraint "{constraint}"')
            opnieuw.append(f'alter table {target} add constraint "{constraint}" {constraintdef}')
        else:
            cursor.execute(f"drop index {index}")
            opnieuw.append(indexdef)
    return opnieuw
