"""COPY's text format, written by us.

psycopg's write_row adapts every value through its type registry, which was a quarter of an import's
Python time. `copy_rij` formats a row of the Python types that occur in staging rows; an importer
on a hot path may format its fields itself with the helpers below (the BAG importer does).
"""

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


def copy_tekst(value: str) -> str:
    # Checking first is several times cheaper than translate on the short texts that rarely need it.
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_COPY_ESCAPES)
    return value


def copy_array(values: list) -> str:
    values = [str(v) for v in values]
    alles = "".join(values)
    if "\\" in alles or '"' in alles or "\t" in alles or "\n" in alles or "\r" in alles:
        quoted = ('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)
        return ("{" + ",".join(quoted) + "}").translate(_COPY_ESCAPES)
    # Nothing to escape, the usual case (identificaties, gebruiksdoelen): quoted as they are.
    return '{"' + '","'.join(values) + '"}' if values else "{}"


_COPY_FORMAT = {
    str: copy_tekst,
    int: str,
    bool: lambda v: "t" if v else "f",
    list: copy_array,
    type(None): lambda v: NULL,
}


def copy_rij(row) -> str:
    """One staging row as a line of COPY text; dates and times as ISO 8601 (zone included)."""
    return "\t".join(_COPY_FORMAT.get(type(v), _iso)(v) for v in row) + "\n"


def _iso(value) -> str:
    return value.isoformat()
