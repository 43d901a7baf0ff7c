"""Forecast and early warning: the batch GLM against statsmodels, the backtest on the sample history
(detection of the injected outbreaks, false alarms per week), explanations and stacked problems."""

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
import statsmodels.api as sm

from dev.sample.meldingen import maak_categorieen
from dev.sample.meldingen_historie import maak_historie
from loket.buurtdashboard import aggregatie, voorspelling, vroegsignaal
from loket.buurtdashboard.meldingenbron import categorieen
from loket.buurtdashboard.models import Signaal, Voorspelling
from loket.buurtdashboard.reeksen import fit, ontwerp

TOT = date(2026, 11, 30)
# What the backtest must at least reach on the sample history (docs/buurtdashboard.md reports the
# figures of the full sample).
MIN_DETECTIE = 0.75
MAX_VALS_PER_WEEK = 0.25


def test_batch_glm_gelijk_aan_statsmodels():
    rng = np.random.default_rng(1)
    weken = [date(2024, 1, 1) + timedelta(weeks=i) for i in range(80)]
    x = ontwerp(weken, weken[0])
    mu = np.exp(x @ np.array([1.0, 0.2, 0.5, -0.3]))
    y = rng.negative_binomial(5, 5 / (5 + mu), size=(3, 80)).astype(float)
    ons = fit(y, x)
    for i in range(3):
        sm_fit = sm.GLM(y[i], x, family=sm.families.Poisson()).fit(scale="X2")
        assert np.allclose(ons.beta[i], sm_fit.params, atol=1e-6)
        assert ons.phi[i] == pytest.approx(max(1.0, sm_fit.scale), rel=1e-6)
        assert np.allclose(ons.cov[i], sm_fit.cov_params() * max(1.0, sm_fit.scale) / sm_fit.scale, rtol=1e-5)


@pytest.fixture
def historie(gebied):
    maak_categorieen()
    uitbraken = maak_historie(tot=TOT, schrijf=lambda *_: None)
    aggregatie.ververs_alles()
    ids = {v["slug"]: k for k, v in categorieen().items() if v["hoofdcategorie"] == k}
    return [replace(u, hoofdcategorie=ids[u.hoofdcategorie]) for u in uitbraken]


def test_backtest_op_de_voorbeeldhistorie(historie):
    uitslag = vroegsignaal.backtest(historie, TOT, weken=52)
    assert uitslag.uitbraken == 4 and uitslag.series == 20
    assert uitslag.detectie >= MIN_DETECTIE, uitslag
    assert uitslag.vals_per_week <= MAX_VALS_PER_WEEK, uitslag


def test_signalen_uitgelegd_gestapeld_en_voorspelling(historie):
    # The week after each outbreak's second week: a warning for that buurt × hoofdcategorie, explained.
    u = historie[0]
    week = u.week + timedelta(weeks=1)
    signalen = vroegsignaal.draai(week)
    mijn = [s for s in signalen if (s.buurtcode, s.hoofdcategorie) == (u.buurtcode, u.hoofdcategorie)]
    assert mijn, [s.uitleg for s in signalen]
    s = mijn[0]
    assert s.waargenomen >= 5 and s.bovengrens < s.waargenomen
    naam = categorieen()[u.hoofdcategorie]["naam"].lower()
    assert s.uitleg.startswith(
        f"{s.waargenomen} meldingen {naam}, verwacht {round(s.verwacht)} (tot {int(s.bovengrens)}); "
    )
    assert "weken op rij hoger" in s.uitleg or "voor het eerst hoger" in s.uitleg
    assert Signaal.objects.filter(week=week).count() == len(signalen)
    # two categories warning in one buurt in one week → gestapeld
    ander = Signaal(week=s.week, buurtcode=s.buurtcode, hoofdcategorie=s.hoofdcategorie + 1000)
    twee = [s, ander]
    assert list(vroegsignaal.gestapeld(twee)) == [s.buurtcode]
    assert vroegsignaal.gestapeld([s]) == {}
    # forecast: 4 weeks ahead per series, the expectation inside its interval
    aantal = voorspelling.draai(TOT - timedelta(weeks=1))
    assert aantal == 20 * 4
    weken = sorted(set(Voorspelling.objects.values_list("week", flat=True)))
    assert weken == [TOT + timedelta(weeks=j) for j in range(4)]
    for v in Voorspelling.objects.all():
        assert v.onder <= v.verwacht <= v.boven
