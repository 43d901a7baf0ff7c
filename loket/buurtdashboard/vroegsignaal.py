"""Early warning per buurt × hoofdcategorie, after the Farrington flexible algorithm (Noufaily et al.
2013, as in R's `surveillance::farringtonFlexible`), adapted to two years of weekly meldingen:

1. Baseline: all weeks before the week under test except the last `GUARD` weeks (so an outbreak that
   began a few weeks ago does not raise its own baseline), at least `MIN_BASIS` weeks.
2. Model: quasi-Poisson GLM with a linear trend and yearly seasonality (one sine/cosine pair instead of
   Noufaily's 10-level seasonal factor: two years are too short for ten levels). The trend is kept only
   when it is significant (|z| ≥ 1.96) and does not push the expectation above the baseline's maximum.
3. Past outbreaks are down-weighted: baseline weeks with an Anscombe residual above 2.58 get weight
   r⁻², the weights rescaled to sum to n, and the model is fitted again.
4. Test: P(Y ≥ y) for the week's count y under a negative binomial with the model's mean μ and
   variance φ·μ (Noufaily's threshold). Multiple testing: Benjamini–Hochberg over all buurt ×
   hoofdcategorie tests of that week at a false discovery rate of 5 %. A week with fewer than 5
   meldingen never warns (it could not be shown anyway, privacy.py).

"Gestapelde problematiek": a buurt where two or more hoofdcategorieën warn in the same week.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.db import transaction
from django.utils import timezone

from loket.buurtdashboard.meldingenbron import categorieen
from loket.buurtdashboard.models import Signaal
from loket.buurtdashboard.reeksen import Weekmatrix, fit, nb_overschrijding, nb_quantiel, ontwerp, weekmatrix

GUARD = 3
MIN_BASIS = 40
FDR = 0.05
MIN_AANTAL = 5
DREMPEL_ANSCOMBE = 2.58
HISTORIE_WEKEN = 104


@dataclass
class Uitslag:
    buurtcode: str
    wijkcode: str
    hoofdcategorie: int
    week: date
    waargenomen: int
    verwacht: float
    bovengrens: float  # 95 % of a single week under the model: "tot" in the explanation
    p: float
    alarm: bool
    weken_op_rij: int

    def uitleg(self, naam: str) -> str:
        rij = (
            "deze week voor het eerst hoger"
            if self.weken_op_rij <= 1
            else f"{self.weken_op_rij} weken op rij hoger"
        )
        return (
            f"{self.waargenomen} meldingen {naam.lower()}, verwacht {round(self.verwacht)} "
            f"(tot {int(self.bovengrens)}); {rij}"
        )


def _gekozen(y, x1, x0, x_nu1, gewichten=None):
    """Fit with and without trend; per series keep the trend only where Farrington keeps it."""
    f1, f0 = fit(y, x1, gewichten), fit(y, x0, gewichten)
    z = f1.beta[:, 1] / np.sqrt(np.maximum(f1.cov[:, 1, 1], 1e-12))
    mu_nu = np.exp(f1.beta @ x_nu1)
    trend = (np.abs(z) >= 1.96) & (mu_nu <= y.max(axis=1))
    return trend, f1, f0


def beoordeel(m: Weekmatrix, t0: int) -> list[Uitslag]:
    """Test week `t0` (index in m.weken) for every series of the matrix."""
    eind = t0 - GUARD
    if eind < MIN_BASIS or not m.sleutels:
        return []
    y = m.y[:, :eind]
    begin = m.weken[0]
    x1, x0 = ontwerp(m.weken[:eind], begin, True), ontwerp(m.weken[:eind], begin, False)
    x_nu1 = ontwerp([m.weken[t0]], begin, True)[0]
    trend, f1, f0 = _gekozen(y, x1, x0, x_nu1)
    mu = np.where(trend[:, None], f1.mu, f0.mu)
    phi = np.where(trend, f1.phi, f0.phi)
    r = 1.5 * (y ** (2 / 3) - mu ** (2 / 3)) / (np.maximum(mu, 1e-9) ** (1 / 6) * np.sqrt(phi)[:, None])
    w = np.where(r > DREMPEL_ANSCOMBE, r**-2.0, 1.0)
    w *= y.shape[1] / w.sum(axis=1, keepdims=True)
    trend, g1, g0 = _gekozen(y, x1, x0, x_nu1, w)
    beta1, beta0 = g1.beta, g0.beta
    phi = np.where(trend, g1.phi, g0.phi)

    def verwacht(i):
        xa = ontwerp([m.weken[i]], begin, True)[0]
        xb = ontwerp([m.weken[i]], begin, False)[0]
        return np.where(trend, np.exp(beta1 @ xa), np.exp(beta0 @ xb))

    mu0 = verwacht(t0)
    y0 = m.y[:, t0]
    p = nb_overschrijding(y0, mu0, phi)
    grens = nb_quantiel(mu0, phi, 0.95)
    # Benjamini–Hochberg: reject the k smallest p-values, k the largest with p(k) ≤ k·q/m.
    orde = np.argsort(p)
    aantal = len(p)
    onder = p[orde] <= (np.arange(1, aantal + 1) * FDR / aantal)
    k = np.max(np.nonzero(onder)[0]) + 1 if onder.any() else 0
    verworpen = np.zeros(aantal, dtype=bool)
    verworpen[orde[:k]] = True
    alarm = verworpen & (y0 >= MIN_AANTAL)
    # How many weeks in a row the count was above the 95 % bound, counted for the warnings only.
    op_rij = np.zeros(aantal, dtype=int)
    idx = np.nonzero(alarm)[0]
    nog = np.ones(len(idx), dtype=bool)
    for j in range(0, 9):
        if t0 - j < 0 or not len(idx):
            break
        hoger = m.y[idx, t0 - j] > nb_quantiel(verwacht(t0 - j)[idx], phi[idx], 0.95)
        nog &= hoger
        op_rij[idx] += nog
    return [
        Uitslag(
            b,
            wk,
            h,
            m.weken[t0],
            int(y0[i]),
            float(mu0[i]),
            float(grens[i]),
            float(p[i]),
            bool(alarm[i]),
            int(op_rij[i]),
        )
        for i, (b, wk, h) in enumerate(m.sleutels)
    ]


def laatste_volle_week(vandaag: date | None = None) -> date:
    vandaag = vandaag or timezone.localdate()
    return vandaag - timedelta(days=vandaag.weekday()) - timedelta(weeks=1)


@transaction.atomic
def draai(week: date | None = None) -> list[Signaal]:
    """The weekly run: test the last full week (or `week`, a monday) and store its warnings."""
    week = week or laatste_volle_week()
    m = weekmatrix(week - timedelta(weeks=HISTORIE_WEKEN), week + timedelta(weeks=1))
    namen = categorieen()
    signalen = [
        Signaal(
            week=u.week,
            buurtcode=u.buurtcode,
            wijkcode=u.wijkcode,
            hoofdcategorie=u.hoofdcategorie,
            waargenomen=u.waargenomen,
            verwacht=u.verwacht,
            bovengrens=u.bovengrens,
            weken_op_rij=u.weken_op_rij,
            uitleg=u.uitleg(namen.get(u.hoofdcategorie, {}).get("naam", "onbekend"))[:300],
        )
        for u in beoordeel(m, len(m.weken) - 1)
        if u.alarm
    ]
    Signaal.objects.filter(week=week).delete()
    return Signaal.objects.bulk_create(signalen)


def gestapeld(signalen) -> dict[str, list]:
    """{buurtcode: [signalen]} for buurten where two or more hoofdcategorieën warn in the same week."""
    per: dict[tuple, list] = {}
    for s in signalen:
        per.setdefault((s.buurtcode, s.week), []).append(s)
    uit: dict[str, list] = {}
    for (buurt, _), lijst in per.items():
        if len({s.hoofdcategorie for s in lijst}) >= 2:
            uit.setdefault(buurt, []).extend(lijst)
    return uit


@dataclass
class Backtest:
    uitbraken: int
    gevonden: int
    weken: int
    valse_alarmen: int
    series: int

    @property
    def detectie(self) -> float:
        return self.gevonden / self.uitbraken if self.uitbraken else 0.0

    @property
    def vals_per_week(self) -> float:
        return self.valse_alarmen / self.weken if self.weken else 0.0


def backtest(uitbraken, tot: date, weken: int = 52) -> Backtest:
    """Run the weekly test over the last `weken` full weeks before `tot` and compare with the known
    outbreaks (each with buurtcode, hoofdcategorie id, week (monday) and weken)."""
    eind = tot - timedelta(days=tot.weekday())
    m = weekmatrix(eind - timedelta(weeks=HISTORIE_WEKEN), eind)
    in_uitbraak = set()
    for u in uitbraken:
        for j in range(u.weken):
            in_uitbraak.add((u.buurtcode, u.hoofdcategorie, u.week + timedelta(weeks=j)))
    gevonden, vals = set(), 0
    for t0 in range(len(m.weken) - weken, len(m.weken)):
        for u in beoordeel(m, t0):
            if not u.alarm:
                continue
            if (u.buurtcode, u.hoofdcategorie, u.week) in in_uitbraak:
                gevonden.add((u.buurtcode, u.hoofdcategorie))
            else:
                vals += 1
    return Backtest(len(uitbraken), len(gevonden), weken, vals, len(m.sleutels))
