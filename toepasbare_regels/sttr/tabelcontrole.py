"""Check one decision table by reducing every column to a small set of representative values.

Every cell test in our FEEL subset compares with constants, so between two neighbouring constants all
values behave the same: the booleans, the list options, each number/date constant with a value between
and beyond them, the string literals plus "something else" are enough to decide which rules can fire,
which overlap and which combinations no rule covers. Per column and candidate a bitmask of the rules
whose cell matches makes a combination one AND per column.

Tables are checked one at a time: a column fed by another decision takes the values that decision can
produce, without correlation to the other columns (docs/toepasbare-regels.md, "check_regels").
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from math import prod

from . import feel
from .engine import strengste
from .kandidaten import Kolom, literalen_van, toon
from .model import CONCLUSIES, Besluit

test = functools.lru_cache(maxsize=65_536)(feel.test)
"""A compiled cell: a large table repeats the same few cell texts thousands of times."""

LIMIET = 100_000
"""Search states per table for gaps and shadowing (well under a second); beyond it the table is
reported as not decided."""

MAX_KOLOMMEN = 200
"""The gap search recurses per column."""

MAX_PAREN = 10
"""Overlapping pairs reported per table; the rest is counted."""


def _bits(masker: int):
    while masker:
        laagste = masker & -masker
        yield laagste.bit_length() - 1
        masker ^= laagste


def _laagste(masker: int) -> int:
    return (masker & -masker).bit_length() - 1


_PAST = {
    "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, Decimal),
    "date": lambda v: isinstance(v, date),
    "string": lambda v: isinstance(v, str),
    "list": lambda v: isinstance(v, str),
}


def _reden(cel: str, test: tuple, kolom: Kolom) -> str:
    if test[0] == "range":
        _, lo, lo_in, hi, hi_in = test
        try:
            if lo > hi or (lo == hi and not (lo_in and hi_in)):
                return f"het bereik {cel} is leeg"
        except TypeError:
            pass
    literalen = [v for v in literalen_van(test) if v is not None]
    past = _PAST.get(kolom.gegevens_type) if kolom.soort == "type" else None
    if past and (vreemd := [v for v in literalen if not past(v)]):
        return f"{toon(vreemd[0])} past niet bij het gegevenstype {kolom.gegevens_type} van {kolom.naam!r}"
    if kolom.soort == "type" and kolom.gegevens_type == "list" and kolom.opties:
        vreemd = [v for v in literalen if v not in kolom.opties]
        if vreemd:
            return (
                f"{toon(vreemd[0])} is geen optie van de vraag (opties: {', '.join(map(toon, kolom.opties))})"
            )
    return f"geen enkele waarde van {kolom.uitleg} voldoet aan {cel}"


@dataclass
class Analyse:
    """What a table can produce, for the columns of the tables that use it (None: not decided)."""

    uitkomsten: list | None


def controleer_tabel(besluit: Besluit, kolommen: list[Kolom], melden: Callable) -> Analyse:
    """Report rules that cannot fire, overlaps, shadowed rules and gaps via `melden(code, ernst, bericht,
    regel=nr, cel=nr)`; returns the values this decision can produce."""
    tabel = besluit.tabel
    tests = [[test(c) for c in r.invoer] for r in tabel.regels]
    uitvoer = [tuple(feel.waarde(c) for c in r.uitvoer) for r in tabel.regels]
    uitvoer = [u[0] if len(u) == 1 else u for u in uitvoer]
    # sets[r][c]: candidates of column c that rule r accepts; maskers[c][k]: rules accepting candidate k.
    sets, maskers = _sets_en_maskers(kolommen, tests)
    n = len(tabel.regels)
    levend = []
    for r, regel in enumerate(tabel.regels):
        dood = [c for c in range(len(kolommen)) if not sets[r][c]]
        for c in dood:
            kolom = kolommen[c]
            fout = kolom.soort == "type"
            melden(
                "regel.onvervulbaar" if fout else "regel.onbereikbaar",
                "fout" if fout else "waarschuwing",
                f"deze regel kan nooit gelden: {_reden(regel.invoer[c], tests[r][c], kolom)}",
                regel=r,
                cel=c,
            )
        if not dood:
            levend.append(r)
    levend = _masker(levend, n)
    beleid = tabel.hit_policy
    if beleid in ("UNIQUE", "ANY"):
        _overlap(beleid, kolommen, sets, uitvoer, levend, melden)
    rang = _rang(besluit, uitvoer)
    if beleid in ("FIRST", "PRIORITY"):
        _overschaduwd(beleid, kolommen, sets, maskers, levend, rang, melden)
    return _dekking(besluit, kolommen, maskers, levend, uitvoer, rang, melden)


def _masker(regels, n: int) -> int:
    """The rules as one bitmask, built in one pass: OR-ing bit after bit into a growing int would copy
    it every time, quadratic in the number of rules."""
    bits = bytearray((n + 7) // 8)
    for r in regels:
        bits[r >> 3] |= 1 << (r & 7)
    return int.from_bytes(bits, "little")


def _sets_en_maskers(kolommen: list[Kolom], tests: list[list[tuple]]) -> tuple[list, list]:
    """Each distinct cell test is evaluated once per column against the candidates, whatever the number
    of rules that repeat it."""
    sets = [[0] * len(kolommen) for _ in tests]
    for c, kolom in enumerate(kolommen):
        per_test: dict[tuple, int] = {}
        for r, rij in enumerate(tests):
            s = per_test.get(rij[c])
            if s is None:
                s = per_test[rij[c]] = sum(
                    1 << k for k, waarde in enumerate(kolom.waarden) if feel.evalueer(rij[c], waarde) is True
                )
            sets[r][c] = s
    return sets, _maskers(kolommen, sets)


def _maskers(kolommen: list[Kolom], sets: list[list[int]]) -> list[list[int]]:
    """Per column and candidate, the rules that accept it."""
    maskers = []
    for c, kolom in enumerate(kolommen):
        regels: list[list[int]] = [[] for _ in kolom.waarden]
        for r, rij in enumerate(sets):
            for k in _bits(rij[c]):
                regels[k].append(r)
        maskers.append([_masker(rs, len(sets)) for rs in regels])
    return maskers


def _rang(besluit: Besluit, uitvoer: list) -> list[int]:
    tekst = besluit.tabel.uitvoer[0].waarden if besluit.tabel.uitvoer else ""
    volgorde = [w for w in feel.waarden(tekst) if w is not None] if tekst else []
    return [volgorde.index(u) if u in volgorde else len(volgorde) for u in uitvoer]


def _voorbeeld(kolommen: list[Kolom], keuze) -> str:
    return ", ".join(f"{k.naam} = {toon(k.waarden[i])}" for k, i in zip(kolommen, keuze, strict=True))


def _overlap(beleid, kolommen, sets, uitvoer, levend, melden) -> None:
    """Pairs of live rules that can hold together (under ANY: with different outcomes). Per rule, the
    earlier rules it overlaps are one AND per column of precomputed masks, so a table of n rules costs
    n·columns operations on n-bit masks, not n² comparisons in Python.

    Under ANY such a pair is a conflict, not an overlap: the rules contradict each other and the engine
    gives no answer (neem contact op)."""
    code = "regel.overlap" if beleid == "UNIQUE" else "regel.conflict"
    maskers = _maskers(kolommen, sets)
    deelt = [{} for _ in kolommen]  # (column, candidate set) → rules accepting one of its candidates
    zelfde: dict = {}  # ANY: outcome → live rules with that outcome (no conflict among them)
    if beleid == "ANY":
        per_uitkomst: dict = {}
        for r in _bits(levend):
            per_uitkomst.setdefault(uitvoer[r], []).append(r)
        zelfde = {u: _masker(rs, len(sets)) for u, rs in per_uitkomst.items()}
    paren, aantal = [], 0
    for j in _bits(levend):
        m = levend & ((1 << j) - 1)
        if beleid == "ANY":
            m &= ~zelfde[uitvoer[j]]
        for c in range(len(kolommen)):
            if not m:
                break
            s = sets[j][c]
            if s not in deelt[c]:
                deelt[c][s] = functools.reduce(lambda a, k: a | maskers[c][k], _bits(s), 0)
            m &= deelt[c][s]
        aantal += m.bit_count()
        for i in _bits(m):
            if len(paren) >= MAX_PAREN:
                break
            paren.append((i, j))
    for i, j in paren:
        keuze = [_laagste(sets[i][c] & sets[j][c]) for c in range(len(kolommen))]
        melden(
            code,
            "fout",
            f"regel {j + 1} en regel {i + 1} gelden allebei onder {beleid}"
            + (
                ""
                if beleid == "UNIQUE"
                else f" met verschillende uitkomsten ({toon(uitvoer[i])}, {toon(uitvoer[j])})"
            )
            + f", bijvoorbeeld bij {_voorbeeld(kolommen, keuze) or 'elke invoer'}",
            regel=j,
        )
    if aantal > MAX_PAREN:
        soort = "overlappende" if beleid == "UNIQUE" else "tegenstrijdige"
        melden(code, "fout", f"en nog {aantal - MAX_PAREN} {soort} paren regels")


def _overschaduwd(beleid, kolommen, sets, maskers, levend, rang, melden) -> None:
    """Live rules that an earlier (FIRST) or higher-ranked (PRIORITY) rule covers wherever they hold.
    The rules covering a candidate set are one AND of candidate masks per distinct set, and under
    PRIORITY the rules that go first are a mask per rank: no rule is compared with every other."""
    n = len(sets)
    omvat = [{} for _ in kolommen]  # (column, candidate set) → rules accepting all its candidates
    if beleid == "PRIORITY":
        per_rang: dict[int, list[int]] = {}
        for r in _bits(levend):
            per_rang.setdefault(rang[r], []).append(r)
        zelfde = {g: _masker(rs, n) for g, rs in per_rang.items()}
        onder, lager = {}, 0
        for g in sorted(zelfde):
            onder[g] = lager
            lager |= zelfde[g]
    for j in _bits(levend):
        onder_j = levend & ((1 << j) - 1)
        voor = onder_j if beleid == "FIRST" else onder[rang[j]] | (zelfde[rang[j]] & onder_j)
        d = voor
        for c in range(len(kolommen)):
            if not d:
                break
            s = sets[j][c]
            if s not in omvat[c]:
                omvat[c][s] = functools.reduce(lambda a, k: a & maskers[c][k], _bits(s), levend)
            d &= omvat[c][s]
        if d:
            wie, werkwoord = f"regel {_laagste(d) + 1}", "gaat voor en geldt"
        elif voor and _samen_gedekt(kolommen, sets[j], maskers, voor, LIMIET // n):
            wie, werkwoord = (
                "de regels " + ", ".join(str(i + 1) for i in _bits(voor)) + " samen",
                "gaan voor en gelden",
            )
        else:
            continue
        melden(
            "regel.overschaduwd",
            "waarschuwing",
            f"deze regel komt onder {beleid} nooit aan de beurt: {wie} {werkwoord} al overal waar deze regel geldt",
            regel=j,
        )


def _samen_gedekt(kolommen, eigen: list[int], maskers, voor: int, limiet: int) -> bool:
    """Does every combination the rule accepts hit one of the rules in `voor`? Beyond `limiet` search
    steps the answer is no: a shadowed rule may go unreported, a live one is never reported."""
    gedekt: set[tuple[int, int]] = set()  # (column, rules left) already shown covered
    stapel = [(0, voor)]
    while stapel:
        c, m = stapel.pop()
        if not m or len(gedekt) > limiet:
            return False
        if c == len(kolommen) or (c, m) in gedekt:
            continue
        gedekt.add((c, m))
        stapel.extend((c + 1, m & maskers[c][k]) for k in _bits(eigen[c]))
    return True


class _TeGroot(Exception):
    pass


_ONBEPAALD = object()
"""An outcome this check does not model (aggregations, lists, several outputs)."""


def _dekking(besluit, kolommen, maskers, levend, uitvoer, rang, melden) -> Analyse:
    """Count the combinations no rule covers, with the first as example, and collect the values the
    table gives. Which rules are still possible is all that matters for the columns to the right, so
    each (column, rules left) state is solved once: the search grows with the distinct states, not
    with the product of the candidate counts."""
    n = len(kolommen)
    rest = [prod(len(k.waarden) for k in kolommen[c:]) for c in range(n + 1)]
    waarde = _waarde_van_hits(besluit, uitvoer, rang)
    memo: dict[tuple[int, int], tuple] = {}

    def stap(c: int, m: int) -> tuple[int, tuple | None, frozenset]:
        if not m:
            return rest[c], (0,) * (n - c), frozenset()
        if c == n:
            return 0, None, frozenset([waarde(m)])
        if (c, m) not in memo:
            if len(memo) >= LIMIET:
                raise _TeGroot
            gaten, voorbeeld, waarden = 0, None, set()
            for k in range(len(kolommen[c].waarden)):
                g, v, w = stap(c + 1, m & maskers[c][k])
                gaten += g
                voorbeeld = voorbeeld or (None if v is None else (k, *v))
                waarden |= w
            memo[(c, m)] = (gaten, voorbeeld, frozenset(waarden))
        return memo[(c, m)]

    try:
        if n > MAX_KOLOMMEN:
            raise _TeGroot
        gaten, voorbeeld, waarden = stap(0, levend)
    except _TeGroot:
        melden(
            "tabel.niet_bepaald",
            "info",
            f"te veel combinaties ({rest[0]:,}) om gaten te zoeken; deze tabel is niet op dekking gecontroleerd",
        )
        return Analyse(None)
    if gaten:
        melden(
            "tabel.gat",
            "waarschuwing",
            f"{gaten} van de {rest[0]} te onderscheiden combinaties {'valt' if gaten == 1 else 'vallen'} "
            f"onder geen enkele regel, bijvoorbeeld {_voorbeeld(kolommen, voorbeeld) or 'elke invoer'}",
        )
    if _ONBEPAALD in waarden:
        return Analyse(None)
    return Analyse(sorted(waarden, key=repr) + ([None] if gaten and None not in waarden else []))


def _waarde_van_hits(besluit: Besluit, uitvoer: list, rang: list[int]):
    """What the table answers when exactly the rules in a mask match (as the engine decides it)."""
    tabel = besluit.tabel
    if len(tabel.uitvoer) != 1 or (tabel.hit_policy == "COLLECT" and tabel.aggregatie):
        return lambda m: _ONBEPAALD

    def waarde(m: int):
        if tabel.hit_policy in ("FIRST", "UNIQUE", "ANY"):
            return uitvoer[_laagste(m)]
        hits = list(_bits(m))
        if tabel.hit_policy == "PRIORITY":
            return uitvoer[min(hits, key=lambda r: (rang[r], r))]
        if all(uitvoer[r] in CONCLUSIES for r in hits):
            return strengste(uitvoer[r] for r in hits)
        return _ONBEPAALD

    return waarde
