"""Cost as work grows: the generated sample at 1×, 10× (and with --schalen 1,10,100 also 100×) loaded
into a database of its own; per scale the import time (`manage.py load_sample` as a whole command, with
its peak memory), the database size, and p50/p95 of tiles, suggest and the locatie panel over HTTP
against the web server (granian) with 8 clients at once, 5 rounds in turns.

    .venv/bin/python bench/schaal_bench.py [--schalen 1,10] [--verzoeken 200]
"""

import argparse
import os
import random
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import psycopg  # noqa: E402
from common import OUT, ROOT, conninfo, prepare_database  # noqa: E402
from harness import Ronde, Verbinding, Zijde, commando, gelijktijdig, in_beurten, portaal  # noqa: E402


def voorbeeld(schaal: int) -> Path:
    folder = OUT / f"scale{schaal}"
    if not any(folder.glob("BAGGEM*.zip")):
        print(f"Voorbeeld op schaal {schaal} maken in {folder} …", flush=True)
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "dev.sample.bgt_bag", "--out", str(folder), "--scale", str(schaal)],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return folder


def paden(dbname: str, n: int) -> dict[str, list[str]]:
    """Requests for n real addresses of this database: a panden tile at z17, suggest, the panel."""
    from kaartlagen.tegels import tegel_index

    with psycopg.connect(**conninfo(dbname)) as conn:
        rijen = conn.execute(
            "SELECT ST_X(v.geom), ST_Y(v.geom), o.naam, n.huisnummer FROM kaartlagen_verblijfsobject v "
            "JOIN kaartlagen_nummeraanduiding n ON n.identificatie = v.hoofdadres_id "
            "JOIN kaartlagen_openbareruimte o ON o.identificatie = n.openbare_ruimte_id "
            "WHERE v.actief ORDER BY v.identificatie"
        ).fetchall()
    rng = random.Random(400)
    gekozen = rng.sample(rijen, min(n, len(rijen)))
    return {
        "tegel": [
            f"/tiles/panden/17/{'/'.join(map(str, tegel_index(x, y, 17)))}.mvt" for x, y, _, _ in gekozen
        ],
        "suggest": [
            f"/api/locatie/suggest?{urlencode({'q': f'{straat} {nr}'})}" for _, _, straat, nr in gekozen
        ],
        "locatie": [f"/api/locatie/informatie?crs=rd&x={x:.1f}&y={y:.1f}" for x, y, _, _ in gekozen],
    }


def meet(schaal: int, args) -> dict:
    dbname = f"loket_bench_schaal{schaal}"
    belasting = [os.getloadavg()[0]]
    folder = voorbeeld(schaal)
    env = prepare_database(dbname)
    print(f"Schaal {schaal}: importeren in {dbname} …", flush=True)
    ronde = commando([sys.executable, "manage.py", "load_sample", "-v0", str(folder)], env=env)
    print(f"Schaal {schaal}: geladen in {ronde.tijden[0]:.1f} s (piek {ronde.piek_mb:.0f} MiB)", flush=True)
    with psycopg.connect(**conninfo(dbname), autocommit=True) as conn:
        # The state the portal is in a minute after an import, when autovacuum has been: right after the
        # load, before it, the locatie panel took 6–8× as long (its VBO lookups went through GIN pending
        # lists and, without a visibility map, the planner chose a sequential scan; docs/performance.md).
        conn.execute("VACUUM ANALYZE")
        grootte = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        panden = conn.execute("SELECT count(*) FROM kaartlagen_pand").fetchone()[0]
    verzoeken = paden(dbname, args.verzoeken)
    with portaal(env) as server:

        def zijde(soort):
            def client():
                verbinding = Verbinding(server)

                def vraag(pad):
                    status, _ = verbinding.get(pad)
                    assert status == 200, (pad, status)

                vraag.sluit = verbinding.sluit
                return vraag

            return Zijde(
                soort, lambda: Ronde(gelijktijdig(client, verzoeken[soort], clients=8), server.piek_mb())
            )

        reeksen = in_beurten([zijde(s) for s in verzoeken])
    # The machine may be shared: the 1-minute load average at the start and the end of this scale.
    belasting.append(os.getloadavg()[0])
    return {
        "schaal": schaal,
        "panden": panden,
        "import_s": ronde.tijden[0],
        "import_mb": ronde.piek_mb,
        "db_mb": grootte / 2**20,
        "belasting": belasting,
        "werker_mb": max(r.piek_mb for r in reeksen.values()),
        **{f"{s}_p50": r.p50 * 1000 for s, r in reeksen.items()},
        **{f"{s}_p95": r.p95 * 1000 for s, r in reeksen.items()},
        **{
            f"{s}_p95_spreiding": (min(r.ronde_p95) * 1000, max(r.ronde_p95) * 1000)
            for s, r in reeksen.items()
        },
    }


KOP = (
    "| schaal | panden | import s (piek MiB) | database MiB | werker piek MiB | tegel p50/p95 ms (spreiding p95)"
    " | suggest p50/p95 ms | locatie p50/p95 ms | load |\n|---|---|---|---|---|---|---|---|---|"
)


def regel(u: dict) -> str:
    cellen = [
        f"{u[f'{s}_p50']:.1f} / {u[f'{s}_p95']:.1f} ({u[f'{s}_p95_spreiding'][0]:.1f}–{u[f'{s}_p95_spreiding'][1]:.1f})"
        for s in ("tegel", "suggest", "locatie")
    ]
    return (
        f"| {u['schaal']}× | {u['panden']:,} | {u['import_s']:.1f} ({u['import_mb']:.0f}) | {u['db_mb']:.0f} | {u['werker_mb']:.0f} | "
        + " | ".join(cellen)
        + f" | {u['belasting'][0]:.1f}–{u['belasting'][1]:.1f} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schalen", default="1,10")
    parser.add_argument("--verzoeken", type=int, default=200)
    args = parser.parse_args()
    # Each scale's row as soon as it is measured: a later, larger scale may not finish.
    print(KOP, flush=True)
    for s in args.schalen.split(","):
        print(regel(meet(int(s), args)), flush=True)


if __name__ == "__main__":
    main()
