"""STTR files in the shapes the DSO and the STTR builders deliver, in DMN 1.1 and 1.2.

Written by hand after the element structure of public national-style files (sources in README.md next
to this file): `dmn:definitions` with the OIN as default namespace, the uitvoeringsregels in the top
`dmn:extensionElements`, `uitv:vasteWaardeVoorbehoud` wrapping a whole `uitv:vasteWaarde`, option help
text inside `content:uitvoeringsregelToelichting`, `bedr:functioneleStructuurRef` hrefs with and without
a leading '#'. Nothing here is produced by our exporter.
"""

from tests.toepasbare_regels.sttr import dmn

DMN = {
    "1.1": "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
    "1.2": "http://www.omg.org/spec/DMN/20180521/MODEL/",
}
STTR = "http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/"
OIN = "http://toepasbare-regels.omgevingswet.overheid.nl/00000001001234567000"
EXPORT_NS = {
    "dmn": DMN["1.2"],
    "uitv": STTR + "Uitvoeringsregel",
    "inter": STTR + "Interactieregel",
    "bedr": STTR + "Bedrijfsregel",
    "content": STTR + "Content",
}


def type_ref(versie: str, soort: str) -> str:
    """DMN 1.1 files write FEEL types with the feel: prefix."""
    return f"feel:{soort}" if versie == "1.1" else soort


def definitions(versie: str, inhoud: str, *, ext: str = "", attributen: str = 'id="_defs"') -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<dmn:definitions xmlns:dmn="{DMN[versie]}" xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
        f' xmlns:inter="{STTR}Interactieregel" xmlns:bedr="{STTR}Bedrijfsregel"'
        f' xmlns:uitv="{STTR}Uitvoeringsregel" xmlns:content="{STTR}Content"'
        f' xmlns:feel="http://www.omg.org/spec/FEEL/20140401"'
        f' xmlns="{OIN}" namespace="{OIN}" exporter="DMN Modeler" exporterVersion="6.2.11.1"'
        f' {attributen} name="Conclusie Bouwen Dakkapel">\n'
        "  <dmn:extensionElements>\n"
        "    <inter:regelgroepen>\n"
        '      <inter:regelgroep id="groep1"><inter:naam>Algemene vragen</inter:naam>'
        "<inter:prioriteit>1</inter:prioriteit></inter:regelgroep>\n"
        "    </inter:regelgroepen>\n"
        f"{ext}"
        "  </dmn:extensionElements>\n"
        f"{inhoud}"
        "</dmn:definitions>\n"
    ).encode()


def top_besluit(versie: str, kolommen: list[tuple[str, str, str]], regels, *, ref_hekje: bool = True) -> str:
    """One COLLECT conclusie table. kolommen: (inputData id, naam, type); regels: (cellen, conclusie)."""
    href = ("#" if ref_hekje else "") + f"{OIN}/id/concept/ConclusieBouwenDakkapel"
    eisen = "".join(
        f'<dmn:informationRequirement><dmn:requiredInput href="#{i}"/></dmn:informationRequirement>'
        for i, _, _ in kolommen
    )
    inputs = "".join(
        f'<dmn:input id="_in{k}"><dmn:inputExpression typeRef="{type_ref(versie, t)}">'
        f"<dmn:text>{naam}</dmn:text></dmn:inputExpression></dmn:input>"
        for k, (_, naam, t) in enumerate(kolommen)
    )
    rules = "".join(
        f'<dmn:rule id="_r{n}">'
        + "".join(
            f'<dmn:inputEntry id="_r{n}_{k}"><dmn:text>{c}</dmn:text></dmn:inputEntry>'
            for k, c in enumerate(cellen)
        )
        + f'<dmn:outputEntry id="_r{n}_o"><dmn:text>"{uit}"</dmn:text></dmn:outputEntry></dmn:rule>'
        for n, (cellen, uit) in enumerate(regels)
    )
    return (
        '  <dmn:decision id="_top" name="Conclusie Dakkapel">\n'
        f'    <dmn:extensionElements><bedr:functioneleStructuurRef href="{href}"/></dmn:extensionElements>\n'
        f'    <dmn:variable id="_top_var" name="Conclusie Dakkapel" typeRef="{type_ref(versie, "string")}"/>\n'
        f"    {eisen}\n"
        '    <dmn:decisionTable hitPolicy="COLLECT" id="_top_t" outputLabel="Conclusie Dakkapel">\n'
        f"      {inputs}\n"
        '      <dmn:output id="_top_o"><dmn:outputValues><dmn:text>"Vergunningplicht","Toestemmingsvrij",'
        '"Verbod","Meldingsplicht","Informatieplicht","NeemContactOpMet","NietVanToepassing"'
        "</dmn:text></dmn:outputValues></dmn:output>\n"
        f"      {rules}\n"
        "    </dmn:decisionTable>\n"
        "  </dmn:decision>\n"
    )


