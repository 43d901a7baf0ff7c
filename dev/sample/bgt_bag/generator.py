"""generate(): build the synthetic town once and write BAG, BGT and CBS files from it."""

from __future__ import annotations

import random
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from . import addresses, bag, bgt, bgt_features, cbs, history, layout, streets
from . import names as N
from .bgt_features import Feature
from .streets import Harbour, poly
from .util import Serials, r3, rect

STATUS_WEIGHTS = [
    (N.PND_IN_GEBRUIK, 0.885),
    (N.PND_NIET_INGEMETEN, 0.03),
    (N.PND_VERBOUWING, 0.015),
    (N.PND_BOUW_GESTART, 0.015),
    (N.PND_VERGUNNING, 0.015),
    (N.PND_SLOOPVERGUNNING, 0.008),
    (N.PND_GESLOOPT, 0.014),
    (N.PND_NIET_GEREALISEERD, 0.006),
]


def _area(grid, harbour: Harbour) -> cbs.Area:
    gx0, gy0, gx1, gy1 = grid.bbox
    bx0, by0, bx1, by1 = N.BOUNDS
    cx0, cy0, cx1, cy1 = N.CORE_AREA
    x0, y0 = max(bx0, min(cx0, gx0 - 150)), max(by0, min(cy0, gy0 - 150))
    x1, y1 = min(bx1, max(cx1, harbour.x1 + 150)), min(by1, max(cy1, gy1 + 150))
    notch = r3(min(150.0, gx0 - 30 - x0, y1 - gy1 - 30))
    return cbs.Area(r3(x0), r3(y0), r3(x1), r3(y1), max(notch, 0.0))


def _statuses(rng, grid) -> None:
    names, weights = zip(*STATUS_WEIGHTS, strict=True)
    for block in grid.blocks:
        for plot in block.plots:
            for k, p in enumerate(plot.panden):
                p.block = block.index
                if p.kind in ("shed", "garage"):
                    p.geconstateerd = p.kind == "shed" and rng.random() < 0.1
                    continue
                if p.kind in ("pavilion", "school", "zorg") and block.kind in ("park", "public"):
                    continue
                p.status = rng.choices(names, weights)[0]
                p.ended = p.status in N.PND_GONE and rng.random() < 0.3
                if p.status in N.PND_GONE:
                    for other in plot.panden[k + 1 :]:  # the shed of a demolished house went with it
                        other.status, other.ended = N.PND_GESLOOPT, p.ended


def _road_material(rng, line, fn: str) -> dict:
    if fn == "berm":
        return {"function": fn, "mat": "groenvoorziening", "plus": "gras- en kruidachtigen"}
    if fn == "parkeervlak":
        return {"function": fn, "mat": "open verharding", "plus": "betonstraatstenen"}
    if fn == "fietspad":
        return {
            "function": fn,
            "mat": "gesloten verharding",
            "plus": "asfalt" if rng.random() < 0.9 else None,
        }
    if not line.main and rng.random() < 0.4:
        return {"function": fn, "mat": "open verharding", "plus": "gebakken klinkers"}
    return {"function": fn, "mat": "gesloten verharding", "plus": "asfalt", "drempel": rng.random() < 0.03}


def _public_space(rng, grid, harbour: Harbour) -> list:
    feats = []
    for block in grid.blocks:
        plus = "tegels" if rng.random() < 0.6 else "betonstraatstenen"
        feats.append(
            Feature(
                "wegdeel",
                {"function": "voetpad", "mat": "open verharding", "plus": plus},
                streets.sidewalk(grid, block),
            )
        )
        if rng.random() < 0.15:  # a former driveway across the sidewalk, only in the history
            x = r3(block.x0 + rng.uniform(10, 40))
            feats.append(
                Feature(
                    "wegdeel",
                    {"function": "inrit", "mat": "open verharding", "plus": "betonstraatstenen"},
                    poly(rect(x, grid.hlines[block.j].k1, x + 3.5, block.y0)),
                    extra={"ended": True},
                )
            )
    for i in range(grid.nx + 1):
        for j in range(grid.ny + 1):
            holes = []
            attrs = {"function": "rijbaan lokale weg", "mat": "gesloten verharding", "plus": "asfalt"}
            if (i, j) == grid.roundabout:
                vl, hl = grid.vlines[i], grid.hlines[j]
                cx, cy = r3((vl.k0 + vl.k1) / 2), r3((hl.k0 + hl.k1) / 2)
                r = r3(min(vl.k1 - vl.k0, hl.k1 - hl.k0) / 2 - 5.0)
                holes = [streets.circle(cx, cy, r, ccw=False)]
                feats.append(
                    Feature(
                        "ondersteunendwegdeel",
                        {
                            "function": "verkeerseiland",
                            "mat": "groenvoorziening",
                            "plus": "gras- en kruidachtigen",
                        },
                        poly(streets.circle(cx, cy, r)),
                    )
                )
            feats.append(Feature("wegdeel", attrs, poly(streets.node_piece(grid, i, j), holes)))
    for kind, fn, geom, line in streets.arms(grid):
        feats.append(
            Feature(
                "wegdeel" if kind == "weg" else "ondersteunendwegdeel", _road_material(rng, line, fn), geom
            )
        )
    feats.append(Feature("waterdeel", {"class": "watervlakte", "plus": None}, harbour.water()))
    feats.append(
        Feature(
            "onbegroeidterreindeel",
            {"fysiek": "gesloten verharding", "plus": "gebakken klinkers"},
            harbour.quay(),
        )
    )
    for geom in harbour.walls():
        feats.append(Feature("scheiding", {"type": "kademuur", "plus": None}, geom))
    feats.append(
        Feature(
            "begroeidterreindeel",
            {"class": "groenvoorziening", "plus": "gras- en kruidachtigen"},
            streets.green_belt(grid, harbour),
        )
    )
    return feats


