"""Conformance: every STTR/IMTR element the parser reads, in the shape the schema gives it (DMN 1.1 and
1.2), read correctly, written back by the exporter in that same shape, and read again unchanged."""

import pytest
from lxml import etree

from tests.toepasbare_regels.sttr.schemavorm import DMN, EXPORT_NS, definitions, met_regel
from toepasbare_regels.sttr import parser
from toepasbare_regels.sttr.antwoorden import typeer
from toepasbare_regels.sttr.export import naar_dmn

VERSIES = pytest.mark.parametrize("versie", sorted(DMN))


def _rond(inhoud: bytes):
    """Parse, export, check the export parses to the same model; returns (model, exported XML root)."""
    bestand = parser.lees(inhoud, "schema.dmn")
    uit = naar_dmn(bestand)
    assert parser.lees(uit, "schema.dmn") == bestand
    return bestand, etree.fromstring(uit)


def _x(root, pad: str) -> list:
    return root.xpath(pad, namespaces=EXPORT_NS)


def _uitv(root) -> str:
    return "/dmn:definitions/dmn:extensionElements/uitv:uitvoeringsregels/uitv:uitvoeringsregel"


VOORBEHOUD = """
<uitv:uitvoeringsregel id="UitvId0001">
  <uitv:regelgroepRef href="#groep1"/>
  <inter:prioriteit>340</inter:prioriteit>
  <uitv:vasteWaardeVoorbehoud>
    <uitv:vasteWaarde>
      <uitv:waardeVraag>Nestelt er een beschermde vogel?</uitv:waardeVraag>
      <uitv:waarde>false</uitv:waarde>
      <uitv:gegevensType>boolean</uitv:gegevensType>
    </uitv:vasteWaarde>
    <uitv:tekstVoorbehoud>U mag bouwen onder voorbehoud dat er geen beschermde vogel nestelt.</uitv:tekstVoorbehoud>
  </uitv:vasteWaardeVoorbehoud>
</uitv:uitvoeringsregel>"""


@VERSIES
def test_vaste_waarde_voorbehoud_nests_a_vaste_waarde(versie):
    bestand, uit = _rond(met_regel(versie, VOORBEHOUD))
    u = bestand.uitvoeringsregel("UitvId0001")
    assert (u.soort, u.vraag_tekst, u.waarde, u.gegevens_type) == (
        "vasteWaardeVoorbehoud",
        "Nestelt er een beschermde vogel?",
        "false",
        "boolean",
    )
    assert u.tekst_voorbehoud.startswith("U mag bouwen onder voorbehoud")
    assert typeer(u.waarde, u.gegevens_type, None, u.id) is False  # was "" → "Kies ja of nee"
    vwv = f"{_uitv(uit)}/uitv:vasteWaardeVoorbehoud"
    assert _x(uit, f"{vwv}/uitv:vasteWaarde/uitv:waarde/text()") == ["false"]
    assert _x(uit, f"{vwv}/uitv:vasteWaarde/uitv:waardeVraag/text()") == ["Nestelt er een beschermde vogel?"]
    assert _x(uit, f"{vwv}/uitv:vasteWaarde/uitv:gegevensType/text()") == ["boolean"]
    assert len(_x(uit, f"{vwv}/uitv:tekstVoorbehoud")) == 1
    assert _x(uit, f"{vwv}/uitv:waarde | {vwv}/uitv:waardeVraag | {vwv}/uitv:gegevensType") == []


def test_the_flat_voorbehoud_our_old_exporter_wrote_is_still_read():
    plat = VOORBEHOUD.replace("<uitv:vasteWaarde>", "").replace("</uitv:vasteWaarde>", "")
    u = parser.lees(met_regel("1.2", plat), "oud.dmn").uitvoeringsregel("UitvId0001")
    assert (u.waarde, u.gegevens_type) == ("false", "boolean")


