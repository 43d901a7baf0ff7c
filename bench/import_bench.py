"""Import benchmark: `manage.py import_bag` against GDAL's ogr2ogr, each as the one command a user runs.

    make bench                                  # Doesburg, Doesburg ×10 (195 MB), sample scale 1 and 10
    .venv/bin/python bench/import_bench.py --paren 5 --scale 10

Both load into a separate database (loket_bench) from empty tables and clean shared buffers (the
emptying and a CHECKPOINT are not timed), in turns (ours, ogr2ogr, ogr2ogr, ours, …) over ≥ 5 pairs.
Each side is timed as the whole command: ours is `python manage.py import_bag FILE` with Django's
start-up, ogr2ogr is ONE `ogr2ogr` process for the whole delivery. Peak memory is that command's
largest process, measured by /usr/bin/time (our worker processes included). Prints figures; never
fails on timing. ogr2ogr reads BAG 2.0 XML with GDAL's LVBAG driver and only copies rows; ours also
picks the voorkomen in force, validates and repairs geometry, checks references and upserts.
Doesburg's 7 KB standplaatsen file measures what each command costs whatever it reads; the Doesburg
pand file is also reported without it.
"""

import argparse
import contextlib
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

import psycopg
from common import OUT, ROOT, conninfo, prepare_database  # sets up Django before the project imports below
from harness import Zijde, commando, in_beurten, rapport

from dev.sample.bgt_bag import generate

BENCH_DB = "loket_bench"
DOESBURG = ROOT.parent / "shared" / "data" / "nlextract-bag2-doesburg" / "full-pand" / "0221PND15092020.zip"
# Doesburg's standplaatsen, 7 KB: what each command costs before and around any real work.
KLEIN = DOESBURG.parent.parent / "small" / "0221STA15092020-000001.xml"
KLEIN_TITEL = "Doesburg standplaatsen (echt, 7 KB): de vaste kosten van elk commando"
DOESBURG_TITEL = "Doesburg panden (echt, 13 098)"
BAG_TABELLEN = ", ".join(
    f"kaartlagen_{t}"
    for t in (
        "pand",
        "verblijfsobject",
        "nummeraanduiding",
        "openbareruimte",
        "woonplaats",
        "ligplaats",
        "standplaats",
    )
)


def schoon_begin(leeg: str) -> None:
    """Empty the tables the next load writes, and write out what the previous load left dirty in shared
    buffers, so that no load pays for the other's writes. Not timed."""
    with psycopg.connect(**conninfo(BENCH_DB), autocommit=True) as conn:
        conn.execute(leeg)
        with contextlib.suppress(psycopg.errors.InsufficientPrivilege):
            conn.execute("checkpoint")


def ons(pad: Path, env: dict):
    schoon_begin(f"truncate {BAG_TABELLEN}, kern_importrun")
    return commando([sys.executable, "manage.py", "import_bag", "-v0", str(pad)], env)


def ogr2ogr(pad: Path):
    """One ogr2ogr for the whole delivery: the LVBAG driver reads a folder or zip of XML files as one
    dataset, a layer per object type (nested zips, as the Kadaster ships them, are unpacked first)."""
    info = conninfo(BENCH_DB)
    schoon_begin("drop schema if exists ogr cascade; create schema ogr")
    pg = "PG:" + " ".join(f"{k}={v}" for k, v in info.items()) + " active_schema=ogr"
    bron = f"/vsizip/{pad}" if pad.suffix == ".zip" else str(pad)
    return commando(
        [
            "ogr2ogr",
            "-f",
            "PostgreSQL",
            pg,
            bron,
            "-lco",
            "GEOMETRY_NAME=geom",
            "-gt",
            "65536",
            "--config",
            "PG_USE_COPY",
            "YES",
        ]
    )


def uitgepakt(pad: Path, map_: Path) -> Path:
    """A Kadaster zip with zips inside, unpacked to one folder of XML files, for ogr2ogr (ours reads
    the zip as delivered). The same folder is what ours reads too, so both read the same bytes."""
    map_.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(pad) as buiten:
        for naam in buiten.namelist():
            if naam.lower().endswith(".zip"):
                with buiten.open(naam) as fh, zipfile.ZipFile(fh) as binnen:
                    for n in binnen.namelist():
                        if n.lower().endswith(".xml"):
                            (map_ / Path(n).name).write_bytes(binnen.read(n))
            elif naam.lower().endswith(".xml"):
                (map_ / Path(naam).name).write_bytes(buiten.read(naam))
    return map_


STAND = re.compile(rb"<sl:stand>.*?</sl:stand>", re.S)


def doesburg_tienvoudig(map_: Path, keer: int = 10, standen: int | None = None) -> Path:
    """One BAG pand file `keer` times the Doesburg delivery (195 MB for 10): every pand repeated with
    its identificatie made unique per copy (the 7th digit, the first of the object number). With
    `standen`, only that many of Doesburg's records, once."""
    map_.mkdir(parents=True, exist_ok=True)
    doel = map_ / "0221PND15092020-000001.xml"
    with zipfile.ZipFile(DOESBURG) as z:
        delen = [z.read(n) for n in sorted(z.namelist())]
    kop = delen[0][: delen[0].index(b"<sl:stand>")]
    staart = delen[0][delen[0].rindex(b"</sl:stand>") + len(b"</sl:stand>") :]
    alle = [m.group(0) for deel in delen for m in STAND.finditer(deel)][:standen]
    with doel.open("wb") as uit:
        uit.write(kop)
        for k in range(keer):
            vervang = f"022110{k}".encode()
            for stand in alle:
                uit.write(stand.replace(b"0221100", vervang))
        uit.write(staart)
    return doel


