"""Ridge regression: the closed form, the step-size bound, and gradient descent.

Objective (the course's convention, bias b not penalized):

    J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2
"""

from dataclasses import dataclass

import numpy as np

from .._validation import (
    as_float,
    as_int,
    as_lam,
    as_matrix,
    as_positive,
    as_vector,
    as_Xy,
    centered,
    rank_cutoff,
)
from ..errors import DivergenceError
from .losses import _ridge_grad, _ridge_loss

__all__ = ["ridge_closed_form", "max_stable_lr", "fit_ridge_gd", "DescentResult"]


def _kept(s, shape):
    """s with the singular values at round-off level (<= `rank_cutoff`) set to exactly 0."""
    return np.where(s > rank_cutoff(s, shape), s, 0.0)


def _centered_svd(X, y):
    """Thin SVD of the centered design, plus the centered targets and the means."""
    x_mean, y_mean = X.mean(axis=0), y.mean()
    U, s, Vt = np.linalg.svd(centered(X), full_matrices=False)
    return U, s, Vt, y - y_mean, x_mean, y_mean


def ridge_closed_form(X, y, lam):
    """Exact minimizer of J(w, b) = 1/(2m)||Xw + b - y||^2 + lam/(2m)||w||^2.

    The bias is left unpenalized by centering: w = (Xc^T Xc + lam I)^+ Xc^T yc and
    b = mean(y) - mean(X) w. The solve goes through the SVD of Xc (no explicit inverse), so it
    is stable for collinear columns and for m < n; at lam = 0 it returns the minimum-norm
    least-squares solution. Equals scikit-learn `Ridge(alpha=lam)`.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    """
    X, y = as_Xy(X, y)
    return _ridge_fit(X, y, as_lam(lam))


def _ridge_fit(X, y, lam):
    """`ridge_closed_form` on checked input."""
    U, s, Vt, yc, x_mean, y_mean = _centered_svd(X, y)
    # Along singular direction j: w_j = s_j / (s_j^2 + lam) * u_j^T y. Directions with s_j at
    # round-off level (rank deficiency) get weight 0: the minimum-norm choice when lam == 0.
    keep = s > rank_cutoff(s, X.shape)
    factor = np.zeros_like(s)
    factor[keep] = s[keep] / (s[keep] ** 2 + lam)
    w = Vt.T @ (factor * (U.T @ yc))
    return w, float(y_mean - x_mean @ w)


def _hessian_wb(X, lam):
    """The Hessian of J in (w, b): H = [[X^T X + lam I, X^T 1], [1^T X, m]] / m = ([X 1]^T [X 1]
    + lam diag(1, ..., 1, 0)) / m. The one place this matrix is built."""
    m = X.shape[0]
    A = np.hstack([X, np.ones((m, 1))])
    H = A.T @ A
    H[:-1, :-1] += lam * np.eye(X.shape[1])
    return H / m


def _hessian_top_eigenvalue(X, lam):
    """L, the largest eigenvalue of `_hessian_wb` (lam = 0: the data term's smoothness constant)."""
    return float(np.linalg.eigvalsh(_hessian_wb(X, lam))[-1])


def max_stable_lr(X, lam):
    """The step-size bound 2/L for gradient descent on J(w, b).

    L is the largest eigenvalue of the Hessian of J with respect to (w, b), which is constant
    for this quadratic objective. Gradient descent converges for 0 < lr < 2/L and diverges for
    lr > 2/L (from almost every starting point).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    lam : float >= 0

    Returns
    -------
    float
    """
    return 2.0 / _hessian_top_eigenvalue(as_matrix(X), as_lam(lam))


