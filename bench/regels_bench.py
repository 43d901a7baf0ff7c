"""Vergunningcheck benchmark: one conclusie step against the raw spatial SQL it needs, on ≥ 100 000
locaties; and the import of all STTR files (our sample and the Geonovum set).

    .venv/bin/python bench/regels_bench.py [--cellen 105000] [--punten 1000]

In its own database (loket_bench_regels): the kaartlagen sample, the sample omgevingsplan, a
synthetic plan of --cellen gebieden over the municipality (from omgevingsplan_bench), the sample rules.
Then for --punten sample addresses: POST conclusie/_bepaal for "dakkapel plaatsen" without answers
(server time through the Django test client; the engine asks the first questions and fills monument
and beschermd dorpsgezicht from the plan) and, side by side, the bare SQL that step needs (the
locaties at the point, their gebiedsaanwijzingen). Prints figures; never fails.
"""

import random
import statistics
import time

from common import (  # sets up Django before the project imports below
    GEONOVUM,
    OUT,
    percentiel_ms,
    plan_benchmark,
)

BENCH_DB = "loket_bench_regels"


def measure(args) -> None:
    from django.conf import settings
    from django.contrib.gis.geos import Point
    from django.db import connection
    from django.test import Client
    from omgevingsplan_bench import RAW, synthetisch_plan

    from dev.sample import toepasbare_regels as regels_sample
    from kaartlagen.models import Verblijfsobject
    from kern.crs import RD_NEW
    from toepasbare_regels.importing import importeer_pad
    from toepasbare_regels.omgevingsplan import services
    from toepasbare_regels.omgevingsplan.importing.levering import bewaar
    from toepasbare_regels.omgevingsplan.models import Locatie

    regels = OUT / "regels_sample"
    regels.mkdir(parents=True, exist_ok=True)
    for naam, inhoud in regels_sample.bestanden().items():
        (regels / naam).write_bytes(inhoud)
    for pad in (regels, GEONOVUM):
        if not pad.exists():
            print(f"{pad} ontbreekt: overgeslagen")
            continue
        resultaat = importeer_pad(pad)
        print(f"Import {pad.name}: {resultaat.samenvatting()}")

    bewaar(synthetisch_plan(args.cellen), "imow", "benchmarkplan", "bench")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"In de database: {Locatie.objects.count():,} locaties")

    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    rng = random.Random(400)
    punten = [
        (v.geom.x, v.geom.y) for v in Verblijfsobject.objects.filter(actief=True).order_by("identificatie")
    ]
    punten = [rng.choice(punten) for _ in range(args.punten)]

    def stap(x, y):
        return client.post(
            "/api/toepasbare-regels/uitvoeren/v3/conclusie/_bepaal",
            {
                "functioneleStructuurRefs": [{"functioneleStructuurRef": "DakkapelPlaatsen"}],
                "_geo": {"intersects": {"type": "Point", "coordinates": [x, y]}},
            },
            content_type="application/json",
            HTTP_CONTENT_CRS="EPSG:28992",
        )

    stap(*punten[0])  # warm up: parses the rule file once into the process cache
    ours, raw, vragen = [], [], []
    versies = services.geldige_versies()
    for x, y in punten:
        start = time.perf_counter()
        response = stap(x, y)
        ours.append(time.perf_counter() - start)
        assert response.status_code == 200, response.content
        vragen.append(response.json()[0]["nogVragen"])
        geom = bytes(Point(x, y, srid=RD_NEW).ewkb)
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(RAW[0], {"versies": versies, "geom": geom})
            ids = [r[0] for r in cursor.fetchall()]
            cursor.execute(RAW[2], {"versies": versies, "ids": ids})
            cursor.fetchall()
        raw.append(time.perf_counter() - start)
    print(f"{args.punten} adressen, gemiddeld nog {statistics.mean(vragen):.1f} vragen na de eerste stap")
    print(f"{'':34} {'p50 ms':>8} {'p95 ms':>8}")
    print(
        f"{'conclusie/_bepaal (dakkapel)':34} {percentiel_ms(ours, 50):8.2f} {percentiel_ms(ours, 95):8.2f}"
    )
    print(
        f"{'ruwe SQL (locaties + aanwijzingen)':34} {percentiel_ms(raw, 50):8.2f} {percentiel_ms(raw, 95):8.2f}"
    )
    print(
        f"{'ratio':34} {percentiel_ms(ours, 50) / percentiel_ms(raw, 50):8.2f} {percentiel_ms(ours, 95) / percentiel_ms(raw, 95):8.2f}"
    )


if __name__ == "__main__":
    plan_benchmark(__file__, BENCH_DB, met_bag=True)
