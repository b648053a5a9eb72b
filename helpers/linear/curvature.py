"""Curvature of the ridge objective: Hessian, condition number, shrinkage, iteration counts.

Objective (the course's convention, bias b not penalized):

    J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2

With centered features Xc = X - mean(X) the bias decouples (its curvature is exactly 1) and
the Hessian in w is the constant matrix H = (Xc^T Xc + lam I)/m. If s_1 >= ... >= s_n are the
singular values of Xc (s_j = 0 beyond the rank), its eigenvalues are (s_j^2 + lam)/m, so

    kappa(lam) = (s_max^2 + lam) / (s_min^2 + lam)       (condition number)
    s_j^2 / (s_j^2 + lam)                                 (ridge shrinkage along direction j)

Gradient descent with lr = 1/L needs about kappa * log(1/tol) steps; the step-size bound 2/L
itself is `max_stable_lr`.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_int, as_lam, as_matrix, as_positive, as_Xy, centered, renamed
from ..errors import ConvergenceError, DivergenceError
from .ridge import _hessian_wb, _kept, _ridge_fit

__all__ = ["centered_hessian", "hessian_wb", "hessian_eigenvalues", "condition_number",
           "shrinkage_factors", "Shrinkage", "ridge_shrinkage", "gd_iterations_to_tol"]


def _centered_singular_values(X):
    """Singular values of Xc, padded with zeros to length n (m <= n leaves null directions)."""
    s = np.linalg.svd(centered(X), compute_uv=False)
    return np.concatenate([s, np.zeros(X.shape[1] - s.size)])


def centered_hessian(X, lam):
    """H = (Xc^T Xc + lam I) / m, the Hessian of J in w once the features are centered.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    lam : float >= 0

    Returns
    -------
    ndarray of shape (n, n)
    """
    X, lam = as_matrix(X), as_lam(lam)
    return _centered_hessian(X, lam)


def _centered_hessian(X, lam):
    Xc = centered(X)
    return (Xc.T @ Xc + lam * np.eye(X.shape[1])) / X.shape[0]


def hessian_wb(X, lam):
    """The full Hessian of J in (w, b), features as given (not centered).

    H = [[X^T X + lam I, X^T 1], [1^T X, m]] / m: the bias has curvature 1 whatever lam is,
    and the cross term X^T 1 / m (the feature means) couples it to w unless X is centered.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    lam : float >= 0

    Returns
    -------
    ndarray of shape (n + 1, n + 1)
        Rows and columns ordered (w_1, ..., w_n, b).
    """
    return _hessian_wb(as_matrix(X), as_lam(lam))


def hessian_eigenvalues(X, lam):
    """Eigenvalues (s_j^2 + lam)/m of `centered_hessian`, largest first.

    Computed from the singular values s_j of Xc (more accurate than eigvalsh of Xc^T Xc for
    the small ones).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    lam : float >= 0

    Returns
    -------
    ndarray of shape (n,)
    """
    return _eigenvalues(as_matrix(X), as_lam(lam))


def condition_number(X, lam):
    """kappa(lam) = (s_max^2 + lam) / (s_min^2 + lam) of the centered Hessian.

    It is infinite when lam == 0 and Xc has a null direction (m <= n or collinear columns):
    then J has no unique minimizer. Any lam > 0 makes it finite.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    lam : float >= 0

    Returns
    -------
    float
    """
    return _kappa(as_matrix(X), as_lam(lam))


def _kappa(X, lam):
    eig = _eigenvalues(X, lam)
    return float("inf") if eig[-1] == 0 else float(eig[0] / eig[-1])


def _eigenvalues(X, lam):
    """(s_j^2 + lam)/m, largest first, round-off singular values counted as 0."""
    return (_kept(_centered_singular_values(X), X.shape) ** 2 + lam) / X.shape[0]



def shrinkage_factors(X, lam):
    """The ridge shrinkage s_j^2 / (s_j^2 + lam) along each singular direction of Xc.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    lam : float >= 0

    Returns
    -------
    s : ndarray of shape (min(m, n),)
        Singular values of the centered design, largest first.
    factors : ndarray of shape (min(m, n),)
        In [0, 1]; 1 means "kept as least squares", 0 "shrunk away". Directions whose s_j is
        at round-off level (<= s_max * max(m, n) * eps, e.g. the centered design's null
        direction when m <= n) are null directions: factor 0, also at lam = 0.
    """
    X, lam = as_matrix(X), as_lam(lam)
    s = np.linalg.svd(centered(X), compute_uv=False)
    return s, _factors(s, X.shape, lam)


def _factors(s, shape, lam):
    """s_j^2 / (s_j^2 + lam) for the kept directions, 0 for the round-off ones."""
    kept = _kept(s, shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(kept > 0, kept**2 / (kept**2 + lam), 0.0)


@dataclass(frozen=True)
class Shrinkage:
    """Ridge and least-squares weights seen along the singular directions of Xc.

    Attributes
    ----------
    s : ndarray of shape (k,)
        Singular values of Xc, largest first (k = min(m, n)).
    predicted : ndarray of shape (k,)
        s^2 / (s^2 + lam).
    measured : ndarray of shape (k,)
        (v_j^T w_ridge) / (v_j^T w_ls), from the two fitted weight vectors.
    """

    s: np.ndarray
    predicted: np.ndarray
    measured: np.ndarray


def ridge_shrinkage(X, y, lam):
    """Fit ridge and least squares, and compare their coordinates along each direction v_j.

    Least squares is `ridge_closed_form` at lam = 0 (minimum norm when m <= n). Directions in
    which the least-squares coordinate is 0 get measured = nan.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0

    Returns
    -------
    Shrinkage
    """
    X, y = as_Xy(X, y)
    lam = as_lam(lam)
    _, s, Vt = np.linalg.svd(centered(X), full_matrices=False)
    w_ridge, _ = _ridge_fit(X, y, lam)
    w_ls, _ = _ridge_fit(X, y, 0.0)
    along_ridge, along_ls = Vt @ w_ridge, Vt @ w_ls
    with np.errstate(invalid="ignore", divide="ignore"):
        measured = np.where(np.abs(along_ls) > 1e-300, along_ridge / along_ls, np.nan)
    predicted = _factors(s, X.shape, lam)
    return Shrinkage(s=s, predicted=predicted, measured=measured)


def gd_iterations_to_tol(X, y, lam, lr=None, tol=1e-8, n_iters=None, max_iter=None):
    """Steps of gradient descent from w = 0 until ||w_k - w*|| <= tol ||w*||.

    Runs real gradient descent w <- w - lr (H w - Xc^T yc / m) on the centered problem, with
    H = (Xc^T Xc + lam I)/m and w* from `ridge_closed_form`. With lr = 1/L (the default) the
    count grows like kappa * log(1/tol). For centered X these are exactly the w iterates of
    `fit_ridge_gd` with the same lr: the bias decouples from w, so its own convergence (rate
    1 - lr per step, curvature 1 whatever lam is) is not counted. Center X before calling this
    if you want the count to describe `fit_ridge_gd` on the same data.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0
    lr : float > 0, optional
        Step size; 1/L by default, L the largest eigenvalue of H.
    tol : float > 0
        Relative distance to the minimizer: stop when ||w_k - w*|| <= tol ||w*||.
    n_iters : int >= 1, default 1_000_000
        Maximum number of steps.
    max_iter : int, optional
        Old name of n_iters: still accepted, with a FutureWarning.

    Returns
    -------
    int
        Number of steps taken; raises `DivergenceError` if the error grows past 1e6 ||w*||,
        and `ConvergenceError` if n_iters steps were not enough.
    """
    X, y = as_Xy(X, y)
    lam, tol = as_lam(lam), as_positive(tol, "tol")
    n_iters = renamed(n_iters, max_iter, "n_iters", "max_iter", default=1_000_000)
    n_iters = as_int(n_iters, "n_iters", minimum=1)
    Xc = centered(X)
    H = _centered_hessian(X, lam)
    L = float(np.linalg.eigvalsh(H)[-1])
    lr = 1.0 / L if lr is None else as_positive(lr, "lr")
    g = Xc.T @ (y - y.mean()) / X.shape[0]
    w_star, _ = _ridge_fit(X, y, lam)
    target = tol * np.linalg.norm(w_star)
    w = np.zeros(X.shape[1])
    step_matrix, step_offset = np.eye(X.shape[1]) - lr * H, lr * g  # w <- (I - lr H) w + lr g
    for k in range(1, n_iters + 1):
        w = step_matrix @ w + step_offset
        err = np.linalg.norm(w - w_star)
        if err <= target:
            return k
        if not err <= 1e6 * max(np.linalg.norm(w_star), 1.0):
            raise DivergenceError(f"gd_iterations_to_tol: gradient descent diverged at iteration "
                                  f"{k}: lr={lr:.4g} exceeds 2/L = {2 / L:.4g}")
    raise ConvergenceError(f"gd_iterations_to_tol: tol={tol:g} not reached in n_iters={n_iters} "
                           f"steps; raise n_iters or lam (kappa = {_kappa(X, lam):.4g})")
