"""Aggregates only, and no small numbers: a count of 1 to 4 is shown as "<5" in every table, chart,
map and export, so nobody can be recognised from a cell. Zero stays 0 (nothing to recognise).
A figure derived from such a small count (a share, a median, a mean) is suppressed with it."""

DREMPEL = 5
KLEIN = "<5"


def is_klein(n) -> bool:
    return n is not None and 0 < n < DREMPEL


def aantal(n):
    """A count as it may be shown: the number, "<5" for 1–4, None stays None."""
    return KLEIN if is_klein(n) else n


def afgeleid(waarde, basis):
    """A share, median or mean computed over `basis` items: hidden ("<5") when the basis is small,
    None when there is no basis at all."""
    if not basis:
        return None
    return KLEIN if is_klein(basis) else waarde
