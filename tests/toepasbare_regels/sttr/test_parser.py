"""The parser on the real Geonovum files (counted from their XML, not hard-coded), on what they decide,
and on hostile and broken files: each refused with a stable code before anything could be stored."""

import zipfile
from decimal import Decimal

import pytest
from lxml import etree

from tests.support.paden import shared_data
from tests.toepasbare_regels.sttr import dmn
from tests.toepasbare_regels.sttr.helpers import beslis, namen
from toepasbare_regels.sttr import parser
from toepasbare_regels.sttr.parser import SttrFout

TOEPASBARE_REGELS = "geonovum-omgevingsplan-gemeentestad/toepasbareRegels"
D = Decimal


def geonovum_dmn() -> dict[str, bytes]:
    """Every .dmn file inside the Geonovum zips, by file name."""
    uit = {}
    for pad in sorted(shared_data(TOEPASBARE_REGELS).glob("*.zip")):
        with zipfile.ZipFile(pad) as zf:
            for naam in zf.namelist():
                if naam.lower().endswith(".dmn"):
                    uit[naam] = zf.read(naam)
    return uit


@pytest.fixture(scope="module")
def echte():
    return {naam: parser.lees(inhoud, naam) for naam, inhoud in geonovum_dmn().items()}


def _geonovum(echte, begin: str):
    return next(b for naam, b in echte.items() if naam.startswith(begin))


def _tel(root, naam: str, onder=None) -> int:
    return len((onder if onder is not None else root).xpath(f".//*[local-name()='{naam}']"))


@pytest.mark.conformance
def test_all_three_geonovum_files_load_completely(echte):
    assert len(echte) == 3
    for naam, inhoud in geonovum_dmn().items():
        root = etree.fromstring(inhoud)
        bestand = echte[naam]
        assert bestand.dmn_versie == "1.1"
        assert len(bestand.uitvoeringsregels) == _tel(root, "uitvoeringsregel") > 0
        assert len(bestand.regelgroepen) == _tel(root, "regelgroep")
        assert len(bestand.invoer) == _tel(root, "inputData")
        assert len(bestand.besluiten) == _tel(root, "decision")
        for besluit, el in zip(bestand.besluiten, root.xpath("//*[local-name()='decision']"), strict=True):
            assert besluit.id == el.get("id")
            assert len(besluit.tabel.regels) == _tel(root, "rule", el)
            assert len(besluit.tabel.invoer) == _tel(root, "input", el)
            assert len(besluit.vereiste_invoer) == _tel(root, "requiredInput", el)
            assert len(besluit.vereiste_besluiten) == _tel(root, "requiredDecision", el)
        assert len(bestand.top_besluiten) == _tel(root, "functioneleStructuurRef") == 1


@pytest.mark.conformance
def test_geonovum_uitvoeringsregel_kinds(echte):
    indiening = _geonovum(echte, "Indieningsvereisten")
    soorten = {u.id: (u.soort, u.gegevens_type) for u in indiening.uitvoeringsregels}
    assert soorten["UitvId0004"] == ("bijlage", "")
    assert soorten["UitvId0005"] == ("vraag", "string")
    schets = indiening.uitvoeringsregel("UitvId0004")
    assert schets.bijlage_type == "Situatieschets" and schets.toelichting.startswith(
        "Teken de te kappen boom"
    )
    kappen = _geonovum(echte, "Conclusie Kappen")
    assert kappen.top_besluiten[0].functionele_structuur_ref.endswith(
        "Conclusienl.imow-gm0297.activiteit.2019000810"
    )


@pytest.mark.conformance
@pytest.mark.parametrize(
    ("antwoorden", "verwacht"),
    [
        ({"stamomtrek": D(40)}, "Toestemmingsvrij"),
        (
            {
                "stamomtrek": D(60),
                "zichtbaar vanaf openbaar toegankelijk gebied": True,
                "gekapt op grond van de Plantenziektenwet": False,
                "aanschrijving op grond van artikel PM van de Algemene plaatselijke verordening": False,
            },
            "Vergunningplicht",
        ),
        ({"stamomtrek": D(60), "zichtbaar vanaf openbaar toegankelijk gebied": False}, "Toestemmingsvrij"),
        (
            {
                "stamomtrek": D(60),
                "zichtbaar vanaf openbaar toegankelijk gebied": True,
                "gekapt op grond van de Plantenziektenwet": True,
            },
            "Toestemmingsvrij",
        ),
    ],
)
def test_geonovum_kappen_evaluates(echte, antwoorden, verwacht):
    uitkomst = beslis(_geonovum(echte, "Conclusie Kappen"), antwoorden)
    assert uitkomst.beslist and uitkomst.waarde == verwacht


