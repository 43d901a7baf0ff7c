"""BGT features built from the town layout: panden, the terreindelen that fill each plot, and history.

The current, non-plan features tile the town without gaps or overlaps (the BGT is a planar partition);
plan panden and historic records lie on top of that tiling, as they do in a real BGT download.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import unary_union

from . import names as N
from .streets import circle
from .util import bgt_gml_id, lerp_date, lokaal_id, orient, r3

LV_START = datetime(2016, 1, 20, 10, 48, 43)  # the BGT landelijke voorziening went live in January 2016


@dataclass
class Feature:
    kind: str
    attrs: dict
    geom: object
    lokaal_id: str = ""
    gml_id: str = ""
    creation: date | None = None
    termination: date | None = None
    reg: datetime | None = None
    endreg: datetime | None = None
    lv: datetime | None = None
    in_onderzoek: bool = False
    plan: bool = False
    extra: dict = field(default_factory=dict)


def _gpoly(p) -> dict:
    ext = orient([(r3(x), r3(y)) for x, y in p.exterior.coords])
    holes = [orient([(r3(x), r3(y)) for x, y in h.coords], ccw=False) for h in p.interiors]
    return {"ext": ext, "holes": holes}


def _pieces(geom) -> list:
    if geom.is_empty:
        return []
    polys = (
        list(geom.geoms)
        if isinstance(geom, MultiPolygon)
        else [geom]
        if isinstance(geom, Polygon)
        else [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)]
    )
    return [p for p in polys if p.area > 0]


PLOT_TERRAIN = {
    "erf": ("onbegroeidterreindeel", {"fysiek": "erf", "plus": None}),
    "verhard": ("onbegroeidterreindeel", {"fysiek": "open verharding", "plus": "betonstraatstenen"}),
    "plein": ("onbegroeidterreindeel", {"fysiek": "gesloten verharding", "plus": "tegels"}),
    "groen": ("begroeidterreindeel", {"class": "groenvoorziening", "plus": "gras- en kruidachtigen"}),
    "park": ("begroeidterreindeel", {"class": "groenvoorziening", "plus": "gras- en kruidachtigen"}),
}


def block_features(rng, block) -> list:
    """BGT panden and the terreindelen that fill each plot around them (the BGT is a tiling)."""
    feats = []
    for plot in block.plots:
        built = []
        for p in plot.panden:
            if p.status in N.PND_GONE or p.ended:
                if p.status == N.PND_GESLOOPT:
                    feats.append(Feature("pand", {"pand": p}, [poly_of(p)], extra={"ended": True}))
                continue
            parts = p.bgt_parts or [p.ring]
            feats.append(
                Feature(
                    "pand",
                    {"pand": p},
                    [{"ext": r, "holes": p.holes if r is p.ring else []} for r in parts],
                    plan=p.status == N.PND_VERGUNNING,
                )
            )
            if p.status != N.PND_VERGUNNING:  # plan objects are not part of the tiling
                built += [Polygon(r) for r in parts]
                for h in p.holes:
                    feats.append(
                        Feature(
                            "begroeidterreindeel",
                            dict(PLOT_TERRAIN["groen"][1]),
                            {"ext": h[::-1], "holes": []},
                        )
                    )
        rest = Polygon(plot.ring).difference(unary_union(built)) if built else Polygon(plot.ring)
        kind, attrs = PLOT_TERRAIN[plot.terrain]
        for piece in _pieces(rest):
            g = _gpoly(piece)
            if plot.terrain == "park":
                feats += _park(block, piece, g)
            feats.append(Feature(kind, dict(attrs), g))
        if plot.back and plot.terrain == "erf" and rng.random() < 0.06:
            feats.append(Feature("scheiding", {"type": "muur", "plus": None}, ("line", list(plot.back))))
    return feats


def _park(block, piece, g: dict) -> list:
    """Pond (a full circle of two arcs, a hole in the lawn), its fence and a garden wall polygon."""
    cx, cy, r = next(t[1] for t in block.extra_terrain if t[0] == "pond")
    if not piece.contains(Polygon([(cx - r, cy - r), (cx + r, cy - r), (cx + r, cy + r), (cx - r, cy + r)])):
        return []
    g["holes"].append(circle(cx, cy, r, ccw=False))
    wx, wy = r3(block.x1 - 20), r3(block.y1 - 8)
    return [
        Feature(
            "waterdeel",
            {"class": "watervlakte", "plus": "meer, plas, ven, vijver"},
            {"ext": circle(cx, cy, r), "holes": []},
        ),
        Feature("scheiding", {"type": "hek", "plus": "draadraster"}, ("curve", circle(cx, cy, r + 1.5))),
        Feature(
            "scheiding",
            {"type": "muur", "plus": None},
            {
                "ext": orient([(wx, wy), (r3(wx + 12), wy), (r3(wx + 12), r3(wy + 0.4)), (wx, r3(wy + 0.4))]),
                "holes": [],
            },
        ),
    ]


def poly_of(p) -> dict:
    return {"ext": p.ring, "holes": p.holes}


def stamp_history(rng, feats: list, stand: date) -> list:
    """Dates, identifiers and history. Returns the records in output order (by lokaalID, then time)."""
    last = datetime(stand.year, stand.month, stand.day) - timedelta(days=2)
    out = []
    for f in feats:
        f.lokaal_id = lokaal_id(rng)
        p = f.attrs.get("pand")
        built = p.versions[-1].begin if p is not None and p.bouwjaar >= 2011 and p.versions else None
        if built and built > date(2013, 7, 1) and not f.extra.get("ended"):
            f.creation = lerp_date(built, last.date(), rng.random() * 0.05)
        else:
            f.creation = lerp_date(date(2013, 7, 1), date(2016, 6, 30), rng.random())
        end = None
        if f.extra.get("ended"):
            gone = (
                p.versions[-1].begin
                if p is not None
                else lerp_date(date(2017, 1, 1), last.date(), rng.random())
            )
            end = min(_at(rng, max(gone, f.creation + timedelta(days=60))), last)
        upto = end.date() - timedelta(days=1) if end else last.date()
        f.reg = _at(rng, lerp_date(f.creation, min(upto, f.creation + timedelta(days=500)), rng.random()))
        f.endreg = end
        f.in_onderzoek = rng.random() < 0.004
        versions = [f]
        n_old = 0 if rng.random() > 0.05 else (2 if rng.random() < 0.2 else 1)
        if end:
            n_old = rng.choice((0, 1))
        for _ in range(n_old):  # older versions: same object, earlier registration
            prev = versions[0]
            old = Feature(f.kind, dict(f.attrs), f.geom, plan=f.plan)
            old.creation = f.creation
            old.reg = prev.reg - timedelta(days=rng.randint(20, 400), hours=rng.randint(0, 8))
            old.endreg = prev.reg
            _vary(rng, old)
            versions.insert(0, old)
        creation = min(f.creation, versions[0].reg.date())
        for v in versions:
            v.creation = creation
            v.lokaal_id = f.lokaal_id
            v.gml_id = bgt_gml_id(rng)
            v.termination = end.date() if end else None
            v.lv = max(
                v.reg + timedelta(minutes=rng.randint(10, 4000)),
                LV_START + timedelta(hours=rng.randint(0, 72)),
            )
            if v.endreg and v.lv > v.endreg:
                v.lv = v.endreg - timedelta(minutes=1)
            out.append(v)
    out.sort(key=lambda v: (v.lokaal_id, v.reg))
    return out


def _at(rng, d: date) -> datetime:
    return datetime(d.year, d.month, d.day, rng.randint(7, 19), rng.randint(0, 59), rng.randint(0, 59))


def _vary(rng, old: Feature) -> None:
    # What changed between versions in real updates: material, a measured geometry, an inquiry flag.
    if old.kind == "wegdeel" and old.attrs.get("plus") == "asfalt":
        old.attrs["plus"] = "gebakken klinkers"
    elif old.kind in ("onbegroeidterreindeel", "begroeidterreindeel") and rng.random() < 0.5:
        old.attrs["plus"] = None
    else:
        old.in_onderzoek = rng.random() < 0.3