def input_data(versie: str, ident: str, naam: str, uitv: str, soort: str) -> str:
    return (
        f'  <dmn:inputData id="{ident}" name="{naam}">\n'
        f'    <dmn:extensionElements><uitv:uitvoeringsregelRef href="#{uitv}"/></dmn:extensionElements>\n'
        f'    <dmn:variable id="{ident}_var" name="{naam}" typeRef="{type_ref(versie, soort)}"/>\n'
        "  </dmn:inputData>\n"
    )


def met_regel(
    versie: str, regel_xml: str, soort: str = "boolean", *, extra: str = "", ext: str = ""
) -> bytes:
    """A complete file around one uitvoeringsregel (id UitvId0001) that its only table uses."""
    return definitions(
        versie,
        extra
        + input_data(versie, "_i1", "Invoer", "UitvId0001", soort)
        + top_besluit(versie, [("_i1", "Invoer", soort)], [(["-"], "Toestemmingsvrij")]),
        ext=f"    <uitv:uitvoeringsregels>{regel_xml}</uitv:uitvoeringsregels>\n{ext}",
    )


def _iv_besluit(versie: str, ident: str, naam: str, ref: str, kolommen, regels, besluiten=()) -> str:
    """An ANY boolean table as indieningsvereisten files have them; kolommen: (id, naam, type, is_besluit)."""
    ext = (
        f'<dmn:extensionElements><bedr:functioneleStructuurRef href="#{OIN}/id/concept/{ref}"/>'
        "</dmn:extensionElements>"
        if ref
        else ""
    )
    eisen = "".join(
        f'<dmn:informationRequirement><dmn:required{"Decision" if b else "Input"} href="#{i}"/>'
        "</dmn:informationRequirement>"
        for i, _, _, b in kolommen
    )
    inputs = "".join(
        f'<dmn:input id="{ident}_in{k}"><dmn:inputExpression typeRef="{type_ref(versie, t)}">'
        f"<dmn:text>{n}</dmn:text></dmn:inputExpression></dmn:input>"
        for k, (_, n, t, _) in enumerate(kolommen)
    )
    rules = "".join(
        f'<dmn:rule id="{ident}_r{n}">'
        + "".join(f"<dmn:inputEntry><dmn:text>{c}</dmn:text></dmn:inputEntry>" for c in cellen)
        + f"<dmn:outputEntry><dmn:text>{uit}</dmn:text></dmn:outputEntry></dmn:rule>"
        for n, (cellen, uit) in enumerate(regels)
    )
    return (
        f'  <dmn:decision id="{ident}" name="{naam}">{ext}'
        f'<dmn:variable id="{ident}.var" name="{naam}" typeRef="{type_ref(versie, "boolean")}"/>{eisen}'
        f'<dmn:decisionTable hitPolicy="ANY" id="{ident}_t" outputLabel="{naam}">{inputs}'
        f'<dmn:output id="{ident}_o"/>{rules}</dmn:decisionTable></dmn:decision>\n'
    )


AANSLUITING = "Aansluiting Indieningsvereisten evenement organiseren"
AANSLUIT_MODEL = "Indieningsvereisten evenement organiseren"


