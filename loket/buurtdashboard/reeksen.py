"""Weekly counts per buurt × hoofdcategorie as one matrix, and the quasi-Poisson regression the
forecast and the early warning share: log μ = β0 + β1·t + β2·sin(2π·week/52) + β3·cos(2π·week/52).

`fit` solves that GLM for all series at once (iteratively reweighted least squares on stacked
arrays), with prior weights and the Pearson dispersion φ = max(1, X²/(n − p)) of a quasi-Poisson
model. It gives the same estimates as statsmodels' GLM(Poisson).fit(scale="X2") (checked by a test),
in a fraction of the time when a backtest fits thousands of series.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.db import connection

from loket.buurtdashboard.models import MeldingenCel


@dataclass
class Weekmatrix:
    sleutels: list[tuple[str, str, int]]  # (buurtcode, wijkcode, hoofdcategorie)
    weken: list[date]  # mondays, oldest first
    y: np.ndarray  # series × weeks


def weekmatrix(van: date, tot: date) -> Weekmatrix:
    """Counts of the full weeks from `van` up to (not including) `tot`, both mondays; every buurt ×
    hoofdcategorie that has a melding in the period is a series (zeros filled in)."""
    weken = [van + timedelta(weeks=i) for i in range((tot - van).days // 7)]
    index = {w: i for i, w in enumerate(weken)}
    with connection.cursor() as c:
        c.execute(
            f"""select buurtcode, wijkcode, hoofdcategorie, week, sum(nieuw) from {MeldingenCel._meta.db_table}
                where week >= %s and week < %s and buurtcode <> '' group by 1, 2, 3, 4""",
            [van, tot],
        )
        rijen = c.fetchall()
    sleutels = sorted({(b, w, h) for b, w, h, _, _ in rijen})
    rij = {s: i for i, s in enumerate(sleutels)}
    y = np.zeros((len(sleutels), len(weken)))
    for b, w, h, week, n in rijen:
        y[rij[(b, w, h)], index[week]] = n
    return Weekmatrix(sleutels, weken, y)


def ontwerp(weken: list[date], begin: date, trend: bool = True) -> np.ndarray:
    """The design matrix rows for these weeks; t in years since `begin`."""
    t = np.array([(w - begin).days / 365.25 for w in weken])
    hoek = 2 * np.pi * np.array([w.isocalendar().week for w in weken]) / 52.0
    kolommen = [np.ones_like(t), t] if trend else [np.ones_like(t)]
    return np.column_stack([*kolommen, np.sin(hoek), np.cos(hoek)])


@dataclass
class Fit:
    beta: np.ndarray  # series × p
    cov: np.ndarray  # series × p × p (φ included)
    phi: np.ndarray  # series
    mu: np.ndarray  # series × n, fitted


def fit(y: np.ndarray, x: np.ndarray, gewichten: np.ndarray | None = None, iteraties: int = 30) -> Fit:
    s, n = y.shape
    p = x.shape[1]
    w0 = np.ones_like(y) if gewichten is None else gewichten
    mu = y + 0.5
    eta = np.log(mu)
    eenheid = np.eye(p) * 1e-8
    for _ in range(iteraties):
        z = eta + (y - mu) / mu
        w = w0 * mu
        xtwx = np.einsum("sn,np,nq->spq", w, x, x) + eenheid
        xtwz = np.einsum("sn,np,sn->sp", w, x, z)
        beta = np.linalg.solve(xtwx, xtwz[..., None])[..., 0]
        nieuw = np.clip(beta @ x.T, -20, 20)
        klaar = np.max(np.abs(nieuw - eta)) < 1e-8
        eta, mu = nieuw, np.exp(nieuw)
        if klaar:
            break
    w = w0 * mu
    xtwx = np.einsum("sn,np,nq->spq", w, x, x) + eenheid
    vrij = np.maximum((w0 > 0).sum(axis=1) - p, 1)
    phi = np.maximum(1.0, (w0 * (y - mu) ** 2 / mu).sum(axis=1) / vrij)
    cov = np.linalg.inv(xtwx) * phi[:, None, None]
    return Fit(beta, cov, phi, mu)


def nb_quantiel(mu, phi, q):
    """The q-quantile of a count with mean μ and variance φ·μ (negative binomial; Poisson when φ = 1)."""
    from scipy import stats

    mu = np.maximum(np.asarray(mu, dtype=float), 1e-9)
    phi = np.asarray(phi, dtype=float)
    poisson = stats.poisson.ppf(q, mu)
    size = mu / np.maximum(phi - 1, 1e-9)
    nb = stats.nbinom.ppf(q, size, 1 / np.maximum(phi, 1 + 1e-9))
    return np.where(phi <= 1 + 1e-6, poisson, nb)


def nb_overschrijding(y, mu, phi):
    """P(Y ≥ y) for a count with mean μ and variance φ·μ."""
    from scipy import stats

    mu = np.maximum(np.asarray(mu, dtype=float), 1e-9)
    phi = np.asarray(phi, dtype=float)
    size = mu / np.maximum(phi - 1, 1e-9)
    nb = stats.nbinom.sf(y - 1, size, 1 / np.maximum(phi, 1 + 1e-9))
    return np.where(phi <= 1 + 1e-6, stats.poisson.sf(y - 1, mu), nb)
