"""Sending due deliveries over kept-open connections, each marked sent right after the server took it.

Rows are claimed a group at a time (row locks with SKIP LOCKED for the claim, then a session advisory
lock per row that PostgreSQL releases by itself when a worker dies). Per row: hand it to the SMTP server;
on its "250 OK" mark it sent (one autocommitted UPDATE). A worker killed before the 250 leaves the row
due, so it is sent again and the server never had it; only a kill between that 250 and the UPDATE (one
round trip) can repeat a mail, which no SMTP client can rule out (RFC 1047). The stable Message-ID lets
a receiving system drop such a copy. One transaction per mail cost ~4 round trips and a commit each.

A refused or failing row is recorded on its own row and never holds up or repeats another.
"""

import contextlib
import logging
import smtplib
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from email import encoders
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, connections, transaction
from django.utils import timezone

from kern.mail.models import (
    AFGEWEZEN,
    GEBLOKKEERD,
    GEPLAND,
    OPGEGEVEN,
    VERSTUURD,
    Adres,
    Bezorging,
    Bijlage,
    Inhoud,
)
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

    def __iadd__(self, andere: "Ronde") -> "Ronde":
        self.verstuurd += andere.verstuurd
        self.uitgesteld += andere.uitgesteld
        self.afgewezen += andere.afgewezen
        self.overgeslagen += andere.overgeslagen
        self.fouten += andere.fouten
        return self


def bijlagen(rij: Bezorging, beelden: dict[str, bytes] | None = None) -> list[tuple[str, bytes, str]]:
    """A delivery's attachments as (content-id, bytes, mimetype). `beelden` keeps the bytes for a
    round, so a map shared by a whole batch is read from the database once."""
    beelden = {} if beelden is None else beelden
    if ontbreekt := {sha for _, sha, _ in rij.bijlagen} - beelden.keys():
        rijen = Bijlage.objects.filter(sha256__in=ontbreekt).values_list("sha256", "data")
        beelden.update((sha, bytes(data)) for sha, data in rijen)
    return [(naam, beelden[sha], mime) for naam, sha, mime in rij.bijlagen]


def inhoud(rij: Bezorging) -> tuple[str, str, dict[str, str]]:
    """(tekst, html, headers) of a delivery: its own, or the shared body (`Inhoud`) with the row's
    `vulling` in place of the body's `merk`."""
    if rij.inhoud_id is None:
        return rij.tekst, rij.html, rij.headers
    gedeeld, merk = rij.inhoud, rij.inhoud.merk

    def vul(tekst: str) -> str:
        return tekst.replace(merk, rij.vulling)

    return vul(gedeeld.tekst), vul(gedeeld.html), {k: vul(v) for k, v in gedeeld.headers.items()}


def bericht(rij: Bezorging, beelden: dict[str, bytes] | None = None) -> EmailMultiAlternatives:
    tekst, html, headers = inhoud(rij)
    uit = EmailMultiAlternatives(
        rij.onderwerp,
        tekst,
        settings.DEFAULT_FROM_EMAIL,
        [rij.aan],
        headers={**headers, "Message-ID": rij.message_id},
    )
    if html:
        uit.attach_alternative(html, "text/html")
    for naam, data, mime in bijlagen(rij, beelden):
        hoofd, _, sub = mime.partition("/")
        deel = MIMEBase(hoofd, sub)
        deel.set_payload(data)
        encoders.encode_base64(deel)
        deel.add_header("Content-ID", f"<{naam}>")
        deel.add_header("Content-Disposition", "inline", filename=naam)
        uit.attach(deel)
    if rij.bijlagen and html:
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


# Advisory-lock class of a claimed delivery (two-key form: class, row id folded into an int).
KLASSE = 0x6D61
# Rows claimed at a time: a worker that dies holds these until PostgreSQL sees its connection close.
PER_GREEP = 50

