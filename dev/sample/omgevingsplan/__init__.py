"""The Den Helder sample omgevingsplan: a real STOP/TPOD delivery over the kaartlagen sample area.

`generate(out, sample_dir, gemeente_bbox)` reads the generated BAG and BGT sample in `sample_dir`
(dev.sample.bgt_bag) and writes the delivery into `out`; deterministic, so the same sample gives the same
files byte for byte. See docs/omgevingsplan.md for what it contains.
"""

import time
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon, box

from dev.sample.omgevingsplan import inhoud as I
from dev.sample.omgevingsplan import schrijven as S
from dev.sample.omgevingsplan.gebieden import bepaal, lees_bag, lees_water, wkt_coords
from toepasbare_regels.omgevingsplan.waardelijsten import uri

BESTANDEN = {
    "owLocaties.xml": ["Gebied", "Gebiedengroep"],
    "owActiviteiten.xml": ["Activiteit"],
    "owGebiedsaanwijzingen.xml": ["Gebiedsaanwijzing"],
    "owOmgevingsnormOmgevingswaarde.xml": ["Omgevingsnorm"],
    "owRegeltekst.xml": ["Regeltekst", "RegelVoorIedereen"],
}


def _polygonen(vorm) -> list[list[str]]:
    delen = vorm.geoms if isinstance(vorm, MultiPolygon) else [vorm]
    return [wkt_coords(p) for p in delen if isinstance(p, Polygon)]


class _Plan:
    """Collects gebieden (with their GIO) and groepen while the werkingsgebieden are laid out."""

    def __init__(self):
        self.gebieden: list[tuple[str, str, str]] = []  # identificatie, noemer, gio file
        self.groepen: dict[str, tuple[str, list[str]]] = {}
        self.gio: dict[str, list] = {}

    def gebied(self, gio: str, lokaal: str, noemer: str, vorm, waarde=None, groepen=()) -> str:
        ident = I.ident("gebied", lokaal)
        self.gebieden.append((ident, noemer, gio))
        self.gio.setdefault(gio, []).append((S.geometrie_id(ident), noemer, _polygonen(vorm), waarde))
        for groep in groepen:
            self.groepen.setdefault(I.ident("gebiedengroep", groep), (groep, []))[1].append(ident)
        return ident


def _werkingsgebieden(sample_dir: Path, bbox) -> tuple[_Plan, list[dict]]:
    bag = next(sample_dir.glob("BAGGEM0400L-*.zip"))
    panden = lees_bag(bag)
    g = bepaal(panden, lees_water(sample_dir / "bgt_0400.zip"))
    plan = _Plan()
    plan.gebied("Gemeentegrens", "Gemeentegrens", "Gemeentegrens Den Helder", box(*bbox))
    for functie in I.FUNCTIES:
        for n, vorm in enumerate(g.functies[functie], 1):
            plan.gebied("Functies", f"{functie}-{n:04d}", functie, vorm, groepen=[functie])
    plan.gebied(
        "BeschermdDorpsgezicht",
        "BeschermdDorpsgezicht",
        "Beschermd dorpsgezicht Oud Den Helder",
        g.dorpsgezicht,
    )
    for pand in g.monumenten:
        plan.gebied(
            "Monumenten",
            f"Monument-{pand.identificatie}",
            f"Gemeentelijk monument (pand {pand.identificatie})",
            pand.vorm,
            groepen=["Monumenten"],
        )
    normwaarden = []
    for pand_id, vorm, hoogte in g.bouwvlakken:
        ident = plan.gebied(
            "Bouwvlakken", f"Bouwvlak-{pand_id}", f"Bouwvlak {pand_id}", vorm, hoogte, ["Bouwvlakken"]
        )
        normwaarden.append(
            {
                "identificatie": I.ident("normwaarde", f"Bouwhoogte-{pand_id}"),
                "waarde": hoogte,
                "locatie": ident,
            }
        )
    for n, vorm in enumerate(g.evenemententerreinen, 1):
        plan.gebied(
            "Evenemententerreinen",
            f"Evenemententerrein-{n}",
            f"Evenemententerrein {n}",
            vorm,
            groepen=["Evenemententerreinen"],
        )
    return plan, normwaarden


