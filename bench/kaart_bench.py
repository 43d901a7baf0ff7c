"""Map benchmark: vector tiles against their prepared query, and the location requests at N clients
against the SQL they need, the portal served as `make run` serves it (granian).

    .venv/bin/python bench/kaart_bench.py [--scale 10] [--paren 5] [--clients 8] [--verzoeken 200]

Loads the generated sample at the given scale into its own database (loket_bench_kaart), ANALYZEs
it, and serves it with granian (4 workers as config/webserver.py sets them up, DEBUG off, as in
production; --werkersoort gthread: gunicorn instead). Each client keeps its connection while the
server allows it, as a browser does (harness.Verbinding). Then, every comparison in turns over ≥ 5
pairs (harness.in_beurten):
1. tiles, per public vector layer and zoom level: the busiest tiles of that zoom level (most objects)
   and typical ones (where random addresses lie), each as `GET /tiles/…` over HTTP from one client
   on one connection, with Python's http.client and with a lean client (harness.KaleVerbinding:
   prebuilt request bytes, the answer read up to its Content-Length, as lean as libpq on the SQL
   side); through the WSGI application in this process (the server's own time); as the bare ST_AsMVT
   query prepared with a generic plan and parallel plans off, as our tile server runs it (the reference),
   through psycopg's cursor and through libpq itself (pgconn.exec_prepared, as the fast path sends it);
   and the floor: bench/kale_tegelapp.py, a WSGI app that only sends that libpq statement, under the
   same granian, with the lean client: what the HTTP round trip alone costs;
2. suggest, reverse and locatie-informatie at N clients at once over HTTP, against the very statements
   each request sent (recorded, then replayed at N clients, one connection each);
3. the basemap (MapServer through MapProxy), in process.
Prints figures; never fails on timing.
"""

import argparse
import io
import math
import random
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from common import (  # sets up Django before the project imports below
    OUT,
    ROOT,
    conninfo,
    prepare_database,
    sql_client,
    vastgelegde_sql,
)
from harness import (
    KaleVerbinding,
    Ronde,
    Verbinding,
    Zijde,
    een_voor_een,
    gelijktijdig,
    in_beurten,
    portaal,
    rapport,
)

BENCH_DB = "loket_bench_kaart"
MIDDEN_RD = (113_200, 553_300)


