"""check_regels: what a regelanalist should fix in an STTR file before it goes live.

Reads a file like the importer does, but does not stop at the first dangling reference: every finding
gets a stable code, a severity and a place (file, decision, rule, cell). Table logic (rules that can
never fire, overlaps, shadowed rules, gaps) lives in `tabelcontrole`.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lxml import etree

from . import parser
from .antwoorden import AntwoordFout, typeer
from .model import HERBRUIKBARE_BESLISSINGEN, REGISTERBEVRAGINGEN, Besluit, Bestand, InputData
from .parser import SttrFout
from .tabelcontrole import Kolom, controleer_tabel, kandidaten, noemt_null, test, toon

ERNST = ("fout", "waarschuwing", "info")

IMOW_ID = re.compile(r"^nl\.imow-[a-z]+\d+\.[A-Za-z]+\.[A-Za-z0-9_.\-]+$")

LocatieCheck = Callable[[set[str]], set[str]]
"""Given locatie-identificaties, returns those that exist (e.g. in the omgevingsplan database)."""


@dataclass(frozen=True)
class Bevinding:
    code: str
    ernst: str
    bericht: str
    bestand: str
    besluit: str = ""
    regel: int | None = None  # 1-based, as a regelanalist counts rows
    regel_id: str = ""
    cel: int | None = None  # 1-based input column
    onderdeel: str = ""  # an inputData, uitvoeringsregel or regelgroep outside the tables

    @property
    def plek(self) -> str:
        """Where inside the file."""
        delen = [self.onderdeel] if self.onderdeel else []
        if self.besluit:
            delen.append(f"besluit {self.besluit!r}")
        if self.regel is not None:
            delen.append(f"regel {self.regel}" + (f" ({self.regel_id})" if self.regel_id else ""))
        if self.cel is not None:
            delen.append(f"cel {self.cel}")
        return " › ".join(delen)

    @property
    def waar(self) -> str:
        return " › ".join(d for d in (self.bestand, self.plek) if d)

    def regel_tekst(self, met_bestand: bool = True) -> str:
        plek = self.waar if met_bestand else self.plek
        return f"{self.ernst.upper():<12} {self.code:<28} {plek + ': ' if plek else ''}{self.bericht}"

    def __str__(self) -> str:
        return self.regel_tekst()


class _LeesZonderVerwijzingen(parser._Lezer):
    def controleer(self, bestand: Bestand) -> None:
        """References are checked by `controleer_model`, all of them and each with its place."""


def lees(inhoud: bytes, bestandsnaam: str) -> Bestand:
    """Like `parser.lees`, but a file whose only problems are references still gives a model."""
    try:
        return parser.lees(inhoud, bestandsnaam)
    except SttrFout as exc:
        if exc.code not in ("sttr.verwijzing_onbekend", "sttr.geen_functionele_structuur"):
            raise
    # parser.lees got as far as its reference check, so size, DTD, XML and FEEL were all accepted.
    root = etree.fromstring(inhoud, parser._parser())
    return _LeesZonderVerwijzingen(
        root, etree.QName(root).namespace, bestandsnaam, parser._sttr_versie(root, bestandsnaam)
    ).bestand()


def controleer_bestand(
    inhoud: bytes, bestandsnaam: str, locaties: LocatieCheck | None = None
) -> list[Bevinding]:
    try:
        bestand = lees(inhoud, bestandsnaam)
        return controleer_model(bestand, bestandsnaam, locaties)
    except SttrFout as exc:
        return [Bevinding("bestand.onleesbaar", "fout", f"[{exc.code}] {exc}", bestandsnaam)]
    except RecursionError:
        # FEEL stops at its own depth limit; decisions that require each other thousands deep end here.
        return [
            Bevinding(
                "bestand.te_diep", "fout", "het bestand is te diep genest om te controleren", bestandsnaam
            )
        ]


def controleer_model(
    bestand: Bestand, bestandsnaam: str, locaties: LocatieCheck | None = None
) -> list[Bevinding]:
    return _Controle(bestand, bestandsnaam, locaties).uitvoeren()


class _Controle:
    def __init__(self, bestand: Bestand, naam: str, locaties: LocatieCheck | None):
        self.bestand, self.naam, self.locaties = bestand, naam, locaties
        self.bevindingen: list[Bevinding] = []
        self.namen: dict[str, tuple[str, object]] = {}
        # Input expressions resolve like the engine resolves them: inputData names before decisions.
        for i in bestand.invoer:
            self.namen.setdefault(i.naam, ("input", i))
        for b in bestand.besluiten:
            self.namen.setdefault(b.naam, ("besluit", b))
        self.uitkomsten: dict[str, list | None] = {}
        self.bezig: set[str] = set()
        self.getoetst: set[str] = set()  # inputData ids some cell tests with more than "-"
        self.genoemd: set[str] = set()  # inputData and decision ids named by an input expression

    def noteer(self, code: str, ernst: str, bericht: str, **waar) -> None:
        self.bevindingen.append(Bevinding(code, ernst, bericht, self.naam, **waar))

    def uitvoeren(self) -> list[Bevinding]:
        self.verwijzingen()
        self.geo_verwijzingen()
        for b in self.bestand.besluiten:
            self.besluit(b)
        self.ongebruikt()
        return sorted(self.bevindingen, key=lambda f: ERNST.index(f.ernst))

    def verwijzingen(self) -> None:
        bestand = self.bestand
        for g in bestand.uitvoeringsregels:
            if g.regelgroep and bestand.regelgroep(g.regelgroep) is None:
                self.noteer(
                    "verwijzing.regelgroep",
                    "fout",
                    f"verwijst naar regelgroep #{g.regelgroep}, die niet bestaat",
                    onderdeel=f"uitvoeringsregel {g.id}",
                )
        for i in bestand.invoer:
            if not i.uitvoeringsregel:
                self.noteer(
                    "verwijzing.geen_uitvoeringsregel",
                    "waarschuwing",
                    "heeft geen uitvoeringsregelRef: niets kan deze invoer beantwoorden",
                    onderdeel=_invoer(i),
                )
            elif bestand.uitvoeringsregel(i.uitvoeringsregel) is None:
                self.noteer(
                    "verwijzing.uitvoeringsregel",
                    "fout",
                    f"verwijst naar uitvoeringsregel #{i.uitvoeringsregel}, die niet bestaat",
                    onderdeel=_invoer(i),
                )
        for b in bestand.besluiten:
            for ref in b.vereiste_invoer:
                if bestand.input_data(ref) is None:
                    self.noteer(
                        "verwijzing.invoer", "fout", f"requiredInput #{ref} bestaat niet", besluit=b.naam
                    )
            for ref in b.vereiste_besluiten:
                if bestand.besluit(ref) is None:
                    self.noteer(
                        "verwijzing.besluit", "fout", f"requiredDecision #{ref} bestaat niet", besluit=b.naam
                    )
        if not bestand.top_besluiten:
            self.noteer(
                "verwijzing.functionele_structuur",
                "fout",
                "geen besluit heeft een bedr:functioneleStructuurRef, dus geen activiteit kan dit bestand gebruiken",
            )

    def geo_verwijzingen(self) -> None:
        geo = [u for u in self.bestand.uitvoeringsregels if u.soort == "geoVerwijzing"]
        for u in geo:
            if not u.locatie:
                self.noteer(
                    "locatie.ontbreekt",
                    "fout",
                    "geoVerwijzing zonder locatie-identificatie",
                    onderdeel=_uitv(u),
                )
            elif not IMOW_ID.match(u.locatie):
                self.noteer(
                    "locatie.vorm",
                    "waarschuwing",
                    f"{u.locatie!r} is geen IMOW-identificatie (nl.imow-<bevoegd gezag>.<type>.<id>)",
                    onderdeel=_uitv(u),
                )
        ids = {u.locatie for u in geo if u.locatie}
        if self.locaties is None or not ids:
            return
        bekend = self.locaties(ids)
        for u in geo:
            if u.locatie and u.locatie not in bekend:
                self.noteer(
                    "locatie.onbekend",
                    "fout",
                    f"locatie {u.locatie} staat niet in het omgevingsplan: deze vraag kan nooit met 'ja' worden beantwoord",
                    onderdeel=_uitv(u),
                )

    def besluit(self, besluit: Besluit) -> list | None:
        """Check a decision's table once (its sub-decisions first); returns the values it can produce."""
        if besluit.id in self.uitkomsten:
            return self.uitkomsten[besluit.id]
        if besluit.tabel is None:  # an aansluitpunt: its values come from another model
            self.uitkomsten[besluit.id] = None
            return None
        if besluit.id in self.bezig:
            self.noteer(
                "besluit.kring",
                "fout",
                "dit besluit hangt via andere besluiten van zichzelf af",
                besluit=besluit.naam,
            )
            return None
        self.bezig.add(besluit.id)
        tabel = besluit.tabel
        tests = [[test(r.invoer[c]) for r in tabel.regels] for c in range(len(tabel.invoer))]
        kolommen = [self.kolom(besluit, i, tests[c], c) for c, i in enumerate(tabel.invoer)]

        def melden(code, ernst, bericht, regel=None, cel=None):
            self.noteer(
                code,
                ernst,
                bericht,
                besluit=besluit.naam,
                regel=None if regel is None else regel + 1,
                regel_id="" if regel is None else tabel.regels[regel].id,
                cel=None if cel is None else cel + 1,
            )

        uitkomsten = controleer_tabel(besluit, kolommen, melden).uitkomsten
        self.bezig.discard(besluit.id)
        self.uitkomsten[besluit.id] = uitkomsten
        return uitkomsten

    def kolom(self, besluit: Besluit, invoer, tests: list[tuple], c: int) -> Kolom:
        naam = invoer.expressie.strip()
        soort, doel = self.namen.get(naam, (None, None))
        if doel is None:
            self.noteer(
                "verwijzing.expressie",
                "fout",
                f"invoerexpressie {invoer.expressie!r} noemt geen inputData en geen besluit",
                besluit=besluit.naam,
                cel=c + 1,
            )
            return _kolom_van_type(naam, invoer.type_ref, tests)
        self.genoemd.add(doel.id)
        vereist = besluit.vereiste_invoer if soort == "input" else besluit.vereiste_besluiten
        if doel.id not in vereist:
            self.noteer(
                "verwijzing.niet_vereist",
                "waarschuwing",
                f"invoerexpressie {naam!r} gebruikt {'inputData' if soort == 'input' else 'besluit'} "
                f"#{doel.id}, maar dit besluit noemt die niet in een informationRequirement",
                besluit=besluit.naam,
                cel=c + 1,
            )
        if soort == "besluit":
            uitkomsten = self.besluit(doel)
            if uitkomsten is None:
                return _kolom_van_type(naam, doel.type_ref, tests)
            return Kolom(
                naam,
                "besluit",
                doel.type_ref,
                uitkomsten,
                f"besluit {doel.naam!r} ({', '.join(map(toon, uitkomsten))})",
            )
        if any(t != ("any",) for t in tests):
            self.getoetst.add(doel.id)
        return self.kolom_van_invoer(naam, doel, invoer.type_ref, tests)

    def kolom_van_invoer(self, naam: str, i: InputData, type_ref: str, tests: list[tuple]) -> Kolom:
        u = self.bestand.uitvoeringsregel(i.uitvoeringsregel) if i.uitvoeringsregel else None
        if u is not None and u.soort in ("vasteWaarde", "vasteWaardeVoorbehoud"):
            waarde = _vaste_waarde(u.waarde, u.gegevens_type)
            return Kolom(naam, "vast", u.gegevens_type, [waarde], f"de vaste waarde {toon(waarde)}")
        if u is not None and u.soort in ("vraag", *REGISTERBEVRAGINGEN):
            # A registerbevraging is answered from data or asked: any value of its type can come.
            soort = u.gegevens_type or i.type_ref or type_ref
            return Kolom(
                naam,
                "type",
                soort,
                kandidaten(soort, tests, tuple(o.tekst for o in u.opties)),
                f"de vraag ({soort})",
                tuple(o.tekst for o in u.opties),
            )
        if u is not None and u.soort in HERBRUIKBARE_BESLISSINGEN:
            return _kolom_van_type(naam, u.gegevens_type or i.type_ref or type_ref, tests)
        if u is not None and u.soort == "geoVerwijzing" and (i.type_ref or type_ref) == "string":
            # The vergunningcheck answers a text-typed geo question with "ja", "nee" or, for an area
            # partly inside the locatie, "deels" (as the DSO does); it never asks it.
            waarden = ["ja", "nee", "deels"] + ([None] if noemt_null(tests) else [])
            return Kolom(
                naam, "type", "string", waarden, "de geoVerwijzing (ja/nee/deels)", ("ja", "nee", "deels")
            )
        # Other geoVerwijzingen and bijlagen are answered yes/no.
        return _kolom_van_type(naam, "boolean" if u is not None else (i.type_ref or type_ref), tests)

    def ongebruikt(self) -> None:
        bestand = self.bestand
        gekoppeld = {i.uitvoeringsregel for i in bestand.invoer}
        for u in bestand.uitvoeringsregels:
            if u.id not in gekoppeld:
                self.noteer(
                    "vraag.ongebruikt",
                    "waarschuwing",
                    "geen inputData verwijst naar deze uitvoeringsregel, dus niemand gebruikt het antwoord",
                    onderdeel=_uitv(u),
                )
        for i in bestand.invoer:
            if i.id not in self.genoemd:
                reden = "geen beslistabel heeft een kolom voor deze invoer"
            elif i.id not in self.getoetst:
                reden = "elke cel in de kolommen voor deze invoer is '-': het antwoord verandert niets"
            else:
                continue
            self.noteer("invoer.ongebruikt", "waarschuwing", reden, onderdeel=_invoer(i))
        for b in bestand.besluiten:
            if not b.functionele_structuur_ref and b.id not in self.genoemd:
                self.noteer(
                    "besluit.ongebruikt",
                    "waarschuwing",
                    "geen ander besluit gebruikt dit besluit en het hoort bij geen activiteit",
                    besluit=b.naam,
                )


def _kolom_van_type(naam: str, gegevens_type: str, tests: list[tuple]) -> Kolom:
    return Kolom(
        naam, "type", gegevens_type, kandidaten(gegevens_type, tests), gegevens_type or "een onbekend type"
    )


def _vaste_waarde(tekst: str, gegevens_type: str):
    """The fixed value typed as the vergunningcheck types answers; what does not fit stays text."""
    try:
        return typeer(tekst, gegevens_type, None, "vaste waarde")
    except AntwoordFout:
        return tekst.strip()


def _invoer(i: InputData) -> str:
    return f"inputData {i.naam!r} ({i.id})"


def _uitv(u) -> str:
    return f"uitvoeringsregel {u.id}"


def tel(bevindingen: Iterable[Bevinding]) -> dict[str, int]:
    uit = dict.fromkeys(ERNST, 0)
    for b in bevindingen:
        uit[b.ernst] += 1
    return uit
