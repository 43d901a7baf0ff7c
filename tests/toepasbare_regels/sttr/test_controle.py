"""check_regels findings on crafted broken files: each kind at least once, with its place; a clean file
gives none."""

import random

import pytest

from tests.toepasbare_regels.sttr import dmn
from toepasbare_regels.sttr import tabelcontrole
from toepasbare_regels.sttr.controle import controleer_bestand

OPTIES = ("list", ("Voorkant", "Achterkant"))
SCHOON = dmn.enkel(
    "UNIQUE",
    {"hoogte": "number", "plek": OPTIES},
    [
        (["< 10", "-"], '"Toestemmingsvrij"'),
        ([">= 10", '"Voorkant"'], '"Vergunningplicht"'),
        ([">= 10", '"Achterkant"'], '"Meldingsplicht"'),
    ],
)


def controle(inhoud: bytes, locaties=None):
    return controleer_bestand(inhoud, "test.dmn", locaties)


def enige(bevindingen, code: str):
    gevonden = [b for b in bevindingen if b.code == code]
    assert len(gevonden) == 1, [str(b) for b in bevindingen]
    return gevonden[0]


def test_a_clean_file_has_no_findings():
    assert controle(SCHOON) == []


def test_an_unreadable_file_is_one_error_with_the_parser_code():
    (b,) = controle(b"<dmn:definitions")
    assert (b.code, b.ernst, b.bestand) == ("bestand.onleesbaar", "fout", "test.dmn")
    assert "[sttr.xml_ongeldig]" in b.bericht
    (b,) = controle(SCHOON.replace(b"&lt; 10", b"hoogte &lt; 10"))
    assert "[sttr.feel_niet_ondersteund]" in b.bericht and "regel 1" in b.bericht


# --- references ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("oud", "nieuw", "code", "plek"),
    [
        (b'href="#U1"', b'href="#U9"', "verwijzing.uitvoeringsregel", "inputData 'hoogte' (I1)"),
        (
            b'<dmn:requiredInput href="#I1"/>',
            b'<dmn:requiredInput href="#I9"/>',
            "verwijzing.invoer",
            "besluit 'Uitkomst'",
        ),
        (
            b"</dmn:decision>",
            b'</dmn:decision><dmn:decision id="B7" name="los"><dmn:informationRequirement><dmn:requiredDecision href="#B9"/></dmn:informationRequirement>'
            b'<dmn:decisionTable id="B7_t"><dmn:output id="o"/><dmn:rule id="B7_r1"><dmn:outputEntry><dmn:text>1</dmn:text></dmn:outputEntry></dmn:rule></dmn:decisionTable></dmn:decision>',
            "verwijzing.besluit",
            "besluit 'los'",
        ),
        (
            b"<dmn:text>hoogte</dmn:text>",
            b"<dmn:text>hoogte in cm</dmn:text>",
            "verwijzing.expressie",
            "besluit 'Uitkomst' › cel 1",
        ),
        (
            b'<uitv:regelgroepRef href="#groep1"/>',
            b'<uitv:regelgroepRef href="#groep9"/>',
            "verwijzing.regelgroep",
            "uitvoeringsregel U1",
        ),
        (b"bedr:functioneleStructuurRef", b"bedr:iets", "verwijzing.functionele_structuur", ""),
    ],
)
def test_dangling_references_are_errors_with_their_place(oud, nieuw, code, plek):
    assert oud in SCHOON
    bevinding = enige(controle(SCHOON.replace(oud, nieuw, 1)), code)
    assert bevinding.ernst == "fout"
    assert bevinding.plek == plek


def test_all_dangling_references_are_reported_not_only_the_first():
    kapot = SCHOON.replace(b'href="#U1"', b'href="#U8"').replace(b'href="#U2"', b'href="#U9"')
    assert [b.code for b in controle(kapot)].count("verwijzing.uitvoeringsregel") == 2


def test_an_expression_using_an_input_the_decision_does_not_require():
    bevinding = enige(
        controle(SCHOON.replace(b'<dmn:requiredInput href="#I2"/>', b"")), "verwijzing.niet_vereist"
    )
    assert (bevinding.ernst, bevinding.cel) == ("waarschuwing", 2)


