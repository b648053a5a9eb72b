"""The lasso by cyclic coordinate descent.

Objective (the course's convention, bias b not penalized):

    J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m ||w||_1

which is scikit-learn's `Lasso(alpha=lam/m)`.
"""

import numpy as np

from .._validation import as_int, as_lam, as_positive, as_vector, as_Xy
from ..errors import ConvergenceError

__all__ = ["fit_lasso", "lasso_lam_max"]


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
    return float(np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))))


def fit_lasso(X, y, lam, tol=1e-10, max_iter=10_000, w0=None):
    """Minimize J(w, b) = 1/(2m)||Xw + b - y||^2 + lam/m ||w||_1 by coordinate descent.

    On centered data each coordinate update is exact:
    w_j <- S_lam(xc_j^T r_j) / ||xc_j||^2, with r_j the residual without feature j and S the
    soft threshold; then b = mean(y) - mean(X) w. Columns that are constant get w_j = 0.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0
    tol : float > 0
        Stop when a full sweep changes no weight by more than tol * max(1, max|w|).
    max_iter : int >= 1
        Maximum number of sweeps; reaching it raises `ConvergenceError`.
    w0 : ndarray of shape (n,), optional
        Warm start (zeros by default).

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    """
    X, y = as_Xy(X, y)
    lam, tol = as_lam(lam), as_positive(tol, "tol")
    max_iter = as_int(max_iter, "max_iter", minimum=1)
    n = X.shape[1]
    w = np.zeros(n) if w0 is None else as_vector(w0, "w0", n, "one weight per column of X").copy()
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    w = _coordinate_descent(Xc, y - y_mean, lam, w, tol, max_iter)
    return w, float(y_mean - x_mean @ w)


def _coordinate_descent(Xc, yc, lam, w, tol, max_iter):
    col_sq = np.einsum("ij,ij->j", Xc, Xc)
    active = col_sq > 1e-12 * max(col_sq.max(initial=0.0), 1.0)
    w[~active] = 0.0
    r = yc - Xc @ w
    for _ in range(max_iter):
        biggest_change = 0.0
        for j in np.flatnonzero(active):
            old = w[j]
            z = Xc[:, j] @ r + col_sq[j] * old  # xc_j^T (residual without feature j)
            new = np.sign(z) * max(abs(z) - lam, 0.0) / col_sq[j]
            if new != old:
                r -= Xc[:, j] * (new - old)
                w[j] = new
                biggest_change = max(biggest_change, abs(new - old))
        if biggest_change <= tol * max(1.0, np.max(np.abs(w))):
            return w
    raise ConvergenceError(
        f"coordinate descent did not reach tol={tol:g} in max_iter={max_iter} sweeps; "
        f"raise max_iter, loosen tol, or standardize the features")
