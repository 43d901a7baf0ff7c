"""Making a bericht (by staff in the backoffice, or from the outbox) and reading the public ones.

A new bericht and the job that spreads it are written in one transaction: if the bericht exists,
its fan-out will run."""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from kaartlagen.models import Buurt
from loket.buurtberichten import geometrie
from loket.buurtberichten.fouten import BuurtberichtFout
from loket.buurtberichten.models import HANDMATIG, Bericht, Onderwerp

MAX_TITEL, MAX_TEKST = 200, 5000


@dataclass
class NieuwBericht:
    soort: str
    titel: str
    tekst: str
    geom: object  # GEOSGeometry in RD New, checked
    begin: date | None = None
    eind: date | None = None
    link: str = ""
    bron_sleutel: str | None = None

    def controleer(self, handmatig: bool) -> None:
        if self.soort not in (HANDMATIG if handmatig else Onderwerp.values):
            raise BuurtberichtFout("soort_onbekend", "Kies wat voor bericht dit is.")
        if not self.titel.strip() or len(self.titel) > MAX_TITEL:
            raise BuurtberichtFout("titel_ongeldig", f"Geef een titel van 1 tot {MAX_TITEL} tekens.")
        if not self.tekst.strip() or len(self.tekst) > MAX_TEKST:
            raise BuurtberichtFout("tekst_ongeldig", f"Geef een tekst van 1 tot {MAX_TEKST} tekens.")
        if self.begin and self.eind and self.eind < self.begin:
            raise BuurtberichtFout("periode_ongeldig", "De einddatum ligt voor de begindatum.")
        if self.link and not self.link.startswith(("https://", "http://")):
            raise BuurtberichtFout("link_ongeldig", "Een link begint met https://.")
        geometrie.controleer(self.geom)


def publiceer(nieuw: NieuwBericht, *, handmatig: bool = False) -> Bericht | None:
    """Store the bericht and defer its fan-out in the same transaction. None when a bericht with
    this bron_sleutel exists already (an outbox event seen twice)."""
    from loket.buurtberichten import tasks  # the jobs module imports the makers of berichten

    nieuw.controleer(handmatig)
    try:
        with transaction.atomic():
            bericht = Bericht.objects.create(
                soort=nieuw.soort,
                titel=nieuw.titel.strip(),
                tekst=nieuw.tekst.strip(),
                link=nieuw.link,
                geom=nieuw.geom,
                begin=nieuw.begin,
                eind=nieuw.eind,
                gepubliceerd=timezone.now(),
                bron_sleutel=nieuw.bron_sleutel,
            )
            tasks.verspreid.defer(bericht_id=bericht.pk)
    except IntegrityError:
        if nieuw.bron_sleutel and Bericht.objects.filter(bron_sleutel=nieuw.bron_sleutel).exists():
            return None
        raise
    return bericht


def openbaar():
    """Berichten for pages and feeds: without the map image, which only mails and /kaart.png use."""
    return Bericht.objects.defer("kaartbeeld")


def in_gebied(geom, soorten=None):
    """The public berichten whose geometry touches `geom` (a buurt, a bbox), newest first."""
    qs = openbaar().filter(geom__intersects=geom)
    if soorten:
        qs = qs.filter(soort__in=soorten)
    return qs.order_by("-gepubliceerd", "-id")


def buurten_bij(bericht: Bericht) -> list[tuple[str, str]]:
    """(code, naam) of the buurten a bericht touches: where it is, in words, without a map."""
    return list(
        Buurt.objects.filter(geom__intersects=bericht.geom).order_by("naam").values_list("code", "naam")
    )


def als_feature(bericht: Bericht) -> dict:
    """A bericht as a GeoJSON Feature in WGS84 (public fields only)."""
    return {
        "type": "Feature",
        "id": str(bericht.uuid),
        "geometry": geometrie.als_geojson_wgs84(bericht.geom),
        "properties": {
            "soort": bericht.soort,
            "titel": bericht.titel,
            "begin": bericht.begin.isoformat() if bericht.begin else None,
            "eind": bericht.eind.isoformat() if bericht.eind else None,
        },
    }
