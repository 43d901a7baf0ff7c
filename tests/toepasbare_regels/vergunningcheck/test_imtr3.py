"""The IMTR 3.x uitvoeringsregel kinds and aansluitpunt bindings in the vergunningcheck, through the
DSO-shaped API: a registerbevraging answered from our data (or asked), an implicietAntwoord taken from
the chosen werkzaamheid, a herbruikbare beslissing evaluated in the file it names, and an aansluitpunt
whose bindings pass values to the model it calls. Fixture shapes: README.md in tests/toepasbare_regels/sttr."""

import pytest

from tests.toepasbare_regels.sttr.schemavorm import OIN, definitions, input_data, top_besluit
from tests.toepasbare_regels.sttr.test_schema_imtr3 import UITKOMST_HERBRUIKBAAR
from tests.toepasbare_regels.vergunningcheck.test_api import _iv, bepaal
from toepasbare_regels.importing import importeer_sttr

DAKKAPEL = f"{OIN}/id/concept/ConclusieBouwenDakkapel"
WERKZAAMHEDEN = "http://toepasbare-regels.omgevingswet.overheid.nl/werkzaamheden/id/concept/"


def _conclusie(regel_xml: str, naam: str, soort: str, regels) -> bytes:
    """A Conclusie Bouwen Dakkapel whose one input (inputData `naam`) comes from `regel_xml`."""
    return definitions(
        "1.2",
        input_data("1.2", "_i1", naam, "UitvId0001", soort)
        + top_besluit("1.2", [("_i1", naam, soort)], regels),
        ext=f"<uitv:uitvoeringsregels>{regel_xml}</uitv:uitvoeringsregels>",
    )


def _activiteit(r) -> dict:
    assert r.status_code == 200, r.content
    return r.json()[0]["activiteiten"][0]


def _register(koppelveld: str) -> str:
    return (
        '<uitv:uitvoeringsregel id="UitvId0001"><uitv:registerBevraging>'
        "<uitv:gegevensType>boolean</uitv:gegevensType>"
        "<uitv:vraagTekst>Ligt het pand in de gemeente?</uitv:vraagTekst><uitv:register>GGS</uitv:register>"
        f"<uitv:registerkoppelveld>{koppelveld}</uitv:registerkoppelveld>"
        "</uitv:registerBevraging></uitv:uitvoeringsregel>"
    )


JA_NEE = [(["true"], "Toestemmingsvrij"), (["false"], "Vergunningplicht")]


def test_a_registerbevraging_our_data_can_answer_is_never_asked(client, db, adressen):
    importeer_sttr(_conclusie(_register("binnen de gemeente"), "In de gemeente", "boolean", JA_NEE), "r.dmn")
    activiteit = _activiteit(bepaal(client, [DAKKAPEL]))
    [conclusie] = activiteit["conclusies"]
    assert conclusie["toestemmingstype"]["code"] == "Toestemmingsvrij"
    assert activiteit["vraaggroepen"] == []
    [waarom] = conclusie["waarom"]
    assert (waarom["antwoord"], waarom["feit"]) == ("ja", "binnen-gemeente")


def test_a_registerbevraging_without_a_fitting_feit_is_asked_not_refused(client, db, adressen):
    importeer_sttr(_conclusie(_register("kleur voordeur"), "In de gemeente", "boolean", JA_NEE), "r.dmn")
    [vraag] = _activiteit(bepaal(client, [DAKKAPEL]))["vraaggroepen"][0]["vragen"]
    assert vraag["tekst"] == "Ligt het pand in de gemeente?"
    [conclusie] = _activiteit(bepaal(client, [DAKKAPEL], [{"id": vraag["id"], "antwoord": "false"}]))[
        "conclusies"
    ]
    assert conclusie["toestemmingstype"]["code"] == "Vergunningplicht"


IMPLICIET = (
    '<uitv:uitvoeringsregel id="UitvId0001"><uitv:implicietAntwoord><uitv:waarde>true</uitv:waarde>'
    f'<uitv:werkzaamheid href="{WERKZAAMHEDEN}DakkapelPlaatsen"/></uitv:implicietAntwoord></uitv:uitvoeringsregel>'
)


