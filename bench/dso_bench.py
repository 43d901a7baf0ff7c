"""DSO sync benchmark: the mock knooppunt (in this process) and `manage.py dso_sync` (a child process)
on a throwaway database (loket_dso_bench).

    .venv/bin/python bench/dso_bench.py --aantal 300 --storingen 0.3

Prints verzoeken per second for a first sync, a second sync that finds nothing new, and the
reconciliation report. Never fails on timing.
"""

import argparse
import subprocess
import sys
import tempfile
import time

from common import ROOT, prepare_database  # sets up Django before the project imports below

from dev.dso_mock.server import start


def run(args: list[str], env: dict) -> tuple[float, str]:
    begin = time.monotonic()
    uit = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if uit.returncode != 0:
        raise RuntimeError(uit.stdout[-2000:] + uit.stderr[-2000:])
    return time.monotonic() - begin, uit.stdout


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--aantal", type=int, default=300)
    p.add_argument("--storingen", type=float, default=0.0, help="fraction of calls faulted (0–1)")
    args = p.parse_args()

    env = prepare_database("loket_dso_bench")
    server, app = start(0, aantal=args.aantal, storingen_kans=args.storingen, timeout=1.2, latentie=0.05)
    env.update(
        {
            "DSO_BASIS_URL": f"http://127.0.0.1:{server.server_port}",
            "DSO_TIMEOUT": "1",
            "DSO_BACKOFF_BASIS": "0.05",
            "DSO_BACKOFF_MAX": "0.5",
            "DSO_MAX_POGINGEN": "10",
            "MEDIA_ROOT": tempfile.mkdtemp(prefix="dso-bench-"),
            "LOG_LEVEL": "ERROR",
        }
    )
    items = len(app.opslag.feed)
    eerste, uitvoer = run(["dso_sync", "--verzoeken", "--grootte", "50"], env)
    tweede, _ = run(["dso_sync", "--verzoeken"], env)
    rapport_s, rapport = run(["dso_sync", "--reconcile"], env)
    server.shutdown()
    print(f"DSO-sync, {items} feed-items ({args.aantal} verzoeken), storingen {args.storingen:.0%}:")
    print(
        f"  eerste sync   {eerste:6.1f} s  ({items / eerste:.1f} items/s, {app.aanroepen} aanroepen, "
        f"storingen {dict(app.storingen.geteld)})"
    )
    print(f"  tweede sync   {tweede:6.1f} s  (niets nieuw)")
    print(f"  reconciliatie {rapport_s:6.1f} s  ({rapport.strip().splitlines()[-1]})")
    print("  " + next(r for r in uitvoer.splitlines() if r.startswith("Verzoeken:")))


if __name__ == "__main__":
    main()
