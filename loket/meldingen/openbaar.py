"""Public data of open meldingen, built in PostgreSQL (not object by object): the GeoJSON of the
public map, from the same view and filter as the registry's tiles and downloads."""

from django.db import connection

from kaartlagen.bronnen import VECTOR_BRONNEN
from kaartlagen.features import feature_sql
from kern import gemeente
from kern.crs import RD_NEW, WGS84
from kern.replica import leesverbinding
from loket.meldingen.kaartlaag import BRON

MAX_OBJECTEN = 50_000

# The features as the registry's OGC API and downloads write them (kaartlagen.features), in one array.
_GEOJSON_SQL = """
    SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f::json), '[]'::json))::text
    FROM (
        SELECT {feature} AS f
        FROM {tabel} t
        WHERE {filter} {bbox}
        ORDER BY t.registratiedatum DESC
        LIMIT {max}
    ) s
"""


def ververs() -> None:
    """Refresh the materialized view behind the public layer (every minute, `meldingen.ververs_openbaar`).
    CONCURRENTLY: readers keep the previous contents meanwhile instead of waiting."""
    with connection.cursor() as cursor:
        cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY meldingen_openbaar")


def geojson(bbox_rd: tuple[float, float, float, float] | None = None) -> str:
    """A FeatureCollection (WGS84) of the open meldingen of the last N days, optionally in a box (RD)."""
    # The whole municipality is a box too, so the GiST index is used either way.
    bbox_rd = bbox_rd or gemeente.huidige().bbox_rd
    bron = VECTOR_BRONNEN[BRON]
    sql = _GEOJSON_SQL.format(
        feature=feature_sql(bron, WGS84),
        tabel=bron.tabel,
        filter=bron.filter,
        max=MAX_OBJECTEN,
        bbox=f"AND t.geom && ST_MakeEnvelope(%s, %s, %s, %s, {RD_NEW})",
    )
    with leesverbinding().cursor() as cursor:
        cursor.execute(sql, list(bbox_rd))
        return cursor.fetchone()[0]
