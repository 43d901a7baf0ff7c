"""The werkingsgebieden of the sample plan, derived from the generated BAG and BGT sample.

Reading the sample files (not the generator's internals) keeps the plan consistent with the panden
that `make load` puts in the database, whatever the kaartlagen generator does inside.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from shapely import wkt as shapely_wkt
from shapely.geometry import Polygon, box

from dev.sample.bgt_bag import names as N
from dev.sample.omgevingsplan.inhoud import BOUWHOOGTE, BOUWHOOGTE_KLEIN, KLEIN_M2
from kern.importing.gml import first_geometry, geometry_wkt
from kern.importing.sources import bestanden

CEL = 50.0  # m: the functie map is a grid of cells this size
GEZICHT_CELLEN = 6  # the beschermd dorpsgezicht is a square of 6 × 6 cells (300 m)
MONUMENT_AANDEEL = 0.02
MONUMENT_TOT_BOUWJAAR = 1930
EVENEMENTENTERREINEN = 3
_WEG = N.PND_GONE | {N.PND_VERGUNNING}  # not (yet) standing: no bouwvlak, no monument
_CENTRUM = {"winkelfunctie", "kantoorfunctie", "bijeenkomstfunctie", "logiesfunctie"}


@dataclass
class Pand:
    identificatie: str
    bouwjaar: int
    vorm: Polygon
    doelen: list[str] = field(default_factory=list)


@dataclass
class Gebieden:
    functies: dict[str, list[Polygon]]  # functie -> cells (and water bodies)
    dorpsgezicht: Polygon
    monumenten: list[Pand]
    bouwvlakken: list[tuple[str, Polygon, int]]  # pand id, bouwvlak, maximum bouwhoogte
    evenemententerreinen: list[Polygon]


def _parse(fh, naam: str):
    return etree.iterparse(fh, events=("end",), tag="{*}" + naam, resolve_entities=False, no_network=True)


def _tekst(el, naam: str) -> str:
    found = el.find(".//{*}" + naam)
    return (found.text or "").strip() if found is not None and found.text else ""


def lees_bag(bag_zip: Path) -> list[Pand]:
    """The current panden with their gebruiksdoelen (from the verblijfsobjecten in them)."""
    panden: dict[str, Pand] = {}
    doelen: dict[str, set[str]] = {}
    for bestand in bestanden(bag_zip):
        if "PND" in bestand.basename and bestand.basename.endswith(".xml"):
            with bestand.open() as fh:
                for _, el in _parse(fh, "Pand"):
                    if _tekst(el, "eindRegistratie") or _tekst(el, "eindGeldigheid"):
                        el.clear()
                        continue
                    if _tekst(el, "status") not in _WEG:
                        vorm = shapely_wkt.loads(geometry_wkt(first_geometry(el.find("{*}geometrie"))))
                        ident = _tekst(el, "identificatie")
                        panden[ident] = Pand(ident, int(_tekst(el, "oorspronkelijkBouwjaar") or 0), vorm)
                    el.clear()
        elif "VBO" in bestand.basename and bestand.basename.endswith(".xml"):
            with bestand.open() as fh:
                for _, el in _parse(fh, "Verblijfsobject"):
                    if not _tekst(el, "eindRegistratie"):
                        gebruik = {(d.text or "").strip() for d in el.iter("{*}gebruiksdoel")}
                        for ref in el.iter("{*}PandRef"):
                            doelen.setdefault((ref.text or "").strip(), set()).update(gebruik)
                    el.clear()
    for ident, pand in panden.items():
        pand.doelen = sorted(doelen.get(ident, ()))
    return [panden[k] for k in sorted(panden)]


def lees_water(bgt_zip: Path) -> list[Polygon]:
    """The BGT waterdelen, as their bounding boxes (they may have arcs; a box is enough for a functie)."""
    water = []
    for bestand in bestanden(bgt_zip):
        if bestand.basename != "bgt_waterdeel.gml":
            continue
        with bestand.open() as fh:
            for _, el in _parse(fh, "Waterdeel"):
                getallen = [float(v) for p in el.iter("{*}posList") for v in (p.text or "").split()]
                xs, ys = getallen[0::2], getallen[1::2]
                if xs:
                    water.append(box(min(xs), min(ys), max(xs), max(ys)))
                el.clear()
    return water


def _functie(panden: list[Pand]) -> str:
    if not panden:
        return "Groen"
    doelen = [d for p in panden for d in (p.doelen or ["woonfunctie"])]
    # Industry is rare in the sample town: any of it makes the cell a bedrijventerreintje.
    if "industriefunctie" in doelen:
        return "Bedrijf"
    if sum(d in _CENTRUM for d in doelen) >= 0.3 * len(doelen):
        return "Centrum"
    return "Wonen"


def bepaal(panden: list[Pand], water: list[Polygon]) -> Gebieden:
    x0 = min(p.vorm.bounds[0] for p in panden) // CEL * CEL - CEL
    y0 = min(p.vorm.bounds[1] for p in panden) // CEL * CEL - CEL
    x1 = max(p.vorm.bounds[2] for p in panden) // CEL * CEL + 2 * CEL
    y1 = max(p.vorm.bounds[3] for p in panden) // CEL * CEL + 2 * CEL
    nx, ny = int((x1 - x0) // CEL), int((y1 - y0) // CEL)
    per_cel: dict[tuple[int, int], list[Pand]] = {}
    for p in panden:
        c = p.vorm.centroid
        per_cel.setdefault((int((c.x - x0) // CEL), int((c.y - y0) // CEL)), []).append(p)

    def cel(i, j) -> Polygon:
        return box(x0 + i * CEL, y0 + j * CEL, x0 + (i + 1) * CEL, y0 + (j + 1) * CEL)

    functies: dict[str, list[Polygon]] = {f: [] for f in BOUWHOOGTE}
    functie_van: dict[tuple[int, int], str] = {}
    for j in range(ny):
        for i in range(nx):
            functie_van[i, j] = _functie(per_cel.get((i, j), []))
            functies[functie_van[i, j]].append(cel(i, j))
    functies["Water"] = water

    # The beschermd dorpsgezicht: the square of cells with the most old panden.
    def oud(i, j):
        return sum(1 for p in per_cel.get((i, j), []) if 0 < p.bouwjaar < MONUMENT_TOT_BOUWJAAR)

    k = GEZICHT_CELLEN
    beste = max(
        ((i, j) for i in range(max(nx - k, 0) + 1) for j in range(max(ny - k, 0) + 1)),
        key=lambda ij: (sum(oud(ij[0] + a, ij[1] + b) for a in range(k) for b in range(k)), -ij[1], -ij[0]),
    )
    gezicht = box(
        x0 + beste[0] * CEL, y0 + beste[1] * CEL, x0 + (beste[0] + k) * CEL, y0 + (beste[1] + k) * CEL
    )

    # Monumenten: about 2 % of the panden, spread evenly over the oldest ones.
    oude = sorted(
        (p for p in panden if 0 < p.bouwjaar < MONUMENT_TOT_BOUWJAAR and p.vorm.area >= KLEIN_M2),
        key=lambda p: (p.bouwjaar, p.identificatie),
    )
    aantal = min(len(oude), max(1, round(MONUMENT_AANDEEL * len(panden))))
    stap = len(oude) / aantal if aantal else 1
    monumenten = [oude[int(n * stap)] for n in range(aantal)]

    bouwvlakken = []
    for p in panden:
        c = p.vorm.centroid
        functie = functie_van.get((int((c.x - x0) // CEL), int((c.y - y0) // CEL)), "Wonen")
        hoogte = BOUWHOOGTE_KLEIN if p.vorm.area < KLEIN_M2 else BOUWHOOGTE[functie]
        bx0, by0, bx1, by1 = p.vorm.bounds
        bouwvlakken.append((p.identificatie, box(bx0 - 1, by0 - 1, bx1 + 1, by1 + 1), hoogte))

    leeg = [
        ij
        for ij in sorted(functie_van, key=lambda ij: (ij[1], ij[0]))
        if functie_van[ij] == "Groen" and 0 < ij[0] < nx - 1 and 0 < ij[1] < ny - 1
    ]
    terreinen = [cel(*ij) for ij in leeg[:: max(1, len(leeg) // EVENEMENTENTERREINEN)][:EVENEMENTENTERREINEN]]
    return Gebieden(functies, gezicht, monumenten, bouwvlakken, terreinen)


def wkt_coords(vorm: Polygon) -> list[str]:
    """posList text of each ring of a polygon, exterior first, in RD with millimetre precision."""
    ringen = [vorm.exterior, *vorm.interiors]
    return [" ".join(f"{x:.3f} {y:.3f}" for x, y in ring.coords) for ring in ringen]


def veilige_naam(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "", text)
