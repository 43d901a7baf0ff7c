"""Planning deliveries (inside the caller's transaction), the block list of addresses, and erasure."""

import hashlib
import hmac
import json
from datetime import timedelta
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from kern.mail.models import GEPLAND, GEWIST, Adres, Bezorging, Bijlage, Inhoud

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


def plan_mails(
    select_sql: str,
    params: dict,
    *,
    inhouden: list[tuple[str, str, dict[str, str]]],
    merk: str,
    soort: str,
) -> tuple[int, set[str]]:
    """Plan many mails in one `INSERT … SELECT`, inside the caller's transaction (as `plan_mail`).

    `inhouden` are the distinct bodies, (tekst, html, headers), rendered once with `merk` where each
    recipient's own part goes; each is stored once (`Inhoud`). `select_sql` yields one row per mail with
    the columns sleutel, aan, onderwerp, inhoud (the body's number in `inhouden`, from 1), vulling
    (what goes in place of `merk` for this recipient) and bijlagen (jsonb `[[content-id, sha256,
    mimetype]]`, the keys `bewaar_bijlage` returns), with %(name)s parameters from `params`. Known keys
    and blocked addresses are skipped. Returns (how many were planned, the blocked addresses among the
    recipients, in lower case).

    A fan-out of 10 000 mails through `plan_mail` was 10 000 renderings and statements; a row holding
    its own copy of the body was ~2.4 KB written per mail."""
    tabel = Bezorging._meta.db_table
    geblokkeerd = _geblokkeerd_onder(select_sql, params)
    inhoud_ids = _bewaar_inhouden(inhouden, merk)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabel} (sleutel, soort, aan, onderwerp, tekst, html, headers, inhoud_id, vulling, "
            "bijlagen, message_id, status, pogingen, volgende_poging, laatste_fout, aangemaakt) "
            "SELECT m.sleutel, %(_soort)s, m.aan, m.onderwerp, '', '', '{}'::jsonb, "
            "(%(_inhouden)s::bigint[])[m.inhoud], m.vulling, m.bijlagen, "
            "'<' || replace(gen_random_uuid()::text, '-', '') || '@' || %(_domein)s || '>', "
            "%(_gepland)s, 0, %(_nu)s, '', %(_nu)s "
            f"FROM ({select_sql}) m WHERE m.aan <> '' AND lower(trim(m.aan)) <> ALL(%(_geblokkeerd)s) "
            "ON CONFLICT (sleutel) DO NOTHING",
            {
                **params,
                "_soort": soort,
                "_inhouden": inhoud_ids,
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


def _bewaar_inhouden(inhouden: list[tuple[str, str, dict[str, str]]], merk: str) -> list[int]:
    """Each body once, by the SHA-256 of its content; returns their ids in order. A body planned again
    gets a new `gebruikt` (the row lock and stamp keep the nightly delete from taking it meanwhile)."""
    if not inhouden:
        return []
    shas = [
        hashlib.sha256(json.dumps([merk, tekst, html, headers], sort_keys=True).encode()).hexdigest()
        for tekst, html, headers in inhouden
    ]
    uniek = dict(zip(shas, inhouden, strict=True))  # one statement may touch a row only once
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Inhoud._meta.db_table} (sha256, merk, tekst, html, headers, gebruikt) "
            "SELECT s, %(merk)s, t, h, k::jsonb, %(nu)s "
            "FROM unnest(%(shas)s::text[], %(teksten)s::text[], %(htmls)s::text[], %(koppen)s::text[]) AS i(s, t, h, k) "
            "ON CONFLICT (sha256) DO UPDATE SET gebruikt = EXCLUDED.gebruikt RETURNING sha256, id",
            {
                "merk": merk,
                "nu": timezone.now(),
                "shas": list(uniek),
                "teksten": [tekst for tekst, _, _ in uniek.values()],
                "htmls": [html for _, html, _ in uniek.values()],
                "koppen": [json.dumps(headers) for _, _, headers in uniek.values()],
            },
        )
        ids = dict(cursor.fetchall())
    return [ids[sha] for sha in shas]


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
    return bewaar_bijlagen([data])[0]


def bewaar_bijlagen(stukken: list[bytes]) -> list[str]:
    """`bewaar_bijlage` for many at once, in at most three statements (a weekly digest stores
    thousands of maps: a look-up per image was a round trip each)."""
    shas = [hashlib.sha256(data).hexdigest() for data in stukken]
    per_sha = dict(zip(shas, stukken, strict=True))
    nu = timezone.now()
    bekend = dict(Bijlage.objects.filter(sha256__in=per_sha).values_list("sha256", "gebruikt"))
    if oud := [sha for sha, gebruikt in bekend.items() if gebruikt <= nu - VERS]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Bijlage._meta.db_table} SET gebruikt = %s WHERE sha256 = ANY(%s) RETURNING sha256",
                [nu, oud],
            )
            # One the nightly clean-up deleted a moment ago is stored again below.
            for (sha,) in cursor.fetchall():
                oud.remove(sha)
    if nieuw := [sha for sha in per_sha if sha not in bekend or sha in oud]:
        Bijlage.objects.bulk_create(
            [Bijlage(sha256=sha, data=per_sha[sha], gebruikt=nu) for sha in nieuw], ignore_conflicts=True
        )
    return shas


def wis_adres(aan: str) -> int:
    """AVG: erase the address and the content from every delivery to it; what was still to be sent is
    not sent. The hashed bounce record stays (it holds no readable address). Returns the rows touched."""
    if not aan.strip():
        return 0
    with transaction.atomic():
        rijen = Bezorging.objects.filter(aan__iexact=aan.strip())
        rijen.filter(status=GEPLAND).update(status=GEWIST)
        return rijen.update(aan="", tekst="", html="", headers={}, bijlagen=[], vulling="")
