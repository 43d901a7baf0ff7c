"""Where a request's time goes, per path, in one process: statements per request, CPU per request and
(with --profiel) cProfile by CPU time. CPU per request hardly moves with the machine's load, so it is
the figure to compare before and after a change on a shared machine; wall times do not.

    DATABASE_URL=postgis://…/loket_bench_kaart  .venv/bin/python bench/verzoek_profiel.py suggest informatie tegel
    DATABASE_URL=postgis://…/loket_bench_regels .venv/bin/python bench/verzoek_profiel.py conclusie

Uses a benchmark database (kaart_bench.py, regels_bench.py make them); the requests go through the
portal's WSGI application (config.wsgi: tile fast path, Django, DRF) with DEBUG off; `tegel` also times
the bare prepared tile statement as the reference.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import sys
import time
from urllib.parse import urlencode

os.environ["DEBUG"] = "0"
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
from common import ROOT  # noqa: E402,F401  (sets up Django)


def verzoeken(pad: str, n: int, rng: random.Random):
    from kaartlagen.models import Nummeraanduiding, Verblijfsobject
    from kern.crs import naar_wgs84

    punten = [(v.geom.x, v.geom.y) for v in Verblijfsobject.objects.filter(actief=True).order_by("id")[:3000]]
    adressen = list(
        Nummeraanduiding.objects.filter(actief=True).values_list("openbare_ruimte__naam", "huisnummer")[:3000]
    )
    uit = []
    for _ in range(n):
        x, y = rng.choice(punten)
        if pad == "suggest":
            straat, nummer = rng.choice(adressen)
            uit.append(
                (
                    "GET",
                    "/api/locatie/suggest?"
                    + urlencode({"q": f"{straat[: max(4, len(straat) // 2)]} {nummer}"}),
                    None,
                )
            )
        elif pad == "informatie":
            lon, lat = naar_wgs84(x + rng.uniform(-20, 20), y + rng.uniform(-20, 20))
            uit.append(("GET", f"/api/locatie/informatie?x={lon}&y={lat}", None))
        elif pad == "conclusie":
            body = {
                "functioneleStructuurRefs": [{"functioneleStructuurRef": "DakkapelPlaatsen"}],
                "_geo": {"intersects": {"type": "Point", "coordinates": [x, y]}},
            }
            uit.append(
                ("POST", "/api/toepasbare-regels/uitvoeren/v3/conclusie/_bepaal", json.dumps(body).encode())
            )
        else:
            from kaartlagen.tegels import tegel_index

            tx, ty = tegel_index(x, y, 18)
            uit.append(("GET", f"/tiles/buurten/18/{tx}/{ty}.mvt", None))
    return uit


def doe(app, verzoek):
    """One request through the WSGI app in this process: its status line and body."""
    from wsgiref.util import setup_testing_defaults

    methode, pad, body = verzoek
    pad, _, query = pad.partition("?")
    environ = {
        "PATH_INFO": pad,
        "QUERY_STRING": query,
        "REQUEST_METHOD": methode,
        "HTTP_HOST": "127.0.0.1",
        "wsgi.input": io.BytesIO(body or b""),
    }
    if body:
        environ |= {
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_CONTENT_CRS": "EPSG:28992",
        }
    setup_testing_defaults(environ)
    status = []
    inhoud = b"".join(app(environ, lambda s, h, *a: status.append(s)))
    if status[0][:3] not in ("200", "204"):
        raise RuntimeError(f"{methode} {pad}?{query}: {status[0]} {inhoud[:300]!r}")
    return status[0], inhoud


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paden", nargs="+", choices=["suggest", "informatie", "conclusie", "tegel"])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--profiel", action="store_true", help="cProfile (CPU-tijd), de 25 duurste functies")
    args = parser.parse_args()
    from django.db import connections

    from config.wsgi import application

    statements = [0]

    def tel(execute, sql, params, many, context):
        statements[0] += 1
        return execute(sql, params, many, context)

    for pad in args.paden:
        rng = random.Random(400)
        lijst = verzoeken(pad, args.n, rng)
        for v in lijst[:20]:
            doe(application, v)  # warm: connections, prepared statements, caches
        statements[0] = 0
        with connections["default"].execute_wrapper(tel):
            for v in lijst:
                doe(application, v)
        wand, cpu = time.perf_counter(), time.process_time()
        for v in lijst:
            doe(application, v)
        wand, cpu = (time.perf_counter() - wand) / len(lijst), (time.process_time() - cpu) / len(lijst)
        print(
            f"{pad:11} {statements[0] / len(lijst):4.1f} statements via Django per verzoek, "
            f"CPU {cpu * 1000:6.2f} ms per verzoek, wand {wand * 1000:6.2f} ms (één proces, één verzoek tegelijk)"
        )
        if pad == "tegel":
            tegel_referentie(lijst)
        if args.profiel:
            profiel = cProfile.Profile(time.process_time)
            profiel.enable()
            for v in lijst:
                doe(application, v)
            profiel.disable()
            uit = io.StringIO()
            pstats.Stats(profiel, stream=uit).sort_stats("cumulative").print_stats(25)
            print(uit.getvalue())


def tegel_referentie(lijst) -> None:
    """CPU of the bare tile statement, prepared with a generic plan on a connection of its own: through
    psycopg's cursor (as kaart_bench's reference) and through libpq itself (as the fast path runs it)."""
    import psycopg
    from django.db import connection
    from psycopg import pq

    from kaartlagen.bronnen import VECTOR_BRONNEN
    from kaartlagen.tegels import PARALLELLE_WERKERS, tegel_sql
    from kaartlagen.tegelserver import TYPES, naar_libpq

    params = connection.get_connection_params()
    del params["cursor_factory"], params["prepare_threshold"]
    opties = f"-c plan_cache_mode=force_generic_plan -c jit=off -c max_parallel_workers_per_gather={PARALLELLE_WERKERS}"
    sql = tegel_sql(VECTOR_BRONNEN["cbs_buurten"], 18)
    tegels = [tuple(map(int, pad.removesuffix(".mvt").split("/")[3:6])) for _, pad, _ in lijst]
    with psycopg.connect(**params, autocommit=True, prepare_threshold=0, options=opties) as conn:
        conn.pgconn.prepare(b"t", naar_libpq(sql), TYPES[:4])

        def cursor(z, x, y):
            conn.execute(sql, {"z": z, "x": x, "y": y, "laag": "buurten"}).fetchone()

        def libpq(z, x, y):
            uitkomst = conn.pgconn.exec_prepared(
                b"t", [b"%d" % z, b"%d" % x, b"%d" % y, b"buurten"], result_format=1
            )
            assert uitkomst.status == pq.ExecStatus.TUPLES_OK, uitkomst.error_message
            uitkomst.get_value(0, 0)

        for naam, uitvoeren in (("SQL-vb", cursor), ("SQL-libpq", libpq)):
            for z, x, y in tegels[:20]:
                uitvoeren(z, x, y)
            wand, cpu = time.perf_counter(), time.process_time()
            for z, x, y in tegels:
                uitvoeren(z, x, y)
            wand, cpu = (time.perf_counter() - wand) / len(tegels), (time.process_time() - cpu) / len(tegels)
            print(
                f"  {naam:9}      de kale voorbereide tegelquery:   CPU {cpu * 1000:6.2f} ms per tegel,   wand {wand * 1000:6.2f} ms"
            )


if __name__ == "__main__":
    sys.exit(main())
