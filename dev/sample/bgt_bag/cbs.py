"""CBS wijken and buurten: a synthetic tiling of the sample area with the real Den Helder codes and names.

Buurt boundaries run along street centre lines, so every address lies metres away from a boundary and
falls in exactly one buurt whatever RD/WGS84 transformation a consumer uses. Output is WGS84 GeoJSON
as CBS/PDOK publish it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from kern.crs import naar_wgs84

from . import names as N
from .util import orient, r3


@dataclass
class Area:
    """The sample area (also the woonplaats geometry): a rectangle with a notch in the north-west."""

    x0: float
    y0: float
    x1: float
    y1: float
    notch: float

    @property
    def ring(self) -> list:
        n = self.notch
        return [
            (self.x0, self.y0),
            (self.x1, self.y0),
            (self.x1, self.y1),
            (r3(self.x0 + n), self.y1),
            (r3(self.x0 + n), r3(self.y1 - n)),
            (self.x0, r3(self.y1 - n)),
            (self.x0, self.y0),
        ]


@dataclass
class Buurt:
    code: str
    name: str
    wijk: str
    ring: list
    blocks: list = field(default_factory=list)


def _groups(rng, n: int, k: int) -> list:
    """Split range(n) into k contiguous, non-empty groups with a little randomness."""
    k = max(1, min(k, n))
    cuts = sorted(rng.sample(range(1, n), k - 1)) if k > 1 else []
    if k > 1 and rng.random() < 0.5:  # sometimes prefer an even split
        cuts = [round(n * t / k) for t in range(1, k)]
    bounds = [0] + cuts + [n]
    return [(bounds[t], bounds[t + 1]) for t in range(k)]


def partition(rng, grid, area: Area, harbour_xy: tuple) -> list:
    nx, ny = grid.nx, grid.ny
    wy = min(len(N.WIJK_ROWS), max(1, round(math.sqrt(nx * ny / 48))))
    mid = nx // 2
    row_groups = _groups(rng, ny, wy)[::-1]  # north first, like WIJK_ROWS

    def xcut(c):
        return area.x0 if c == 0 else area.x1 if c == nx else grid.vlines[c].centre

    def ycut(r):
        return area.y0 if r == 0 else area.y1 if r == ny else grid.hlines[r].centre

    buurten = []
    for (r0, r1), pair in zip(row_groups, N.WIJK_ROWS, strict=False):
        for (c0, c1), wk in zip(((0, mid), (mid, nx)), pair, strict=True):
            cc, rr = c1 - c0, r1 - r0
            k = min(len(N.BUURTEN[wk]), max(1, round(cc * rr / 3.5)), cc * rr)
            g = max(1, min(cc, round(math.sqrt(k * cc / rr))))
            counts = [k // g + (1 if t < k % g else 0) for t in range(g)]
            regions = []
            for (a0, a1), m in zip(_groups(rng, cc, g), counts, strict=True):
                for b0, b1 in _groups(rng, rr, min(m, rr)):
                    regions.append((c0 + a0, c0 + a1, r0 + b0, r0 + b1))
            regions.sort(key=lambda t: (-t[2], t[0]))
            chosen = sorted(N.BUURTEN[wk][: len(regions)])
            wijk_buurten = []
            for (ca, cb, ra, rb), (code, name) in zip(regions, chosen, strict=True):
                x0, x1, y0, y1 = xcut(ca), xcut(cb), ycut(ra), ycut(rb)
                ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
                if x0 == area.x0 and y1 == area.y1 and area.notch:
                    n = area.notch
                    ring = [
                        (x0, y0),
                        (x1, y0),
                        (x1, y1),
                        (r3(x0 + n), y1),
                        (r3(x0 + n), r3(y1 - n)),
                        (x0, r3(y1 - n)),
                        (x0, y0),
                    ]
                b = Buurt(code, name, wk, ring)
                b.blocks = [blk.index for blk in grid.blocks if ca <= blk.i < cb and ra <= blk.j < rb]
                wijk_buurten.append(b)
            _name_harbour(wijk_buurten, harbour_xy)
            buurten += wijk_buurten
    for b in buurten:
        for bi in b.blocks:
            grid.blocks[bi].buurt = buurten.index(b)
    return buurten


def _name_harbour(buurten: list, xy: tuple) -> None:
    # Give the Binnenhaven to Havenbuurt when that buurt is in use, as in the real town.
    haven = next((b for b in buurten if b.code == "BU04000107"), None)
    here = next((b for b in buurten if Polygon(b.ring).covers(Point(*xy))), None)
    if haven and here and haven is not here:
        haven.code, here.code = here.code, haven.code
        haven.name, here.name = here.name, haven.name


def buurt_of(buurten: list, x: float, y: float) -> int:
    p = Point(x, y)
    for k, b in enumerate(buurten):
        if Polygon(b.ring).covers(p):
            return k
    raise ValueError(f"point {x} {y} lies outside the sample area")


def _node(ring: list, points: list) -> list:
    """Insert every partition vertex that lies on an edge, so neighbours share identical vertices after
    the transformation to WGS84 (no slivers or gaps at T-junctions). All edges are axis-parallel."""
    out = [ring[0]]
    for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False):
        on = []
        for px, py in points:
            if ax == bx == px and min(ay, by) < py < max(ay, by):
                on.append((abs(py - ay), (px, py)))
            elif ay == by == py and min(ax, bx) < px < max(ax, bx):
                on.append((abs(px - ax), (px, py)))
        out += [p for _, p in sorted(set(on))]
        out.append((bx, by))
    return out


def _feature(props: dict, rings: list) -> str:
    # One polygon per feature, wrapped as MultiPolygon like the PDOK/CBS downloads.
    parts = []
    for ring in rings:
        pts = ",".join(f"[{lon:.7f},{lat:.7f}]" for lon, lat in (naar_wgs84(x, y) for x, y in ring))
        parts.append(f"[{pts}]")
    geom = '{"type":"MultiPolygon","coordinates":[[' + ",".join(parts) + "]]}"
    return (
        '{"type":"Feature","properties":'
        + json.dumps(props, ensure_ascii=False)
        + ',"geometry":'
        + geom
        + "}"
    )


def _collection(name: str, features: list) -> str:
    head = (
        '{"type":"FeatureCollection","name":"' + name + '","crs":{"type":"name","properties":'
        '{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[\n'
    )
    return head + ",\n".join(features) + "\n]}\n"


def write(out_dir: Path, buurten: list) -> dict:
    points = sorted({p for b in buurten for p in b.ring})
    wijken = {}
    for b in buurten:
        wijken.setdefault(b.wijk, []).append(b)
    wijk_feats = []
    for wk in sorted(wijken):
        merged = unary_union([Polygon(b.ring) for b in wijken[wk]])
        if merged.geom_type != "Polygon":
            raise ValueError(f"wijk {wk} is not one polygon")
        ext = orient([(r3(x), r3(y)) for x, y in merged.exterior.coords])
        holes = [orient([(r3(x), r3(y)) for x, y in h.coords], ccw=False) for h in merged.interiors]
        rings = [_node(ext, points)] + [_node(h, points) for h in holes]
        props = {
            "statcode": wk,
            "statnaam": N.WIJKEN[wk],
            "gm_code": N.CBS_GM_CODE,
            "gm_naam": N.GEMEENTE_NAAM,
        }
        wijk_feats.append(_feature(props, rings))
    buurt_feats = []
    for b in sorted(buurten, key=lambda t: t.code):
        props = {
            "statcode": b.code,
            "statnaam": b.name,
            "wk_code": b.wijk,
            "gm_code": N.CBS_GM_CODE,
            "gm_naam": N.GEMEENTE_NAAM,
        }
        buurt_feats.append(_feature(props, [_node(orient(b.ring), points)]))
    code = N.GEMEENTE_CODE
    for kind, feats in (("wijken", wijk_feats), ("buurten", buurt_feats)):
        name = f"cbs_{kind}_{code}"
        (out_dir / f"{name}.geojson").write_bytes(_collection(name, feats).encode("utf-8"))
    return {"cbs_wijken": len(wijk_feats), "cbs_buurten": len(buurt_feats)}
