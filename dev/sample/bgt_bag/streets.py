"""Geometry of the public space for the BGT: carriageways, sidewalks, harbour, green belt.

Kerbs have rounded corners at every junction, so intersections and sidewalks are gml:Ring/gml:Curve
rings mixing LineStringSegment and three-point Arc segments, as in real BGT. A block's sidewalk and the
junction next to it compute each shared arc from the same centre and angles, so their coordinates match
to the millimetre.
"""

from __future__ import annotations

from shapely.geometry import Polygon, box
from shapely.ops import unary_union

from .util import arc, orient, r3, rect


class Segs(list):
    """A ring or line made of ('L', points) and ('A', [start, mid, end]) segments."""


def curve_ring(elems: list):
    """Ring from corner elements in order: ('P', point) or ('A', arc points); straight lines in between."""
    segs, cur, has_arc = Segs(), [], False
    start = elems[0][1] if elems[0][0] == "P" else elems[0][1][0]
    for kind, v in elems:
        if kind == "P":
            cur.append(v)
            continue
        has_arc = True
        cur.append(v[0])
        _emit(segs, cur)
        segs.append(("A", list(v)))
        cur = [v[2]]
    cur.append(start)
    if not has_arc:
        return orient(_dedupe(cur))
    _emit(segs, cur)
    return segs


def _dedupe(pts: list) -> list:
    out = [pts[0]]
    for p in pts[1:]:
        if p != out[-1]:
            out.append(p)
    return out


def _emit(segs: Segs, pts: list) -> None:
    pts = _dedupe(pts)
    if len(pts) >= 2:
        segs.append(("L", pts))


def reverse(ring):
    if isinstance(ring, Segs):
        return Segs((k, list(reversed(p))) for k, p in reversed(ring))
    return ring[::-1]


def circle(cx: float, cy: float, r: float, ccw: bool = True) -> Segs:
    ring = curve_ring([("A", arc(cx, cy, r, 0, 180)), ("A", arc(cx, cy, r, 180, 360))])
    return ring if ccw else reverse(ring)


def poly(ext, holes=()) -> dict:
    return {"ext": ext, "holes": list(holes)}


def node_piece(grid, i: int, j: int):
    """Carriageway of the junction of vertical line i and horizontal line j (counter-clockwise)."""
    vl, hl, r = grid.vlines[i], grid.hlines[j], grid.radius[(i, j)]
    xl, xr, yb, yt = vl.k0, vl.k1, hl.k0, hl.k1
    left, right, down, up = i > 0, i < grid.nx, j > 0, j < grid.ny
    rl, rr, rd, ru = (r if a else 0.0 for a in (left, right, down, up))
    elems = [
        ("A", arc(xl - r, yb - r, r, 90, 0)) if left and down else ("P", (r3(xl - rl), r3(yb - rd))),
        ("A", arc(xr + r, yb - r, r, 180, 90)) if right and down else ("P", (r3(xr + rr), r3(yb - rd))),
        ("A", arc(xr + r, yt + r, r, 270, 180)) if right and up else ("P", (r3(xr + rr), r3(yt + ru))),
        ("A", arc(xl - r, yt + r, r, 360, 270)) if left and up else ("P", (r3(xl - rl), r3(yt + ru))),
    ]
    return curve_ring(elems)


def sidewalk(grid, block) -> dict:
    i, j = block.i, block.j
    x0, x1 = grid.vlines[i].k1, grid.vlines[i + 1].k0
    y0, y1 = grid.hlines[j].k1, grid.hlines[j + 1].k0
    rsw, rse, rne, rnw = (grid.radius[n] for n in ((i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)))
    ext = curve_ring(
        [
            ("A", arc(x1 - rse, y0 + rse, rse, 270, 360)),
            ("A", arc(x1 - rne, y1 - rne, rne, 0, 90)),
            ("A", arc(x0 + rnw, y1 - rnw, rnw, 90, 180)),
            ("A", arc(x0 + rsw, y0 + rsw, rsw, 180, 270)),
        ]
    )
    return poly(ext, [rect(block.x0, block.y0, block.x1, block.y1)[::-1]])


def cross_section(width: float) -> list:
    """(kind, function, offset, width) strips across a carriageway of the given kerb-to-kerb width."""
    if width < 11:
        parts = [("weg", "rijbaan lokale weg", width)]
    elif width < 15:
        parts = [
            ("weg", "parkeervlak", 2.0),
            ("weg", "rijbaan lokale weg", width - 4.0),
            ("weg", "parkeervlak", 2.0),
        ]
    else:
        parts = [
            ("ow", "berm", 2.0),
            ("weg", "fietspad", 2.0),
            ("weg", "rijbaan lokale weg", width - 8.0),
            ("weg", "fietspad", 2.0),
            ("ow", "berm", 2.0),
        ]
    out, off = [], 0.0
    for kind, fn, w in parts:
        out.append((kind, fn, r3(off), r3(off + w)))
        off += w
    return out


