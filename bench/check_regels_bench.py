"""How long check_regels takes, run as a user runs it (`manage.py check_regels <file>`, one process per
run): generated files of 40 000 rules, below the import limit of 10 MiB, in the two shapes a large
national file takes (many ordinary tables; one very long table), plus the Geonovum files.

Run by hand: .venv/bin/python bench/check_regels_bench.py [--runs 5] [--vergelijk /path/to/other/checkout]
With --vergelijk the same files are checked by that checkout's code as well, in turns with this one.
Target (issue 12): < 30 s for 40 000 rules.
"""

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def _run(checkout: Path, pad: Path) -> tuple[float, int]:
    """Seconds and peak RSS (kB) of one `manage.py check_regels` process."""
    start = time.perf_counter()
    uit = subprocess.run(
        [
            "/usr/bin/time",
            "-f",
            "%M",
            sys.executable,
            "manage.py",
            "check_regels",
            str(pad),
            "-v",
            "0",
        ],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )
    seconden = time.perf_counter() - start
    if "check_regels:" not in uit.stdout:
        raise RuntimeError(f"{checkout}: {uit.stdout[-500:]} {uit.stderr[-2000:]}")
    return seconden, int(uit.stderr.strip().splitlines()[-1])


def _p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--runs", type=int, default=5)
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
        print(f"{'bestand':<38} {'kant':<10} {'mediaan':>9} {'p95':>9} {'spreiding':>10} {'piek-RSS':>9}")
        for naam, pad in bestanden.items():
            metingen = {kant: [] for kant in kanten}
            for _ in range(opts.runs):
                for (
                    kant,
                    checkout,
                ) in kanten.items():  # in turns, so drift hits both sides alike
                    metingen[kant].append(_run(checkout, pad))
            grootte = f"   ({pad.stat().st_size / 1e6:.1f} MB)" if pad.is_file() else ""
            for kant, m in metingen.items():
                tijden = [s for s, _ in m]
                print(
                    f"{naam:<38} {kant:<10} {statistics.median(tijden):8.2f}s {_p95(tijden):8.2f}s "
                    f"{max(tijden) - min(tijden):9.2f}s {max(r for _, r in m) / 1024:7.0f}MB{grootte}"
                )


if __name__ == "__main__":
    main()
