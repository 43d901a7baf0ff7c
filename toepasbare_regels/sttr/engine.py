"""Lazy evaluation of an STTR decision requirements graph with three-valued logic.

`Engine(bestand).evalueer(besluit_id, waarde_van)` answers either a decision (with the rules that made
it, for "waarom") or the inputs that can still change it. Inputs nobody needs are never reported, so the
caller asks only questions that matter. The engine never asks anything itself: `waarde_van(input)`
returns a value or ONBEKEND, and the caller decides where values come from (answers, geo, data).

A decision that is an aansluitpunt (`dmn:invocation`), and an input that is the outcome of a herbruikbare
beslissing of another file, is answered by `aansluiten(aanroep, bindingen)`: the caller evaluates the
decision of the other model and returns its Uitkomst, or a reason why it cannot (the model is not
loaded). `bindingen` are the values the invocation passes (parameter → Binding: a FEEL literal, or an
input or decision of this model); the invoked model takes them instead of asking. A reason travels up
in `Uitkomst.ontbreekt`, and so does an ANY table whose hits disagree (a conflict in the rules: no value
is chosen).

Which questions matter is decided per table exactly when it is small enough: every representative value
of its open columns is tried (the values `check_regels` uses, MAX_WERK at most), and a column is asked
only when two values of it, all else equal, give different outcomes (and of those, the ones in the rows
that decide first); a table whose outcome is the same for every value is decided without asking. Larger tables fall back to the open columns of the rows that
can still change the outcome.
"""

import functools
import itertools
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from kern.fouten import CodeFout

from . import feel
from .feel import ONBEKEND
from .model import CONCLUSIES, HERBRUIKBARE_BESLISSINGEN, Aanroep, Besluit, Bestand, InputData, Regel


class EngineFout(CodeFout):
    pass


@dataclass
class Uitkomst:
    beslist: bool
    waarde: object = None
    regels: list[tuple[Besluit, Regel]] = field(default_factory=list)  # the hits that made the value
    open: list[str] = field(default_factory=list)  # inputData ids that can still change the value
    gebruikt: list[str] = field(default_factory=list)  # inputData ids the hits depend on
    relevant: list = field(default_factory=list, repr=False)  # open rows that can change the value
    ontbreekt: list[str] = field(default_factory=list)  # why it cannot be decided (aansluitpunt, conflict)
    mogelijk: list | None = None  # the values still reachable, when the table was searched exactly


MAX_WERK = 3_000
"""Combinations × open rows tried per table evaluation before falling back (about a millisecond)."""


@dataclass(frozen=True)
class Binding:
    """The value a dmn:binding passes to an invoked model, and, while it is ONBEKEND, the inputs of this
    model that must be answered first (`open`); `gebruikt` are the inputs the value came from."""

    waarde: object
    open: tuple = ()
    gebruikt: tuple = ()


Aansluiten = Callable[[Aanroep, dict[str, Binding]], "Uitkomst | str"]


def strengste(waarden) -> str | None:
    """The strictest STTR conclusion among `waarden` (Verbod before Vergunningplicht …)."""
    gevonden = [w for w in waarden if w in CONCLUSIES]
    return min(gevonden, key=CONCLUSIES.index) if gevonden else None


@dataclass
class _Rij:
    nr: int
    regel: Regel
    status: object  # True, False or ONBEKEND
    open_kolommen: list[int]
    uitvoer: object