def test_input_data_without_uitvoeringsregel():
    kapot = SCHOON.replace(
        b'<dmn:extensionElements><uitv:uitvoeringsregelRef href="#U2"/></dmn:extensionElements>', b""
    )
    bevindingen = controle(kapot)
    assert enige(bevindingen, "verwijzing.geen_uitvoeringsregel").onderdeel == "inputData 'plek' (I2)"
    assert enige(bevindingen, "vraag.ongebruikt").onderdeel == "uitvoeringsregel U2"


# --- locaties -------------------------------------------------------------------------------------------


def _geo(*locaties: str) -> bytes:
    uitv = "".join(dmn.geo(f"G{n}", loc) for n, loc in enumerate(locaties, start=1))
    invoer = "".join(
        dmn.input_data(f"I{n}", f"gebied {n}", f"G{n}", "boolean") for n in range(1, len(locaties) + 1)
    )
    kolommen = [(f"gebied {n}", "boolean") for n in range(1, len(locaties) + 1)]
    regels = [
        (["true"] * len(locaties), '"Vergunningplicht"'),
        (["false"] + ["-"] * (len(locaties) - 1), '"Toestemmingsvrij"'),
    ]
    regels += [
        (["true"] * n + ["false"] + ["-"] * (len(locaties) - n - 1), '"Meldingsplicht"')
        for n in range(1, len(locaties))
    ]
    ids = [f"I{n}" for n in range(1, len(locaties) + 1)]
    return dmn.document(
        invoer,
        dmn.besluit("B1", "Uitkomst", "UNIQUE", kolommen, regels, top=True, invoer=ids),
        uitvoeringsregels=uitv,
    )


def test_locaties_are_checked_against_the_plan_when_a_check_is_given():
    inhoud = _geo("nl.imow-gm0400.gebied.BeschermdDorpsgezicht", "nl.imow-gm0400.gebied.Verdwenen")
    assert controle(inhoud) == []
    gevraagd = []

    def bekend(ids):
        gevraagd.append(set(ids))
        return {"nl.imow-gm0400.gebied.BeschermdDorpsgezicht"}

    bevinding = enige(controle(inhoud, bekend), "locatie.onbekend")
    assert (bevinding.ernst, bevinding.onderdeel) == ("fout", "uitvoeringsregel G2")
    assert "nl.imow-gm0400.gebied.Verdwenen" in bevinding.bericht
    assert gevraagd == [{"nl.imow-gm0400.gebied.BeschermdDorpsgezicht", "nl.imow-gm0400.gebied.Verdwenen"}]


def test_locatie_identificaties_that_are_empty_or_not_imow():
    bevindingen = controle(_geo("gemeentegrens", ""))
    assert enige(bevindingen, "locatie.vorm").ernst == "waarschuwing"
    assert enige(bevindingen, "locatie.ontbreekt").ernst == "fout"


# --- rules that can never fire --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vragen", "cel", "reden"),
    [
        (
            {"plek": OPTIES},
            '"Zijkant"',
            '"Zijkant" is geen optie van de vraag (opties: "Voorkant", "Achterkant")',
        ),
        ({"hoogte": "number"}, "true", "true past niet bij het gegevenstype number van 'hoogte'"),
        ({"hoogte": "number"}, "[5..3]", "het bereik [5..3] is leeg"),
        ({"hoogte": "number"}, "(5..5]", "het bereik (5..5] is leeg"),
        ({"monument": "boolean"}, '"ja"', "\"ja\" past niet bij het gegevenstype boolean van 'monument'"),
        (
            {"monument": "boolean"},
            "not(true, false)",
            "geen enkele waarde van de vraag (boolean) voldoet aan not(true, false)",
        ),
        ({"start": "date"}, "> 5", "5 past niet bij het gegevenstype date van 'start'"),
    ],
)
def test_a_cell_no_value_of_the_question_can_satisfy(vragen, cel, reden):
    inhoud = dmn.enkel("FIRST", vragen, [([cel], '"Vergunningplicht"'), (["-"], '"Toestemmingsvrij"')])
    bevinding = enige(controle(inhoud), "regel.onvervulbaar")
    assert (bevinding.ernst, bevinding.besluit, bevinding.regel, bevinding.regel_id, bevinding.cel) == (
        "fout",
        "Uitkomst",
        1,
        "B1_r1",
        1,
    )
    assert bevinding.bericht.endswith(reden)


