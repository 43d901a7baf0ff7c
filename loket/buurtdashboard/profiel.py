"""BAG figures per gemeente, wijk and buurt (`Buurtprofiel`), rebuilt by the nightly job.

A woning is an active verblijfsobject with woonfunctie. Voorzieningen: for every woning the distance
to the nearest active verblijfsobject with onderwijs-, gezondheidszorg-, sport- or winkelfunctie,
found with PostGIS KNN (`<->` on a GiST index); the distance is a straight line (hemelsbreed) in RD
metres, not a walking or cycling route. Per gebied: the median and how many woningen are more than
1 km away. Buurt and wijk of a verblijfsobject come from the CBS buurt it lies in.
"""

from django.db import connection, transaction

from kern.gemeente import huidige
from loket.buurtdashboard.models import Buurtprofiel

VOORZIENINGEN = {
    "onderwijs": "onderwijsfunctie",
    "zorg": "gezondheidszorgfunctie",
    "sport": "sportfunctie",
    "winkel": "winkelfunctie",
}
BOUWJAARKLASSEN = [
    (0, 1945, "voor 1945"),
    (1945, 1970, "1945–1969"),
    (1970, 1990, "1970–1989"),
    (1990, 2010, "1990–2009"),
    (2010, 9999, "2010 en later"),
]
GRENS_M = 1000

_KLASSE_SQL = (
    "case "
    + " ".join(
        f"when p.oorspronkelijk_bouwjaar >= {van} and p.oorspronkelijk_bouwjaar < {tot} then '{naam}'"
        for van, tot, naam in BOUWJAARKLASSEN
    )
    + " else 'onbekend' end"
)


def _gebied(kolom: str) -> str:
    # One row per level of the grouping sets: the buurt, its wijk, or the gemeente (both null).
    return f"coalesce({kolom}, wijk, %(gemeente)s)"


@transaction.atomic
def ververs() -> int:
    params = {"gemeente": huidige().cbs_code}
    with connection.cursor() as c:
        c.execute("set local jit to off")
        c.execute(
            """create temporary table dash_vbo on commit drop as
               select v.id, v.geom, v.gebruiksdoelen, v.oppervlakte, v.panden[1] as pand,
                      'woonfunctie' = any(v.gebruiksdoelen) as woning, b.code as buurt, b.wijk_id as wijk
               from kaartlagen_verblijfsobject v
               join kaartlagen_buurt b on st_intersects(b.geom, v.geom)
               where v.actief"""
        )
        afstanden = []
        for soort, doel in VOORZIENINGEN.items():
            c.execute(
                f"""create temporary table dash_{soort} on commit drop as
                    select geom from kaartlagen_verblijfsobject where actief and %s = any(gebruiksdoelen);
                    create index on dash_{soort} using gist (geom); analyze dash_{soort}""",
                [doel],
            )
            afstanden.append(
                f"(select w.geom <-> x.geom from dash_{soort} x order by w.geom <-> x.geom limit 1) as {soort}"
            )
        c.execute(
            f"""create temporary table dash_woning on commit drop as
                select w.id, w.buurt, w.wijk, w.oppervlakte, p.oorspronkelijk_bouwjaar,
                       {_KLASSE_SQL} as klasse, {", ".join(afstanden)}
                from dash_vbo w left join kaartlagen_pand p on p.identificatie = w.pand
                where w.woning"""
        )
        profielen: dict[str, dict] = {}

        def rij(code):
            return profielen.setdefault(
                code,
                {
                    "woningen": 0,
                    "oppervlakte_gemiddeld": None,
                    "gebruiksdoelen": {},
                    "bouwjaarklassen": {},
                    "voorzieningen": {},
                },
            )

        medianen = ", ".join(
            f"percentile_cont(0.5) within group (order by {s}), count(*) filter (where {s} > {GRENS_M}), count({s})"
            for s in VOORZIENINGEN
        )
        c.execute(
            f"select {_gebied('buurt')}, count(*), avg(oppervlakte), {medianen} from dash_woning "
            "group by grouping sets ((buurt, wijk), (wijk), ())",
            params,
        )
        for code, aantal, opp, *rest in c.fetchall():
            p = rij(code)
            p["woningen"], p["oppervlakte_gemiddeld"] = aantal, float(opp) if opp is not None else None
            for i, soort in enumerate(VOORZIENINGEN):
                mediaan, ver, n = rest[3 * i : 3 * i + 3]
                p["voorzieningen"][soort] = {
                    "mediaan_m": round(mediaan) if mediaan is not None else None,
                    "boven_1km": ver,
                    "woningen": n,
                }
        c.execute(
            f"select {_gebied('buurt')}, klasse, count(*) from dash_woning "
            "group by grouping sets ((buurt, wijk, klasse), (wijk, klasse), (klasse))",
            params,
        )
        for code, klasse, aantal in c.fetchall():
            rij(code)["bouwjaarklassen"][klasse] = aantal
        c.execute(
            f"select {_gebied('buurt')}, doel, count(*) from dash_vbo, unnest(gebruiksdoelen) doel "
            "group by grouping sets ((buurt, wijk, doel), (wijk, doel), (doel))",
            params,
        )
        for code, doel, aantal in c.fetchall():
            rij(code)["gebruiksdoelen"][doel] = aantal
        c.execute("drop table dash_vbo, dash_woning, " + ", ".join(f"dash_{s}" for s in VOORZIENINGEN))
    Buurtprofiel.objects.all().delete()
    Buurtprofiel.objects.bulk_create(Buurtprofiel(gebiedscode=code, **p) for code, p in profielen.items())
    return len(profielen)
