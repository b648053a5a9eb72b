"""Input checks shared by every public function of `helpers`.

Each check converts its argument to a clean float64 array (or float) and raises a
`ValueError`/`TypeError` whose message names the argument, what was received and what
was expected. Private code after these checks trusts its input.
"""

import numbers
import warnings

import numpy as np

__all__ = []  # private module: helpers import these names directly


def _describe(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"{value!r} ({type(value).__name__})"


def as_array(value, name, ndim=None, allow_nan=False):
    """Return `value` as a finite float64 array, checking its number of dimensions.

    Complex input is refused (TypeError), not silently truncated to its real part. With
    allow_nan=True, NaN may mark missing values (infinities are still refused).
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be array-like of numbers, got {_describe(value)}")
    if np.iscomplexobj(value):
        raise TypeError(f"{name} must hold real numbers, got complex values ({_describe(value)}); "
                        f"take .real or abs() first if that is what you mean")
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be array-like of numbers, got {_describe(value)}") from exc
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(_ndim_message(name, arr.shape, ndim))
    if allow_nan and np.any(np.isinf(arr)):
        raise ValueError(f"{name} contains {int(np.sum(np.isinf(arr)))} infinite value(s); "
                         f"only NaN may mark missing entries")
    if not allow_nan and arr.size and not np.all(np.isfinite(arr)):
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


def as_matrix(X, name="X", allow_nan=False):
    """A 2-D float array with at least one row and one column (NaN allowed with allow_nan)."""
    X = as_array(X, name, ndim=2, allow_nan=allow_nan)
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


def as_lams(lams, name="lams", allow_zero=False):
    """A grid of regularization strengths: a non-empty 1-D array of finite values > 0
    (>= 0 with allow_zero=True, for grids that include the unpenalized fit)."""
    lams = as_array(lams, name)
    bound = ">= 0" if allow_zero else "> 0"
    if lams.ndim != 1 or lams.size == 0:
        hint = "; wrap a single value as [lam]" if lams.ndim == 0 else ""
        raise ValueError(f"{name} has shape {lams.shape} but must be a non-empty 1-D array of "
                         f"values {bound}, e.g. np.logspace(-2, 3, 30){hint}")
    bad = lams < 0 if allow_zero else lams <= 0
    if np.any(bad):
        raise ValueError(f"{name} has {int(np.sum(bad))} value(s) {'< 0' if allow_zero else '<= 0'}"
                         f" (smallest {lams.min():.4g}); every lam in a grid must be {bound}")
    return lams


def as_bool(value, name):
    """True or False (numpy booleans too); anything else, e.g. the string "no" or 1, is an error."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__})")
    return bool(value)


def as_choice(value, name, choices, hint=""):
    """One of a few allowed strings (or other hashable options); `hint` ends the error message."""
    if isinstance(value, np.ndarray) or value not in choices:
        raise ValueError(f"{name} == {value!r}, must be one of {tuple(choices)}{hint}")
    return value


def as_folds(folds, m, name="folds"):
    """Validation indices of K >= 2 folds that together contain each of range(m) exactly once.

    Each fold must be a non-empty 1-D array of integers; floats, empty folds, repeats and
    missing indices are refused with a message that names the problem.
    """
    if isinstance(folds, (str, bytes, np.ndarray)) or not hasattr(folds, "__iter__"):
        raise TypeError(f"{name} must be a list of index arrays, got {_describe(folds)}; "
                        f"use kfold_indices(m, n_folds, rng)")
    parts = []
    for k, fold in enumerate(folds):
        arr = np.asarray(fold)
        if not np.issubdtype(arr.dtype, np.integer):
            raise TypeError(f"{name}[{k}] has dtype {arr.dtype}; {name} must hold integer "
                            f"indices (e.g. from kfold_indices)")
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(f"{name} must be at least 2 non-empty 1-D index arrays; {name}[{k}] "
                             f"has shape {arr.shape}")
        parts.append(arr.astype(int))
    if len(parts) < 2:
        raise ValueError(f"{name} must be at least 2 non-empty 1-D index arrays, got {len(parts)} "
                         f"part(s); use kfold_indices(m, n_folds, rng)")
    joined = np.sort(np.concatenate(parts))
    if joined.size != m or np.any(joined != np.arange(m)):
        raise ValueError(f"{name} must contain each index 0..{m - 1} exactly once (a partition "
                         f"of the {m} samples); got {joined.size} indices")
    return parts


