"""The e-mails of buurtberichten, handed to the mail outbox (`kern.mail.plan_mail`) inside the
caller's transaction: the confirmation, one bericht (direct) and an overview (digest).

Every mail but the confirmation carries the manage link and one-click unsubscribe (RFC 8058:
`List-Unsubscribe` with an https URL plus `List-Unsubscribe-Post`). HTML and plain text, B1 Dutch;
the only image is a small map (the bericht's, or in a digest the subscriber's area with its berichten
numbered), inline (no external images)."""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from kern import gemeente
from kern.mail import adres_geblokkeerd, bewaar_bijlage, plan_mail, plan_mails, wis_adres
from loket.buurtberichten.models import Abonnement, Bericht, Bezorging, Frequentie

SOORT_BEVESTIGING = "buurtberichten-bevestiging"
SOORT_BERICHT = "buurtberichten-bericht"
SOORT_OVERZICHT = "buurtberichten-overzicht"


def link(naam: str, *args) -> str:
    return settings.PORTAAL_URL.rstrip("/") + reverse(naam, args=args)


def _render(naam: str, context: dict) -> tuple[str, str]:
    return (
        render_to_string(f"buurtberichten/mail/{naam}.txt", context),
        render_to_string(f"buurtberichten/mail/{naam}.html", context),
    )


# Mails to many subscribers are rendered once, with a placeholder where each subscriber's own token
# goes (the manage and unsubscribe links); the mail outbox stores that body once and puts the token in
# when it sends (kern.mail.plan_mails).
MERK = "abonnementtoken0merk"


def _voor_iedereen(**extra) -> dict:
    return {
        "gemeente": gemeente.huidige(),
        "beheer_link": link("buurtberichten:beheer", MERK),
        "afmeld_link": link("buurtberichten:afmelden", MERK),
        **extra,
    }


def _inhoud(tekst: str, html: str) -> tuple[str, str, dict[str, str]]:
    """A body for kern.mail.plan_mails: the texts rendered with MERK and the one-click unsubscribe."""
    return (
        tekst,
        html,
        {
            "List-Unsubscribe": f"<{link('buurtberichten:afmelden', MERK)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
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


def plan_berichten(bericht: Bericht, bezorging_ids: list[int]) -> tuple[int, set[str]]:
    """This bericht to the subscribers of these bezorgingen, in one statement; the key
    `buurtbericht:<abonnement>:<bericht>` makes a repeat a no-op. Returns (planned, blocked addresses)."""
    bijlagen = []
    if bericht.kaartbeeld:
        bijlagen = [[kaart_cid(bericht), bewaar_bijlage(bytes(bericht.kaartbeeld)), "image/png"]]
    context = _voor_iedereen(
        bericht=bericht, bericht_link=link("buurtberichten:bericht", bericht.uuid), met_kaart=bool(bijlagen)
    )
    return plan_mails(
        f"SELECT 'buurtbericht:' || a.id || ':' || %(bericht)s AS sleutel, a.email AS aan, "
        "%(onderwerp)s AS onderwerp, 1 AS inhoud, a.token AS vulling, %(bijlagen)s::jsonb AS bijlagen "
        f"FROM {Bezorging._meta.db_table} z JOIN {Abonnement._meta.db_table} a ON a.id = z.abonnement_id "
        "WHERE z.id = ANY(%(ids)s)",
        {
            "bericht": bericht.pk,
            "onderwerp": f"Buurtbericht: {bericht.titel}",
            "bijlagen": json.dumps(bijlagen),
            "ids": list(bezorging_ids),
        },
        inhouden=[_inhoud(*_render("bericht", context))],
        merk=MERK,
        soort=SOORT_BERICHT,
    )


@dataclass(frozen=True)
class Overzicht:
    """One subscriber's digest: its key, its berichten (newest first) and the map's sha256 (or None)."""

    abonnement_id: int
    sleutel: str
    berichten: tuple[int, ...]
    kaart: str | None


@dataclass
class Overzichtopmaak:
    """What a run of digests renders once and uses for every subscriber with the same berichten and
    map: the berichten themselves and the rendered mail per (berichten, map)."""

    frequentie: str
    berichten: dict[int, Bericht] = field(default_factory=dict)
    varianten: dict[tuple, tuple[str, str, str, str]] = field(default_factory=dict)

    def variant(self, berichten: tuple[int, ...], kaart: str | None) -> tuple[str, str, str, str]:
        """(onderwerp, tekst, html, bijlagen as JSON) of a digest with these berichten and this map."""
        if (berichten, kaart) not in self.varianten:
            periode = "vandaag" if self.frequentie == Frequentie.DAGELIJKS else "deze week"
            cid = f"kaart-{kaart[:16]}.png" if kaart else ""
            items = [
                (self.berichten[b], link("buurtberichten:bericht", self.berichten[b].uuid)) for b in berichten
            ]
            tekst, html = _render("overzicht", _voor_iedereen(items=items, periode=periode, kaart_cid=cid))
            aantal = len(berichten)
            self.varianten[berichten, kaart] = (
                f"Buurtberichten {periode}: {aantal} {'bericht' if aantal == 1 else 'berichten'}",
                tekst,
                html,
                json.dumps([[cid, kaart, "image/png"]] if kaart else []),
            )
        return self.varianten[berichten, kaart]


def plan_overzichten(overzichten: list[Overzicht], opmaak: Overzichtopmaak) -> tuple[int, set[str]]:
    """Digests for many subscribers in one statement: each distinct digest is rendered once, each
    subscriber's row refers to it by number. Returns (planned, blocked addresses)."""
    nummers: dict[tuple, int] = {}
    for o in overzichten:
        nummers.setdefault((o.berichten, o.kaart), len(nummers) + 1)
    varianten = [opmaak.variant(*sleutel) for sleutel in nummers]
    return plan_mails(
        "SELECT s.sleutel, a.email AS aan, v.onderwerp, s.nummer AS inhoud, a.token AS vulling, "
        "v.bijlagen::jsonb AS bijlagen "
        "FROM unnest(%(abonnementen)s::bigint[], %(sleutels)s::text[], %(nummers)s::int[]) "
        "AS s(abonnement_id, sleutel, nummer) "
        f"JOIN {Abonnement._meta.db_table} a ON a.id = s.abonnement_id "
        "JOIN unnest(%(onderwerpen)s::text[], %(bijlagen)s::text[]) WITH ORDINALITY AS v(onderwerp, bijlagen, nummer) "
        "ON v.nummer = s.nummer",
        {
            "abonnementen": [o.abonnement_id for o in overzichten],
            "sleutels": [o.sleutel for o in overzichten],
            "nummers": [nummers[o.berichten, o.kaart] for o in overzichten],
            "onderwerpen": [v[0] for v in varianten],
            "bijlagen": [v[3] for v in varianten],
        },
        inhouden=[_inhoud(v[1], v[2]) for v in varianten],
        merk=MERK,
        soort=SOORT_OVERZICHT,
    )


def wis(email: str) -> None:
    wis_adres(email)


def geblokkeerd(email: str) -> bool:
    """The mail outbox stopped sending to this address after repeated hard bounces."""
    return adres_geblokkeerd(email)
