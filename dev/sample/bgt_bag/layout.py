"""Street grid, building blocks, plots and building footprints of the synthetic town.

The town is a grid of rectangular blocks separated by streets, like the planned 19th-century centre of
Den Helder. Every coordinate is rounded to millimetres so that objects sharing an edge (panden in a row,
a plot and its pand, a sidewalk and its block) share exactly the same coordinates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import names as N
from .buildings import ERA, FLOORS, programme, split
from .util import r3, rect

BLOCK_TARGET = 48  # blocks per scale unit; gives ~1 650 panden and ~3 000 VBOs at scale 1


@dataclass
class Line:
    vertical: bool
    idx: int
    s0: float  # strip between property lines (or grid edge), across the street
    s1: float
    k0: float  # kerbs: the carriageway lies between k0 and k1
    k1: float
    sw: float
    main: bool

    @property
    def centre(self) -> float:
        return r3((self.s0 + self.s1) / 2)


@dataclass
class Pand:
    ring: list
    kind: str
    front: tuple  # (line key, side, position along the street)
    main_rect: tuple  # part of the footprint used for address points and labels
    units: list  # gebruiksdoelen per verblijfsobject
    addr_style: str = "single"
    holes: list = field(default_factory=list)
    side_front: tuple | None = None  # second street of a corner pand, for a nevenadres
    extra_numbers: int = 0  # nevenadressen on the own street (large buildings)
    bgt_parts: list | None = None  # BGT grondvlak when it differs from the BAG bovenaanzicht
    bouwjaar: int = 1900
    status: str = N.PND_IN_GEBRUIK
    ended: bool = False
    floors: int = 2
    geconstateerd: bool = False
    block: int = -1
    id: str = ""
    vbos: list = field(default_factory=list)
    slots: list = field(default_factory=list)  # address slots, filled by addresses.collect_slots
    versions: list = field(default_factory=list)


@dataclass
class Plot:
    ring: list
    panden: list
    terrain: str = "erf"
    back: tuple | None = None  # back boundary, where a garden wall may stand


@dataclass
class Block:
    index: int
    i: int
    j: int
    x0: float
    y0: float
    x1: float
    y1: float
    kind: str
    plots: list = field(default_factory=list)
    extra_terrain: list = field(default_factory=list)  # (class, polygon rings) decided by the layout
    buurt: int = -1


@dataclass
class Grid:
    vlines: list
    hlines: list
    cols: list
    rows: list
    radius: dict  # node (i, j) -> kerb corner radius
    roundabout: tuple
    blocks: list

    @property
    def nx(self) -> int:
        return len(self.cols)

    @property
    def ny(self) -> int:
        return len(self.rows)

    @property
    def bbox(self) -> tuple:
        return self.vlines[0].s0, self.hlines[0].s0, self.vlines[-1].s1, self.hlines[-1].s1


def _lines(rng, n_blocks: int, sizes: tuple, start: float, vertical: bool, main_every: int, main_off: int):
    lines, spans, pos = [], [], start
    for k in range(n_blocks + 1):
        edge = k in (0, n_blocks)
        main = not edge and k % main_every == main_off
        sw = r3(rng.uniform(2.4, 3.4))
        kerb = rng.uniform(16.0, 20.0) if main else rng.uniform(6.5, 8.0) if edge else rng.uniform(7.5, 10.5)
        width = r3(kerb + sw * (1 if edge else 2))
        s0, s1 = r3(pos), r3(pos + width)
        k0 = s0 if k == 0 else r3(s0 + sw)
        k1 = s1 if k == n_blocks else r3(s1 - sw)
        lines.append(Line(vertical, k, s0, s1, k0, k1, sw, main))
        pos = s1
        if k < n_blocks:
            size = r3(rng.uniform(*sizes))
            spans.append((pos, r3(pos + size)))
            pos = r3(pos + size)
    return lines, spans


def build_grid(rng, scale: int, east_margin: float) -> Grid:
    target = BLOCK_TARGET * scale
    # A block plus street is ~135 m wide and ~90 m deep; the RD box is taller than wide, so a big
    # town grows north-south once the columns fill the width.
    max_nx = int((N.BOUNDS[2] - N.BOUNDS[0] - 400 - east_margin) / 140)
    nx = max(3, min(max_nx, round(math.sqrt(target * 1.3))))
    ny = max(3, round(target / nx))
    # Sizes are drawn first with a dummy origin, then shifted so the town sits around the centre.
    vlines, cols = _lines(rng, nx, (95.0, 140.0), 0.0, True, 4, 2)
    hlines, rows = _lines(rng, ny, (62.0, 88.0), 0.0, False, 3, 1)
    width, height = vlines[-1].s1 + east_margin, hlines[-1].s1
    bx0, by0, bx1, by1 = N.BOUNDS
    if width > bx1 - bx0 - 400 or height > by1 - by0 - 400:
        raise ValueError(f"scale {scale} does not fit inside the RD bounds {N.BOUNDS}")
    ox = min(max(N.CENTRE[0] - width / 2, bx0 + 200), bx1 - 200 - width)
    oy = min(max(N.CENTRE[1] - height / 2, by0 + 200), by1 - 200 - height)
    ox, oy = r3(round(ox)), r3(round(oy))
    for ln in vlines:
        ln.s0, ln.s1, ln.k0, ln.k1 = (r3(v + ox) for v in (ln.s0, ln.s1, ln.k0, ln.k1))
    for ln in hlines:
        ln.s0, ln.s1, ln.k0, ln.k1 = (r3(v + oy) for v in (ln.s0, ln.s1, ln.k0, ln.k1))
    cols = [(r3(a + ox), r3(b + ox)) for a, b in cols]
    rows = [(r3(a + oy), r3(b + oy)) for a, b in rows]
    radius = {}
    for i, vl in enumerate(vlines):
        for j, hl in enumerate(hlines):
            want = 5.0 if vl.main and hl.main else rng.choice((3.5, 4.0, 4.5))
            # Keep the sidewalk at a rounded corner at least 1.2 m wide.
            ok = want - math.hypot(want - vl.sw, want - hl.sw) >= 1.2
            radius[(i, j)] = want if ok else 3.0
    mains = [(i, j) for i, vl in enumerate(vlines) for j, hl in enumerate(hlines) if vl.main and hl.main]
    cx, cy = nx / 2, ny / 2
    roundabout = min(mains, key=lambda n: ((n[0] - cx) ** 2 + (n[1] - cy) ** 2, n)) if mains else (1, 1)
    blocks = []
    for j, (y0, y1) in enumerate(rows):
        for i, (x0, x1) in enumerate(cols):
            blocks.append(Block(len(blocks), i, j, x0, y0, x1, y1, _block_kind(rng, i / max(nx - 1, 1))))
    n_special = max(1, round(len(blocks) / 40))
    inner = [b for b in blocks if 0 < b.i < nx - 1 and 0 < b.j < ny - 1] or blocks
    picks = rng.sample(inner, min(len(inner), 2 * n_special))
    for k, b in enumerate(picks):
        b.kind = "park" if k % 2 == 0 else "public"
    return Grid(vlines, hlines, cols, rows, radius, roundabout, blocks)


def _block_kind(rng, u: float) -> str:
    # East is the harbour side: the oldest, most commercial part of town.
    r = rng.random()
    if u > 0.65:
        return "centre" if r < 0.7 else "old"
    if u > 0.3:
        return "old" if r < 0.6 else "flats" if r < 0.8 else "mixed"
    return "new" if r < 0.5 else "flats" if r < 0.8 else "old"


def _place(
    rng,
    block: Block,
    side: str,
    a: float,
    b: float,
    depth: float,
    kind: str,
    corner: str | None,
    street: tuple,
    wing_to: float | None,
):
    """Plot [a, b] along one block side plus its pand(s). Coordinates are local: u along the street
    (increasing with numbering), v inward from the street. `to_xy` maps them back to RD."""
    x0, y0, x1, y1 = block.x0, block.y0, block.x1, block.y1

    def to_xy(u: float, v: float):
        return {"S": (u, y0 + v), "N": (u, y1 - v), "W": (x0 + v, u), "E": (x1 - v, u)}[side]

    def poly(pts):
        ring = [tuple(r3(c) for c in to_xy(u, v)) for u, v in pts]
        ring.append(ring[0])
        return ring if _area(ring) > 0 else ring[::-1]

    width = b - a
    plot = Plot(poly([(a, 0), (b, 0), (b, depth), (a, depth)]), [])
    plot.back = tuple(tuple(r3(c) for c in to_xy(u, depth)) for u in (a, b))
    pkind, program, style = programme(rng, kind, width, corner is not None)
    # Setbacks and gardens are either zero or at least a metre: no sliver terreindelen in the BGT.
    setback = {
        "centre": 0.0,
        "old": 0.0 if rng.random() < 0.7 else rng.uniform(1.5, 3.0),
        "new": rng.uniform(2.5, 5.0),
        "flats": rng.uniform(3.0, 7.0),
        "mixed": 0.0 if rng.random() < 0.5 else rng.uniform(1.0, 3.0),
    }[kind]
    sb = r3(setback)
    if pkind in ("shop", "store", "shop_flats", "hotel", "office") and rng.random() < 0.5:
        d = depth - sb  # shops often fill the whole plot
    elif pkind == "house":
        d = min(rng.uniform(8.5, 11.5), depth - sb - 1.0)
    else:
        d = min(rng.uniform(11.0, 16.0), depth - sb - 1.0)
    d = r3(d)
    pts = [(a, sb), (b, sb), (b, sb + d), (a, sb + d)]
    if corner and wing_to and pkind in ("house", "shop") and width >= 7 and wing_to - sb - d > 3:
        w2 = r3(min(width - 2.0, d))  # L-shaped corner pand: a wing along the side street
        pts = [(a, sb), (b, sb), (b, sb + d), (a + w2, sb + d), (a + w2, wing_to), (a, wing_to)]
        if corner == "end":
            pts = [(a, sb), (b, sb), (b, wing_to), (b - w2, wing_to), (b - w2, sb + d), (a, sb + d)]
    is_l = len(pts) == 6
    ring = poly(pts)
    mr = poly([(a, sb), (b, sb), (b, sb + d), (a, sb + d)])
    xs, ys = [p[0] for p in mr], [p[1] for p in mr]
    main_rect = (min(xs), min(ys), max(xs), max(ys), side)
    front = (street[0], street[1], r3(to_xy((a + b) / 2, 0)[0 if side in "SN" else 1]))
    pand = Pand(ring, pkind, front, main_rect, [list(u) for u in program], style, floors=FLOORS[kind])
    lo, hi = ERA[kind]
    pand.bouwjaar = int(rng.triangular(lo, hi, hi - (hi - lo) / 4))
    if pkind != "house" and rng.random() < 0.25:
        pand.bouwjaar = rng.randint(max(lo, 1960), 2022)
    if corner and pkind in ("shop", "hotel", "store") and rng.random() < 0.3:
        pand.side_front = "corner"
    if pkind in ("school", "zorg", "sport", "hotel") and rng.random() < 0.3:
        pand.extra_numbers = 1
    plot.panden.append(pand)
    garden = depth - sb - d
    if pkind == "house" and not is_l and garden >= 6.5 and width >= 4.5 and rng.random() < 0.45:
        sw_, sd = r3(rng.uniform(2.2, min(3.5, width - 1.2))), r3(rng.uniform(2.2, 3.0))
        m = 0.0 if rng.random() < 0.3 else 0.5
        su = a + 0.5 if rng.random() < 0.5 else b - 0.5 - sw_
        shed = poly(
            [(su, depth - m - sd), (su + sw_, depth - m - sd), (su + sw_, depth - m), (su, depth - m)]
        )
        plot.panden.append(
            Pand(
                shed,
                "shed",
                front,
                _bbox(shed, side),
                [],
                bouwjaar=min(2024, pand.bouwjaar + rng.randint(5, 60)),
            )
        )
    elif pkind == "shop" and sb == 0 and d >= 10 and width >= 8 and rng.random() < 0.04:
        # Arcade: the BGT grondvlak is the building behind a 3 m gallery plus its pillars.
        parts = [poly([(a, 3.0), (b, 3.0), (b, d), (a, d)])]
        for pu in (a + 0.8, b - 1.4):
            parts.append(poly([(pu, 1.2), (pu + 0.6, 1.2), (pu + 0.6, 1.8), (pu, 1.8)]))
        pand.bgt_parts = parts
    return plot


def _area(ring) -> float:
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1))


def _bbox(ring, side) -> tuple:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (min(xs), min(ys), max(xs), max(ys), side)


def fill_block(rng, block: Block) -> None:
    if block.kind in ("park", "public"):
        _special_block(rng, block)
        return
    w, h = block.x1 - block.x0, block.y1 - block.y0
    dmax_y, dmax_x = (h - 12) / 2, (w - 12) / 2
    dS, dN = (r3(min(rng.uniform(18, 26), dmax_y)) for _ in range(2))
    dW, dE = (r3(min(rng.uniform(18, 26), dmax_x)) for _ in range(2))
    i, j = block.i, block.j
    # Street keys with the block's side: 'L' is the odd-numbered side of the street.
    sides = [
        ("S", block.x0, block.x1, dS, (("h", j), "L"), dW, dE),
        ("N", block.x0, block.x1, dN, (("h", j + 1), "R"), dW, dE),
        ("W", block.y0 + dS, block.y1 - dN, dW, (("v", i), "R"), None, None),
        ("E", block.y0 + dS, block.y1 - dN, dE, (("v", i + 1), "L"), None, None),
    ]
    for side, lo, hi, depth, street, wing_lo, wing_hi in sides:
        if hi - lo < 4.5:
            continue
        widths, pos = split(rng, hi - lo, block.kind), lo
        for k, wdt in enumerate(widths):
            a, b = r3(pos), r3(hi if k == len(widths) - 1 else pos + wdt)
            corner = (
                "start" if (k == 0 and wing_lo) else "end" if (k == len(widths) - 1 and wing_hi) else None
            )
            plot = _place(
                rng, block, side, a, b, depth, block.kind, corner, street, depth if corner else None
            )
            main = plot.panden[0]
            if main.side_front == "corner":
                # The side street of a corner pand: its nevenadres sorts first (south) or last (north).
                vi = i if corner == "start" else i + 1
                spos = r3(block.y0 + 2.0) if side == "S" else r3(block.y1 - 2.0)
                main.side_front = (("v", vi), "R" if corner == "start" else "L", spos)
            block.plots.append(plot)
            pos = b
    court = rect(block.x0 + dW, block.y0 + dS, block.x1 - dE, block.y1 - dN)
    cw, ch = court[2][0] - court[0][0], court[2][1] - court[0][1]
    r = rng.random()
    plot = Plot(court, [], "groen" if r < 0.35 else "verhard" if r < 0.65 else "erf")
    if r >= 0.65 and cw > 24 and ch > 10:
        gx, gy = r3(block.x0 + dW + rng.uniform(3, cw - 21)), r3(block.y0 + dS + rng.uniform(2, ch - 8))
        garage = rect(gx, gy, gx + 18.0, gy + 6.0)
        # A row of garage boxes, each a VBO with 'overige gebruiksfunctie' addressed on the south street.
        units = [["overige gebruiksfunctie"]] * (rng.randint(3, 6) if rng.random() < 0.5 else 0)
        plot.panden.append(
            Pand(
                garage,
                "garage",
                (("h", j), "L", gx),
                _bbox(garage, "S"),
                units,
                "toev",
                bouwjaar=rng.randint(1955, 1990),
            )
        )
    block.plots.append(plot)


def _special_block(rng, block: Block) -> None:
    x0, y0, x1, y1 = block.x0, block.y0, block.x1, block.y1
    street = (("h", block.j), "L")
    if block.kind == "public":
        bx0, by0, bx1 = r3(x0 + 8), r3(y0 + 6), r3(x1 - 8)
        by1 = r3(min(y1 - 10, by0 + 48))
        ring = rect(bx0, by0, bx1, by1)
        hole = rect(bx0 + 12, by0 + 12, bx1 - 12, by1 - 12)[::-1]
        kind = rng.choice(("school", "zorg"))
        units = (
            [("onderwijsfunctie",), ("sportfunctie",), ("kantoorfunctie",), ("bijeenkomstfunctie",)]
            if kind == "school"
            else [
                ("gezondheidszorgfunctie",),
                ("gezondheidszorgfunctie", "woonfunctie"),
                ("kantoorfunctie",),
                ("woonfunctie",),
                ("woonfunctie",),
            ]
        )
        p = Pand(
            ring,
            kind,
            (street[0], street[1], r3((bx0 + bx1) / 2)),
            (bx0, by0, bx1, by0 + 12, "S"),
            [list(u) for u in units],
            "letters",
            holes=[hole],
            extra_numbers=2,
            floors=2,
            bouwjaar=rng.randint(1955, 2012),
        )
        block.plots.append(Plot(rect(x0, y0, x1, y1), [p], "plein"))
        return
    # Park: lawn with a pond (a circle of arcs in the BGT) and a pavilion with an address.
    px, py = r3(x0 + rng.uniform(12, 30)), r3(y0 + rng.uniform(10, 20))
    pav = rect(px, py, px + 9.0, py + 6.5)
    p = Pand(
        pav,
        "pavilion",
        (("special", "Julianaplein"), "L", px),
        _bbox(pav, "S"),
        [["bijeenkomstfunctie"]],
        "single",
        floors=1,
        bouwjaar=rng.randint(1985, 2020),
    )
    block.plots.append(Plot(rect(x0, y0, x1, y1), [p], "park"))
    block.extra_terrain.append(("pond", (r3((x0 + x1) / 2 + 10), r3((y0 + y1) / 2), r3(rng.uniform(8, 12)))))
