"""The FEEL subset STTR files use, parsed by a small tokenizer and evaluated without eval().

Unary tests (input entries): `-`, `true`/`false`, quoted strings, numbers with `< <= > >= =`, ranges
`[a..b]` with open or closed ends, comma lists, `not(...)`, `null`, and `date("YYYY-MM-DD")` for date
questions. Output entries: one literal. Anything else raises FeelFout at import, so a rule the engine
cannot evaluate never reaches a user.

Evaluation is three-valued: a test on an input that is not known yet answers ONBEKEND, which is what lets
the engine ask only the questions that can still change an outcome.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from kern.fouten import CodeFout


class FeelFout(CodeFout):
    def __init__(self, bericht: str, code: str = "sttr.feel_niet_ondersteund"):
        super().__init__(code, bericht)


MAX_DIEPTE = 32
"""`not(` inside `not(` this deep at most: real cells nest one or two, and the parser recurses per level."""


class _Onbekend:
    def __repr__(self):
        return "ONBEKEND"

    def __bool__(self):
        raise TypeError("ONBEKEND is geen waarheidswaarde")


ONBEKEND = _Onbekend()
"""Not answered yet (differs from null: an answered 'no value')."""

_TOKEN = re.compile(
    r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?\d+(?:\.\d+)?)|(?P<op><=|>=|!=|<|>|=)'
    r"|(?P<range>\.\.)|(?P<punct>[\[\]\(\),])|(?P<word>[A-Za-z_][A-Za-z_0-9]*))"
)


def _tokens(text: str) -> list[tuple[str, str]]:
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise FeelFout(f"onbekend teken in FEEL-expressie {text!r} op positie {pos}")
        pos = m.end()
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
    return out


@dataclass(frozen=True)
class _Lit:
    waarde: object


def _literal(tokens: list, i: int) -> tuple[object, int]:
    kind, val = tokens[i] if i < len(tokens) else ("eind", "")
    if kind == "str":
        return val[1:-1].replace('\\"', '"'), i + 1
    if kind == "num":
        return Decimal(val), i + 1
    if kind == "word" and val in ("true", "false"):
        return val == "true", i + 1
    if kind == "word" and val == "null":
        return None, i + 1
    is_datum = tokens[i + 1 : i + 2] == [("punct", "(")] and i + 3 < len(tokens) and tokens[i + 2][0] == "str"
    if kind == "word" and val == "date" and is_datum:
        if tokens[i + 3] != ("punct", ")"):
            raise FeelFout("date(...) verwacht één tekst tussen haakjes")
        try:
            return date.fromisoformat(tokens[i + 2][1][1:-1]), i + 4
        except ValueError as exc:
            raise FeelFout(f"ongeldige datum {tokens[i + 2][1]}") from exc
    raise FeelFout(f"verwacht een waarde, gevonden {val!r}" if val else "expressie eindigt te vroeg")


def waarde(text: str) -> object:
    """An output entry: exactly one literal."""
    tokens = _tokens(text)
    if not tokens:
        raise FeelFout("lege uitvoerwaarde")
    result, i = _literal(tokens, 0)
    if i != len(tokens):
        raise FeelFout(f"uitvoer {text!r} is geen enkele waarde")
    return result


def waarden(text: str) -> list:
    """A comma-separated list of literals (outputValues, allowedValues)."""
    tokens, out, i = _tokens(text), [], 0
    while i < len(tokens):
        item, i = _literal(tokens, i)
        out.append(item)
        if i < len(tokens):
            if tokens[i] != ("punct", ","):
                raise FeelFout(f"verwacht ',' in lijst {text!r}")
            i += 1
    return out


# A compiled unary test is a tuple tree: ("any",) ("eq", v) ("cmp", op, v) ("range", lo, lo_in, hi, hi_in)
# ("or", [tests]) ("not", test). Tuples compare by value, which keeps parsed models comparable.


def _enkel(tokens: list, i: int) -> tuple[tuple, int]:
    kind, val = tokens[i]
    if kind == "op":
        v, j = _literal(tokens, i + 1)
        return (("eq", v) if val == "=" else ("not", ("eq", v)) if val == "!=" else ("cmp", val, v)), j
    if kind == "punct" and val in "[](":
        lo, j = _literal(tokens, i + 1)
        if j >= len(tokens) or tokens[j][0] != "range":
            raise FeelFout("bereik verwacht '..'")
        hi, j = _literal(tokens, j + 1)
        if j >= len(tokens) or tokens[j][0] != "punct" or tokens[j][1] not in "[])":
            raise FeelFout("bereik zonder sluitteken")
        return ("range", lo, val == "[", hi, tokens[j][1] == "]"), j + 1
    v, j = _literal(tokens, i)
    return ("eq", v), j


def _lijst(tokens: list, i: int, stop: str | None, diepte: int = 0) -> tuple[tuple, int]:
    items = []
    while True:
        if tokens[i : i + 1] == [("word", "not")]:
            if tokens[i + 1 : i + 2] != [("punct", "(")]:
                raise FeelFout("not verwacht '('")
            if diepte >= MAX_DIEPTE:
                raise FeelFout(f"not(...) is dieper dan {MAX_DIEPTE} keer genest", "sttr.feel_te_diep")
            inner, i = _lijst(tokens, i + 2, ")", diepte + 1)
            items.append(("not", inner))
        else:
            item, i = _enkel(tokens, i)
            items.append(item)
        if i < len(tokens) and tokens[i] == ("punct", ","):
            i += 1
            continue
        if stop:
            if i >= len(tokens) or tokens[i] != ("punct", stop):
                raise FeelFout(f"verwacht '{stop}'")
            i += 1
        return (items[0] if len(items) == 1 else ("or", tuple(items))), i


def test(text: str) -> tuple:
    """Compile one input entry."""
    text = (text or "").strip()
    if text in ("", "-"):
        return ("any",)
    tokens = _tokens(text)
    try:
        result, i = _lijst(tokens, 0, None)
    except IndexError as exc:
        raise FeelFout(f"onvolledige expressie {text!r}") from exc
    if i != len(tokens):
        raise FeelFout(f"onverwacht {tokens[i][1]!r} in {text!r}")
    return result


def _vergelijk(op: str, a, b) -> bool:
    # bool is an int in Python, but in FEEL `true < 50` is no match, not 1 < 50.
    if a is None or b is None or isinstance(a, bool) or isinstance(b, bool):
        return False
    try:
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
        if op == ">":
            return a > b
        return a >= b
    except TypeError:
        return False


def _gelijk(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


def evalueer(compiled: tuple, value) -> bool | _Onbekend:
    """True/False, or ONBEKEND when the input is not known and the test depends on it."""
    soort = compiled[0]
    if soort == "any":
        return True
    if value is ONBEKEND:
        return ONBEKEND
    if soort == "eq":
        return _gelijk(value, compiled[1])
    if soort == "cmp":
        return _vergelijk(compiled[1], value, compiled[2])
    if soort == "range":
        _, lo, lo_in, hi, hi_in = compiled
        return _vergelijk(">=" if lo_in else ">", value, lo) and _vergelijk("<=" if hi_in else "<", value, hi)
    if soort == "or":
        return any(evalueer(t, value) for t in compiled[1])
    if soort == "not":
        return not evalueer(compiled[1], value)
    raise FeelFout(f"onbekende test {soort}")


def naar_getal(text) -> Decimal:
    try:
        return Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(f"{text!r} is geen getal") from exc