def opstart(tijdelijk: Path, env: dict, paren: int) -> None:
    """The command's start-up, each side a whole command: `import_bag --help` (settings, Django's
    set-up, the command), and `import_bag` of a file imported before (that, plus the database, the
    fingerprint and the summary: what an import costs before its first record), against the bare
    interpreter."""
    klein = doesburg_tienvoudig(tijdelijk / "klein", keer=1, standen=10)
    schoon_begin(f"truncate {BAG_TABELLEN}, kern_importrun")
    commando([sys.executable, "manage.py", "import_bag", "-v0", str(klein)], env)
    reeksen = in_beurten(
        [
            Zijde(
                "import_bag, al geïmporteerd",
                lambda: commando([sys.executable, "manage.py", "import_bag", "-v0", str(klein)], env),
            ),
            Zijde(
                "import_bag --help",
                lambda: commando([sys.executable, "manage.py", "import_bag", "--help"], env),
            ),
            Zijde("python -c pass", lambda: commando([sys.executable, "-c", "pass"], env)),
        ],
        paren=paren,
    )
    rapport("Opstart van het commando (doel < 0,25 s)", reeksen, eenheid="s")


def voorbeeld(scale: int, tijdelijk: Path) -> Path:
    """The generated Den Helder sample at `scale`, unpacked (made once in bench/out)."""
    folder = OUT / f"scale{scale}"
    if not any(folder.glob("BAGGEM*.zip")):
        print(f"Voorbeeld op schaal {scale} maken in {folder} …", flush=True)
        generate(folder, scale=scale)
    return uitgepakt(next(folder.glob("BAGGEM*.zip")), tijdelijk / f"scale{scale}")


def zonder_vaste_kosten(gemeten: dict) -> None:
    """Each side's p50 on the Doesburg pand file minus its p50 on the 7 KB file of the same run: the
    work a file of that size adds to the command, apart from what every command costs."""
    vast, panden = gemeten.get(KLEIN_TITEL), gemeten.get(DOESBURG_TITEL)
    if vast is None or panden is None:
        return
    print("\nDoesburg panden zonder de vaste kosten van elk commando (p50 min p50 van het kleine bestand):")
    extra = {naam: panden[naam].p50 - vast[naam].p50 for naam in panden}
    for naam, seconden in extra.items():
        print(f"  {naam:28} {seconden:9.3f} s  (vast {vast[naam].p50:.3f} s)")
    ons, ogr = extra.values()
    print(f"  ratio {ons / ogr:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--paren", type=int, default=5, help="rondes (ons + ogr2ogr in beurten); ≥ 5")
    parser.add_argument(
        "--alleen", help="alleen datasets waarvan de naam dit bevat (of 'opstart': alleen de opstart)"
    )

    args = parser.parse_args()

    tijdelijk = Path(tempfile.mkdtemp(prefix="import-bench-"))
    try:
        # (title, how to make the input): made only when that dataset is measured.
        datasets = []
        if DOESBURG.exists():
            datasets.append((KLEIN_TITEL, lambda: KLEIN))
            datasets.append((DOESBURG_TITEL, lambda: DOESBURG))
            datasets.append(
                ("Doesburg panden ×10, één bestand", lambda: doesburg_tienvoudig(tijdelijk / "x10"))
            )
        else:
            print(f"Overgeslagen: {DOESBURG} ontbreekt (../shared/data staat niet naast het project)")
        for scale in sorted({1, args.scale}):
            datasets.append((f"BAG-voorbeeld schaal {scale}", lambda s=scale: voorbeeld(s, tijdelijk)))
        if args.alleen:
            datasets = [(t, m) for t, m in datasets if args.alleen.lower() in t.lower()]

        env = prepare_database(BENCH_DB)
        gemeten = {}
        if DOESBURG.exists() and (not args.alleen or args.alleen.lower() in "opstart van het commando"):
            opstart(tijdelijk, env, args.paren)
        for titel, maak in datasets:
            pad = maak()
            grootte = sum(f.stat().st_size for f in ([pad] if pad.is_file() else pad.iterdir()))
            reeksen = in_beurten(
                [
                    Zijde("manage.py import_bag", lambda p=pad: ons(p, env)),
                    Zijde("ogr2ogr", lambda p=pad: ogr2ogr(p)),
                ],
                paren=args.paren,
            )
            rapport(f"{titel}, {grootte / 1e6:.3g} MB", reeksen, eenheid="s")
            gemeten[titel] = reeksen
        zonder_vaste_kosten(gemeten)
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)
    print(
        "\nratio = onze tijd / die van ogr2ogr (doel ≤ 1.0), beide als heel commando; piek = grootste proces"
        "\n(max RSS via /usr/bin/time, werkers meegeteld); spreiding = kleinste–grootste ronde."
    )


if __name__ == "__main__":
    main()
