"""The FEEL unary-test subset: every construct, three-valued evaluation, and refusal of the rest."""

from datetime import date
from decimal import Decimal

import pytest

from toepasbare_regels.sttr import feel
from toepasbare_regels.sttr.feel import ONBEKEND, FeelFout

D = Decimal


@pytest.mark.parametrize(
    ("cel", "waarde", "verwacht"),
    [
        # "-" and an empty cell match everything, also what is not known yet
        ("-", D(5), True),
        ("-", None, True),
        ("", "x", True),
        ("-", ONBEKEND, True),
        # booleans: no truthiness, a number 1 is not true
        ("true", True, True),
        ("true", False, False),
        ("false", False, True),
        ("true", D(1), False),
        ("false", None, False),
        # quoted strings, with an escaped quote inside
        ('"Voorkant"', "Voorkant", True),
        ('"Voorkant"', "voorkant", False),
        ('"zeg \\"ja\\""', 'zeg "ja"', True),
        ('"50"', D(50), False),
        # numbers: a bare number is equality; comparisons; negatives and decimals
        ("50", D(50), True),
        ("50", D("50.0"), True),
        ("-2.5", D("-2.5"), True),
        ("< 50", D(49), True),
        ("< 50", D(50), False),
        ("<=50", D(50), True),
        ("> 50", D(50), False),
        (">50", D("50.01"), True),
        (">= 50", D(50), True),
        (">= 50", D("49.99"), False),
        ("= 50", D(50), True),
        ("!= 50", D(50), False),
        ("!= 50", D(51), True),
        # comparisons never match across types (a boolean is no number), nor null
        ("< 50", True, False),
        ("< 50", "10", False),
        ("< 50", None, False),
        ("[1..5]", False, False),
        # ranges: closed, open with ( ) and with ] [
        ("[20..30)", D(20), True),
        ("[20..30)", D("29.9"), True),
        ("[20..30)", D(30), False),
        ("(20..30]", D(20), False),
        ("(20..30]", D(30), True),
        ("]20..30[", D(20), False),
        ("]20..30[", D(25), True),
        ("]20..30[", D(30), False),
        ("[20..30]", D(30), True),
        # comma lists are a disjunction
        ('"Voorkant","Zijkant"', "Zijkant", True),
        ('"Voorkant", "Zijkant"', "Achterkant", False),
        ("< 10, > 20", D(25), True),
        ("< 10, > 20", D(15), False),
        # not(...) negates a test or a list
        ("not(null)", "iets", True),
        ("not(null)", None, False),
        ('not("nee")', "ja", True),
        ('not("nee", "deels")', "deels", False),
        ("not([1..5])", D(6), True),
        # null: the answered "no value"
        ("null", None, True),
        ("null", D(0), False),
        # dates for date questions
        ('date("2024-01-01")', date(2024, 1, 1), True),
        ('>= date("2024-01-01")', date(2023, 12, 31), False),
        ('[date("2024-01-01")..date("2024-12-31")]', date(2024, 6, 1), True),
        ('< date("2024-01-01")', D(5), False),
    ],
)
def test_unary_tests(cel, waarde, verwacht):
    assert feel.evalueer(feel.test(cel), waarde) is verwacht


@pytest.mark.parametrize(
    "cel",
    ["true", '"ja"', "< 50", "[1..5]", '"a","b"', "not(null)", "null", 'date("2024-01-01")', "not(true)"],
)
def test_an_unknown_input_is_unknown_for_every_test_but_dash(cel):
    assert feel.evalueer(feel.test(cel), ONBEKEND) is ONBEKEND


def test_onbekend_is_not_a_truth_value():
    with pytest.raises(TypeError):
        bool(ONBEKEND)


@pytest.mark.parametrize(
    "cel",
    [
        "upper(x)",  # function
        'string length("abc") > 2',  # function
        "count(a)",
        "sum([1,2])",
        "1 + 2",  # arithmetic
        "> 5 * 2",
        "< a - 1",
        "x",  # a name
        "oppervlakte > 5",
        "a.b",  # path
        "aanvraag.oppervlakte",
        '"a" or "b"',  # boolean operators
        "> 5 and < 10",
        "in [1..5]",
        "[1..5",  # unfinished range
        "[1,5]",  # a list literal is no range
        "not 5",  # not without parentheses
        "not(5",
        '"open',  # unterminated string
        "5 5",  # two values
        ">",  # comparison without a value
        "<= -",
        'date("2024-13-01")',  # no such date
        'date("2024-01-01", "x")',
        "{a: 1}",  # context
        "some x in y satisfies x > 1",
        "@",
    ],
)
def test_everything_outside_the_subset_is_refused(cel):
    with pytest.raises(FeelFout) as exc:
        feel.test(cel)
    assert exc.value.code == "sttr.feel_niet_ondersteund"


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ('"Vergunningplicht"', "Vergunningplicht"),
        ("true", True),
        ("false", False),
        ("null", None),
        ("12.5", D("12.5")),
        ('date("2024-02-29")', date(2024, 2, 29)),
    ],
)
def test_output_entries_are_one_literal(tekst, verwacht):
    assert feel.waarde(tekst) == verwacht


@pytest.mark.parametrize("tekst", ["", '"a", "b"', "< 5", "-", "x", "1 + 1", "[1..2]"])
def test_output_entries_refuse_anything_but_one_literal(tekst):
    with pytest.raises(FeelFout):
        feel.waarde(tekst)


def test_output_values_are_a_list_of_literals():
    assert feel.waarden('"Verbod","Vergunningplicht", null') == ["Verbod", "Vergunningplicht", None]
    with pytest.raises(FeelFout):
        feel.waarden('"Verbod" "Vergunningplicht"')


def test_compiled_tests_compare_by_value():
    assert feel.test("[1..5]") == feel.test(" [1..5] ")
    assert feel.test("<5") != feel.test("<=5")


def test_numbers_from_answers():
    assert feel.naar_getal("12,5") == D("12.5")
    with pytest.raises(ValueError):
        feel.naar_getal("twaalf")