def indieningsvereisten_met_aansluitpunt(versie: str = "1.2") -> bytes:
    """IndieningsvereistenVergunningEvenementOrganiseren: one own question and an aansluitpunt whose
    answer comes from the model AANSLUIT_MODEL (the `namespace` input is a vasteWaarde, as delivered)."""
    regels = dmn.vraag("UitvId0001", "string", "Wie organiseert het evenement?", prioriteit=1) + (
        '<uitv:uitvoeringsregel id="UitvId0015"><uitv:regelgroepRef href="#groep1"/>'
        "<inter:prioriteit>1</inter:prioriteit><uitv:vasteWaarde><uitv:waardeVraag>Namespace</uitv:waardeVraag>"
        "<uitv:waarde>true</uitv:waarde><uitv:gegevensType>boolean</uitv:gegevensType></uitv:vasteWaarde>"
        "</uitv:uitvoeringsregel>"
    )
    aansluitpunt = (
        f'  <dmn:decision id="Decision0005" name="Aansluitpunt evenement organiseren">'
        f'<dmn:variable id="Decision0005.var" name="Aansluitpunt evenement organiseren" typeRef="{type_ref(versie, "boolean")}"/>'
        '<dmn:informationRequirement><dmn:requiredInput href="#InputData0015"/></dmn:informationRequirement>'
        f'<dmn:invocation id="_inv" typeRef="{type_ref(versie, "boolean")}">'
        '<dmn:literalExpression id="literal__inv"><dmn:text>invoke</dmn:text></dmn:literalExpression>'
        '<dmn:binding><dmn:parameter id="_p1" name="namespace"/><dmn:literalExpression id="_l1">'
        "<dmn:text>namespace</dmn:text></dmn:literalExpression></dmn:binding>"
        '<dmn:binding><dmn:parameter id="_p2" name="model name"/><dmn:literalExpression id="_l2">'
        f'<dmn:text>"{AANSLUIT_MODEL}"</dmn:text></dmn:literalExpression></dmn:binding>'
        '<dmn:binding><dmn:parameter id="_p3" name="decision name"/><dmn:literalExpression id="_l3">'
        f'<dmn:text>"{AANSLUITING}"</dmn:text></dmn:literalExpression></dmn:binding>'
        '<dmn:binding><dmn:parameter id="_p4" name="parameters"/><dmn:literalExpression id="_l4">'
        "<dmn:text>context()</dmn:text></dmn:literalExpression></dmn:binding>"
        "</dmn:invocation></dmn:decision>\n"
    )
    inhoud = (
        input_data(versie, "InputData0005", "Organisatie evenement", "UitvId0001", "string")
        + input_data(versie, "InputData0015", "namespace", "UitvId0015", "boolean")
        + _iv_besluit(
            versie,
            "Decision0001",
            "IndieningsvereistenEvenementOrganiseren",
            "IndieningsvereistenVergunningEvenementOrganiseren",
            [
                ("InputData0005", "Organisatie evenement", "string", False),
                ("Decision0005", "Aansluitpunt evenement organiseren", "boolean", True),
            ],
            [(["not(null)", "true"], "true"), (["-", "false"], "false")],
        )
        + aansluitpunt
    )
    return definitions(
        versie, inhoud, ext=f"<uitv:uitvoeringsregels>{regels}</uitv:uitvoeringsregels>"
    ).replace(
        b'name="Conclusie Bouwen Dakkapel"', b'name="IndieningsvereistenVergunningEvenementOrganiseren"'
    )


def aansluit_model(versie: str = "1.2") -> bytes:
    """The model the aansluitpunt names: its decision AANSLUITING needs a plattegrond (a bijlage)."""
    regels = (
        '<uitv:uitvoeringsregel id="UitvId0006"><uitv:regelgroepRef href="#groep1"/>'
        "<inter:prioriteit>6</inter:prioriteit><uitv:bijlage><uitv:bijlageType>Plattegrond evenement"
        "</uitv:bijlageType></uitv:bijlage></uitv:uitvoeringsregel>"
    )
    inhoud = input_data(
        versie, "InputData0006", "Plattegrond evenement", "UitvId0006", "boolean"
    ) + _iv_besluit(
        versie,
        "Decision0001",
        AANSLUITING,
        "IndieningsvereistenVergunningEvenementAansluiting",
        [("InputData0006", "Plattegrond evenement", "boolean", False)],
        [(["true"], "true"), (["false"], "false")],
    )
    return definitions(
        versie, inhoud, ext=f"<uitv:uitvoeringsregels>{regels}</uitv:uitvoeringsregels>"
    ).replace(b'name="Conclusie Bouwen Dakkapel"', f'name="{AANSLUIT_MODEL}"'.encode())


