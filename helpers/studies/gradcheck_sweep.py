"""Gradient checking done carefully: forward vs centered differences, step-size sweeps, float32.

`numerical_gradient` (centered, error O(h^2)) and `rel_error` live in `helpers.gradcheck`; this
module adds the forward difference (error O(h)), a sweep over h that shows both laws until
round-off takes over, and a curved test loss on which the laws are visible: the L2-regularized
logistic loss of `helpers.linear.logistic` (y in {0, 1}, bias b not penalized)

    J(w, b) = (1/m) sum_i [log(1 + exp(z_i)) - y_i z_i] + lam/(2m) ||w||^2,   z = X w + b,

taking the parameters as one flat vector theta = (w, b), as a gradient checker wants.

On the quadratic ridge loss the centered difference is exact up to round-off (its third
derivative is 0), so an h sweep there shows only the round-off floor.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_callable, as_labels, as_lam, as_positive, as_vector, as_Xy
from ..gradcheck import numerical_gradient, rel_error
from ..linear.logistic import _logistic_grad, _logistic_loss

__all__ = ["forward_difference", "logistic_ridge_loss", "logistic_ridge_grad", "HSweep",
           "h_sweep", "loglog_slope"]


def forward_difference(f, x, h=1e-5):
    """Forward-difference gradient (f(x + h e_i) - f(x)) / h, error O(h).

    Parameters
    ----------
    f : callable
        f(x) -> float.
    x : float or ndarray of any shape
    h : float > 0

    Returns
    -------
    ndarray of the shape of x (a float when x is a scalar)
    """
    f, h = as_callable(f, "f"), as_positive(h, "h")
    return _forward_difference(f, as_array(x, "x"), h)


def _forward_difference(f, x, h):
    """`forward_difference` on checked input."""
    f0 = float(f(x.copy()))
    grad = np.zeros_like(x)
    flat_grad = grad.reshape(-1)
    for i in range(x.size):
        point = x.copy()
        point.reshape(-1)[i] += h
        flat_grad[i] = (float(f(point)) - f0) / h
    return float(grad) if grad.ndim == 0 else grad


def _check_logistic(theta, X, y, lam):
    X, _ = as_Xy(X, y)
    y = as_labels(y)
    theta = as_vector(theta, "theta", X.shape[1] + 1, "the n weights followed by the bias")
    return theta, X, y, as_lam(lam)


def logistic_ridge_loss(theta, X, y, lam, dtype=np.float64):
    """J(w, b) = (1/m) sum_i [log(1 + exp(z_i)) - y_i z_i] + lam/(2m)||w||^2, z = X w + b.

    Parameters
    ----------
    theta : ndarray of shape (n + 1,)
        The weights w followed by the bias b (one flat vector, as a gradient checker wants).
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,) of 0s and 1s
    lam : float >= 0
    dtype : numpy float type
        Precision of the whole computation (np.float32 to see single-precision round-off).

    Returns
    -------
    float
    """
    theta, X, y, lam = _check_logistic(theta, X, y, lam)
    real = _float_type(dtype)
    theta, X, y = theta.astype(real), X.astype(real), y.astype(real)
    return float(_logistic_loss(theta[:-1], theta[-1], X, y, real(lam)))


def _float_type(dtype):
    """The numpy floating type named by dtype; anything else (int, complex, object) is refused."""
    try:
        kind = np.dtype(dtype)
    except TypeError:
        kind = None
    if kind is None or not np.issubdtype(kind, np.floating):
        raise TypeError(f"dtype must be a numpy float type such as np.float64 or np.float32, "
                        f"got {dtype!r}; the loss is computed in that precision")
    return kind.type


def logistic_ridge_grad(theta, X, y, lam):
    """Gradient of `logistic_ridge_loss` in float64: ((1/m) X^T (p - y) + (lam/m) w, mean(p - y)),
    with p = sigmoid(X w + b).

    Parameters
    ----------
    theta : ndarray of shape (n + 1,)
        The weights w followed by the bias b.
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,) of 0s and 1s
    lam : float >= 0

    Returns
    -------
    ndarray of shape (n + 1,)
        grad_w followed by grad_b (no penalty on the bias).
    """
    theta, X, y, lam = _check_logistic(theta, X, y, lam)
    grad_w, grad_b = _logistic_grad(theta[:-1], theta[-1], X, y, lam)
    return np.append(grad_w, grad_b)


@dataclass(frozen=True)
class HSweep:
    """Relative errors of finite-difference gradients for each step h.

    Attributes
    ----------
    hs : ndarray of shape (k,)
    forward : ndarray of shape (k,)
        rel_error(forward_difference, exact gradient).
    centered : ndarray of shape (k,)
        rel_error(numerical_gradient, exact gradient).
    """

    hs: np.ndarray
    forward: np.ndarray
    centered: np.ndarray


def h_sweep(f, x, grad, hs):
    """Compare forward and centered differences of f at x with the exact gradient, for each h.

    Parameters
    ----------
    f : callable
        f(x) -> float.
    x : ndarray
    grad : ndarray of the shape of x
        The exact (analytic) gradient of f at x.
    hs : sequence of float > 0

    Returns
    -------
    HSweep
    """
    f, x = as_callable(f, "f"), as_array(x, "x")
    grad = as_array(grad, "grad")
    if grad.shape != x.shape:
        raise ValueError(f"grad has shape {grad.shape} but x has shape {x.shape}; they must match")
    hs = as_array(hs, "hs", ndim=1)
    if hs.size == 0 or np.any(hs <= 0):
        raise ValueError(f"hs must be a non-empty list of steps > 0, got {hs.tolist()}")
    # numerical_gradient and rel_error (helpers.gradcheck) have no private twin: they check again
    forward = [rel_error(_forward_difference(f, x, float(h)), grad) for h in hs]
    centered = [rel_error(numerical_gradient(f, x, h), grad) for h in hs]
    return HSweep(hs=hs, forward=np.array(forward), centered=np.array(centered))


def loglog_slope(x, y):
    """Least-squares slope of log10(y) against log10(x): the p of a power law y ~ x^p.

    Parameters
    ----------
    x, y : ndarray of shape (k,), k >= 2, all > 0

    Returns
    -------
    float
    """
    x, y = as_array(x, "x", ndim=1), as_array(y, "y", ndim=1)
    if x.shape != y.shape or x.size < 2:
        raise ValueError(f"x and y must have the same length >= 2, got {x.size} and {y.size}")
    if np.any(x <= 0) or np.any(y <= 0):
        raise ValueError("x and y must be > 0 for a log-log slope")
    return float(np.polyfit(np.log10(x), np.log10(y), 1)[0])
