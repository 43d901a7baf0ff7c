"""How long check_regels takes, run as a user runs it (`manage.py check_regels <file>`, one process per
run): generated files of 40 000 rules, below the import limit of 10 MiB, in the two shapes a large
national file takes (many ordinary tables; one very long table), plus the Geonovum files.

Run by hand: .venv/bin/python bench/check_regels_bench.py [--runs 5] [--vergelijk /path/to/other/checkout]
With --vergelijk the same files are checked by that checkout's code as well, in turns with this one.
Target (issue 12): < 30 s for 40 000 rules.
"""

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness import Ronde, Zijde, in_beurten, rapport  # noqa: E402
from lxml import etree  # noqa: E402

from toepasbare_regels.sttr.export import naar_dmn  # noqa: E402
from toepasbare_regels.sttr.model import (  # noqa: E402
    Beslistabel,
    Besluit,
    Bestand,
    InputData,
    Invoer,
    Optie,
    Regel,
    Regelgroep,
    Uitvoer,
    Uitvoeringsregel,
)
from toepasbare_regels.sttr.parser import MAX_BYTES  # noqa: E402

GEONOVUM = ROOT.parent / "shared" / "data" / "geonovum-omgevingsplan-gemeentestad" / "toepasbareRegels"
OPTIES = ("Voorkant", "Zijkant", "Achterkant", "Dak")
CONCLUSIES = (
    '"Vergunningplicht"',
    '"Meldingsplicht"',
    '"Toestemmingsvrij"',
    '"Informatieplicht"',
)
REF = "http://toepasbare-regels.omgevingswet.overheid.nl/00000001001234567000/id/concept/Conclusie"


def _cel(soort: str, rnd: random.Random) -> str:
    if rnd.random() < 0.5:
        return "-"
    if soort == "boolean":
        return rnd.choice(("true", "false"))
    if soort == "number":
        return rnd.choice(("< 250", ">= 250", "[100..300)", "> 500", "<= 50"))
    return ",".join(f'"{o}"' for o in rnd.sample(OPTIES, rnd.randint(1, 2)))


def bestand(tabellen: int, regels: int, kolommen: int, hit: str, seed: int = 12) -> Bestand:
    """`tabellen` top decisions of `regels` rules each, all asking from one pool of questions."""
    rnd = random.Random(seed)
    soorten = [("boolean", "number", "list")[k % 3] for k in range(max(kolommen, 12))]
    uitv = tuple(
        Uitvoeringsregel(
            f"U{k}",
            "vraag",
            "g1",
            gegevens_type=s,
            vraag_tekst=f"Vraag {k}?",
            opties=tuple(Optie(o, str(n)) for n, o in enumerate(OPTIES, 1)) if s == "list" else (),
        )
        for k, s in enumerate(soorten)
    )
    invoer = tuple(
        InputData(f"I{k}", f"v{k}", "string" if s == "list" else s, f"U{k}") for k, s in enumerate(soorten)
    )
    besluiten = []
    for t in range(tabellen):
        cols = rnd.sample(range(len(soorten)), kolommen)
        rijen = tuple(
            Regel(
                f"t{t}r{n}",
                tuple(_cel(soorten[k], rnd) for k in cols),
                (rnd.choice(CONCLUSIES),),
            )
            for n in range(regels)
        )
        besluiten.append(
            Besluit(
                f"B{t}",
                f"Conclusie {t}",
                "string",
                functionele_structuur_ref=f"{REF}Activiteit{t}",
                vereiste_invoer=tuple(f"I{k}" for k in cols),
                tabel=Beslistabel(
                    f"T{t}",
                    hit,
                    tuple(Invoer(f"T{t}c{k}", f"v{k}", f"v{k}", invoer[k].type_ref) for k in cols),
                    (Uitvoer(f"T{t}o", "conclusie", "string"),),
                    rijen,
                ),
            )
        )
    return Bestand(
        "Bench",
        "http://toepasbare-regels.omgevingswet.overheid.nl/00000001001234567000",
        regelgroepen=(Regelgroep("g1", "Vragen", 1),),
        uitvoeringsregels=uitv,
        invoer=invoer,
        besluiten=tuple(besluiten),
    )


VORMEN = {
    "400 tabellen × 100 regels, FIRST": (400, 100, 3, "FIRST"),
    "400 tabellen × 100 regels, UNIQUE": (400, 100, 3, "UNIQUE"),
    "1 tabel × 40 000 regels, FIRST": (1, 40_000, 4, "FIRST"),
    "1 tabel × 40 000 regels, UNIQUE": (1, 40_000, 4, "UNIQUE"),
}


def compact(bestand: Bestand) -> bytes:
    """The exporter's DMN without indentation and with DMN as the default namespace: ~250 bytes a rule,
    the density of the 44 000-rule, 9.9 MB file in the issue."""
    xml = etree.tostring(etree.fromstring(naar_dmn(bestand), etree.XMLParser(remove_blank_text=True)))
    return xml.replace(b"<dmn:", b"<").replace(b"</dmn:", b"</").replace(b"xmlns:dmn=", b"xmlns=")


def _run(checkout: Path, pad: Path) -> Ronde:
    """One `manage.py check_regels` process: its wall time and peak RSS. Not harness.commando: a file
    with findings makes check_regels exit 1, which is a finished run here."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tijd:
        start = time.perf_counter()
        uit = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", tijd.name, sys.executable, "manage.py", "check_regels"]
            + [str(pad), "-v", "0"],
            cwd=checkout,
            capture_output=True,
            text=True,
            check=False,
        )
        seconden = time.perf_counter() - start
        if "check_regels:" not in uit.stdout:
            raise RuntimeError(f"{checkout}: {uit.stdout[-500:]} {uit.stderr[-2000:]}")
        return Ronde([seconden], int(tijd.read().split()[-1]) / 1024)


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--runs", type=int, default=5, help="pairs in turns (at least 5)")
    args.add_argument(
        "--vergelijk",
        type=Path,
        help="another checkout whose check_regels runs in turns",
    )
    args.add_argument("--alleen", help="only the shapes whose name contains this")
    opts = args.parse_args()
    kanten = {"deze": ROOT} | ({"vergelijk": opts.vergelijk} if opts.vergelijk else {})
    with tempfile.TemporaryDirectory(prefix="check-regels-bench-") as tmp:
        bestanden = {}
        for naam, (tabellen, regels, kolommen, hit) in VORMEN.items():
            if opts.alleen and opts.alleen not in naam:
                continue
            pad = Path(tmp) / f"{naam.split(',')[0].replace(' ', '')}-{hit}.dmn"
            pad.write_bytes(compact(bestand(tabellen, regels, kolommen, hit)))
            assert pad.stat().st_size <= MAX_BYTES, (
                f"{naam}: {pad.stat().st_size} bytes, boven de importgrens"
            )
            bestanden[naam] = pad
        if GEONOVUM.exists() and not opts.alleen:
            bestanden["Geonovum (5 zips)"] = GEONOVUM
        for naam, pad in bestanden.items():
            zijden = [
                Zijde(kant, lambda checkout=checkout, pad=pad: _run(checkout, pad))
                for kant, checkout in kanten.items()
            ]
            grootte = f" ({pad.stat().st_size / 1e6:.1f} MB)" if pad.is_file() else ""
            rapport(f"check_regels {naam}{grootte}", in_beurten(zijden, opts.runs), eenheid="s")


if __name__ == "__main__":
    main()
