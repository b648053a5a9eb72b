"""Penalized versus constrained fits, and the picture of L2 disks and L1 diamonds.

Every penalty of the course is written as (lam/m) P(w), with

    P(w) = 1/2 ||w||_2^2                              (kind 'l2', ridge)
    P(w) = ||w||_1                                    (kind 'l1', lasso)
    P(w) = rho ||w||_1 + (1 - rho)/2 ||w||_2^2        (kind 'elastic', elastic net)

so the penalized problem is  min 1/(2m) ||Xc w - yc||^2 + (lam/m) P(w)  on centered data
(the unpenalized bias is b = mean(y) - mean(X) w). The constrained problem is
min 1/(2m) ||Xc w - yc||^2 subject to P(w) <= t. For each budget t below P(w_OLS) there is a
lam >= 0 giving the same solution (Lagrange duality), found here by bisection.
"""

import numpy as np

from .._validation import (
    as_array,
    as_choice,
    as_float,
    as_int,
    as_lam,
    as_lams,
    as_positive,
    as_Xy,
    centered,
)
from ..errors import ConvergenceError
from .lasso import _coordinate_fit
from .ridge import _ridge_fit

__all__ = ["PENALTY_KINDS", "penalty", "penalized_solution", "constrained_solution",
           "solution_path", "loss_grid", "penalty_boundary"]

PENALTY_KINDS = ("l2", "l1", "elastic")
_BOUNDARY_POINTS = 400  # points of a drawn region boundary (`penalty_boundary`)


def _check_kind(kind, rho):
    kind = as_choice(kind, "kind", PENALTY_KINDS)
    rho = as_float(rho, "rho", minimum=0.0)
    if rho > 1.0:
        raise ValueError(f"rho == {rho}, must be in [0, 1] (the share of the L1 part)")
    return {"l2": 0.0, "l1": 1.0, "elastic": rho}[kind]


def penalty(w, kind="l2", rho=0.5):
    """P(w) for kind 'l2' (1/2 ||w||^2), 'l1' (||w||_1) or 'elastic' (mix with L1 share rho).

    Parameters
    ----------
    w : ndarray of shape (n,) or (k, n)
        One weight vector, or k of them (one per row).
    kind : {'l2', 'l1', 'elastic'}
    rho : float in [0, 1]
        Used by 'elastic' only.

    Returns
    -------
    float, or ndarray of shape (k,)
    """
    share = _check_kind(kind, rho)
    w = as_array(w, "w")
    if w.ndim not in (1, 2):
        raise ValueError(f"w has shape {w.shape} but must be (n,) or (k, n)")
    value = _penalty(w, share)
    return float(value) if w.ndim == 1 else value


def _penalty(w, share):
    return share * np.abs(w).sum(axis=-1) + (1 - share) / 2 * (w**2).sum(axis=-1)


def _penalized(X, y, lam, share):
    if share == 0.0:
        return _ridge_fit(X, y, lam)[0]
    w0 = np.zeros(X.shape[1])
    return _coordinate_fit(X, y, lam, share, 1e-12, 10_000, w0, "penalized_solution")[0]


def penalized_solution(X, y, lam, kind="l2", rho=0.5):
    """The weights minimizing 1/(2m) ||X w + b - y||^2 + (lam/m) P(w) (bias unpenalized).

    'l2' is `ridge_closed_form`; 'l1' and 'elastic' are `fit_elastic_net` (coordinate descent
    with the update w_j = S(z_j, lam rho) / (||xc_j||^2 + lam (1 - rho)); rho = 1 for 'l1').

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0
    kind : {'l2', 'l1', 'elastic'}
    rho : float in [0, 1]

    Returns
    -------
    w : ndarray of shape (n,)
    """
    X, y = as_Xy(X, y)
    return _penalized(X, y, as_lam(lam), _check_kind(kind, rho))


