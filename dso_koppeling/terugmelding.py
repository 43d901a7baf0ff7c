"""Status back to DSO: when a zaak that came from a verzoek reaches a besluit, record what we report.

The zaak core's outbox tells us about status changes (read with a cursor: nothing missed, at least
once; the unique (zaak, status) makes a repeat harmless). Sending is switched off until DSO offers
the endpoint (DSO_STATUS_TERUGMELDEN); until then the record is what we would have sent.
"""

from collections import Counter

from django.conf import settings
from django.utils import timezone

from dso_koppeling.client import DsoClient, DsoFout
from dso_koppeling.models import Terugmelding
from dso_koppeling.verzoeken import FEED
from dso_koppeling.zaakkoppeling import BRON
from dso_koppeling.zaaktypen import BESLUITSTATUSSEN
from loket.zaken.services import STATUS_GEWIJZIGD, verwerk_gebeurtenissen

CONSUMENT = "dso-terugmelding"


def _bij_gebeurtenis(gebeurtenis) -> None:
    if gebeurtenis.soort != STATUS_GEWIJZIGD or gebeurtenis.gegevens.get("status") not in BESLUITSTATUSSEN:
        return
    zaak = gebeurtenis.zaak
    if zaak is None or zaak.bron != BRON:
        return
    Terugmelding.objects.get_or_create(
        zaak=zaak,
        status=gebeurtenis.gegevens["status"],
        defaults={
            "verzoeknummer": zaak.externe_identificatie,
            "gegevens": {
                "status": gebeurtenis.gegevens["status"],
                "datum": gebeurtenis.tijdstip.date().isoformat(),
                "zaakidentificatie": zaak.referentie,
            },
        },
    )


def leg_vast() -> int:
    """Read the outbox up to now; returns how many events were looked at."""
    totaal = 0
    while aantal := verwerk_gebeurtenissen(CONSUMENT, _bij_gebeurtenis):
        totaal += aantal
    return totaal


def verstuur(client: DsoClient | None = None, aan: bool | None = None) -> Counter:
    """Send what is recorded and not yet sent, when sending is switched on."""
    telling = Counter()
    open_ = Terugmelding.objects.filter(verstuurd_op__isnull=True).order_by("id")
    if not (settings.DSO_STATUS_TERUGMELDEN if aan is None else aan):
        telling["alleen_vastgelegd"] = open_.count()
        return telling
    client = client or DsoClient()
    for melding in open_:
        try:
            client.json("POST", f"{FEED}/{melding.verzoeknummer}/statussen", body=melding.gegevens)
        except DsoFout as fout:
            melding.pogingen += 1
            melding.laatste_fout = f"{fout.code}: {fout}"[:200]
            melding.save(update_fields=["pogingen", "laatste_fout"])
            telling["mislukt"] += 1
            continue
        melding.pogingen += 1
        melding.verstuurd_op = timezone.now()
        melding.save(update_fields=["pogingen", "verstuurd_op"])
        telling["verstuurd"] += 1
    return telling
