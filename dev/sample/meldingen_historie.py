"""24 months of sample meldingen for the buurtdashboard: per buurt and hoofdcategorie a weekly Poisson
count with its own level, seasonality and trend, and a few injected outbreaks (uitbraken) that the
early warning should find. Deterministic for a seed and an end date; written in bulk (no outbox
events: the loader rebuilds the dashboard's cells afterwards).

The outbreaks are returned (and recomputed from the seed) so the backtest knows where they are.
"""

import math
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from django.contrib.gis.geos import Point
from django.db import connection, transaction

from kern.crs import RD_NEW
from loket.zaken.models import Status, Volgnummer, Zaak, Zaaktype

BRON = "voorbeeld"
WEKEN = 104
TZ = ZoneInfo("Europe/Amsterdam")
# hoofdcategorie slug: (meldingen per buurt per week, seasonal amplitude, peak week, trend per year)
PATRONEN = {
    "wegen-en-verkeer": (1.0, 0.30, 6, -0.05),
    "straatverlichting": (0.8, 0.50, 50, 0.0),
    "afval": (1.5, 0.25, 30, 0.15),
    "groen": (0.8, 0.60, 24, 0.05),
    "overlast": (0.6, 0.35, 28, 0.10),
}


@dataclass(frozen=True)
class Uitbraak:
    buurtcode: str
    hoofdcategorie: str  # slug
    week: date  # monday of the first week
    weken: int
    extra: float  # extra meldingen per week on top of the usual


def maandag(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _buurten() -> list[tuple]:
    """(code, naam, wijkcode, wijknaam, [(x, y), …] of addresses in it) per buurt."""
    with connection.cursor() as cursor:
        cursor.execute(
            """select b.code, b.naam, b.wijk_id, coalesce(w.naam, ''),
                      coalesce(array_agg(array[st_x(v.geom), st_y(v.geom)]) filter (where v.id is not null), '{}'),
                      st_x(st_pointonsurface(b.geom)), st_y(st_pointonsurface(b.geom))
               from kaartlagen_buurt b
               left join kaartlagen_wijk w on w.code = b.wijk_id
               left join kaartlagen_verblijfsobject v on v.actief and st_intersects(v.geom, b.geom)
               group by b.code, b.naam, b.wijk_id, w.naam, b.geom order by b.code"""
        )
        return [(c, n, wk, wn, pts or [[x, y]]) for c, n, wk, wn, pts, x, y in cursor.fetchall()]


def uitbraken(buurtcodes: list[str], tot: date, seed: int = 400) -> list[Uitbraak]:
    """Six outbreaks in the last year of the history, each in another buurt, three weeks long; the
    first one recent, so the dashboard of `make run` shows it."""
    rng = np.random.default_rng(seed + 1)
    laatste = maandag(tot) - timedelta(weeks=1)
    gekozen = rng.choice(len(buurtcodes), size=min(6, len(buurtcodes)), replace=False)
    slugs = list(PATRONEN)
    uit = []
    for k, i in enumerate(gekozen):
        start = laatste - timedelta(weeks=int(1 + k * 8 + rng.integers(0, 4)))
        uit.append(
            Uitbraak(buurtcodes[int(i)], slugs[k % len(slugs)], start, 3, float(5 + rng.integers(0, 4)))
        )
    return uit


def verwachting(slug: str, niveau: float, week: date, t: int) -> float:
    basis, amp, piek, trend = PATRONEN[slug]
    seizoen = 1 + amp * math.cos(2 * math.pi * (week.isocalendar().week - piek) / 52)
    return basis * niveau * seizoen * math.exp(trend * t / 52)


@transaction.atomic
def maak_historie(
    tot: date | None = None, seed: int = 400, schaal: float = 1.0, schrijf=print
) -> list[Uitbraak]:
    """Write the history ending in the week before `tot` (default today); nothing when it exists."""
    tot = tot or date.today()
    if Zaak.objects.filter(bron=BRON).exists():
        schrijf("Er is al een voorbeeldhistorie; niets gedaan.")
        return uitbraken([b[0] for b in _buurten()], tot, seed)
    buurten = _buurten()
    if not buurten:
        schrijf("Geen buurten geladen (draai eerst make load); niets gedaan.")
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "select c.id, h.slug, coalesce(c.afhandeltermijn_dagen, 10) from meldingen_categorie c "
            "join meldingen_categorie h on h.id = c.hoofdcategorie_id"
        )
        subs: dict[str, list[tuple[int, int]]] = {}
        for cid, hslug, termijn in cursor.fetchall():
            subs.setdefault(hslug, []).append((cid, termijn))
    zaaktype = Zaaktype.objects.get(code="melding-openbare-ruimte")
    statussen = {s.code: s for s in zaaktype.statustypen.all()}
    rng = np.random.default_rng(seed)
    niveaus = {b[0]: float(rng.uniform(0.5, 2.0)) for b in buurten}
    extra = {(u.buurtcode, u.hoofdcategorie): u for u in uitbraken([b[0] for b in buurten], tot, seed)}
    eerste = maandag(tot) - timedelta(weeks=WEKEN)
    nu = datetime.now(TZ)
    rijen = []
    for t in range(WEKEN):
        week = eerste + timedelta(weeks=t)
        for code, naam, wijk, wijknaam, punten in buurten:
            for slug in PATRONEN:
                if slug not in subs:
                    continue
                mu = verwachting(slug, niveaus[code], week, t) * schaal
                u = extra.get((code, slug))
                if u and u.week <= week < u.week + timedelta(weeks=u.weken):
                    mu += u.extra * schaal
                for _ in range(int(rng.poisson(mu))):
                    cid, termijn = subs[slug][int(rng.integers(0, len(subs[slug])))]
                    x, y = punten[int(rng.integers(0, len(punten)))]
                    moment = datetime.combine(week + timedelta(days=int(rng.integers(0, 7))), time(8), TZ)
                    moment += timedelta(minutes=int(rng.integers(0, 14 * 60)))
                    if moment >= nu:
                        continue
                    doorloop = timedelta(days=float(termijn * rng.gamma(2.0, 0.45)))
                    eind = moment + doorloop if moment + doorloop < nu else None
                    status = (
                        None if eind is None else ("geannuleerd" if rng.random() < 0.1 else "afgehandeld")
                    )
                    rijen.append((moment, eind, status, termijn, cid, code, naam, wijk, wijknaam, x, y))
    rijen.sort(key=lambda r: r[0])
    _schrijf(rijen, zaaktype, statussen)
    schrijf(f"{len(rijen)} voorbeeldmeldingen over {WEKEN} weken in {len(buurten)} buurten geschreven.")
    return list(extra.values())


