"""The counts other apps register in `kaartlagen.gebiedsbronnen` (vergunningaanvragen from
dso_koppeling, werkzaamheden and buurtberichten from loket.buurtberichten), pre-aggregated per buurt
into `Broncel` by the dashboard's job, so a page sums a few rows and never reads another app's tables.

A source fed by zaken is refreshed per buurt from the zaak outbox, in the same transaction as the
meldingen cells (`aggregatie.ververs_nieuw`); a source outside the outbox when its fingerprint
(`stempel`) changed. The nightly job rebuilds everything.
"""

from django.db import transaction

from kaartlagen.gebiedsbronnen import BRONNEN, Gebiedsbron
from loket.buurtdashboard.gebieden import wijk_van
from loket.buurtdashboard.models import Broncel, Bronstand
from loket.zaken.models import Zaak


@transaction.atomic
def ververs_bron(bron: Gebiedsbron, buurtcodes: list[str] | None = None) -> int:
    """Rebuild the cells of one source for these buurten (None: all); returns the cells written."""
    oud = Broncel.objects.filter(bron=bron.naam)
    if buurtcodes is not None:
        oud = oud.filter(buurtcode__in=buurtcodes)
    oud.delete()
    cellen = Broncel.objects.bulk_create(
        Broncel(
            bron=bron.naam,
            buurtcode=t.buurtcode,
            wijkcode=wijk_van(t.buurtcode),
            sleutel=t.sleutel[:200],
            naam=t.naam[:200],
            maat=t.maat,
            maand=t.maand,
            aantal=t.aantal,
        )
        for t in bron.tellingen(buurtcodes)
        if t.aantal
    )
    if bron.stempel and buurtcodes is None:
        Bronstand.objects.update_or_create(bron=bron.naam, defaults={"stempel": bron.stempel()})
    return len(cellen)


def ververs_zaken(zaak_ids: list[int]) -> int:
    """Refresh the zaak-fed sources in the buurten of these zaken; returns the cells written."""
    geschreven = 0
    for bron in BRONNEN.values():
        if not bron.zaaktypen or not zaak_ids:
            continue
        buurten = set(
            Zaak.objects.filter(pk__in=zaak_ids, zaaktype__code__in=bron.zaaktypen).values_list(
                "buurtcode", flat=True
            )
        )
        if buurten:
            geschreven += ververs_bron(bron, sorted(buurten))
    return geschreven


def ververs_gewijzigd() -> list[str]:
    """Rebuild the sources outside the outbox whose fingerprint changed; returns their names."""
    gedaan = []
    standen = dict(Bronstand.objects.values_list("bron", "stempel"))
    for bron in BRONNEN.values():
        if bron.stempel and standen.get(bron.naam) != bron.stempel():
            ververs_bron(bron)
            gedaan.append(bron.naam)
    return gedaan


def ververs_alles() -> int:
    return sum(ververs_bron(bron) for bron in BRONNEN.values())