@VERSIES
def test_vaste_waarde(versie):
    regel = (
        '<uitv:uitvoeringsregel id="UitvId0001"><uitv:regelgroepRef href="#groep1"/>'
        "<inter:prioriteit>350</inter:prioriteit><uitv:vasteWaarde>"
        "<uitv:waardeVraag>Is het gebouw illegaal?</uitv:waardeVraag><uitv:waarde>false</uitv:waarde>"
        "<uitv:gegevensType>boolean</uitv:gegevensType></uitv:vasteWaarde></uitv:uitvoeringsregel>"
    )
    bestand, uit = _rond(met_regel(versie, regel))
    u = bestand.uitvoeringsregel("UitvId0001")
    assert (u.soort, u.vraag_tekst, u.waarde, u.gegevens_type) == (
        "vasteWaarde",
        "Is het gebouw illegaal?",
        "false",
        "boolean",
    )
    assert _x(uit, f"{_uitv(uit)}/uitv:vasteWaarde/uitv:waarde/text()") == ["false"]


@VERSIES
@pytest.mark.parametrize(
    ("gegevens_type", "type_ref"),
    [("boolean", "boolean"), ("number", "number"), ("string", "string"), ("date", "date")],
)
def test_vraag_of_each_gegevenstype(versie, gegevens_type, type_ref):
    regel = (
        '<uitv:uitvoeringsregel id="UitvId0001"><uitv:regelgroepRef href="#groep1"/>'
        f"<inter:prioriteit>10</inter:prioriteit><uitv:vraag><uitv:gegevensType>{gegevens_type}"
        "</uitv:gegevensType><uitv:vraagTekst>Wat is het?</uitv:vraagTekst></uitv:vraag></uitv:uitvoeringsregel>"
    )
    bestand, uit = _rond(met_regel(versie, regel, type_ref))
    u = bestand.uitvoeringsregel("UitvId0001")
    assert (u.soort, u.gegevens_type, u.vraag_tekst, u.prioriteit, u.regelgroep) == (
        "vraag",
        gegevens_type,
        "Wat is het?",
        10,
        "groep1",
    )
    assert bestand.invoer[0].type_ref == type_ref  # feel:number (1.1) and number (1.2) alike
    assert _x(uit, f"{_uitv(uit)}/uitv:vraag/uitv:gegevensType/text()") == [gegevens_type]
    assert _x(uit, "/dmn:definitions/dmn:inputData/dmn:variable/@typeRef") == [type_ref]


@VERSIES
def test_vraag_with_opties_and_option_help_text(versie):
    regel = """<uitv:uitvoeringsregel id="UitvId0001"><uitv:regelgroepRef href="#groep1"/>
      <inter:prioriteit>250</inter:prioriteit><uitv:vraag><uitv:gegevensType>list</uitv:gegevensType>
      <uitv:vraagTekst>Op welk dakvlak wordt de dakkapel geplaatst?</uitv:vraagTekst>
      <uitv:opties><uitv:optieType>enkelAntwoord</uitv:optieType>
        <uitv:optie><uitv:sequenceId>1</uitv:sequenceId><uitv:optieText>Voorkant</uitv:optieText>
          <content:uitvoeringsregelToelichting><content:toelichting>Aan de kant van de voordeur.</content:toelichting>
          </content:uitvoeringsregelToelichting></uitv:optie>
        <uitv:optie><uitv:sequenceId>2</uitv:sequenceId><uitv:optieText>Zijkant</uitv:optieText></uitv:optie>
        <uitv:optie><uitv:sequenceId>3</uitv:sequenceId><uitv:optieText>Achterkant</uitv:optieText></uitv:optie>
      </uitv:opties></uitv:vraag></uitv:uitvoeringsregel>"""
    bestand, uit = _rond(met_regel(versie, regel, "string"))
    u = bestand.uitvoeringsregel("UitvId0001")
    assert u.optie_type == "enkelAntwoord"
    assert [(o.sequence_id, o.tekst, o.toelichting) for o in u.opties] == [
        ("1", "Voorkant", "Aan de kant van de voordeur."),
        ("2", "Zijkant", ""),
        ("3", "Achterkant", ""),
    ]
    optie = f"{_uitv(uit)}/uitv:vraag/uitv:opties/uitv:optie"
    assert _x(uit, f"{optie}[1]/content:uitvoeringsregelToelichting/content:toelichting/text()") == [
        "Aan de kant van de voordeur."
    ]
    assert _x(uit, f"{optie}/content:toelichting") == []
    assert _x(uit, f"{_uitv(uit)}/uitv:vraag/uitv:opties/uitv:optieType/text()") == ["enkelAntwoord"]


