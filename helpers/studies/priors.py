"""The Bayesian (MAP) view of L2 and L1, and a simulation of how lam chosen from data behaves.

Model: y = X w + b + noise, noise ~ N(0, sigma^2) per sample, a flat prior on b, and either

    w_j ~ N(0, tau^2)        =>  MAP = ridge with lam = sigma^2 / tau^2
    w_j ~ Laplace(0, scale)  =>  MAP = lasso with lam = sigma^2 / scale

in the course's convention J = 1/(2m)||Xw + b - y||^2 + lam/(2m)||w||^2 (ridge) or
+ lam/m ||w||_1 (lasso): -log p(w, b | y) = (m / sigma^2) J(w, b) + const.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_int, as_lams, as_positive, as_rng, as_wb, as_Xy, centered
from ..selection.ridge_path import _loo_cv_ridge

__all__ = ["PRIOR_SIM_LAMS", "neg_log_posterior", "map_gaussian", "PriorLamSelection",
           "simulate_lam_selection"]

PRIORS = ("gaussian", "laplace")

# The default grid of simulate_lam_selection: independent of sigma and tau.
PRIOR_SIM_LAMS = np.logspace(-1.975, 1.975, 80)


def neg_log_posterior(w, b, X, y, sigma, prior="gaussian", scale=1.0):
    """-log p(w, b | X, y) up to an additive constant.

    ||X w + b - y||^2 / (2 sigma^2) + ||w||^2 / (2 scale^2)   for prior 'gaussian' (scale = tau)
    ||X w + b - y||^2 / (2 sigma^2) + ||w||_1 / scale         for prior 'laplace'

    Parameters
    ----------
    w : ndarray of shape (n,) ; b : float
    X : ndarray of shape (m, n) ; y : ndarray of shape (m,)
    sigma : float > 0
        Noise standard deviation.
    prior : {'gaussian', 'laplace'}
    scale : float > 0
        tau (Gaussian standard deviation) or the Laplace scale.

    Returns
    -------
    float
    """
    X, y = as_Xy(X, y)
    w, b = as_wb(w, b, X.shape[1])
    sigma, scale = as_positive(sigma, "sigma"), as_positive(scale, "scale")
    if prior not in PRIORS:
        raise ValueError(f"prior == {prior!r}, must be one of {PRIORS}")
    r = X @ w + b - y
    log_prior = w @ w / (2 * scale**2) if prior == "gaussian" else np.sum(np.abs(w)) / scale
    return float(r @ r / (2 * sigma**2) + log_prior)


def map_gaussian(X, y, sigma, tau):
    """Posterior mode (= mean) of w under w ~ N(0, tau^2 I), written the Bayesian way.

    w = (Xc^T Xc / sigma^2 + I / tau^2)^{-1} Xc^T yc / sigma^2 and b = mean(y) - mean(X) w,
    which is `ridge_closed_form(X, y, sigma**2 / tau**2)`.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    sigma : float > 0
        Noise standard deviation.
    tau : float > 0
        Prior scale.

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    """
    X, y = as_Xy(X, y)
    sigma, tau = as_positive(sigma, "sigma"), as_positive(tau, "tau")
    Xc, yc = centered(X), y - y.mean()
    precision = Xc.T @ Xc / sigma**2 + np.eye(X.shape[1]) / tau**2
    w = np.linalg.solve(precision, Xc.T @ yc / sigma**2)
    return w, float(y.mean() - X.mean(axis=0) @ w)


@dataclass(frozen=True)
class PriorLamSelection:
    """lam chosen by exact leave-one-out CV on data sets drawn from the Gaussian prior.

    Attributes
    ----------
    selected : ndarray of shape (n_datasets,)
        The grid lam with the smallest LOO error, per data set.
    lam_bayes : float
        sigma^2 / tau^2.
    lams : ndarray of shape (k,)
        The grid searched.
    """

    selected: np.ndarray
    lam_bayes: float
    lams: np.ndarray

    @property
    def median(self):
        return float(np.median(self.selected))


def simulate_lam_selection(m, n, sigma, tau, n_datasets, rng, lams=None):
    """Draw data sets from the model of this module and pick lam on each by exact LOO.

    For each data set: X ~ N(0, 1) of shape (m, n), w ~ N(0, tau^2 I), b = 0,
    y = X w + sigma * N(0, 1). If the Bayesian reading is right, the selected lam values
    concentrate near sigma^2 / tau^2.

    Parameters
    ----------
    m, n : int >= 3 and >= 1
    sigma, tau : float > 0
    n_datasets : int >= 1
    rng : numpy Generator or int seed
    lams : ndarray of shape (k,), values > 0, optional
        Grid (default: PRIOR_SIM_LAMS, 80 values 0.05 decades apart (a factor 1.122), from
        10^-1.975 ~ 0.011 to 10^1.975 ~ 94; fixed, independent of sigma and tau).

    Returns
    -------
    PriorLamSelection
    """
    m, n = as_int(m, "m", minimum=3), as_int(n, "n", minimum=1)   # leave-one-out needs m >= 3
    sigma, tau = as_positive(sigma, "sigma"), as_positive(tau, "tau")
    n_datasets, rng = as_int(n_datasets, "n_datasets", minimum=1), as_rng(rng)
    lam_bayes = sigma**2 / tau**2
    lams = PRIOR_SIM_LAMS.copy() if lams is None else as_lams(lams)
    selected = np.empty(n_datasets)
    for k in range(n_datasets):
        X = rng.standard_normal((m, n))
        y = X @ (tau * rng.standard_normal(n)) + sigma * rng.standard_normal(m)
        selected[k] = lams[np.argmin(_loo_cv_ridge(X, y, lams))]
    return PriorLamSelection(selected=selected, lam_bayes=float(lam_bayes), lams=lams)
