"""Which municipality this installation serves: the one place its identity is read from.

Code never names a municipality: it asks `huidige()`. The values come from the settings
(GEMEENTE_* environment variables, docs/configuration.md), so another gemeente runs the portal by
configuration alone.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings


@dataclass(frozen=True)
class Gemeente:
    naam: str
    cbs_code: str  # "GM0400", as CBS writes it
    oin: str
    telefoon: str
    email: str
    website: str
    bbox_rd: tuple[float, float, float, float]

    @property
    def code(self) -> str:
        """The lower-case code the DSO and IMOW use in identifiers and organisation codes ("gm0400")."""
        return self.cbs_code.lower()

    @property
    def nummer(self) -> str:
        """The four digits ("0400"), as BAG file names and CBS buurtcodes carry them."""
        return self.cbs_code[2:]

    @property
    def contact_zin(self) -> str:
        """How a resident reaches the municipality, in one B1 sentence."""
        delen = [
            f"bel {self.telefoon}" if self.telefoon else "",
            f"mail naar {self.email}" if self.email else "",
        ]
        wegen = " of ".join(d for d in delen if d)
        return (
            f"Neem contact op met de gemeente {self.naam}: {wegen}."
            if wegen
            else f"Neem contact op met de gemeente {self.naam}."
        )


@cache
def _uit_settings(naam, cbs_code, oin, telefoon, email, website, bbox_rd) -> Gemeente:
    return Gemeente(naam, cbs_code.upper(), oin, telefoon, email, website, tuple(bbox_rd))


def huidige() -> Gemeente:
    """The configured municipality (settings may change in tests, so it is read each call, cheaply)."""
    return _uit_settings(
        settings.GEMEENTE_NAAM,
        settings.GEMEENTE_CBS_CODE,
        settings.GEMEENTE_OIN,
        settings.GEMEENTE_TELEFOON,
        settings.GEMEENTE_EMAIL,
        settings.GEMEENTE_WEBSITE,
        tuple(settings.GEMEENTE_BBOX_RD),
    )
