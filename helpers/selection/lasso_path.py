"""The lasso path: `fit_lasso` over a grid of lam, each fit warm-started from the previous one.

Objective (the course's convention, bias b not penalized):

    J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m ||w||_1       (scikit-learn Lasso(alpha=lam/m))
"""

import numpy as np

from .._validation import as_int, as_lams, as_positive, as_Xy, renamed
from ..linear.lasso import _coordinate_fit

__all__ = ["lasso_path"]


def lasso_path(X, y, lams, tol=1e-10, n_iters=None, max_iter=None):
    """Lasso weights and biases for every lam in a grid, with warm starts.

    The grid is solved from the largest lam (where most weights are 0) to the smallest, each
    coordinate-descent run starting from the previous solution (as `fit_lasso(..., w0=...)`):
    neighbouring solutions are close, so each run needs only a few sweeps. Results come back
    in the order of `lams`.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lams : ndarray of shape (k,), values > 0
    tol : float > 0
        Stop each fit when a full sweep changes no weight by more than tol * max(1, max|w|)
        (as in `fit_lasso`).
    n_iters : int >= 1, default 10_000
        Sweeps allowed per lam; reaching it raises `ConvergenceError`.
    max_iter : int, optional
        Old name of n_iters: still accepted, with a FutureWarning.

    Returns
    -------
    W : ndarray of shape (k, n)
        W[i] minimizes J at lams[i]; count its non-zeros with np.count_nonzero(W, axis=1).
    b : ndarray of shape (k,)
    """
    X, y = as_Xy(X, y)
    lams = as_lams(lams)
    n_iters = renamed(n_iters, max_iter, "n_iters", "max_iter", default=10_000)
    tol, n_iters = as_positive(tol, "tol"), as_int(n_iters, "n_iters", minimum=1)
    return _lasso_path(X, y, lams, tol, n_iters)


def _lasso_path(X, y, lams, tol, n_iters):
    """`lasso_path` on checked input."""
    W, b = np.zeros((lams.size, X.shape[1])), np.zeros(lams.size)
    w = np.zeros(X.shape[1])
    for i in np.argsort(-lams, kind="stable"):            # largest lam first
        w, b[i] = _coordinate_fit(X, y, lams[i], 1.0, tol, n_iters, w.copy(), "lasso_path")
        W[i] = w
    return W, b
