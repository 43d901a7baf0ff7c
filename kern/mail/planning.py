"""Planning deliveries (inside the caller's transaction), the block list of addresses, and erasure."""

import hashlib
import hmac
from datetime import timedelta
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from kern.mail.models import GEPLAND, GEWIST, Adres, Bezorging, Bijlage

# A stored image planned again within this time is not touched (see bewaar_bijlage).
VERS = timedelta(hours=1)


def kenmerk(aan: str) -> str:
    """The address as a keyed hash: enough to recognise it again, not to read it."""
    return hmac.new(settings.SECRET_KEY.encode(), aan.strip().lower().encode(), hashlib.sha256).hexdigest()


def adres_geblokkeerd(aan: str) -> bool:
    return Adres.objects.filter(kenmerk=kenmerk(aan), geblokkeerd_sinds__isnull=False).exists()


def plan_mail(
    *,
    sleutel: str,
    aan: str,
    onderwerp: str,
    tekst: str,
    html: str = "",
    headers: dict[str, str] | None = None,
    bijlagen: list[tuple[str, bytes, str]] | tuple = (),
    soort: str,
) -> bool:
    """Plan one mail; True when a new delivery was written, False for a known key or a blocked address.

    Call it inside the transaction that makes the data the mail speaks of: the row and the job that
    sends it are committed (or rolled back) together with that data.
    """
    if not aan:
        return False
    rij = Bezorging(
        sleutel=sleutel,
        soort=soort,
        aan=aan,
        onderwerp=onderwerp,
        tekst=tekst,
        html=html,
        headers=dict(headers or {}),
        bijlagen=[[naam, bewaar_bijlage(data), mime] for naam, data, mime in bijlagen],
        message_id=make_msgid(domain=_domein()),
        volgende_poging=timezone.now(),
    )
    if not _voeg_toe(rij):
        return False
    from kern.mail.tasks import wek

    wek()
    return True


def plan_mails(select_sql: str, params: dict, *, soort: str) -> tuple[int, set[str]]:
    """Plan many mails in one `INSERT … SELECT`, inside the caller's transaction (as `plan_mail`).

    `select_sql` yields one row per mail with the columns sleutel, aan, onderwerp, tekst, html,
    headers (jsonb) and bijlagen (jsonb `[[content-id, sha256, mimetype]]`, the keys `bewaar_bijlage`
    returns), with %(name)s parameters from `params`. Known keys and blocked addresses are skipped.
    Returns (how many were planned, the blocked addresses among the recipients, in lower case).

    A fan-out of 10 000 mails through `plan_mail` was 10 000 renderings and statements; a caller
    renders once with a placeholder for what differs and lets PostgreSQL fill it in per row."""
    tabel = Bezorging._meta.db_table
    geblokkeerd = _geblokkeerd_onder(select_sql, params)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabel} (sleutel, soort, aan, onderwerp, tekst, html, headers, bijlagen, message_id, "
            "status, pogingen, volgende_poging, laatste_fout, aangemaakt) "
            "SELECT m.sleutel, %(_soort)s, m.aan, m.onderwerp, m.tekst, m.html, m.headers, m.bijlagen, "
            "'<' || replace(gen_random_uuid()::text, '-', '') || '@' || %(_domein)s || '>', "
            "%(_gepland)s, 0, %(_nu)s, '', %(_nu)s "
            f"FROM ({select_sql}) m WHERE m.aan <> '' AND lower(trim(m.aan)) <> ALL(%(_geblokkeerd)s) "
            "ON CONFLICT (sleutel) DO NOTHING",
            {
                **params,
                "_soort": soort,
                "_domein": _domein(),
                "_gepland": GEPLAND,
                "_nu": timezone.now(),
                "_geblokkeerd": sorted(geblokkeerd),
            },
        )
        gepland = cursor.rowcount
    if gepland:
        from kern.mail.tasks import wek

        wek()
    return gepland, geblokkeerd


def _geblokkeerd_onder(select_sql: str, params: dict) -> set[str]:
    """The blocked addresses among the recipients (the block list holds only keyed hashes, so the
    recipients are hashed here); nothing to look at while no address is blocked at all."""
    if not Adres.objects.filter(geblokkeerd_sinds__isnull=False).exists():
        return set()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT lower(trim(m.aan)) FROM ({select_sql}) m", params)
        per_kenmerk = {kenmerk(aan): aan for (aan,) in cursor.fetchall()}
    blok = Adres.objects.filter(kenmerk__in=per_kenmerk, geblokkeerd_sinds__isnull=False)
    return {per_kenmerk[k] for k in blok.values_list("kenmerk", flat=True)}


def _domein() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"


def _voeg_toe(rij: Bezorging) -> bool:
    """Insert the row unless its key exists or its address is blocked, in one statement: a caller plans
    thousands in a row (a buurtbericht's portion), and a savepoint plus a look-up per mail made that
    three round trips more each."""
    velden = [f for f in Bezorging._meta.concrete_fields if not f.primary_key]
    waarden = [f.get_db_prep_save(f.pre_save(rij, add=True), connection) for f in velden]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Bezorging._meta.db_table} ({', '.join(f.column for f in velden)}) "
            f"SELECT {', '.join(['%s'] * len(velden))} WHERE NOT EXISTS (SELECT 1 FROM {Adres._meta.db_table} "
            "WHERE kenmerk = %s AND geblokkeerd_sinds IS NOT NULL) ON CONFLICT (sleutel) DO NOTHING RETURNING id",
            [*waarden, kenmerk(rij.aan)],
        )
        return cursor.fetchone() is not None


def bewaar_bijlage(data: bytes) -> str:
    """Store an attachment's bytes once and return the key a delivery refers to it by.

    A bericht's map goes to thousands of subscribers: stored per row it was written (and WAL-logged)
    thousands of times. Planning it again only looks it up; `verzending.ruim_op` deletes images no row
    refers to once they were not planned for `VERS` plus a day. An image planned again after more than
    `VERS` gets a new `gebruikt`: that row lock and stamp keep the nightly delete from taking an image a
    planning transaction is about to refer to.
    """
    sha = hashlib.sha256(data).hexdigest()
    nu = timezone.now()
    gebruikt = Bijlage.objects.filter(sha256=sha).values_list("gebruikt", flat=True).first()
    if gebruikt is not None and gebruikt > nu - VERS:
        return sha
    if gebruikt is None or not Bijlage.objects.filter(sha256=sha).update(gebruikt=nu):
        Bijlage.objects.bulk_create([Bijlage(sha256=sha, data=data, gebruikt=nu)], ignore_conflicts=True)
    return sha


def wis_adres(aan: str) -> int:
    """AVG: erase the address and the content from every delivery to it; what was still to be sent is
    not sent. The hashed bounce record stays (it holds no readable address). Returns the rows touched."""
    if not aan.strip():
        return 0
    with transaction.atomic():
        rijen = Bezorging.objects.filter(aan__iexact=aan.strip())
        rijen.filter(status=GEPLAND).update(status=GEWIST)
        return rijen.update(aan="", tekst="", html="", headers={}, bijlagen=[])
