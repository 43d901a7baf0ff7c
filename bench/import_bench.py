"""Import benchmark: our BAG importer against GDAL's ogr2ogr on the same files, in the same run.

    make bench                                  # scale 10 sample + the real Doesburg pand file
    .venv/bin/python bench/import_bench.py --scale 10 --repeat 3

Both load into a separate database (loket_bench) from cold tables and clean shared buffers, in
turns (ours, ogr2ogr, ours, …). Each load runs as its own child process, so peak memory (max RSS)
is that load's alone. Prints figures; never fails on timing.
ogr2ogr reads BAG 2.0 XML with GDAL's LVBAG driver and only copies rows; ours also picks the
voorkomen in force, validates and repairs geometry, checks references and upserts by fingerprint.
"""

import argparse
import contextlib
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import psycopg
from common import OUT, ROOT, conninfo, prepare_database  # sets up Django before the project imports below

from dev.sample.bgt_bag import generate
from kaartlagen.importing.bag import bestand_code
from kern.importing.pipeline import STANDAARD_WERKERS

BENCH_DB = "loket_bench"
DOESBURG = ROOT.parent / "shared" / "data" / "nlextract-bag2-doesburg" / "full-pand" / "0221PND15092020.zip"


def run_measured(cmd: list[str], env=None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def clean_start(conn) -> None:
    """Write out what the previous load left dirty in shared buffers, so that no load pays for the
    other's writes (each loader drops its own tables before a run, not the other's)."""
    with contextlib.suppress(psycopg.errors.InsufficientPrivilege):
        conn.execute("checkpoint")


def ours(path: Path, env: dict) -> tuple[float, float]:
    """Import seconds (without the ~1 s of Django start-up) and peak RSS of one child process."""
    with psycopg.connect(**conninfo(BENCH_DB), autocommit=True) as conn:
        tables = "pand, verblijfsobject, nummeraanduiding, openbareruimte, woonplaats, ligplaats, standplaats"
        conn.execute(
            "truncate " + ", ".join(f"kaartlagen_{t}" for t in tables.split(", ")) + ", kern_importrun"
        )
        clean_start(conn)
    timing = OUT / "child-seconds.txt"
    _, rss = run_measured([sys.executable, __file__, "--child", str(path), str(timing)], env)
    seconds, workers_rss = (float(v) for v in timing.read_text().split())
    return seconds, max(rss, workers_rss)


def child(path: Path, timing: Path) -> None:
    from kaartlagen.importing.bag import importeer_bag

    start = time.monotonic()
    resultaat = importeer_bag(path, werkers=STANDAARD_WERKERS)
    seconds = time.monotonic() - start
    # The importer's worker processes are this process's children; their peak counts as well.
    workers_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    timing.write_text(f"{seconds:.4f} {workers_rss:.1f}")
    if not resultaat.ok:
        sys.exit(f"import failed: {[b.fout for b in resultaat.bestanden if b.fout]}")


def xml_members(path: Path) -> list[str]:
    """GDAL /vsizip/ paths of every BAG object XML in a (nested) Kadaster zip."""
    members = []
    with zipfile.ZipFile(path) as outer:
        for name in sorted(outer.namelist()):
            if name.lower().endswith(".zip"):
                with outer.open(name) as fh, zipfile.ZipFile(fh) as inner:
                    members += [
                        f"/vsizip/{{/vsizip/{path}/{name}}}/{n}"
                        for n in sorted(inner.namelist())
                        if bestand_code(n)
                    ]
            elif name.lower().endswith(".xml") and bestand_code(name):
                members.append(f"/vsizip/{path}/{name}")
    return members


def ogr2ogr(path: Path) -> tuple[float, float]:
    """All files through ogr2ogr, one process per file as one would script it; summed time, max RSS."""
    info = conninfo(BENCH_DB)
    pg = "PG:" + " ".join(f"{k}={v}" for k, v in info.items())
    with psycopg.connect(**info, autocommit=True) as conn:
        clean_start(conn)
    total, peak, seen = 0.0, 0.0, set()
    for member in xml_members(path):
        code = bestand_code(member.rsplit("/", 1)[-1]).lower()
        mode = ["-append"] if code in seen else ["-overwrite"]
        seen.add(code)
        seconds, rss = run_measured(
            [
                "ogr2ogr",
                "-f",
                "PostgreSQL",
                pg,
                member,
                "-nln",
                f"ogr_{code}",
                *mode,
                "-lco",
                "GEOMETRY_NAME=geom",
                "-gt",
                "65536",
                "--config",
                "PG_USE_COPY",
                "YES",
            ]
        )
        total, peak = total + seconds, max(peak, rss)
    return total, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="runs per loader; the best time counts")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    datasets = []
    for scale in sorted({1, args.scale}):
        folder = OUT / f"scale{scale}"
        if not any(folder.glob("BAGGEM*.zip")):
            print(f"Voorbeeld op schaal {scale} maken in {folder} …", flush=True)
            generate(folder, scale=scale)
        datasets.append((f"BAG-voorbeeld schaal {scale}", next(folder.glob("BAGGEM*.zip"))))
    if DOESBURG.exists():
        datasets.append(("Doesburg panden (echt, 13 098)", DOESBURG))
    else:
        print(f"Overgeslagen: {DOESBURG} ontbreekt (../shared/data staat niet naast het project)")

    env = prepare_database(BENCH_DB)
    print(
        f"\n{'dataset':34} {'MB':>6} {'ons s':>7} {'ogr2ogr s':>9} {'ratio':>6} {'ons MB':>7} {'ogr MB':>7}"
    )
    for title, path in datasets:
        size = path.stat().st_size / 1e6
        # Taken in turns, so that a burst of load on this shared machine slows both loaders alike rather
        # than all runs of one of them (three of ours in a row once came out 30 % slow); each run starts
        # from clean shared buffers (clean_start).
        our_runs, ogr_runs = [], []
        for _ in range(args.repeat):
            our_runs.append(ours(path, env))
            ogr_runs.append(ogr2ogr(path))
        o_s, o_mb = min(r[0] for r in our_runs), max(r[1] for r in our_runs)
        g_s, g_mb = min(r[0] for r in ogr_runs), max(r[1] for r in ogr_runs)
        print(
            f"{title:34} {size:6.1f} {o_s:7.2f} {g_s:9.2f} {o_s / g_s:6.2f} {o_mb:7.0f} {g_mb:7.0f}",
            flush=True,
        )
    print(
        f"\nratio = onze tijd / tijd van ogr2ogr (≤ 1.0 is het doel); wij met {STANDAARD_WERKERS} werkers."
        "\nMB = piekgeheugen (max RSS) van het grootste proces."
    )


if __name__ == "__main__":
    main()
