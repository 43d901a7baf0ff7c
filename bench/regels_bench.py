"""Vergunningcheck benchmark: one conclusie step against the raw spatial SQL it needs, on ≥ 100 000
locaties; and the import of all STTR files (our sample and the Geonovum set).

    .venv/bin/python bench/regels_bench.py [--cellen 105000] [--punten 1000] [--hergebruik]

In its own database (loket_bench_regels): the kaartlagen sample, the sample omgevingsplan, a
synthetic plan of --cellen gebieden over the municipality (from omgevingsplan_bench), the sample rules.
Then for --punten sample addresses per round: POST conclusie/_bepaal for "dakkapel plaatsen" without
answers over HTTP (granian, 4 workers as config/webserver.py sets them up, each client on a connection it
keeps while the server allows; the engine asks the first questions and fills monument and
beschermd dorpsgezicht from the plan) and, in turns, the bare SQL that step needs (the locaties at the
point, their gebiedsaanwijzingen), at 1 client and at --clients at once. Prints figures; never fails.
"""

import json
import os
import random
import statistics

from common import (  # sets up Django before the project imports below
    GEONOVUM,
    OUT,
    plan_benchmark,
)
from harness import Verbinding, http_post_json, portaal

BENCH_DB = "loket_bench_regels"


def measure(args) -> None:
    from django.db import connection
    from omgevingsplan_bench import RAW, ruwe_client, synthetisch_plan, vergelijk

    from dev.sample import toepasbare_regels as regels_sample
    from kaartlagen.models import Verblijfsobject
    from toepasbare_regels.importing import importeer_pad
    from toepasbare_regels.omgevingsplan import services
    from toepasbare_regels.omgevingsplan.importing.levering import bewaar
    from toepasbare_regels.omgevingsplan.models import Locatie

    if not args.hergebruik:
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

    rng = random.Random(400)
    punten = [
        (v.geom.x, v.geom.y) for v in Verblijfsobject.objects.filter(actief=True).order_by("identificatie")
    ]
    punten = [rng.choice(punten) for _ in range(args.punten)]
    pad = "/api/toepasbare-regels/uitvoeren/v3/conclusie/_bepaal"

    def vraag(punt):
        return {
            "functioneleStructuurRefs": [{"functioneleStructuurRef": "DakkapelPlaatsen"}],
            "_geo": {"intersects": {"type": "Point", "coordinates": list(punt)}},
        }

    with portaal(os.environ, werkersoort=args.werkersoort, threads=args.threads) as server:
        vragen = []
        for punt in punten[:200]:
            status, body = http_post_json(server, pad, vraag(punt), {"Content-Crs": "EPSG:28992"})
            assert status == 200, body[:500]
            vragen.append(json.loads(body)[0]["nogVragen"])
        print(f"Gemiddeld nog {statistics.mean(vragen):.1f} vragen na de eerste stap")

        def ons():
            # Each client on a connection of its own, kept while the server allows (as a browser does).
            verbinding = Verbinding(server)

            def client(punt):
                status, body = verbinding.post_json(pad, vraag(punt), {"Content-Crs": "EPSG:28992"})
                assert status == 200, body[:500]

            client.sluit = verbinding.sluit
            return client

        # The bare SQL of that step: the locaties at the point, their gebiedsaanwijzingen.
        ruw = ruwe_client([RAW[0], RAW[2]], services.geldige_versies(), punten)
        vergelijk("conclusie/_bepaal (dakkapel, eerste stap), doel p95 ≤ 3× ruwe SQL", ons, punten, ruw, args)
        print(f"Piekgeheugen webwerker (VmHWM): {server.piek_mb():.0f} MiB")


if __name__ == "__main__":
    plan_benchmark(__file__, BENCH_DB, met_bag=True)
