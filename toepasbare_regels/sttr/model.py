"""A toepasbare-regelbestand reduced to what the engine and the exporter need.

Cells keep their FEEL text, so that import → export → import gives equal objects (the round-trip test
compares these dataclasses); compiled tests live in the engine's cache, not here.
"""

from dataclasses import dataclass, field

CONCLUSIES = (
    "Verbod",
    "Vergunningplicht",
    "Meldingsplicht",
    "Informatieplicht",
    "NeemContactOpMet",
    "Toestemmingsvrij",
    "NietVanToepassing",
)
"""The STTR conclusion values, strictest first: a COLLECT table answers with the strictest it found."""

REGISTERBEVRAGINGEN = ("registerBevraging", "registerbevragingAPIProfiel")
"""Inputs a register answers (IMTR: via the GGS or an API-profiel afnamepunt). We answer them from our own
data when a feit fits, and otherwise ask them like a question."""
HERBRUIKBARE_BESLISSINGEN = ("herbruikbareBeslissing", "uitkomstHerbruikbareBeslissing")
"""Inputs that are the outcome of a decision of another rule file (named by activiteit and decision)."""
SOORTEN = (
    "vraag",
    "geoVerwijzing",
    "bijlage",
    "vasteWaarde",
    "vasteWaardeVoorbehoud",
    "implicietAntwoord",
    *REGISTERBEVRAGINGEN,
    *HERBRUIKBARE_BESLISSINGEN,
)
"""The IMTR 3.x uitvoeringsregel kinds (exactly one per uitvoeringsregel)."""
GEGEVENSTYPEN = ("boolean", "list", "number", "string", "date")
HIT_POLICIES = ("UNIQUE", "FIRST", "PRIORITY", "ANY", "COLLECT", "RULE ORDER", "OUTPUT ORDER")


@dataclass(frozen=True)
class Regelgroep:
    id: str
    naam: str
    prioriteit: int = 0


@dataclass(frozen=True)
class Optie:
    tekst: str
    sequence_id: str = ""
    toelichting: str = ""


@dataclass(frozen=True)
class Knoop:
    """A DMN element the engine does not interpret (itemDefinition, knowledgeSource, authorityRequirement),
    kept as a small tree so that export writes it back unchanged. `naam` is the DMN local name."""

    naam: str
    attributen: tuple[tuple[str, str], ...] = ()
    tekst: str = ""
    kinderen: tuple["Knoop", ...] = ()


@dataclass(frozen=True)
class Maatregel:
    """`content:maatregel` in a Maatregelen file: what to do to comply, shown with the voorschrift."""

    id: str
    nummer: str = ""
    tekst: str = ""
    toelichting: str = ""
    frequentie: str = ""
    volgorde: int = 0
    kenmerk: str = ""
    themas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Aanroep:
    """A `dmn:invocation` (the DSO calls it an aansluitpunt): this decision is a decision of another
    model of the same bevoegd gezag, named by model and decision name."""

    id: str
    model: str
    besluit: str
    type_ref: str = ""
    bindingen: tuple[tuple[str, str], ...] = ()  # (parameter, expression text), as written
    functie: str = "invoke"  # the invocation's own literalExpression
    activiteit: str = ""  # a herbruikbare beslissing names its file by activiteit, not by model name

    @property
    def parameters(self) -> tuple[tuple[str, str], ...]:
        """The bindings that give the invoked model an input (parameter = its inputData name), without
        the ones that name the model itself."""
        return tuple((p, t) for p, t in self.bindingen if p not in AANROEP_META)


AANROEP_META = ("namespace", "model name", "decision name", "parameters")
"""Bindings of an STTR aansluitpunt that say which model and decision it calls, not what it passes."""


