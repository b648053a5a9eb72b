"""Seeded synthetic data, splits, and standardization fitted on training data only."""

from dataclasses import dataclass

import numpy as np

from ._validation import (
    as_array,
    as_float,
    as_int,
    as_matrix,
    as_rng,
    as_vector,
    constant_columns,
)

__all__ = ["LinearData", "make_linear_data", "make_poly_data", "train_val_test_split",
           "Standardizer"]


@dataclass(frozen=True)
class LinearData:
    """A linear data set y = X w + b + noise with its true parameters.

    Attributes
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    w : ndarray of shape (n,)
        The true weights.
    b : float
        The true bias.
    noise : float
        Standard deviation of the Gaussian noise.
    """

    X: np.ndarray
    y: np.ndarray
    w: np.ndarray
    b: float
    noise: float


def make_linear_data(m, n, rng, noise=1.0, b=2.0, w=None, scales=None, offsets=None):
    """Draw y = X w + b + noise * N(0, 1) with non-centered, differently scaled features.

    Column j of X is offsets[j] + scales[j] * N(0, 1). By default scales run from 0.5 to 3 and
    offsets from -1 to 1, so the features need standardizing, and the true w is drawn from
    N(0, 1).

    Parameters
    ----------
    m, n : int >= 1
        Samples and features.
    rng : numpy Generator or int seed
    noise : float >= 0
    b : float
        True bias.
    w : ndarray of shape (n,), optional
    scales, offsets : ndarray of shape (n,), optional

    Returns
    -------
    LinearData
    """
    m, n = as_int(m, "m", minimum=1), as_int(n, "n", minimum=1)
    rng = as_rng(rng)
    noise, b = as_float(noise, "noise", minimum=0.0), as_float(b, "b")
    scales = np.linspace(0.5, 3.0, n) if scales is None else as_vector(scales, "scales", n)
    offsets = np.linspace(-1.0, 1.0, n) if offsets is None else as_vector(offsets, "offsets", n)
    w = rng.standard_normal(n) if w is None else as_vector(w, "w", n)
    return _make_linear_data(m, rng, noise, b, w, scales, offsets)


def _make_linear_data(m, rng, noise, b, w, scales, offsets):
    """`make_linear_data` on checked input, with w, scales and offsets given."""
    X = offsets + scales * rng.standard_normal((m, w.shape[0]))
    y = X @ w + b + noise * rng.standard_normal(m)
    return LinearData(X=X, y=y, w=w, b=b, noise=noise)


_POLY_COEFS, _POLY_RANGE = (0.5, 1.0, 0.0, -2.0), (-1.0, 1.0)  # make_poly_data's defaults


def make_poly_data(m, rng, coefs=_POLY_COEFS, noise=0.3, x_range=_POLY_RANGE):
    """Noisy samples of a polynomial: y = sum_k coefs[k] x^k + noise * N(0, 1).

    x is drawn uniformly in x_range and returned sorted.

    Parameters
    ----------
    m : int >= 1
    rng : numpy Generator or int seed
    coefs : sequence of float
        Polynomial coefficients, constant term first.
    noise : float >= 0
    x_range : (low, high)

    Returns
    -------
    x : ndarray of shape (m,)
    y : ndarray of shape (m,)
    """
    m, rng = as_int(m, "m", minimum=1), as_rng(rng)
    return _make_poly_data(m, rng, *_check_poly_data(coefs, noise, x_range))


def _check_poly_data(coefs, noise, x_range):
    """The checked coefs, noise and x_range (as an array `bounds`) of `make_poly_data`."""
    coefs = as_array(coefs, "coefs", ndim=1)
    noise = as_float(noise, "noise", minimum=0.0)
    bounds = as_array(x_range, "x_range", ndim=1)
    if bounds.shape != (2,) or not bounds[0] < bounds[1]:
        raise ValueError(f"x_range == {x_range!r}, must be (low, high) with low < high")
    return coefs, noise, bounds


def _make_poly_data(m, rng, coefs, noise, bounds):
    """`make_poly_data` on checked input (see `_check_poly_data`)."""
    x = np.sort(rng.uniform(bounds[0], bounds[1], m))
    y = np.polynomial.polynomial.polyval(x, coefs) + noise * rng.standard_normal(m)
    return x, y


def train_val_test_split(X, y, rng, val=0.2, test=0.2):
    """Shuffle and split into training, validation and test parts.

    Parameters
    ----------
    X : ndarray of shape (m, ...) ; y : ndarray of shape (m,)
    rng : numpy Generator or int seed
    val, test : float in [0, 1)
        Fractions of m (rounded) for validation and test; the rest is for training.

    Returns
    -------
    X_train, X_val, X_test, y_train, y_val, y_test
    """
    X, y = as_array(X, "X"), as_array(y, "y", ndim=1)
    if X.ndim == 0 or X.shape[0] != y.shape[0]:
        raise ValueError(f"X has shape {X.shape} and y has {y.shape[0]} entries; "
                         f"they must have the same number of samples")
    val, test = as_float(val, "val", minimum=0.0), as_float(test, "test", minimum=0.0)
    m = y.shape[0]
    n_val, n_test = round(val * m), round(test * m)
    if m - n_val - n_test < 1:
        raise ValueError(f"val + test == {val + test}, must leave at least one training sample "
                         f"(m == {m})")
    order = as_rng(rng).permutation(m)
    parts = np.split(order, [m - n_val - n_test, m - n_test])
    return tuple(X[p] for p in parts) + tuple(y[p] for p in parts)


@dataclass(frozen=True)
class Standardizer:
    """Feature standardization (x - mean) / scale, with mean and scale from training data only.

    Use ``Standardizer.fit(X_train)`` then ``.transform(X)`` on every split. A column is
    constant when its standard deviation is at most 1e-12 times its scale (max |x|): the
    float std of a constant column is round-off (e.g. 1e-17), and dividing by it would blow the
    column up to +-1 or 1e15. Constant columns get scale 1, so they are centered to 0 and stay 0.

    Attributes
    ----------
    mean : ndarray of shape (n,)
    scale : ndarray of shape (n,)
    """

    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def fit(cls, X):
        """Learn the mean and standard deviation of each column of X.

        Parameters
        ----------
        X : ndarray of shape (m, n)

        Returns
        -------
        Standardizer
        """
        X = as_matrix(X)
        return cls(mean=X.mean(axis=0), scale=np.where(constant_columns(X), 1.0, X.std(axis=0)))

    def transform(self, X):
        """Standardize X with the training statistics: (X - mean) / scale.

        Parameters
        ----------
        X : ndarray of shape (m', n)

        Returns
        -------
        ndarray of shape (m', n)
        """
        X = as_matrix(X)
        if X.shape[1] != self.mean.shape[0]:
            raise ValueError(f"X has {X.shape[1]} columns but the standardizer was fitted on "
                             f"{self.mean.shape[0]}")
        return (X - self.mean) / self.scale
