"""An IMRO2008/IMRO2012 bestemmingsplan (the tijdelijk deel of an omgevingsplan) as IMOW objects.

One GML file is one plan and one transaction. Every planobject becomes a Locatie (its own geometry)
and is mapped to a gebiedsaanwijzing or a norm; the mapping is documented in docs/omgevingsplan.md.
"""

import re
from datetime import date

from kern.importing.gml import GeometryError, first_geometry, geometry_wkt
from kern.importing.pipeline import ImportFout
from toepasbare_regels.omgevingsplan.importing import xml
from toepasbare_regels.omgevingsplan.importing.levering import Levering
from toepasbare_regels.omgevingsplan.models import Locatie, Omgevingsnorm, Regeling
from toepasbare_regels.omgevingsplan.waardelijsten import uri

PLANGEBIEDEN = {"Bestemmingsplangebied", "Besluitgebied_X", "Besluitgebied_A", "Structuurvisiegebied_G"}
PLANOBJECTEN = {
    "Enkelbestemming",
    "Dubbelbestemming",
    "Bouwvlak",
    "Maatvoering",
    "Functieaanduiding",
    "Gebiedsaanduiding",
    "Bouwaanduiding",
    "Figuur",
    "Besluitvlak_X",
}
# A plan without a date (a loose fragment) is treated as valid since long ago: it is what the file says.
GEEN_DATUM = date(1900, 1, 1)

# bestemmingshoofdgroep (dubbelbestemming) -> TypeGebiedsaanwijzing
_DUBBEL_TYPE = {"waarde": "Erfgoed", "leiding": "Leiding", "waterstaat": "WaterEnWatersysteem"}
# gebiedsaanduidinghoofdgroep -> TypeGebiedsaanwijzing
_GEBIEDSAANDUIDING_TYPE = {
    "veiligheidszone": "ExterneVeiligheid",
    "geluidzone": "Geluid",
    "milieuzone": "Bodem",
    "vrijwaringszone": "Beperkingengebied",
    "luchtvaartverkeerzone": "Beperkingengebied",
    "wetgevingzone": "RuimtelijkGebruik",
    "reconstructiewetzone": "RuimtelijkGebruik",
    "overige zone": "RuimtelijkGebruik",
}
_EENHEDEN = {
    "m": "Meter",
    "m2": "VierkanteMeter",
    "m²": "VierkanteMeter",
    "m3": "KubiekeMeter",
    "%": "Procent",
}


def _camel(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^0-9A-Za-zÀ-ÿ]+", text) if w)


def _soort(wkt: str) -> str:
    kop = wkt.split("(", 1)[0].upper()
    if "POINT" in kop:
        return Locatie.Soort.PUNT
    if "LINE" in kop or kop in ("COMPOUNDCURVE", "CIRCULARSTRING", "MULTICURVE"):
        return Locatie.Soort.LIJN
    return Locatie.Soort.GEBIED


def _ident(el) -> str:
    nen = xml.pad(el, "identificatie", "NEN3610ID")
    if nen is not None and xml.tekst(nen, "lokaalID"):
        return f"{xml.tekst(nen, 'namespace', 'NL.IMRO')}.{xml.tekst(nen, 'lokaalID')}"
    return el.get("{http://www.opengis.net/gml/3.2}id") or el.get("{http://www.opengis.net/gml}id") or ""


def _geometrie(el, bestand: str, ident: str) -> str:
    houder = xml.kind(el, "geometrie")
    geom = first_geometry(houder) if houder is not None else None
    if geom is None:
        raise ImportFout("geometrie_ontbreekt", f"{bestand}: {ident} zonder geometrie", el.sourceline)
    try:
        return geometry_wkt(geom, el)
    except GeometryError as exc:
        raise ImportFout(exc.code, f"{bestand}: {ident}: {exc}", el.sourceline) from None


