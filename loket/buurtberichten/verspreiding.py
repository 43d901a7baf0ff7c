"""From bericht to mailbox: the fan-out to bezorgingen, direct mails per bericht, and digests per
subscriber (dagelijks, wekelijks). Every mail goes into the mail outbox (`kern.mail`) in the same
transaction that marks its bezorgingen as mailed, so a crash anywhere repeats work, never a mail."""

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from loket.buurtberichten import kaartbeeld, mails, matching, webhooks
from loket.buurtberichten.models import Abonnement, Bericht, Bezorging, Frequentie

logger = logging.getLogger(__name__)


def verspreid(bericht_id: int) -> int:
    """Fan out one bericht: bezorgingen for the matching subscribers, webhook deliveries, and the
    map image; the direct mails are deferred in the same transaction. Returns how many bezorgingen
    are new. Running it twice adds nothing."""
    from loket.buurtberichten import tasks  # the jobs module imports this one

    bericht = Bericht.objects.get(pk=bericht_id)
    if bericht.kaartbeeld is None:
        # Outside the transaction: MapServer may take a moment, and the image is the same on a rerun.
        Bericht.objects.filter(pk=bericht.pk).update(kaartbeeld=kaartbeeld.maak(bericht.geom))
    with transaction.atomic():
        bericht = Bericht.objects.select_for_update().get(pk=bericht_id)
        nieuw = matching.maak_bezorgingen(bericht)
        webhooks.plan(bericht)
        if bericht.verspreid_op is None:
            bericht.verspreid_op = timezone.now()
            bericht.save(update_fields=["verspreid_op"])
        if nieuw:
            tasks.mail_direct.defer(bericht_id=bericht.pk)
    logger.info("buurtbericht %s: %d bezorgingen", bericht.pk, nieuw)
    return nieuw


def mail_direct(bericht_id: int, batch: int | None = None) -> tuple[int, bool]:
    """Mail the next portion of this bericht's bezorgingen to subscribers who want them directly;
    when more wait, the job for the next portion is deferred in the same transaction (a crash repeats
    at most this portion, and never breaks the chain). Returns (planned, more waiting)."""
    from loket.buurtberichten import tasks  # the jobs module imports this one

    batch = batch or settings.BUURTBERICHTEN_PORTIE
    with transaction.atomic():
        rijen = list(
            Bezorging.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                bericht_id=bericht_id,
                gemaild_op__isnull=True,
                abonnement__frequentie=Frequentie.DIRECT,
                abonnement__gepauzeerd=False,
            )
            .select_related("abonnement")
            .order_by("id")[: batch + 1]
        )
        meer = len(rijen) > batch
        rijen = rijen[:batch]
        if not rijen:
            return 0, False
        bericht = Bericht.objects.get(pk=bericht_id)
        gepland, niet = 0, []
        for rij in rijen:
            if mails.plan_bericht(rij.abonnement, bericht):
                gepland += 1
            else:
                niet.append(rij.abonnement)
        _pauzeer_geblokkeerd(niet)
        Bezorging.objects.filter(pk__in=[r.pk for r in rijen]).update(gemaild_op=timezone.now())
        if meer:
            tasks.mail_direct.defer(bericht_id=bericht_id)
    return gepland, meer


def _pauzeer_geblokkeerd(abonnementen: list[Abonnement]) -> None:
    """An address the mail outbox blocked after repeated hard bounces: its subscriptions are paused,
    so matching skips them until the resident resumes them on the manage page."""
    for abonnement in abonnementen:
        if not abonnement.gepauzeerd and mails.geblokkeerd(abonnement.email):
            abonnement.gepauzeerd = True
            abonnement.save(update_fields=["gepauzeerd"])
            abonnement.werk_gebieden_bij()


def _wachtend(frequentie: str):
    return Bezorging.objects.filter(
        gemaild_op__isnull=True,
        abonnement__frequentie=frequentie,
        abonnement__gepauzeerd=False,
        abonnement__bevestigd_op__isnull=False,
    )


def overzichten(frequentie: str, batch: int | None = None) -> int:
    """Digests: per subscriber of this frequency, the waiting berichten in one mail. Subscribers
    without waiting berichten get nothing (no empty mail). Returns how many mails were planned."""
    totaal, vanaf, batch = 0, 0, batch or settings.BUURTBERICHTEN_PORTIE
    while True:
        with transaction.atomic():
            ids = list(
                _wachtend(frequentie)
                .filter(abonnement_id__gt=vanaf)
                .order_by("abonnement_id")
                .values_list("abonnement_id", flat=True)
                .distinct()[:batch]
            )
            if not ids:
                return totaal
            vanaf = ids[-1]
            totaal += _overzichten_voor(ids, frequentie)


def _overzichten_voor(abonnement_ids: list[int], frequentie: str) -> int:
    rijen = list(
        _wachtend(frequentie)
        .select_for_update(skip_locked=True, of=("self",))
        .filter(abonnement_id__in=abonnement_ids)
        .order_by("abonnement_id", "bericht_id")
        .values_list("id", "abonnement_id", "bericht_id")
    )
    berichten = Bericht.objects.defer("kaartbeeld").in_bulk({b for _, _, b in rijen})
    abonnementen = Abonnement.objects.in_bulk({a for _, a, _ in rijen})
    per_abonnement = defaultdict(list)
    for bezorging_id, abonnement_id, bericht_id in rijen:
        per_abonnement[abonnement_id].append((bezorging_id, berichten[bericht_id]))
    gepland, niet = 0, []
    for abonnement_id, items in per_abonnement.items():
        # The newest bezorging in the key: a rerun after a rollback makes the same key (no second
        # mail); a later digest of the same period has newer bezorgingen, so a key of its own.
        sleutel = f"buurtoverzicht:{abonnement_id}:{max(i for i, _ in items)}"
        lijst = sorted((b for _, b in items), key=lambda b: b.gepubliceerd, reverse=True)
        if mails.plan_overzicht(abonnementen[abonnement_id], lijst, sleutel):
            gepland += 1
        else:
            niet.append(abonnementen[abonnement_id])
    _pauzeer_geblokkeerd(niet)
    Bezorging.objects.filter(pk__in=[i for i, _, _ in rijen]).update(gemaild_op=timezone.now())
    return gepland


def direct_blijven_liggen(minuten: int = 10) -> list[int]:
    """Berichten with direct mails still waiting after some minutes (a lost job): done again."""
    grens = timezone.now() - timedelta(minutes=minuten)
    return list(
        Bezorging.objects.filter(
            gemaild_op__isnull=True,
            aangemaakt__lt=grens,
            abonnement__frequentie=Frequentie.DIRECT,
            abonnement__gepauzeerd=False,
        )
        .values_list("bericht_id", flat=True)
        .distinct()[:100]
    )


def nog_te_verspreiden(minuten: int = 2) -> list[int]:
    """Berichten whose fan-out has not run (a lost job): the periodic job picks them up."""
    grens = timezone.now() - timedelta(minutes=minuten)
    return list(
        Bericht.objects.filter(verspreid_op__isnull=True, gepubliceerd__lt=grens).values_list(
            "pk", flat=True
        )[:100]
    )
