"""How long check_regels takes: the Geonovum files, a large realistic conclusion table, and a table too
large to search completely (where the node limit keeps it bounded).

Run by hand: .venv/bin/python bench/check_regels_bench.py
"""

import random
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toepasbare_regels.sttr.controle import controleer_bestand, controleer_model, tel  # noqa: E402
from toepasbare_regels.sttr.model import (  # noqa: E402
    Beslistabel,
    Besluit,
    Bestand,
    InputData,
    Invoer,
    Optie,
    Regel,
    Uitvoer,
    Uitvoeringsregel,
)

GEONOVUM = ROOT.parent / "shared" / "data" / "geonovum-omgevingsplan-gemeentestad" / "toepasbareRegels"
OPTIES = ("Voorkant", "Zijkant", "Achterkant", "Dak")
CONCLUSIES = ('"Vergunningplicht"', '"Meldingsplicht"', '"Toestemmingsvrij"', '"Informatieplicht"')


def _cel(soort: str, rnd: random.Random) -> str:
    if rnd.random() < 0.5:
        return "-"
    if soort == "boolean":
        return rnd.choice(("true", "false"))
    if soort == "number":
        return rnd.choice(("< 250", ">= 250", "[100..300)", "> 500", "<= 50"))
    return ",".join(f'"{o}"' for o in rnd.sample(OPTIES, rnd.randint(1, 2)))


def tabel(kolommen: int, regels: int, hit: str, seed: int = 4) -> Bestand:
    rnd = random.Random(seed)
    soorten = [("boolean", "number", "list")[k % 3] for k in range(kolommen)]
    uitv = tuple(
        Uitvoeringsregel(
            f"U{k}", "vraag", gegevens_type=s, opties=tuple(Optie(o) for o in OPTIES) if s == "list" else ()
        )
        for k, s in enumerate(soorten)
    )
    invoer = tuple(
        InputData(f"I{k}", f"v{k}", "string" if s == "list" else s, f"U{k}") for k, s in enumerate(soorten)
    )
    rijen = tuple(
        Regel(f"r{n}", tuple(_cel(s, rnd) for s in soorten), (rnd.choice(CONCLUSIES),)) for n in range(regels)
    )
    besluit = Besluit(
        "B",
        "Conclusie",
        functionele_structuur_ref="ref",
        vereiste_invoer=tuple(i.id for i in invoer),
        tabel=Beslistabel(
            "T",
            hit,
            tuple(Invoer(f"c{k}", f"v{k}", f"v{k}") for k in range(kolommen)),
            (Uitvoer("o"),),
            rijen,
        ),
    )
    return Bestand("bench", "ns", uitvoeringsregels=uitv, invoer=invoer, besluiten=(besluit,))


def meet(naam: str, functie) -> None:
    start = time.perf_counter()
    bevindingen = functie()
    ms = (time.perf_counter() - start) * 1000
    telling = ", ".join(f"{n} {e}" for e, n in tel(bevindingen).items())
    print(f"{naam:<58} {ms:9.1f} ms   {telling}")


def main() -> None:
    if GEONOVUM.exists():
        for pad in sorted(GEONOVUM.glob("*.zip")):
            with zipfile.ZipFile(pad) as zf:
                for lid in (n for n in zf.namelist() if n.endswith(".dmn")):
                    inhoud = zf.read(lid)
                    meet(
                        f"Geonovum {lid[:46]}", lambda inhoud=inhoud, lid=lid: controleer_bestand(inhoud, lid)
                    )
    else:
        print(f"({GEONOVUM} ontbreekt: alleen synthetische tabellen)")
    for kolommen, regels, hit in (
        (8, 40, "COLLECT"),
        (12, 120, "FIRST"),
        (12, 120, "UNIQUE"),
        (24, 300, "FIRST"),
    ):
        bestand = tabel(kolommen, regels, hit)
        meet(f"{hit} {kolommen} kolommen × {regels} regels", lambda b=bestand: controleer_model(b, "bench"))


if __name__ == "__main__":
    main()