class Engine:
    def __init__(self, bestand: Bestand):
        self.bestand = bestand
        self._namen: dict[str, tuple[str, object]] = {}
        for i in bestand.invoer:
            self._namen.setdefault(i.naam, ("input", i))
        for b in bestand.besluiten:
            self._namen.setdefault(b.naam, ("besluit", b))
        tabellen = [b for b in bestand.besluiten if b.tabel is not None]
        self._tests = {
            b.id: [tuple(feel.test(c) for c in r.invoer) for r in b.tabel.regels] for b in tabellen
        }
        self._uitvoer = {
            b.id: [tuple(feel.waarde(c) for c in r.uitvoer) for r in b.tabel.regels] for b in tabellen
        }
        self._kolommen = {b.id: [self._kolom(b, i.expressie) for i in b.tabel.invoer] for b in tabellen}
        # Inputs that are the outcome of a decision in another file: evaluated like an aansluitpunt.
        self._hergebruik: dict[str, Aanroep] = {}
        for i in bestand.invoer:
            u = bestand.uitvoeringsregel(i.uitvoeringsregel) if i.uitvoeringsregel else None
            if u is not None and u.soort in HERBRUIKBARE_BESLISSINGEN:
                self._hergebruik[i.id] = Aanroep(
                    u.id, "", u.beslissing, u.gegevens_type or i.type_ref, activiteit=u.activiteit
                )
        # An input column's representative values, and which of them each cell accepts, depend on the
        # rule file alone; one Engine serves one file version (regelset), so they are worked out once
        # instead of at every conclusie step.
        self._kandidaten_van: dict[tuple[str, int], list] = {}
        self._past_van: dict[tuple[str, int, int], list] = {}

    def _kolom(self, besluit: Besluit, expressie: str) -> tuple[str, object]:
        naam = expressie.strip()
        if naam in self._namen:
            return self._namen[naam]
        raise EngineFout(
            "sttr.invoer_expressie",
            f"besluit {besluit.naam!r}: invoerexpressie {expressie!r} noemt geen inputData of besluit",
        )

    @cached_property
    def prioriteit(self) -> dict[str, list]:
        """Per decision, its output values in order: the priority order of a PRIORITY table."""
        out = {}
        for b in self.bestand.besluiten:
            tekst = b.tabel.uitvoer[0].waarden if b.tabel and b.tabel.uitvoer else ""
            out[b.id] = [w for w in feel.waarden(tekst) if w is not None] if tekst else []
        return out

    def evalueer(
        self,
        besluit_id: str,
        waarde_van: Callable[[InputData], object],
        _memo=None,
        aansluiten: Aansluiten | None = None,
    ) -> Uitkomst:
        memo = {} if _memo is None else _memo
        if besluit_id in memo:
            return memo[besluit_id]
        memo[besluit_id] = Uitkomst(False)  # a cycle evaluates as open, never loops
        besluit = self.bestand.besluit(besluit_id)
        if besluit.tabel is None:
            memo[besluit_id] = self._aanroep(besluit.aanroep, waarde_van, memo, aansluiten)
            return memo[besluit_id]
        kolommen = []
        for soort, doel in self._kolommen[besluit_id]:
            if soort == "input" and doel.id in self._hergebruik:
                sleutel = ("hergebruik", doel.id)
                if sleutel not in memo:
                    memo[sleutel] = self._aanroep(self._hergebruik[doel.id], waarde_van, memo, aansluiten)
                sub = memo[sleutel]
                kolommen.append((doel, sub.waarde if sub.beslist else ONBEKEND, sub))
            elif soort == "input":
                kolommen.append((doel, waarde_van(doel), None))
            else:
                sub = self.evalueer(doel.id, waarde_van, memo, aansluiten)
                kolommen.append((doel, sub.waarde if sub.beslist else ONBEKEND, sub))
        rijen = []
        for nr, (regel, tests, uit) in enumerate(
            zip(besluit.tabel.regels, self._tests[besluit_id], self._uitvoer[besluit_id], strict=True)
        ):
            status, open_k = True, []
            for k, test in enumerate(tests):
                r = feel.evalueer(test, kolommen[k][1])
                if r is ONBEKEND:
                    open_k.append(k)
                    status = ONBEKEND
                elif not r:
                    status = False
                    break
            rijen.append(
                _Rij(
                    nr, regel, status, open_k if status is ONBEKEND else [], uit[0] if len(uit) == 1 else uit
                )
            )
        uitkomst = self._beslis(besluit, rijen)
        # The rows that can change the outcome first (FIRST: the first open row), but only the columns
        # of them that really can; when none of those can, every column that can.
        vraag_kolommen = list(dict.fromkeys(k for rij in uitkomst.relevant for k in rij.open_kolommen))
        if not uitkomst.beslist and not uitkomst.ontbreekt:
            precies = self._precies(besluit, kolommen, rijen)
            if precies is not None:
                uitkomst, kunnen = precies
                vraag_kolommen = [k for k in vraag_kolommen if k in kunnen] or kunnen
        if uitkomst.beslist:
            for hit in uitkomst.relevant:
                for k, test in enumerate(self._tests[besluit_id][hit.nr]):
                    if test != ("any",):
                        doel, _, sub = kolommen[k]
                        if sub is None:
                            uitkomst.gebruikt.append(doel.id)
                        else:
                            uitkomst.regels.extend(sub.regels)
                            uitkomst.gebruikt.extend(sub.gebruikt)
        else:
            for k in vraag_kolommen:
                doel, _, sub = kolommen[k]
                uitkomst.open.extend([doel.id] if sub is None else sub.open)
                uitkomst.ontbreekt.extend(sub.ontbreekt if sub is not None else [])
            uitkomst.open = list(dict.fromkeys(uitkomst.open))
            uitkomst.ontbreekt = list(dict.fromkeys(uitkomst.ontbreekt))
        uitkomst.gebruikt = list(dict.fromkeys(uitkomst.gebruikt))
        memo[besluit_id] = uitkomst
        return uitkomst

    def _aanroep(self, a: Aanroep, waarde_van, memo, aansluiten: Aansluiten | None) -> Uitkomst:
        """An aansluitpunt or herbruikbare beslissing, with the values its bindings pass."""
        if aansluiten is None:
            waar = f"regels {a.model!r}" if a.model else f"activiteit {a.activiteit!r}"
            return Uitkomst(
                False, ontbreekt=[f"Het onderdeel {a.besluit!r} ({waar}) kan hier niet worden uitgevoerd."]
            )
        bindingen = {}
        for parameter, expressie in a.parameters:
            soort, doel = self._namen.get(expressie.strip(), (None, None))
            if soort == "input":
                waarde = waarde_van(doel)
                bindingen[parameter] = Binding(waarde, (doel.id,) if waarde is ONBEKEND else (), (doel.id,))
            elif soort == "besluit":
                sub = self.evalueer(doel.id, waarde_van, memo, aansluiten)
                bindingen[parameter] = Binding(
                    sub.waarde if sub.beslist else ONBEKEND, tuple(sub.open), tuple(sub.gebruikt)
                )
            else:  # a FEEL literal; the parser checked it is one
                bindingen[parameter] = Binding(feel.waarde(expressie))
        gevonden = aansluiten(a, bindingen)
        return Uitkomst(False, ontbreekt=[gevonden]) if isinstance(gevonden, str) else gevonden

    def _precies(self, besluit: Besluit, kolommen, rijen: list[_Rij]) -> tuple[Uitkomst, list[int]] | None:
        """Try every representative value of the open columns; None when that is too much work."""
        open_rijen = [r for r in rijen if r.status is ONBEKEND]
        open_k = sorted({k for r in open_rijen for k in r.open_kolommen})
        waarden = [self._waarden(besluit.id, k, kolommen[k]) for k in open_k]
        if not open_k or math.prod(map(len, waarden)) * len(open_rijen) > MAX_WERK:
            return None
        plek = {k: i for i, k in enumerate(open_k)}
        # Per open column and value, the open rows whose cell accepts it as a bitmask: the rows that hold
        # for a combination of values are then one AND per column, not a test per row and column.
        maskers = [[(1 << len(open_rijen)) - 1] * len(w) for w in waarden]
        for bit, r in enumerate(open_rijen):
            for k in r.open_kolommen:
                i = plek[k]
                for v, past in enumerate(self._past(besluit.id, r.nr, k, kolommen[k], waarden[i])):
                    if not past:
                        maskers[i][v] &= ~(1 << bit)
        bit_van = {r.nr: bit for bit, r in enumerate(open_rijen)}
        uitkomsten, per_stand = {}, {}
        keuzes = itertools.product(*(range(len(w)) for w in waarden))
        standen = (functools.reduce(operator.and_, m) for m in itertools.product(*maskers))
        for keuze, stand in zip(keuzes, standen, strict=True):
            # Many combinations give the same rows: decide each pattern of rows once.
            if stand not in per_stand:
                proef = [
                    r
                    if r.status is not ONBEKEND
                    else _Rij(r.nr, r.regel, bool(stand >> bit_van[r.nr] & 1), [], r.uitvoer)
                    for r in rijen
                ]
                per_stand[stand] = (self._beslis(besluit, proef), [r for r in proef if r.status is True])
            uitkomsten[keuze] = per_stand[stand]
        sleutels = {keuze: _sleutel(u) for keuze, (u, _) in uitkomsten.items()}
        if len(set(sleutels.values())) == 1:
            u, hits = next(iter(uitkomsten.values()))
            if not u.beslist:
                return u, []
            altijd = [r for r in hits if all(any(h.nr == r.nr for h in hs) for _, hs in uitkomsten.values())]
            gekozen = altijd or u.relevant
            return Uitkomst(True, u.waarde, [(besluit, r.regel) for r in gekozen], relevant=gekozen), []
        vragen = []
        for i, k in enumerate(open_k):
            groepen: dict = {}
            for keuze, sleutel in sleutels.items():
                groepen.setdefault(keuze[:i] + keuze[i + 1 :], set()).add(sleutel)
            if any(len(g) > 1 for g in groepen.values()):
                vragen.append(k)
        mogelijk = list({sleutels[k]: u.waarde for k, (u, _) in uitkomsten.items() if u.beslist}.values())
        return Uitkomst(False, mogelijk=mogelijk), vragen

    def _waarden(self, besluit_id: str, k: int, kolom) -> list:
        """Representative values of column k, as check_regels chooses them. A column fed by a decision
        takes the values that decision can still produce (they depend on the answers); the others are
        worked out once per file version."""
        sub = kolom[2]
        if sub is not None and sub.mogelijk is not None:
            return sub.mogelijk
        if (besluit_id, k) not in self._kandidaten_van:
            tests = [t[k] for t in self._tests[besluit_id]]
            self._kandidaten_van[besluit_id, k] = self._kandidaten(kolom[0], sub, tests)
        return self._kandidaten_van[besluit_id, k]

    def _past(self, besluit_id: str, nr: int, k: int, kolom, waarden: list) -> list:
        """Per value, whether the cell of row nr in column k accepts it (once per file version for an
        input column, whose values are fixed)."""
        test = self._tests[besluit_id][nr][k]
        if kolom[2] is not None:
            return [feel.evalueer(test, w) for w in waarden]
        if (besluit_id, nr, k) not in self._past_van:
            self._past_van[besluit_id, nr, k] = [feel.evalueer(test, w) for w in waarden]
        return self._past_van[besluit_id, nr, k]

    def _kandidaten(self, doel, sub, tests: list[tuple]) -> list:
        from .tabelcontrole import kandidaten  # tabelcontrole imports this module

        if sub is not None:
            return kandidaten(doel.type_ref, tests)
        u = self.bestand.uitvoeringsregel(doel.uitvoeringsregel) if doel.uitvoeringsregel else None
        if u is not None and u.soort == "geoVerwijzing":
            return ["ja", "nee", "deels"] if doel.type_ref == "string" else [True, False]
        # A bijlage is yes/no; null stays a value where a cell tests for it (not(null): "answered").
        soort = "boolean" if u is not None and u.soort == "bijlage" else None
        soort = soort or (u.gegevens_type if u is not None else "") or doel.type_ref
        return kandidaten(soort, tests, tuple(o.tekst for o in u.opties) if u is not None else ())

    def _beslis(self, besluit: Besluit, rijen: list[_Rij]) -> Uitkomst:
        hits = [r for r in rijen if r.status is True]
        open_ = [r for r in rijen if r.status is ONBEKEND]
        beleid = besluit.tabel.hit_policy

        def klaar(waarde, regels):
            return Uitkomst(True, waarde, [(besluit, r.regel) for r in regels], relevant=regels)

        def nog_open(relevant):
            return Uitkomst(False, relevant=relevant)

        if beleid == "FIRST":
            for r in rijen:
                if r.status is True:
                    return klaar(r.uitvoer, [r])
                if r.status is ONBEKEND:
                    return nog_open([r])
            return klaar(None, [])
        if beleid in ("UNIQUE", "ANY"):
            if beleid == "ANY" and any(r.uitvoer != hits[0].uitvoer for r in hits):
                a, b = hits[0], next(r for r in hits if r.uitvoer != hits[0].uitvoer)
                return Uitkomst(
                    False,
                    ontbreekt=[
                        f"De regels spreken elkaar tegen in {besluit.naam!r}: regel {a.nr + 1} geeft "
                        f"{a.uitvoer!r} en regel {b.nr + 1} geeft {b.uitvoer!r}. Dat is een fout in de regels."
                    ],
                )
            if hits:
                verschillend = [r for r in open_ if r.uitvoer != hits[0].uitvoer]
                if beleid == "UNIQUE" or not verschillend:
                    return klaar(hits[0].uitvoer, hits)
                return nog_open(verschillend)
            return nog_open(open_) if open_ else klaar(None, [])
        if beleid == "PRIORITY":
            volgorde = self.prioriteit[besluit.id]

            def rang(r):
                return volgorde.index(r.uitvoer) if r.uitvoer in volgorde else len(volgorde)

            beste = min(hits, key=rang) if hits else None
            beter = [r for r in open_ if beste is None or rang(r) < rang(beste)]
            if beter:
                return nog_open(beter)
            return klaar(beste.uitvoer if beste else None, [beste] if beste else [])
        # COLLECT, RULE ORDER, OUTPUT ORDER: every hit counts.
        waarden = [r.uitvoer for r in hits]
        if (
            waarden
            and all(w in CONCLUSIES for w in waarden)
            or (not hits and all(r.uitvoer in CONCLUSIES for r in open_) and open_)
        ):
            # A conclusion table: only a stricter conclusion can change the answer.
            huidig = strengste(waarden)
            relevant = [
                r
                for r in open_
                if r.uitvoer in CONCLUSIES
                and (huidig is None or CONCLUSIES.index(r.uitvoer) < CONCLUSIES.index(huidig))
            ]
            if relevant:
                return nog_open(relevant)
            return klaar(huidig, [r for r in hits if r.uitvoer == huidig])
        relevant = [r for r in open_ if besluit.tabel.aggregatie or r.uitvoer not in waarden]
        if relevant:
            return nog_open(relevant)
        return klaar(_aggregeer(besluit.tabel.aggregatie, waarden), hits)


def _sleutel(u: Uitkomst):
    """What makes two outcomes the same, hashable (COLLECT gives lists)."""
    if not u.beslist:
        return ("onbeslist",)  # whichever conflict or missing model: no answer either way
    w = u.waarde
    return ("waarde", tuple(w) if isinstance(w, list) else w)


def _aggregeer(aggregatie: str, waarden: list):
    if aggregatie == "COUNT":
        return len(waarden)
    getallen = [w for w in waarden if w is not None and not isinstance(w, bool | str)]
    if aggregatie == "SUM":
        return sum(getallen)
    if aggregatie == "MIN":
        return min(getallen, default=None)
    if aggregatie == "MAX":
        return max(getallen, default=None)
    return waarden
