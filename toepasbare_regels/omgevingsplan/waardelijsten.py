"""IMOW value lists: their URIs as delivered, and the plain Dutch label we show and compare on.

URIs look like http://standaarden.omgevingswet.overheid.nl/<lijst>/id/concept/<Term>.
"""

import re

WAARDELIJST = "http://standaarden.omgevingswet.overheid.nl"

KWALIFICATIES = (
    "gebod",
    "informatieplicht",
    "meldingsplicht",
    "verbod",
    "vergunningplicht",
    "toegestaan",
    "toestemmingsvrij",
    "anders geduid",
)


def uri(lijst: str, term: str) -> str:
    return f"{WAARDELIJST}/{lijst}/id/concept/{term}"


def term(waarde: str) -> str:
    """The last part of a value-list URI ('…/concept/BeschermdMonument' -> 'BeschermdMonument')."""
    return (waarde or "").rstrip("/").rsplit("/", 1)[-1]


def label(waarde: str) -> str:
    """'…/concept/BeschermdMonument' or 'BeschermdMonument' -> 'beschermd monument'; other text stays."""
    if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", term(waarde)):
        return waarde or ""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", term(waarde)).lower()


def kwalificatie(waarde: str) -> str | None:
    """The activiteitregelkwalificatie as one of KWALIFICATIES, or None when it is not in the list."""
    gevonden = label(waarde).strip().lower()
    return gevonden if gevonden in KWALIFICATIES else None
