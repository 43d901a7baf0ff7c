"""Map benchmark: vector tiles against their raw ST_AsMVT query, and address search latency.

    .venv/bin/python bench/kaart_bench.py [--scale 10] [--tiles 30] [--zoekvragen 1000]

Loads the generated sample at the given scale into its own database (loket_bench_kaart), then
1. per overlay and zoom level 12–18 requests the same tiles through the whole WSGI application (the
   tile fast path, or Django where it hands over) and runs the bare SQL, both as a plain statement
   and prepared; median milliseconds and the ratios;
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

import psycopg
from common import OUT, ROOT, conninfo, prepare_database  # sets up Django before the project imports below

BENCH_DB = "loket_bench_kaart"


def tiles_around(x_rd: float, y_rd: float, z: int, count: int) -> list[tuple[int, int, int]]:
    """`count` tiles in a square around a point: the area a user pans over at that zoom level."""
    from kaartlagen.tegels import tegel_index

    cx, cy = tegel_index(x_rd, y_rd, z)
    side = math.ceil(math.sqrt(count))
    return [(z, cx + dx - side // 2, cy + dy - side // 2) for dx in range(side) for dy in range(side)][:count]


def wsgi_get(app, pad: str) -> tuple[str, bytes]:
    """One GET through a WSGI app in this process: the server's own time, without socket or client."""
    import io
    from wsgiref.util import setup_testing_defaults

    environ = {"PATH_INFO": pad, "QUERY_STRING": "", "HTTP_HOST": "127.0.0.1", "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    status = []
    body = b"".join(app(environ, lambda s, h, *a: status.append(s)))
    return status[0], body


def measure(args) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from config.wsgi import application
    from kaartlagen.bronnen import VECTOR_BRONNEN
    from kaartlagen.models import Kaartlaag
    from kaartlagen.tegels import tegel_sql

    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    params = connection.get_connection_params()
    del params["cursor_factory"], params["prepare_threshold"]
    # The raw query twice, on connections of their own: as a client sends it (planned on every call),
    # and prepared with a generic plan, the way our tile server runs it.
    gewoon = psycopg.connect(**params, autocommit=True, prepare_threshold=None)
    voorbereid = psycopg.connect(
        **params,
        autocommit=True,
        prepare_threshold=0,
        options="-c plan_cache_mode=force_generic_plan -c jit=off",
    )
    voorbereid.prepared_max = 512

    def raw(conn, sql, p):
        return conn.execute(sql, p).fetchone()[0]

    print(
        f"{'laag':34} {'z':>3} {'tegels':>6} {'leeg':>5} {'KB gem':>7} {'ons ms':>7} {'SQL ms':>7} "
        f"{'ratio':>6} {'SQL-vb ms':>9} {'ratio-vb':>8}"
    )
    for laag in Kaartlaag.objects.filter(publiek=True, soort=Kaartlaag.Soort.VECTOR):
        bron = VECTOR_BRONNEN[laag.bron]
        for z in range(max(12, laag.min_zoom), 19):
            tiles = tiles_around(113_200, 553_300, z, args.tiles)
            sql = tegel_sql(bron, z)
            metingen = {"ons": [], "sql": [], "vb": []}
            sizes, empty = [], 0
            # Round 0 warms PostgreSQL's buffers and the prepared statements and is not counted; the
            # order alternates so that neither side always finds the pages the other just read.
            for ronde in range(3):
                for _, x, y in tiles:
                    p = {"z": z, "x": x, "y": y, "laag": laag.naam}
                    stappen = [
                        ("ons", wsgi_get, (application, f"/tiles/{laag.naam}/{z}/{x}/{y}.mvt")),
                        ("sql", raw, (gewoon, sql, p)),
                        ("vb", raw, (voorbereid, sql, p)),
                    ]
                    for naam, stap, argumenten in stappen if (x + y + ronde) % 2 else stappen[::-1]:
                        start = time.perf_counter()
                        uitkomst = stap(*argumenten)
                        if ronde:
                            metingen[naam].append(time.perf_counter() - start)
                        if ronde == 1 and naam == "ons":
                            status, body = uitkomst
                            assert status[:3] in ("200", "204"), status
                            empty += status.startswith("204")
                            sizes.append(len(body))
            o, r, v = (statistics.median(metingen[k]) * 1000 for k in ("ons", "sql", "vb"))
            print(
                f"{laag.naam:34} {z:3} {len(tiles):6} {empty:5} {statistics.mean(sizes) / 1024:7.1f} "
                f"{o:7.3f} {r:7.3f} {o / r:6.2f} {v:9.3f} {o / v:8.2f}",
                flush=True,
            )
    print(
        "\nons = GET /tiles/… door de hele WSGI-applicatie in dit proces (servertijd, zonder socket);"
        "\nSQL = dezelfde ST_AsMVT-query als gewone opdracht (ratio: doel ≤ 1.2);"
        "\nSQL-vb = die query voorbereid met generiek plan, zoals onze tegelserver hem draait. Medianen."
    )
    gewoon.close()
    voorbereid.close()
    basiskaart(args.tiles)
    zoeklatentie(Client(), args.zoekvragen)


def basiskaart(aantal: int) -> None:
    """First render (MapServer via MapProxy) and cached delivery of basemap tiles, in process."""
    import tempfile

    from django.conf import settings

    from config.wsgi import MetBasiskaart, django_app

    settings.BASISKAART_DIR = Path(tempfile.mkdtemp(prefix="basiskaart-bench-"))
    app = MetBasiskaart(django_app)

    def haal(pad):
        status, body = wsgi_get(app, pad)
        assert status.startswith("200"), (pad, status)
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
    from kern.crs import naar_wgs84

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
        from dev.sample.bgt_bag import generate

        print(f"Voorbeeld op schaal {args.scale} maken in {folder} …", flush=True)
        generate(folder, scale=args.scale)
    env = prepare_database(BENCH_DB)
    print(f"Voorbeeld op schaal {args.scale} laden in {BENCH_DB} …", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "load_sample", "-v0", str(folder)], cwd=ROOT, env=env, check=True
    )
    # Statistics as a running portal has them (autovacuum would get there within a minute or so).
    with psycopg.connect(**conninfo(BENCH_DB), autocommit=True) as conn:
        conn.execute("ANALYZE")
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