def _met_sub(sub_regels, top_cel: str) -> bytes:
    uitv = dmn.vraag("U1", "boolean") + dmn.vaste_waarde("U2", "false")
    return dmn.document(
        dmn.input_data("I1", "monument", "U1", "boolean"),
        dmn.input_data("I2", "vast", "U2", "boolean"),
        dmn.besluit(
            "B1",
            "Uitkomst",
            "FIRST",
            [("erfgoed", "string"), ("vast", "boolean")],
            [
                ([top_cel, "-"], '"Vergunningplicht"'),
                (["-", "true"], '"Verbod"'),
                (["-", "-"], '"Toestemmingsvrij"'),
            ],
            top=True,
            invoer=["I2"],
            besluiten=["B2"],
        ),
        dmn.besluit("B2", "erfgoed", "UNIQUE", [("monument", "boolean")], sub_regels, invoer=["I1"]),
        uitvoeringsregels=uitv,
    )


def test_a_cell_that_a_fixed_value_or_a_sub_decision_never_satisfies_is_a_warning():
    inhoud = _met_sub([(["true"], '"ja"'), (["false"], '"nee"')], '"misschien"')
    bevindingen = controle(inhoud)
    via_besluit, via_vast = [b for b in bevindingen if b.code == "regel.onbereikbaar"]
    assert (via_besluit.regel, via_besluit.cel, via_besluit.ernst) == (1, 1, "waarschuwing")
    assert 'besluit \'erfgoed\' ("ja", "nee")' in via_besluit.bericht
    assert (via_vast.regel, via_vast.cel) == (2, 2)
    assert "de vaste waarde false" in via_vast.bericht
    assert not [b for b in bevindingen if b.ernst == "fout"]


def test_a_gap_in_a_sub_decision_gives_null_to_the_tables_that_use_it():
    bevindingen = controle(_met_sub([(["true"], '"ja"')], "null"))
    assert enige(bevindingen, "tabel.gat").besluit == "erfgoed"
    assert "regel.onbereikbaar" not in [b.code for b in bevindingen if b.regel == 1]


@pytest.mark.parametrize(
    ("beleid", "regels", "overschaduwd", "door"),
    [
        (
            "FIRST",
            [(["-", "> 5"], '"A"'), (["true", ">= 10"], '"B"'), (["-", "-"], '"C"')],
            [2],
            "regel 1 gaat voor",
        ),
        (
            "FIRST",
            [(["true", "-"], '"A"'), (["false", "-"], '"B"'), (["-", "< 3"], '"C"')],
            [3],
            "de regels 1, 2 samen gaan voor",
        ),
        (
            "PRIORITY",
            [
                (["true", "-"], '"Toestemmingsvrij"'),
                (["-", "-"], '"Verbod"'),
                (["false", "-"], '"Toestemmingsvrij"'),
            ],
            [1, 3],
            "regel 2 gaat voor",
        ),
    ],
)
def test_a_rule_shadowed_by_rules_that_go_first(beleid, regels, overschaduwd, door):
    inhoud = dmn.enkel(
        beleid, {"a": "boolean", "n": "number"}, regels, uitvoer_waarden='"Verbod","Toestemmingsvrij"'
    )
    bevindingen = [b for b in controle(inhoud) if b.code == "regel.overschaduwd"]
    assert [b.regel for b in bevindingen] == overschaduwd
    assert door in bevindingen[0].bericht


def test_a_rule_partly_covered_is_not_shadowed():
    inhoud = dmn.enkel("FIRST", {"n": "number"}, [(["> 5"], '"A"'), ([">= 3"], '"B"'), (["-"], '"C"')])
    assert controle(inhoud) == []


# --- overlap, gaps ------------------------------------------------------------------------------------


def test_overlapping_rules_under_unique_with_a_witness():
    inhoud = dmn.enkel(
        "UNIQUE",
        {"hoogte": "number", "plek": OPTIES},
        [
            (["< 10", "-"], '"Toestemmingsvrij"'),
            (["[5..20]", '"Voorkant"'], '"Vergunningplicht"'),
            ([">= 10", '"Achterkant"'], '"Meldingsplicht"'),
        ],
    )
    bevinding = enige(controle(inhoud), "regel.overlap")
    assert (bevinding.ernst, bevinding.regel, bevinding.regel_id) == ("fout", 2, "B1_r2")
    assert "regel 2 en regel 1 gelden allebei onder UNIQUE" in bevinding.bericht
    assert bevinding.bericht.endswith('bijvoorbeeld bij hoogte = 5, plek = "Voorkant"')


