"""Voorkomens (BAG history) for every object: dates, registration times and attribute changes.

Patterns copied from real LV BAG 2.0 extracts: objects that existed before the BAG were loaded in one
batch (here 20-21 December 2010, when Den Helder's woonplaatsen became definitive), later objects run
through 'Bouwvergunning verleend' -> 'Bouw gestart' -> 'in gebruik', an older voorkomen ends with
eindGeldigheid/eindRegistratie equal to the begin/registration of its successor, and an ended object's
last voorkomen has an eindGeldigheid without eindRegistratie.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import names as N
from .util import lerp_date, office_time

INITIAL_LOAD = date(2010, 12, 20)
BAG_START = date(2009, 1, 1)


@dataclass
class Version:
    nr: int
    begin: date
    reg: datetime
    reg_lv: datetime
    doc_date: date
    doc_nr: str
    end: date | None = None
    endreg: datetime | None = None
    endreg_lv: datetime | None = None
    attrs: dict = field(default_factory=dict)


class Clock:
    def __init__(self, rng, stand: date):
        if stand < date(2012, 1, 1):
            raise ValueError("--stand must be 2012-01-01 or later (the sample has BAG history from 2010)")
        self.rng, self.stand = rng, stand
        self.last = stand - timedelta(days=2)

    def between(self, a: date, b: date) -> date:
        return lerp_date(a, min(b, self.last), self.rng.random())

    def recent(self, days: int) -> date:
        return self.between(self.last - timedelta(days=days), self.last)

    def doc_nr(self, d: date) -> str:
        r, n = self.rng.random(), self.rng.randint(1, 99999)
        if r < 0.25:
            return f"BAG/VAC{d.year}{n:06d}"
        if r < 0.45:
            return f"{d.year}{n:05d}"
        if r < 0.6:
            return f"D/{d.year % 100:02d}/{n:06d}"
        if r < 0.75:
            return f"{d.year}OMG{n % 10000:04d}"
        if r < 0.9:
            return f"BRA/BGB{d.year}{n % 10000:04d}"
        return f"VMR{d.year}BAG{n % 1000:03d}"

    def chain(self, steps: list, ended: bool = False) -> list:
        """steps: [(documentdatum, attribute overrides)] in time order; the last is the current voorkomen."""
        out, prev_reg = [], None
        for k, (doc, attrs) in enumerate(steps):
            doc = min(doc, self.last)
            if out and doc <= out[-1].begin:
                doc = min(out[-1].begin + timedelta(days=1), self.last)
            if doc < INITIAL_LOAD:
                reg_day = INITIAL_LOAD + timedelta(days=self.rng.randint(0, 1))
                reg = office_time(self.rng, reg_day, 9 * 60, 12 * 60)
            else:
                reg = office_time(self.rng, min(doc + timedelta(days=self.rng.randint(0, 6)), self.last))
            if prev_reg and reg <= prev_reg:
                reg = prev_reg + timedelta(minutes=self.rng.randint(5, 90))
            lv = reg + timedelta(
                minutes=self.rng.randint(1, 30),
                seconds=self.rng.randint(0, 59),
                milliseconds=self.rng.randint(0, 999),
            )
            out.append(Version(k + 1, doc, reg, lv, doc, self.doc_nr(doc), attrs=attrs))
            prev_reg = reg
        for a, b in zip(out, out[1:], strict=False):
            a.end, a.endreg, a.endreg_lv = b.begin, b.reg, b.reg_lv
        if ended:
            last = out[-1]
            last.end = min(
                last.begin + timedelta(days=self.rng.randint(1, 20)), self.stand - timedelta(days=1)
            )
        return out

    def initial_doc(self, bouwjaar: int) -> date:
        if 1990 <= bouwjaar <= 2008:
            return self.between(date(bouwjaar, 1, 1), date(bouwjaar, 12, 28))
        return self.between(date(2009, 1, 1), date(2010, 11, 30))


def pand_versions(clock: Clock, pand) -> list:
    rng, st = clock.rng, pand.status
    y = clock.stand.year
    if st == N.PND_VERGUNNING:
        pand.bouwjaar = y + rng.randint(0, 1)
        return clock.chain([(clock.recent(300), {})])
    if st == N.PND_BOUW_GESTART:
        d0 = clock.recent(700)
        pand.bouwjaar = y
        return clock.chain([(d0, {"status": N.PND_VERGUNNING}), (clock.between(d0, clock.last), {})])
    if st == N.PND_NIET_GEREALISEERD:
        d0 = clock.between(date(2011, 1, 1), clock.last - timedelta(days=900))
        pand.bouwjaar = d0.year + 1
        return clock.chain(
            [(d0, {"status": N.PND_VERGUNNING}), (d0 + timedelta(days=rng.randint(400, 800)), {})],
            ended=pand.ended,
        )
    first = clock.initial_doc(pand.bouwjaar)
    if pand.bouwjaar >= 2011:  # built in the BAG era: the permit and construction are in the history
        pand.bouwjaar = min(pand.bouwjaar, y)
        du = clock.between(date(pand.bouwjaar, 1, 1), date(pand.bouwjaar, 12, 28))
        dv = du - timedelta(days=rng.randint(250, 600))
        dg = du - timedelta(days=rng.randint(60, 240))
        steps = [
            (max(dv, date(2010, 6, 1)), {"status": N.PND_VERGUNNING}),
            (max(dg, date(2010, 9, 1)), {"status": N.PND_BOUW_GESTART}),
            (du, {}),
        ]
        return clock.chain(steps)
    if st in (N.PND_GESLOOPT, N.PND_SLOOPVERGUNNING, N.PND_VERBOUWING):
        d1 = clock.between(date(2012, 1, 1), clock.last)
        steps = [(first, {"status": N.PND_IN_GEBRUIK}), (d1, {})]
        if st == N.PND_GESLOOPT and rng.random() < 0.5:
            steps.insert(1, (d1 - timedelta(days=rng.randint(60, 300)), {"status": N.PND_SLOOPVERGUNNING}))
        return clock.chain(steps, ended=pand.ended)
    if rng.random() < 0.05:  # a correction: measured footprint, corrected bouwjaar or status
        change = rng.choice(("niet_ingemeten", "bouwjaar"))
        attrs = (
            {"status": N.PND_NIET_INGEMETEN}
            if change == "niet_ingemeten" and st == N.PND_IN_GEBRUIK
            else {"bouwjaar": pand.bouwjaar + rng.choice((-10, -5, 5, 10))}
        )
        return clock.chain([(first, attrs), (clock.between(date(2011, 3, 1), clock.last), {})])
    return clock.chain([(first, {})])


def vbo_versions(clock: Clock, vbo) -> list:
    rng, pv = clock.rng, vbo.pand.versions
    new_build = len(pv) >= 3 and pv[0].attrs.get("status") == N.PND_VERGUNNING
    steps = [(pv[0].begin, {"status": N.VBO_GEVORMD})] if new_build else []
    if vbo.status in (N.VBO_INGETROKKEN, N.VBO_NIET_GEREALISEERD):
        first = N.VBO_GEVORMD if vbo.status == N.VBO_NIET_GEREALISEERD else N.VBO_IN_GEBRUIK
        return clock.chain([(pv[0].begin, {"status": first}), (pv[-1].begin, {})], ended=vbo.pand.ended)
    if vbo.status == N.VBO_GEVORMD:
        return clock.chain([(pv[0].begin, {})])
    if new_build:
        steps.append((pv[-1].begin, {}))
    else:
        steps.append((pv[0].begin, {}))
    if vbo.status in (N.VBO_BUITEN_GEBRUIK, N.VBO_VERBOUWING):
        later = pv[-1].begin if len(pv) > 1 and not new_build else clock.between(steps[-1][0], clock.last)
        steps[-1] = (steps[-1][0], {"status": N.VBO_IN_GEBRUIK})
        steps.append((later, {}))
    elif rng.random() < 0.05:
        attrs = (
            {"opp": max(10, vbo.opp + rng.randint(-25, 25))}
            if rng.random() < 0.7
            else {"doelen": ["kantoorfunctie"] if vbo.doelen != ["kantoorfunctie"] else ["woonfunctie"]}
        )
        steps[-1] = (steps[-1][0], attrs)
        steps.append((clock.between(steps[-1][0] + timedelta(days=30), clock.last), {}))
    return clock.chain(steps)


def num_versions(clock: Clock, num, first: date, ended_on: date | None, ended: bool) -> list:
    if num.status == N.NUM_INGETROKKEN and ended_on:
        return clock.chain([(first, {"status": N.NUM_UITGEGEVEN}), (ended_on, {})], ended=ended)
    if clock.rng.random() < 0.03:
        old = num.postcode[:4] + ("AA" if num.postcode[4:] != "AA" else "AB")
        return clock.chain([(first, {"postcode": old}), (clock.between(date(2011, 6, 1), clock.last), {})])
    return clock.chain([(first, {})])


def simple_versions(clock: Clock, withdrawn_status: str | None = None, rename: str | None = None) -> list:
    """Objects from the initial load: one voorkomen, or a withdrawal or a name correction later on."""
    first = clock.between(BAG_START, date(2009, 3, 31))
    if withdrawn_status:
        return clock.chain(
            [(first, {"status": withdrawn_status}), (clock.between(date(2013, 1, 1), clock.last), {})]
        )
    if rename:
        return clock.chain([(first, {"naam": rename}), (clock.between(date(2011, 1, 1), clock.last), {})])
    return clock.chain([(first, {})])
