"""Data-answers: questions the portal answers from its own data instead of asking the user.

A question is answered from data when its uitvoeringsregel carries an `herbruikbaarId` registered here
(our own rule files do) or when staff linked the question to a fact (antwoordkoppeling). Each fact names its
source, the user sees it, and can say it is wrong: then the question is asked instead and the report is
kept for the data owner (FeitBetwisting).
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from kern.gemeente import huidige

from .plek import Plek


@dataclass(frozen=True)
class Feit:
    sleutel: str
    titel: str
    bron_sjabloon: str  # "{gemeente}" becomes the municipality's name
    bepaal: Callable[[Plek], object]  # the value, or None when the data does not say
    gebieden: Callable[[Plek], list[str]] | None = None  # the werkingsgebieden the value came from

    @property
    def bron(self) -> str:
        return self.bron_sjabloon.format(gemeente=huidige().naam)


FEITEN: dict[str, Feit] = {}


def feit(sleutel: str, titel: str, bron: str, gebieden: Callable[[Plek], list[str]] | None = None):
    def registreer(functie):
        FEITEN[sleutel] = Feit(sleutel, titel, bron, functie, gebieden)
        return functie

    return registreer


def uit_herbruikbaar_id(herbruikbaar_id: str) -> str:
    """The fact an herbruikbaarId names. Rule files written before facts were municipality-neutral
    carry the gemeente code in front ("gm0400.monument"); that prefix is dropped."""
    return herbruikbaar_id.removeprefix(f"{huidige().code}.")


MONUMENT = ("BeschermdMonument", "GemeentelijkMonument", "Rijksmonument")
GEZICHT = ("BeschermdGezicht", "BeschermdStadsgezicht", "BeschermdDorpsgezicht")


def _aanwijzingen(plek: Plek, groepen: tuple[str, ...]) -> list[dict]:
    gezocht = {_norm(g) for g in groepen}
    return [g for g in plek.gebiedsaanwijzingen if _norm(g.get("groep") or "") in gezocht]


def _groep(plek: Plek, groepen: tuple[str, ...]) -> bool | None:
    """None where no omgevingsplan covers the spot: no data is not the same as "no"."""
    if not plek.locaties:
        return None
    return bool(_aanwijzingen(plek, groepen))


def _gebieden(groepen: tuple[str, ...]) -> Callable[[Plek], list[str]]:
    return lambda plek: sorted({loc for g in _aanwijzingen(plek, groepen) for loc in g.get("locaties", [])})


def _norm(waarde: str) -> str:
    """Value-list terms arrive as code (BeschermdMonument) or label (beschermd monument)."""
    return waarde.lower().replace(" ", "")


@feit(
    "monument",
    "Het pand is een monument",
    "Omgevingsplan {gemeente}: gemeentelijke monumenten",
    _gebieden(MONUMENT),
)
def monument(plek: Plek) -> bool | None:
    return _groep(plek, MONUMENT)


@feit(
    "beschermd-gezicht",
    "De plek ligt in een beschermd stads- of dorpsgezicht",
    "Omgevingsplan {gemeente}",
    _gebieden(GEZICHT),
)
def beschermd_gezicht(plek: Plek) -> bool | None:
    return _groep(plek, GEZICHT)


@feit(
    "maximum-bouwhoogte",
    "De maximale bouwhoogte hier (meter)",
    "Omgevingsplan {gemeente}: bouwvlakken",
)
def maximum_bouwhoogte(plek: Plek) -> Decimal | None:
    hoogtes = [
        Decimal(str(n["waarde"]))
        for n in plek.normwaarden
        if "bouwhoogte" in (n.get("naam") or n.get("identificatie") or "").lower()
        and n.get("waarde") is not None
    ]
    return min(hoogtes) if hoogtes else None


# Geometries are stored in RD New, so distances come out in metres.
_WEG_SQL = """
    SELECT ST_Distance(w.geom, ST_GeomFromEWKB(%(g)s)) FROM kaartlagen_bgtobject w
    WHERE w.objecttype IN ('wegdeel', 'ondersteunendwegdeel')
      AND ST_DWithin(w.geom, ST_GeomFromEWKB(%(g)s), 200)
    ORDER BY w.geom <-> ST_GeomFromEWKB(%(g)s) LIMIT 1
"""


def _afstand_tot_weg(geom) -> float | None:
    with connection.cursor() as cursor:
        cursor.execute(_WEG_SQL, {"g": bytes(geom.ewkb)})
        rij = cursor.fetchone()
    return float(rij[0]) if rij else None


def _afstand_plek_tot_weg(plek: Plek) -> float | None:
    """The spot's own distance, looked up once per plek (both facts below use it)."""
    if "_afstand_tot_weg" not in plek.feitwaarden:
        plek.feitwaarden["_afstand_tot_weg"] = _afstand_tot_weg(plek.geometrie)
    return plek.feitwaarden["_afstand_tot_weg"]


@feit("afstand-openbare-weg", "Afstand tot de weg of de stoep (meter)", "BGT: wegdelen")
def afstand_openbare_weg(plek: Plek) -> Decimal | None:
    afstand = _afstand_plek_tot_weg(plek)
    return Decimal(str(round(afstand, 1))) if afstand is not None else None


@feit("erf", "Voorerf of achtererf", "BAG-pand en BGT-wegdelen")
def erf(plek: Plek) -> str | None:
    """Voorerf when the spot lies nearer to the road than the pand itself: between house and street."""
    if (
        plek.geometrie.geom_type != "Point"
        or plek.pand is None
        or plek.pand["geom"].intersects(plek.geometrie)
    ):
        return None
    punt, pand = _afstand_plek_tot_weg(plek), _afstand_tot_weg(plek.pand["geom"])
    if punt is None or pand is None:
        return None
    return "Voorerf" if punt < pand else "Achtererf"
