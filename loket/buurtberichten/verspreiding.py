"""From bericht to mailbox: the fan-out to bezorgingen, direct mails per bericht, and digests per
subscriber (dagelijks, wekelijks). Every mail goes into the mail outbox (`kern.mail`) in the same
transaction that marks its bezorgingen as mailed, so a crash anywhere repeats work, never a mail."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from kern.mail import bewaar_bijlage, bewaar_bijlagen
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


def overzichten(frequentie: str, batch: int | None = None) -> int:
    """Digests: per subscriber of this frequency, the waiting berichten in one mail with a map of the
    subscriber's area. Subscribers without waiting berichten get nothing (no empty mail). Each portion
    is one transaction: one statement takes its bezorgingen, one puts its mails into the mail outbox.
    Returns how many mails were planned."""
    totaal, vanaf = 0, 0
    batch = batch or settings.BUURTBERICHTEN_PORTIE
    opmaak, kaarten = mails.Overzichtopmaak(frequentie), overzichtkaarten(frequentie)
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT abonnement_id FROM ({_WACHTEND}) w WHERE abonnement_id > %(vanaf)s "
                "ORDER BY abonnement_id LIMIT %(batch)s",
                {"frequentie": frequentie, "ids": None, "vanaf": vanaf, "batch": batch},
            )
            ids = [rij[0] for rij in cursor.fetchall()]
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

    def _geoms(self, berichten) -> None:
        if nieuw := set(berichten) - self.geoms.keys():
            self.geoms.update(Bericht.objects.filter(pk__in=nieuw).values_list("pk", "geom"))

    def sha256(self, plek, berichten: tuple[int, ...]) -> str:
        if (plek, berichten) not in self.sha:
            self._geoms(berichten)
            png = self.tekenaar.maak(plek, [self.geoms[b] for b in berichten])
            self.sha[plek, berichten] = bewaar_bijlage(png)
        return self.sha[plek, berichten]

    def vooraf(self, frequentie: str) -> None:
        """Every map this run needs, drawn block by block before the portions plan the mails (a
        portion's subscribers are spread over the whole town; drawn in their order, every frame
        would need another basemap block), and stored a few hundred at a time. A bezorging that
        arrives later gets its map in its portion."""
        with connection.cursor() as cursor:
            cursor.execute(_WACHTEND_PER_ABONNEE, {"frequentie": frequentie, "ids": None, "nu": None})
            nodig = {
                (kaartbeeld.raster(rij[2:6]), tuple(rij[1]))
                for rij in cursor.fetchall()
                if rij[2] is not None
            }
        lijst = sorted(nodig, key=lambda k: (kaartbeeld.blok_van(k[0]), k))
        self._geoms({b for _, berichten in lijst for b in berichten})
        beelden = self.tekenaar.maak_alle([(plek, [self.geoms[b] for b in bs]) for plek, bs in lijst])
        klaar: list[tuple[tuple, bytes]] = []
        for png, sleutel in zip(beelden, lijst, strict=True):
            klaar.append((sleutel, png))
            if len(klaar) == 200 or sleutel is lijst[-1]:
                self.sha.update(
                    zip([k for k, _ in klaar], bewaar_bijlagen([p for _, p in klaar]), strict=True)
                )
                klaar = []


def overzichtkaarten(frequentie: str) -> _Kaarten:
    """The first step of a digest run: every map it needs, drawn and stored (see `_Kaarten.vooraf`)."""
    kaarten = _Kaarten()
    kaarten.vooraf(frequentie)
    return kaarten


# Per subscriber with waiting bezorgingen of a frequency: its berichten (newest first, as numbered on
# the map), the newest bezorging and the extent of its areas. For the maps (`vooraf`) it only looks;
# for a portion (%(ids)s) it takes the bezorgingen: marks them mailed, in the transaction that plans
# their mails, and skips rows another run holds.
_PER_ABONNEE = f"""
    SELECT w.abonnement_id, w.berichten, ST_XMin(o.e), ST_YMin(o.e), ST_XMax(o.e), ST_YMax(o.e), w.laatste
    FROM (SELECT z.abonnement_id, max(z.id) AS laatste,
                 array_agg(z.bericht_id ORDER BY b.gepubliceerd DESC, b.id DESC) AS berichten
          FROM {{bezorgingen}} z JOIN {Bericht._meta.db_table} b ON b.id = z.bericht_id
          GROUP BY z.abonnement_id) w
    LEFT JOIN LATERAL (SELECT ST_Extent(g.geom) AS e FROM {Gebied._meta.db_table} g
                       WHERE g.abonnement_id = w.abonnement_id) o ON true
"""
_WACHTEND = f"""
    SELECT z.id, z.abonnement_id, z.bericht_id FROM {Bezorging._meta.db_table} z
    JOIN {Abonnement._meta.db_table} a ON a.id = z.abonnement_id
    WHERE z.gemaild_op IS NULL AND a.frequentie = %(frequentie)s AND NOT a.gepauzeerd
      AND a.bevestigd_op IS NOT NULL AND (%(ids)s::bigint[] IS NULL OR z.abonnement_id = ANY(%(ids)s))
"""
_WACHTEND_PER_ABONNEE = _PER_ABONNEE.format(bezorgingen=f"({_WACHTEND})")
_NEEM_PER_ABONNEE = (
    f"WITH genomen AS (UPDATE {Bezorging._meta.db_table} SET gemaild_op = %(nu)s "
    f"WHERE id IN (SELECT id FROM ({_WACHTEND} FOR UPDATE OF z SKIP LOCKED) t) "
    "RETURNING id, abonnement_id, bericht_id) " + _PER_ABONNEE.format(bezorgingen="genomen")
)


def _overzichten_voor(abonnement_ids: list[int], frequentie: str, opmaak, kaarten: _Kaarten) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            _NEEM_PER_ABONNEE, {"frequentie": frequentie, "ids": abonnement_ids, "nu": timezone.now()}
        )
        rijen = cursor.fetchall()
    if not rijen:
        return 0
    if nieuw := {b for rij in rijen for b in rij[1]} - opmaak.berichten.keys():
        opmaak.berichten.update(Bericht.objects.defer("kaartbeeld").in_bulk(nieuw))
    lijst = []
    for abonnement_id, berichten, *omvang, laatste in rijen:
        berichten = tuple(berichten)
        lijst.append(
            mails.Overzicht(
                abonnement_id,
                # The newest bezorging in the key: a rerun after a rollback makes the same key (no
                # second mail); a later digest of the same period has newer bezorgingen, a key of its own.
                f"buurtoverzicht:{abonnement_id}:{laatste}",
                berichten,
                kaarten.sha256(kaartbeeld.raster(omvang), berichten) if omvang[0] is not None else None,
            )
        )
    gepland, geblokkeerd = mails.plan_overzichten(lijst, opmaak)
    _pauzeer_geblokkeerd(geblokkeerd)
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
