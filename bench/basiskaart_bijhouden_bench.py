"""The basemap on more than one machine: how long a change on machine A takes to reach machine B's files
through the follower, and what the alternative (a check of the release row on every basemap request)
would cost each request.

    .venv/bin/python bench/basiskaart_bijhouden_bench.py [--paren 5] [--per-ronde 10]

Makes its own database (loket_bench_basiskaart, migrated), then in a process of its own, as machine A
with a BASISKAART_DIR of its own: runs `bouw_basiskaart`, starts a real `manage.py volg_basiskaart`
(machine B: another BASISKAART_DIR, the same database) and in turns, per round:
1. `bijhouden`: a basemap kaartlaag's title changed and committed on A, timed until B's follower reports
   that it wrote its files (read from its output); `--per-ronde` changes a round;
2. `vraag`: the question a request-time check would ask (the newest release, through Django's ORM
   on a kept connection), the same number of times: the price every basemap request would pay.
Median and p95 with the spread of the rounds, the follower's peak memory and the load average.
Prints figures; never fails.
"""

import argparse
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import ROOT, prepare_database  # sets up Django before the project imports below

sys.path.insert(0, str(ROOT / "bench"))
from harness import Ronde, Zijde, in_beurten  # noqa: E402

BENCH_DB = "loket_bench_basiskaart"


def _piek_mb(pid: int) -> float | None:
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmHWM:"):
            return int(regel.split()[1]) / 1024
    return None


def meet(paren: int, per_ronde: int) -> None:
    from django.conf import settings
    from django.core.management import call_command

    from kaartlagen.basiskaart import uitgave
    from kaartlagen.models import Kaartlaag

    print(f"load average bij de start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    settings.BASISKAART_DIR = Path(tempfile.mkdtemp(prefix="basiskaart-a-"))
    call_command("bouw_basiskaart", verbosity=0)
    b = tempfile.mkdtemp(prefix="basiskaart-b-")
    machine_b = subprocess.Popen(
        [sys.executable, "manage.py", "volg_basiskaart"],
        cwd=ROOT,
        env={**os.environ, "BASISKAART_DIR": b, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        text=True,
    )
    regels = queue.Queue()
    threading.Thread(target=lambda: [regels.put(r) for r in machine_b.stdout], daemon=True).start()
    while "volgt de uitgaven" not in regels.get(timeout=120):
        pass
    laag = Kaartlaag.objects.get(soort=Kaartlaag.Soort.BASISKAART, naam="basiskaart")
    teller = iter(range(10**9))

    def wijziging() -> Ronde:
        tijden = []
        for _ in range(per_ronde):
            laag.titel = f"Basiskaart (BGT) {next(teller)}"
            start = time.perf_counter()
            laag.save()  # autocommit: the release and its NOTIFY go out with this save
            nummer = uitgave.laatste()
            while f"uitgave {nummer}: geschreven" not in regels.get(timeout=60):
                pass
            tijden.append(time.perf_counter() - start)
        return Ronde(tijden, _piek_mb(machine_b.pid))

    def vraag() -> Ronde:
        tijden = []
        for _ in range(per_ronde):
            start = time.perf_counter()
            uitgave.laatste()
            tijden.append(time.perf_counter() - start)
        return Ronde(tijden)

    reeksen = in_beurten([Zijde("bijhouden", wijziging), Zijde("vraag", vraag)], paren=paren)
    machine_b.terminate()
    machine_b.wait(10)
    print(f"\n{paren} rondes in beurten, {per_ronde} per ronde per zijde")
    for naam, uitleg in [
        ("bijhouden", "wijziging op A gecommit → bestanden van B geschreven"),
        ("vraag", "nieuwste uitgave opvragen (prijs per verzoek van een controle bij elk verzoek)"),
    ]:
        r = reeksen[naam]
        piek = f", piek {r.piek_mb:.0f} MiB" if r.piek_mb else ""
        print(
            f"  {naam:9} p50 {r.p50 * 1000:7.2f} ms  p95 {r.p95 * 1000:7.2f} ms  "
            f"spreiding p50 {min(r.ronde_p50) * 1000:.2f}–{max(r.ronde_p50) * 1000:.2f} ms{piek}: {uitleg}"
        )
    print(f"load average aan het eind: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paren", type=int, default=5)
    parser.add_argument("--per-ronde", type=int, default=10)
    parser.add_argument("--meet", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.meet:
        meet(args.paren, args.per_ronde)
        return
    env = prepare_database(BENCH_DB)
    subprocess.run([sys.executable, __file__, "--meet", *sys.argv[1:]], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
