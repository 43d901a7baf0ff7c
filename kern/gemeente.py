"""Which municipality this installation serves: the one place its identity is read from.

Code never names a municipality: it asks `huidige()`. The values come from the settings
(GEMEENTE_* environment variables, docs/configuration.md) and the boundary from CBS
(`manage.py import_gemeentegrens`), so another gemeente runs the portal by configuration alone.
"""

import time
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.db import DatabaseError
from django.dispatch import receiver


@dataclass(frozen=True)
class Gemeente:
    naam: str
    cbs_code: str  # "GM0400", as CBS writes it
    oin: str
    owms: str  # GEMEENTE_OWMS: its URI in OWMS, the organisation list data.overheid.nl accepts
    telefoon: str
    email: str
    website: str
    instelling_bbox_rd: tuple[float, float, float, float]  # GEMEENTE_BBOX_RD, until a boundary is imported

    @property
    def bbox_rd(self) -> tuple[float, float, float, float]:
        """From the imported CBS boundary (`manage.py import_gemeentegrens`), else the settings'. Read
        only when asked, so the municipality's name and codes never need the database."""
        return _bbox_uit_grens(self.cbs_code) or self.instelling_bbox_rd

    @property
    def code(self) -> str:
        """The lower-case code the DSO and IMOW use in identifiers and organisation codes ("gm0400")."""
        return self.cbs_code.lower()

    @property
    def nummer(self) -> str:
        """The four digits ("0400"), as BAG file names and CBS buurtcodes carry them."""
        return self.cbs_code[2:]

    @property
    def tooi(self) -> str:
        """The municipality's URI in TOOI, the government's list of organisations ("…/gemeente/gm0400")."""
        return f"https://identifier.overheid.nl/tooi/id/gemeente/{self.code}"

    @property
    def breedtegraad(self) -> float:
        """The latitude (WGS84) of the middle of the bbox, for the map's scale factor (cos φ)."""
        return _breedtegraad(self.bbox_rd)

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
def _breedtegraad(bbox_rd: tuple[float, float, float, float]) -> float:
    from django.contrib.gis.geos import Point

    from kern.crs import RD_NEW, WGS84

    minx, miny, maxx, maxy = bbox_rd
    return Point((minx + maxx) / 2, (miny + maxy) / 2, srid=RD_NEW).transform(WGS84, clone=True).y


# The boundary's bbox per CBS code, with the moment it was read: an imported boundary counts in every
# process within GRENS_GELDIG seconds, without a query per request.
GRENS_GELDIG = 300
_grens_bbox: dict[str, tuple[float, tuple | None]] = {}


def _bbox_uit_grens(cbs_code: str) -> tuple[float, float, float, float] | None:
    nu = time.monotonic()
    gelezen = _grens_bbox.get(cbs_code)
    if gelezen and nu - gelezen[0] < GRENS_GELDIG:
        return gelezen[1]
    from kern.models import Gemeentegrens

    try:
        grens = Gemeentegrens.objects.filter(cbs_code=cbs_code).values_list("geom", flat=True).first()
    except DatabaseError:  # before `migrate`: the settings' bbox stands
        return None
    bbox = tuple(round(v, 2) for v in grens.extent) if grens else None
    _grens_bbox[cbs_code] = (nu, bbox)
    return bbox


def vergeet_grens() -> None:
    """After importing a boundary: this process reads it again at once (others within GRENS_GELDIG)."""
    _grens_bbox.clear()


@cache
def huidige() -> Gemeente:
    """The configured municipality, read from the settings once (a vergunningcheck step asks seven
    times); a changed GEMEENTE_* setting (tests) reads them again."""
    return Gemeente(
        settings.GEMEENTE_NAAM,
        settings.GEMEENTE_CBS_CODE.upper(),
        settings.GEMEENTE_OIN,
        settings.GEMEENTE_OWMS,
        settings.GEMEENTE_TELEFOON,
        settings.GEMEENTE_EMAIL,
        settings.GEMEENTE_WEBSITE,
        tuple(settings.GEMEENTE_BBOX_RD),
    )


@receiver(setting_changed)
def _setting_veranderd(setting, **kwargs):
    if setting.startswith("GEMEENTE_"):
        huidige.cache_clear()
