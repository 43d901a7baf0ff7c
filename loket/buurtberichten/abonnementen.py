"""Subscribing without an account: double opt-in, manage, pause, unsubscribe (= erase), inzage.

Nothing is sent to an address before its confirmation link is used; the only mail before that is
the confirmation itself, at most BUURTBERICHTEN_BEVESTIGINGEN_PER_DAG per address per day."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone

from loket.buurtberichten import geometrie, mails
from loket.buurtberichten.fouten import BuurtberichtFout
from loket.buurtberichten.gebieden import NieuwGebied
from loket.buurtberichten.models import (
    Abonnement,
    Bericht,
    Bevestigingsteller,
    Bezorging,
    Frequentie,
    Gebied,
    Onderwerp,
)

MAX_GEBIEDEN = 5


@dataclass
class Voorkeuren:
    onderwerpen: list[str]
    frequentie: str

    def controleer(self) -> None:
        if not self.onderwerpen:
            raise BuurtberichtFout("onderwerp_ontbreekt", "Kies minstens één onderwerp.")
        if not set(self.onderwerpen) <= set(Onderwerp.values):
            raise BuurtberichtFout("onderwerp_onbekend", "Een van de gekozen onderwerpen bestaat niet.")
        if self.frequentie not in Frequentie.values:
            raise BuurtberichtFout("frequentie_onbekend", "Kies hoe vaak u berichten wilt krijgen.")


def _controleer_email(email: str) -> str:
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise BuurtberichtFout("email_ongeldig", "Dit e-mailadres klopt niet. Kijk het na.") from None
    return email


def _controleer_gebieden(gebieden: list[NieuwGebied]) -> None:
    if not gebieden:
        raise BuurtberichtFout("gebied_ontbreekt", "Kies een adres met afstand, een buurt of een wijk.")
    if len(gebieden) > MAX_GEBIEDEN:
        raise BuurtberichtFout("te_veel_gebieden", f"U kunt tot {MAX_GEBIEDEN} gebieden kiezen.")


def _mag_bevestiging_sturen(email: str) -> bool:
    """Count one confirmation mail for this address today; False beyond the daily maximum."""
    sleutel = hmac.new(
        settings.SECRET_KEY.encode(), f"bevestiging:{email.lower()}".encode(), hashlib.sha256
    ).hexdigest()
    tabel = Bevestigingsteller._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabel} (sleutel, dag, aantal) VALUES (%s, %s, 1) "
            f"ON CONFLICT (sleutel, dag) DO UPDATE SET aantal = {tabel}.aantal + 1 RETURNING aantal",
            [sleutel, timezone.localdate()],
        )
        return cursor.fetchone()[0] <= settings.BUURTBERICHTEN_BEVESTIGINGEN_PER_DAG


@transaction.atomic
def abonneer(email: str, gebieden: list[NieuwGebied], voorkeuren: Voorkeuren, bron: str) -> Abonnement | None:
    """A new, unconfirmed subscription and its confirmation mail. None (and nothing stored) when this
    address had its confirmation mails for today: the page says the same either way, so nobody
    learns from it whether an address is known."""
    email = _controleer_email(email)
    _controleer_gebieden(gebieden)
    voorkeuren.controleer()
    if not _mag_bevestiging_sturen(email):
        return None
    abonnement = Abonnement.objects.create(
        email=email, onderwerpen=voorkeuren.onderwerpen, frequentie=voorkeuren.frequentie, bron=bron[:60]
    )
    Gebied.objects.bulk_create([g.maak(abonnement) for g in gebieden])
    mails.plan_bevestiging(abonnement)
    return abonnement


def _met_token(token: str, **filters) -> Abonnement:
    abonnement = Abonnement.objects.filter(token=token, **filters).first() if token else None
    if abonnement is None:
        raise BuurtberichtFout(
            "token_onbekend",
            "Deze link werkt niet (meer). Misschien heeft u zich al afgemeld.",
            http_status=404,
        )
    return abonnement


def met_token(token: str) -> Abonnement:
    return _met_token(token)


@transaction.atomic
def bevestig(bevestig_token: str) -> Abonnement:
    """Use the confirmation link: from now on berichten are sent. A second click changes nothing."""
    abonnement = (
        Abonnement.objects.select_for_update().filter(bevestig_token=bevestig_token).first()
        if bevestig_token
        else None
    )
    if abonnement is None:
        raise BuurtberichtFout(
            "token_onbekend",
            f"Deze bevestigingslink werkt niet (meer). Een link werkt {settings.BUURTBERICHTEN_ONBEVESTIGD_UREN} uur. "
            "Meld u opnieuw aan.",
            http_status=404,
        )
    if abonnement.bevestigd_op is None:
        abonnement.bevestigd_op = timezone.now()
        abonnement.save(update_fields=["bevestigd_op"])
        abonnement.werk_gebieden_bij()
    return abonnement


@transaction.atomic
def wijzig(token: str, voorkeuren: Voorkeuren, gebieden: list[NieuwGebied] | None = None) -> Abonnement:
    abonnement = Abonnement.objects.select_for_update().get(pk=_met_token(token).pk)
    voorkeuren.controleer()
    abonnement.onderwerpen, abonnement.frequentie = voorkeuren.onderwerpen, voorkeuren.frequentie
    abonnement.save(update_fields=["onderwerpen", "frequentie"])
    if gebieden is not None:
        _controleer_gebieden(gebieden)
        abonnement.gebieden.all().delete()
        Gebied.objects.bulk_create([g.maak(abonnement) for g in gebieden])
    abonnement.werk_gebieden_bij()
    return abonnement


@transaction.atomic
def verwijder_gebied(token: str, gebied_id: int) -> None:
    abonnement = _met_token(token)
    if abonnement.gebieden.count() <= 1:
        raise BuurtberichtFout(
            "laatste_gebied", "Dit is uw enige gebied. Voeg eerst een ander toe, of meld u af."
        )
    abonnement.gebieden.filter(pk=gebied_id).delete()


@transaction.atomic
def voeg_gebied_toe(token: str, gebied: NieuwGebied) -> None:
    abonnement = Abonnement.objects.select_for_update().get(pk=_met_token(token).pk)
    _controleer_gebieden([*abonnement.gebieden.all(), gebied])
    gebied.maak(abonnement).save()


@transaction.atomic
def pauzeer(token: str, aan: bool) -> Abonnement:
    """Pause: nothing is sent, and what waited for a digest is dropped (a pause means quiet)."""
    abonnement = Abonnement.objects.select_for_update().get(pk=_met_token(token).pk)
    abonnement.gepauzeerd = aan
    abonnement.save(update_fields=["gepauzeerd"])
    abonnement.werk_gebieden_bij()
    if aan:
        Bezorging.objects.filter(abonnement=abonnement, gemaild_op__isnull=True).delete()
    return abonnement


@transaction.atomic
def afmelden(token: str) -> None:
    """Unsubscribe = erase at once: the subscription, its areas and bezorgingen, and the address in
    the mail outbox (unless another subscription of the same address remains)."""
    abonnement = _met_token(token)
    email = abonnement.email
    abonnement.delete()
    if not Abonnement.objects.filter(email__iexact=email).exists():
        mails.wis(email)


def inzage(token: str) -> dict:
    """Everything we hold about this subscriber (AVG art. 15), as JSON-ready data."""
    abonnement = _met_token(token)
    bericht_ids = Bezorging.objects.filter(abonnement=abonnement).values("bericht_id")
    return {
        "email": abonnement.email,
        "aangemaakt": abonnement.aangemaakt.isoformat(),
        "toestemming": {
            "bevestigd_op": abonnement.bevestigd_op.isoformat() if abonnement.bevestigd_op else None,
            "bron": abonnement.bron,
        },
        "onderwerpen": abonnement.onderwerpen,
        "frequentie": abonnement.frequentie,
        "gepauzeerd": abonnement.gepauzeerd,
        "gebieden": [
            {
                "soort": g.soort,
                "omschrijving": g.omschrijving,
                "straal_m": g.straal_m,
                "code": g.code,
                "geometrie": geometrie.als_geojson_wgs84(g.geom),
            }
            for g in abonnement.gebieden.all()
        ],
        "ontvangen_berichten": [
            str(u) for u in Bericht.objects.filter(pk__in=bericht_ids).values_list("uuid", flat=True)
        ],
        "bewaartermijn": "Tot u zich afmeldt. Een niet bevestigde aanmelding wissen we na "
        f"{settings.BUURTBERICHTEN_ONBEVESTIGD_UREN} uur.",
    }


def ruim_onbevestigd_op(nu=None) -> int:
    """Unconfirmed subscriptions older than BUURTBERICHTEN_ONBEVESTIGD_UREN are deleted, with the
    old confirmation counters."""
    nu = nu or timezone.now()
    grens = nu - timedelta(hours=settings.BUURTBERICHTEN_ONBEVESTIGD_UREN)
    _, per_model = Abonnement.objects.filter(bevestigd_op__isnull=True, aangemaakt__lt=grens).delete()
    Bevestigingsteller.objects.filter(dag__lt=timezone.localdate(nu) - timedelta(days=1)).delete()
    return per_model.get(Abonnement._meta.label, 0)
