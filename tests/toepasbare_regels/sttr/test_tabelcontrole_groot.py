"""The table check on large tables: overlaps and shadowed rules are found with masks per column, not by
comparing every pair of rules. An oracle that tries every combination of representative values must
agree with it on random tables, and a table of thousands of rules must stay cheap."""

import itertools
import random
import re

import pytest

from tests.toepasbare_regels.sttr import dmn
from toepasbare_regels.sttr import feel
from toepasbare_regels.sttr.controle import controleer_bestand
from toepasbare_regels.sttr.kandidaten import kandidaten

VRAGEN = {"a": "boolean", "b": "number", "c": ("list", ("Voor", "Achter", "Dak"))}
CELLEN = {
    "a": ["-", "true", "false"],
    "b": ["-", "< 10", ">= 10", "[5..20]", "> 30", "not(< 10)"],
    "c": ["-", '"Voor"', '"Achter","Dak"', 'not("Voor")'],
}
UIT = ['"Vergunningplicht"', '"Toestemmingsvrij"']


def _tabel(rnd: random.Random, n: int):
    return [([rnd.choice(CELLEN[k]) for k in VRAGEN], rnd.choice(UIT)) for _ in range(n)]


def _orakel(regels, hit: str) -> tuple[int, set[int]]:
    """Overlapping pairs and shadowed rules (1-based), by trying every combination of candidates."""
    tests = [[feel.test(c) for c in cellen] for cellen, _ in regels]
    kolommen = []
    for k, soort in enumerate(VRAGEN.values()):
        soort, opties = soort if isinstance(soort, tuple) else (soort, ())
        kolommen.append(kandidaten(soort, [t[k] for t in tests], opties))
    paren, geraakt = set(), [[] for _ in regels]
    for combinatie in itertools.product(*kolommen):
        treffers = [
            r
            for r, t in enumerate(tests)
            if all(feel.evalueer(x, v) is True for x, v in zip(t, combinatie, strict=True))
        ]
        for r in treffers:
            geraakt[r].append(treffers[0])
        for i, j in itertools.combinations(treffers, 2):
            if hit == "UNIQUE" or regels[i][1] != regels[j][1]:
                paren.add((i, j))
    # FIRST: a rule whose every combination is taken by an earlier rule never gets its turn.
    overschaduwd = {r + 1 for r, eerste in enumerate(geraakt) if eerste and all(e < r for e in eerste)}
    return len(paren), overschaduwd


def _gevonden(bevindingen) -> tuple[int, set[int]]:
    overlap = [b for b in bevindingen if b.code in ("regel.overlap", "regel.conflict")]
    nog = [int(m.group(1)) for b in overlap if (m := re.search(r"en nog (\d+)", b.bericht))]
    paren = len([b for b in overlap if b.regel is not None]) + sum(nog)
    return paren, {b.regel for b in bevindingen if b.code == "regel.overschaduwd"}


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("hit", ["UNIQUE", "ANY", "FIRST"])
def test_masks_agree_with_trying_every_combination(seed, hit):
    rnd = random.Random(seed)
    regels = _tabel(rnd, rnd.randint(2, 40))
    paren, overschaduwd = _gevonden(controleer_bestand(dmn.enkel(hit, VRAGEN, regels), "t.dmn"))
    orakel_paren, orakel_overschaduwd = _orakel(regels, hit)
    if hit in ("UNIQUE", "ANY"):
        assert paren == orakel_paren
    else:
        assert overschaduwd == orakel_overschaduwd


def test_a_table_of_3000_rules_is_checked_without_comparing_every_pair(monkeypatch):
    """3 000 rules: ~4.5 million pairs. Counted: every evaluation of a cell against a candidate. With
    each distinct cell evaluated once per column, that is independent of the number of rules."""
    regels = _tabel(random.Random(3), 3000)
    aantal = 0
    echt = feel.evalueer

    def geteld(*args):
        nonlocal aantal
        aantal += 1
        return echt(*args)

    monkeypatch.setattr(feel, "evalueer", geteld)
    bevindingen = controleer_bestand(dmn.enkel("UNIQUE", VRAGEN, regels), "groot.dmn")
    assert _gevonden(bevindingen)[0] > 1_000_000  # nearly every pair overlaps, and all are counted
    assert aantal < 500


def test_deels_is_a_value_a_text_geo_question_can_take():
    """The DSO answers a geometry partly inside the locatie with "deels": a rule for it can fire."""
    regels = [
        (['"ja"'], '"Vergunningplicht"'),
        (['"deels"'], '"Meldingsplicht"'),
        (['"nee"'], '"Toestemmingsvrij"'),
    ]
    inhoud = dmn.document(
        dmn.input_data("I1", "gebied", "G1", "string"),
        dmn.besluit("B1", "Uitkomst", "UNIQUE", [("gebied", "string")], regels, top=True, invoer=["I1"]),
        uitvoeringsregels=dmn.geo("G1", "nl.imow-gm0400.gebied.Centrum"),
    )
    bevindingen = controleer_bestand(inhoud, "geo.dmn")
    assert [b.code for b in bevindingen if b.code.startswith(("regel.", "tabel."))] == []
