"""The one place the dashboard reads the meldingen app's tables, by SQL.

`loket.buurtdashboard` sits beside `loket.meldingen` (contract `loket-apps`), so it may not import
its models. The zaak core (`loket.zaken`) is below both and is used as a model; the meldingen tables
(`meldingen_melding`, `meldingen_categorie`) are named here and nowhere else. If the meldingen app
renames a column, this module (and its test) is what changes.
"""

from django.db import connection

MELDING = "meldingen_melding"
CATEGORIE = "meldingen_categorie"
TIJDZONE = "Europe/Amsterdam"

# One row per (buurt, categorie, registration week) of the meldingen that match `{waar}`.
CELLEN_SQL = f"""
select coalesce(z.buurtcode, '') as buurtcode,
       coalesce(z.wijkcode, '') as wijkcode,
       m.categorie_id as categorie,
       coalesce(c.hoofdcategorie_id, c.id) as hoofdcategorie,
       date_trunc('week', z.registratiedatum at time zone '{TIJDZONE}')::date as week,
       count(*) as nieuw,
       count(z.einddatum) as afgehandeld,
       count(*) filter (
           where z.einddatum is not null
             and (z.einddatum at time zone '{TIJDZONE}')::date <= z.uiterlijke_einddatum
       ) as binnen_termijn,
       coalesce(
           array_agg(extract(epoch from z.einddatum - z.registratiedatum) / 86400.0
                     order by z.einddatum - z.registratiedatum)
               filter (where z.einddatum is not null),
           '{{{{}}}}'
       ) as doorlooptijden
from {{van}}zaken_zaak z
join {MELDING} m on m.zaak_id = z.id
join {CATEGORIE} c on c.id = m.categorie_id
where {{waar}}
group by 1, 2, 3, 4, 5
"""


def categorieen() -> dict[int, dict]:
    """{id: {naam, slug, hoofdcategorie (id; itself for a hoofdcategorie)}}."""
    with connection.cursor() as cursor:
        cursor.execute(f"select id, naam, slug, coalesce(hoofdcategorie_id, id) from {CATEGORIE}")
        return {r[0]: {"naam": r[1], "slug": r[2], "hoofdcategorie": r[3]} for r in cursor.fetchall()}


def zaak_ids_van_meldingen(zaak_ids: list[int]) -> list[int]:
    """Those of `zaak_ids` that are meldingen."""
    with connection.cursor() as cursor:
        cursor.execute(f"select zaak_id from {MELDING} where zaak_id = any(%s)", [zaak_ids])
        return [r[0] for r in cursor.fetchall()]


def hexagonen(waar: str, params: list, sinds, srid_uit: int, grootte_m: int = 250, minimum: int = 5):
    """Meldingen since `sinds` counted in a hexagon grid (`grootte_m`: edge length in RD metres) over
    the zaken matching `waar` (on alias z); only hexagons with at least `minimum` meldingen, as
    (GeoJSON in `srid_uit`, count)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""with p as (
                    select z.geometrie from zaken_zaak z join {MELDING} m on m.zaak_id = z.id
                    where z.registratiedatum >= %s and z.geometrie is not null and {waar}),
                h as (
                    select (st_hexagongrid(%s, (select st_setsrid(st_extent(geometrie)::geometry, st_srid(min(geometrie))) from p))).geom)
                select st_asgeojson(st_transform(h.geom, %s), 6), count(*)
                from h join p on st_intersects(h.geom, p.geometrie)
                group by h.geom having count(*) >= %s order by 2 desc""",
            [sinds, *params, grootte_m, srid_uit, minimum],
        )
        return cursor.fetchall()