@pytest.mark.parametrize(
    ("werkzaamheid", "code"),
    [("DakkapelPlaatsen", "Vergunningplicht"), ("DakraamPlaatsen", "Toestemmingsvrij")],
)
def test_an_impliciet_antwoord_follows_the_chosen_werkzaamheid(client, db, adressen, werkzaamheid, code):
    from toepasbare_regels.models import Werkzaamheid

    for urn, naam in (("DakkapelPlaatsen", "Dakkapel plaatsen"), ("DakraamPlaatsen", "Dakraam plaatsen")):
        Werkzaamheid.objects.create(urn=urn, naam=naam, activiteiten=["BouwenDakkapel"])
    regels = [(["true"], "Vergunningplicht"), (["false"], "Toestemmingsvrij")]
    importeer_sttr(_conclusie(IMPLICIET, "Het is een dakkapel", "boolean", regels), "i.dmn")
    activiteit = _activiteit(bepaal(client, [WERKZAAMHEDEN + werkzaamheid]))
    assert activiteit["vraaggroepen"] == []
    [conclusie] = activiteit["conclusies"]
    assert conclusie["toestemmingstype"]["code"] == code
    assert conclusie["waarom"][0]["bron"] == "de werkzaamheid die u koos"
    # Chosen as an activiteit, without a werkzaamheid: nothing implies it, so it is asked.
    [vraag] = _activiteit(bepaal(client, [DAKKAPEL]))["vraaggroepen"][0]["vragen"]
    assert vraag["tekst"] == "Het is een dakkapel"


def _monument_conclusie() -> bytes:
    """The file the herbruikbare beslissing names: activiteit MonumentWijzigen, decision 'Conclusie monument'."""
    regel = (
        '<uitv:uitvoeringsregel id="UitvId0001"><uitv:vraag><uitv:gegevensType>boolean</uitv:gegevensType>'
        "<uitv:vraagTekst>Is het een rijksmonument?</uitv:vraagTekst></uitv:vraag></uitv:uitvoeringsregel>"
    )
    return (
        _conclusie(
            regel,
            "Rijksmonument",
            "boolean",
            [(["true"], "Vergunningplicht"), (["false"], "Toestemmingsvrij")],
        )
        .replace(b"ConclusieBouwenDakkapel", b"ConclusieMonumentWijzigen")
        .replace(b"Conclusie Dakkapel", b"Conclusie monument")
        .replace(b'name="Conclusie Bouwen Dakkapel"', b'name="Conclusie Monument wijzigen"')
    )


def _met_herbruikbare_beslissing() -> bytes:
    regel = UITKOMST_HERBRUIKBAAR.replace("nl.imow-gm0400.activiteit.MonumentWijzigen", "MonumentWijzigen")
    regels = [(['"Vergunningplicht"'], "Vergunningplicht"), (['not("Vergunningplicht")'], "Toestemmingsvrij")]
    return _conclusie(regel, "Monumentenconclusie", "string", regels)


def test_a_herbruikbare_beslissing_is_evaluated_in_the_file_it_names(client, db, adressen):
    importeer_sttr(_met_herbruikbare_beslissing(), "dakkapel.dmn")
    importeer_sttr(_monument_conclusie(), "monument.dmn")
    [vraag] = _activiteit(bepaal(client, [DAKKAPEL]))["vraaggroepen"][0]["vragen"]
    assert vraag["tekst"] == "Is het een rijksmonument?"
    for antwoord, code in (("true", "Vergunningplicht"), ("false", "Toestemmingsvrij")):
        activiteit = _activiteit(bepaal(client, [DAKKAPEL], [{"id": vraag["id"], "antwoord": antwoord}]))
        assert activiteit["conclusies"][0]["toestemmingstype"]["code"] == code


def test_a_herbruikbare_beslissing_whose_file_is_not_loaded_says_why(client, db, adressen):
    importeer_sttr(_met_herbruikbare_beslissing(), "dakkapel.dmn")
    [conclusie] = _activiteit(bepaal(client, [DAKKAPEL]))["conclusies"]
    assert conclusie["toestemmingstype"]["code"] == "NeemContactOpMet"
    assert "Conclusie monument" in conclusie["toelichting"]
    assert "nog niet heeft klaargezet" in conclusie["toelichting"]


