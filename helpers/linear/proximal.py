"""The lasso by proximal gradient (ISTA) and by plain subgradient descent.

Objective (the course's convention, bias b not penalized):

    J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m ||w||_1

The two methods differ in how they treat the kink of |w_j| at 0. Subgradient descent steps
along lam/m * sign(w) and so keeps jumping over 0; the proximal step applies the soft threshold
S_{lr lam/m} after the data-gradient step and sets small weights to exactly 0. Counting exact
zeros (`count_exact_zeros`) shows the difference; `fit_lasso` (coordinate descent) is the
reference both are compared with.
"""

import numpy as np

from .._validation import (
    as_array,
    as_float,
    as_int,
    as_lam,
    as_matrix,
    as_positive,
    as_vector,
    as_wb,
    as_Xy,
)
from ..errors import DivergenceError
from .losses import _lasso_loss, _soft_threshold
from .ridge import DescentResult, _hessian_top_eigenvalue

__all__ = ["lasso_lipschitz", "ista_step", "fit_lasso_ista",
           "fit_lasso_subgradient", "count_exact_zeros"]


def lasso_lipschitz(X):
    """L, the largest eigenvalue of the Hessian of the data term in (w, b).

    H = [[X^T X, X^T 1], [1^T X, m]] / m. Proximal gradient with lr <= 1/L decreases J at
    every step; lr = 1/L is the default of `fit_lasso_ista`.

    Parameters
    ----------
    X : ndarray of shape (m, n)

    Returns
    -------
    float
    """
    return _hessian_top_eigenvalue(as_matrix(X), 0.0)


def ista_step(w, b, X, y, lam, lr):
    """One proximal-gradient step on J(w, b) = 1/(2m)||Xw + b - y||^2 + lam/m ||w||_1.

    w <- S_{lr lam/m}(w - lr (1/m) X^T r) and b <- b - lr mean(r), with r = X w + b - y and S
    the soft threshold: a gradient step on the smooth data term, then the exact minimizer of
    1/(2 lr) ||v - w||^2 + lam/m ||v||_1 (the proximal step). The bias has no penalty, so it
    gets a plain gradient step.

    Parameters
    ----------
    w : ndarray of shape (n,)
    b : float
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0
    lr : float > 0

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    """
    X, y = as_Xy(X, y)
    w, b = as_wb(w, b, X.shape[1])
    return _ista_step(w, b, X, y, as_lam(lam), as_positive(lr, "lr"))


def _ista_step(w, b, X, y, lam, lr):
    m = X.shape[0]
    r = X @ w + b - y
    w_new = _soft_threshold(w - lr * (X.T @ r) / m, lr * lam / m)
    return w_new, float(b - lr * np.mean(r))


def _subgradient_step(w, b, X, y, lam, lr):
    m = X.shape[0]
    r = X @ w + b - y
    # sign(0) = 0 is a valid subgradient of |w| at 0 (any value in [-1, 1] is)
    return w - lr * ((X.T @ r) / m + (lam / m) * np.sign(w)), float(b - lr * np.mean(r))


def _run(step, X, y, lam, lr, n_iters, w0, b0, name):
    X, y = as_Xy(X, y)
    lam, n_iters = as_lam(lam), as_int(n_iters, "n_iters", minimum=1)
    L = _hessian_top_eigenvalue(X, 0.0)
    lr = 1.0 / L if lr is None else as_positive(lr, "lr")
    n = X.shape[1]
    w = np.zeros(n) if w0 is None else as_vector(w0, "w0", n, "one weight per column of X")
    b = as_float(b0, "b0")
    losses = np.empty(n_iters + 1)
    losses[0] = _lasso_loss(w, b, X, y, lam)
    for k in range(1, n_iters + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            w, b = step(w, b, X, y, lam, lr)
            losses[k] = _lasso_loss(w, b, X, y, lam)
        if not np.isfinite(losses[k]):
            raise DivergenceError(
                f"{name} diverged at iteration {k}: lr={lr:.4g} exceeds 2/L = {2 / L:.4g}; "
                f"use lr <= 1/L = {1 / L:.4g} (see lasso_lipschitz)")
    return DescentResult(w=w, b=float(b), losses=losses, converged=False)


def fit_lasso_ista(X, y, lam, lr=None, n_iters=1000, w0=None, b0=0.0):
    """Minimize J(w, b) = 1/(2m)||Xw + b - y||^2 + lam/m ||w||_1 by proximal gradient (ISTA).

    Runs exactly n_iters `ista_step`s. With lr <= 1/L the loss never increases and
    J(w_k) - J* <= L ||w_0 - w*||^2 / (2k) (Beck & Teboulle 2009).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0
    lr : float > 0, optional
        Step size; 1/L by default (`lasso_lipschitz`).
    n_iters : int >= 1
        Number of steps (all are taken: there is no stopping test).
    w0 : ndarray of shape (n,), optional
        Starting weights (zeros by default).
    b0 : float
        Starting bias.

    Returns
    -------
    DescentResult
        converged is always False (no stopping test).
    """
    return _run(_ista_step, X, y, lam, lr, n_iters, w0, b0, "proximal gradient")


def fit_lasso_subgradient(X, y, lam, lr=None, n_iters=1000, w0=None, b0=0.0):
    """Plain subgradient descent on J(w, b) = 1/(2m)||Xw + b - y||^2 + lam/m ||w||_1.

    w <- w - lr ((1/m) X^T r + (lam/m) sign(w)), b <- b - lr mean(r): the L1 term is
    differentiated like any other term. With a constant lr the iterates settle into a small
    oscillation around the minimizer, and the weights that should be 0 hover near it without
    landing on it (compare `count_exact_zeros` with `fit_lasso_ista`).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0
    lr : float > 0, optional
        Step size; 1/L by default (`lasso_lipschitz`).
    n_iters : int >= 1
        Number of steps (all are taken: there is no stopping test).
    w0 : ndarray of shape (n,), optional
        Starting weights (zeros by default).
    b0 : float
        Starting bias.

    Returns
    -------
    DescentResult
        converged is always False (no stopping test).
    """
    return _run(_subgradient_step, X, y, lam, lr, n_iters, w0, b0, "subgradient descent")


def count_exact_zeros(w):
    """Number of entries of w that are exactly 0.0 (not merely small).

    Parameters
    ----------
    w : ndarray of shape (n,)

    Returns
    -------
    int
    """
    w = as_array(w, "w", ndim=1)
    return int(np.count_nonzero(w == 0.0))
