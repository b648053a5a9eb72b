"""Early stopping compared with L2: spectral filters and the matching lam (GBC section 7.8).

Gradient descent on the unregularized loss 1/(2m)||Xw + b - y||^2, started at w = 0 with step
lr, has after tau steps, along each singular direction v_j of the centered design,

    v_j^T w_tau = [1 - (1 - lr s_j^2/m)^tau] v_j^T w_ls           (early-stopping filter)

while ridge, J = 1/(2m)||Xw + b - y||^2 + lam/(2m)||w||^2, has

    v_j^T w_lam = [s_j^2 / (s_j^2 + lam)] v_j^T w_ls               (ridge filter)

For lr s_j^2/m << 1 the first is about 1 - exp(-s_j^2/lam) with lam = m/(lr tau): both filters
are ~s_j^2/lam for small s_j^2 and ~1 for large s_j^2, and in between they differ by up to about
0.204. Early stopping and L2 are qualitatively, not exactly, equivalent.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_int, as_lam, as_matrix, as_positive, as_Xy, centered, renamed
from ..linear.curvature import _factors, shrinkage_factors
from ..linear.ridge import _gradient_descent, _ridge_fit

__all__ = ["equivalent_lam", "early_stopping_filter", "ridge_filter", "continuum_filters",
           "continuum_filter_gap",
           "EarlyStoppingComparison", "compare_early_stopping"]


def equivalent_lam(m, lr, n_iters=None, n_steps=None):
    """lam ~ m / (lr * tau): the ridge strength that tau steps of size lr roughly mimic.

    GBC eq. 7.45 (alpha ~ 1/(tau eps)) in the course's units, where alpha = lam/m.

    Parameters
    ----------
    m : int >= 1
        Number of training samples.
    lr : float > 0
    n_iters : int >= 1
        tau, the number of gradient-descent steps.
    n_steps : int, optional
        Old name of n_iters: still accepted, with a FutureWarning.

    Returns
    -------
    float
    """
    m = as_int(m, "m", minimum=1)
    n_iters = renamed(n_iters, n_steps, "n_iters", "n_steps")
    return m / (as_positive(lr, "lr") * as_int(n_iters, "n_iters", minimum=1))


def early_stopping_filter(X, lr, n_iters=None, n_steps=None):
    """1 - (1 - lr s_j^2/m)^tau for each singular value s_j of the centered design.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    lr : float > 0
    n_iters : int >= 1
        tau, the number of gradient-descent steps.
    n_steps : int, optional
        Old name of n_iters: still accepted, with a FutureWarning.

    Returns
    -------
    s : ndarray of shape (min(m, n),)
    factors : ndarray of shape (min(m, n),)
    """
    X = as_matrix(X)
    n_iters = renamed(n_iters, n_steps, "n_iters", "n_steps")
    lr, n_iters = as_positive(lr, "lr"), as_int(n_iters, "n_iters", minimum=1)
    return _early_stopping_filter(X, lr, n_iters)


def _early_stopping_filter(X, lr, n_iters):
    s = np.linalg.svd(centered(X), compute_uv=False)
    return s, 1.0 - (1.0 - lr * s**2 / X.shape[0]) ** n_iters


def ridge_filter(X, lam):
    """s_j^2 / (s_j^2 + lam) for each singular value of the centered design.

    The same numbers as `shrinkage_factors`; kept under this name beside `early_stopping_filter`.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    lam : float >= 0

    Returns
    -------
    s, factors : ndarrays of shape (min(m, n),)
    """
    return shrinkage_factors(X, lam)


def _as_ratio(ratio):
    r = np.asarray(ratio, dtype=float)
    if r.size == 0 or not np.all(np.isfinite(r)) or np.any(r < 0):
        raise ValueError(f"ratio must be finite numbers >= 0, got {ratio!r}")
    return r


def continuum_filters(ratio):
    """The two filters in the small-step limit, as functions of r = s_j^2/lam.

    Early stopping at lam = m/(lr tau): 1 - exp(-r); ridge: r/(1 + r).

    Parameters
    ----------
    ratio : float or ndarray, >= 0

    Returns
    -------
    early, ridge : float or ndarray of the shape of ratio
    """
    r = _as_ratio(ratio)
    early, ridge = -np.expm1(-r), r / (1.0 + r)
    if r.ndim == 0:
        return float(early), float(ridge)
    return early, ridge


def continuum_filter_gap(ratio):
    """(1 - exp(-r)) - r/(1 + r): early-stopping minus ridge filter, with r = s_j^2/lam.

    This is the small-step limit of the two filters. Its largest absolute value, about 0.204
    near r = 2.5, is how far from identical the two regularizers can be.

    Parameters
    ----------
    ratio : float or ndarray, >= 0

    Returns
    -------
    float or ndarray of the shape of ratio
    """
    early, ridge = continuum_filters(ratio)
    return early - ridge


@dataclass(frozen=True)
class EarlyStoppingComparison:
    """Gradient descent stopped after n_iters against ridge at lam = m/(lr n_iters).

    Attributes
    ----------
    lam : float
        The matching ridge strength m/(lr tau).
    w_gd, w_ridge : ndarray of shape (n,)
    b_gd, b_ridge : float
    s : ndarray of shape (k,)
        Singular values of the centered design.
    filter_gd, filter_ridge : ndarray of shape (k,)
    max_filter_gap : float
        max_j |filter_gd - filter_ridge|.
    rel_coef_diff : float
        ||w_gd - w_ridge|| / ||w_ridge||.
    """

    lam: float
    w_gd: np.ndarray
    w_ridge: np.ndarray
    b_gd: float
    b_ridge: float
    s: np.ndarray
    filter_gd: np.ndarray
    filter_ridge: np.ndarray
    max_filter_gap: float
    rel_coef_diff: float


def compare_early_stopping(X, y, lr, n_iters=None, lam=None, n_steps=None):
    """Run tau = n_iters steps of gradient descent (lam = 0, from w = 0, b = 0) and compare with
    ridge at lam = m/(lr tau).

    The features are centered before gradient descent so the bias decouples from w (the weights
    are the same in either parametrization); `fit_ridge_gd` does the steps.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lr : float > 0
        Must be below 2/L (`max_stable_lr`), else `DivergenceError`.
    n_iters : int >= 1
        tau, the number of gradient-descent steps.
    lam : float >= 0, optional
        Ridge strength to compare with; `equivalent_lam(m, lr, n_iters)` by default.
    n_steps : int, optional
        Old name of n_iters: still accepted, with a FutureWarning.

    Returns
    -------
    EarlyStoppingComparison
    """
    X, y = as_Xy(X, y)
    n_iters = renamed(n_iters, n_steps, "n_iters", "n_steps")
    lr, n_iters = as_positive(lr, "lr"), as_int(n_iters, "n_iters", minimum=1)
    m = X.shape[0]
    lam = m / (lr * n_iters) if lam is None else as_lam(lam)
    x_mean = X.mean(axis=0)
    gd = _gradient_descent(centered(X), y, 0.0, lr, n_iters, np.finfo(float).tiny,
                           np.zeros(X.shape[1]), 0.0)
    w_ridge, b_ridge = _ridge_fit(X, y, lam)
    s, f_gd = _early_stopping_filter(X, lr, n_iters)
    f_ridge = _factors(s, X.shape, lam)
    return EarlyStoppingComparison(
        lam=float(lam), w_gd=gd.w, w_ridge=w_ridge, b_gd=float(gd.b - x_mean @ gd.w),
        b_ridge=b_ridge, s=s, filter_gd=f_gd, filter_ridge=f_ridge,
        max_filter_gap=float(np.max(np.abs(f_gd - f_ridge))),
        rel_coef_diff=float(np.linalg.norm(gd.w - w_ridge) / np.linalg.norm(w_ridge)))