def test_overlap_under_any_only_counts_with_different_outputs():
    zelfde = dmn.enkel(
        "ANY",
        {"a": "boolean", "b": "boolean"},
        [(["true", "-"], "true"), (["-", "true"], "true"), (["false", "false"], "false")],
    )
    assert controle(zelfde) == []
    anders = dmn.enkel(
        "ANY",
        {"a": "boolean", "b": "boolean"},
        [(["true", "-"], "true"), (["-", "true"], "false"), (["false", "false"], "false")],
    )
    conflict = enige(controle(anders), "regel.conflict")  # under ANY a contradiction, not an overlap
    assert conflict.ernst == "fout"
    assert "met verschillende uitkomsten (true, false)" in conflict.bericht


def test_a_combination_no_rule_covers_with_an_example():
    inhoud = dmn.enkel(
        "UNIQUE",
        {"hoogte": "number", "plek": OPTIES, "start": "date", "materiaal": "string"},
        [
            (["< 10", "-", "-", "-"], '"Toestemmingsvrij"'),
            ([">= 10", '"Voorkant"', "-", "-"], '"Vergunningplicht"'),
            ([">= 10", '"Achterkant"', '>= date("2025-01-01")', '"hout"'], '"Meldingsplicht"'),
        ],
    )
    bevinding = enige(controle(inhoud), "tabel.gat")
    assert (bevinding.ernst, bevinding.besluit, bevinding.regel) == ("waarschuwing", "Uitkomst", None)
    assert bevinding.bericht.startswith(
        "8 van de 36 te onderscheiden combinaties vallen onder geen enkele regel"
    )
    assert bevinding.bericht.endswith(
        'bijvoorbeeld hoogte = 10, plek = "Achterkant", start = date("2024-12-31"), materiaal = "hout"'
    )


def test_a_table_too_large_to_search_says_so(monkeypatch):
    monkeypatch.setattr(tabelcontrole, "LIMIET", 50)
    rnd = random.Random(4)
    vragen = {f"v{k}": "boolean" for k in range(10)}
    regels = [([rnd.choice(["true", "false", "-"]) for _ in vragen], '"Verbod"') for _ in range(30)]
    bevinding = enige(controle(dmn.enkel("FIRST", vragen, regels)), "tabel.niet_bepaald")
    assert bevinding.ernst == "info" and "(1,024)" in bevinding.bericht


def test_the_search_solves_each_state_once():
    """40 independent yes/no questions: 2**40 combinations, but only a few states per column."""
    vragen = {f"v{k}": "boolean" for k in range(40)}
    regels = [(["true"] * 40, '"Verbod"'), (["false"] + ["-"] * 39, '"Toestemmingsvrij"')]
    bevinding = enige(controle(dmn.enkel("UNIQUE", vragen, regels)), "tabel.gat")
    assert bevinding.bericht.startswith(f"{2**39 - 1} van de {2**40} te onderscheiden combinaties")
    assert "bijvoorbeeld v0 = true, v1 = true" in bevinding.bericht and bevinding.bericht.endswith(
        "v39 = false"
    )


# --- unused -------------------------------------------------------------------------------------------


def test_questions_and_decisions_no_rule_uses():
    uitv = (
        dmn.vraag("U1", "boolean")
        + dmn.vraag("U2", "boolean")
        + dmn.vraag("U3", "boolean")
        + dmn.vraag("U4", "number")
    )
    inhoud = dmn.document(
        dmn.input_data("I1", "a", "U1", "boolean"),
        dmn.input_data("I2", "streep", "U2", "boolean"),
        dmn.input_data("I3", "nergens", "U3", "boolean"),
        dmn.besluit(
            "B1",
            "Uitkomst",
            "UNIQUE",
            [("a", "boolean"), ("streep", "boolean")],
            [(["true", "-"], '"Verbod"'), (["false", "-"], '"Toestemmingsvrij"')],
            top=True,
            invoer=["I1", "I2", "I3"],
        ),
        dmn.besluit("B2", "vergeten", "UNIQUE", [("a", "boolean")], [(["-"], "true")], invoer=["I1"]),
        uitvoeringsregels=uitv,
    )
    bevindingen = controle(inhoud)
    assert enige(bevindingen, "vraag.ongebruikt").onderdeel == "uitvoeringsregel U4"
    ongebruikt = {b.onderdeel: b.bericht for b in bevindingen if b.code == "invoer.ongebruikt"}
    assert ongebruikt == {
        "inputData 'streep' (I2)": "elke cel in de kolommen voor deze invoer is '-': het antwoord verandert niets",
        "inputData 'nergens' (I3)": "geen beslistabel heeft een kolom voor deze invoer",
    }
    assert enige(bevindingen, "besluit.ongebruikt").besluit == "vergeten"
    assert all(b.ernst == "waarschuwing" for b in bevindingen)


