"""Planning deliveries (inside the caller's transaction), the block list of addresses, and erasure."""

import hashlib
import hmac
from datetime import timedelta
from email.utils import make_msgid

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
        message_id=make_msgid(domain=settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or None),
        volgende_poging=timezone.now(),
    )
    if not _voeg_toe(rij):
        return False
    from kern.mail.tasks import wek

    wek()
    return True


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
