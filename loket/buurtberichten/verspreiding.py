"""From bericht to mailbox: the fan-out to bezorgingen, direct mails per bericht, and digests per
subscriber (dagelijks, wekelijks). Every mail goes into the mail outbox (`kern.mail`) in the same
transaction that marks its bezorgingen as mailed, so a crash anywhere repeats work, never a mail."""

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from kern.mail import bewaar_bijlage
from loket.buurtberichten import kaartbeeld, mails, matching, webhooks
from loket.buurtberichten.models import Abonnement, Bericht, Bezorging, Frequentie, Gebied

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
    """Mail the next portion of this bericht's bezorgingen to subscribers who want them directly, in
    one statement; when more wait, the job for the next portion is deferred in the same transaction
    (a crash repeats at most this portion, and never breaks the chain). Returns (planned, more waiting)."""
    from loket.buurtberichten import tasks  # the jobs module imports this one

    batch = batch or settings.BUURTBERICHTEN_PORTIE
    with transaction.atomic():
        ids = list(
            Bezorging.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                bericht_id=bericht_id,
                gemaild_op__isnull=True,
                abonnement__frequentie=Frequentie.DIRECT,
                abonnement__gepauzeerd=False,
            )
            .order_by("id")
            .values_list("id", flat=True)[: batch + 1]
        )
        meer = len(ids) > batch
        ids = ids[:batch]
        if not ids:
            return 0, False
        gepland, geblokkeerd = mails.plan_berichten(Bericht.objects.get(pk=bericht_id), ids)
        _pauzeer_geblokkeerd(geblokkeerd)
        Bezorging.objects.filter(pk__in=ids).update(gemaild_op=timezone.now())
        if meer:
            tasks.mail_direct.defer(bericht_id=bericht_id)
    return gepland, meer


def _pauzeer_geblokkeerd(adressen: set[str]) -> None:
    """An address the mail outbox blocked after repeated hard bounces: its subscriptions are paused,
    so matching skips them until the resident resumes them on the manage page."""
    if not adressen:
        return
    for abonnement in Abonnement.objects.annotate(klein=Lower("email")).filter(
        klein__in=adressen, gepauzeerd=False
    ):
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
    """Digests: per subscriber of this frequency, the waiting berichten in one mail with a map of the
    subscriber's area. Subscribers without waiting berichten get nothing (no empty mail). Each portion
    is one transaction and one statement into the mail outbox. Returns how many mails were planned."""
    totaal, vanaf = 0, 0
    batch = batch or settings.BUURTBERICHTEN_PORTIE
    opmaak, kaarten = mails.Overzichtopmaak(frequentie), _Kaarten()
    kaarten.vooraf(frequentie)
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
            totaal += _overzichten_voor(ids, frequentie, opmaak, kaarten)


class _Kaarten:
    """The digest maps of one run: an image per (frame, berichten), stored once (kern.mail.Bijlage)."""

    def __init__(self):
        self.tekenaar = kaartbeeld.Overzichtkaarten()
        self.sha: dict[tuple, str] = {}
        self.geoms: dict[int, object] = {}

    def sha256(self, plek, berichten: tuple[int, ...]) -> str:
        if (plek, berichten) not in self.sha:
            if nieuw := set(berichten) - self.geoms.keys():
                self.geoms.update(Bericht.objects.filter(pk__in=nieuw).values_list("pk", "geom"))
            png = self.tekenaar.maak(plek, [self.geoms[b] for b in berichten])
            self.sha[plek, berichten] = bewaar_bijlage(png)
        return self.sha[plek, berichten]

    def vooraf(self, frequentie: str) -> None:
        """Every map this run needs, drawn block by block before the portions plan the mails (a
        portion's subscribers are spread over the whole town; drawn in their order, every frame
        would need another basemap block). A bezorging that arrives later gets its map in its portion."""
        with connection.cursor() as cursor:
            cursor.execute(_WACHTEND_PER_ABONNEE, [frequentie])
            nodig = {(kaartbeeld.raster(rij[1:5]), tuple(rij[5])) for rij in cursor.fetchall()}
        for plek, berichten in sorted(nodig, key=lambda k: (kaartbeeld.blok_van(k[0]), k)):
            self.sha256(plek, berichten)


_WACHTEND_PER_ABONNEE = f"""
    SELECT w.abonnement_id, ST_XMin(o.e), ST_YMin(o.e), ST_XMax(o.e), ST_YMax(o.e), w.berichten
    FROM (SELECT z.abonnement_id, array_agg(z.bericht_id ORDER BY b.gepubliceerd DESC, b.id DESC) AS berichten
          FROM {Bezorging._meta.db_table} z
          JOIN {Abonnement._meta.db_table} a ON a.id = z.abonnement_id
          JOIN {Bericht._meta.db_table} b ON b.id = z.bericht_id
          WHERE z.gemaild_op IS NULL AND a.frequentie = %s AND NOT a.gepauzeerd AND a.bevestigd_op IS NOT NULL
          GROUP BY z.abonnement_id) w
    CROSS JOIN LATERAL (SELECT ST_Extent(g.geom) AS e FROM {Gebied._meta.db_table} g
                        WHERE g.abonnement_id = w.abonnement_id) o
    WHERE o.e IS NOT NULL
"""
_OMVANG = f"""
    SELECT abonnement_id, ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
    FROM (SELECT abonnement_id, ST_Extent(geom) AS e FROM {Gebied._meta.db_table}
          WHERE abonnement_id = ANY(%s) GROUP BY abonnement_id) o
"""


def _kaderplekken(abonnement_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """Per subscriber the snapped frame of the map around all its areas."""
    with connection.cursor() as cursor:
        cursor.execute(_OMVANG, [abonnement_ids])
        return {rij[0]: kaartbeeld.raster(rij[1:]) for rij in cursor.fetchall()}


def _overzichten_voor(abonnement_ids: list[int], frequentie: str, opmaak, kaarten: _Kaarten) -> int:
    rijen = list(
        _wachtend(frequentie)
        .select_for_update(skip_locked=True, of=("self",))
        .filter(abonnement_id__in=abonnement_ids)
        .values_list("id", "abonnement_id", "bericht_id")
    )
    if not rijen:
        return 0
    if nieuw := {b for _, _, b in rijen} - opmaak.berichten.keys():
        opmaak.berichten.update(Bericht.objects.defer("kaartbeeld").in_bulk(nieuw))
    per_abonnement = defaultdict(list)
    for bezorging_id, abonnement_id, bericht_id in rijen:
        per_abonnement[abonnement_id].append((bezorging_id, opmaak.berichten[bericht_id]))
    plekken = _kaderplekken(list(per_abonnement))
    lijst = []
    for abonnement_id, items in per_abonnement.items():
        berichten = sorted((b for _, b in items), key=lambda b: (b.gepubliceerd, b.pk), reverse=True)
        plek = plekken.get(abonnement_id)
        lijst.append(
            mails.Overzicht(
                abonnement_id,
                # The newest bezorging in the key: a rerun after a rollback makes the same key (no
                # second mail); a later digest of the same period has newer bezorgingen, a key of its own.
                f"buurtoverzicht:{abonnement_id}:{max(i for i, _ in items)}",
                tuple(b.pk for b in berichten),
                kaarten.sha256(plek, tuple(b.pk for b in berichten)) if plek else None,
            )
        )
    gepland, geblokkeerd = mails.plan_overzichten(lijst, opmaak)
    _pauzeer_geblokkeerd(geblokkeerd)
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
