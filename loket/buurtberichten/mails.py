"""The e-mails of buurtberichten, handed to the mail outbox (`kern.mail.plan_mail`) inside the
caller's transaction: the confirmation, one bericht (direct) and an overview (digest).

Every mail but the confirmation carries the manage link and one-click unsubscribe (RFC 8058:
`List-Unsubscribe` with an https URL plus `List-Unsubscribe-Post`). HTML and plain text, B1 Dutch;
the only image is the bericht's small map, inline (no external images)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from kern import gemeente
from kern.mail import adres_geblokkeerd, plan_mail, wis_adres
from loket.buurtberichten.models import Abonnement, Bericht, Frequentie

SOORT_BEVESTIGING = "buurtberichten-bevestiging"
SOORT_BERICHT = "buurtberichten-bericht"
SOORT_OVERZICHT = "buurtberichten-overzicht"


def link(naam: str, *args) -> str:
    return settings.PORTAAL_URL.rstrip("/") + reverse(naam, args=args)


def _headers(abonnement: Abonnement) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{link('buurtberichten:afmelden', abonnement.token)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _context(abonnement: Abonnement, **extra) -> dict:
    return {
        "gemeente": gemeente.huidige(),
        "beheer_link": link("buurtberichten:beheer", abonnement.token),
        "afmeld_link": link("buurtberichten:afmelden", abonnement.token),
        **extra,
    }


def _render(naam: str, context: dict) -> tuple[str, str]:
    return (
        render_to_string(f"buurtberichten/mail/{naam}.txt", context),
        render_to_string(f"buurtberichten/mail/{naam}.html", context),
    )


def plan_bevestiging(abonnement: Abonnement) -> bool:
    context = {
        "gemeente": gemeente.huidige(),
        "bevestig_link": link("buurtberichten:bevestig", abonnement.bevestig_token),
        "uren": settings.BUURTBERICHTEN_ONBEVESTIGD_UREN,
        "gebieden": list(abonnement.gebieden.all()),
    }
    tekst, html = _render("bevestiging", context)
    return plan_mail(
        sleutel=f"buurtberichten:bevestiging:{abonnement.pk}",
        aan=abonnement.email,
        onderwerp="Bevestig uw aanmelding voor buurtberichten",
        tekst=tekst,
        html=html,
        soort=SOORT_BEVESTIGING,
    )


def kaart_cid(bericht: Bericht) -> str:
    return f"kaart-{bericht.uuid}.png"


def plan_bericht(abonnement: Abonnement, bericht: Bericht) -> bool:
    """One bericht for a subscriber who wants them directly; the key makes a repeat a no-op."""
    bijlagen = [(kaart_cid(bericht), bytes(bericht.kaartbeeld), "image/png")] if bericht.kaartbeeld else []
    context = _context(
        abonnement,
        bericht=bericht,
        bericht_link=link("buurtberichten:bericht", bericht.uuid),
        met_kaart=bool(bijlagen),
    )
    tekst, html = _render("bericht", context)
    return plan_mail(
        sleutel=f"buurtbericht:{abonnement.pk}:{bericht.pk}",
        aan=abonnement.email,
        onderwerp=f"Buurtbericht: {bericht.titel}",
        tekst=tekst,
        html=html,
        headers=_headers(abonnement),
        bijlagen=bijlagen,
        soort=SOORT_BERICHT,
    )


def plan_overzicht(abonnement: Abonnement, berichten: list[Bericht], sleutel: str) -> bool:
    """A digest: a period's berichten in one mail (never empty: the caller has at least one)."""
    periode = "vandaag" if abonnement.frequentie == Frequentie.DAGELIJKS else "deze week"
    items = [(b, link("buurtberichten:bericht", b.uuid)) for b in berichten]
    tekst, html = _render("overzicht", _context(abonnement, items=items, periode=periode))
    aantal = len(berichten)
    return plan_mail(
        sleutel=sleutel,
        aan=abonnement.email,
        onderwerp=f"Buurtberichten {periode}: {aantal} {'bericht' if aantal == 1 else 'berichten'}",
        tekst=tekst,
        html=html,
        headers=_headers(abonnement),
        soort=SOORT_OVERZICHT,
    )


def wis(email: str) -> None:
    wis_adres(email)


def geblokkeerd(email: str) -> bool:
    """The mail outbox stopped sending to this address after repeated hard bounces."""
    return adres_geblokkeerd(email)
