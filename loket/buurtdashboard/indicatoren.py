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

from loket.buurtdashboard import reeksen as reeksfit
from loket.buurtdashboard.gebieden import Gebied
from loket.buurtdashboard.models import Gebiedcijfer, MeldingenCel

WEKEN = 104
ALLE = 0  # the hoofdcategorie of a Gebiedcijfer over every onderwerp
Z_90 = 1.6448536269514722  # the normal quantile of a two-sided 90 % interval
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


def _perioden(sinds: date, per: str, tot: date) -> list[date]:
    if per == "week":
        eerste = sinds - timedelta(days=sinds.weekday())
        return [eerste + timedelta(weeks=i) for i in range((tot - eerste).days // 7 + 1)]
    uit, m = [], sinds.replace(day=1)
    while m <= tot:
        uit.append(m)
        m = date(m.year + m.month // 12, m.month % 12 + 1, 1)
    return uit


def reeks(
    g: Gebied, sinds: date, per: str = "month", hoofdcategorie: int | None = None
) -> list[tuple[date, int]]:
    """New meldingen per week or month (`per`: week | month) from `sinds` up to the running one,
    every period present (zeros too). Summed per period in PostgreSQL first, then the empty periods
    filled in: joining a calendar to every cell cost ~50 ms for the gemeente at 1 000 000 meldingen."""
    waar, params = filter_sql(g, hoofdcategorie)
    with connection.cursor() as c:
        c.execute(
            f"select date_trunc(%s, week)::date, sum(nieuw) from {_CEL} where {waar} "
            "and week >= date_trunc(%s, %s::date) group by 1",
            [per, *params, per, sinds],
        )
        tellingen = dict(c.fetchall())
    return [(p, int(tellingen.get(p, 0))) for p in _perioden(sinds, per, timezone.localdate())]


def trends(reeksen: list[list[tuple[date, int]]]) -> list[dict]:
    """The yearly change of monthly series from a Poisson regression on time (log-linear, quasi-Poisson
    dispersion φ ≥ 1), each leaving out its running month; 'duidelijk' when the 90 % interval excludes
    no change. All series in one batch (`reeksen.fit`): a page with ten columns fits them in a
    millisecond, where statsmodels took ~20 ms a series."""
    uit: list[dict | None] = [None] * len(reeksen)
    te_doen = []
    for i, maanden in enumerate(reeksen):
        tellingen = [n for _, n in maanden[:-1]]
        # With counts in only one or two months the Poisson fit has no finite answer (the slope runs off).
        if len(tellingen) < 6 or sum(1 for n in tellingen if n) < 3:
            uit[i] = {"per_jaar_pct": None, "duidelijk": False, "tekst": "te weinig gegevens voor een trend"}
        else:
            te_doen.append((i, tellingen))
    for lengte in {len(t) for _, t in te_doen}:
        groep = [(i, t) for i, t in te_doen if len(t) == lengte]
        t = np.arange(lengte) / 12.0
        resultaat = reeksfit.fit(
            np.array([t_ for _, t_ in groep], dtype=float), np.column_stack([np.ones_like(t), t])
        )
        marge = Z_90 * np.sqrt(resultaat.cov[:, 1, 1])
        for k, (i, _) in enumerate(groep):
            helling = resultaat.beta[k, 1]
            pct = round(100 * (np.exp(helling) - 1), 1)
            duidelijk = bool(helling - marge[k] > 0 or helling + marge[k] < 0)
            # A series that only just started grows "a million percent": say it without the number.
            getal = f"{pct:+.0f}%" if pct < 1000 else "meer dan +1000%"
            if not duidelijk:
                tekst = f"geen duidelijke trend ({getal} per jaar, onzeker)"
            else:
                tekst = f"{'stijgend' if pct > 0 else 'dalend'}: {getal} per jaar"
            uit[i] = {"per_jaar_pct": float(pct), "duidelijk": duidelijk, "tekst": tekst}
    return uit


def trend(maanden: list[tuple[date, int]]) -> dict:
    return trends([maanden])[0]


def berekend(g: Gebied, sinds: date) -> list[Gebiedcijfer]:
    """The rows the refresh job stores for a gebied: all onderwerpen with the trend, then each
    hoofdcategorie."""
    rijen = []
    maanden = reeks(g, sinds, "month")
    weken = reeks(g, sinds, "week")
    tr = trend(maanden)["tekst"]
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
                maanden=[n for _, n in maanden] if h == ALLE else [],
                weken=[n for _, n in weken] if h == ALLE else [],
            )
        )
    return rijen


@dataclass
class Opgeslagen:
    totaal: Kerngetallen = field(default_factory=lambda: Kerngetallen(0, 0, 0, None))
    per_hoofdcategorie: dict[int, Kerngetallen] = field(default_factory=dict)
    trend: str = "nog niet berekend"
    sinds: date | None = None
    _maanden: list[int] = field(default_factory=list)
    _weken: list[int] = field(default_factory=list)

    def reeks(self, per: str = "month") -> list[tuple[date, int]]:
        """The stored series from `sinds` up to the running period; periods the job has not seen yet
        (a month that began after its last run) are 0, as they were then."""
        sinds = self.sinds or periode_start()
        tellingen = self._weken if per == "week" else self._maanden
        perioden = _perioden(sinds, per, timezone.localdate())
        return [(p, tellingen[i] if i < len(tellingen) else 0) for i, p in enumerate(perioden)]


def opgeslagen(codes: list[str]) -> dict[str, Opgeslagen]:
    """What the refresh job last stored for these gebieden (not computed yet: zeros, and says so)."""
    uit = {c: Opgeslagen() for c in codes}
    for r in Gebiedcijfer.objects.filter(gebiedscode__in=codes):
        kg = Kerngetallen(r.nieuw, r.afgehandeld, r.binnen_termijn, r.mediaan_dagen)
        if r.hoofdcategorie == ALLE:
            o = uit[r.gebiedscode]
            o.totaal, o.trend, o.sinds, o._maanden, o._weken = kg, r.trend, r.sinds, r.maanden, r.weken
        else:
            uit[r.gebiedscode].per_hoofdcategorie[r.hoofdcategorie] = kg
    return uit
