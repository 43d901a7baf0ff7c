"""Two years of sample werkzaamheden in every buurt (a few of them running today), so the
buurtdashboard's table of werkzaamheden and buurtberichten has something after `make run`.

Written as berichten that were published and sent back then (`verspreid_op` set): old berichten must
not be mailed to today's subscribers. Deterministic for a seed and an end date; nothing when they exist.
"""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.gis.geos import LineString
from django.db import transaction

from dev.sample.meldingen_historie import TZ, _buurten
from kern.crs import RD_NEW
from loket.buurtberichten.models import Bericht, Onderwerp

SLEUTEL = "voorbeeld-werk:"
DAGEN = 730
# Werkzaamheden per buurt per dag, and how long they last (days).
KANS = 1 / 45
DUUR = (3, 60)
WERK = [
    (
        "Riolering vervangen",
        "We vervangen de riolering. De straat is een deel van de tijd dicht voor auto's.",
    ),
    ("Nieuwe bestrating", "We leggen nieuwe stenen op de stoep. U kunt uw huis lopend bereiken."),
    ("Bomen snoeien", "We snoeien de bomen in de straat. Parkeren kan even niet aan één kant."),
    ("Kabels en leidingen", "De netbeheerder legt nieuwe kabels. Er liggen rijplaten op de stoep."),
]


@transaction.atomic
def maak_werkzaamheden(tot: date | None = None, seed: int = 400, schrijf=print) -> int:
    tot = tot or date.today()
    if Bericht.objects.filter(bron_sleutel__startswith=SLEUTEL).exists():
        schrijf("Er zijn al voorbeeldwerkzaamheden; niets gedaan.")
        return 0
    rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not security
    berichten = []
    for code, _naam, _wijk, _wijknaam, punten in _buurten():
        for d in range(DAGEN):
            if rng.random() >= KANS:
                continue
            begin = tot - timedelta(days=DAGEN - d)
            x, y = punten[rng.randrange(len(punten))]
            titel, tekst = rng.choice(WERK)
            aangekondigd = datetime.combine(begin - timedelta(days=7), time(9), TZ)
            berichten.append(
                Bericht(
                    soort=Onderwerp.WERKZAAMHEDEN,
                    titel=titel,
                    tekst=tekst,
                    geom=LineString((x - 60, y + 5), (x + 60, y - 5), srid=RD_NEW),
                    begin=begin,
                    eind=begin + timedelta(days=rng.randint(*DUUR)),
                    gepubliceerd=aangekondigd,
                    verspreid_op=aangekondigd,
                    bron_sleutel=f"{SLEUTEL}{code}:{d}",
                )
            )
    Bericht.objects.bulk_create(berichten)
    schrijf(f"{len(berichten)} voorbeeldwerkzaamheden over twee jaar geschreven.")
    return len(berichten)
