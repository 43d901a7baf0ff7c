"""Every change to a zaak goes through here: views, APIs, commands and jobs call these functions.

Each function runs in one transaction and records its domain event (`Gebeurtenis`) in that same
transaction, so an event exists exactly when the change does.
"""

from collections.abc import Callable
from datetime import date, timedelta

from django.contrib.gis.geos import GEOSGeometry
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from kaartlagen import locatie
from kern.fouten import CodeFout
from loket.zaken.models import (
    Gebeurtenis,
    GebeurtenisConsument,
    Status,
    Statusovergang,
    Statustype,
    Team,
    Volgnummer,
    Zaak,
    Zaaktype,
)

AANGEMAAKT = "zaak.aangemaakt"
STATUS_GEWIJZIGD = "zaak.status_gewijzigd"
TOEGEWEZEN = "zaak.toegewezen"


class ZaakFout(CodeFout):
    """A change the zaak core refuses (invalid status transition, duplicate external id, …)."""


def volgende_referentie(zaaktype: Zaaktype, jaar: int) -> str:
    """MOR-2026-000123: the row lock of the upsert makes concurrent registrations wait, never collide."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Volgnummer._meta.db_table} (zaaktype_id, jaar, laatste) VALUES (%s, %s, 1) "
            "ON CONFLICT (zaaktype_id, jaar) DO UPDATE SET laatste = "
            f"{Volgnummer._meta.db_table}.laatste + 1 RETURNING laatste",
            [zaaktype.pk, jaar],
        )
        nummer = cursor.fetchone()[0]
    return f"{zaaktype.prefix}-{jaar}-{nummer:06d}"


def gebeurtenis(soort: str, zaak: Zaak | None, **gegevens) -> Gebeurtenis:
    return Gebeurtenis.objects.create(
        soort=soort, zaak=zaak, referentie=zaak.referentie if zaak else "", gegevens=gegevens
    )


def _kern(zaak: Zaak) -> dict:
    """What every event says about its zaak: enough to route and count, no personal data."""
    punt = zaak.geometrie.point_on_surface if zaak.geometrie else None
    return {
        "zaaktype": zaak.zaaktype.code,
        "status": zaak.status.code,
        "buurtcode": zaak.buurtcode,
        "wijkcode": zaak.wijkcode,
        "punt_rd": [round(punt.x, 1), round(punt.y, 1)] if punt else None,
        "team": zaak.behandelend_team.code if zaak.behandelend_team else None,
    }


def gebied_velden(x_rd: float, y_rd: float) -> dict:
    """The zaak's buurt and wijk fields at a point in RD New (none where no buurt lies)."""
    buurt, wijk = locatie.gebied(x_rd, y_rd)
    if buurt is None:
        return {}
    wijk = wijk or {"code": "", "naam": ""}
    return {
        "buurtcode": buurt["code"],
        "buurtnaam": buurt["naam"],
        "wijkcode": wijk["code"],
        "wijknaam": wijk["naam"],
    }


@transaction.atomic
def maak_zaak(
    zaaktype: Zaaktype,
    *,
    omschrijving: str = "",
    geometrie: GEOSGeometry | None = None,
    locatie_openbaar: GEOSGeometry | None = None,
    verrijking: dict | None = None,
    team: Team | None = None,
    afhandeltermijn_dagen: int | None = None,
    bron: str = "loket",
    externe_identificatie: str = "",
    door=None,
    door_omschrijving: str = "",
    tekst_voor_burger: str = "",
    tijdstip=None,
) -> Zaak:
    """A new zaak in its zaaktype's begin status, with its first history line and event.

    `verrijking` holds the enrichment fields (adres, buurtcode, …); `afhandeltermijn_dagen` overrides
    the zaaktype's termijn (a melding's category has its own); `locatie_openbaar` is the generalised
    point a public map may show (none: not public)."""
    if (
        externe_identificatie
        and Zaak.objects.filter(bron=bron, externe_identificatie=externe_identificatie).exists()
    ):
        raise ZaakFout("zaak_bestaat_al", f"Er is al een zaak van {bron} met nummer {externe_identificatie}.")
    nu = tijdstip or timezone.now()
    begin = zaaktype.beginstatus()
    termijn = zaaktype.afhandeltermijn_dagen if afhandeltermijn_dagen is None else afhandeltermijn_dagen
    startdatum = timezone.localdate(nu)
    zaak = Zaak.objects.create(
        referentie=volgende_referentie(zaaktype, startdatum.year),
        zaaktype=zaaktype,
        omschrijving=omschrijving,
        geometrie=geometrie,
        locatie_openbaar=locatie_openbaar,
        status=begin,
        behandelend_team=team,
        registratiedatum=nu,
        startdatum=startdatum,
        uiterlijke_einddatum=startdatum + timedelta(days=termijn),
        laatste_statuswijziging=nu,
        bron=bron,
        externe_identificatie=externe_identificatie,
        **(verrijking or {}),
    )
    Status.objects.create(
        zaak=zaak,
        statustype=begin,
        tijdstip=nu,
        door=door,
        door_omschrijving=door_omschrijving,
        tekst_voor_burger=tekst_voor_burger or begin.tekst_voor_burger,
    )
    gebeurtenis(AANGEMAAKT, zaak, **_kern(zaak))
    return zaak


