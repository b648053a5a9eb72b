"""Dropout on the inputs of linear regression: its exact expected loss and closed-form fit.

With inverted dropout, each entry of X is kept with probability p (mask R_ij ~ Bernoulli(p))
and divided by p, so E[(R * X)/p] = X. For a fixed w the expected squared error is exact:

    E_R ||y - ((R * X)/p) w||^2 = ||y - X w||^2 + ((1 - p)/p) sum_j w_j^2 ||x_j||^2,

where x_j is column j of X (Srivastava et al. 2014, section 9.1, in their non-inverted
convention; Wager et al. 2013). Dividing by 2m, dropout is the course's ridge with a per-feature
strength lam_j = ((1 - p)/p) ||x_j||^2, whose minimizer is

    w = (X^T X + ((1 - p)/p) diag(X^T X))^{-1} X^T y.

No bias here: center X and y first (the bias is not dropped out or penalized).

Argument order follows the course: losses take the weights first, (w, X, y, keep), fitters take
the data first, (X, y, keep, ...). A loss called in the older data-first order (X, y, w, keep)
raises a TypeError that says so; it is never guessed.
"""

import numpy as np

from .._validation import as_float, as_int, as_matrix, as_positive, as_rng, as_vector, as_Xy
from ..errors import DivergenceError

__all__ = ["dropout_penalty", "expected_dropout_loss", "monte_carlo_dropout_loss",
           "dropout_ridge_fit", "fit_dropout_gd"]


def _as_keep(keep):
    keep = as_float(keep, "keep")
    if not 0.0 < keep <= 1.0:
        raise ValueError(f"keep == {keep}, must be in (0, 1] (the keep probability p; "
                         f"PyTorch's nn.Dropout(rate) has p = 1 - rate)")
    return keep


def _refuse_data_first(w, X, caller, old_order):
    """A 2-D first argument followed by a 1-D one is the older data-first order: say so instead
    of guessing. (A weight column of shape (n, 1) before X falls through to `as_vector`, which
    asks for a 1-D w.)"""
    if np.ndim(w) == 2 and np.ndim(X) == 1:
        raise TypeError(f"{caller} takes the weights first: {caller}(w, X, ...), got a 2-D first "
                        f"argument of shape {np.shape(w)} and a 1-D second one; the older "
                        f"data-first order {old_order} is no longer accepted")


def _checked(w, X, y, keep, caller):
    _refuse_data_first(w, X, caller, "(X, y, w, keep)")
    X, y = as_Xy(X, y)
    w = as_vector(w, "w", length=X.shape[1], length_of="one weight per column of X")
    return X, y, w, _as_keep(keep)


def dropout_penalty(w, X, keep):
    """((1 - p)/p) sum_j w_j^2 ||x_j||^2, the extra term dropout adds in expectation.

    Parameters
    ----------
    w : ndarray of shape (n,)
    X : ndarray of shape (m, n)
    keep : float in (0, 1]
        Keep probability p.

    Returns
    -------
    float
    """
    _refuse_data_first(w, X, "dropout_penalty", "(X, w, keep)")
    X = as_matrix(X)
    w = as_vector(w, "w", length=X.shape[1], length_of="one weight per column of X")
    keep = _as_keep(keep)
    return float((1 - keep) / keep * np.sum(w**2 * np.sum(X**2, axis=0)))


def expected_dropout_loss(w, X, y, keep):
    """E_R ||y - ((R * X)/p) w||^2 = ||y - X w||^2 + ((1 - p)/p) sum_j w_j^2 ||x_j||^2 (exact).

    Parameters
    ----------
    w : ndarray of shape (n,)
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    keep : float in (0, 1]
        Keep probability p.

    Returns
    -------
    float
    """
    X, y, w, keep = _checked(w, X, y, keep, "expected_dropout_loss")
    r = y - X @ w
    return float(r @ r + (1 - keep) / keep * np.sum(w**2 * np.sum(X**2, axis=0)))


