"""What the rule tables say (werkzaamheden, rule files in force, antwoordkoppelingen, activiteit names),
kept per process while they do not change.

A conclusie step used to ask the database the same four things on every request. Triggers bump the
one row of `Regelstand` with every statement that writes those tables (an import, an admin save), and
`Plek` reads that stand in the same statement as the location's data, so checking the cache costs no
round trip of its own. Everything kept here is read-only for its callers.
"""

import threading
from collections.abc import Callable
from typing import Any

MAX_WAARDEN = 2000  # bounded: keys hold client input (refs, activiteiten)

_slot = threading.Lock()
_bewaard: dict[Any, Any] = {}
_stand: list = [None]


def bewaard(stand, sleutel, maak: Callable[[], Any]):
    """`maak()`'s value for `sleutel`, computed once per stand of the rule tables; `stand` None (no
    stand known, e.g. a test database without the row) computes it every time."""
    if stand is None:
        return maak()
    with _slot:
        if _stand[0] != stand:
            _bewaard.clear()
            _stand[0] = stand
        if sleutel in _bewaard:
            return _bewaard[sleutel]
    waarde = maak()
    with _slot:
        if _stand[0] == stand:
            if len(_bewaard) >= MAX_WAARDEN:
                _bewaard.clear()
            _bewaard[sleutel] = waarde
    return waarde


def vergeet() -> None:
    """Empty the cache (tests that compare with and without it)."""
    with _slot:
        _bewaard.clear()
        _stand[0] = None
