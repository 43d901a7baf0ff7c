"""Each hit policy on small tables: decided values, and `open` listing only inputs that can still change
the outcome (so the vergunningcheck asks no question that does not matter)."""

from decimal import Decimal

import pytest

from tests.toepasbare_regels.sttr import dmn
from tests.toepasbare_regels.sttr.helpers import beslis, namen
from toepasbare_regels.sttr import parser

D = Decimal
AB = {"a": "boolean", "b": "boolean"}


def _stand(bestand, antwoorden: dict) -> tuple:
    """Decided?, the value, and the names of the inputs still open."""
    uitkomst = beslis(bestand, antwoorden)
    return uitkomst.beslist, uitkomst.waarde, namen(bestand, uitkomst.open)


def _lees(inhoud: bytes):
    return parser.lees(inhoud, "test.dmn")


@pytest.fixture(scope="module")
def unique():
    return _lees(
        dmn.enkel(
            "UNIQUE",
            {"a": "number", "b": "boolean"},
            [
                (["< 10", "-"], '"Toestemmingsvrij"'),
                ([">= 10", "true"], '"Vergunningplicht"'),
                ([">= 10", "false"], '"Meldingsplicht"'),
            ],
        )
    )


@pytest.mark.parametrize(
    ("antwoorden", "beslist", "waarde", "open_", "gebruikt"),
    [
        ({}, False, None, ["a", "b"], []),
        ({"a": D(5)}, True, "Toestemmingsvrij", [], ["a"]),
        ({"a": D(15)}, False, None, ["b"], []),
        ({"b": True}, False, None, ["a"], []),
        ({"a": D(15), "b": False}, True, "Meldingsplicht", [], ["a", "b"]),
        ({"a": D(10), "b": True}, True, "Vergunningplicht", [], ["a", "b"]),
        ({"a": None, "b": True}, True, None, [], []),  # answered without a value: no rule, no conclusion
    ],
)
def test_unique(unique, antwoorden, beslist, waarde, open_, gebruikt):
    uitkomst = beslis(unique, antwoorden)
    assert uitkomst.beslist is beslist
    assert uitkomst.waarde == waarde
    assert namen(unique, uitkomst.open) == open_
    assert namen(unique, uitkomst.gebruikt) == gebruikt


def test_unique_names_the_rule_that_decided(unique):
    uitkomst = beslis(unique, {"a": D(15), "b": True})
    assert [r.id for _, r in uitkomst.regels] == ["B1_r2"]
    assert uitkomst.regels[0][1].annotaties == ("/akn/nl/act/gm0400/2024/omgevingsplan/art2",)


@pytest.fixture(scope="module")
def first():
    return _lees(
        dmn.enkel(
            "FIRST",
            {"a": "boolean", "b": "string"},
            [(["true", "-"], '"A"'), (["-", '"x"'], '"B"'), (["-", "-"], '"C"')],
        )
    )


@pytest.mark.parametrize(
    ("antwoorden", "beslist", "waarde", "open_"),
    [
        # only the first undecided rule matters: b is not asked before a is known
        ({}, False, None, ["a"]),
        ({"b": "x"}, False, None, ["a"]),
        ({"a": True}, True, "A", []),
        ({"a": False}, False, None, ["b"]),
        ({"a": False, "b": "x"}, True, "B", []),
        ({"a": False, "b": "y"}, True, "C", []),
    ],
)
def test_first(first, antwoorden, beslist, waarde, open_):
    assert _stand(first, antwoorden) == (beslist, waarde, open_)


@pytest.fixture(scope="module")
def priority():
    return _lees(
        dmn.enkel(
            "PRIORITY",
            AB,
            [
                (["true", "-"], '"Toestemmingsvrij"'),
                (["-", "true"], '"Verbod"'),
                (["false", "false"], '"Vergunningplicht"'),
            ],
            uitvoer_waarden='"Verbod","Vergunningplicht","Toestemmingsvrij"',
        )
    )


@pytest.mark.parametrize(
    ("antwoorden", "beslist", "waarde", "open_"),
    [
        # a hit with a lower priority waits for the rows that could still give a higher one
        ({"a": True}, False, None, ["b"]),
        ({"a": True, "b": False}, True, "Toestemmingsvrij", []),
        # the highest priority decides at once, whatever a is
        ({"b": True}, True, "Verbod", []),
        ({"a": False, "b": False}, True, "Vergunningplicht", []),
        ({}, False, None, ["a", "b"]),
    ],
)
def test_priority(priority, antwoorden, beslist, waarde, open_):
    assert _stand(priority, antwoorden) == (beslist, waarde, open_)


@pytest.fixture(scope="module")
def any_():
    return _lees(
        dmn.enkel(
            "ANY",
            AB,
            [(["true", "-"], "true"), (["-", "true"], "true"), (["false", "false"], "false")],
            uitvoer_type="boolean",
        )
    )


@pytest.mark.parametrize(
    ("antwoorden", "beslist", "waarde", "open_"),
    [
        # rows still open with the same output cannot change it
        ({"a": True}, True, True, []),
        ({"b": True}, True, True, []),
        ({"a": False}, False, None, ["b"]),
        ({"a": False, "b": False}, True, False, []),
    ],
)
def test_any(any_, antwoorden, beslist, waarde, open_):
    assert _stand(any_, antwoorden) == (beslist, waarde, open_)


@pytest.fixture(scope="module")
def collect_conclusie():
    return _lees(
        dmn.enkel(
            "COLLECT",
            AB,
            [
                (["true", "-"], '"Vergunningplicht"', "U hebt een vergunning nodig."),
                (["-", "true"], '"Meldingsplicht"'),
                (["false", "false"], '"Toestemmingsvrij"'),
            ],
        )
    )