def _met_binding(expressie: str, extra_vraag: bool = False) -> bytes:
    """The indieningsvereisten aansluitpunt, passing `expressie` for the invoked model's input
    'Plattegrond evenement' (a bijlage question there)."""
    from tests.toepasbare_regels.sttr.schemavorm import indieningsvereisten_met_aansluitpunt

    inhoud = indieningsvereisten_met_aansluitpunt("1.2").replace(
        b"</dmn:invocation>",
        b'<dmn:binding><dmn:parameter id="_p5" name="Plattegrond evenement"/><dmn:literalExpression id="_l5">'
        + f"<dmn:text>{expressie}</dmn:text>".encode()
        + b"</dmn:literalExpression></dmn:binding></dmn:invocation>",
    )
    if extra_vraag:
        inhoud = inhoud.replace(
            b"</uitv:uitvoeringsregels>",
            b'<uitv:uitvoeringsregel id="UitvId0020"><uitv:regelgroepRef href="#groep1"/>'
            b"<uitv:vraag><uitv:gegevensType>boolean</uitv:gegevensType><uitv:vraagTekst>Heeft u zelf een "
            b"plattegrond gemaakt?</uitv:vraagTekst></uitv:vraag></uitv:uitvoeringsregel></uitv:uitvoeringsregels>",
        ).replace(
            b"  <dmn:decision ",
            input_data("1.2", "InputData0020", "Eigen plattegrond", "UitvId0020", "boolean").encode()
            + b"  <dmn:decision ",
            1,
        )
    return inhoud


@pytest.fixture
def aansluiting(db):
    from tests.toepasbare_regels.sttr.schemavorm import aansluit_model

    importeer_sttr(aansluit_model("1.2"), "aansluiting.dmn")


def _organisator(openvragen) -> list:
    return [
        {"id": v["id"], "antwoord": "Stichting Havenfeest"} for v in openvragen if "organiseert" in v["tekst"]
    ]


@pytest.mark.parametrize("expressie", ["true", "namespace"])
def test_a_binding_passes_its_value_to_the_invoked_model(client, aansluiting, expressie):
    """Without a binding the invoked model asks for its plattegrond (test_api); bound to a FEEL literal
    or to an input of the caller (here the vaste waarde `namespace` = true) it is never asked."""
    importeer_sttr(_met_binding(expressie), "iv.dmn")
    eerste = _iv(client)
    assert [v["tekst"] for v in eerste["openVragen"]] == ["Wie organiseert het evenement?"]
    klaar = _iv(client, _organisator(eerste["openVragen"]))
    assert (klaar["indienbaar"], klaar["openVragen"]) == (True, [])


def test_a_binding_changes_the_outcome(client, aansluiting):
    """Bound to false, the invoked model's decision is false at once: not indienbaar, and the caller's
    own question is not even asked any more (it cannot change that)."""
    importeer_sttr(_met_binding("false"), "iv.dmn")
    r = _iv(client)
    assert (r["indienbaar"], r["openVragen"]) == (False, [])


def test_a_binding_to_an_open_question_of_the_caller_asks_that_question(client, aansluiting):
    importeer_sttr(_met_binding("Eigen plattegrond", extra_vraag=True), "iv.dmn")
    eerste = _iv(client)
    assert {v["tekst"] for v in eerste["openVragen"]} == {
        "Wie organiseert het evenement?",
        "Heeft u zelf een plattegrond gemaakt?",
    }
    eigen = next(v for v in eerste["openVragen"] if "plattegrond" in v["tekst"])
    for antwoord, indienbaar in (("true", True), ("false", False)):
        r = _iv(client, [*_organisator(eerste["openVragen"]), {"id": eigen["id"], "antwoord": antwoord}])
        assert (r["indienbaar"], r["openVragen"]) == (indienbaar, [])


def test_a_binding_that_is_no_input_decision_or_feel_value_is_refused_at_import(db):
    from toepasbare_regels.sttr.parser import SttrFout

    with pytest.raises(SttrFout) as fout:
        importeer_sttr(_met_binding("Onbekende invoer"), "iv.dmn")
    assert fout.value.code.startswith("sttr.feel")
