"""A STOP/TPOD delivery: OW files (IMOW objects), GIO GML (the geometry) and the AKN regeling text.

The files refer to each other (a Gebied names its geometry in a GIO, a regel its Regeltekst, whose
text is in the besluit), so the whole delivery is one unit: one fingerprint, one transaction.
"""

from datetime import date
from pathlib import Path

from kern.importing.gml import GeometryError, first_geometry, geometry_wkt
from kern.importing.pipeline import Bevinding, ImportFout
from toepasbare_regels.omgevingsplan.importing import xml
from toepasbare_regels.omgevingsplan.importing.levering import Levering
from toepasbare_regels.omgevingsplan.models import Locatie, Omgevingsnorm, Regeling
from toepasbare_regels.omgevingsplan.waardelijsten import kwalificatie

_LOCATIE_SOORTEN = {
    "Gebied": Locatie.Soort.GEBIED,
    "Lijn": Locatie.Soort.LIJN,
    "Punt": Locatie.Soort.PUNT,
    "Gebiedengroep": Locatie.Soort.GEBIEDENGROEP,
    "Lijnengroep": Locatie.Soort.LIJNENGROEP,
    "Puntengroep": Locatie.Soort.PUNTENGROEP,
    "Ambtsgebied": Locatie.Soort.AMBTSGEBIED,
}
_REGELS = {"RegelVoorIedereen", "Omgevingswaarderegel", "Instructieregel"}
_GEBRUIKT = {
    *_LOCATIE_SOORTEN,
    *_REGELS,
    "Activiteit",
    "Gebiedsaanwijzing",
    "Omgevingsnorm",
    "Omgevingswaarde",
    "Regeltekst",
}


def _datum(text: str) -> date:
    return date.fromisoformat(text.strip()[:10])


# The regeling text -----------------------------------------------------------------------------------
def _kop(el) -> str:
    kop = xml.kind(el, "Kop")
    if kop is None:
        return ""
    delen = [xml.tekst(kop, "Label"), xml.tekst(kop, "Nummer"), xml.tekst(kop, "Opschrift")]
    return " ".join(d for d in delen if d)


def lees_akn(fh, lev_info: dict, teksten: dict) -> None:
    """Artikel and Lid texts by wId, and the regeling's work, version, title and start date."""
    wanted = {"Artikel", "Lid", "RegelingVersieInformatie", "Tijdstempel", "BesluitMetadata"}
    for el in xml.elementen(fh, wanted):
        naam = xml.local(el.tag)
        if naam in ("Artikel", "Lid") and el.get("wId"):
            inhoud = [xml.alle_tekst(c) for c in el if xml.local(c.tag) in ("Inhoud", "Lid")]
            kop = _kop(el)
            if naam == "Lid":
                artikel = el.getparent()
                kop = f"{_kop(artikel)} lid {xml.tekst(el, 'LidNummer').rstrip('.')}".strip()
            teksten[el.get("wId")] = (kop, "\n".join(t for t in inhoud if t))
        elif naam == "RegelingVersieInformatie":
            ident = xml.pad(el, "ExpressionIdentificatie")
            meta = xml.pad(el, "RegelingMetadata")
            if ident is not None:
                lev_info["regeling"] = xml.tekst(ident, "FRBRWork")
                lev_info["expressie"] = xml.tekst(ident, "FRBRExpression")
            if meta is not None:
                lev_info["titel"] = xml.tekst(meta, "officieleTitel")
                lev_info["bevoegd_gezag"] = xml.tekst(meta, "eindverantwoordelijke").rsplit("/", 1)[-1]
        elif naam == "Tijdstempel" and xml.tekst(el, "soortTijdstempel") == "juridischWerkendVanaf":
            lev_info["begin"] = _datum(xml.tekst(el, "datum"))


# The GIO ---------------------------------------------------------------------------------------------
def lees_gio(fh, bestand: str, geometrieen: dict) -> None:
    """Each geo:Locatie of a GIO: its geometry (by basisgeo:id), naam and normwaarde if any."""
    for el in xml.elementen(fh, {"Locatie"}):
        houder = xml.pad(el, "geometrie", "Geometrie")
        if houder is None:
            continue
        gid = xml.tekst(houder, "id")
        geom_el = first_geometry(xml.kind(houder, "geometrie"))
        if not gid or geom_el is None:
            raise ImportFout("gio_ongeldig", f"{bestand}: geo:Locatie zonder id of geometrie", el.sourceline)
        try:
            wkt = geometry_wkt(geom_el)
        except GeometryError as exc:
            raise ImportFout(exc.code, f"{bestand}: geometrie {gid}: {exc}", el.sourceline) from None
        geometrieen[gid] = {"wkt": wkt, "naam": xml.tekst(el, "naam"), "regel": el.sourceline}


