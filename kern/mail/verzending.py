"""Sending due deliveries over one kept-open connection, each marked sent in the transaction that sends it.

For every row: BEGIN; lock the next due row (SKIP LOCKED, so workers share the queue); mark it sent;
hand it to the SMTP server; COMMIT. A worker killed before the server's "250 OK" leaves the row due
(PostgreSQL rolls the mark back), so it is sent again and the server never had it; only a kill between
that 250 and our COMMIT (a few dozen microseconds) can repeat a mail, which no SMTP client can rule out
(RFC 1047). The stable Message-ID lets a receiving system drop such a copy.

A refused or failing row is recorded on its own row and never holds up or repeats another.
"""

import contextlib
import logging
import smtplib
import time
from dataclasses import dataclass, field
from datetime import timedelta
from email import encoders
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from kern.mail.models import AFGEWEZEN, GEBLOKKEERD, GEPLAND, OPGEGEVEN, VERSTUURD, Adres, Bezorging, Bijlage
from kern.mail.planning import VERS, adres_geblokkeerd, kenmerk

logger = logging.getLogger(__name__)


@dataclass
class Ronde:
    verstuurd: int = 0
    uitgesteld: int = 0
    afgewezen: int = 0
    overgeslagen: int = 0
    fouten: list[str] = field(default_factory=list)

    @property
    def behandeld(self) -> int:
        return self.verstuurd + self.uitgesteld + self.afgewezen + self.overgeslagen


def bijlagen(rij: Bezorging, beelden: dict[str, bytes] | None = None) -> list[tuple[str, bytes, str]]:
    """A delivery's attachments as (content-id, bytes, mimetype). `beelden` keeps the bytes for a
    round, so a map shared by a whole batch is read from the database once."""
    beelden = {} if beelden is None else beelden
    if ontbreekt := {sha for _, sha, _ in rij.bijlagen} - beelden.keys():
        rijen = Bijlage.objects.filter(sha256__in=ontbreekt).values_list("sha256", "data")
        beelden.update((sha, bytes(data)) for sha, data in rijen)
    return [(naam, beelden[sha], mime) for naam, sha, mime in rij.bijlagen]


def bericht(rij: Bezorging, beelden: dict[str, bytes] | None = None) -> EmailMultiAlternatives:
    uit = EmailMultiAlternatives(
        rij.onderwerp,
        rij.tekst,
        settings.DEFAULT_FROM_EMAIL,
        [rij.aan],
        headers={**rij.headers, "Message-ID": rij.message_id},
    )
    if rij.html:
        uit.attach_alternative(rij.html, "text/html")
    for naam, data, mime in bijlagen(rij, beelden):
        hoofd, _, sub = mime.partition("/")
        deel = MIMEBase(hoofd, sub)
        deel.set_payload(data)
        encoders.encode_base64(deel)
        deel.add_header("Content-ID", f"<{naam}>")
        deel.add_header("Content-Disposition", "inline", filename=naam)
        uit.attach(deel)
    if rij.bijlagen and rij.html:
        uit.mixed_subtype = "related"  # inline images the HTML refers to as cid:<naam>
    return uit


@dataclass
class Fout:
    code: int | None
    tekst: str
    permanent: bool  # the receiving side will never take this message
    bounce: bool  # ... because of the address itself
    verbinding_weg: bool  # the connection cannot be used any more


def _fout(exc: Exception, aan: str) -> Fout:
    def schoon(tekst) -> str:
        if isinstance(tekst, bytes):
            tekst = tekst.decode(errors="replace")
        return str(tekst).replace(aan, "<adres>")[:250]

    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, tekst = next(iter(exc.recipients.values()))
        return Fout(code, schoon(tekst), code >= 500, code >= 500, False)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        # Our own sender address is refused: a setting to fix, not the recipient's fault. Keep trying.
        return Fout(exc.smtp_code, schoon(exc.smtp_error), False, False, False)
    if isinstance(exc, smtplib.SMTPResponseException):
        permanent = exc.smtp_code >= 500
        return Fout(exc.smtp_code, schoon(exc.smtp_error), permanent, permanent, exc.smtp_code in (421,))
    # Connection refused or lost, a timeout, TLS trouble: the server, not this message.
    return Fout(None, schoon(f"{type(exc).__name__}: {exc}"), False, False, True)


def _wacht(pogingen: int) -> timedelta:
    return timedelta(
        seconds=min(settings.MAIL_BACKOFF_BASIS * 2 ** max(pogingen - 1, 0), settings.MAIL_BACKOFF_MAX)
    )