def test_a_cycle_between_decisions_is_an_error():
    inhoud = dmn.document(
        dmn.besluit(
            "B1",
            "Uitkomst",
            "UNIQUE",
            [("kring", "boolean")],
            [(["-"], '"Verbod"')],
            top=True,
            besluiten=["B2"],
        ),
        dmn.besluit("B2", "kring", "UNIQUE", [("Uitkomst", "string")], [(["-"], "true")], besluiten=["B1"]),
    )
    bevinding = enige(controle(inhoud), "besluit.kring")
    assert bevinding.ernst == "fout"


def test_errors_come_first():
    kapot = SCHOON.replace(b'<dmn:requiredInput href="#I2"/>', b"").replace(b'href="#U1"', b'href="#U9"')
    ernst = [b.ernst for b in controle(kapot)]
    assert ernst == sorted(ernst, key=["fout", "waarschuwing", "info"].index) and ernst[0] == "fout"


def test_many_overlapping_pairs_are_counted_after_the_first_ten():
    inhoud = dmn.enkel("UNIQUE", {"a": "boolean"}, [(["-"], f'"{n}"') for n in range(6)])
    overlap = [b for b in controle(inhoud) if b.code == "regel.overlap"]
    assert len(overlap) == tabelcontrole.MAX_PAREN + 1
    assert overlap[-1].bericht == "en nog 5 overlappende paren regels" and overlap[-1].regel is None


def test_a_text_typed_geo_question_is_answered_ja_nee_or_deels():
    inhoud = _geo("nl.imow-gm0400.gebied.Centrum").replace(b'typeRef="boolean"', b'typeRef="string"')
    inhoud = inhoud.replace(b"<dmn:text>true</dmn:text>", b'<dmn:text>"ja","deels"</dmn:text>')
    assert controle(inhoud.replace(b"<dmn:text>false</dmn:text>", b'<dmn:text>"nee"</dmn:text>')) == []
    zonder_deels = inhoud.replace(b'"ja","deels"', b'"ja"')
    gat = enige(
        controle(zonder_deels.replace(b"<dmn:text>false</dmn:text>", b'<dmn:text>"nee"</dmn:text>')),
        "tabel.gat",
    )
    assert '"deels"' in gat.bericht  # an area partly inside gets no answer
    bevinding = enige(
        controle(inhoud.replace(b"<dmn:text>false</dmn:text>", b'<dmn:text>"nooit"</dmn:text>')),
        "regel.onvervulbaar",
    )
    assert bevinding.bericht.endswith(
        'geen enkele waarde van de geoVerwijzing (ja/nee/deels) voldoet aan "nooit"'
    )


@pytest.mark.parametrize(
    ("waarde", "gegevens_type", "cel", "onbereikbaar"),
    [
        ("ja", "boolean", "true", False),
        ("true", "boolean", "false", True),
        ("12,5", "number", "> 12", False),
        ("12", "number", "> 12", True),
        ("2024-01-01", "date", '< date("2024-06-01")', False),
        ("Zijkant", "string", '"Zijkant"', False),
    ],
)
def test_fixed_values_are_typed_like_answers(waarde, gegevens_type, cel, onbereikbaar):
    inhoud = dmn.document(
        dmn.input_data("I1", "vast", "U1", gegevens_type),
        dmn.besluit(
            "B1",
            "Uitkomst",
            "FIRST",
            [("vast", gegevens_type)],
            [([cel], '"Verbod"'), (["-"], '"Toestemmingsvrij"')],
            top=True,
            invoer=["I1"],
        ),
        uitvoeringsregels=dmn.vaste_waarde("U1", waarde, gegevens_type),
    )
    codes = [b.code for b in controle(inhoud)]
    assert ("regel.onbereikbaar" in codes) is onbereikbaar
    # with a fixed value the catch-all rule is shadowed exactly when the first rule always fires
    assert ("regel.overschaduwd" in codes) is not onbereikbaar