def _schrijf(rijen, zaaktype, statussen) -> None:
    per_jaar: dict[int, int] = {}
    for jaar in {r[0].year for r in rijen}:
        vn, _ = Volgnummer.objects.select_for_update().get_or_create(zaaktype=zaaktype, jaar=jaar)
        per_jaar[jaar] = vn.laatste
    zaken = []
    for moment, eind, status, termijn, _cid, code, naam, wijk, wijknaam, x, y in rijen:
        per_jaar[moment.year] += 1
        zaken.append(
            Zaak(
                referentie=f"{zaaktype.prefix}-{moment.year}-{per_jaar[moment.year]:06d}",
                zaaktype=zaaktype,
                omschrijving="Voorbeeldmelding",
                geometrie=Point(x + 3, y + 2, srid=RD_NEW),
                buurtcode=code,
                buurtnaam=naam,
                wijkcode=wijk,
                wijknaam=wijknaam,
                status=statussen[status or "gemeld"],
                registratiedatum=moment,
                startdatum=moment.date(),
                uiterlijke_einddatum=moment.date() + timedelta(days=termijn),
                einddatum=eind,
                laatste_statuswijziging=eind or moment,
                bron=BRON,
            )
        )
    Zaak.objects.bulk_create(zaken, batch_size=2000)
    for jaar, laatste in per_jaar.items():
        Volgnummer.objects.filter(zaaktype=zaaktype, jaar=jaar).update(laatste=laatste)
    with (
        connection.cursor() as cursor,
        cursor.copy(
            "copy meldingen_melding (zaak_id, categorie_id, email, telefoon, contact_toestemming, token) from stdin"
        ) as copy,
    ):
        for z, r in zip(zaken, rijen, strict=True):
            copy.write_row((z.pk, r[4], "", "", False, secrets.token_urlsafe(32)))
    historie = []
    for z, r in zip(zaken, rijen, strict=True):
        historie.append(
            Status(zaak=z, statustype=statussen["gemeld"], tijdstip=r[0], door_omschrijving="melder")
        )
        if r[1]:
            historie.append(
                Status(zaak=z, statustype=statussen[r[2]], tijdstip=r[1], door_omschrijving="voorbeeld")
            )
    Status.objects.bulk_create(historie, batch_size=5000)
