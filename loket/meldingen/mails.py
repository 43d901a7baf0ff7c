"""E-mails to melders and followers: a consumer of the zaak outbox plans one delivery per (event,
recipient, kind) in the mail outbox (`kern.mail`), which sends them one by one: the confirmation with
the track & trace link, and a mail on every status change ("Bent u tevreden?" after afhandeling)."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from kern.mail import plan_mail
from loket.meldingen import zaaktype as zt
from loket.meldingen.models import ZAAKTYPE, Melding, Volger
from loket.zaken import services as zaken
from loket.zaken.models import Gebeurtenis, Status

logger = logging.getLogger(__name__)
CONSUMENT = "meldingen-mail"


def _link(naam: str, token: str) -> str:
    return settings.PORTAAL_URL.rstrip("/") + reverse(naam, args=[token])


@dataclass(frozen=True)
class Bericht:
    sleutel: str  # one per (event, recipient, kind); no personal data
    soort: str
    aan: str
    onderwerp: str
    tekst: str


def _ontvangers(melding: Melding, alleen_melder: bool) -> list[tuple[str, str, str]]:
    """(who, e-mail, token) of the melder and, unless only the melder is meant, the followers."""
    ontvangers = [("melder", melding.email, melding.token)] if melding.email else []
    if not alleen_melder:
        volgers = melding.volgers.exclude(email="").filter(bevestigd__isnull=False)  # double opt-in
        ontvangers += [(f"volger-{v.pk}", v.email, v.token) for v in volgers]
    return ontvangers


def berichten(gebeurtenis: Gebeurtenis) -> list[Bericht]:
    if gebeurtenis.gegevens.get("zaaktype") != ZAAKTYPE or gebeurtenis.zaak_id is None:
        return []
    melding = Melding.objects.select_related("zaak", "categorie").filter(pk=gebeurtenis.zaak_id).first()
    if melding is None:
        return []
    zaak = melding.zaak
    if gebeurtenis.soort == zaken.AANGEMAAKT:
        soort, onderwerp, status, alleen_melder = (
            "melding.ontvangen",
            f"Uw melding {zaak.referentie} is ontvangen",
            None,
            True,
        )
    elif gebeurtenis.soort == zaken.STATUS_GEWIJZIGD:
        status = (
            Status.objects.select_related("statustype")
            .filter(pk=gebeurtenis.gegevens.get("status_id"))
            .first()
        )
        if status is None:
            return []
        soort, onderwerp, alleen_melder = "melding.status", f"Nieuws over uw melding {zaak.referentie}", False
    else:
        return []
    uit = []
    for wie, email, token in _ontvangers(melding, alleen_melder):
        context = {
            "zaak": zaak,
            "melding": melding,
            "status": status,
            "volg_link": _link("meldingen:volgen", token),
            "vraag_tevredenheid": status is not None and status.statustype.code == zt.AFGEHANDELD,
            "reactie_link": _link("meldingen:reactie", token),
            "gemeente_naam": settings.GEMEENTE_NAAM,
        }
        tekst = render_to_string("meldingen/mail.txt", context)
        uit.append(Bericht(f"melding:{gebeurtenis.pk}:{wie}:{soort}", soort, email, onderwerp, tekst))
    return uit


def plan(max_aantal: int = 500) -> int:
    """Turn the next events into deliveries, in the transaction that moves the consumer's cursor, so
    each mail is planned exactly once; `kern.mail` sends them. Returns the number planned."""
    gepland = 0

    def verwerk(gebeurtenis: Gebeurtenis) -> None:
        nonlocal gepland
        for b in berichten(gebeurtenis):
            gepland += plan_mail(
                sleutel=b.sleutel, soort=b.soort, aan=b.aan, onderwerp=b.onderwerp, tekst=b.tekst
            )

    aantal = zaken.verwerk_gebeurtenissen(CONSUMENT, verwerk, max_aantal)
    if gepland:
        logger.info("meldingen-mail: %d gebeurtenissen, %d e-mails gepland", aantal, gepland)
    return gepland


def plan_bevestiging(volger: Volger) -> bool:
    """The one mail to an address that joined a melding: confirm, through its own track & trace link.
    Called in the transaction that makes the follower."""
    zaak = volger.melding.zaak
    tekst = render_to_string(
        "meldingen/aansluiten_mail.txt",
        {
            "zaak": zaak,
            "melding": volger.melding,
            "volg_link": _link("meldingen:volgen", volger.token),
            "gemeente_naam": settings.GEMEENTE_NAAM,
        },
    )
    return plan_mail(
        sleutel=f"volger:{volger.pk}:bevestigen",
        soort="melding.aansluiten",
        aan=volger.email,
        onderwerp=f"Bevestig dat u melding {zaak.referentie} wilt volgen",
        tekst=tekst,
    )