@VERSIES
def test_uitvoeringsregel_common_parts(versie):
    regel = """<uitv:uitvoeringsregel id="UitvId0001"><uitv:regelgroepRef href="#groep1"/>
      <uitv:bereik>werkzaamheid</uitv:bereik><uitv:herbruikbaarId>monument</uitv:herbruikbaarId>
      <inter:prioriteit>230</inter:prioriteit>
      <uitv:vraag><uitv:gegevensType>number</uitv:gegevensType>
      <uitv:vraagTekst>Hoever ligt de bovenzijde onder de daknok (in cm)?</uitv:vraagTekst></uitv:vraag>
      <content:uitvoeringsregelToelichting>
        <content:toelichting>Bepaal de afstand in *centimeters*</content:toelichting>
        <content:langeToelichting>De verticaal gemeten afstand.</content:langeToelichting>
        <content:belangrijk>true</content:belangrijk>
      </content:uitvoeringsregelToelichting></uitv:uitvoeringsregel>"""
    bestand, uit = _rond(met_regel(versie, regel, "number"))
    u = bestand.uitvoeringsregel("UitvId0001")
    assert (u.bereik, u.herbruikbaar_id, u.prioriteit) == ("werkzaamheid", "monument", 230)
    assert (u.toelichting, u.lange_toelichting, u.belangrijk) == (
        "Bepaal de afstand in *centimeters*",
        "De verticaal gemeten afstand.",
        True,
    )
    toelichting = f"{_uitv(uit)}/content:uitvoeringsregelToelichting"
    assert _x(uit, f"{toelichting}/content:belangrijk/text()") == ["true"]
    assert _x(uit, f"{_uitv(uit)}/uitv:bereik/text()") == ["werkzaamheid"]


@VERSIES
def test_geo_verwijzing(versie):
    regel = """<uitv:uitvoeringsregel id="UitvId0001"><uitv:regelgroepRef href="#groep1"/>
      <uitv:geoVerwijzing><uitv:locatie identificatie="nl.imow-gm0400.gebied.gemeentegrens"/>
      <uitv:vraagTekst>Ligt het pand binnen de gemeentegrens?</uitv:vraagTekst></uitv:geoVerwijzing>
      </uitv:uitvoeringsregel>"""
    bestand, uit = _rond(met_regel(versie, regel, "string"))
    u = bestand.uitvoeringsregel("UitvId0001")
    assert (u.soort, u.locatie, u.vraag_tekst) == (
        "geoVerwijzing",
        "nl.imow-gm0400.gebied.gemeentegrens",
        "Ligt het pand binnen de gemeentegrens?",
    )
    assert _x(uit, f"{_uitv(uit)}/uitv:geoVerwijzing/uitv:locatie/@identificatie") == [
        "nl.imow-gm0400.gebied.gemeentegrens"
    ]


@VERSIES
def test_bijlage(versie):
    regel = """<uitv:uitvoeringsregel id="UitvId0001"><uitv:regelgroepRef href="#groep1"/>
      <inter:prioriteit>6</inter:prioriteit><uitv:bijlage><uitv:bijlageType>Plattegrond evenement</uitv:bijlageType>
      </uitv:bijlage><content:uitvoeringsregelToelichting><content:toelichting>Als PDF.</content:toelichting>
      <content:belangrijk>false</content:belangrijk></content:uitvoeringsregelToelichting></uitv:uitvoeringsregel>"""
    bestand, uit = _rond(met_regel(versie, regel))
    u = bestand.uitvoeringsregel("UitvId0001")
    assert (u.soort, u.bijlage_type, u.toelichting, u.belangrijk) == (
        "bijlage",
        "Plattegrond evenement",
        "Als PDF.",
        False,
    )
    assert _x(uit, f"{_uitv(uit)}/uitv:bijlage/uitv:bijlageType/text()") == ["Plattegrond evenement"]


