"""Public data of open meldingen, built in PostgreSQL (not object by object): the GeoJSON of the
public map, from the same view and filter as the registry's tiles and downloads."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from kaartlagen.bronnen import VECTOR_BRONNEN
from loket.crs import RD_NEW, WGS84
from loket.meldingen.kaartlaag import BRON

MAX_OBJECTEN = 50_000
CACHE_SECONDEN = 60

_GEOJSON_SQL = """
    SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f), '[]'::json))::text
    FROM (
        SELECT json_build_object(
            'type', 'Feature', 'id', t.id,
            'geometry', ST_AsGeoJSON(ST_Transform(t.geom, {wgs84}), 6)::json,
            'properties', json_build_object('categorie', t.categorie, 'hoofdcategorie', t.hoofdcategorie,
                                            'status', t.status, 'datum', t.datum)
        ) AS f
        FROM meldingen_openbaar t
        WHERE {filter} {bbox}
        ORDER BY t.registratiedatum DESC
        LIMIT {max}
    ) s
"""


def geojson(bbox_rd: tuple[float, float, float, float] | None = None) -> str:
    """A FeatureCollection (WGS84) of the open meldingen of the last N days, optionally in a box (RD).

    The whole-municipality answer is the same for everyone until the next domain event: it is cached
    per web process under the latest event id, for at most CACHE_SECONDEN (the window also moves)."""
    if bbox_rd:
        return _bouw(bbox_rd)
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM zaken_gebeurtenis")
        laatste = cursor.fetchone()[0]
    sleutel = f"meldingen-openbaar-{laatste}"
    inhoud = cache.get(sleutel)
    if inhoud is None:
        inhoud = _bouw(None)
        cache.set(sleutel, inhoud, CACHE_SECONDEN)
    return inhoud


def _bouw(bbox_rd) -> str:
    # The whole municipality is a box too: then the partial GiST index over open zaken does the work.
    bbox_rd = bbox_rd or settings.GEMEENTE_BBOX_RD
    bron = VECTOR_BRONNEN[BRON]
    sql = _GEOJSON_SQL.format(
        wgs84=WGS84,
        filter=bron.filter,
        max=MAX_OBJECTEN,
        bbox=f"AND t.geom && ST_MakeEnvelope(%s, %s, %s, %s, {RD_NEW})",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(bbox_rd))
        return cursor.fetchone()[0]