# The OW files ----------------------------------------------------------------------------------------
def _locatie(el, naam: str) -> dict:
    soort = _LOCATIE_SOORTEN[naam]
    loc = {
        "identificatie": xml.tekst(el, "identificatie"),
        "soort": soort,
        "noemer": xml.tekst(el, "noemer"),
        "leden": xml.refs(el, "groepselement") if naam.endswith("groep") else [],
        "regel": el.sourceline,
    }
    if naam == "Ambtsgebied":
        grens = next((c for c in el.iter() if xml.local(c.tag) == "bestuurlijkeGrenzenID"), None)
        loc["noemer"] = loc["noemer"] or (grens.text or "").strip() if grens is not None else loc["noemer"]
    ref = xml.refs(el, "geometrie")
    if ref:
        loc["geometrie_ref"] = ref[0]
    return loc


def _norm(el, naam: str) -> dict:
    waarden = []
    for nw in xml.kinderen(
        xml.kind(el, "normwaarde") if xml.kind(el, "normwaarde") is not None else el, "Normwaarde"
    ):
        kwant = xml.tekst(nw, "kwantitatieveWaarde")
        waarden.append(
            {
                "identificatie": xml.tekst(nw, "identificatie"),
                "kwantitatief": float(kwant) if kwant else None,
                "kwalitatief": xml.tekst(nw, "kwalitatieveWaarde"),
                "in_regeltekst": xml.tekst(nw, "waardeInRegeltekst"),
                "locaties": xml.refs(nw, "locatieaanduiding"),
            }
        )
    return {
        "identificatie": xml.tekst(el, "identificatie"),
        "soort": Omgevingsnorm.Soort.NORM if naam == "Omgevingsnorm" else Omgevingsnorm.Soort.WAARDE,
        "naam": xml.tekst(el, "naam"),
        "type": xml.tekst(el, "type"),
        "groep": xml.tekst(el, "groep"),
        "eenheid": xml.tekst(el, "eenheid"),
        "normwaarden": waarden,
    }


def _regel(el, naam: str, bestand: str) -> dict:
    ident = xml.tekst(el, "identificatie")
    activiteiten, aanduidingen = [], []
    for aa in xml.kinderen(el, "activiteitaanduiding"):
        act = next((c.get(xml.XLINK_HREF) for c in aa if xml.local(c.tag) == "ActiviteitRef"), None)
        if not act:
            raise ImportFout(
                "verwijzing_ontbreekt",
                f"{bestand}: {ident}: activiteitaanduiding zonder ActiviteitRef",
                aa.sourceline,
            )
        activiteiten.append(act)
        for ala in xml.kinderen(aa, "ActiviteitLocatieaanduiding"):
            ruwe = xml.tekst(ala, "activiteitregelkwalificatie")
            kw = kwalificatie(ruwe)
            if kw is None:
                raise ImportFout(
                    "waarde_onbekend",
                    f"{bestand}: {ident}: onbekende activiteitregelkwalificatie '{ruwe[:80]}'",
                    ala.sourceline,
                )
            aanduidingen.append(
                {
                    "identificatie": xml.tekst(ala, "identificatie"),
                    "activiteit": act,
                    "kwalificatie": kw,
                    "locaties": xml.refs(ala, "locatieaanduiding"),
                }
            )
    return {
        "identificatie": ident,
        "soort": naam,
        "regeltekst": (xml.refs(el, "artikelOfLid") or [""])[0],
        "idealisatie": xml.tekst(el, "idealisatie"),
        "locaties": xml.refs(el, "locatieaanduiding"),
        "activiteiten": activiteiten,
        "gebiedsaanwijzingen": xml.refs(el, "gebiedsaanwijzing"),
        "normen": xml.refs(el, "omgevingsnormaanduiding") + xml.refs(el, "omgevingswaardeaanduiding"),
        "aanduidingen": aanduidingen,
    }


def lees_ow(fh, bestand: str, lev: Levering, regelteksten: list) -> None:
    for el in xml.elementen(fh, {"owObject"}):
        obj = next((c for c in el if isinstance(c.tag, str)), None)
        if obj is None:
            continue
        naam = xml.local(obj.tag)
        if naam in _GEBRUIKT and not xml.tekst(obj, "identificatie"):
            raise ImportFout(
                "identificatie_ontbreekt", f"{bestand}: {naam} zonder identificatie", obj.sourceline
            )
        if naam in _LOCATIE_SOORTEN:
            lev.locaties.append(_locatie(obj, naam))
        elif naam == "Activiteit":
            lev.activiteiten.append(
                {
                    "identificatie": xml.tekst(obj, "identificatie"),
                    "naam": xml.tekst(obj, "naam"),
                    "groep": xml.tekst(obj, "groep"),
                    "bovenliggende": (xml.refs(obj, "bovenliggendeActiviteit") or [""])[0],
                }
            )
        elif naam == "Gebiedsaanwijzing":
            lev.gebiedsaanwijzingen.append(
                {
                    "identificatie": xml.tekst(obj, "identificatie"),
                    "type": xml.tekst(obj, "type"),
                    "groep": xml.tekst(obj, "groep"),
                    "naam": xml.tekst(obj, "naam"),
                    "locaties": xml.refs(obj, "locatieaanduiding"),
                }
            )
        elif naam in ("Omgevingsnorm", "Omgevingswaarde"):
            lev.normen.append(_norm(obj, naam))
        elif naam == "Regeltekst":
            regelteksten.append({"identificatie": xml.tekst(obj, "identificatie"), "wid": obj.get("wId", "")})
        elif naam in _REGELS:
            lev.regels.append(_regel(obj, naam, bestand))
        else:
            lev.niet_gebruikt[naam] = lev.niet_gebruikt.get(naam, 0) + 1