@VERSIES
@pytest.mark.parametrize("hekje", [True, False])
def test_input_data_uitvoeringsregel_ref_and_functionele_structuur_ref(versie, hekje):
    from tests.toepasbare_regels.sttr.schemavorm import OIN, input_data, top_besluit

    regel = (
        '<uitv:uitvoeringsregel id="UitvId0007"><uitv:vraag><uitv:gegevensType>boolean</uitv:gegevensType>'
        "<uitv:vraagTekst>Plat dak?</uitv:vraagTekst></uitv:vraag></uitv:uitvoeringsregel>"
    )
    inhoud = definitions(
        versie,
        input_data(versie, "_plat", "Plat dak", "UitvId0007", "boolean")
        + top_besluit(
            versie, [("_plat", "Plat dak", "boolean")], [(["true"], "Vergunningplicht")], ref_hekje=hekje
        ),
        ext=f"<uitv:uitvoeringsregels>{regel}</uitv:uitvoeringsregels>",
    )
    bestand, uit = _rond(inhoud)
    assert bestand.input_data("_plat").uitvoeringsregel == "UitvId0007"
    assert bestand.top_besluiten[0].functionele_structuur_ref == f"{OIN}/id/concept/ConclusieBouwenDakkapel"
    assert _x(uit, "/dmn:definitions/dmn:inputData/dmn:extensionElements/uitv:uitvoeringsregelRef/@href") == [
        "#UitvId0007"
    ]
    assert len(_x(uit, "//dmn:decision/dmn:extensionElements/bedr:functioneleStructuurRef")) == 1


@VERSIES
def test_conclusie_toelichting_and_annotation(versie):
    inhoud = (
        met_regel(
            versie,
            '<uitv:uitvoeringsregel id="UitvId0001"><uitv:vraag><uitv:gegevensType>boolean</uitv:gegevensType>'
            "<uitv:vraagTekst>Monument?</uitv:vraagTekst></uitv:vraag></uitv:uitvoeringsregel>",
        )
        .replace(
            b'<dmn:outputEntry id="_r0_o">',
            b'<dmn:outputEntry id="_r0_o"><dmn:extensionElements><content:conclusieToelichting>'
            b"<content:toelichting>Zo plaatst u veilig een dakkapel.</content:toelichting>"
            b"</content:conclusieToelichting></dmn:extensionElements>",
        )
        .replace(
            b"</dmn:outputEntry></dmn:rule>",
            b'</dmn:outputEntry><dmn:annotationEntry><dmn:text>"/akn/nl/act/gm0400/2024/omgevingsplan/art_2"</dmn:text>  '
            b"</dmn:annotationEntry></dmn:rule>",
        )
    )
    bestand, uit = _rond(inhoud)
    regel = bestand.top_besluiten[0].tabel.regels[0]
    assert regel.toelichtingen == ("Zo plaatst u veilig een dakkapel.",)
    assert regel.annotaties == ("/akn/nl/act/gm0400/2024/omgevingsplan/art_2",)  # quotes are FEEL, not text
    assert _x(
        uit,
        "//dmn:rule/dmn:outputEntry/dmn:extensionElements/content:conclusieToelichting/content:toelichting/text()",
    ) == ["Zo plaatst u veilig een dakkapel."]


