"""Conformance for the IMTR 3.x uitvoeringsregel kinds beyond vraag/geoVerwijzing/bijlage/vasteWaarde
(registerBevraging, registerbevragingAPIProfiel, herbruikbareBeslissing, uitkomstHerbruikbareBeslissing,
implicietAntwoord) and for the STTR v2.0 namespace family, in DMN 1.1 and 1.2: read, written back in the
same shape and the same namespace family, read again unchanged. Where each shape comes from is in
README.md next to this file (no public file with these kinds was found; the shapes follow the CIM-TR
attributes and the element names national files use)."""

import dataclasses

import pytest
from lxml import etree

from tests.toepasbare_regels.sttr.schemavorm import DMN, EXPORT_NS, met_regel
from tests.toepasbare_regels.sttr.test_schema import _rond
from toepasbare_regels.sttr import parser
from toepasbare_regels.sttr.engine import Engine
from toepasbare_regels.sttr.export import naar_dmn
from toepasbare_regels.sttr.feel import ONBEKEND
from toepasbare_regels.sttr.parser import SttrFout, sttr_namespaces

VERSIES = pytest.mark.parametrize("versie", sorted(DMN))
STTR_FAMILIES = pytest.mark.parametrize("familie", ["v1.0", "v2.0"])


def _in_familie(inhoud: bytes, familie: str) -> bytes:
    return inhoud.replace(b"/v1.0/", f"/{familie}/".encode())


def _x(root, pad: str, familie: str = "v1.0") -> list:
    return root.xpath(pad, namespaces=EXPORT_NS | sttr_namespaces(familie))


UITV = "/dmn:definitions/dmn:extensionElements/uitv:uitvoeringsregels/uitv:uitvoeringsregel"

# CIM-TR "Registerbevraging" (verborgen stuurvraag) and "Registerbevraging GGS" (gegevensType, register,
# registerkoppelveld); the vraagTekst is what the DSO shows when it asks the input after all.
REGISTERBEVRAGING = """<uitv:uitvoeringsregel id="UitvId0001"><uitv:regelgroepRef href="#groep1"/>
  <inter:prioriteit>10</inter:prioriteit>
  <uitv:registerBevraging>
    <uitv:gegevensType>boolean</uitv:gegevensType>
    <uitv:vraagTekst>Is het pand een monument?</uitv:vraagTekst>
    <uitv:register>GGS</uitv:register>
    <uitv:registerkoppelveld>monument</uitv:registerkoppelveld>
    <uitv:verborgenStuurvraag>false</uitv:verborgenStuurvraag>
  </uitv:registerBevraging></uitv:uitvoeringsregel>"""

# CIM-TR "Registerbevraging API-profiel": an afnamepunt (omschrijving) of a basisregistratie.
API_PROFIEL = """<uitv:uitvoeringsregel id="UitvId0001">
  <uitv:registerbevragingAPIProfiel>
    <uitv:gegevensType>string</uitv:gegevensType>
    <uitv:afnamepunt>BAG verblijfsobject gebruiksdoel</uitv:afnamepunt>
    <uitv:verborgenStuurvraag>true</uitv:verborgenStuurvraag>
  </uitv:registerbevragingAPIProfiel></uitv:uitvoeringsregel>"""

# CIM-TR "Uitkomst herbruikbare beslissing" (naam, urn toepasbare activiteit); national files carry the
# urn as uitv:activiteit/@urn.
UITKOMST_HERBRUIKBAAR = """<uitv:uitvoeringsregel id="UitvId0001">
  <uitv:uitkomstHerbruikbareBeslissing>
    <uitv:naam>Conclusie monument</uitv:naam>
    <uitv:activiteit urn="nl.imow-gm0400.activiteit.MonumentWijzigen"/>
  </uitv:uitkomstHerbruikbareBeslissing></uitv:uitvoeringsregel>"""

# CIM-TR "Impliciet antwoord": waarde (Boolean), werkzaamheid (referentie), context (optional,
# Werkzaamheidspecifiek | Werkzaamheidoverstijgend).
IMPLICIET = """<uitv:uitvoeringsregel id="UitvId0001">
  <uitv:implicietAntwoord>
    <uitv:waarde>true</uitv:waarde>
    <uitv:werkzaamheid href="http://toepasbare-regels.omgevingswet.overheid.nl/werkzaamheden/id/concept/DakkapelPlaatsen"/>
    <uitv:context>Werkzaamheidspecifiek</uitv:context>
  </uitv:implicietAntwoord></uitv:uitvoeringsregel>"""


