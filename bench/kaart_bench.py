"""Map benchmark: vector tiles against their raw ST_AsMVT query, and address search latency.

    .venv/bin/python bench/kaart_bench.py [--scale 10] [--tiles 30] [--zoekvragen 1000]

Loads the generated sample at the given scale into its own database (loket_bench_kaart), then
1. per overlay and zoom level 12–18 requests the same tiles twice: through Django (URL routing,
   registry lookup, the query, ETag) and as the bare SQL; mean milliseconds and the ratio;
2. times /api/locatie/suggest for typed queries, and /api/locatie/reverse and /api/locatie/informatie
   for random points in the sample area (server time through the Django test client); p50 and p95.
Prints figures; never fails.
"""

import argparse
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import OUT, ROOT, prepare_database  # sets up Django before the project imports below

BENCH_DB = "loket_bench_kaart"


def tiles_around(x_rd: float, y_rd: float, z: int, count: int) -> list[tuple[int, int, int]]:
    """`count` tiles in a square around a point: the area a user pans over at that zoom level."""
    from kaartlagen.tegels import tegel_index

    cx, cy = tegel_index(x_rd, y_rd, z)
    side = math.ceil(math.sqrt(count))
    return [(z, cx + dx - side // 2, cy + dy - side // 2) for dx in range(side) for dy in range(side)][:count]


def measure(args) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from kaartlagen.bronnen import VECTOR_BRONNEN
    from kaartlagen.models import Kaartlaag
    from kaartlagen.tegels import tegel_sql

    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    print(
        f"{'laag':10} {'z':>3} {'tegels':>6} {'leeg':>5} {'KB gem':>7} {'ons ms':>7} {'SQL ms':>7} {'ratio':>6}"
    )
    for laag in Kaartlaag.objects.filter(publiek=True, soort=Kaartlaag.Soort.VECTOR):
        bron = VECTOR_BRONNEN[laag.bron]
        for z in range(max(12, laag.min_zoom), 19):
            tiles = tiles_around(113_200, 553_300, z, args.tiles)
            ours, raw, sizes, empty = [], [], [], 0
            for _, x, y in tiles:
                start = time.perf_counter()
                response = client.get(f"/tiles/{laag.naam}/{z}/{x}/{y}.mvt")
                ours.append(time.perf_counter() - start)
                empty += response.status_code == 204
                sizes.append(len(response.content))
                start = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute(tegel_sql(bron, z), {"z": z, "x": x, "y": y, "laag": laag.naam})
                    cursor.fetchone()
                raw.append(time.perf_counter() - start)
            o, r = statistics.mean(ours) * 1000, statistics.mean(raw) * 1000
            print(
                f"{laag.naam:10} {z:3} {len(tiles):6} {empty:5} {statistics.mean(sizes) / 1024:7.1f} "
                f"{o:7.2f} {r:7.2f} {o / r:6.2f}",
                flush=True,
            )
    print("\nratio = tijd via /tiles / tijd van dezelfde ST_AsMVT-query zonder Django (doel ≤ 1.2).")
    basiskaart(args.tiles)
    zoeklatentie(client, args.zoekvragen)


def basiskaart(aantal: int) -> None:
    """First render (MapServer via MapProxy) and cached delivery of basemap tiles, in process."""
    import tempfile
    from wsgiref.util import setup_testing_defaults

    from django.conf import settings

    from loket.wsgi import MetBasiskaart, django_app

    settings.BASISKAART_DIR = Path(tempfile.mkdtemp(prefix="basiskaart-bench-"))
    app = MetBasiskaart(django_app)

    def haal(pad):
        environ = {"PATH_INFO": pad, "QUERY_STRING": ""}
        setup_testing_defaults(environ)
        status = []
        body = b"".join(app(environ, lambda s, h, *a: status.append(s)))
        assert status[0].startswith("200"), (pad, status)
        return body

    # Four tiles apart: MapProxy renders 4×4 meta-tiles, so neighbours would come from one render.
    _, cx, cy = tiles_around(113_200, 553_300, 17, 1)[0]
    zijde = max(2, math.isqrt(aantal))
    tegels = [
        (17, cx + 4 * (i - zijde // 2), cy + 4 * (j - zijde // 2)) for i in range(zijde) for j in range(zijde)
    ]
    paden = [f"/basiskaart/tiles/basiskaart/GLOBAL_WEBMERCATOR/{z}/{x}/{y}.png" for z, x, y in tegels]
    haal(paden[0])  # MapProxy builds its configuration on the first request
    eerste = []
    for pad in paden[1:]:
        start = time.perf_counter()
        haal(pad)
        eerste.append(time.perf_counter() - start)
    start = time.perf_counter()
    herhaald = 0
    while time.perf_counter() - start < 3:
        haal(paden[herhaald % len(paden)])
        herhaald += 1
    print(
        f"\nbasiskaart ({len(eerste)} meta-tegels): eerste keer tekenen p50 {statistics.median(eerste) * 1000:.0f} ms, "
        f"uit de cache {herhaald / (time.perf_counter() - start):.0f} tegels/s (één proces)"
    )


def zoeklatentie(client, aantal: int) -> None:
    """p50/p95 of suggest (what people type: a street with a number, a prefix, a postcode, a typo)."""
    import random

    from kaartlagen.models import Nummeraanduiding
    from loket.crs import naar_wgs84

    rng = random.Random(400)
    adressen = list(
        Nummeraanduiding.objects.filter(actief=True).values_list(
            "openbare_ruimte__naam", "huisnummer", "postcode"
        )[:5000]
    )
    vormen = [
        lambda s, n, p: f"{s} {n}",
        lambda s, n, p: f"{s[: max(4, len(s) // 2)]} {n}",
        lambda s, n, p: f"{p[:4]} {p[4:]} {n}",
        lambda s, n, p: s[:1] + s[2] + s[1] + s[3:],  # a swapped letter
        lambda s, n, p: s[: max(3, len(s) - 3)],
    ]
    vragen = [rng.choice(vormen)(*rng.choice(adressen)) for _ in range(aantal)]

    def meet(pad, params_lijst):
        tijden = []
        for params in params_lijst:
            start = time.perf_counter()
            response = client.get(pad, params)
            tijden.append((time.perf_counter() - start) * 1000)
            assert response.status_code in (200, 400), response.content
        tijden.sort()
        return tijden[len(tijden) // 2], tijden[int(len(tijden) * 0.95)]

    p50, p95 = meet("/api/locatie/suggest", [{"q": q} for q in vragen])
    print(f"\nsuggest ({aantal} zoekvragen): p50 {p50:.1f} ms, p95 {p95:.1f} ms (doel p95 < 30 ms)")
    punten = [naar_wgs84(rng.uniform(112_000, 114_500), rng.uniform(552_000, 554_500)) for _ in range(aantal)]
    p50, p95 = meet("/api/locatie/reverse", [{"x": lon, "y": lat} for lon, lat in punten])
    print(f"reverse ({aantal} punten): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    p50, p95 = meet("/api/locatie/informatie", [{"x": lon, "y": lat} for lon, lat in punten])
    print(f"locatie-informatie ({aantal} punten): p50 {p50:.1f} ms, p95 {p95:.1f} ms (doel p95 < 50 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--tiles", type=int, default=30, help="tegels per laag en zoomniveau")
    parser.add_argument("--zoekvragen", type=int, default=1000)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args)
        return
    folder = OUT / f"scale{args.scale}"
    if not any(folder.glob("BAGGEM*.zip")):
        from kaartlagen.sample import generate

        print(f"Voorbeeld op schaal {args.scale} maken in {folder} …", flush=True)
        generate(folder, scale=args.scale)
    env = prepare_database(BENCH_DB)
    print(f"Voorbeeld op schaal {args.scale} laden in {BENCH_DB} …", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "load_sample", "-v0", str(folder)], cwd=ROOT, env=env, check=True
    )
    # Measured in a process of its own, so Django's database settings point at the benchmark database.
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--measure",
            "--tiles",
            str(args.tiles),
            "--zoekvragen",
            str(args.zoekvragen),
        ],
        env=env,
        check=True,
    )


if __name__ == "__main__":
    main()
