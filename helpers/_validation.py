"""Input checks shared by every public function of `helpers`.

Each check converts its argument to a clean float64 array (or float) and raises a
`ValueError`/`TypeError` whose message names the argument, what was received and what
was expected. Private code after these checks trusts its input.
"""

import numbers

import numpy as np

__all__ = []  # private module: helpers import these names directly


def _describe(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"{value!r} ({type(value).__name__})"


def as_array(value, name, ndim=None):
    """Return `value` as a finite float64 array, checking its number of dimensions."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be array-like of numbers, got {_describe(value)}")
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be array-like of numbers, got {_describe(value)}") from exc
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(_ndim_message(name, arr.shape, ndim))
    if arr.size and not np.all(np.isfinite(arr)):
        bad = int(np.sum(~np.isfinite(arr)))
        raise ValueError(f"{name} contains {bad} NaN or infinite value(s); "
                         f"clean or impute them first")
    return arr


def _ndim_message(name, shape, ndim):
    if ndim == 2 and len(shape) == 1:
        return (f"{name} has shape {shape} but must be 2-D (m, n); "
                f"use {name}.reshape(-1, 1) for one feature")
    if ndim == 1 and len(shape) == 2 and 1 in shape:
        return f"{name} has shape {shape} but must be 1-D; use {name}.ravel()"
    expected = {0: "a scalar", 1: "1-D", 2: "2-D (m, n)"}.get(ndim, f"{ndim}-D")
    return f"{name} has shape {shape} but must be {expected}"


def as_matrix(X, name="X"):
    """A 2-D float array with at least one row and one column."""
    X = as_array(X, name, ndim=2)
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{name} has shape {X.shape}; it needs at least one row and one column")
    return X


def as_vector(v, name, length=None, length_of=None):
    """A 1-D float array, optionally of a given length (`length_of` names where it comes from)."""
    v = as_array(v, name, ndim=1)
    if length is not None and v.shape[0] != length:
        where = f" ({length_of})" if length_of else ""
        raise ValueError(f"{name} has length {v.shape[0]} but must have length {length}{where}")
    return v


def as_Xy(X, y):
    """Check a design matrix and its targets together."""
    X = as_matrix(X)
    y = as_vector(y, "y")
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} entries; "
                         f"they must match (one target per sample)")
    return X, y


def as_wb(w, b, n):
    """Check weights of length n and a scalar bias."""
    w = as_vector(w, "w", length=n, length_of="one weight per column of X")
    return w, as_float(b, "b")


def as_float(value, name, minimum=None, strict=False):
    """A finite real number, optionally >= (or > when strict) a minimum."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_describe(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} == {value}, must be finite")
    if minimum is not None:
        if strict and value <= minimum:
            raise ValueError(f"{name} == {value}, must be > {minimum}")
        if not strict and value < minimum:
            raise ValueError(f"{name} == {value}, must be >= {minimum}")
    return value


def as_lam(lam, name="lam"):
    """A regularization strength: a finite number >= 0."""
    return as_float(lam, name, minimum=0.0)


def as_positive(value, name):
    """A finite number > 0 (learning rates, tolerances, noise levels)."""
    return as_float(value, name, minimum=0.0, strict=True)


def as_int(value, name, minimum=None, maximum=None):
    """An integer within optional bounds (numpy integers accepted, bools and floats not)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {_describe(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} == {value}, must be >= {minimum}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} == {value}, must be <= {maximum}")
    return value


def as_rng(rng, name="rng"):
    """A numpy Generator from a Generator or an integer seed (never global state)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool) and rng >= 0:
        return np.random.default_rng(int(rng))
    raise TypeError(f"{name} must be a numpy Generator or a non-negative integer seed, "
                    f"got {_describe(rng)}; use np.random.default_rng(0)")


def as_callable(fn, name):
    if not callable(fn):
        raise TypeError(f"{name} must be callable, got {_describe(fn)}")
    return fn


def as_lams(lams, name="lams"):
    """A grid of regularization strengths: a non-empty 1-D array of finite values > 0."""
    lams = as_array(lams, name)
    if lams.ndim != 1 or lams.size == 0:
        raise ValueError(f"{name} has shape {lams.shape} but must be a non-empty 1-D array of "
                         f"values > 0, e.g. np.logspace(-2, 3, 30)")
    if np.any(lams <= 0):
        raise ValueError(f"{name} has {int(np.sum(lams <= 0))} value(s) <= 0 (smallest "
                         f"{lams.min():.4g}); every lam in a grid must be > 0")
    return lams