@VERSIES
@STTR_FAMILIES
def test_register_bevraging(versie, familie):
    bestand, uit = _rond(_in_familie(met_regel(versie, REGISTERBEVRAGING), familie))
    u = bestand.uitvoeringsregel("UitvId0001")
    assert (u.soort, u.gegevens_type, u.vraag_tekst, u.register, u.koppelveld, u.verborgen) == (
        "registerBevraging",
        "boolean",
        "Is het pand een monument?",
        "GGS",
        "monument",
        False,
    )
    r = f"{UITV}/uitv:registerBevraging"
    assert _x(uit, f"{r}/uitv:registerkoppelveld/text()", familie) == ["monument"]
    assert _x(uit, f"{r}/uitv:register/text()", familie) == ["GGS"]


@VERSIES
def test_registerbevraging_api_profiel(versie):
    bestand, uit = _rond(met_regel(versie, API_PROFIEL, "string"))
    u = bestand.uitvoeringsregel("UitvId0001")
    assert (u.soort, u.gegevens_type, u.afnamepunt, u.verborgen) == (
        "registerbevragingAPIProfiel",
        "string",
        "BAG verblijfsobject gebruiksdoel",
        True,
    )
    r = f"{UITV}/uitv:registerbevragingAPIProfiel"
    assert _x(uit, f"{r}/uitv:afnamepunt/text()") == ["BAG verblijfsobject gebruiksdoel"]
    assert _x(uit, f"{r}/uitv:verborgenStuurvraag/text()") == ["true"]


def test_a_spelling_variant_of_a_kind_is_read_not_refused():
    variant = API_PROFIEL.replace("registerbevragingAPIProfiel", "registerBevragingApiProfiel")
    u = parser.lees(met_regel("1.2", variant, "string"), "x.dmn").uitvoeringsregel("UitvId0001")
    assert u.soort == "registerbevragingAPIProfiel"


@VERSIES
@pytest.mark.parametrize("soort", ["herbruikbareBeslissing", "uitkomstHerbruikbareBeslissing"])
def test_herbruikbare_beslissing(versie, soort):
    regel = UITKOMST_HERBRUIKBAAR.replace("uitkomstHerbruikbareBeslissing", soort)
    bestand, uit = _rond(met_regel(versie, regel, "string"))
    u = bestand.uitvoeringsregel("UitvId0001")
    assert (u.soort, u.beslissing, u.activiteit) == (
        soort,
        "Conclusie monument",
        "nl.imow-gm0400.activiteit.MonumentWijzigen",
    )
    assert _x(uit, f"{UITV}/uitv:{soort}/uitv:activiteit/@urn") == [
        "nl.imow-gm0400.activiteit.MonumentWijzigen"
    ]
    assert _x(uit, f"{UITV}/uitv:{soort}/uitv:naam/text()") == ["Conclusie monument"]


def test_a_herbruikbare_beslissing_without_its_file_is_a_reason_not_a_question():
    from tests.toepasbare_regels.sttr.schemavorm import definitions, input_data, top_besluit

    inhoud = definitions(
        "1.2",
        input_data("1.2", "_i1", "Monument", "UitvId0001", "string")
        + top_besluit(
            "1.2",
            [("_i1", "Monument", "string")],
            [(['"Vergunningplicht"'], "Vergunningplicht"), (['not("Vergunningplicht")'], "Toestemmingsvrij")],
        ),
        ext=f"<uitv:uitvoeringsregels>{UITKOMST_HERBRUIKBAAR}</uitv:uitvoeringsregels>",
    )
    bestand = parser.lees(inhoud, "x.dmn")
    gevraagd = []
    uit = Engine(bestand).evalueer(bestand.top_besluiten[0].id, lambda i: gevraagd.append(i) or ONBEKEND)
    assert not uit.beslist and uit.open == [] and gevraagd == []
    assert "Conclusie monument" in uit.ontbreekt[0]


