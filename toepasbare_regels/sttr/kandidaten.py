"""The representative values of a decision-table column: one per class of answers its cells cannot tell
apart (every cell test in our FEEL subset compares with constants, so between two neighbouring
constants all values behave the same). check_regels searches over them; the lazy engine uses them to
know which answers could still change an outcome."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal


class _Anders:
    """A text equal to no literal: stands for every answer the table does not name."""

    def __repr__(self):
        return "iets anders"


ANDERS = _Anders()


@dataclass
class Kolom:
    naam: str
    soort: str  # "type": any value of the question's type; "vast"/"besluit": only the values it can take
    gegevens_type: str = ""
    waarden: list = field(default_factory=list)
    uitleg: str = ""
    opties: tuple[str, ...] = ()


def literalen_van(test: tuple):
    soort = test[0]
    if soort == "eq":
        yield test[1]
    elif soort == "cmp":
        yield test[2]
    elif soort == "range":
        yield from (test[1], test[3])
    elif soort == "or":
        for t in test[1]:
            yield from literalen_van(t)
    elif soort == "not":
        yield from literalen_van(test[1])


def _getallen(literalen) -> list:
    cs = sorted({c for c in literalen if isinstance(c, Decimal)})
    if not cs:
        return [Decimal(0)]
    uit = [cs[0] - 1]
    for a, b in zip(cs, cs[1:], strict=False):
        uit += [a, (a + b) / 2]
    return uit + [cs[-1], cs[-1] + 1]


def _datums(literalen) -> list:
    cs = {c for c in literalen if isinstance(c, date)}
    if not cs:
        return [date(2000, 1, 1)]
    dag = timedelta(days=1)
    return sorted({d + s for d in cs for s in (-dag, timedelta(0), dag)})


def _teksten(literalen) -> list:
    return [*dict.fromkeys(c for c in literalen if isinstance(c, str)), ANDERS]


def kandidaten(gegevens_type: str, tests: list[tuple], opties: tuple[str, ...] = ()) -> list:
    """Representative values of a column: one per class of values the cells cannot tell apart."""
    literalen = [v for t in tests for v in literalen_van(t)]
    if gegevens_type == "boolean":
        uit = [True, False]
    elif gegevens_type == "number":
        uit = _getallen(literalen)
    elif gegevens_type == "date":
        uit = _datums(literalen)
    elif gegevens_type == "list" and opties:
        uit = list(opties)
    elif gegevens_type in ("string", "list"):
        uit = _teksten(literalen)
    else:
        bools = [b for b in (True, False) if any(v is b for v in literalen)]
        uit = [*bools, *_getallen(literalen), *_datums(literalen), *_teksten(literalen)]
    return uit + [None] if noemt_null(tests) else uit


def noemt_null(tests: list[tuple]) -> bool:
    """null is only a value where an author tests for it (`not(null)`: "answered")."""
    return any(v is None for t in tests for v in literalen_van(t))


def toon(waarde) -> str:
    """A value as FEEL text, for witnesses and messages."""
    if waarde is None:
        return "null"
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, str):
        return f'"{waarde}"'
    if isinstance(waarde, Decimal):
        return format(waarde.normalize(), "f")
    if isinstance(waarde, date):
        return f'date("{waarde.isoformat()}")'
    return repr(waarde)