@dataclass(frozen=True)
class DescentResult:
    """Outcome of an iterative fit: `fit_ridge_gd`, `fit_lasso_ista`, `fit_lasso_subgradient`.

    Attributes
    ----------
    w : ndarray of shape (n,)
    b : float
    losses : ndarray of shape (n_steps + 1,)
        J(w, b) before the first step and after every step.
    converged : bool
        True when the solver's stopping test was met before its iteration cap n_iters.
        Solvers without a stopping test (ISTA, subgradient descent) run all n_iters steps and
        report False.
    n_steps : int
        Steps taken: len(losses) - 1 (fewer than n_iters when the stopping test was met).
    """

    w: np.ndarray
    b: float
    losses: np.ndarray
    converged: bool = False

    @property
    def n_steps(self):
        return len(self.losses) - 1


def fit_ridge_gd(X, y, lam, lr, n_iters, tol=1e-10, w0=None, b0=0.0):
    """Minimize J(w, b) = 1/(2m)||Xw + b - y||^2 + lam/(2m)||w||^2 by gradient descent.

    Each step is w <- (1 - lr*lam/m) w - lr (1/m) X^T r and b <- b - lr mean(r), r = Xw + b - y
    (weight decay on w, none on b). Stops when the gradient norm ||(grad_w, grad_b)|| <= tol.

    Divergence is detected, not returned: for lr < 2/L the loss never increases, so a loss
    that rises above its starting value, becomes non-finite, or is still rising at the last
    step raises `DivergenceError` naming lr and the bound 2/L (see `max_stable_lr`).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0
    lr : float > 0
        Learning rate (step size).
    n_iters : int >= 1
        Maximum number of steps.
    tol : float > 0
        Stop when the Euclidean norm of the gradient (grad_w, grad_b) is <= tol.
    w0 : ndarray of shape (n,), optional
        Starting weights (zeros by default).
    b0 : float
        Starting bias.

    Returns
    -------
    DescentResult
    """
    X, y = as_Xy(X, y)
    lam, lr = as_lam(lam), as_positive(lr, "lr")
    n_iters, tol = as_int(n_iters, "n_iters", minimum=1), as_positive(tol, "tol")
    w0 = np.zeros(X.shape[1]) if w0 is None else as_vector(w0, "w0", X.shape[1],
                                                             "one weight per column of X")
    return _gradient_descent(X, y, lam, lr, n_iters, tol, w0, as_float(b0, "b0"))


def _gradient_descent(X, y, lam, lr, n_iters, tol, w, b):
    """`fit_ridge_gd` on checked input, from (w, b)."""
    losses = [_ridge_loss(w, b, X, y, lam)]
    converged = False
    for step in range(1, n_iters + 1):
        grad_w, grad_b = _ridge_grad(w, b, X, y, lam)
        if np.sqrt(grad_w @ grad_w + grad_b**2) <= tol:
            converged = True
            break
        w, b = w - lr * grad_w, b - lr * grad_b
        loss = _loss_or_nan(w, b, X, y, lam)
        losses.append(loss)
        if not np.isfinite(loss) or loss > losses[0] * (1 + 1e-9) + 1e-12:
            _raise_divergence(X, lam, lr, step, "the loss rose above its starting value")
    if not converged and len(losses) > 1 and losses[-1] > losses[-2] * (1 + 1e-9) + 1e-12:
        _raise_divergence(X, lam, lr, len(losses) - 1, "the loss was still rising at the last step")
    return DescentResult(w=w, b=float(b), losses=np.array(losses), converged=converged)


def _loss_or_nan(w, b, X, y, lam):
    with np.errstate(over="ignore", invalid="ignore"):
        loss = _ridge_loss(w, b, X, y, lam)
    return loss if np.isfinite(loss) else float("nan")


def _raise_divergence(X, lam, lr, step, why):
    bound = 2.0 / _hessian_top_eigenvalue(X, lam)
    relation = "exceeds" if lr > bound else "is close to"
    raise DivergenceError(
        f"gradient descent diverged at iteration {step} ({why}): lr={lr:.4g} {relation} "
        f"2/L = {bound:.4g}; use a learning rate below {bound:.4g} (see max_stable_lr)")
