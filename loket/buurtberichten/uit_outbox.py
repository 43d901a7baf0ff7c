"""Berichten made automatically: from the zaak outbox (a consumer with its own cursor) and from new
omgevingsplan versions. Personal data never enters a bericht: only places, dates, counts and the
public zaak reference.

- `dso.verzoek_ontvangen` of an aanvraag → bericht *vergunningaanvraag* at the zaak's location;
- `zaak.status_gewijzigd` of a vergunningaanvraag to *besluit_genomen* → bericht *besluit* with the
  end of the bezwaartermijn (BUURTBERICHTEN_BEZWAARTERMIJN_DAGEN after the besluit);
- meldingen aangemaakt/afgehandeld → counted per street and day (`Meldingendag`); after the day one
  bericht *meldingen* per street (`publiceer_meldingendagen`);
- a new omgevingsplan regeling version → bericht *omgevingsplan* over its werkingsgebied.

An event that cannot be handled is parked (`Parkeerplaats`) with its reason; the rest goes on."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, MultiPoint
from django.db import connection, transaction
from django.utils import timezone

from kaartlagen.models import Nummeraanduiding
from kern import gemeente
from kern.crs import RD_NEW
from loket.buurtberichten import berichten
from loket.buurtberichten.fouten import BuurtberichtFout
from loket.buurtberichten.models import Bericht, Meldingendag, Onderwerp, Parkeerplaats
from loket.zaken import services as zaken
from loket.zaken.models import Gebeurtenis, Zaak
from toepasbare_regels.omgevingsplan.models import Locatie, RegelingVersie

logger = logging.getLogger(__name__)
CONSUMENT = "buurtberichten"
# The codes of the zaaktypen and statussen we listen for, as the outbox carries them (the apps that
# define them sit beside or above us, so we name them here).
VERGUNNINGAANVRAAG, BESLUIT_GENOMEN, VERZOEK_ONTVANGEN = (
    "vergunningaanvraag",
    "besluit_genomen",
    "dso.verzoek_ontvangen",
)
MELDING, MELDING_AFGEHANDELD = "melding-openbare-ruimte", "afgehandeld"


def _datum(d: date) -> str:
    return f"{d.day}-{d.month}-{d.year}"


def _zaak_met_plek(gebeurtenis: Gebeurtenis) -> Zaak:
    zaak = Zaak.objects.filter(pk=gebeurtenis.zaak_id).first() if gebeurtenis.zaak_id else None
    if zaak is None:
        raise BuurtberichtFout("zaak_onbekend", "de zaak van deze gebeurtenis bestaat niet meer")
    if zaak.geometrie is None:
        raise BuurtberichtFout("zaak_zonder_plek", f"zaak {zaak.referentie} heeft geen locatie")
    return zaak


def _plek(zaak: Zaak) -> str:
    return (
        zaak.adres.split(",")[0]
        if zaak.adres
        else (f"buurt {zaak.buurtnaam}" if zaak.buurtnaam else "uw buurt")
    )


def _aanvraag(gebeurtenis: Gebeurtenis) -> None:
    if gebeurtenis.gegevens.get("type") != "aanvraag":
        return
    zaak = _zaak_met_plek(gebeurtenis)
    dag = timezone.localdate(gebeurtenis.tijdstip)
    berichten.publiceer(
        berichten.NieuwBericht(
            soort=Onderwerp.VERGUNNINGAANVRAAG,
            titel=f"Aanvraag omgevingsvergunning: {_plek(zaak)}",
            tekst=(
                f"Op {_datum(dag)} is een aanvraag voor een omgevingsvergunning binnengekomen voor "
                f"{_plek(zaak)} (zaak {zaak.referentie}). De gemeente beoordeelt de aanvraag. "
                "Als er een besluit is, staat dat hier ook. Daarna kunt u bezwaar maken als u het er niet mee eens bent."
            ),
            geom=zaak.geometrie,
            begin=dag,
            bron_sleutel=f"vergunningaanvraag:{zaak.referentie}",
        )
    )


def _besluit(gebeurtenis: Gebeurtenis) -> None:
    zaak = _zaak_met_plek(gebeurtenis)
    dag = timezone.localdate(gebeurtenis.tijdstip)
    einde = dag + timedelta(days=settings.BUURTBERICHTEN_BEZWAARTERMIJN_DAGEN)
    berichten.publiceer(
        berichten.NieuwBericht(
            soort=Onderwerp.BESLUIT,
            titel=f"Besluit op aanvraag omgevingsvergunning: {_plek(zaak)}",
            tekst=(
                f"Op {_datum(dag)} heeft de gemeente een besluit genomen over de aanvraag voor {_plek(zaak)} "
                f"(zaak {zaak.referentie}). Bent u het er niet mee eens? Dan kunt u bezwaar maken tot en met "
                f"{_datum(einde)}."
            ),
            geom=zaak.geometrie,
            begin=dag,
            eind=einde,
            bron_sleutel=f"besluit:{zaak.referentie}",
        )
    )


def _straat(zaak: Zaak) -> tuple[str, str]:
    """The street of a melding (its nearest address's openbare ruimte), else its buurt."""
    if zaak.nummeraanduiding:
        rij = (
            Nummeraanduiding.objects.filter(identificatie=zaak.nummeraanduiding)
            .values_list("openbare_ruimte_id", "openbare_ruimte__naam")
            .first()
        )
        if rij and rij[0]:
            return rij[0], rij[1]
    if zaak.buurtcode:
        return zaak.buurtcode, f"buurt {zaak.buurtnaam}"
    raise BuurtberichtFout("melding_zonder_straat", f"zaak {zaak.referentie} heeft geen adres en geen buurt")


def _melding(gebeurtenis: Gebeurtenis, veld: str) -> None:
    zaak = Zaak.objects.filter(pk=gebeurtenis.zaak_id).first() if gebeurtenis.zaak_id else None
    if zaak is None:
        raise BuurtberichtFout("zaak_onbekend", "de zaak van deze gebeurtenis bestaat niet meer")
    if zaak.locatie_openbaar is None:
        return  # not on a public map: then not in a public bericht either
    straat, naam = _straat(zaak)
    dag = timezone.localdate(gebeurtenis.tijdstip)
    telling, _ = Meldingendag.objects.select_for_update().get_or_create(
        straat=straat, dag=dag, defaults={"straatnaam": naam[:100], "punten": MultiPoint(srid=RD_NEW)}
    )
    setattr(telling, veld, getattr(telling, veld) + 1)
    punten = list(telling.punten) + [zaak.locatie_openbaar]
    telling.punten = MultiPoint(*punten, srid=RD_NEW)
    telling.save()


def verwerk(gebeurtenis: Gebeurtenis) -> None:
    """One outbox event; unknown kinds are not ours and pass."""
    gegevens, soort = gebeurtenis.gegevens or {}, gebeurtenis.soort
    zaaktype = gegevens.get("zaaktype")
    if soort == VERZOEK_ONTVANGEN:
        _aanvraag(gebeurtenis)
    elif (
        soort == zaken.STATUS_GEWIJZIGD
        and zaaktype == VERGUNNINGAANVRAAG
        and gegevens.get("status") == BESLUIT_GENOMEN
    ):
        _besluit(gebeurtenis)
    elif soort == zaken.AANGEMAAKT and zaaktype == MELDING:
        _melding(gebeurtenis, "aangemaakt")
    elif (
        soort == zaken.STATUS_GEWIJZIGD
        and zaaktype == MELDING
        and gegevens.get("status") == MELDING_AFGEHANDELD
    ):
        _melding(gebeurtenis, "afgehandeld")


def _verwerk_of_parkeer(gebeurtenis: Gebeurtenis) -> None:
    try:
        with transaction.atomic():
            verwerk(gebeurtenis)
    except Exception as exc:  # noqa: BLE001 - any failure of one event parks it; the rest goes on
        reden = f"{getattr(exc, 'code', type(exc).__name__)}: {exc}"[:500]
        Parkeerplaats.objects.get_or_create(
            gebeurtenis=gebeurtenis.pk, defaults={"soort": gebeurtenis.soort, "reden": reden}
        )
        logger.warning("buurtberichten: gebeurtenis %s geparkeerd (%s)", gebeurtenis.pk, reden)


def lees_outbox(max_aantal: int = 500) -> int:
    """Read the outbox up to now; returns how many events were looked at."""
    totaal = 0
    while aantal := zaken.verwerk_gebeurtenissen(CONSUMENT, _verwerk_of_parkeer, max_aantal):
        totaal += aantal
    return totaal


def _meldingentekst(t: Meldingendag) -> str:
    delen = []
    if t.aangemaakt:
        delen.append(f"{t.aangemaakt} {'nieuwe melding' if t.aangemaakt == 1 else 'nieuwe meldingen'}")
    if t.afgehandeld:
        delen.append(f"{t.afgehandeld} {'melding' if t.afgehandeld == 1 else 'meldingen'} afgehandeld")
    return (
        f"Op {_datum(t.dag)} in {t.straatnaam}: {' en '.join(delen)} over de openbare ruimte "
        "(bijvoorbeeld losse stoeptegels, kapotte lampen of afval). Op de kaart ziet u waar."
    )


def publiceer_meldingendagen(vandaag: date | None = None) -> int:
    """After a day has ended: one bericht per street for that day's meldingen."""
    vandaag = vandaag or timezone.localdate()
    aantal = 0
    for telling in Meldingendag.objects.filter(dag__lt=vandaag, bericht__isnull=True).order_by(
        "dag", "straat"
    ):
        with transaction.atomic():
            bericht = berichten.publiceer(
                berichten.NieuwBericht(
                    soort=Onderwerp.MELDINGEN,
                    titel=f"Meldingen in {telling.straatnaam} op {_datum(telling.dag)}",
                    tekst=_meldingentekst(telling),
                    geom=telling.punten,
                    begin=telling.dag,
                    bron_sleutel=f"meldingen:{telling.straat}:{telling.dag.isoformat()}",
                )
            ) or Bericht.objects.get(bron_sleutel=f"meldingen:{telling.straat}:{telling.dag.isoformat()}")
            Meldingendag.objects.filter(pk=telling.pk).update(bericht=bericht)
            aantal += 1
    return aantal


def _werkingsgebied(versie: RegelingVersie) -> GEOSGeometry | None:
    """The area a regeling version works in: the hull of its locaties (cheap, and it covers them),
    within the municipality's box."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsEWKT(ST_Intersection(ST_ConvexHull(ST_Collect(geom)), "
            "ST_MakeEnvelope(%s, %s, %s, %s, %s))) "
            f"FROM {Locatie._meta.db_table} WHERE versie_id = %s AND geom IS NOT NULL",
            [*gemeente.huidige().bbox_rd, RD_NEW, versie.pk],
        )
        rij = cursor.fetchone()
    gebied = GEOSGeometry(rij[0]) if rij and rij[0] else None
    return None if gebied is None or gebied.empty else gebied


def lees_omgevingsplan() -> int:
    """A bericht for every regeling version that has none yet (a version is imported in one
    transaction, so looking for the missing ones cannot skip one that committed late)."""
    gedaan = set(
        Bericht.objects.filter(bron_sleutel__startswith="omgevingsplan:").values_list(
            "bron_sleutel", flat=True
        )
    )
    aantal = 0
    for versie in RegelingVersie.objects.select_related("regeling").order_by("pk"):
        sleutel = f"omgevingsplan:{versie.pk}"
        if sleutel in gedaan:
            continue
        gebied = _werkingsgebied(versie)
        if gebied is None:
            continue
        berichten.publiceer(
            berichten.NieuwBericht(
                soort=Onderwerp.OMGEVINGSPLAN,
                titel=f"Nieuwe versie: {versie.regeling.titel}"[:200],
                tekst=(
                    f"Er is een nieuwe versie van {versie.regeling.titel}. Deze geldt vanaf "
                    f"{_datum(versie.begin_geldigheid)}. In het omgevingsplan staat wat u waar mag bouwen en doen. "
                    "Op de kaart en bij 'Mag ik hier …?' ziet u wat er voor uw plek geldt."
                ),
                geom=gebied,
                begin=versie.begin_geldigheid,
                bron_sleutel=sleutel,
            )
        )
        aantal += 1
    return aantal
