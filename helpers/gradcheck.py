"""Numerical gradients by centered differences, and the relative error used to compare them."""

import numpy as np

from ._validation import as_array, as_callable, as_positive

__all__ = ["numerical_gradient", "rel_error"]


def numerical_gradient(f, x, h=1e-5):
    """Centered-difference gradient of a scalar function: (f(x + h e_i) - f(x - h e_i)) / (2h).

    The error is O(h^2) (plus round-off of order eps/h), against O(h) for the forward
    difference. `x` is not modified: f is called on perturbed copies.

    Parameters
    ----------
    f : callable
        f(x) -> float, for an array x of the shape given.
    x : float or ndarray of any shape
    h : float > 0
        The finite-difference step.

    Returns
    -------
    ndarray of the shape of x (a float when x is a scalar)
    """
    f = as_callable(f, "f")
    h = as_positive(h, "h")
    x = as_array(x, "x")
    grad = np.zeros_like(x)
    point = x.copy()
    flat_point, flat_grad = point.reshape(-1), grad.reshape(-1)
    for i in range(flat_point.size):
        original = flat_point[i]
        flat_point[i] = original + h
        f_plus = _scalar(f(point.copy()))
        flat_point[i] = original - h
        f_minus = _scalar(f(point.copy()))
        flat_point[i] = original
        flat_grad[i] = (f_plus - f_minus) / (2 * h)
    return float(grad) if grad.ndim == 0 else grad


def _scalar(value):
    """f's value as a float, or a clear error: the check needs a scalar loss."""
    arr = np.asarray(value) if not isinstance(value, (str, bytes)) else None
    if arr is None or arr.size != 1 or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"f must return a single number (a scalar loss), got "
                        f"{type(value).__name__}{'' if arr is None else f' of shape {arr.shape}'}")
    return float(arr.reshape(()))


def rel_error(a, b, floor=1e-8):
    """Relative error ||a - b|| / max(||a||, ||b||, floor).

    Symmetric in a and b. The floor (as in CS231n's ``max(1e-8, |a| + |b|)``) keeps two
    gradients that are both near zero from looking wrong: without it, a = 1e-20 and b = -1e-20
    would give 2.0 although both are zero to round-off; with it their error is 2e-12. Below the
    floor the value is an absolute error scaled by 1/floor. As a rule of thumb (CS231n,
    "Gradient checks"), for a smooth loss in float64 below 1e-7 is a correct gradient and above
    1e-2 almost certainly a bug.

    Parameters
    ----------
    a, b : float or ndarray of the same shape
    floor : float > 0
        The smallest scale the difference is divided by.

    Returns
    -------
    float
    """
    a, b = as_array(a, "a"), as_array(b, "b")
    floor = as_positive(floor, "floor")
    if a.shape != b.shape:
        raise ValueError(f"a has shape {a.shape} but b has shape {b.shape}; they must match")
    scale = max(np.linalg.norm(a), np.linalg.norm(b), floor)
    return float(np.linalg.norm(a - b) / scale)