@VERSIES
def test_impliciet_antwoord(versie):
    bestand, uit = _rond(met_regel(versie, IMPLICIET))
    u = bestand.uitvoeringsregel("UitvId0001")
    assert (u.soort, u.waarde, u.context) == ("implicietAntwoord", "true", "Werkzaamheidspecifiek")
    assert u.werkzaamheid.endswith("/werkzaamheden/id/concept/DakkapelPlaatsen")
    assert _x(uit, f"{UITV}/uitv:implicietAntwoord/uitv:waarde/text()") == ["true"]
    assert _x(uit, f"{UITV}/uitv:implicietAntwoord/uitv:werkzaamheid/@href") == [u.werkzaamheid]


def test_an_impliciet_antwoord_that_is_no_boolean_is_refused_with_a_code():
    with pytest.raises(SttrFout) as fout:
        parser.lees(met_regel("1.2", IMPLICIET.replace(">true<", ">misschien<")), "x.dmn")
    assert fout.value.code == "sttr.impliciet_antwoord"


@VERSIES
def test_the_v2_namespace_is_read_and_written_back_as_v2(versie):
    v1 = met_regel(versie, REGISTERBEVRAGING)
    v2 = _in_familie(v1, "v2.0")
    bestand = parser.lees(v2, "v2.dmn")
    assert bestand.sttr_versie == "v2.0"
    assert [u.soort for u in bestand.uitvoeringsregels] == ["registerBevraging"]
    assert [g.naam for g in bestand.regelgroepen] == ["Algemene vragen"]
    assert bestand.top_besluiten[0].functionele_structuur_ref  # bedr: in v2.0 too
    uit = naar_dmn(bestand)
    assert b"/v2.0/Uitvoeringsregel" in uit and b"/v1.0/" not in uit
    assert b"/v1.0/Uitvoeringsregel" in naar_dmn(parser.lees(v1, "v1.dmn"))
    # The same rules in either family: only the family differs.
    assert dataclasses.replace(bestand, sttr_versie="v1.0") == parser.lees(v1, "v1.dmn")


def test_namespaces_declared_on_inner_elements_are_found():
    wortel = etree.fromstring(met_regel("1.2", REGISTERBEVRAGING))
    # A root that declares only DMN: lxml then declares the STTR namespaces where they are used.
    kaal = etree.Element(wortel.tag, dict(wortel.attrib), nsmap={"dmn": wortel.nsmap["dmn"]})
    kaal.extend(list(wortel))
    inhoud = _in_familie(etree.tostring(kaal), "v2.0")
    assert b"/v2.0/" not in inhoud.split(b">", 1)[0]
    bestand = parser.lees(inhoud, "binnen.dmn")
    assert bestand.sttr_versie == "v2.0" and bestand.uitvoeringsregels[0].koppelveld == "monument"


def test_a_file_mixing_two_namespace_families_is_refused_with_a_code():
    met_toelichting = REGISTERBEVRAGING.replace(
        "</uitv:uitvoeringsregel>",
        "<content:uitvoeringsregelToelichting><content:toelichting>Uit het register."
        "</content:toelichting></content:uitvoeringsregelToelichting></uitv:uitvoeringsregel>",
    )
    inhoud = met_regel("1.2", met_toelichting).replace(b"/v1.0/Content", b"/v2.0/Content")
    with pytest.raises(SttrFout) as fout:
        parser.lees(inhoud, "gemengd.dmn")
    assert fout.value.code == "sttr.namespaces_gemengd"


@pytest.mark.parametrize(
    ("regel", "soort"),
    [
        (REGISTERBEVRAGING, "boolean"),
        (API_PROFIEL, "string"),
        (UITKOMST_HERBRUIKBAAR, "string"),
        (IMPLICIET, "boolean"),
    ],
)
def test_check_regels_reads_every_kind_in_the_v2_namespace(regel, soort):
    from toepasbare_regels.sttr.controle import controleer_bestand

    bevindingen = controleer_bestand(_in_familie(met_regel("1.2", regel, soort), "v2.0"), "v2.dmn")
    assert [b.code for b in bevindingen] == ["invoer.ongebruikt"]  # the fixture's one '-' column
