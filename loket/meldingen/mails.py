"""E-mails to melders and followers, sent by a consumer of the zaak outbox: the confirmation with the
track & trace link, and a mail on every status change ("Bent u tevreden?" after afhandeling)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from loket.meldingen import zaaktype as zt
from loket.meldingen.models import ZAAKTYPE, Melding
from loket.zaken import services as zaken
from loket.zaken.models import Gebeurtenis, Status

logger = logging.getLogger(__name__)
CONSUMENT = "meldingen-mail"


def _link(naam: str, token: str) -> str:
    return settings.PORTAAL_URL.rstrip("/") + reverse(naam, args=[token])


def _ontvangers(melding: Melding, alleen_melder: bool) -> list[tuple[str, str]]:
    """(e-mail, token) of the melder and, unless only the melder is meant, the followers."""
    ontvangers = [(melding.email, melding.token)] if melding.email else []
    if not alleen_melder:
        ontvangers += [(v.email, v.token) for v in melding.volgers.exclude(email="")]
    return ontvangers


def berichten(gebeurtenis: Gebeurtenis) -> list[EmailMessage]:
    if gebeurtenis.gegevens.get("zaaktype") != ZAAKTYPE or gebeurtenis.zaak_id is None:
        return []
    melding = Melding.objects.select_related("zaak", "categorie").filter(pk=gebeurtenis.zaak_id).first()
    if melding is None:
        return []
    zaak = melding.zaak
    if gebeurtenis.soort == zaken.AANGEMAAKT:
        onderwerp, status, alleen_melder = f"Uw melding {zaak.referentie} is ontvangen", None, True
    elif gebeurtenis.soort == zaken.STATUS_GEWIJZIGD:
        status = (
            Status.objects.select_related("statustype")
            .filter(pk=gebeurtenis.gegevens.get("status_id"))
            .first()
        )
        if status is None:
            return []
        onderwerp, alleen_melder = f"Nieuws over uw melding {zaak.referentie}", False
    else:
        return []
    uit = []
    for email, token in _ontvangers(melding, alleen_melder):
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
        uit.append(EmailMessage(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [email]))
    return uit


def verstuur(max_aantal: int = 100) -> int:
    """Send the mails of the next events; on an SMTP failure the batch comes again (at least once)."""
    verbinding = get_connection()
    verstuurd = 0

    def verwerk(gebeurtenis: Gebeurtenis) -> None:
        nonlocal verstuurd
        for bericht in berichten(gebeurtenis):
            bericht.connection = verbinding
            bericht.send()
            verstuurd += 1

    aantal = zaken.verwerk_gebeurtenissen(CONSUMENT, verwerk, max_aantal)
    if verstuurd:
        logger.info("meldingen-mail: %d gebeurtenissen, %d e-mails", aantal, verstuurd)
    return verstuurd
