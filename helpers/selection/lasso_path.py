"""The lasso path: `fit_lasso` over a grid of lam, each fit warm-started from the previous one.

Objective (the course's convention, bias b not penalized):

    J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m ||w||_1       (scikit-learn Lasso(alpha=lam/m))
"""

import numpy as np

from .._validation import as_int, as_lams, as_positive, as_Xy
from ..linear.lasso import fit_lasso

__all__ = ["lasso_path"]


def lasso_path(X, y, lams, tol=1e-10, max_iter=10_000):
    """Lasso weights and biases for every lam in a grid, with warm starts.

    The grid is solved from the largest lam (where most weights are 0) to the smallest, each
    coordinate-descent run starting from the previous solution (`fit_lasso(..., w0=...)`):
    neighbouring solutions are close, so each run needs only a few sweeps. Results come back
    in the order of `lams`.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lams : ndarray of shape (k,), values > 0
    tol : float > 0
        Passed to `fit_lasso`.
    max_iter : int >= 1
        Sweeps allowed per lam, passed to `fit_lasso`.

    Returns
    -------
    W : ndarray of shape (k, n)
        W[i] minimizes J at lams[i]; count its non-zeros with np.count_nonzero(W, axis=1).
    b : ndarray of shape (k,)
    """
    X, y = as_Xy(X, y)
    lams = as_lams(lams)
    tol, max_iter = as_positive(tol, "tol"), as_int(max_iter, "max_iter", minimum=1)
    W, b = np.zeros((lams.size, X.shape[1])), np.zeros(lams.size)
    w = np.zeros(X.shape[1])
    for i in np.argsort(-lams, kind="stable"):            # largest lam first
        w, b[i] = fit_lasso(X, y, lams[i], tol=tol, max_iter=max_iter, w0=w)
        W[i] = w
    return W, b