def _renames(rng, oprs: list) -> dict:
    """Two street names that were corrected after the initial load (old spelling in voorkomen 1)."""
    weg = [o for o in oprs if o.type == "Weg" and o.status == N.NUM_UITGEGEVEN]
    fancy = [o for o in weg if "." in o.naam or "ë" in o.naam]
    picks = (fancy + rng.sample(weg, 2))[:2]
    return {
        o.id: o.naam.replace(". ", " ").replace(".", "").replace("ë", "e") if o in fancy else "Oude " + o.naam
        for o in picks
    }


def expected_files(stand: date = date(2026, 11, 1)) -> list:
    """Names of the files generate() writes for a stand date."""
    code = N.GEMEENTE_CODE
    return [
        f"BAGGEM{code}L-{stand.strftime('%d%m%Y')}.zip",
        f"bgt_{code}.zip",
        f"cbs_wijken_{code}.geojson",
        f"cbs_buurten_{code}.geojson",
    ]


def generate(out_dir: Path, seed: int = 400, scale: int = 1, stand: date = date(2026, 11, 1)) -> dict:
    """Write the sample into out_dir and return counts per object type (plus 'seconds').

    Byte-for-byte deterministic for the same arguments: one random.Random(seed) drives everything and
    zip entries carry a fixed timestamp derived from the stand date.
    """
    t0 = time.perf_counter()
    out_dir = Path(out_dir)
    if scale < 1:
        raise ValueError("scale must be >= 1")
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not security
    clock = history.Clock(rng, stand)
    grid = layout.build_grid(rng, scale, Harbour.WIDTH)
    harbour = Harbour(grid, 15 * scale, 10 * scale, [hl.centre for hl in grid.hlines])
    area = _area(grid, harbour)
    buurten = cbs.partition(rng, grid, area, ((harbour.x0 + harbour.x1) / 2, (harbour.y0 + harbour.y1) / 2))
    for block in grid.blocks:
        layout.fill_block(rng, block)
    _statuses(rng, grid)

    serials = Serials(rng)
    oprs, seg_opr, specials = addresses.name_streets(rng, grid, serials)
    slots = addresses.collect_slots(grid, seg_opr, specials)
    book = addresses.PostcodeBook(len(buurten))
    addresses.number_slots(rng, slots, book)

    panden, vbos, nums = [], [], []
    for block in grid.blocks:
        for plot in block.plots:
            for p in plot.panden:
                p.id = serials.next("PND")
                p.versions = history.pand_versions(clock, p)
                panden.append(p)
                if p.units:
                    p.vbos = addresses.make_vbos(rng, p, serials)
                for v in p.vbos:
                    v.versions = history.vbo_versions(clock, v)
                    gone = v.status in (N.VBO_INGETROKKEN, N.VBO_NIET_GEREALISEERD)
                    for num in [v.hoofd] + v.neven:
                        num.versions = history.num_versions(
                            clock, num, v.versions[0].begin, v.versions[-1].begin if gone else None, p.ended
                        )
                        nums.append(num)
                    vbos.append(v)
    plaatsen = addresses.make_plaatsen(
        serials, harbour.lig, harbour.sta, specials, book, lambda x, y: cbs.buurt_of(buurten, x, y)
    )
    for pl in plaatsen:
        if pl.status == N.PLAATS_INGETROKKEN:
            pl.versions = history.simple_versions(clock, withdrawn_status=N.PLAATS_AANGEWEZEN)
            pl.hoofd.versions = history.num_versions(
                clock, pl.hoofd, pl.versions[0].begin, pl.versions[-1].begin, False
            )
        else:
            pl.versions = clock.chain([(clock.initial_doc(rng.randint(1995, 2012)), {})])
            pl.hoofd.versions = clock.chain([(pl.versions[0].begin, {})])
        for num in pl.neven:
            num.versions = clock.chain([(pl.versions[0].begin, {})])
        nums += [pl.hoofd] + pl.neven
    renames = _renames(rng, oprs)
    for o in oprs:
        withdrawn = N.NUM_UITGEGEVEN if o.status == N.NUM_INGETROKKEN else None
        o.versions = history.simple_versions(clock, withdrawn_status=withdrawn, rename=renames.get(o.id))
    wpl = SimpleNamespace(
        id=N.WOONPLAATS_CODE,
        naam=N.WOONPLAATS_NAAM,
        ring=area.ring,
        versions=clock.chain([(date(2009, 1, 20), {})]),
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    bag.write(out_dir, stand, wpl, oprs, nums, panden, vbos, plaatsen)

    feats = []
    for block in grid.blocks:
        feats += bgt_features.block_features(rng, block)
    feats += _public_space(rng, grid, harbour)
    records = bgt_features.stamp_history(rng, feats, stand)
    _, bgt_counts = bgt.write(out_dir, records, stand)
    cbs_counts = cbs.write(out_dir, buurten)

    counts = {
        "woonplaats": 1,
        "openbareruimte": len(oprs),
        "nummeraanduiding": len(nums),
        "pand": len(panden),
        "verblijfsobject": len(vbos),
        "ligplaats": sum(p.kind == "LIG" for p in plaatsen),
        "standplaats": sum(p.kind == "STA" for p in plaatsen),
        "voorkomens": sum(len(o.versions) for group in (oprs, nums, panden, vbos, plaatsen) for o in group)
        + 1,
        "nevenadressen": sum(len(v.neven) for v in vbos) + sum(len(p.neven) for p in plaatsen),
    }
    counts.update(bgt_counts)
    counts.update(cbs_counts)
    counts["seconds"] = round(time.perf_counter() - t0, 2)
    return counts