@pytest.mark.conformance
def test_geonovum_kappen_asks_only_what_matters(echte):
    kappen = _geonovum(echte, "Conclusie Kappen")
    assert namen(kappen, beslis(kappen, {"stamomtrek": D(60)}).open) == [
        "zichtbaar vanaf openbaar toegankelijk gebied",
        "gekapt op grond van de Plantenziektenwet",
        "aanschrijving op grond van artikel PM van de Algemene plaatselijke verordening",
    ]
    # the Plantenziektenwet alone settles the sub-decision: the APV question is not asked any more
    uitkomst = beslis(
        kappen,
        {
            "stamomtrek": D(60),
            "zichtbaar vanaf openbaar toegankelijk gebied": True,
            "gekapt op grond van de Plantenziektenwet": True,
        },
    )
    assert uitkomst.beslist and uitkomst.open == []


@pytest.mark.conformance
@pytest.mark.parametrize(
    ("oppervlakte", "verwacht"),
    [
        (D(19), "Toestemmingsvrij"),
        (D(20), "Meldingsplicht"),
        (D("29.9"), "Meldingsplicht"),
        (D(30), "Vergunningplicht"),
    ],
)
def test_geonovum_bijgebouw_evaluates(echte, oppervlakte, verwacht):
    assert beslis(_geonovum(echte, "Conclusie Bouwen"), {"oppervlakte m2": oppervlakte}).waarde == verwacht


@pytest.mark.conformance
def test_geonovum_indieningsvereisten_evaluate(echte):
    bestand = _geonovum(echte, "Indieningsvereisten")
    compleet = {
        "stamomtrek": D(80),
        "reden": "De boom staat te dicht bij het huis",
        "situatieschets": True,
        "gevaar of ernstige hinder": True,
        "individueel of maatschappelijk belang": False,
    }
    assert beslis(bestand, compleet).waarde is True
    assert beslis(bestand, compleet | {"situatieschets": False}).waarde is False


# --- hostile and broken files ------------------------------------------------------------------------

GELDIG = dmn.enkel("UNIQUE", {"a": "boolean"}, [(["true"], '"Verbod"'), (["false"], '"Toestemmingsvrij"')])
LICHAAM = GELDIG.split(b"?>", 1)[1]


def _weiger(inhoud: bytes, code: str, naam: str = "kwaad.dmn") -> SttrFout:
    with pytest.raises(SttrFout) as exc:
        parser.lees(inhoud, naam)
    assert exc.value.code == code
    assert naam in str(exc.value)
    return exc.value


def test_a_valid_small_file_loads():
    assert parser.lees(GELDIG, "goed.dmn").top_besluiten[0].naam == "Uitkomst"


def test_xxe_is_refused(tmp_path):
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("GEHEIM")
    inhoud = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{geheim}">]>'.encode()
        + LICHAAM.replace(b'name="Conclusie test"', b'name="&x;"')
    )
    fout = _weiger(inhoud, "sttr.dtd_geweigerd")
    assert "GEHEIM" not in str(fout)


def test_billion_laughs_is_refused():
    entiteiten = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    inhoud = f'<?xml version="1.0"?><!DOCTYPE lolz [{entiteiten}]><lolz>&lol9;</lolz>'.encode()
    _weiger(inhoud, "sttr.dtd_geweigerd")


def test_a_doctype_without_entities_is_refused():
    _weiger(
        b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://127.0.0.1:9/kwaad.dtd">' + LICHAAM,
        "sttr.dtd_geweigerd",
    )


def test_a_doctype_hidden_behind_a_long_comment_is_refused():
    """Attribute defaults from an internal DTD would change what the file says."""
    verstopt = b"<!--" + b"x" * 10_000 + b'--><!DOCTYPE d [<!ATTLIST dmn:definitions name CDATA "vals">]>'
    _weiger(b'<?xml version="1.0"?>' + verstopt + LICHAAM, "sttr.dtd_geweigerd")
    _weiger(
        b'<?xml version="1.0"?><!--' + b"x" * 10_000 + b'--><!DOCTYPE d SYSTEM "kwaad.dtd">' + LICHAAM,
        "sttr.dtd_geweigerd",
    )


def test_a_50_mb_file_is_refused_before_parsing():
    inhoud = GELDIG + b" " * (50 * 1024 * 1024)
    _weiger(inhoud, "sttr.te_groot")