_CLAIM = f"""
    SELECT id FROM {Bezorging._meta.db_table}
    WHERE status = %s AND volgende_poging <= %s AND (id %% 2147483648) NOT IN (
        SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND classid = {KLASSE} AND objsubid = 2)
    ORDER BY volgende_poging, id LIMIT %s FOR UPDATE SKIP LOCKED
"""
_SLOT = f"pg_try_advisory_lock({KLASSE}, (id %% 2147483648)::int)"
_LOS = f"pg_advisory_unlock({KLASSE}, (id %% 2147483648)::int)"


def _claim(aantal: int) -> list[Bezorging]:
    """Claim up to `aantal` due rows for this connection's session.

    The row locks (SKIP LOCKED, so senders share the queue) last only this short transaction; the claim
    that stays is a session advisory lock per row, which PostgreSQL drops by itself when the worker's
    connection goes, so a killed worker's rows are due again at once. A row is taken only while its row
    lock shows it still due, and a sender marks a row sent before it lets go of the lock: no two
    senders ever hold the same due row. Rows another sender holds are passed over."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_CLAIM, [GEPLAND, timezone.now(), aantal])
        ids = [r[0] for r in cursor.fetchall()]
        if not ids:
            return []
        cursor.execute(f"SELECT id FROM unnest(%s::bigint[]) AS id WHERE {_SLOT}", [ids])
        eigen = {r[0] for r in cursor.fetchall()}
    return list(
        Bezorging.objects.filter(pk__in=eigen).select_related("inhoud").order_by("volgende_poging", "id")
    )


def _laat_los(rijen: list[Bezorging]) -> None:
    if rijen:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {_LOS} FROM unnest(%s::bigint[]) AS id", [[r.pk for r in rijen]])


def _geblokkeerd(rijen: list[Bezorging]) -> set[str]:
    """The blocked addresses among these rows, in one query."""
    kenmerken = {kenmerk(r.aan): r.aan.strip().lower() for r in rijen}
    blok = Adres.objects.filter(kenmerk__in=kenmerken, geblokkeerd_sinds__isnull=False)
    return {kenmerken[k] for k in blok.values_list("kenmerk", flat=True)}


_VERSTUURD = f"""
    UPDATE {Bezorging._meta.db_table} SET status = %s, verstuurd_op = %s, pogingen = pogingen + 1
    WHERE id = %s AND status = %s
"""


class _Budget:
    """The round's number of rows, shared by its connections; and the stop when the server is away."""

    def __init__(self, aantal: int):
        self.over = aantal
        self.slot = threading.Lock()
        self.stop = threading.Event()

    def neem(self, hoeveel: int) -> int:
        with self.slot:
            hoeveel = 0 if self.stop.is_set() else min(hoeveel, self.over)
            self.over -= hoeveel
            return hoeveel

    def terug(self, hoeveel: int) -> None:
        with self.slot:
            self.over += hoeveel


def _baan(budget: _Budget, pauze: float) -> Ronde:
    """One SMTP connection sending claimed groups until the budget or the due rows run out."""
    ronde = Ronde()
    verbinding = None
    beelden: dict[str, bytes] = {}
    try:
        while aantal := budget.neem(PER_GREEP):
            rijen = _claim(aantal)
            budget.terug(aantal - len(rijen))
            if not rijen:
                break
            try:
                geblokkeerd = _geblokkeerd(rijen)
                for rij in rijen:
                    if budget.stop.is_set():
                        return ronde
                    if rij.aan.strip().lower() in geblokkeerd:
                        Bezorging.objects.filter(pk=rij.pk, status=GEPLAND).update(status=GEBLOKKEERD)
                        ronde.overgeslagen += 1
                        continue
                    try:
                        if verbinding is None:
                            verbinding = get_connection(fail_silently=False)
                            verbinding.open()
                        verbinding.send_messages([bericht(rij, beelden)])
                    except (smtplib.SMTPException, OSError) as exc:
                        fout = _fout(exc, rij.aan)
                        status = _noteer(rij.pk, rij.aan, fout)
                        ronde.afgewezen += status != GEPLAND
                        ronde.uitgesteld += status == GEPLAND
                        ronde.fouten.append(fout.tekst)
                        if fout.bounce and adres_geblokkeerd(rij.aan):
                            geblokkeerd.add(rij.aan.strip().lower())
                        if fout.verbinding_weg:
                            # The server is away: the rest waits for the next round instead of knocking on.
                            budget.stop.set()
                            return ronde
                        continue
                    with connection.cursor() as cursor:
                        cursor.execute(_VERSTUURD, [VERSTUURD, timezone.now(), rij.pk, GEPLAND])
                    ronde.verstuurd += 1
                    if pauze:
                        time.sleep(pauze)
            finally:
                _laat_los(rijen)
    finally:
        if verbinding is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):  # already gone
                verbinding.close()
    return ronde


