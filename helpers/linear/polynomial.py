"""Polynomial regression on one input: features, ridge fits, and sweeps over degree and lam.

The model is y_hat = Z w + b, where Z holds the standardized powers x, x^2, ..., x^degree
(standardized with training statistics, so that one lam treats every power alike), fitted by

    J(w, b) = 1/(2m) ||Z w + b - y||^2 + lam/(2m) ||w||^2     (bias b not penalized).
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_int, as_lam, as_lams, as_rng, as_vector
from ..data import _POLY_RANGE, Standardizer, _check_poly_data, _make_poly_data
from .ridge import _ridge_fit

__all__ = ["poly_features", "PolyModel", "fit_poly_ridge", "degree_sweep", "lam_sweep",
           "BiasVariance", "bias_variance"]


def poly_features(x, degree):
    """The powers x, x^2, ..., x^degree as columns (no constant column: the bias is separate).

    Parameters
    ----------
    x : ndarray of shape (m,)
    degree : int >= 1

    Returns
    -------
    ndarray of shape (m, degree)
    """
    x = as_array(x, "x", ndim=1)
    return _poly_features(x, as_int(degree, "degree", minimum=1))


def _poly_features(x, degree):
    """`poly_features` on checked input."""
    return x[:, None] ** np.arange(1, degree + 1)


@dataclass(frozen=True)
class PolyModel:
    """A fitted polynomial: y_hat = standardize(poly_features(x)) w + b.

    Attributes
    ----------
    degree : int
    lam : float
    w : ndarray of shape (degree,)
        Weights of the standardized powers.
    b : float
    scaler : Standardizer
        Training mean and scale of each power.
    """

    degree: int
    lam: float
    w: np.ndarray
    b: float
    scaler: Standardizer

    def predict(self, x):
        """Predictions of the fitted polynomial.

        Parameters
        ----------
        x : ndarray of shape (k,)

        Returns
        -------
        ndarray of shape (k,)
        """
        return self._predict(as_array(x, "x", ndim=1))

    def _predict(self, x):
        """`predict` on a checked 1-D float array."""
        return self.scaler.transform(_poly_features(x, self.degree)) @ self.w + self.b


def _check_xy(x, y, x_name="x", y_name="y"):
    x = as_array(x, x_name, ndim=1)
    y = as_vector(y, y_name, length=x.shape[0], length_of=f"one target per entry of {x_name}")
    return x, y


def fit_poly_ridge(x, y, degree, lam=0.0):
    """Fit a ridge-penalized polynomial of the given degree.

    Minimizes J(w, b) = 1/(2m) ||Z w + b - y||^2 + lam/(2m) ||w||^2 with Z the standardized
    powers of x. At lam = 0 with degree >= m - 1 the fit interpolates (minimum-norm solution).

    Parameters
    ----------
    x, y : ndarray of shape (m,)
    degree : int >= 1
    lam : float >= 0

    Returns
    -------
    PolyModel
    """
    x, y = _check_xy(x, y)
    return _fit_poly(x, y, as_int(degree, "degree", minimum=1), as_lam(lam))


def _fit_poly(x, y, degree, lam):
    features = _poly_features(x, degree)
    scaler = Standardizer.fit(features)
    w, b = _ridge_fit(scaler.transform(features), y, lam)
    return PolyModel(degree=degree, lam=lam, w=w, b=b, scaler=scaler)


def _errors(model, x_train, y_train, x_val, y_val):
    def mse(x, y):
        return float(np.mean((y - model._predict(x)) ** 2))

    return mse(x_train, y_train), mse(x_val, y_val)


def degree_sweep(x_train, y_train, x_val, y_val, degrees, lam=0.0):
    """Training and validation MSE of `fit_poly_ridge` for each degree.

    Parameters
    ----------
    x_train, y_train : ndarray of shape (m_train,)
    x_val, y_val : ndarray of shape (m_val,)
    degrees : sequence of int >= 1
    lam : float >= 0

    Returns
    -------
    train_mse, val_mse : ndarray of shape (len(degrees),)
    """
    x_train, y_train = _check_xy(x_train, y_train, "x_train", "y_train")
    x_val, y_val = _check_xy(x_val, y_val, "x_val", "y_val")
    lam = as_lam(lam)
    degrees = [as_int(d, f"degrees[{k}]", minimum=1) for k, d in enumerate(degrees)]
    errors = [_errors(_fit_poly(x_train, y_train, d, lam), x_train, y_train, x_val, y_val)
              for d in degrees]
    return tuple(np.array(e) for e in zip(*errors))


def lam_sweep(x_train, y_train, x_val, y_val, degree, lams):
    """Training and validation MSE of `fit_poly_ridge` at one degree for each lam.

    Parameters
    ----------
    x_train, y_train : ndarray of shape (m_train,)
    x_val, y_val : ndarray of shape (m_val,)
    degree : int >= 1
    lams : ndarray of shape (k,), values >= 0
        A single value must be wrapped, [lam].

    Returns
    -------
    train_mse, val_mse : ndarray of shape (len(lams),)
    """
    x_train, y_train = _check_xy(x_train, y_train, "x_train", "y_train")
    x_val, y_val = _check_xy(x_val, y_val, "x_val", "y_val")
    lams = as_lams(lams, allow_zero=True)
    degree = as_int(degree, "degree", minimum=1)
    return _lam_sweep(x_train, y_train, x_val, y_val, degree, lams)


def _lam_sweep(x_train, y_train, x_val, y_val, degree, lams):
    """`lam_sweep` on checked input."""
    errors = [_errors(_fit_poly(x_train, y_train, degree, lam), x_train, y_train, x_val,
                      y_val) for lam in lams]
    return tuple(np.array(e) for e in zip(*errors))


@dataclass(frozen=True)
class BiasVariance:
    """Fits of one model class on many independent training sets.

    Attributes
    ----------
    x_grid : ndarray of shape (k,)
    curves : ndarray of shape (n_datasets, k)
        Each fitted curve on x_grid.
    truth : ndarray of shape (k,)
        The noise-free function.
    bias_sq : float
        Unbiased estimate of the squared bias, averaged over x_grid:
        mean of (average curve - truth)^2 - variance / (n_datasets - 1). The average of
        n_datasets noisy curves misses its expectation by a random amount whose square is
        variance / n_datasets on average, so the plain squared gap overstates the bias; the
        correction removes that Monte Carlo part. The estimate can be slightly negative when
        the true bias is far below the Monte Carlo noise.
    variance : float
        Mean over x_grid of the variance of the curves across data sets (ddof=0).
    mc_correction : float
        The amount subtracted, variance / (n_datasets - 1): an estimate of bias_sq below
        a few times this value is not distinguishable from 0.
    """

    x_grid: np.ndarray
    curves: np.ndarray
    truth: np.ndarray
    bias_sq: float
    variance: float
    mc_correction: float


def bias_variance(degree, lam, m, n_datasets, rng, coefs=(0.5, 1.0, 0.0, -2.0), noise=0.3,
                  n_grid=100):
    """Refit one polynomial model on `n_datasets` fresh samples from `make_poly_data`.

    Parameters
    ----------
    degree : int >= 1
    lam : float >= 0
    m : int >= 2
        Training samples per data set.
    n_datasets : int >= 2
    rng : numpy Generator or int seed
    coefs, noise : as in `make_poly_data` (x in [-1, 1])
    n_grid : int >= 2

    Returns
    -------
    BiasVariance
    """
    m = as_int(m, "m", minimum=2)
    n_datasets = as_int(n_datasets, "n_datasets", minimum=2)
    rng = as_rng(rng)
    x_grid = np.linspace(-1.0, 1.0, as_int(n_grid, "n_grid", minimum=2))
    coefs, noise, bounds = _check_poly_data(coefs, noise, _POLY_RANGE)
    degree, lam = as_int(degree, "degree", minimum=1), as_lam(lam)
    curves = np.array([_fit_poly(*_make_poly_data(m, rng, coefs, noise, bounds), degree, lam)
                       ._predict(x_grid) for _ in range(n_datasets)])
    truth = np.polynomial.polynomial.polyval(x_grid, coefs)
    variance = float(np.mean(curves.var(axis=0)))
    mc_correction = variance / (n_datasets - 1)
    bias_sq = float(np.mean((curves.mean(axis=0) - truth) ** 2)) - mc_correction
    return BiasVariance(x_grid=x_grid, curves=curves, truth=truth, bias_sq=bias_sq,
                        variance=variance, mc_correction=mc_correction)