def _locaties(out: Path, plan: _Plan):
    with S.ow_bestand(out / "owLocaties.xml", BESTANDEN["owLocaties.xml"]) as schrijf:
        for ident, (noemer, leden) in plan.groepen.items():
            el = S.element("l:Gebiedengroep")
            S.sub(el, "l:identificatie", ident)
            S.sub(el, "l:noemer", noemer)
            for lid in leden:
                S.href(S.sub(el, "l:groepselement"), "l:GebiedRef", lid)
            schrijf(el)
        for ident, noemer, _ in plan.gebieden:
            el = S.element("l:Gebied")
            S.sub(el, "l:identificatie", ident)
            S.sub(el, "l:noemer", noemer)
            S.href(S.sub(el, "l:geometrie"), "l:GeometrieRef", S.geometrie_id(ident))
            schrijf(el)


def _activiteiten(out: Path):
    with S.ow_bestand(out / "owActiviteiten.xml", ["Activiteit"]) as schrijf:
        for lokaal, naam, groep, ouder in I.ACTIVITEITEN:
            el = S.element("rol:Activiteit")
            S.sub(el, "rol:identificatie", I.ident("activiteit", lokaal))
            S.sub(el, "rol:naam", naam)
            S.sub(el, "rol:groep", uri("activiteit", groep))
            S.href(
                S.sub(el, "rol:bovenliggendeActiviteit"),
                "rol:ActiviteitRef",
                ouder if "." in ouder else I.ident("activiteit", ouder),
            )
            schrijf(el)


_GEBIEDSAANWIJZINGEN = [
    *[(f, "Functie", uri("functie", groep), f, f) for f, groep in I.FUNCTIES.items()],
    ("BeschermdDorpsgezicht", "Erfgoed", uri("erfgoed", "BeschermdGezicht"), "Beschermd dorpsgezicht", None),
    ("Monumenten", "Erfgoed", uri("erfgoed", "BeschermdMonument"), "Gemeentelijk monument", "Monumenten"),
    ("Bouwvlakken", "Bouw", uri("bouw", "Bouwvlak"), "Bouwvlak", "Bouwvlakken"),
    (
        "Evenemententerreinen",
        "RuimtelijkGebruik",
        uri("ruimtelijkgebruik", "Evenemententerrein"),
        "Evenemententerrein",
        "Evenemententerreinen",
    ),
]


def _gebiedsaanwijzingen(out: Path):
    with S.ow_bestand(out / "owGebiedsaanwijzingen.xml", ["Gebiedsaanwijzing"]) as schrijf:
        for lokaal, type_, groep, naam, locatie_groep in _GEBIEDSAANWIJZINGEN:
            el = S.element("ga:Gebiedsaanwijzing")
            S.sub(el, "ga:identificatie", I.ident("gebiedsaanwijzing", lokaal))
            S.sub(el, "ga:type", uri("typegebiedsaanwijzing", type_))
            S.sub(el, "ga:naam", naam)
            S.sub(el, "ga:groep", groep)
            ref = I.ident("gebiedengroep", locatie_groep) if locatie_groep else I.LOC_DORPSGEZICHT
            S.href(S.sub(el, "ga:locatieaanduiding"), "l:LocatieRef", ref)
            schrijf(el)


def _normen(out: Path, normwaarden: list[dict]):
    with S.ow_bestand(out / "owOmgevingsnormOmgevingswaarde.xml", ["Omgevingsnorm"]) as schrijf:
        el = S.element("rol:Omgevingsnorm")
        S.sub(el, "rol:identificatie", I.NORM_BOUWHOOGTE)
        S.sub(el, "rol:naam", "maximum bouwhoogte")
        S.sub(el, "rol:type", uri("typenorm", "MaximumBouwhoogte"))
        S.sub(el, "rol:eenheid", uri("eenheid", "Meter"))
        houder = S.sub(el, "rol:normwaarde")
        for w in normwaarden:
            nw = S.sub(houder, "rol:Normwaarde")
            S.sub(nw, "rol:identificatie", w["identificatie"])
            S.sub(nw, "rol:kwantitatieveWaarde", f"{w['waarde']:g}")
            S.href(S.sub(nw, "rol:locatieaanduiding"), "l:LocatieRef", w["locatie"])
        S.sub(el, "rol:groep", uri("omgevingsnorm", "Bouwaanduiding"))
        schrijf(el)


