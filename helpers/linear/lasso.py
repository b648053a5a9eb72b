"""The lasso and the elastic net by cyclic coordinate descent (the one coordinate descent).

Objectives (the course's convention, bias b not penalized):

    lasso:        J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m ||w||_1
    elastic net:  J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m (rho ||w||_1 + (1 - rho)/2 ||w||^2)

The lasso is scikit-learn's `Lasso(alpha=lam/m)`; the elastic net is
`ElasticNet(alpha=lam/m, l1_ratio=rho)`.
"""

import numpy as np

from .._validation import (
    as_float,
    as_int,
    as_lam,
    as_positive,
    as_vector,
    as_Xy,
    centered,
    renamed,
)
from ..errors import ConvergenceError

__all__ = ["fit_lasso", "fit_elastic_net", "lasso_lam_max"]


def lasso_lam_max(X, y):
    """The smallest lam for which the lasso solution is w = 0: max_j |xc_j^T yc|.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)

    Returns
    -------
    float
    """
    X, y = as_Xy(X, y)
    return float(np.max(np.abs(centered(X).T @ (y - y.mean()))))


def fit_lasso(X, y, lam, tol=1e-10, n_iters=None, w0=None, max_iter=None):
    """Minimize J(w, b) = 1/(2m)||Xw + b - y||^2 + lam/m ||w||_1 by coordinate descent.

    On centered data each coordinate update is exact:
    w_j <- S_lam(xc_j^T r_j) / ||xc_j||^2, with r_j the residual without feature j and S the
    soft threshold; then b = mean(y) - mean(X) w. Constant columns (std at most 1e-12 times the
    column's max |x|, the rule of `Standardizer`) get w_j = 0.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0
    tol : float > 0
        Stop when a full sweep changes no weight by more than tol * max(1, max|w|).
    n_iters : int >= 1, default 10_000
        Maximum number of sweeps; reaching it raises `ConvergenceError`.
    w0 : ndarray of shape (n,), optional
        Warm start (zeros by default).
    max_iter : int, optional
        Old name of n_iters: still accepted, with a FutureWarning.

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    """
    n_iters = renamed(n_iters, max_iter, "n_iters", "max_iter", default=10_000)
    return _fit_checked(X, y, lam, 1.0, tol, n_iters, w0, "fit_lasso")


def fit_elastic_net(X, y, lam, rho=0.5, tol=1e-10, n_iters=10_000, w0=None):
    """Minimize J(w, b) = 1/(2m)||Xw + b - y||^2 + lam/m (rho ||w||_1 + (1-rho)/2 ||w||^2).

    Coordinate descent with the update w_j <- S_{lam rho}(xc_j^T r_j) / (||xc_j||^2 +
    lam (1 - rho)); rho = 1 is `fit_lasso`, rho = 0 is ridge (`ridge_closed_form`).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0
    rho : float in [0, 1]
        The L1 share of the penalty.
    tol : float > 0
        Stop when a full sweep changes no weight by more than tol * max(1, max|w|).
    n_iters : int >= 1
        Maximum number of sweeps; reaching it raises `ConvergenceError`.
    w0 : ndarray of shape (n,), optional
        Warm start (zeros by default).

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    """
    rho = as_float(rho, "rho", minimum=0.0)
    if rho > 1.0:
        raise ValueError(f"rho == {rho}, must be in [0, 1] (the L1 share of the penalty)")
    return _fit_checked(X, y, lam, rho, tol, n_iters, w0, "fit_elastic_net")


def _fit_checked(X, y, lam, rho, tol, n_iters, w0, caller):
    X, y = as_Xy(X, y)
    lam, tol = as_lam(lam), as_positive(tol, "tol")
    n_iters = as_int(n_iters, "n_iters", minimum=1)
    n = X.shape[1]
    w = np.zeros(n) if w0 is None else as_vector(w0, "w0", n, "one weight per column of X").copy()
    return _coordinate_fit(X, y, lam, rho, tol, n_iters, w, caller)


def _coordinate_fit(X, y, lam, rho, tol, n_iters, w, caller="fit_lasso"):
    """Center, run `_coordinate_descent` (w is the warm start, updated in place), return (w, b)."""
    x_mean, y_mean = X.mean(axis=0), y.mean()
    w = _coordinate_descent(centered(X), y - y_mean, lam, rho, w, tol, n_iters, caller)
    return w, float(y_mean - x_mean @ w)


def _coordinate_descent(Xc, yc, lam, rho, w, tol, n_iters, caller):
    """Cyclic coordinate descent for 1/2 ||Xc w - yc||^2 + lam (rho ||w||_1 + (1-rho)/2 ||w||^2).

    Xc comes from `centered`: a constant column is exactly 0, and gets weight 0."""
    col_sq = np.einsum("ij,ij->j", Xc, Xc)
    if not np.all(np.isfinite(col_sq)):
        raise ValueError(f"{caller}: the squared norms of the centered columns of X overflow "
                         f"(values near 1e154 or larger); rescale X first, e.g. standardize it")
    active = col_sq > 0.0
    w[~active] = 0.0
    r = yc - Xc @ w
    l1, l2 = lam * rho, lam * (1.0 - rho)
    for _ in range(n_iters):
        biggest_change = 0.0
        for j in np.flatnonzero(active):
            old = w[j]
            z = Xc[:, j] @ r + col_sq[j] * old  # xc_j^T (residual without feature j)
            new = np.sign(z) * max(abs(z) - l1, 0.0) / (col_sq[j] + l2)
            if new != old:
                r -= Xc[:, j] * (new - old)
                w[j] = new
                biggest_change = max(biggest_change, abs(new - old))
        if biggest_change <= tol * max(1.0, np.max(np.abs(w))):
            return w
    raise ConvergenceError(
        f"{caller}: coordinate descent did not reach tol={tol:g} in n_iters={n_iters} sweeps; "
        f"raise n_iters, loosen tol, or standardize the features")
