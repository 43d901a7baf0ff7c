"""24 months of sample vergunningaanvragen (DSO verzoeken of type aanvraag, with the activiteiten of
the DSO mock) in every buurt, so the buurtdashboard's vergunningen tables have something after
`make run`. Deterministic for a seed and an end date.

Written straight into the zaak core and `dso_koppeling.Verzoek`, as the sync would have left them,
without outbox events (like the sample meldingen history): 700 old aanvragen must not become 700
buurtberichten of today. The loader rebuilds the dashboard's cells afterwards.
"""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.gis.geos import Point
from django.db import transaction

from dev.dso_mock.seed import activiteiten
from dev.sample.meldingen_historie import TZ, _buurten, maandag
from dso_koppeling.models import Verzoek
from dso_koppeling.zaaktypen import VERGUNNINGAANVRAAG
from kern.crs import RD_NEW
from loket.zaken.models import Status, Zaak, Zaaktype
from loket.zaken.services import volgende_referentie

PREFIX = "VOORBEELD-OV-"
WEKEN = 104
PER_BUURT_PER_WEEK = 0.35


@transaction.atomic
def maak_aanvragen(
    tot: date | None = None, seed: int = 400, per_week: float = PER_BUURT_PER_WEEK, schrijf=print
) -> int:
    """Write the aanvragen ingediend in the 104 weeks before `tot` (default today), `per_week` per buurt
    on average; nothing when they exist. Returns how many were written."""
    tot = tot or date.today()
    if Verzoek.objects.filter(verzoeknummer__startswith=PREFIX).exists():
        schrijf("Er zijn al voorbeeldvergunningaanvragen; niets gedaan.")
        return 0
    buurten = _buurten()
    if not buurten:
        schrijf("Geen buurten geladen (draai eerst make load); niets gedaan.")
        return 0
    zaaktype = Zaaktype.objects.get(code=VERGUNNINGAANVRAAG.code)
    statussen = {s.code: s for s in zaaktype.statustypen.all()}
    rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not security
    nu = datetime.now(TZ)
    eerste = maandag(tot) - timedelta(weeks=WEKEN)
    aantal = 0
    for t in range(WEKEN * 7):
        dag = eerste + timedelta(days=t)
        for code, naam, wijk, wijknaam, punten in buurten:
            if rng.random() >= per_week / 7:
                continue
            moment = datetime.combine(dag, time(9), TZ) + timedelta(minutes=rng.randint(0, 8 * 60))
            if moment >= nu:
                continue
            x, y = punten[rng.randrange(len(punten))]
            # Most get a besluit within 8 weeks, some later; one in twenty is withdrawn.
            eind = moment + timedelta(days=rng.gammavariate(4.0, 10.0))
            if eind >= nu:
                eind, status = None, rng.choice(["ontvangen", "in_behandeling", "aanvulling_gevraagd"])
            else:
                status = "ingetrokken" if rng.random() < 0.05 else "besluit_genomen"
            acts = activiteiten(rng, 2 if rng.random() < 0.25 else 1)
            punt = Point(x + 2, y + 3, srid=RD_NEW)
            zaak = Zaak.objects.create(
                referentie=volgende_referentie(zaaktype, moment.year),
                zaaktype=zaaktype,
                omschrijving=f"{acts[0]['naam']} (voorbeeld)",
                geometrie=punt,
                buurtcode=code,
                buurtnaam=naam,
                wijkcode=wijk,
                wijknaam=wijknaam,
                status=statussen[status],
                registratiedatum=moment,
                startdatum=moment.date(),
                uiterlijke_einddatum=moment.date() + timedelta(days=zaaktype.afhandeltermijn_dagen),
                einddatum=eind,
                laatste_statuswijziging=eind or moment,
                bron="dso",
                externe_identificatie=f"{PREFIX}{aantal + 1:05d}",
            )
            Status.objects.create(
                zaak=zaak, statustype=statussen["ontvangen"], tijdstip=moment, door_omschrijving="voorbeeld"
            )
            if status != "ontvangen":
                Status.objects.create(
                    zaak=zaak,
                    statustype=statussen[status],
                    tijdstip=eind or moment,
                    door_omschrijving="voorbeeld",
                )
            Verzoek.objects.create(
                zaak=zaak,
                verzoeknummer=zaak.externe_identificatie,
                type="aanvraag",
                versie=1,
                volgnummer=0,
                ingediend_op=moment,
                geom=punt,
                basis_activiteiten=acts,
                activiteiten=acts,
                xml_sha256="",
            )
            aantal += 1
    schrijf(f"{aantal} voorbeeldvergunningaanvragen over {WEKEN} weken in {len(buurten)} buurten geschreven.")
    return aantal
