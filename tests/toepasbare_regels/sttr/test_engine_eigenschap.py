"""Property test of the lazy engine over random decision tables (seeded, so a failure reproduces):

- a decided outcome is the outcome of every way the open questions could still be answered;
- every question the engine asks can change the outcome: two answers to it, all other answers equal,
  give different outcomes;
- undecided with nothing to ask happens only for a conflict (ANY hits that disagree).
"""

import itertools
import random
from decimal import Decimal

import pytest

from toepasbare_regels.sttr.engine import Engine
from toepasbare_regels.sttr.feel import ONBEKEND
from toepasbare_regels.sttr.model import (
    CONCLUSIES,
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

SOORTEN = {
    "boolean": (["true", "false", "-"], [True, False]),
    "number": (["< 3", ">= 5", "[3..7]", "-", "-"], [Decimal(2), Decimal(4), Decimal(6), Decimal(8)]),
    "list": (['"a"', '"b","c"', 'not("a")', "-"], ["a", "b", "c"]),
}
BELEID = ("FIRST", "ANY", "PRIORITY", "COLLECT")
TABELLEN = 500


def _tabel(rng: random.Random):
    kolommen = [rng.choice(sorted(SOORTEN)) for _ in range(rng.randint(1, 4))]
    beleid = rng.choice(BELEID)
    regels = tuple(
        Regel(
            f"r{n}",
            tuple(rng.choice(SOORTEN[s][0]) for s in kolommen),
            (f'"{rng.choice(CONCLUSIES[:6])}"',),
        )
        for n in range(rng.randint(1, 6))
    )
    uitv = tuple(
        Uitvoeringsregel(
            f"U{k}",
            "vraag",
            gegevens_type=s,
            vraag_tekst=f"v{k}?",
            opties=tuple(Optie(o) for o in "abc") if s == "list" else (),
        )
        for k, s in enumerate(kolommen)
    )
    invoer = tuple(
        InputData(f"I{k}", f"v{k}", "string" if s == "list" else s, f"U{k}") for k, s in enumerate(kolommen)
    )
    tabel = Beslistabel(
        "T",
        beleid,
        tuple(Invoer(f"in{k}", f"v{k}", f"v{k}") for k in range(len(kolommen))),
        (Uitvoer("o", "uitkomst", "string", ",".join(f'"{c}"' for c in CONCLUSIES)),),
        regels,
    )
    besluit = Besluit("B", "uitkomst", "string", "ref/ConclusieTest", tuple(i.id for i in invoer), (), tabel)
    return Bestand("test", "ns", uitvoeringsregels=uitv, invoer=invoer, besluiten=(besluit,)), kolommen


def _sleutel(u):
    if not u.beslist:
        return ("onbeslist", bool(u.ontbreekt))
    return ("waarde", tuple(u.waarde) if isinstance(u.waarde, list) else u.waarde)  # COLLECT without hits: []


@pytest.mark.parametrize("seed", range(5))
def test_the_engine_asks_only_what_can_change_the_outcome_and_decides_soundly(seed):
    rng = random.Random(seed)
    gevraagd = 0
    for _ in range(TABELLEN // 5):
        bestand, kolommen = _tabel(rng)
        engine = Engine(bestand)
        domein = [SOORTEN[s][1] for s in kolommen]
        gegeven = {k: rng.choice(domein[k]) for k in range(len(kolommen)) if rng.random() < 0.4}

        def uitkomst(antwoorden, engine=engine):
            return engine.evalueer("B", lambda i: antwoorden.get(int(i.id[1:]), ONBEKEND))

        open_k = [k for k in range(len(kolommen)) if k not in gegeven]
        volledig = {
            keuze: _sleutel(uitkomst(gegeven | dict(zip(open_k, keuze, strict=True))))
            for keuze in itertools.product(*(domein[k] for k in open_k))
        }
        nu = uitkomst(gegeven)
        beschrijving = f"{bestand.besluiten[0].tabel}, gegeven {gegeven}"
        if nu.beslist:
            assert set(volledig.values()) == {_sleutel(nu)}, beschrijving
            continue
        if not nu.open:
            assert nu.ontbreekt and set(volledig.values()) == {("onbeslist", True)}, beschrijving
            continue
        for inp in nu.open:
            q = open_k.index(int(inp[1:]))
            groepen: dict = {}
            for keuze, sleutel in volledig.items():
                groepen.setdefault(keuze[:q] + keuze[q + 1 :], set()).add(sleutel)
            assert any(len(g) > 1 for g in groepen.values()), f"v{inp[1:]} verandert niets: {beschrijving}"
            gevraagd += 1
    assert gevraagd > 0  # the property was exercised, not skipped


def test_a_question_that_cannot_change_a_first_table_is_not_asked():
    """The tree-felling shape: a later catch-all row gives the same answer as the first row."""
    rng = random.Random(0)
    bestand, _ = _tabel(rng)
    tabel = Beslistabel(
        "T",
        "FIRST",
        tuple(Invoer(f"in{k}", f"v{k}", f"v{k}") for k in range(2)),
        bestand.besluiten[0].tabel.uitvoer,
        (
            Regel("r1", ("true", "true"), ('"Toestemmingsvrij"',)),
            Regel("r2", ("-", "-"), ('"Toestemmingsvrij"',)),
        ),
    )
    invoer = tuple(InputData(f"I{k}", f"v{k}", "boolean", f"U{k}") for k in range(2))
    uitv = tuple(Uitvoeringsregel(f"U{k}", "vraag", gegevens_type="boolean") for k in range(2))
    model = Bestand(
        "boom",
        "ns",
        uitvoeringsregels=uitv,
        invoer=invoer,
        besluiten=(Besluit("B", "uitkomst", "string", "ref", ("I0", "I1"), (), tabel),),
    )
    u = Engine(model).evalueer("B", lambda i: ONBEKEND)
    assert (u.beslist, u.waarde, u.open) == (True, "Toestemmingsvrij", [])