def _baan_in_thread(budget: _Budget, pauze: float, uitkomsten: list) -> None:
    try:
        uitkomsten.append(_baan(budget, pauze))
    except Exception as exc:  # raised again in the round's own thread
        budget.stop.set()
        uitkomsten.append(exc)
    finally:
        connections.close_all()  # this thread's own database connection


def verstuur(max_aantal: int | None = None) -> Ronde:
    """Send up to `max_aantal` due deliveries (default MAIL_PER_RONDE) over MAIL_VERBINDINGEN kept-open
    SMTP connections at once, each with its own database connection.

    Rows are claimed in groups (see `_claim`); each is marked sent by one autocommitted UPDATE right
    after the server's 250. A worker killed before that 250 leaves the row due (the server never took
    the message); only a kill between the 250 and that UPDATE (one round trip, at most one message per
    connection) can repeat a mail, which no SMTP client can rule out (RFC 1047). Several connections
    hide the round trips to the mail server and the database: one connection waits for each of the ~5
    per message in turn. Inside a transaction (a caller's, or a test's) only this connection can see
    the rows, so then one connection is used."""
    budget = _Budget(max_aantal or settings.MAIL_PER_RONDE)
    banen = 1 if connection.in_atomic_block else max(1, settings.MAIL_VERBINDINGEN)
    # The throttle is for the round as a whole: each connection waits its share.
    pauze = 60 * banen / settings.MAIL_PER_MINUUT if settings.MAIL_PER_MINUUT else 0
    if banen == 1:
        ronde = _baan(budget, pauze)
    else:
        uitkomsten: list[Ronde] = []
        draden = [
            threading.Thread(target=_baan_in_thread, args=(budget, pauze, uitkomsten), name=f"mail-{i}")
            for i in range(banen)
        ]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join()
        ronde = Ronde()
        for uitkomst in uitkomsten:
            if isinstance(uitkomst, Exception):
                raise uitkomst
            ronde += uitkomst
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
    replayed event still finds it and sends nothing twice. Then the images and shared bodies no
    delivery refers to any more. Returns the deliveries erased."""
    nu = nu or timezone.now()
    gewist = (
        Bezorging.objects.exclude(status=GEPLAND)
        .filter(aangemaakt__lt=nu - timedelta(days=settings.MAIL_BEWAAR_DAGEN))
        .exclude(aan="", tekst="", html="", inhoud__isnull=True)
        .update(aan="", tekst="", html="", headers={}, bijlagen=[], inhoud=None, vulling="")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Inhoud._meta.db_table} i WHERE gebruikt < %s AND NOT EXISTS "
            f"(SELECT 1 FROM {Bezorging._meta.db_table} b WHERE b.inhoud_id = i.id)",
            [nu - VERS - timedelta(days=1)],
        )
        cursor.execute(
            f"DELETE FROM {Bijlage._meta.db_table} WHERE gebruikt < %s AND sha256 NOT IN "
            f"(SELECT e->>1 FROM {Bezorging._meta.db_table}, jsonb_array_elements(bijlagen) e "
            "WHERE bijlagen <> '[]')",
            [nu - VERS - timedelta(days=1)],
        )
    return gewist