# The delivery ----------------------------------------------------------------------------------------
def _manifest(map_: Path) -> list[str] | None:
    pad = map_ / "manifest-ow.xml"
    if not pad.exists():
        return None
    with open(pad, "rb") as fh:
        return [xml.tekst(b, "naam") for b in xml.elementen(fh, {"Bestand"})]


def lees_levering(map_: Path, voortgang=None) -> Levering:
    """Parse a delivery folder (a zip is unpacked first by the caller) into a Levering.

    `voortgang(text)`, when given, hears about each file as it is read."""
    toon = voortgang or (lambda text: None)
    info: dict = {}
    teksten: dict = {}
    geometrieen: dict = {}
    soorten: dict[str, list[Path]] = {"akn": [], "gio": [], "ow": []}
    for pad in sorted(p for p in map_.rglob("*") if p.is_file() and p.suffix.lower() in (".xml", ".gml")):
        with open(pad, "rb") as fh:
            try:
                root = xml.wortel(fh)
            except ImportFout as exc:
                raise ImportFout(exc.code, f"{pad.name}: {exc}", exc.regelnummer) from None
        soort = {
            "AanleveringBesluit": "akn",
            "GeoInformatieObjectVaststelling": "gio",
            "owBestand": "ow",
        }.get(root)
        if soort:
            soorten[soort].append(pad)
    manifest = _manifest(map_)
    if manifest is not None:
        ontbreekt = [naam for naam in manifest if not (map_ / naam).exists()]
        if ontbreekt:
            raise ImportFout(
                "bestand_ontbreekt", f"manifest-ow noemt bestanden die ontbreken: {', '.join(ontbreekt)}"
            )
    if not soorten["ow"]:
        raise ImportFout("geen_ow", f"{map_.name}: geen OW-bestanden (owBestand) gevonden")
    for pad in soorten["akn"]:
        with open(pad, "rb") as fh:
            lees_akn(fh, info, teksten)
        toon(f"{pad.name}: {len(teksten)} artikelen en leden")
    for pad in soorten["gio"]:
        voor = len(geometrieen)
        with open(pad, "rb") as fh:
            lees_gio(fh, pad.name, geometrieen)
        toon(f"{pad.name}: {len(geometrieen) - voor} geometrieën")
    if not info.get("regeling"):
        raise ImportFout("regeling_ontbreekt", "geen regeling (RegelingVersieInformatie) in de levering")
    bg = info.get("bevoegd_gezag") or info["regeling"].split("/")[4]
    lev = Levering(
        bron=Regeling.Bron.OW,
        regeling=info["regeling"],
        titel=info.get("titel") or info["regeling"],
        bevoegd_gezag=bg,
        expressie=info.get("expressie") or info["regeling"],
        begin_geldigheid=info.get("begin") or date.today(),
    )
    regelteksten: list[dict] = []
    for pad in soorten["ow"]:
        with open(pad, "rb") as fh:
            lees_ow(fh, pad.name, lev, regelteksten)
        toon(f"{pad.name} gelezen")
    for loc in lev.locaties:
        ref = loc.get("geometrie_ref")
        if ref:
            if ref not in geometrieen:
                raise ImportFout(
                    "verwijzing_ontbreekt",
                    f"locatie {loc['identificatie']}: geometrie {ref} staat in geen GIO",
                    loc["regel"],
                )
            loc["wkt"] = geometrieen[ref]["wkt"]
            loc["noemer"] = loc["noemer"] or geometrieen[ref]["naam"]
    for rt in regelteksten:
        kop, tekst = teksten.get(rt["wid"], ("", ""))
        if not kop and not tekst:
            lev.bevindingen.append(
                Bevinding(
                    "waarschuwing",
                    "tekst_ontbreekt",
                    map_.name,
                    None,
                    rt["identificatie"],
                    f"geen tekst voor wId {rt['wid']}",
                )
            )
        lev.regelteksten.append({**rt, "kop": kop, "tekst": tekst})
    return lev