def _noteer(pk: int, aan: str, fout: Fout) -> str:
    """Record a failed attempt on its own row (in its own transaction); returns the row's new status."""
    nu = timezone.now()
    with transaction.atomic():
        rij = Bezorging.objects.select_for_update().get(pk=pk)
        rij.pogingen += 1
        rij.laatste_fout = f"{fout.code or '-'} {fout.tekst}"
        if fout.permanent:
            rij.status = AFGEWEZEN
        elif rij.pogingen >= settings.MAIL_MAX_POGINGEN:
            rij.status = OPGEGEVEN
        else:
            rij.volgende_poging = nu + _wacht(rij.pogingen)
        rij.save(update_fields=["pogingen", "laatste_fout", "status", "volgende_poging"])
        if fout.bounce:
            adres, _ = Adres.objects.select_for_update().get_or_create(kenmerk=kenmerk(aan))
            adres.harde_bounces += 1
            adres.laatste_bounce = nu
            if adres.harde_bounces >= settings.MAIL_BLOKKEER_NA and adres.geblokkeerd_sinds is None:
                adres.geblokkeerd_sinds = nu
            adres.save()
    logger.warning("mail %s (%s): poging %d mislukt, %s", pk, rij.soort, rij.pogingen, rij.laatste_fout)
    return rij.status


def _volgende() -> Bezorging | None:
    return (
        Bezorging.objects.select_for_update(skip_locked=True)
        .filter(status=GEPLAND, volgende_poging__lte=timezone.now())
        .order_by("volgende_poging", "id")
        .first()
    )


def verstuur(max_aantal: int | None = None) -> Ronde:
    """Send up to `max_aantal` due deliveries (default MAIL_PER_RONDE) over one connection."""
    max_aantal = max_aantal or settings.MAIL_PER_RONDE
    pauze = 60 / settings.MAIL_PER_MINUUT if settings.MAIL_PER_MINUUT else 0
    ronde = Ronde()
    verbinding = None
    beelden: dict[str, bytes] = {}
    try:
        while ronde.behandeld < max_aantal:
            pk = aan = None
            try:
                with transaction.atomic():
                    rij = _volgende()
                    if rij is None:
                        break
                    pk, aan = rij.pk, rij.aan
                    if adres_geblokkeerd(aan):
                        rij.status = GEBLOKKEERD
                        rij.save(update_fields=["status"])
                        ronde.overgeslagen += 1
                        continue
                    if verbinding is None:
                        verbinding = get_connection(fail_silently=False)
                        verbinding.open()
                    Bezorging.objects.filter(pk=pk).update(
                        status=VERSTUURD, verstuurd_op=timezone.now(), pogingen=F("pogingen") + 1
                    )
                    verbinding.send_messages([bericht(rij, beelden)])
                # Committed: the server said 250 and the row says so.
                ronde.verstuurd += 1
            except (smtplib.SMTPException, OSError) as exc:
                if pk is None:
                    raise
                fout = _fout(exc, aan)
                status = _noteer(pk, aan, fout)
                ronde.afgewezen += status != GEPLAND
                ronde.uitgesteld += status == GEPLAND
                ronde.fouten.append(fout.tekst)
                if fout.verbinding_weg:
                    # The server is away: leave the rest for the next round instead of knocking on.
                    break
            if pauze:
                time.sleep(pauze)
    finally:
        if verbinding is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):  # already gone
                verbinding.close()
    if ronde.behandeld:
        logger.info(
            "mail: %d verstuurd, %d uitgesteld, %d afgewezen, %d overgeslagen",
            ronde.verstuurd,
            ronde.uitgesteld,
            ronde.afgewezen,
            ronde.overgeslagen,
        )
    return ronde


def nog_te_doen() -> bool:
    return Bezorging.objects.filter(status=GEPLAND, volgende_poging__lte=timezone.now()).exists()


def ruim_op(nu=None) -> int:
    """After MAIL_BEWAAR_DAGEN: address and content of finished deliveries erased; the key stays, so a
    replayed event still finds it and sends nothing twice. Then the images no delivery refers to any
    more. Returns the deliveries erased."""
    nu = nu or timezone.now()
    gewist = (
        Bezorging.objects.exclude(status=GEPLAND)
        .filter(aangemaakt__lt=nu - timedelta(days=settings.MAIL_BEWAAR_DAGEN))
        .exclude(aan="", tekst="", html="")
        .update(aan="", tekst="", html="", headers={}, bijlagen=[])
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Bijlage._meta.db_table} WHERE gebruikt < %s AND sha256 NOT IN "
            f"(SELECT e->>1 FROM {Bezorging._meta.db_table}, jsonb_array_elements(bijlagen) e "
            "WHERE bijlagen <> '[]')",
            [nu - VERS - timedelta(days=1)],
        )
    return gewist
