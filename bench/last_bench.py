"""Load run: 50 residents at once for 2 minutes against `make run`'s server (scripts/run.sh: granian,
workers by core count), driven by locust (bench/locustfile.py: tiles, suggest, locatie panel,
vergunningcheck conclusie, melden); then the same run with the read paths on a local streaming replica
(scripts/pg.sh replica-up). Prints requests, errors, throughput and p50/p95 per kind.

    .venv/bin/python bench/last_bench.py [--gebruikers 50] [--duur 2m] [--alleen primary|replica]

Runs on the project-local database with the sample loaded (`make load`). All clients come from
127.0.0.1, so the meldingen rate limit is lifted for the run (MELDINGEN_MAX_PER_UUR); the melden writes
stay in the database like any melding.
"""

import argparse
import csv
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, vrije_poort  # noqa: E402

SOORTEN = ["tegel", "suggest", "locatie-informatie", "conclusie", "melden"]


def _django(replica: bool):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if replica:
        os.environ["LOKET_PG_REPLICA"] = "1"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _adressen(n: int) -> list[dict]:
    from kaartlagen.models import Verblijfsobject
    from kern.crs import naar_wgs84

    rng = random.Random(400)
    rijen = list(
        Verblijfsobject.objects.filter(actief=True, hoofdadres__isnull=False)
        .select_related("hoofdadres__openbare_ruimte")
        .order_by("identificatie")
    )
    uit = []
    for v in rng.sample(rijen, min(n, len(rijen))):
        lon, lat = naar_wgs84(v.geom.x, v.geom.y)
        na = v.hoofdadres
        uit.append(
            {
                "x": round(v.geom.x, 2),
                "y": round(v.geom.y, 2),
                "lon": lon,
                "lat": lat,
                "straat": na.openbare_ruimte.naam,
                "nummer": na.huisnummer,
            }
        )
    return uit


def _transacties_replica() -> int | None:
    from django.db import connections

    if "replica" not in connections.settings:
        return None
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database")
        return int(cursor.fetchone()[0])


def _wacht(url: str, seconden: float = 90) -> None:
    tot = time.monotonic() + seconden
    while time.monotonic() < tot:
        try:
            with urllib.request.urlopen(url + "/gezondheid", timeout=5) as r:  # noqa: S310
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} antwoordde niet")


def ronde(naam: str, env: dict, args, punten: Path, uitmap: Path) -> dict:
    poort = vrije_poort()
    url = f"http://127.0.0.1:{poort}"
    env = {
        **env,
        "LOKET_ADDR": f"127.0.0.1:{poort}",
        "LOKET_RUN_DIR": str(uitmap / f"run-{naam}"),
        "DSO_MOCK": "0",
        "MELDINGEN_MAX_PER_UUR": "10000000",
        "WEB_ACCESS_LOG": "",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "0",
    }
    stack = subprocess.Popen(  # noqa: S603
        ["scripts/run.sh"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=open(uitmap / f"run-{naam}.log", "w"),  # noqa: SIM115
    )
    try:
        _wacht(url)
        voor = _transacties_replica()
        prefix = uitmap / naam
        subprocess.run(  # noqa: S603
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(ROOT / "bench/locustfile.py"),
                "--headless",
                "-u",
                str(args.gebruikers),
                "-r",
                str(args.gebruikers),
                "-t",
                args.duur,
                "--host",
                url,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "LAST_PUNTEN": str(punten)},
            check=False,
            stdout=subprocess.DEVNULL,
        )
        na = _transacties_replica()
    finally:
        os.killpg(stack.pid, signal.SIGINT)
        stack.wait(60)
    with open(f"{prefix}_stats.csv") as fh:
        rijen = {r["Name"]: r for r in csv.DictReader(fh)}
    return {"rijen": rijen, "replica_transacties": None if voor is None else na - voor}


def druk(naam: str, uitkomst: dict) -> None:
    print(f"\n{naam}")
    print(f"{'soort':<20}{'verzoeken':>10}{'fouten':>8}{'per s':>8}{'p50 ms':>8}{'p95 ms':>8}")
    for soort in [*SOORTEN, "Aggregated"]:
        r = uitkomst["rijen"].get(soort)
        if r is None:
            continue
        print(
            f"{('totaal' if soort == 'Aggregated' else soort):<20}{r['Request Count']:>10}{r['Failure Count']:>8}"
            f"{float(r['Requests/s']):>8.1f}{r['50%']:>8}{r['95%']:>8}"
        )
    if uitkomst["replica_transacties"] is not None:
        print(f"transacties op de replica tijdens de run: {uitkomst['replica_transacties']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gebruikers", type=int, default=50)
    parser.add_argument("--duur", default="2m")
    parser.add_argument("--alleen", choices=["primary", "replica"])
    args = parser.parse_args()
    rondes = [args.alleen] if args.alleen else ["primary", "replica"]
    if "replica" in rondes:
        subprocess.run(["scripts/pg.sh", "replica-up"], cwd=ROOT, check=True)  # noqa: S603, S607
    # The sample categories melden needs, as `make run` makes them.
    subprocess.run([sys.executable, "manage.py", "load_sample_meldingen"], cwd=ROOT, check=True)  # noqa: S603
    _django(replica="replica" in rondes)
    with tempfile.TemporaryDirectory() as tmp:
        uitmap = Path(tmp)
        adressen = _adressen(500)
        if not adressen:
            sys.exit("Geen adressen in de database: laad eerst het voorbeeld (make load).")
        punten = uitmap / "punten.json"
        punten.write_text(json.dumps(adressen))
        print(
            f"{args.gebruikers} gebruikers, {args.duur}, {os.cpu_count()} cores; granian via scripts/run.sh"
        )
        for naam in rondes:
            env = {**os.environ, "LOKET_PG_REPLICA": "1" if naam == "replica" else "0"}
            druk(f"lezen van de {naam}", ronde(naam, env, args, punten, uitmap))


if __name__ == "__main__":
    main()
