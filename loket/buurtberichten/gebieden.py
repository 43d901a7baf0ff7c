"""The areas of a subscription: address + radius, a buurt or wijk, or a drawn polygon (capped).

Each becomes one polygon in RD New, so matching is one spatial test whatever the shape."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, Point

from kaartlagen import zoeken
from kaartlagen.models import Buurt, Wijk
from kern.crs import RD_NEW
from loket.buurtberichten import geometrie
from loket.buurtberichten.fouten import BuurtberichtFout
from loket.buurtberichten.models import Gebied

MIN_STRAAL_M, MAX_STRAAL_M = 100, 3000
STRALEN_M = [100, 250, 500, 1000, 2000, 3000]  # the choices the form offers


@dataclass
class NieuwGebied:
    soort: str
    omschrijving: str
    geom: GEOSGeometry
    straal_m: int | None = None
    code: str = ""

    def maak(self, abonnement) -> Gebied:
        return Gebied(
            abonnement=abonnement,
            soort=self.soort,
            omschrijving=self.omschrijving[:200],
            straal_m=self.straal_m,
            code=self.code,
            geom=geometrie.als_multipolygon(self.geom),
            onderwerpen=abonnement.onderwerpen,
            frequentie=abonnement.frequentie,
            actief=abonnement.actief,
        )


def rond_adres(adres_id: str, straal_m: int) -> NieuwGebied:
    if not (MIN_STRAAL_M <= straal_m <= MAX_STRAAL_M):
        raise BuurtberichtFout(
            "straal_ongeldig", f"Kies een afstand van {MIN_STRAAL_M} tot {MAX_STRAAL_M} meter."
        )
    try:
        treffer = zoeken.lookup(adres_id)
    except zoeken.ZoekFout:
        treffer = None
    if treffer is None or treffer.type != "adres" or "centroide_rd" not in treffer.details:
        raise BuurtberichtFout("adres_onbekend", "We vinden dit adres niet. Typ straat en huisnummer.")
    x, y = treffer.details["centroide_rd"]
    # 8 segments per quarter: a circle within 2 % of the true radius, cheap to test against.
    cirkel = Point(x, y, srid=RD_NEW).buffer(straal_m, quadsegs=8)
    return NieuwGebied(
        Gebied.Soort.ADRES, f"{treffer.weergavenaam}, {straal_m} meter", cirkel, straal_m=straal_m
    )


def adres_uit_tekst(tekst: str) -> str:
    """Without JavaScript the resident types an address: the best address match's id."""
    tekst = tekst.strip()[: zoeken.MAX_ZOEKTERM]
    if not tekst:
        raise BuurtberichtFout("adres_ontbreekt", "Typ een adres, of kies een buurt.")
    try:
        treffer = next((t for t in zoeken.suggest(tekst, 5) if t.type == "adres"), None)
    except zoeken.ZoekFout:
        treffer = None
    if treffer is None:
        raise BuurtberichtFout("adres_onbekend", "We vinden dit adres niet. Typ straat en huisnummer.")
    return treffer.id


def buurt(code: str) -> NieuwGebied:
    rij = Buurt.objects.filter(code=code).first()
    if rij is None:
        raise BuurtberichtFout("buurt_onbekend", "Deze buurt kennen we niet. Kies een buurt uit de lijst.")
    return NieuwGebied(Gebied.Soort.BUURT, f"Buurt {rij.naam}", rij.geom, code=rij.code)


def wijk(code: str) -> NieuwGebied:
    rij = Wijk.objects.filter(code=code).first()
    if rij is None:
        raise BuurtberichtFout("wijk_onbekend", "Deze wijk kennen we niet. Kies een wijk uit de lijst.")
    return NieuwGebied(Gebied.Soort.WIJK, f"Wijk {rij.naam}", rij.geom, code=rij.code)


def getekend(geojson: str | dict) -> NieuwGebied:
    vlak = geometrie.uit_geojson(geojson, geometrie.VLAKKEN)
    km2 = vlak.area / 1_000_000
    if km2 > settings.BUURTBERICHTEN_MAX_VLAK_KM2:
        raise BuurtberichtFout(
            "gebied_te_groot",
            f"Het getekende gebied is {km2:.1f} km². Dat is groter dan de {settings.BUURTBERICHTEN_MAX_VLAK_KM2:g} km² "
            "die kan. Teken een kleiner gebied, of kies een wijk.",
        )
    return NieuwGebied(Gebied.Soort.GETEKEND, f"Zelf getekend gebied ({km2:.2f} km²)", vlak)


def buurten() -> list[tuple[str, str]]:
    """(code, naam) for the buurt list of the no-map path."""
    return list(Buurt.objects.order_by("naam").values_list("code", "naam"))


def wijken() -> list[tuple[str, str]]:
    return list(Wijk.objects.order_by("naam").values_list("code", "naam"))