@pytest.mark.parametrize(
    ("antwoorden", "beslist", "waarde", "open_"),
    [
        # the strictest conclusion wins: a milder open row cannot change Vergunningplicht
        ({"a": True}, True, "Vergunningplicht", []),
        ({"b": True}, False, None, ["a"]),
        ({"a": False}, False, None, ["b"]),
        ({"a": False, "b": True}, True, "Meldingsplicht", []),
        ({"a": False, "b": False}, True, "Toestemmingsvrij", []),
    ],
)
def test_collect_conclusion_table(collect_conclusie, antwoorden, beslist, waarde, open_):
    assert _stand(collect_conclusie, antwoorden) == (beslist, waarde, open_)


def test_collect_keeps_the_conclusie_toelichting(collect_conclusie):
    uitkomst = beslis(collect_conclusie, {"a": True, "b": True})
    assert [r.toelichtingen for _, r in uitkomst.regels] == [("U hebt een vergunning nodig.",)]


def _getallen(aggregatie: str):
    return _lees(
        dmn.enkel(
            "COLLECT",
            AB,
            [(["true", "-"], "10"), (["-", "true"], "5"), (["-", "-"], "1")],
            aggregatie=aggregatie,
            uitvoer_type="number",
        )
    )


@pytest.mark.parametrize(
    ("aggregatie", "verwacht"), [("SUM", D(11)), ("COUNT", 2), ("MIN", D(1)), ("MAX", D(10))]
)
def test_collect_aggregations(aggregatie, verwacht):
    bestand = _getallen(aggregatie)
    assert beslis(bestand, {"a": True, "b": False}).waarde == verwacht
    uitkomst = beslis(bestand, {"a": True})
    if aggregatie in ("SUM", "COUNT"):
        # every open row changes a sum or a count, so b must be asked
        assert not uitkomst.beslist and namen(bestand, uitkomst.open) == ["b"]
    else:
        # the catch-all row already gives the minimum 1 and a the maximum 10: b cannot change them
        assert (uitkomst.beslist, uitkomst.waarde, uitkomst.open) == (True, verwacht, [])


def test_collect_without_aggregation_lists_the_hits():
    bestand = _lees(
        dmn.enkel("COLLECT", AB, [(["true", "-"], '"x"'), (["-", "true"], '"y"'), (["-", "-"], '"z"')])
    )
    assert beslis(bestand, {"a": True, "b": True}).waarde == ["x", "y", "z"]
    assert beslis(bestand, {"a": False, "b": False}).waarde == ["z"]
    assert namen(bestand, beslis(bestand, {"a": True}).open) == ["b"]


def test_a_sub_decision_passes_its_open_inputs_up():
    uitv = dmn.vraag("U1", "boolean") + dmn.vraag("U2", "boolean") + dmn.vraag("U3", "number")
    inhoud = dmn.document(
        dmn.input_data("I1", "monument", "U1", "boolean"),
        dmn.input_data("I2", "beschermd gezicht", "U2", "boolean"),
        dmn.input_data("I3", "hoogte", "U3", "number"),
        dmn.besluit(
            "B1",
            "Conclusie",
            "UNIQUE",
            [("erfgoed", "boolean"), ("hoogte", "number")],
            [
                (["true", "-"], '"Vergunningplicht"'),
                (["false", "<= 5"], '"Toestemmingsvrij"'),
                (["false", "> 5"], '"Vergunningplicht"'),
            ],
            top=True,
            invoer=["I3"],
            besluiten=["B2"],
        ),
        dmn.besluit(
            "B2",
            "erfgoed",
            "ANY",
            [("monument", "boolean"), ("beschermd gezicht", "boolean")],
            [(["true", "-"], "true"), (["-", "true"], "true"), (["false", "false"], "false")],
            invoer=["I1", "I2"],
            uitvoer_type="boolean",
        ),
        uitvoeringsregels=uitv,
    )
    bestand = _lees(inhoud)
    assert namen(bestand, beslis(bestand, {}).open) == ["monument", "beschermd gezicht", "hoogte"]
    uitkomst = beslis(bestand, {"beschermd gezicht": True})
    assert uitkomst.beslist and uitkomst.waarde == "Vergunningplicht"
    assert namen(bestand, uitkomst.gebruikt) == ["beschermd gezicht"]
    assert {r.id for _, r in uitkomst.regels} == {"B1_r1", "B2_r2"}
    uitkomst = beslis(bestand, {"monument": False, "beschermd gezicht": False})
    assert namen(bestand, uitkomst.open) == ["hoogte"]
    assert (
        beslis(bestand, {"monument": False, "beschermd gezicht": False, "hoogte": D(6)}).waarde
        == "Vergunningplicht"
    )


def test_an_any_conflict_gives_no_value_and_names_both_rules():
    bestand = _lees(
        dmn.enkel(
            "ANY",
            AB,
            [
                (["true", "-"], '"Vergunningplicht"'),
                (["-", "true"], '"Toestemmingsvrij"'),
                (["false", "false"], '"Toestemmingsvrij"'),
            ],
        )
    )
    conflict = beslis(bestand, {"a": True, "b": True})
    assert (conflict.beslist, conflict.waarde, conflict.open, conflict.regels) == (False, None, [], [])
    assert "spreken elkaar tegen" in conflict.ontbreekt[0]
    assert "regel 1" in conflict.ontbreekt[0] and "regel 2" in conflict.ontbreekt[0]
    # with a, b decides between a conflict and Vergunningplicht, so it is asked
    assert namen(bestand, beslis(bestand, {"a": True}).open) == ["b"]
    assert beslis(bestand, {"a": True, "b": False}).waarde == "Vergunningplicht"
    assert beslis(bestand, {"a": False, "b": True}).waarde == "Toestemmingsvrij"