def monte_carlo_dropout_loss(w, X, y, keep, n_masks, rng):
    """Average of ||y - ((R * X)/p) w||^2 over `n_masks` random masks, and its standard error.

    Parameters
    ----------
    w : ndarray of shape (n,)
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    keep : float in (0, 1]
        Keep probability p.
    n_masks : int >= 2
    rng : numpy Generator or int seed

    Returns
    -------
    mean : float
    std_error : float
        Standard deviation of the n_masks losses divided by sqrt(n_masks).
    """
    X, y, w, keep = _checked(w, X, y, keep, "monte_carlo_dropout_loss")
    n_masks, rng = as_int(n_masks, "n_masks", minimum=2), as_rng(rng)
    losses = np.empty(n_masks)
    for k in range(n_masks):  # one (m, n) mask at a time: memory stays O(m n)
        r = y - ((rng.random(X.shape) < keep) * X / keep) @ w
        losses[k] = r @ r
    return float(losses.mean()), float(losses.std(ddof=1) / np.sqrt(n_masks))


def dropout_ridge_fit(X, y, keep):
    """Minimizer of the expected dropout loss: (X^T X + ((1 - p)/p) diag(X^T X))^{-1} X^T y.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Centered features (no bias is fitted).
    y : ndarray of shape (m,)
    keep : float in (0, 1]
        At keep = 1 this is ordinary least squares (X must then have full column rank).

    Raises
    ------
    ValueError
        When keep < 1 and a column of X is all zeros (its weight is not determined).

    Returns
    -------
    w : ndarray of shape (n,)
    """
    X, y = as_Xy(X, y)
    keep = _as_keep(keep)
    if keep == 1.0:  # plain least squares; lstsq also copes with a rank-deficient X
        return np.linalg.lstsq(X, y, rcond=None)[0]
    G = X.T @ X
    zero = np.flatnonzero(np.diag(G) == 0.0)
    if zero.size:  # its row and column of A are zero: A is singular, and no penalty helps
        raise ValueError(f"X has all-zero column(s) {zero.tolist()}: dropout penalizes w_j by "
                         f"||x_j||^2 = 0, so their weights are not determined; drop those "
                         f"columns (e.g. X[:, X.any(axis=0)])")
    A = G + (1 - keep) / keep * np.diag(np.diag(G))
    return np.linalg.solve(A, X.T @ y)


def fit_dropout_gd(X, y, keep, lr, n_iters, rng, average_last=None):
    """Gradient descent on 1/(2m)||y - ((R * X)/p) w||^2 with a fresh mask R every step.

    The iterates keep jittering (every step sees a different mask), so the estimate is the
    average of the last `average_last` iterates (Polyak averaging). It approaches
    `dropout_ridge_fit(X, y, keep)` as lr -> 0 and n_iters grows.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    keep : float in (0, 1]
        Keep probability p.
    lr : float > 0
    n_iters : int >= 1
        Number of steps (all are taken).
    rng : numpy Generator or int seed
    average_last : int, optional
        Number of final iterates averaged (default: the second half).

    Returns
    -------
    w : ndarray of shape (n,)
    """
    X, y = as_Xy(X, y)
    keep, lr = _as_keep(keep), as_positive(lr, "lr")
    n_iters, rng = as_int(n_iters, "n_iters", minimum=1), as_rng(rng)
    average_last = n_iters // 2 + 1 if average_last is None else as_int(
        average_last, "average_last", minimum=1, maximum=n_iters)
    m, w = X.shape[0], np.zeros(X.shape[1])
    w_sum = np.zeros_like(w)
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(n_iters):
            X_drop = (rng.random(X.shape) < keep) * X / keep
            w = w - lr * X_drop.T @ (X_drop @ w - y) / m
            if step >= n_iters - average_last:
                w_sum += w
    if not np.all(np.isfinite(w)):
        G = X.T @ X
        bound = 2 * m / np.linalg.eigvalsh(G + (1 - keep) / keep * np.diag(np.diag(G)))[-1]
        raise DivergenceError(f"dropout gradient descent diverged: lr={lr:.4g} is too large; "
                              f"use lr well below 2m/L = {bound:.4g}")
    return w_sum / average_last
