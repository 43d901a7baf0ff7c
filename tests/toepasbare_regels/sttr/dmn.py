"""Small STTR files as XML text, written out by hand so the parser is tested against XML, not against
our own exporter. `enkel(...)` is one decision whose columns are questions of the same name."""

from xml.sax.saxutils import escape

NAMESPACES = (
    'xmlns:dmn="http://www.omg.org/spec/DMN/20180521/MODEL/" '
    'xmlns:uitv="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Uitvoeringsregel" '
    'xmlns:inter="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Interactieregel" '
    'xmlns:bedr="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Bedrijfsregel" '
    'xmlns:content="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Content"'
)
REF = "http://toepasbare-regels.omgevingswet.overheid.nl/00000001001234567000/id/concept/Conclusietest"


def vraag(
    ident: str,
    gegevens_type: str,
    tekst: str = "Vraag?",
    opties=(),
    groep: str = "groep1",
    prioriteit: int = 10,
) -> str:
    """A question (uitv:vraag) in its schema shape, the same in DMN 1.1 and 1.2."""
    opties_xml = (
        "<uitv:opties><uitv:optieType>enkelAntwoord</uitv:optieType>"
        + "".join(
            f"<uitv:optie><uitv:sequenceId>{n}</uitv:sequenceId><uitv:optieText>{escape(o)}</uitv:optieText></uitv:optie>"
            for n, o in enumerate(opties, start=1)
        )
        + "</uitv:opties>"
        if opties
        else ""
    )
    groep_xml = f'<uitv:regelgroepRef href="#{groep}"/>' if groep else ""
    return (
        f'<uitv:uitvoeringsregel id="{ident}">{groep_xml}<inter:prioriteit>{prioriteit}</inter:prioriteit>'
        f"<uitv:vraag><uitv:gegevensType>{gegevens_type}</uitv:gegevensType>"
        f"<uitv:vraagTekst>{escape(tekst)}</uitv:vraagTekst>{opties_xml}</uitv:vraag></uitv:uitvoeringsregel>"
    )


def geo(ident: str, locatie: str) -> str:
    return (
        f'<uitv:uitvoeringsregel id="{ident}"><uitv:geoVerwijzing>'
        f'<uitv:locatie identificatie="{locatie}"/><uitv:vraagTekst>Ligt het in het gebied?</uitv:vraagTekst>'
        "</uitv:geoVerwijzing></uitv:uitvoeringsregel>"
    )


def vaste_waarde(ident: str, waarde: str, gegevens_type: str = "boolean") -> str:
    return (
        f'<uitv:uitvoeringsregel id="{ident}"><uitv:vasteWaarde><uitv:waardeVraag>Vast?</uitv:waardeVraag>'
        f"<uitv:waarde>{waarde}</uitv:waarde><uitv:gegevensType>{gegevens_type}</uitv:gegevensType>"
        "</uitv:vasteWaarde></uitv:uitvoeringsregel>"
    )


def input_data(ident: str, naam: str, uitv: str | None, type_ref: str = "string") -> str:
    ref = (
        f'<dmn:extensionElements><uitv:uitvoeringsregelRef href="#{uitv}"/></dmn:extensionElements>'
        if uitv
        else ""
    )
    return f'<dmn:inputData id="{ident}" name="{escape(naam)}">{ref}<dmn:variable name="{escape(naam)}" typeRef="{type_ref}"/></dmn:inputData>'


