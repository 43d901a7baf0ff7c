"""Expected meldingen per buurt × hoofdcategorie for the coming 4 weeks: a quasi-Poisson GLM
(statsmodels, Poisson family with the Pearson dispersion, `scale="X2"`) with a linear trend and yearly
seasonality on the last two years of full weeks. The 90 % interval is that of a single week's count
around the expectation (negative binomial with variance φ·μ, reeksen.nb_quantiel); the uncertainty of
the expectation itself is not added, so the interval is somewhat too narrow for far-off weeks."""

from datetime import timedelta

import numpy as np
from django.db import transaction

from loket.buurtdashboard.models import Voorspelling
from loket.buurtdashboard.reeksen import nb_quantiel, ontwerp, weekmatrix
from loket.buurtdashboard.vroegsignaal import HISTORIE_WEKEN, laatste_volle_week

VOORUIT = 4


def glm(y: np.ndarray, x: np.ndarray):
    # Imported here, not at the top: procrastinate loads every tasks module at start-up, and statsmodels
    # (with pandas and scipy) would add ~150 MB and ~1 s to every web, worker and import process.
    import statsmodels.api as sm

    return sm.GLM(y, x, family=sm.families.Poisson()).fit(scale="X2")


@transaction.atomic
def draai(week=None) -> int:
    """Forecast the 4 weeks after the last full week (or after `week`); replaces earlier forecasts."""
    laatste = week or laatste_volle_week()
    m = weekmatrix(laatste - timedelta(weeks=HISTORIE_WEKEN - 1), laatste + timedelta(weeks=1))
    if not m.sleutels:
        return 0
    begin = m.weken[0]
    x = ontwerp(m.weken, begin, True)
    toekomst = [laatste + timedelta(weeks=j) for j in range(1, VOORUIT + 1)]
    xt = ontwerp(toekomst, begin, True)
    rijen = []
    for i, (buurt, wijk, hoofd) in enumerate(m.sleutels):
        model = glm(m.y[i], x)
        mu = model.predict(xt)
        phi = np.full_like(mu, max(1.0, float(model.scale)))
        onder, boven = nb_quantiel(mu, phi, 0.05), nb_quantiel(mu, phi, 0.95)
        for j, w in enumerate(toekomst):
            rijen.append(
                Voorspelling(
                    buurtcode=buurt,
                    wijkcode=wijk,
                    hoofdcategorie=hoofd,
                    week=w,
                    verwacht=float(mu[j]),
                    onder=float(onder[j]),
                    boven=float(boven[j]),
                )
            )
    Voorspelling.objects.all().delete()
    Voorspelling.objects.bulk_create(rijen, batch_size=2000)
    return len(rijen)