def wsgi_environ(pad: str) -> dict:
    """A GET's WSGI environ, as a server hands it to the application."""
    from wsgiref.util import setup_testing_defaults

    environ = {"PATH_INFO": pad, "QUERY_STRING": "", "HTTP_HOST": "127.0.0.1", "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    return environ


def wsgi_get(app, pad: str | dict) -> tuple[str, bytes]:
    """One GET through a WSGI app in this process: the server's own time, without socket or client. With
    an environ made beforehand (wsgi_environ) only a copy of it is timed: the server builds the environ
    in its own code (granian in Rust), and wsgiref's Python for it would count as ours."""
    environ = dict(pad) if isinstance(pad, dict) else wsgi_environ(pad)
    status = []
    body = b"".join(app(environ, lambda s, h, *a: status.append(s)))
    return status[0], body


def _goed(pad: str, status) -> None:
    """A tile answers 200, or 204 where it is empty (`status` as HTTP gives it or as WSGI's text)."""
    assert str(status)[:3] in ("200", "204"), (pad, status)


def tegelkeuze(
    bron, z: int, drukste: int, gewoon: int, rng: random.Random
) -> dict[str, list[tuple[int, int]]]:
    """The `drukste` tiles of zoom z with the most objects (by the tile their point on surface falls
    in), and `gewoon` typical ones: the tiles of random addresses, where people look."""
    from django.db import connection

    from kaartlagen.tegels import tegel_index
    from kern.crs import WEB_MERCATOR, WEB_MERCATOR_WERELD

    grootte = WEB_MERCATOR_WERELD / 2**z
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT floor((ST_X(g) + %(half)s) / %(grootte)s)::int, floor((%(half)s - ST_Y(g)) / %(grootte)s)::int,
                       count(*)
                FROM (SELECT ST_Transform(ST_PointOnSurface(t.geom), {WEB_MERCATOR}) g
                      FROM {bron.tabel} t WHERE {bron.filter}) p
                GROUP BY 1, 2 ORDER BY 3 DESC LIMIT %(n)s""",
            {"half": WEB_MERCATOR_WERELD / 2, "grootte": grootte, "n": drukste},
        )
        druk = [(x, y) for x, y, _ in cursor.fetchall()]
        cursor.execute(
            "SELECT ST_X(geom), ST_Y(geom) FROM kaartlagen_verblijfsobject WHERE actief ORDER BY random() LIMIT %s",
            [gewoon],
        )
        typisch = [tegel_index(x, y, z) for x, y in cursor.fetchall()]
    return {"drukste": druk, "gewoon": typisch}


def _http_client(server, goed=(200, 204, 400)):
    """A harness.gelijktijdig client: a connection of its own, kept while the server allows."""

    def maak():
        verbinding = Verbinding(server)

        def client(pad):
            status, body = verbinding.get(pad)
            assert status in goed, (pad, status, body[:500])

        client.sluit = verbinding.sluit
        return client

    return maak


def tegels(args, server, kale_app) -> None:
    from django.db import connection

    from config.wsgi import application
    from kaartlagen.bronnen import VECTOR_BRONNEN
    from kaartlagen.models import Kaartlaag
    from kaartlagen.tegels import PARALLELLE_WERKERS, tegel_sql
    from kaartlagen.tegelserver import TYPES, naar_libpq

    params = connection.get_connection_params()
    del params["cursor_factory"], params["prepare_threshold"]
    # The reference: the tile query prepared with a generic plan, no JIT, no parallel plans, the way our
    # tile server runs it, on a connection of its own.
    voorbereid = psycopg.connect(
        **params,
        autocommit=True,
        prepare_threshold=0,
        options="-c plan_cache_mode=force_generic_plan -c jit=off "
        f"-c max_parallel_workers_per_gather={PARALLELLE_WERKERS}",
    )
    voorbereid.prepared_max = 512
    # The same statement through libpq itself, without psycopg's cursor: the leanest client there is.
    kaal = psycopg.connect(
        **params,
        autocommit=True,
        options="-c plan_cache_mode=force_generic_plan -c jit=off "
        f"-c max_parallel_workers_per_gather={PARALLELLE_WERKERS}",
    )
    rng = random.Random(400)
    samenvatting = []
    lagen = Kaartlaag.objects.filter(publiek=True, soort=Kaartlaag.Soort.VECTOR).order_by("naam")
    if args.lagen:
        lagen = lagen.filter(naam__in=args.lagen)
    for laag in lagen:
        bron = VECTOR_BRONNEN[laag.bron]
        for z in [z for z in args.zooms if z >= laag.min_zoom]:
            sql = tegel_sql(bron, z)
            naam_libpq = f"t_{laag.naam}_{z}".encode()
            kaal.pgconn.prepare(naam_libpq, naar_libpq(sql), TYPES[:4])
            for soort, xy in tegelkeuze(bron, z, args.drukste, args.gewoon, rng).items():
                if not xy:
                    continue
                paden = [f"/tiles/{laag.naam}/{z}/{x}/{y}.mvt" for x, y in xy]
                groottes = [len(wsgi_get(application, p)[1]) for p in paden]
                # Each worker process and each of its tile connections prepares a statement on first
                # use (a new connection, a plan): a running portal did that long ago. Warm them all
                # at once, or those one-off hundreds of ms land in the first counted rounds.
                gelijktijdig(_http_client(server), paden * 16, clients=16)
                gelijktijdig(_http_client(kale_app), paden * 16, clients=16)

                def http(paden=paden, soort=Verbinding, server=server):
                    # One client working through the tiles on one connection, as a browser does.
                    verbinding = soort(server)
                    try:
                        return een_voor_een(paden, lambda pad: _goed(pad, verbinding.get(pad)[0]))
                    finally:
                        verbinding.sluit()

                def http_kaal(paden=paden, server=server):
                    return http(paden, KaleVerbinding, server)

                def vloer(paden=paden):
                    return http_kaal(paden, kale_app)

                environs = tuple(wsgi_environ(p) for p in paden)

                def wsgi(environs=environs):
                    return een_voor_een(
                        environs, lambda e: _goed(e["PATH_INFO"], wsgi_get(application, e)[0])
                    )

                def ruw(xy=xy, sql=sql, z=z, naam=laag.naam):
                    return een_voor_een(
                        xy,
                        lambda t: voorbereid.execute(
                            sql, {"z": z, "x": t[0], "y": t[1], "laag": naam}
                        ).fetchone(),
                    )

                def libpq(xy=xy, z=z, naam=laag.naam, statement=naam_libpq):
                    def een(t):
                        params = [str(z).encode(), str(t[0]).encode(), str(t[1]).encode(), naam.encode()]
                        uitkomst = kaal.pgconn.exec_prepared(statement, params, result_format=1)
                        assert uitkomst.status == psycopg.pq.ExecStatus.TUPLES_OK, uitkomst.error_message
                        return uitkomst.get_value(0, 0)

                    return een_voor_een(xy, een)

                reeksen = in_beurten(
                    [
                        Zijde("ons HTTP", http),
                        Zijde("ons HTTP, kale client", http_kaal),
                        Zijde("vloer: kale app, granian", vloer),
                        Zijde("ons WSGI (in proces)", wsgi),
                        Zijde("SQL voorbereid", ruw),
                        Zijde("SQL libpq", libpq),
                    ],
                    paren=args.paren,
                )
                kb = sum(groottes) / len(groottes) / 1024
                rapport(
                    f"tegels {laag.naam} z{z}, {soort} ({len(xy)}, gem. {kb:.1f} KB, max {max(groottes) / 1024:.1f} KB)",
                    reeksen,
                )
                r = reeksen
                samenvatting.append(
                    (
                        laag.naam,
                        z,
                        soort,
                        kb,
                        r["ons HTTP"].p50,
                        r["ons HTTP, kale client"].p50,
                        r["vloer: kale app, granian"].p50,
                        r["ons WSGI (in proces)"].p50,
                        r["SQL voorbereid"].p50,
                        r["SQL libpq"].p50,
                    )
                )
    voorbereid.close()
    kaal.close()
    print(
        "\nTegels, samengevat (p50 ms). Ratio's, doel ≤ 1.2 (issue 17) en ≤ 3 (issue 16):\n"
        "  r HTTP = HTTP met http.client tegen SQL voorbereid (psycopg): elk met de gewone Python-client;\n"
        "  r kaal = HTTP met de kale client tegen SQL libpq: elk met de kaalste client;\n"
        "  vloer = een WSGI-app die alleen de statement via libpq stuurt, onder dezelfde granian, kale client;\n"
        "  r vloer = vloer tegen SQL libpq: wat de HTTP-rondgang door een Python-server al kost.\n"
        "  r WSGI = ons WSGI in proces tegen SQL voorbereid; r W/lib = ons WSGI tegen SQL libpq."
    )
    print(
        f"  {'laag':22} {'z':>3} {'soort':8} {'KB':>6} {'HTTP':>7} {'kaal':>7} {'vloer':>7} {'WSGI':>7}"
        f" {'SQL-vb':>7} {'libpq':>7} {'r HTTP':>7} {'r kaal':>7} {'r vloer':>7} {'r WSGI':>7} {'r W/lib':>7}"
    )
    for naam, z, soort, kb, h, k, f, w, v, lib in samenvatting:
        print(
            f"  {naam:22} {z:3} {soort:8} {kb:6.1f} {h * 1000:7.2f} {k * 1000:7.2f} {f * 1000:7.2f} {w * 1000:7.2f}"
            f" {v * 1000:7.3f} {lib * 1000:7.3f} {h / v:7.2f} {k / lib:7.2f} {f / lib:7.2f} {w / v:7.2f}"
            f" {w / lib:7.2f}"
        )


def verzoeken(args, server) -> None:
    """suggest, reverse and informatie at N clients over HTTP, against their own statements replayed."""
    from urllib.parse import urlencode

    from kaartlagen import locatie, zoeken
    from kaartlagen.models import Nummeraanduiding, Verblijfsobject
    from kern.crs import RD_NEW, naar_wgs84

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
    n = args.verzoeken
    vragen = [rng.choice(vormen)(*rng.choice(adressen)) for _ in range(n)]
    # Where people click or look up: at an address (a verblijfsobject), as schaal_bench does. Of points
    # spread evenly over a box of the scale-10 town, four in five fell on no building, where the panel
    # has none to describe (and reverse finds nothing within 50 m for one in four).
    adrespunten = [
        (p.x, p.y)
        for p in Verblijfsobject.objects.filter(actief=True).order_by("pk").values_list("geom", flat=True)
    ]
    punten_rd = rng.sample(adrespunten, min(n, len(adrespunten)))
    punten = [naar_wgs84(x, y) for x, y in punten_rd]

    gevallen = [
        (
            "suggest",
            [f"/api/locatie/suggest?{urlencode({'q': q})}" for q in vragen],
            lambda: vastgelegde_sql(zoeken.suggest, vragen),
            30,
        ),
        (
            "reverse",
            [f"/api/locatie/reverse?x={lon}&y={lat}" for lon, lat in punten],
            lambda: vastgelegde_sql(lambda p: zoeken.reverse(*p, RD_NEW), punten_rd),
            None,
        ),
        (
            "locatie-informatie",
            [f"/api/locatie/informatie?x={lon}&y={lat}" for lon, lat in punten],
            lambda: vastgelegde_sql(lambda p: locatie.bij_punt(*p, RD_NEW), punten_rd),
            50,
        ),
    ]
    for naam, paden, opdrachten, doel in gevallen:
        sql = opdrachten()

        def ons(paden=paden):
            tijden = gelijktijdig(_http_client(server), paden, clients=args.clients)
            return Ronde(tijden, server.piek_mb())

        def ruw(sql=sql):
            return Ronde(gelijktijdig(sql_client(BENCH_DB), sql, clients=args.clients))

        reeksen = in_beurten([Zijde(f"{naam} (HTTP)", ons), Zijde("zijn SQL", ruw)], paren=args.paren)
        doeltekst = f", doel p95 < {doel} ms" if doel else ""
        gemiddeld = sum(map(len, sql)) / len(sql)
        rapport(
            f"{naam}, {args.clients} clients tegelijk, {n} verzoeken per ronde ({gemiddeld:.1f} statements per verzoek{doeltekst})",
            reeksen,
        )


def basiskaart(aantal: int) -> None:
    """First render (MapServer via MapProxy) and cached delivery of basemap tiles, in process."""
    import statistics
    import tempfile

    from django.conf import settings
    from django.core.management import call_command

    from config.wsgi import MetBasiskaart, django_app
    from kaartlagen.tegels import tegel_index

    settings.BASISKAART_DIR = Path(tempfile.mkdtemp(prefix="basiskaart-bench-"))
    call_command("bouw_basiskaart", verbosity=0)  # the release step; the web process only reads it
    app = MetBasiskaart(django_app)

    def haal(pad):
        status, body = wsgi_get(app, pad)
        assert status.startswith("200"), (pad, status)
        return body

    # Four tiles apart: MapProxy renders 4×4 meta-tiles, so neighbours would come from one render.
    cx, cy = tegel_index(*MIDDEN_RD, 17)
    zijde = max(2, math.isqrt(aantal))
    tegels_ = [
        (17, cx + 4 * (i - zijde // 2), cy + 4 * (j - zijde // 2)) for i in range(zijde) for j in range(zijde)
    ]
    paden = [f"/basiskaart/tiles/basiskaart/GLOBAL_WEBMERCATOR/{z}/{x}/{y}.png" for z, x, y in tegels_]
    haal(paden[0])  # MapProxy loads its configuration on the first request
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


def measure(args) -> None:
    import os

    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    with portaal(os.environ, args.werkers, werkersoort=args.werkersoort, threads=args.threads) as server:
        soort = f"gunicorn {args.werkersoort}" if args.werkersoort else "granian (config/webserver.py)"
        print(f"Portaal op {server.url} ({soort}, {args.werkers} werkers)", flush=True)
        if "tegels" in args.delen:
            with portaal(os.environ, args.werkers, app="kale_tegelapp:application") as kale_app:
                tegels(args, server, kale_app)
        if "verzoeken" in args.delen:
            verzoeken(args, server)
        print(f"\nPiekgeheugen webwerker (VmHWM, grootste): {server.piek_mb():.0f} MiB")
    if "basiskaart" in args.delen:
        basiskaart(16)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--paren", type=int, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--werkers", type=int, default=4, help="werkerprocessen van de webserver")
    parser.add_argument(
        "--werkersoort", help="ter vergelijking: gunicorn met deze --worker-class in plaats van granian"
    )
    parser.add_argument(
        "--threads", type=int, help="threads per werkerproces (standaard die van config/webserver.py)"
    )
    parser.add_argument("--verzoeken", type=int, default=200, help="verzoeken per ronde per soort")
    parser.add_argument("--zooms", type=int, nargs="+", default=[12, 14, 16, 18])
    parser.add_argument("--drukste", type=int, default=5, help="drukste tegels per laag en zoomniveau")
    parser.add_argument("--gewoon", type=int, default=15, help="gewone tegels per laag en zoomniveau")
    parser.add_argument("--lagen", nargs="+", help="alleen deze lagen (standaard: alle publieke vectorlagen)")
    parser.add_argument("--delen", nargs="+", default=["tegels", "verzoeken", "basiskaart"])
    parser.add_argument("--hergebruik", action="store_true", help="meet op de database van de vorige keer")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args)
        return
    if args.hergebruik:
        import os

        from common import database_url

        env = {**os.environ, "DATABASE_URL": database_url(BENCH_DB)}
    else:
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
    subprocess.run([sys.executable, __file__, "--measure", *sys.argv[1:]], env=env, check=True)


if __name__ == "__main__":
    main()