MAATREGELEN = """<content:maatregelen>
  <content:maatregel id="m0106"><content:nummer>m0106</content:nummer>
    <content:maatregeltekst>Plaats een bovengrondse tank boven een lekbak.</content:maatregeltekst>
    <content:toelichting>Een dubbelwandige tank met lekdetectie hoeft niet in een lekbak.</content:toelichting>
    <content:frequentie>Eenmalig</content:frequentie><content:volgorde>2</content:volgorde>
    <content:kenmerk>Gasolie, smeerolie of afgewerkte olie (BGT)</content:kenmerk>
    <content:thema>Bodem</content:thema><content:thema>Veiligheid</content:thema></content:maatregel>
  <content:maatregel id="m0112"><content:nummer>m0112</content:nummer>
    <content:maatregeltekst>Leeg de opslagtank</content:maatregeltekst>
    <content:frequentie>Een keer per jaar</content:frequentie><content:volgorde>1</content:volgorde>
    <content:thema>Bodem</content:thema></content:maatregel>
</content:maatregelen>"""


@VERSIES
def test_maatregelen(versie):
    regel = (
        '<uitv:uitvoeringsregel id="UitvId0001"><uitv:bereik>werkzaamheid</uitv:bereik><uitv:vraag>'
        "<uitv:gegevensType>boolean</uitv:gegevensType><uitv:vraagTekst>Afval?</uitv:vraagTekst></uitv:vraag>"
        "</uitv:uitvoeringsregel>"
    )
    bestand, uit = _rond(met_regel(versie, regel, ext=MAATREGELEN))
    m = bestand.maatregelen
    assert [(x.id, x.nummer, x.frequentie, x.volgorde, x.themas) for x in m] == [
        ("m0106", "m0106", "Eenmalig", 2, ("Bodem", "Veiligheid")),
        ("m0112", "m0112", "Een keer per jaar", 1, ("Bodem",)),
    ]
    assert m[0].tekst == "Plaats een bovengrondse tank boven een lekbak."
    assert m[0].toelichting.startswith("Een dubbelwandige tank")
    assert m[0].kenmerk == "Gasolie, smeerolie of afgewerkte olie (BGT)"
    pad = "/dmn:definitions/dmn:extensionElements/content:maatregelen/content:maatregel"
    assert _x(uit, f"{pad}[1]/content:thema/text()") == ["Bodem", "Veiligheid"]
    assert _x(uit, f"{pad}[2]/content:maatregeltekst/text()") == ["Leeg de opslagtank"]


@VERSIES
def test_item_definitions(versie):
    feel = "feel:" if versie == "1.1" else ""
    items = f"""<dmn:itemDefinition isCollection="false" label="indienbaar" name="indienbaar">
        <dmn:typeRef>{feel}boolean</dmn:typeRef></dmn:itemDefinition>
      <dmn:itemDefinition isCollection="true" name="tMaatregelen" label="tMaatregelen">
        <dmn:itemComponent isCollection="false" name="Voorschriften" id="_c1"><dmn:typeRef>{feel}string</dmn:typeRef></dmn:itemComponent>
        <dmn:itemComponent isCollection="false" name="Maatregelen" id="_c2"><dmn:typeRef>{feel}string</dmn:typeRef></dmn:itemComponent>
      </dmn:itemDefinition>"""
    regel = (
        '<uitv:uitvoeringsregel id="UitvId0001"><uitv:vraag><uitv:gegevensType>boolean</uitv:gegevensType>'
        "<uitv:vraagTekst>?</uitv:vraagTekst></uitv:vraag></uitv:uitvoeringsregel>"
    )
    bestand, uit = _rond(met_regel(versie, regel, extra=items))
    namen = [dict(k.attributen)["name"] for k in bestand.item_definities]
    assert namen == ["indienbaar", "tMaatregelen"]
    assert bestand.item_definities[0].kinderen[0].tekst == "boolean"
    assert _x(uit, "/dmn:definitions/dmn:itemDefinition[@name='tMaatregelen']/dmn:itemComponent/@name") == [
        "Voorschriften",
        "Maatregelen",
    ]
    assert _x(uit, "/dmn:definitions/dmn:itemDefinition[@name='indienbaar']/dmn:typeRef/text()") == [
        "boolean"
    ]
    # DMN orders itemDefinitions before the DRG elements.
    kinderen = [etree.QName(k).localname for k in uit]
    assert kinderen.index("itemDefinition") < kinderen.index("inputData")