class _Plan:
    def __init__(self, bestand: str):
        self.bestand = bestand
        self.lev = Levering(Regeling.Bron.IMRO, "", "", "", "", GEEN_DATUM)
        self.normen: dict[str, dict] = {}
        self.artikelen: dict[str, dict] = {}
        self.bouwvlakken: list[str] = []

    def gebiedsaanwijzing(self, ident: str, type_: str, groep: str, naam: str) -> None:
        self.lev.gebiedsaanwijzingen.append(
            {
                "identificatie": f"{ident}.gebiedsaanwijzing",
                "type": uri("typegebiedsaanwijzing", type_),
                "groep": groep,
                "naam": naam,
                "locaties": [ident],
            }
        )

    def artikel(self, el, ident: str, naam: str) -> None:
        """A bestemming refers to its artikel in the planregels; we keep the reference as a Regeltekst."""
        nummer = xml.tekst(el, "artikelnummer")
        referentie = xml.pad(el, "verwijzingNaarTekstInfo", "TekstReferentie_BP")
        verwijzing = xml.tekst(referentie, "verwijzingNaarTekst") if referentie is not None else ""
        if not nummer and not verwijzing:
            return
        rt_id = f"{ident}.regeltekst"
        self.lev.regelteksten.append(
            {
                "identificatie": rt_id,
                "wid": f"{ident}__art_{nummer}" if nummer else ident,
                "kop": f"Artikel {nummer} {naam}".strip() if nummer else naam,
                "tekst": f"Zie de planregels: {verwijzing}" if verwijzing else "",
            }
        )
        self.lev.regels.append(
            {
                "identificatie": f"{ident}.juridischeregel",
                "soort": "RegelVoorIedereen",
                "regeltekst": rt_id,
                "idealisatie": uri("idealisatie", "Exact"),
                "locaties": [ident],
                "activiteiten": [],
                "gebiedsaanwijzingen": [f"{ident}.gebiedsaanwijzing"],
                "normen": [],
                "aanduidingen": [],
            }
        )

    def maatvoering(self, el, ident: str) -> None:
        for wt in xml.kinderen(el, "maatvoeringInfo"):
            wt = xml.kind(wt, "WaardeEnType")
            if wt is None:
                continue
            type_ = xml.tekst(wt, "waardeType")
            waarde = xml.tekst(wt, "waarde")
            m = re.match(r"(.*?)\s*\(([^)]*)\)\s*$", type_)
            naam, eenheid = (m.group(1), m.group(2)) if m else (type_, "")
            norm_id = f"NL.IMRO.omgevingsnorm.{_camel(naam)}"
            norm = self.normen.setdefault(
                norm_id,
                {
                    "identificatie": norm_id,
                    "soort": Omgevingsnorm.Soort.NORM,
                    "naam": naam,
                    "type": uri("typenorm", _camel(naam)),
                    "groep": uri("omgevingsnorm", "Bouwaanduiding"),
                    "eenheid": uri("eenheid", _EENHEDEN[eenheid]) if eenheid in _EENHEDEN else eenheid,
                    "normwaarden": [],
                },
            )
            try:
                kwantitatief, kwalitatief = float(waarde.replace(",", ".")), ""
            except ValueError:
                kwantitatief, kwalitatief = None, waarde
            norm["normwaarden"].append(
                {
                    "identificatie": f"{ident}.normwaarde.{len(norm['normwaarden']) + 1}.{_camel(naam)}",
                    "kwantitatief": kwantitatief,
                    "kwalitatief": kwalitatief,
                    "in_regeltekst": "",
                    "locaties": [ident],
                }
            )

    def object(self, el, naam: str) -> None:
        ident = _ident(el)
        if not ident:
            raise ImportFout(
                "identificatie_ontbreekt", f"{self.bestand}: {naam} zonder identificatie", el.sourceline
            )
        wkt = _geometrie(el, self.bestand, ident)
        titel = xml.tekst(el, "naam") or naam
        self.lev.locaties.append(
            {
                "identificatie": ident,
                "soort": _soort(wkt),
                "noemer": titel,
                "wkt": wkt,
                "regel": el.sourceline,
            }
        )
        hoofdgroep = xml.tekst(el, "bestemmingshoofdgroep")
        if naam == "Enkelbestemming":
            self.gebiedsaanwijzing(ident, "Functie", uri("functie", _camel(hoofdgroep or titel)), titel)
            self.artikel(el, ident, titel)
        elif naam == "Dubbelbestemming":
            type_ = _DUBBEL_TYPE.get(hoofdgroep, "Functie")
            onderwerp = titel.split(" - ")[1] if titel.count(" - ") >= 1 else titel
            self.gebiedsaanwijzing(ident, type_, uri(type_.lower(), _camel(onderwerp)), titel)
            self.artikel(el, ident, titel)
        elif naam == "Bouwvlak":
            self.gebiedsaanwijzing(ident, "Bouw", uri("bouw", "Bouwvlak"), titel)
            self.bouwvlakken.append(ident)
        elif naam == "Maatvoering":
            self.maatvoering(el, ident)
        elif naam == "Gebiedsaanduiding":
            hoofd = xml.tekst(el, "gebiedsaanduidinghoofdgroep")
            type_ = _GEBIEDSAANDUIDING_TYPE.get(hoofd, "RuimtelijkGebruik")
            self.gebiedsaanwijzing(ident, type_, uri(type_.lower(), _camel(titel)), titel)
            self.artikel(el, ident, titel)
        elif naam in ("Functieaanduiding", "Bouwaanduiding", "Figuur", "Besluitvlak_X"):
            type_ = "Functie" if naam == "Functieaanduiding" else "Bouw"
            self.gebiedsaanwijzing(ident, type_, uri(type_.lower(), _camel(titel)), titel)

    def plangebied(self, el) -> None:
        ident = _ident(el)
        nen = xml.pad(el, "identificatie", "NEN3610ID")
        lokaal = xml.tekst(nen, "lokaalID") if nen is not None else ident
        lokaal = lokaal.removeprefix("NL.IMRO.")
        self.lev.regeling = f"NL.IMRO.{lokaal}"
        versie = xml.tekst(nen, "versie") if nen is not None else ""
        self.lev.expressie = f"NL.IMRO.{lokaal}-{versie}" if versie else self.lev.regeling
        self.lev.titel = xml.tekst(el, "naam") or lokaal
        code = xml.tekst(el, "overheidsCode")
        self.lev.bevoegd_gezag = f"gm{code}" if code.isdigit() and len(code) == 4 else code
        status = xml.pad(el, "planstatusInfo")
        if status is not None:
            datum = next((d for d in status.iter() if xml.local(d.tag) == "datum" and d.text), None)
            if datum is not None:
                self.lev.begin_geldigheid = date.fromisoformat(datum.text.strip()[:10])
        wkt = _geometrie(el, self.bestand, ident)
        self.lev.locaties.append(
            {
                "identificatie": ident,
                "soort": Locatie.Soort.GEBIED,
                "noemer": self.lev.titel,
                "wkt": wkt,
                "regel": el.sourceline,
            }
        )