@dataclass(frozen=True)
class Uitvoeringsregel:
    """How one input is obtained: a question, a geo lookup, an attachment, a fixed value, a register, the
    chosen werkzaamheid (implicietAntwoord) or the outcome of a decision of another file."""

    id: str
    soort: str
    regelgroep: str = ""
    prioriteit: int = 0
    bereik: str = ""
    herbruikbaar_id: str = ""
    gegevens_type: str = ""
    vraag_tekst: str = ""
    opties: tuple[Optie, ...] = ()
    locatie: str = ""
    bijlage_type: str = ""
    optie_type: str = ""
    waarde: str = ""
    tekst_voorbehoud: str = ""
    toelichting: str = ""
    lange_toelichting: str = ""
    belangrijk: bool = False
    register: str = ""  # registerBevraging: which register (IMTR enumeration, e.g. "GGS")
    koppelveld: str = ""  # registerBevraging: the register's field that gives the value
    afnamepunt: str = ""  # registerbevragingAPIProfiel: the API profile's afnamepunt (omschrijving)
    verborgen: bool = False  # a registerbevraging the DSO does not show (verborgenStuurvraag)
    beslissing: str = ""  # herbruikbare beslissing: the decision's name in the other file
    activiteit: str = ""  # herbruikbare beslissing: the activiteit urn of the other file
    werkzaamheid: str = ""  # implicietAntwoord: the werkzaamheid that implies `waarde`
    context: str = ""  # implicietAntwoord: Werkzaamheidspecifiek or Werkzaamheidoverstijgend


@dataclass(frozen=True)
class InputData:
    id: str
    naam: str
    type_ref: str = ""
    uitvoeringsregel: str = ""


@dataclass(frozen=True)
class Invoer:
    id: str
    label: str
    expressie: str
    type_ref: str = ""


@dataclass(frozen=True)
class Uitvoer:
    id: str
    naam: str = ""
    type_ref: str = ""
    waarden: str = ""  # outputValues as FEEL text: also the priority order for PRIORITY


@dataclass(frozen=True)
class Regel:
    id: str
    invoer: tuple[str, ...]
    uitvoer: tuple[str, ...]
    annotaties: tuple[str, ...] = ()
    toelichtingen: tuple[str, ...] = ()  # conclusieToelichting per output entry ("" when none)


@dataclass(frozen=True)
class Beslistabel:
    id: str
    hit_policy: str
    invoer: tuple[Invoer, ...]
    uitvoer: tuple[Uitvoer, ...]
    regels: tuple[Regel, ...]
    aggregatie: str = ""
    annotatie_kolommen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Besluit:
    id: str
    naam: str
    type_ref: str = ""
    functionele_structuur_ref: str = ""
    vereiste_invoer: tuple[str, ...] = ()
    vereiste_besluiten: tuple[str, ...] = ()
    tabel: Beslistabel | None = None
    aanroep: Aanroep | None = None
    autoriteit: tuple[Knoop, ...] = ()  # authorityRequirement elements, kept for export


@dataclass(frozen=True)
class Bestand:
    naam: str
    namespace: str
    id: str = ""
    dmn_versie: str = field(default="1.2", compare=False)  # export always writes 1.2
    sttr_versie: str = "v1.0"  # the STTR namespace family (…/v1.0/…, …/v2.0/…): export writes it back
    regelgroepen: tuple[Regelgroep, ...] = ()
    uitvoeringsregels: tuple[Uitvoeringsregel, ...] = ()
    invoer: tuple[InputData, ...] = ()
    besluiten: tuple[Besluit, ...] = ()
    maatregelen: tuple[Maatregel, ...] = ()
    item_definities: tuple[Knoop, ...] = ()
    kennisbronnen: tuple[Knoop, ...] = ()
    _index: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def _idx(self) -> dict:
        if not self._index:
            self._index.update(
                {
                    "uitv": {u.id: u for u in self.uitvoeringsregels},
                    "groep": {g.id: g for g in self.regelgroepen},
                    "input": {i.id: i for i in self.invoer},
                    "besluit": {b.id: b for b in self.besluiten},
                }
            )
        return self._index

    def uitvoeringsregel(self, ident: str) -> Uitvoeringsregel | None:
        return self._idx()["uitv"].get(ident)

    def regelgroep(self, ident: str) -> Regelgroep | None:
        return self._idx()["groep"].get(ident)

    def input_data(self, ident: str) -> InputData | None:
        return self._idx()["input"].get(ident)

    def besluit(self, ident: str) -> Besluit | None:
        return self._idx()["besluit"].get(ident)

    @property
    def top_besluiten(self) -> list[Besluit]:
        """Decisions with a functioneleStructuurRef: the entry points (one per activiteit/typering)."""
        return [b for b in self.besluiten if b.functionele_structuur_ref]