def rank_cutoff(s, shape):
    """The threshold below which a singular value counts as round-off: s_max * max(m, n) * eps.

    The same rule as numpy's `matrix_rank` and `lstsq`: relative to the largest singular value,
    so it does not depend on the units of X. Directions with s_j <= cutoff are treated as null
    directions (shrinkage factor 0, no weight along them).

    Parameters
    ----------
    s : ndarray of shape (k,)
        Singular values (any order, >= 0).
    shape : tuple (m, n)
        Shape of the matrix they come from.

    Returns
    -------
    float
    """
    return float(np.max(s, initial=0.0)) * max(shape) * np.finfo(float).eps


CONSTANT_RTOL = 1e-12  # std <= CONSTANT_RTOL * max|x| means "constant column" (round-off)


def constant_columns(X):
    """Which columns of X are constant: std <= CONSTANT_RTOL * max|x| (the single rule).

    Relative to each column's own scale, so it does not depend on units: the float std of a
    constant column is round-off (e.g. 1e-17 for a column of 0.1), while a column that really
    varies on a scale of 1e-7 is not constant. An all-zero column is constant.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        A checked matrix (see `as_matrix`).

    Returns
    -------
    ndarray of bool, shape (n,)
    """
    scale = np.abs(X).max(axis=0, initial=0.0)
    # std(X / scale) <= rtol, not std(X) <= rtol * scale: the same test without squaring values
    # near 1e160 (which would overflow to inf); an all-zero column has scale 0 and is constant
    unit = X / np.where(scale > 0.0, scale, 1.0)
    return unit.std(axis=0) <= CONSTANT_RTOL


def centered(X):
    """X - mean(X) with every constant column (see `constant_columns`) exactly 0.

    The one centering of every fit that centers X (closed-form ridge, ridge paths, LOO/GCV,
    cross-validation, coordinate descent, the curvature and early-stopping studies). Plain
    X - mean(X) leaves round-off (about 1e-17) in a constant column; when every column is
    constant those round-off values become the largest singular value, and a rank cutoff
    relative to it would then keep them as if they were data.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        A checked matrix (see `as_matrix`).

    Returns
    -------
    ndarray of shape (m, n)
    """
    Xc = X - X.mean(axis=0)
    Xc[:, constant_columns(X)] = 0.0
    return Xc


def as_labels(y, name="y"):
    """Binary labels: a 1-D float array of 0s and 1s."""
    y = as_vector(y, name)
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"{name} must contain only 0 and 1 (binary labels), got values "
                         f"{np.unique(y)[:5].tolist()}")
    return y


def renamed(value, old_value, name, old_name, default=None):
    """The value of an argument that was renamed, given under its new or its old name.

    The old keyword still works until helpers 0.3, with a `FutureWarning` that names the new
    one (never silently); the course's notebooks and solutions use only the new names.

    Parameters
    ----------
    value, old_value : object or None
        What the caller passed under the new and the old name (None: not passed).
    name, old_name : str
    default : object, optional
        The new argument's default when neither was given; None means it is required.

    Returns
    -------
    object
    """
    if old_value is None:
        if value is None:
            if default is None:
                raise TypeError(f"missing required argument {name!r}")
            return default
        return value
    if value is not None:
        raise TypeError(f"{name} and {old_name} are the same argument ({old_name} is its old "
                        f"name); give only {name}")
    warnings.warn(f"{old_name}= is the old name of {name}= and will be removed in helpers 0.3; "
                  f"write {name}={old_value}", FutureWarning, stacklevel=3)
    return old_value