def lees_plan(fh, bestand: str) -> Levering:
    plan = _Plan(bestand)
    for el in xml.elementen(fh, PLANGEBIEDEN | PLANOBJECTEN | {"featureMember"}):
        naam = xml.local(el.tag)
        if naam == "featureMember":
            for c in el:
                if isinstance(c.tag, str) and xml.local(c.tag) not in PLANGEBIEDEN | PLANOBJECTEN:
                    plan.lev.niet_gebruikt[xml.local(c.tag)] = (
                        plan.lev.niet_gebruikt.get(xml.local(c.tag), 0) + 1
                    )
        elif naam in PLANGEBIEDEN:
            plan.plangebied(el)
        else:
            plan.object(el, naam)
    lev = plan.lev
    if not lev.locaties:
        raise ImportFout("geen_planobjecten", f"{bestand}: geen IMRO-planobjecten gevonden")
    if not lev.regeling:
        # A loose planobject without its plan: the object is the plan.
        eerste = lev.locaties[0]["identificatie"]
        lev.regeling = lev.expressie = eerste
        lev.titel = lev.locaties[0]["noemer"]
        lev.bevoegd_gezag = eerste.split(".")[2] if eerste.count(".") >= 2 else ""
        if lev.bevoegd_gezag.isdigit():
            lev.bevoegd_gezag = f"gm{lev.bevoegd_gezag}"
    if plan.bouwvlakken:
        lev.locaties.append(
            {
                "identificatie": f"{lev.regeling}.gebiedengroep.Bouwvlakken",
                "soort": Locatie.Soort.GEBIEDENGROEP,
                "noemer": "Bouwvlakken",
                "leden": plan.bouwvlakken,
            }
        )
    lev.normen = list(plan.normen.values())
    return lev
