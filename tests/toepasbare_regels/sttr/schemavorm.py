"""STTR files in the shapes the DSO and the STTR builders deliver, in DMN 1.1 and 1.2.

Written by hand after the element structure of public national-style files (sources in README.md next
to this file): `dmn:definitions` with the OIN as default namespace, the uitvoeringsregels in the top
`dmn:extensionElements`, `uitv:vasteWaardeVoorbehoud` wrapping a whole `uitv:vasteWaarde`, option help
text inside `content:uitvoeringsregelToelichting`, `bedr:functioneleStructuurRef` hrefs with and without
a leading '#'. Nothing here is produced by our exporter.
"""

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