def maatregelen_bestand(versie: str = "1.2") -> bytes:
    """MaatregelenOpslaanOlieproducten: a COLLECT table with a Voorschriften (jci) and a Maatregelen column."""
    regels = dmn.vraag(
        "UitvId0001",
        "boolean",
        "Worden er in uw bedrijf activiteiten met afvalstoffen uitgevoerd?",
        prioriteit=1,
    ).replace("<inter:prioriteit>", "<uitv:bereik>werkzaamheid</uitv:bereik><inter:prioriteit>")
    jci = "jci1.3:c:BWBR0022762&amp;hoofdstuk=3&amp;artikel=3.54c&amp;lid=1"
    tabel = (
        '  <dmn:decision id="_m" name="Maatregelen Opslaan olieproducten">'
        f'<dmn:extensionElements><bedr:functioneleStructuurRef href="{OIN}/id/concept/MaatregelenOpslaanOlieproducten"/>'
        "</dmn:extensionElements>"
        f'<dmn:variable id="_m_var" name="Maatregelen Opslaan olieproducten" typeRef="tMaatregelen"/>'
        '<dmn:informationRequirement><dmn:requiredInput href="#_afval"/></dmn:informationRequirement>'
        '<dmn:decisionTable id="_m_t" hitPolicy="COLLECT" typeRef="tMaatregelen">'
        f'<dmn:input id="_m_i"><dmn:inputExpression typeRef="{type_ref(versie, "boolean")}"><dmn:text>Afval</dmn:text>'
        "</dmn:inputExpression></dmn:input>"
        f'<dmn:output id="_m_o1" name="Voorschriften" typeRef="{type_ref(versie, "string")}"/>'
        f'<dmn:output id="_m_o2" name="Maatregelen" typeRef="{type_ref(versie, "string")}"/>'
        f'<dmn:rule id="_m_r1"><dmn:inputEntry><dmn:text>false</dmn:text></dmn:inputEntry>'
        f'<dmn:outputEntry><dmn:text>"{jci}"</dmn:text></dmn:outputEntry>'
        '<dmn:outputEntry><dmn:text>"m0112,m0106"</dmn:text></dmn:outputEntry></dmn:rule>'
        '<dmn:rule id="_m_r2"><dmn:inputEntry><dmn:text>true</dmn:text></dmn:inputEntry>'
        '<dmn:outputEntry><dmn:text>""</dmn:text></dmn:outputEntry>'
        '<dmn:outputEntry><dmn:text>""</dmn:text></dmn:outputEntry></dmn:rule>'
        "</dmn:decisionTable></dmn:decision>\n"
    )
    items = (
        '<dmn:itemDefinition isCollection="true" name="tMaatregelen" label="tMaatregelen">'
        f'<dmn:itemComponent isCollection="false" name="Voorschriften" id="_c1"><dmn:typeRef>{type_ref(versie, "string")}</dmn:typeRef></dmn:itemComponent>'
        f'<dmn:itemComponent isCollection="false" name="Maatregelen" id="_c2"><dmn:typeRef>{type_ref(versie, "string")}</dmn:typeRef></dmn:itemComponent>'
        "</dmn:itemDefinition>"
    )
    maatregelen = (
        "<content:maatregelen>"
        '<content:maatregel id="m0112"><content:nummer>m0112</content:nummer><content:maatregeltekst>Leeg de opslagtank'
        "</content:maatregeltekst><content:toelichting>U moet de tank elk jaar leegmaken.</content:toelichting>"
        "<content:frequentie>Een keer per jaar</content:frequentie><content:volgorde>1</content:volgorde>"
        "<content:kenmerk>Afgewerkte olie (BGT)</content:kenmerk><content:thema>Bodem</content:thema></content:maatregel>"
        '<content:maatregel id="m0106"><content:nummer>m0106</content:nummer><content:maatregeltekst>Plaats een '
        "bovengrondse tank boven een lekbak.</content:maatregeltekst><content:frequentie>Eenmalig</content:frequentie>"
        "<content:volgorde>2</content:volgorde><content:thema>Bodem</content:thema><content:thema>Veiligheid"
        "</content:thema></content:maatregel>"
        '<content:maatregel id="m0086"><content:nummer>m0086</content:nummer><content:maatregeltekst>Voldoe aan '
        "een maatwerkvoorschrift.</content:maatregeltekst><content:volgorde>6</content:volgorde></content:maatregel>"
        "</content:maatregelen>"
    )
    return definitions(
        versie,
        items + input_data(versie, "_afval", "Afval", "UitvId0001", "boolean") + tabel,
        ext=f"<uitv:uitvoeringsregels>{regels}</uitv:uitvoeringsregels>{maatregelen}",
    ).replace(b'name="Conclusie Bouwen Dakkapel"', b'name="Maatregelen opslaan olieproducten"')
