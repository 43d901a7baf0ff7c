"""Buurtberichten in the open-data register (`kaartlagen.opendata`): the Atom feed for the whole
municipality and, per buurt, the Atom and iCalendar feeds. No personal data is in any of them."""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from kaartlagen.features import gemeente_extent_crs84
from kaartlagen.models import Buurt
from kaartlagen.opendata import CC0, Dataset, Distributie, dataset_bron
from kern import gemeente
from loket.buurtberichten.feeds import MAX_BBOX_GRADEN
from loket.buurtberichten.models import Bericht

ATOM = "application/atom+xml"


@dataset_bron
def buurtberichten(basis: str):
    naam = gemeente.huidige().naam
    laatste = Bericht.objects.aggregate(m=Max("gepubliceerd"))["m"]
    distributies = []
    minx, miny, maxx, maxy = gemeente_extent_crs84()
    if maxx - minx <= MAX_BBOX_GRADEN and maxy - miny <= MAX_BBOX_GRADEN:
        heel = f"{basis}{reverse('buurtberichten:atom-bbox')}?bbox={minx},{miny},{maxx},{maxy}"
        distributies.append(
            Distributie(
                f"Atom-feed voor heel {naam}",
                "De nieuwste buurtberichten in de hele gemeente.",
                heel,
                "ATOM",
                ATOM,
                download=heel,
            )
        )
    for code, buurt in Buurt.objects.order_by("code").values_list("code", "naam"):
        atom = basis + reverse("buurtberichten:atom-buurt", args=[code])
        ical = basis + reverse("buurtberichten:ical-buurt", args=[code])
        distributies += [
            Distributie(
                f"Atom-feed buurt {buurt}", f"Buurtberichten in buurt {buurt}.", atom, "ATOM", ATOM, atom
            ),
            Distributie(
                f"Agenda buurt {buurt} (iCalendar)",
                f"Werkzaamheden en evenementen in buurt {buurt}, om in uw agenda te zetten.",
                ical,
                "ICS",
                "text/calendar",
                ical,
            ),
        ]
    yield Dataset(
        sleutel="buurtberichten",
        titel=f"Buurtberichten als feed en agenda (gemeente {naam})",
        beschrijving=(
            f"Berichten van gemeente {naam} over werkzaamheden, evenementen, vergunningen en plannen in "
            "de buurt, als Atom-feed en als agenda (iCalendar)."
        ),
        licentie=CC0,
        frequentie="CONT",
        gewijzigd=timezone.localdate(laatste) if laatste else timezone.localdate(),
        landingspagina=basis + reverse("buurtberichten:start"),
        thema="Bestuur",
        trefwoorden=["buurtberichten", "werkzaamheden", "evenementen"],
        distributies=distributies,
    )
