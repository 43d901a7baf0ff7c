"""Meldingen indicators of a gebied from the pre-aggregated cells (`MeldingenCel`): counts, open and
closed, median doorlooptijd, share closed within the termijn, per hoofdcategorie, per week and month,
and the trend. The refresh job computes them per gebied into `Gebiedcijfer` (`aggregatie`); a page
reads those rows (`opgeslagen`). Raw numbers here; suppression happens where they are shown
(`overzicht.py`, through `privacy`)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.db import connection
from django.utils import timezone

from loket.buurtdashboard.gebieden import Gebied
from loket.buurtdashboard.models import Gebiedcijfer, MeldingenCel

WEKEN = 104
ALLE = 0  # the hoofdcategorie of a Gebiedcijfer over every onderwerp
_CEL = MeldingenCel._meta.db_table


def periode_start(vandaag: date | None = None, weken: int = WEKEN) -> date:
    vandaag = vandaag or timezone.localdate()
    return vandaag - timedelta(days=vandaag.weekday()) - timedelta(weeks=weken)


def filter_sql(g: Gebied, hoofdcategorie: int | None = None, alias: str = "") -> tuple[str, list]:
    """The cells of a gebied (and one hoofdcategorie) as a condition with its parameters."""
    a = f"{alias}." if alias else ""
    waar, params = {"buurt": (f"{a}buurtcode = %s", [g.code]), "wijk": (f"{a}wijkcode = %s", [g.code])}.get(
        g.soort, ("true", [])
    )
    if hoofdcategorie is not None:
        waar, params = f"{waar} and {a}hoofdcategorie = %s", [*params, hoofdcategorie]
    return waar, params


@dataclass
class Kerngetallen:
    nieuw: int
    afgehandeld: int
    binnen_termijn: int
    mediaan_dagen: float | None

    @property
    def open(self) -> int:
        return self.nieuw - self.afgehandeld

    @property
    def binnen_termijn_pct(self) -> float | None:
        return round(100 * self.binnen_termijn / self.afgehandeld, 1) if self.afgehandeld else None


def kerngetallen(g: Gebied, sinds: date, hoofdcategorie: int | None = None) -> Kerngetallen:
    waar, params = filter_sql(g, hoofdcategorie)
    with connection.cursor() as c:
        c.execute(
            f"""select coalesce(sum(nieuw), 0), coalesce(sum(afgehandeld), 0), coalesce(sum(binnen_termijn), 0),
                       (select percentile_cont(0.5) within group (order by d)
                        from {_CEL}, unnest(doorlooptijden) d where {waar} and week >= %s)
                from {_CEL} where {waar} and week >= %s""",
            [*params, sinds, *params, sinds],
        )
        nieuw, af, binnen, mediaan = c.fetchone()
    return Kerngetallen(int(nieuw), int(af), int(binnen), round(mediaan, 1) if mediaan is not None else None)


def per_hoofdcategorie(g: Gebied, sinds: date) -> dict[int, Kerngetallen]:
    waar, params = filter_sql(g)
    with connection.cursor() as c:
        c.execute(
            f"""select hoofdcategorie, sum(nieuw), sum(afgehandeld), sum(binnen_termijn),
                       percentile_cont(0.5) within group (order by d)
                from (select hoofdcategorie, nieuw, afgehandeld, binnen_termijn, null::float as d
                      from {_CEL} where {waar} and week >= %s
                      union all
                      select hoofdcategorie, 0, 0, 0, d from {_CEL}, unnest(doorlooptijden) d
                      where {waar} and week >= %s) t
                group by hoofdcategorie""",
            [*params, sinds, *params, sinds],
        )
        return {
            h: Kerngetallen(int(n), int(a), int(b), round(m, 1) if m is not None else None)
            for h, n, a, b, m in c.fetchall()
        }


def reeks(
    g: Gebied, sinds: date, per: str = "month", hoofdcategorie: int | None = None
) -> list[tuple[date, int]]:
    """New meldingen per week or month (`per`: week | month), every period present (zeros too)."""
    waar, params = filter_sql(g, hoofdcategorie, alias="c")
    stap = "1 week" if per == "week" else "1 month"
    with connection.cursor() as c:
        c.execute(
            f"""with p as (select generate_series(date_trunc(%s, %s::date), date_trunc(%s, current_date), %s::interval)::date as periode)
                select p.periode, coalesce(sum(c.nieuw), 0)
                from p left join {_CEL} c on date_trunc(%s, c.week)::date = p.periode and {waar}
                group by p.periode order by p.periode""",
            [per, sinds, per, stap, per, *params],
        )
        return [(p, int(n)) for p, n in c.fetchall()]


def trend(maanden: list[tuple[date, int]]) -> dict:
    """The yearly change of a monthly series from a Poisson regression on time (log-linear),
    leaving out the running month; 'duidelijk' when the 90 % interval excludes no change."""
    import statsmodels.api as sm

    tellingen = [n for _, n in maanden[:-1]]
    if len(tellingen) < 6 or sum(tellingen) == 0:
        return {"per_jaar_pct": None, "duidelijk": False, "tekst": "te weinig gegevens voor een trend"}
    t = np.arange(len(tellingen)) / 12.0
    model = sm.GLM(np.array(tellingen), sm.add_constant(t), family=sm.families.Poisson()).fit(scale="X2")
    laag, hoog = model.conf_int(alpha=0.10)[1]
    pct = round(100 * (np.exp(model.params[1]) - 1), 1)
    duidelijk = laag > 0 or hoog < 0
    if not duidelijk:
        tekst = f"geen duidelijke trend ({pct:+.0f}% per jaar, onzeker)"
    else:
        tekst = f"{'stijgend' if pct > 0 else 'dalend'}: {pct:+.0f}% per jaar"
    return {"per_jaar_pct": pct, "duidelijk": bool(duidelijk), "tekst": tekst}


def berekend(g: Gebied, sinds: date) -> list[Gebiedcijfer]:
    """The rows the refresh job stores for a gebied: all onderwerpen with the trend, then each
    hoofdcategorie."""
    rijen = []
    tr = trend(reeks(g, sinds, "month"))["tekst"]
    for h, kg in [(ALLE, kerngetallen(g, sinds)), *per_hoofdcategorie(g, sinds).items()]:
        rijen.append(
            Gebiedcijfer(
                gebiedscode=g.code,
                hoofdcategorie=h,
                sinds=sinds,
                nieuw=kg.nieuw,
                afgehandeld=kg.afgehandeld,
                binnen_termijn=kg.binnen_termijn,
                mediaan_dagen=kg.mediaan_dagen,
                trend=tr if h == ALLE else "",
            )
        )
    return rijen


@dataclass
class Opgeslagen:
    totaal: Kerngetallen = field(default_factory=lambda: Kerngetallen(0, 0, 0, None))
    per_hoofdcategorie: dict[int, Kerngetallen] = field(default_factory=dict)
    trend: str = "nog niet berekend"


def opgeslagen(codes: list[str]) -> dict[str, Opgeslagen]:
    """What the refresh job last stored for these gebieden (not computed yet: zeros, and says so)."""
    uit = {c: Opgeslagen() for c in codes}
    for r in Gebiedcijfer.objects.filter(gebiedscode__in=codes):
        kg = Kerngetallen(r.nieuw, r.afgehandeld, r.binnen_termijn, r.mediaan_dagen)
        if r.hoofdcategorie == ALLE:
            uit[r.gebiedscode].totaal, uit[r.gebiedscode].trend = kg, r.trend
        else:
            uit[r.gebiedscode].per_hoofdcategorie[r.hoofdcategorie] = kg
    return uit
