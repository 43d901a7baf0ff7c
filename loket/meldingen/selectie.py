"""The backoffice's view of meldingen: what a medewerker may see, filtered. Shared by the HTML list,
the staff API, the map beside the list and the CSV export."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from loket.meldingen.models import Melding
from loket.zaken.models import zichtbaar_filter

SORTERING = {
    "nieuw": "-zaak__registratiedatum",
    "oud": "zaak__registratiedatum",
    "termijn": "zaak__uiterlijke_einddatum",
}


@dataclass
class Filters:
    status: list[str] | None = None
    categorie: str = ""  # slug of a hoofd- or subcategorie
    buurt: str = ""
    team: str = ""
    van: date | None = None
    tot: date | None = None
    over_termijn: bool = False
    open: bool = False
    zoek: str = ""
    sortering: str = "nieuw"


def meldingen(user, filters: Filters) -> QuerySet[Melding]:
    qs = Melding.objects.filter(zichtbaar_filter(user, "zaak__")).select_related(
        "zaak__status", "zaak__behandelend_team", "zaak__toegewezen_aan", "categorie__hoofdcategorie"
    )
    if filters.status:
        qs = qs.filter(zaak__status__code__in=filters.status)
    if filters.categorie:
        qs = qs.filter(
            Q(categorie__slug=filters.categorie) | Q(categorie__hoofdcategorie__slug=filters.categorie)
        )
    if filters.buurt:
        qs = qs.filter(zaak__buurtcode=filters.buurt)
    if filters.team:
        qs = qs.filter(zaak__behandelend_team__code=filters.team)
    if filters.van:
        qs = qs.filter(zaak__startdatum__gte=filters.van)
    if filters.tot:
        qs = qs.filter(zaak__startdatum__lte=filters.tot)
    if filters.open or filters.over_termijn:
        qs = qs.filter(zaak__einddatum__isnull=True)
    if filters.over_termijn:
        qs = qs.filter(zaak__uiterlijke_einddatum__lt=timezone.localdate())
    if filters.zoek:
        qs = qs.filter(Q(zaak__referentie__iexact=filters.zoek) | Q(zaak__adres__icontains=filters.zoek))
    return qs.order_by(SORTERING.get(filters.sortering, SORTERING["nieuw"]), "-zaak_id")


class BegrensdePaginator(Paginator):
    """Counting 200 000 rows for "page 1 of 4 000" costs more than the page itself; above MAX the
    count says "more than MAX" (`begrensd`) and nobody pages that far anyway (filters do)."""

    MAX = 10_000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.MAX + 1].count()

    @property
    def begrensd(self) -> bool:
        return self.count > self.MAX


CSV_KOLOMMEN = [
    "referentie",
    "categorie",
    "status",
    "gemeld_op",
    "uiterlijke_einddatum",
    "over_termijn",
    "adres",
    "buurt",
    "wijk",
    "team",
    "medewerker",
]


def csv_regels(meldingen_qs):
    """The CSV export line by line (streamed); contact data is never part of it."""
    vandaag = timezone.localdate()
    for rij in [CSV_KOLOMMEN, *(_csv_rij(m, vandaag) for m in meldingen_qs.iterator(chunk_size=2000))]:
        buffer = io.StringIO()
        csv.writer(buffer).writerow(rij)
        yield buffer.getvalue()


def _csv_rij(melding: Melding, vandaag: date) -> list:
    zaak = melding.zaak
    return [
        zaak.referentie,
        str(melding.categorie),
        zaak.status.omschrijving,
        timezone.localtime(zaak.registratiedatum).strftime("%Y-%m-%d %H:%M"),
        zaak.uiterlijke_einddatum.isoformat(),
        "ja" if zaak.einddatum is None and zaak.uiterlijke_einddatum < vandaag else "nee",
        zaak.adres,
        zaak.buurtnaam,
        zaak.wijknaam,
        zaak.behandelend_team.naam if zaak.behandelend_team else "",
        zaak.toegewezen_aan.get_username() if zaak.toegewezen_aan else "",
    ]
