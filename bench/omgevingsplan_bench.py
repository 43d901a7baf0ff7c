"""Omgevingsplan benchmark: /api/locatie/regels against the raw spatial SQL it needs, on ≥ 100 000 locaties.

    .venv/bin/python bench/omgevingsplan_bench.py [--cellen 105000] [--punten 1000]

In its own database (loket_bench_plan):
1. imports the Den Helder sample omgevingsplan (from data/bgt_bag_samples) through the real importer;
2. generates a second plan over the whole municipality: --cellen gebieden (a grid of parcels), each
   with a maximum-bouwhoogte normwaarde, in five functie groepen with gebiedsaanwijzingen and
   juridische regels with activiteitlocatieaanduidingen; stored by the importer's own `bewaar`;
3. for --punten random points in the municipality: the endpoint over HTTP (granian, 4 workers) and,
   in turns, the bare SQL statements it needs (locaties, aanduidingen, gebiedsaanwijzingen,
   normwaarden), at 1 client and at --clients at once; p50, p95, spread and the ratio.
Prints figures; never fails.
"""

import random
import statistics
import time
from datetime import date

import psycopg
from common import conninfo, plan_benchmark  # sets up Django before the project imports below
from django.db import connection
from harness import Ronde, Verbinding, Zijde, gelijktijdig, in_beurten, portaal, rapport

BENCH_DB = "loket_bench_plan"
GM = "nl.imow-gm0400"
FUNCTIES = [("Wonen", 9.0), ("Centrum", 15.0), ("Bedrijf", 12.0), ("Groen", 6.0), ("Water", 3.0)]