@VERSIES
def test_knowledge_source_and_authority_requirement(versie):
    bron = (
        '<dmn:knowledgeSource id="_ks1" name="Omgevingsplan Den Helder" '
        'locationURI="https://example.org/akn/nl/act/gm0400/2024/omgevingsplan">'
        "<dmn:type>omgevingsplan</dmn:type></dmn:knowledgeSource>"
    )
    regel = (
        '<uitv:uitvoeringsregel id="UitvId0001"><uitv:vraag><uitv:gegevensType>boolean</uitv:gegevensType>'
        "<uitv:vraagTekst>?</uitv:vraagTekst></uitv:vraag></uitv:uitvoeringsregel>"
    )
    inhoud = (
        met_regel(versie, regel)
        .replace(
            b'<dmn:decisionTable hitPolicy="COLLECT"',
            b'<dmn:authorityRequirement><dmn:requiredAuthority href="#_ks1"/></dmn:authorityRequirement>'
            b'<dmn:decisionTable hitPolicy="COLLECT"',
        )
        .replace(b"</dmn:definitions>", bron.encode() + b"</dmn:definitions>")
    )
    bestand, uit = _rond(inhoud)
    assert dict(bestand.kennisbronnen[0].attributen)["name"] == "Omgevingsplan Den Helder"
    assert bestand.top_besluiten[0].autoriteit[0].kinderen[0].attributen == (("href", "#_ks1"),)
    assert _x(uit, "/dmn:definitions/dmn:knowledgeSource/@locationURI") == [
        "https://example.org/akn/nl/act/gm0400/2024/omgevingsplan"
    ]
    assert _x(uit, "//dmn:decision/dmn:authorityRequirement/dmn:requiredAuthority/@href") == ["#_ks1"]


@VERSIES
@pytest.mark.parametrize("attributen", ['id="_8f634e90"', ""])
def test_definitions_id_is_kept_or_left_out(versie, attributen):
    regel = (
        '<uitv:uitvoeringsregel id="UitvId0001"><uitv:vraag><uitv:gegevensType>boolean</uitv:gegevensType>'
        "<uitv:vraagTekst>?</uitv:vraagTekst></uitv:vraag></uitv:uitvoeringsregel>"
    )
    inhoud = met_regel(versie, regel).replace(b'id="_defs"', attributen.encode())
    bestand, uit = _rond(inhoud)
    assert uit.get("id") == (attributen.split('"')[1] if attributen else None)
    assert (uit.get("name"), uit.get("namespace")) == (bestand.naam, bestand.namespace)
    assert [g.naam for g in bestand.regelgroepen] == ["Algemene vragen"]
    assert _x(uit, "//inter:regelgroep/inter:prioriteit/text()") == ["1"]


@VERSIES
def test_invocation_is_an_aansluitpunt(versie):
    from tests.toepasbare_regels.sttr.schemavorm import (
        AANSLUIT_MODEL,
        AANSLUITING,
        indieningsvereisten_met_aansluitpunt,
    )

    bestand, uit = _rond(indieningsvereisten_met_aansluitpunt(versie))
    besluit = bestand.besluit("Decision0005")
    assert besluit.tabel is None
    assert (besluit.aanroep.model, besluit.aanroep.besluit, besluit.aanroep.type_ref) == (
        AANSLUIT_MODEL,
        AANSLUITING,
        "boolean",
    )
    assert [p for p, _ in besluit.aanroep.bindingen] == [
        "namespace",
        "model name",
        "decision name",
        "parameters",
    ]
    pad = "//dmn:decision[@id='Decision0005']/dmn:invocation"
    assert _x(uit, f"{pad}/dmn:literalExpression/dmn:text/text()") == ["invoke"]
    assert _x(
        uit, f"{pad}/dmn:binding[dmn:parameter/@name='model name']/dmn:literalExpression/dmn:text/text()"
    ) == [f'"{AANSLUIT_MODEL}"']