def arms(grid) -> list:
    """(kind, function, polygon, line) for every strip of every street segment between junctions."""
    out = []
    for i, vl in enumerate(grid.vlines):
        for j in range(grid.ny):
            y0 = r3(grid.hlines[j].k1 + grid.radius[(i, j)])
            y1 = r3(grid.hlines[j + 1].k0 - grid.radius[(i, j + 1)])
            for kind, fn, a, b in cross_section(vl.k1 - vl.k0):
                out.append((kind, fn, poly(rect(vl.k0 + a, y0, vl.k0 + b, y1)), vl))
    for j, hl in enumerate(grid.hlines):
        for i in range(grid.nx):
            x0 = r3(grid.vlines[i].k1 + grid.radius[(i, j)])
            x1 = r3(grid.vlines[i + 1].k0 - grid.radius[(i + 1, j)])
            for kind, fn, a, b in cross_section(hl.k1 - hl.k0):
                out.append((kind, fn, poly(rect(x0, hl.k0 + a, x1, hl.k0 + b)), hl))
    return out


class Harbour:
    """The Binnenhaven: a basin with rounded corners inside a quay, east of the street grid."""

    WIDTH = 140.0

    def __init__(self, grid, n_lig: int, n_sta: int, avoid_y: list):
        gx0, gy0, gx1, gy1 = grid.bbox
        length = min(gy1 - gy0, max(260.0, n_lig / 2 * 6.5 * 1.2 + 60, n_sta / 2 * 6.0 * 1.2 + 40))
        cy = (gy0 + gy1) / 2
        self.x0, self.x1 = gx1, r3(gx1 + self.WIDTH)
        self.y0, self.y1 = r3(cy - length / 2), r3(cy + length / 2)
        self.wx0, self.wx1 = r3(self.x0 + 16), r3(self.x1 - 10)
        self.wy0, self.wy1 = r3(self.y0 + 10), r3(self.y1 - 10)
        self.r = 12.0
        self.avoid_y = avoid_y
        self.lig = self._slots(
            n_lig, [(self.wx0 + 1.0, self.wx0 + 13.0), (self.wx1 - 13.0, self.wx1 - 1.0)], 5.0, 6.5
        )
        self.sta = self._slots(
            n_sta, [(self.x0 + 2.5, self.x0 + 6.5), (self.x0 + 9.0, self.x0 + 13.0)], 3.0, 6.0
        )

    def _slots(self, n: int, lanes: list, size: float, pitch: float) -> list:
        rings = []
        for lx0, lx1 in lanes:
            y = self.wy0 + self.r + 2.0
            while y + size < self.wy1 - self.r - 2.0 and len(rings) < n:
                # Keep every ligplaats and standplaats well inside one CBS buurt.
                if all(
                    abs(c - y) > 4 and abs(c - (y + size)) > 4 and not (y < c < y + size)
                    for c in self.avoid_y
                ):
                    rings.append(rect(lx0, y, lx1, y + size))
                y += pitch
        if len(rings) < n:
            raise ValueError(f"harbour too small for {n} plaatsen")
        return rings

    def water(self) -> dict:
        x0, y0, x1, y1, r = self.wx0, self.wy0, self.wx1, self.wy1, self.r
        return poly(
            curve_ring(
                [
                    ("A", arc(x1 - r, y0 + r, r, 270, 360)),
                    ("A", arc(x1 - r, y1 - r, r, 0, 90)),
                    ("A", arc(x0 + r, y1 - r, r, 90, 180)),
                    ("A", arc(x0 + r, y0 + r, r, 180, 270)),
                ]
            )
        )

    def quay(self) -> dict:
        return poly(rect(self.x0, self.y0, self.x1, self.y1), [reverse(self.water()["ext"])])

    def walls(self) -> list:
        """Kademuur along the basin: straight LineStrings and one Curve per rounded corner."""
        out = []
        for kind, pts in self.water()["ext"]:
            out.append(("line", pts) if kind == "L" else ("curve", Segs([("A", pts)])))
        return out


def green_belt(grid, harbour: Harbour, width: float = 20.0) -> dict:
    gx0, gy0, gx1, gy1 = grid.bbox
    town = unary_union([box(gx0, gy0, gx1, gy1), box(harbour.x0, harbour.y0, harbour.x1, harbour.y1)])
    outer = box(gx0 - width, gy0 - width, harbour.x1 + width, gy1 + width)
    belt = outer.difference(town)
    if not isinstance(belt, Polygon):
        raise ValueError("green belt is not one polygon")
    ext = orient([(r3(x), r3(y)) for x, y in belt.exterior.coords])
    holes = [orient([(r3(x), r3(y)) for x, y in h.coords], ccw=False) for h in belt.interiors]
    return poly(ext, holes)
