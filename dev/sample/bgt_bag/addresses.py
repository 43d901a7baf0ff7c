"""Openbare ruimten, huisnummers, postcodes and the addressable objects (VBO, ligplaats, standplaats).

Numbering follows Dutch practice: odd numbers on the left of the direction of numbering, even on the
right, rising along the street, with an occasional skipped number. A postcode covers one side of one
street segment. Multi-unit buildings use huisletters, huisnummertoevoegingen or separate numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import names as N


@dataclass
class Opr:
    id: str
    naam: str
    type: str
    status: str = N.NUM_UITGEGEVEN
    versions: list = field(default_factory=list)


@dataclass
class Num:
    id: str
    huisnummer: int
    letter: str
    toev: str
    postcode: str
    type: str
    opr: Opr
    status: str = N.NUM_UITGEGEVEN
    versions: list = field(default_factory=list)


@dataclass
class Vbo:
    id: str
    pand: object
    point: tuple
    doelen: list
    opp: int
    hoofd: Num
    neven: list
    status: str = N.VBO_IN_GEBRUIK
    versions: list = field(default_factory=list)


@dataclass
class Plaats:
    kind: str  # LIG or STA
    id: str
    ring: list
    hoofd: Num
    neven: list
    status: str = N.PLAATS_AANGEWEZEN
    versions: list = field(default_factory=list)


@dataclass
class Slot:
    opr: Opr
    side: str
    order: tuple
    count: int
    pc_key: tuple
    buurt: int
    numbers: list = field(default_factory=list)
    postcode: str = ""


def name_streets(rng, grid, serials) -> tuple:
    """Openbare ruimten for the street lines. Returns (oprs, segment -> (opr, line ordinal), specials)."""
    lines = [("v", i, grid.ny, grid.vlines[i].main) for i in range(grid.nx + 1)]
    lines += [("h", j, grid.nx, grid.hlines[j].main) for j in range(grid.ny + 1)]
    pieces = {ln[:2]: max(1, round(ln[2] / 2.5)) for ln in lines}
    budget = len(N.MAIN_STREETS) + len(N.STREETS)
    while sum(pieces.values()) > budget and max(pieces.values()) > 1:
        pieces[max(pieces, key=lambda k: (pieces[k], k))] -= 1
    mains, others = list(N.MAIN_STREETS), list(N.STREETS)
    rng.shuffle(others)
    oprs, used, seg_opr = [], [], {}
    for ordinal, (kind, idx, nseg, main) in enumerate(
        sorted(lines, key=lambda ln: (not ln[3], ln[0], ln[1]))
    ):
        for lo, hi in _even_groups(nseg, pieces[(kind, idx)]):
            pool = (mains or others) if main else (others or mains)
            if pool:
                opr = Opr(serials.next("OPR"), pool.pop(0), "Weg")
                oprs.append(opr)
                used.append(opr)
            else:  # more lines than names: continue an existing street with higher numbers
                opr = used[(ordinal + lo) % len(used)]
            for seg in range(lo, hi):
                seg_opr[((kind, idx), seg)] = (opr, ordinal)
    specials = {}
    for naam, typ in N.SPECIAL_OPR + [(N.WITHDRAWN_OPR, "Weg")]:
        opr = Opr(serials.next("OPR"), naam, typ)
        if naam == N.WITHDRAWN_OPR:
            opr.status = N.NUM_INGETROKKEN
        specials[naam] = opr
        oprs.append(opr)
    return oprs, seg_opr, specials


def _even_groups(n: int, k: int) -> list:
    bounds = [round(n * t / k) for t in range(k + 1)]
    return [(bounds[t], bounds[t + 1]) for t in range(k) if bounds[t] < bounds[t + 1]]


def _segment(front_key: tuple, block) -> int:
    return block.i if front_key[0] == "h" else block.j


def collect_slots(grid, seg_opr: dict, specials: dict) -> list:
    """One slot per street entrance that needs huisnummers, in block order."""
    slots = []
    for block in grid.blocks:
        for plot in block.plots:
            for pand in plot.panden:
                if not pand.units:
                    continue
                extra = len(pand.units) - 1 if pand.addr_style == "numbers" else 0
                pand.slots = [_slot(pand.front, block, seg_opr, specials, 1 + extra + pand.extra_numbers)]
                if pand.side_front:
                    pand.slots.append(_slot(pand.side_front, block, seg_opr, specials, 1))
                slots += pand.slots
    return slots


def _slot(front: tuple, block, seg_opr, specials, count) -> Slot:
    key, side, pos = front
    if key[0] == "special":
        opr, ordinal, seg = specials[key[1]], 0, 0
    else:
        seg = _segment(key, block)
        opr, ordinal = seg_opr[(key, seg)]
    return Slot(opr, side, (ordinal, pos), count, (opr.id, side, ordinal, seg), block.buurt)


def number_slots(rng, slots: list, book) -> None:
    by_street = {}
    for s in slots:
        by_street.setdefault((s.opr.id, s.side), []).append(s)
    for (_, side), group in sorted(by_street.items()):
        n = 1 if side == "L" else 2
        for s in sorted(group, key=lambda t: t.order):
            if rng.random() < 0.05:
                n += 2  # numbers are skipped where plots were merged or never built
            s.numbers = [n + 2 * k for k in range(s.count)]
            n += 2 * s.count
    assign_postcodes(slots, book)


class PostcodeBook:
    """Hands out postcodes 1781-1786 + two letters; a number that runs out of letters spills over."""

    LETTERS = [a + b for a in N.POSTCODE_LETTERS for b in N.POSTCODE_LETTERS if a + b not in N.POSTCODE_SKIP]

    def __init__(self, n_buurten: int):
        self.n_buurten = max(n_buurten, 1)
        self.used = {d: 0 for d in N.POSTCODE_NUMBERS}
        self.by_key = {}

    def get(self, key: tuple, buurt: int) -> str:
        if key not in self.by_key:
            k = min(len(N.POSTCODE_NUMBERS) - 1, buurt * len(N.POSTCODE_NUMBERS) // self.n_buurten)
            for step in range(len(N.POSTCODE_NUMBERS)):
                digits = N.POSTCODE_NUMBERS[(k + step) % len(N.POSTCODE_NUMBERS)]
                if self.used[digits] < len(self.LETTERS):
                    break
            else:
                raise ValueError("postcodes 1781-1786 exhausted")
            self.by_key[key] = f"{digits}{self.LETTERS[self.used[digits]]}"
            self.used[digits] += 1
        return self.by_key[key]


def assign_postcodes(slots: list, book: PostcodeBook) -> None:
    keys = sorted({s.pc_key for s in slots})
    # A postcode is one side of one segment; at large scales neighbouring segments share one so that
    # 1781-1786 keep enough letter pairs.
    group = max(1, math.ceil(len(keys) / (len(N.POSTCODE_NUMBERS) * len(book.LETTERS) * 0.9)))
    for s in sorted(slots, key=lambda t: t.pc_key):
        opr_id, side, ordinal, seg = s.pc_key
        s.postcode = book.get((opr_id, side, ordinal, seg // group), s.buurt)


def _unit_addresses(rng, style: str, n_units: int, numbers: list) -> list:
    """(huisnummer, huisletter, toevoeging) per unit for the addressing style of a building."""
    n = numbers[0]
    if style == "numbers":
        return [(numbers[k], "", "") for k in range(n_units)]
    if style == "letters":
        low = rng.random() < 0.3
        return [(n, "", "")] + [(n, chr((97 if low else 65) + k), "") for k in range(n_units - 1)]
    if style == "hs":
        return [(n, "", "hs")] + [(n, "", str(k + 1)) for k in range(n_units - 1)]
    if style == "bis":
        return [(n, "", "")] + [(n, "", "bis" if k == 0 else str(k + 1)) for k in range(n_units - 1)]
    if style == "toev":
        return [(n, "", "")] + [(n, "", str(k + 1)) for k in range(n_units - 1)]
    return [(n, "", "")] * n_units


def _points(rng, main_rect: tuple, k: int) -> list:
    x0, y0, x1, y1, _ = main_rect
    cols = math.ceil(math.sqrt(k))
    rows = math.ceil(k / cols)
    pts = []
    for t in range(k):
        cx = x0 + 1 + (x1 - x0 - 2) * ((t % cols) + rng.uniform(0.3, 0.7)) / cols
        cy = y0 + 1 + (y1 - y0 - 2) * ((t // cols) + rng.uniform(0.3, 0.7)) / rows
        pts.append((round(cx, 3), round(cy, 3)))
    return pts


VBO_STATUS_BY_PAND = {
    N.PND_VERGUNNING: N.VBO_GEVORMD,
    N.PND_BOUW_GESTART: N.VBO_GEVORMD,
    N.PND_GESLOOPT: N.VBO_INGETROKKEN,
    N.PND_NIET_GEREALISEERD: N.VBO_NIET_GEREALISEERD,
    N.PND_SLOOPVERGUNNING: N.VBO_BUITEN_GEBRUIK,
    N.PND_NIET_INGEMETEN: N.VBO_NIET_INGEMETEN,
}


def make_vbos(rng, pand, serials) -> list:
    """Create the VBOs and nummeraanduidingen of one pand (ids interleaved as a BAG system does)."""
    slot = pand.slots[0]
    addrs = _unit_addresses(rng, pand.addr_style, len(pand.units), slot.numbers)
    x0, y0, x1, y1, _ = pand.main_rect
    footprint = (x1 - x0) * (y1 - y0)
    pts = _points(rng, pand.main_rect, len(pand.units))
    status = VBO_STATUS_BY_PAND.get(pand.status, N.VBO_IN_GEBRUIK)
    vbos = []
    for k, (doelen, (nr, letter, toev), pt) in enumerate(zip(pand.units, addrs, pts, strict=True)):
        vid = serials.next("VBO")
        num = Num(serials.next("NUM"), nr, letter, toev, slot.postcode, "Verblijfsobject", slot.opr)
        share = (
            footprint * 0.85
            if len(pand.units) == 1 or (k == 0 and "woonfunctie" not in doelen)
            else footprint * max(pand.floors - 1, 1) * 0.8 / max(len(pand.units) - 1, 1)
        )
        opp = max(12, int(share * rng.uniform(0.85, 1.1)))
        st = status
        if st == N.VBO_IN_GEBRUIK:
            r = rng.random()
            st = N.VBO_BUITEN_GEBRUIK if r < 0.01 else N.VBO_VERBOUWING if r < 0.02 else st
        vbos.append(Vbo(vid, pand, pt, sorted(doelen), opp, num, [], st))
    main = vbos[0]
    for nr in slot.numbers[len(pand.units) if pand.addr_style == "numbers" else 1 :]:
        main.neven.append(Num(serials.next("NUM"), nr, "", "", slot.postcode, "Verblijfsobject", slot.opr))
    for side_slot in pand.slots[1:]:
        main.neven.append(
            Num(
                serials.next("NUM"),
                side_slot.numbers[0],
                "",
                "",
                side_slot.postcode,
                "Verblijfsobject",
                side_slot.opr,
            )
        )
    for v in vbos:
        if v.status in (N.VBO_INGETROKKEN, N.VBO_NIET_GEREALISEERD):
            for num in [v.hoofd] + v.neven:
                num.status = N.NUM_INGETROKKEN
    return vbos


def make_plaatsen(serials, lig_rings: list, sta_rings: list, specials: dict, book, buurt_of) -> list:
    """Ligplaatsen in the Binnenhaven and standplaatsen on the quay, each with an address."""
    out = []
    for kind, rings, oprs, typ in (
        ("LIG", lig_rings, ["Binnenhaven"], "Ligplaats"),
        ("STA", sta_rings, ["Havenplein", "Willemsoord"], "Standplaats"),
    ):
        counters = {}
        for k, ring in enumerate(rings):
            opr = specials[oprs[k * len(oprs) // max(len(rings), 1)]]
            nr = counters.get(opr.naam, 0) + 1
            counters[opr.naam] = nr
            pid = serials.next(kind)
            cx = sum(p[0] for p in ring[:-1]) / (len(ring) - 1)
            cy = sum(p[1] for p in ring[:-1]) / (len(ring) - 1)
            buurt = buurt_of(cx, cy)
            num = Num(serials.next("NUM"), nr, "", "", book.get((opr.id, buurt), buurt), typ, opr)
            out.append(Plaats(kind, pid, ring, num, []))
    stas = [p for p in out if p.kind == "STA"]
    if stas:  # a market pitch with a second address, like the nevenadres case in the Kadaster test data
        p = stas[len(stas) // 2]
        h = p.hoofd
        p.neven.append(Num(serials.next("NUM"), h.huisnummer, "a", "", h.postcode, h.type, h.opr))
    ligs = [p for p in out if p.kind == "LIG"]
    if len(ligs) > 3:
        gone = ligs[-2]
        gone.status = N.PLAATS_INGETROKKEN
        gone.hoofd.status = N.NUM_INGETROKKEN
    return out