def _regels(out: Path):
    with S.ow_bestand(out / "owRegeltekst.xml", ["Regeltekst", "RegelVoorIedereen"]) as schrijf:
        for lokaal, art, aanduidingen, locaties, gebiedsaanwijzingen, normen in I.REGELS:
            wid = next(w for w in I.ARTIKELEN if w.endswith("__" + art))
            rt = S.element("r:Regeltekst", wId=wid)
            S.sub(rt, "r:identificatie", I.ident("regeltekst", lokaal))
            schrijf(rt)
            el = S.element("r:RegelVoorIedereen")
            S.sub(el, "r:identificatie", I.ident("juridischeregel", lokaal))
            S.sub(el, "r:idealisatie", uri("idealisatie", "Exact"))
            S.href(S.sub(el, "r:artikelOfLid"), "r:RegeltekstRef", I.ident("regeltekst", lokaal))
            houder = S.sub(el, "r:locatieaanduiding")
            for loc in locaties:
                S.href(houder, "l:LocatieRef", loc)
            for n, (activiteit, kwalificatie, ala_locaties) in enumerate(aanduidingen, 1):
                aa = S.sub(el, "r:activiteitaanduiding")
                S.href(aa, "rol:ActiviteitRef", I.ident("activiteit", activiteit))
                ala = S.sub(aa, "r:ActiviteitLocatieaanduiding")
                S.sub(ala, "r:identificatie", I.ident("activiteitlocatieaanduiding", f"{lokaal}-{n}"))
                S.sub(ala, "r:activiteitregelkwalificatie", uri("activiteitregelkwalificatie", kwalificatie))
                houder = S.sub(ala, "r:locatieaanduiding")
                for loc in ala_locaties:
                    S.href(houder, "l:LocatieRef", loc)
            for ga in gebiedsaanwijzingen:
                S.href(S.sub(el, "r:gebiedsaanwijzing"), "ga:GebiedsaanwijzingRef", ga)
            for norm in normen:
                S.href(S.sub(el, "r:omgevingsnormaanduiding"), "rol:OmgevingsnormRef", norm)
            schrijf(el)


def generate(out: Path, sample_dir: Path, gemeente_bbox) -> dict:
    """Write the delivery; returns counts (and seconds)."""
    start = time.monotonic()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    plan, normwaarden = _werkingsgebieden(Path(sample_dir), gemeente_bbox)
    _locaties(out, plan)
    _activiteiten(out)
    _gebiedsaanwijzingen(out)
    _normen(out, normwaarden)
    _regels(out)
    norm = ("meter", uri("eenheid", "Meter"), "maximum bouwhoogte", uri("typenorm", "MaximumBouwhoogte"))
    for naam, locaties in plan.gio.items():
        S.gio(
            out / f"{naam}.gml",
            f"/join/id/regdata/gm0400/2024/{naam}",
            locaties,
            norm if naam == "Bouwvlakken" else None,
        )
    S.akn(
        out / "akn_nl_bill_gm0400-2024-omgevingsplan.xml",
        I.REGELING,
        I.EXPRESSIE,
        I.TITEL,
        I.GELDIG_VANAF,
        I.ARTIKELEN,
    )
    S.manifest(out / "manifest-ow.xml", I.REGELING, list(BESTANDEN.items()))
    return {
        "gebieden": len(plan.gebieden),
        "gebiedengroepen": len(plan.groepen),
        "monumenten": len(plan.groepen.get(I.LOC_MONUMENTEN, ("", []))[1]),
        "bouwvlakken": len(normwaarden),
        "seconds": round(time.monotonic() - start, 2),
    }