def toegestane_statussen(zaak: Zaak) -> list[Statustype]:
    naar = Statusovergang.objects.filter(zaaktype=zaak.zaaktype_id, van=zaak.status_id).values("naar")
    return list(Statustype.objects.filter(pk__in=naar).order_by("volgnummer"))


@transaction.atomic
def wijzig_status(
    zaak: Zaak,
    naar: Statustype | str,
    door=None,
    toelichting_intern: str = "",
    tekst_voor_burger: str = "",
    *,
    door_omschrijving: str = "",
    tijdstip=None,
) -> Status:
    """Move a zaak to another status; refuses a transition its zaaktype does not allow."""
    # Lock the zaak so two people changing it at once are serialised, and read its current status.
    # Only the zaak (of=self): locking the shared zaaktype/statustype rows too would queue every status
    # change and every new zaak of that type behind this one.
    zaak_db = (
        Zaak.objects.select_for_update(of=("self",)).select_related("zaaktype", "status").get(pk=zaak.pk)
    )
    if isinstance(naar, str):
        try:
            naar = zaak_db.zaaktype.statustypen.get(code=naar)
        except Statustype.DoesNotExist:
            raise ZaakFout(
                "statustype_onbekend", f"De status '{naar}' bestaat niet voor dit zaaktype."
            ) from None
    van = zaak_db.status
    if not Statusovergang.objects.filter(zaaktype=zaak_db.zaaktype, van=van, naar=naar).exists():
        raise ZaakFout(
            "statusovergang_ongeldig", f"Van '{van.omschrijving}' naar '{naar.omschrijving}' kan niet."
        )
    nu = tijdstip or timezone.now()
    status = Status.objects.create(
        zaak=zaak_db,
        statustype=naar,
        tijdstip=nu,
        door=door,
        door_omschrijving=door_omschrijving,
        toelichting_intern=toelichting_intern,
        tekst_voor_burger=tekst_voor_burger or naar.tekst_voor_burger,
    )
    zaak_db.status = naar
    zaak_db.laatste_statuswijziging = nu
    zaak_db.einddatum = nu if naar.is_eind else None
    zaak_db.save(update_fields=["status", "laatste_statuswijziging", "einddatum"])
    gebeurtenis(STATUS_GEWIJZIGD, zaak_db, van=van.code, status_id=status.pk, **_kern(zaak_db))
    zaak.status, zaak.laatste_statuswijziging, zaak.einddatum = naar, nu, zaak_db.einddatum
    return status


@transaction.atomic
def wijs_toe(zaak: Zaak, *, team: Team | None = None, medewerker=None, door=None) -> Zaak:
    """Give a zaak to a team and/or a medewerker (who must be in that team)."""
    zaak = Zaak.objects.select_for_update().get(pk=zaak.pk)
    team = team or zaak.behandelend_team
    if medewerker is not None and (team is None or not team.leden.filter(pk=medewerker.pk).exists()):
        raise ZaakFout("medewerker_niet_in_team", "Deze medewerker hoort niet bij het behandelend team.")
    zaak.behandelend_team, zaak.toegewezen_aan = team, medewerker
    zaak.save(update_fields=["behandelend_team", "toegewezen_aan"])
    gebeurtenis(TOEGEWEZEN, zaak, medewerker=medewerker.pk if medewerker else None, **_kern(zaak))
    return zaak


def is_over_termijn(zaak: Zaak, vandaag: date | None = None) -> bool:
    return zaak.einddatum is None and zaak.uiterlijke_einddatum < (vandaag or timezone.localdate())


# The consuming side of the outbox.


def _gelezen_tot() -> int:
    """Every transaction older than the oldest one still running has finished: events up to there
    are final. Reading only those makes the cursor safe against transactions committing out of order."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        return cursor.fetchone()[0]


def verwerk_gebeurtenissen(
    consument: str, verwerk: Callable[[Gebeurtenis], None], max_aantal: int = 500
) -> int:
    """Hand the next events to `verwerk` in order and move the consumer's cursor, in one transaction:
    if `verwerk` raises, the cursor stays and the same events come again (at least once). Returns how
    many were handled."""
    with transaction.atomic():
        GebeurtenisConsument.objects.get_or_create(naam=consument)
        cursor = GebeurtenisConsument.objects.select_for_update().get(naam=consument)
        grens = _gelezen_tot()
        reeks = list(
            Gebeurtenis.objects.filter(
                Q(transactie__gt=cursor.transactie)
                | Q(transactie=cursor.transactie, pk__gt=cursor.gebeurtenis),
                transactie__lt=grens,
            ).order_by("transactie", "id")[:max_aantal]
        )
        for item in reeks:
            verwerk(item)
        if reeks:
            cursor.transactie, cursor.gebeurtenis = reeks[-1].transactie, reeks[-1].pk
            cursor.save()
        return len(reeks)