@pytest.mark.parametrize(
    "inhoud",
    [b"", b"<dmn:definitions", b"niet eens xml", GELDIG[:-30], b"<a><b></a>"],
)
def test_malformed_xml_is_refused(inhoud):
    _weiger(inhoud, "sttr.xml_ongeldig")


@pytest.mark.parametrize(
    "inhoud",
    [
        b"<definitions/>",
        b'<x:definitions xmlns:x="urn:iets-anders"/>',
        b'<bpmn xmlns="http://www.omg.org/spec/DMN/20180521/MODEL/"/>',
    ],
)
def test_xml_that_is_not_dmn_is_refused(inhoud):
    _weiger(inhoud, "sttr.geen_dmn")


@pytest.mark.parametrize(
    ("cel_in", "cel_uit", "plek"),
    [
        ("oppervlakte > 5", '"Verbod"', "invoercel 1 'oppervlakte > 5'"),
        ("upper(x)", '"Verbod"', "invoercel 1 'upper(x)'"),
        ("< 5 * 2", '"Verbod"', "invoercel 1 '< 5 * 2'"),
        ("aanvraag.hoogte", '"Verbod"', "invoercel 1 'aanvraag.hoogte'"),
        ("true", '"Verbod" + "x"', "uitvoercel 1"),
        ("true", "concat(a)", "uitvoercel 1 'concat(a)'"),
    ],
)
def test_unsupported_feel_names_file_decision_rule_and_cell(cel_in, cel_uit, plek):
    inhoud = dmn.enkel("UNIQUE", {"a": "boolean"}, [(["false"], '"Toestemmingsvrij"'), ([cel_in], cel_uit)])
    bericht = str(_weiger(inhoud, "sttr.feel_niet_ondersteund", "regels/dakkapel.dmn"))
    assert "regels/dakkapel.dmn" in bericht
    assert "besluit 'Uitkomst'" in bericht
    assert "regel 2 (B1_r2)" in bericht
    assert plek in bericht


@pytest.mark.parametrize(
    ("oud", "nieuw", "code"),
    [
        (b'hitPolicy="UNIQUE"', b'hitPolicy="MOSTLY"', "sttr.hitpolicy_onbekend"),
        (b"<uitv:gegevensType>boolean", b"<uitv:gegevensType>geld", "sttr.gegevenstype_onbekend"),
        (b"<dmn:inputEntry><dmn:text>false</dmn:text></dmn:inputEntry>", b"", "sttr.regel_kolommen"),
        (b'href="#U1"', b'href="#U9"', "sttr.verwijzing_onbekend"),
        (b'<dmn:requiredInput href="#I1"/>', b'<dmn:requiredInput href="#I9"/>', "sttr.verwijzing_onbekend"),
        (
            b'<uitv:regelgroepRef href="#groep1"/>',
            b'<uitv:regelgroepRef href="#groep9"/>',
            "sttr.verwijzing_onbekend",
        ),
        (b"bedr:functioneleStructuurRef", b"bedr:andereRef", "sttr.geen_functionele_structuur"),
    ],
)
def test_broken_structure_is_refused_with_its_code(oud, nieuw, code):
    assert oud in GELDIG
    _weiger(GELDIG.replace(oud, nieuw), code)


def test_a_decision_without_table_is_refused():
    inhoud = GELDIG.replace(
        b"</dmn:definitions>",
        b'<dmn:decision id="L" name="Letterlijk"><dmn:literalExpression><dmn:text>1</dmn:text></dmn:literalExpression></dmn:decision></dmn:definitions>',
    )
    _weiger(inhoud, "sttr.geen_beslistabel")


def test_an_uitvoeringsregel_without_content_is_refused():
    inhoud = GELDIG.replace(
        b"</uitv:uitvoeringsregels>", b'<uitv:uitvoeringsregel id="leeg"/></uitv:uitvoeringsregels>'
    )
    _weiger(inhoud, "sttr.uitvoeringsregel_leeg")


def test_dmn_1_1_and_1_2_namespaces_read_the_same():
    dmn11 = GELDIG.replace(
        b"http://www.omg.org/spec/DMN/20180521/MODEL/", b"http://www.omg.org/spec/DMN/20151101/dmn.xsd"
    )
    a, b = parser.lees(GELDIG, "a.dmn"), parser.lees(dmn11, "b.dmn")
    assert (a.dmn_versie, b.dmn_versie) == ("1.2", "1.1")
    assert a == b
