"""Missing values: mean imputation learned on training data only, and cross-validation with the
imputer and the standardizer fitted inside every fold (fitting them on all the data leaks).
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_bool, as_float, as_folds, as_lam, as_matrix, as_rng, as_vector
from ..data import Standardizer
from ..linear.ridge import _ridge_fit

__all__ = ["add_missing", "MeanImputer", "cv_mse_imputed"]


def add_missing(X, rate, rng):
    """A copy of X with each entry replaced by NaN independently with probability `rate` (MCAR).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    rate : float in [0, 1)
    rng : numpy Generator or int seed

    Returns
    -------
    ndarray of shape (m, n)
    """
    X = as_matrix(X).copy()
    rate = as_float(rate, "rate", minimum=0.0)
    if rate >= 1:
        raise ValueError(f"rate == {rate}, must be < 1 (some values must stay observed)")
    X[as_rng(rng).random(X.shape) < rate] = np.nan
    return X


@dataclass(frozen=True)
class MeanImputer:
    """Fill missing values (NaN) with column means learned from training data only.

    Use ``MeanImputer.fit(X_train)`` then ``.transform(X)`` on every split, exactly like
    `Standardizer`.

    Attributes
    ----------
    mean : ndarray of shape (n,)
        Mean of the observed values of each column.
    """

    mean: np.ndarray

    @classmethod
    def fit(cls, X):
        """Learn the mean of the observed entries of each column of X.

        Parameters
        ----------
        X : ndarray of shape (m, n)
            NaN marks missing values.

        Returns
        -------
        MeanImputer
        """
        X = as_matrix(X, allow_nan=True)
        observed = ~np.isnan(X)
        empty = np.flatnonzero(observed.sum(axis=0) == 0)
        if empty.size:
            raise ValueError(f"column(s) {empty.tolist()} of X have no observed value; "
                             f"drop them or fit on more data")
        return cls(mean=np.nanmean(X, axis=0))

    def transform(self, X):
        """A copy of X with every NaN replaced by its column's training mean.

        Parameters
        ----------
        X : ndarray of shape (m', n)

        Returns
        -------
        ndarray of shape (m', n)
        """
        X = as_matrix(X, allow_nan=True)
        if X.shape[1] != self.mean.shape[0]:
            raise ValueError(f"X has {X.shape[1]} columns but the imputer was fitted on "
                             f"{self.mean.shape[0]}")
        return np.where(np.isnan(X), self.mean, X)


def cv_mse_imputed(X, y, lam, folds, inside=True):
    """K-fold validation MSE of ridge on data with missing values: impute, standardize, fit.

    inside=True fits the `MeanImputer` and the `Standardizer` on the training folds only (the
    right way); inside=False fits them once on all of X, so the held-out fold has already
    influenced its own preprocessing (a leak).

    Parameters
    ----------
    X : ndarray of shape (m, n), NaN for missing values
    y : ndarray of shape (m,)
    lam : float >= 0
        Ridge strength on the standardized features (course convention).
    folds : list of int arrays
        Validation indices of each fold (e.g. from `kfold_indices`), a partition of range(m).
    inside : bool

    Returns
    -------
    float
        Mean over folds of the validation MSE.
    """
    X = as_matrix(X, allow_nan=True)
    y = as_vector(y, "y", length=X.shape[0], length_of="one target per row of X")
    lam = as_lam(lam)
    folds = as_folds(folds, y.size)
    inside = as_bool(inside, "inside")
    if not inside:
        X_all = MeanImputer.fit(X).transform(X)
        X = Standardizer.fit(X_all).transform(X_all)
    errors = []
    for val in folds:
        train = np.setdiff1d(np.arange(y.size), val)
        X_train, X_val = X[train], X[val]
        if inside:
            imputer = MeanImputer.fit(X_train)
            X_train, X_val = imputer.transform(X_train), imputer.transform(X_val)
            scaler = Standardizer.fit(X_train)
            X_train, X_val = scaler.transform(X_train), scaler.transform(X_val)
        w, b = _ridge_fit(X_train, y[train], lam)
        errors.append(np.mean((X_val @ w + b - y[val]) ** 2))
    return float(np.mean(errors))