def constrained_solution(X, y, budget, kind="l2", rho=0.5, n_bisect=100):
    """The weights minimizing 1/(2m) ||X w + b - y||^2 subject to P(w) <= budget.

    If the least-squares weights already satisfy the budget they are returned; otherwise the
    solution lies on the boundary P(w) = budget and equals the penalized solution for the lam
    found by bisection on log10(lam) in [-12, 12] (P of the penalized solution decreases as lam
    grows). If even lam = 1e12 leaves P above the budget (a budget too small for the scale of
    the data), the bracket misses the answer and `ConvergenceError` is raised rather than
    returning weights that break the budget.

    Parameters
    ----------
    X : ndarray of shape (m, n), with m > n (least squares must be unique)
    y : ndarray of shape (m,)
    budget : float > 0
    kind : {'l2', 'l1', 'elastic'}
    rho : float in [0, 1]
    n_bisect : int >= 1
        Number of bisection steps on log10(lam).

    Returns
    -------
    w : ndarray of shape (n,)
    lam : float
        The matching penalty (0.0 when the budget is not binding).
    """
    X, y = as_Xy(X, y)
    share = _check_kind(kind, rho)
    budget = as_positive(budget, "budget")
    n_bisect = as_int(n_bisect, "n_bisect", minimum=1)
    if X.shape[0] <= X.shape[1]:
        raise ValueError(f"X has shape {X.shape}; the constrained solution needs m > n")
    w = _penalized(X, y, 0.0, share)
    if _penalty(w, share) <= budget:
        return w, 0.0
    lo, hi = -12.0, 12.0  # log10(lam); the top makes every P(w) tiny for standardized data
    top = _penalty(_penalized(X, y, 10.0**hi, share), share)
    if top > budget:
        raise ConvergenceError(f"constrained_solution: budget == {budget:g} is below P(w) = "
                               f"{top:.4g} even at lam = 1e12, so the bisection bracket misses "
                               f"the answer; standardize X or use a larger budget")
    for _ in range(n_bisect):
        mid = (lo + hi) / 2
        if _penalty(_penalized(X, y, 10.0**mid, share), share) > budget:
            lo = mid
        else:
            hi = mid
    lam = 10.0**hi
    return _penalized(X, y, lam, share), lam


def solution_path(X, y, lams, kind="l2", rho=0.5):
    """Penalized solutions (see `penalized_solution`) for each lam of a grid.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lams : ndarray of shape (k,), values >= 0
        0 gives the least-squares weights.
    kind : {'l2', 'l1', 'elastic'}
    rho : float in [0, 1]

    Returns
    -------
    ndarray of shape (k, n)
    """
    X, y = as_Xy(X, y)
    share = _check_kind(kind, rho)
    lams = as_lams(lams, allow_zero=True)
    return np.array([_penalized(X, y, lam, share) for lam in lams])


def loss_grid(X, y, w1, w2):
    """The data loss 1/(2m) ||Xc w - yc||^2 on a grid of two weights (bias at its optimum).

    Parameters
    ----------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
    w1, w2 : ndarray of shape (k1,) and (k2,)
        Grid values of the first and second weight.

    Returns
    -------
    ndarray of shape (k2, k1)
        Loss at (w1[i], w2[j]) in entry [j, i] (the layout `plt.contour(w1, w2, J)` expects).
    """
    X, y = _check_plane(X, y)
    w1, w2 = as_array(w1, "w1", ndim=1), as_array(w2, "w2", ndim=1)
    return _loss_grid(X, y, w1, w2)


def _check_plane(X, y):
    """X and y checked, X with exactly the 2 columns a picture in the (w1, w2) plane needs."""
    X, y = as_Xy(X, y)
    if X.shape[1] != 2:
        raise ValueError(f"X has {X.shape[1]} columns but the picture needs exactly 2")
    return X, y


def _loss_grid(X, y, w1, w2):
    """`loss_grid` on checked input."""
    Xc, yc = centered(X), y - y.mean()
    m = X.shape[0]
    A, c, d = Xc.T @ Xc / m, Xc.T @ yc / m, yc @ yc / m
    W1, W2 = np.meshgrid(w1, w2)
    # 1/(2m) ||Xc w - yc||^2 = 1/2 w^T A w - c^T w + 1/2 d, expanded for the whole grid at once.
    quad = A[0, 0] * W1**2 + 2 * A[0, 1] * W1 * W2 + A[1, 1] * W2**2
    return 0.5 * quad - (c[0] * W1 + c[1] * W2) + 0.5 * d


def penalty_boundary(budget, kind="l2", rho=0.5, n_points=_BOUNDARY_POINTS):
    """Points of the curve P(w) = budget in two dimensions (a disk, a diamond, or between).

    Along direction u the radius r solves share*||u||_1 r + (1-share)/2 ||u||^2 r^2 = budget.

    Parameters
    ----------
    budget : float > 0
    kind : {'l2', 'l1', 'elastic'}
    rho : float in [0, 1]
    n_points : int >= 8

    Returns
    -------
    ndarray of shape (n_points, 2)
    """
    share = _check_kind(kind, rho)
    budget = as_positive(budget, "budget")
    return _penalty_boundary(budget, share, as_int(n_points, "n_points", minimum=8))


def _penalty_boundary(budget, share, n_points):
    """`penalty_boundary` on checked input, with the L1 share of `_check_kind`."""
    theta = np.linspace(0, 2 * np.pi, n_points)
    u = np.column_stack([np.cos(theta), np.sin(theta)])
    a, c = (1 - share) / 2, share * np.abs(u).sum(axis=1)  # a r^2 + c r - budget = 0, ||u||=1
    r = budget / c if a == 0 else (-c + np.sqrt(c**2 + 4 * a * budget)) / (2 * a)
    return u * r[:, None]