def synthetisch_plan(cellen: int):
    """A Levering with `cellen` parcels covering the municipality's bounding box."""
    from django.conf import settings

    from toepasbare_regels.omgevingsplan.importing.levering import Levering
    from toepasbare_regels.omgevingsplan.waardelijsten import uri

    x0, y0, x1, y1 = settings.GEMEENTE_BBOX_RD
    nx = int((cellen * (x1 - x0) / (y1 - y0)) ** 0.5) + 1
    ny = cellen // nx + 1
    dx, dy = (x1 - x0) / nx, (y1 - y0) / ny
    lev = Levering(
        "ow", "/akn/nl/act/gm0400/2024/bench", "Benchmarkplan", "gm0400", "bench-1", date(2024, 1, 1)
    )
    rng = random.Random(400)
    leden: dict[str, list[str]] = {f: [] for f, _ in FUNCTIES}
    waarden = []
    for i in range(nx):
        for j in range(ny):
            ident = f"{GM}.gebied.bench-{i}-{j}"
            # Parcels a little irregular and not quite touching, like real ones.
            ax, ay = x0 + i * dx + rng.uniform(0, 2), y0 + j * dy + rng.uniform(0, 2)
            bx, by = x0 + (i + 1) * dx - rng.uniform(0, 2), y0 + (j + 1) * dy - rng.uniform(0, 2)
            lev.locaties.append(
                {
                    "identificatie": ident,
                    "soort": "gebied",
                    "noemer": "",
                    "wkt": f"POLYGON(({ax} {ay},{bx} {ay},{bx} {by},{ax} {by},{ax} {ay}))",
                }
            )
            functie, hoogte = FUNCTIES[(i // 7 + j // 5) % len(FUNCTIES)]
            leden[functie].append(ident)
            waarden.append(
                {
                    "identificatie": f"{GM}.normwaarde.bench-{i}-{j}",
                    "kwantitatief": hoogte + rng.choice((0, 3)),
                    "kwalitatief": "",
                    "in_regeltekst": "",
                    "locaties": [ident],
                }
            )
    lev.normen.append(
        {
            "identificatie": f"{GM}.omgevingsnorm.BenchBouwhoogte",
            "soort": "omgevingsnorm",
            "naam": "maximum bouwhoogte",
            "type": uri("typenorm", "MaximumBouwhoogte"),
            "groep": "",
            "eenheid": uri("eenheid", "Meter"),
            "normwaarden": waarden,
        }
    )
    for functie, _ in FUNCTIES:
        groep = f"{GM}.gebiedengroep.bench-{functie}"
        lev.locaties.append(
            {"identificatie": groep, "soort": "gebiedengroep", "noemer": functie, "leden": leden[functie]}
        )
        lev.gebiedsaanwijzingen.append(
            {
                "identificatie": f"{GM}.gebiedsaanwijzing.bench-{functie}",
                "type": uri("typegebiedsaanwijzing", "Functie"),
                "groep": uri("functie", functie),
                "naam": functie,
                "locaties": [groep],
            }
        )
        lev.regelteksten.append(
            {
                "identificatie": f"{GM}.regeltekst.bench-{functie}",
                "wid": f"bench__{functie}",
                "kop": functie,
                "tekst": "…",
            }
        )
        lev.regels.append(
            {
                "identificatie": f"{GM}.juridischeregel.bench-{functie}",
                "soort": "RegelVoorIedereen",
                "regeltekst": f"{GM}.regeltekst.bench-{functie}",
                "idealisatie": "",
                "locaties": [groep],
                "activiteiten": [f"{GM}.activiteit.BouwenDakkapel", f"{GM}.activiteit.VellenHoutopstand"],
                "gebiedsaanwijzingen": [],
                "normen": [],
                "aanduidingen": [
                    {
                        "identificatie": f"{GM}.activiteitlocatieaanduiding.bench-{functie}-{n}",
                        "activiteit": act,
                        "kwalificatie": kw,
                        "locaties": [groep],
                    }
                    for n, (act, kw) in enumerate(
                        [
                            (f"{GM}.activiteit.BouwenDakkapel", "toestemmingsvrij"),
                            (f"{GM}.activiteit.VellenHoutopstand", "vergunningplicht"),
                        ]
                    )
                ],
            }
        )
    return lev


# The raw statements behind regels_op, with the same parameters.
RAW = [
    """SELECT DISTINCT unnest(v.locaties) FROM omgevingsplan_locatievlak v
       WHERE v.versie_id = ANY(%(versies)s) AND ST_Intersects(v.geom, ST_GeomFromEWKB(%(geom)s))""",
    """SELECT a.*, r.identificatie, r.regeltekst FROM omgevingsplan_activiteitlocatieaanduiding a
       JOIN omgevingsplan_juridischeregel r ON r.id = a.regel_id
       WHERE a.versie_id = ANY(%(versies)s) AND a.locaties && %(ids)s::varchar[]""",
    """SELECT * FROM omgevingsplan_gebiedsaanwijzing
       WHERE versie_id = ANY(%(versies)s) AND locaties && %(ids)s::varchar[]""",
    """SELECT w.*, n.naam FROM omgevingsplan_normwaarde w JOIN omgevingsplan_omgevingsnorm n ON n.id = w.norm_id
       WHERE w.versie_id = ANY(%(versies)s) AND w.locaties && %(ids)s::varchar[]""",
]


def ruwe_client(statements: list[str], versies: list[int], punten: list[tuple[float, float]]):
    """A client for harness.gelijktijdig: on its own connection, the first statement finds the locaties
    at a point, the others read what hangs on them; one round trip each."""
    from django.contrib.gis.geos import Point

    from kern.crs import RD_NEW

    ewkb = {p: bytes(Point(*p, srid=RD_NEW).ewkb) for p in punten}

    def maak():
        conn = psycopg.connect(**conninfo(connection.settings_dict["NAME"]))

        def client(punt):
            with conn.transaction():
                ids = [r[0] for r in conn.execute(statements[0], {"versies": versies, "geom": ewkb[punt]})]
                for sql in statements[1:]:
                    conn.execute(sql, {"versies": versies, "ids": ids}).fetchall()

        client.sluit = conn.close
        return client

    return maak


def vergelijk(titel: str, ons_client, punten: list, ruw, args) -> None:
    """Ours over HTTP against the raw statements, at 1 and at --clients clients, in turns."""
    for clients in sorted({1, args.clients}):
        reeksen = in_beurten(
            [
                Zijde(
                    "ons (HTTP)",
                    lambda c=clients: Ronde(gelijktijdig(ons_client, punten, clients=c)),
                ),
                Zijde("ruwe SQL", lambda c=clients: Ronde(gelijktijdig(ruw, punten, clients=c))),
            ],
            paren=args.paren,
        )
        rapport(f"{titel}, {clients} client(s), {len(punten)} verzoeken per ronde", reeksen)


def measure(args) -> None:
    import os

    from django.conf import settings
    from django.contrib.gis.geos import Point

    from kern.crs import RD_NEW
    from toepasbare_regels.omgevingsplan import services
    from toepasbare_regels.omgevingsplan.importing.levering import bewaar
    from toepasbare_regels.omgevingsplan.models import Locatie, LocatieVlak

    if not args.hergebruik:
        start = time.perf_counter()
        lev = synthetisch_plan(args.cellen)
        gemaakt = time.perf_counter() - start
        start = time.perf_counter()
        bewaar(lev, "imow", "benchmarkplan", "bench")
        print(
            f"Synthetisch plan: {len(lev.locaties):,} locaties, {len(lev.normen[0]['normwaarden']):,} normwaarden "
            f"(gemaakt {gemaakt:.1f} s, opgeslagen met bewaar() in {time.perf_counter() - start:.1f} s)"
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"In de database: {Locatie.objects.count():,} locaties, {LocatieVlak.objects.count():,} zoekvlakken"
    )

    rng = random.Random(400)
    x0, y0, x1, y1 = settings.GEMEENTE_BBOX_RD
    punten = [(rng.uniform(x0, x1), rng.uniform(y0, y1)) for _ in range(args.punten)]
    # The sample area itself, where the plan has the most to say, gets a tenth of the points.
    punten[: args.punten // 10] = [
        (rng.uniform(112000, 114500), rng.uniform(552000, 554500)) for _ in range(args.punten // 10)
    ]
    activiteiten = [
        len(services.regels_op(Point(x, y, srid=RD_NEW))["activiteiten"]) for x, y in punten[:200]
    ]
    print(f"Gemiddeld {statistics.mean(activiteiten):.1f} activiteiten per antwoord")
    with portaal(os.environ, werkersoort=args.werkersoort, threads=args.threads) as server:

        def ons():
            verbinding = Verbinding(server)

            def client(punt):
                status, body = verbinding.get(f"/api/locatie/regels?x={punt[0]}&y={punt[1]}&crs=rd")
                assert status == 200, body[:500]

            client.sluit = verbinding.sluit
            return client

        ruw = ruwe_client(RAW, services.geldige_versies(), punten)
        vergelijk("/api/locatie/regels", ons, punten, ruw, args)
        print(f"Piekgeheugen webwerker (VmHWM): {server.piek_mb():.0f} MiB")


if __name__ == "__main__":
    plan_benchmark(__file__, BENCH_DB)