def besluit(
    ident: str,
    naam: str,
    hit: str,
    kolommen,
    regels,
    *,
    top: bool = False,
    invoer=(),
    besluiten=(),
    uitvoer_waarden: str = "",
    aggregatie: str = "",
    uitvoer_type: str = "string",
) -> str:
    """kolommen: [(expressie, typeRef)]; regels: [(cellen, uitvoer)] or [(cellen, uitvoer, toelichting)]."""
    ext = (
        f'<dmn:extensionElements><bedr:functioneleStructuurRef href="{REF}{ident}"/></dmn:extensionElements>'
        if top
        else ""
    )
    eisen = "".join(
        f'<dmn:informationRequirement><dmn:requiredInput href="#{i}"/></dmn:informationRequirement>'
        for i in invoer
    ) + "".join(
        f'<dmn:informationRequirement><dmn:requiredDecision href="#{b}"/></dmn:informationRequirement>'
        for b in besluiten
    )
    agg = f' aggregation="{aggregatie}"' if aggregatie else ""
    cols = "".join(
        f'<dmn:input id="{ident}_in{k}" label="{escape(e)}"><dmn:inputExpression typeRef="{t}">'
        f"<dmn:text>{escape(e)}</dmn:text></dmn:inputExpression></dmn:input>"
        for k, (e, t) in enumerate(kolommen)
    )
    waarden = (
        f"<dmn:outputValues><dmn:text>{escape(uitvoer_waarden)}</dmn:text></dmn:outputValues>"
        if uitvoer_waarden
        else ""
    )
    rules = ""
    for n, (cellen, uit, *toel) in enumerate(regels, start=1):
        toelichting = (
            "<dmn:extensionElements><content:conclusieToelichting><content:toelichting>"
            f"{escape(toel[0])}</content:toelichting></content:conclusieToelichting></dmn:extensionElements>"
            if toel
            else ""
        )
        rules += (
            f'<dmn:rule id="{ident}_r{n}">'
            + "".join(f"<dmn:inputEntry><dmn:text>{escape(c)}</dmn:text></dmn:inputEntry>" for c in cellen)
            + f"<dmn:outputEntry>{toelichting}<dmn:text>{escape(uit)}</dmn:text></dmn:outputEntry>"
            + f"<dmn:annotationEntry><dmn:text>/akn/nl/act/gm0400/2024/omgevingsplan/art{n}</dmn:text></dmn:annotationEntry>"
            + "</dmn:rule>"
        )
    return (
        f'<dmn:decision id="{ident}" name="{escape(naam)}">{ext}<dmn:variable name="{escape(naam)}" typeRef="{uitvoer_type}"/>'
        f'{eisen}<dmn:decisionTable id="{ident}_t" hitPolicy="{hit}"{agg}>{cols}'
        f'<dmn:output id="{ident}_out" name="{escape(naam)}" typeRef="{uitvoer_type}">{waarden}</dmn:output>'
        f'<dmn:annotation name="artikel"/>{rules}</dmn:decisionTable></dmn:decision>'
    )


def document(*delen: str, uitvoeringsregels: str = "", naam: str = "Conclusie test") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><dmn:definitions {NAMESPACES} id="defs" name="{escape(naam)}" '
        'namespace="http://toepasbare-regels.omgevingswet.overheid.nl/00000001001234567000">'
        '<dmn:extensionElements><inter:regelgroepen><inter:regelgroep id="groep1"><inter:naam>Vragen</inter:naam>'
        "<inter:prioriteit>1</inter:prioriteit></inter:regelgroep></inter:regelgroepen>"
        f"<uitv:uitvoeringsregels>{uitvoeringsregels}</uitv:uitvoeringsregels></dmn:extensionElements>"
        + "".join(delen)
        + "</dmn:definitions>"
    ).encode()


def enkel(hit: str, vragen: dict, regels, **kwargs) -> bytes:
    """One top decision 'Uitkomst'; vragen: {naam: gegevensType or (gegevensType, opties)}."""
    uitv, invoer, kolommen = "", "", []
    for n, (naam, soort) in enumerate(vragen.items(), start=1):
        gegevens_type, opties = soort if isinstance(soort, tuple) else (soort, ())
        uitv += vraag(f"U{n}", gegevens_type, f"{naam}?", opties)
        type_ref = "string" if gegevens_type == "list" else gegevens_type
        invoer += input_data(f"I{n}", naam, f"U{n}", type_ref)
        kolommen.append((naam, type_ref))
    ids = [f"I{n}" for n in range(1, len(vragen) + 1)]
    return document(
        invoer,
        besluit("B1", "Uitkomst", hit, kolommen, regels, top=True, invoer=ids, **kwargs),
        uitvoeringsregels=uitv,
    )
