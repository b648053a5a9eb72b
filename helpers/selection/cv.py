"""K-fold cross-validation for ridge and lasso: folds, validation curves and the one-SE rule.

Every fit minimizes the course's objective (bias b not penalized) on the training folds only:

    ridge: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2
    lasso: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m  ||w||_1

With standardize=True the feature means and scales are learned from the training folds and
applied to the held-out fold, so no statistic of the held-out samples leaks into the fit.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import (
    as_array,
    as_bool,
    as_choice,
    as_folds,
    as_int,
    as_lams,
    as_rng,
    as_Xy,
    centered,
)
from ..data import Standardizer
from ..linear.ridge import _kept
from .lasso_path import _lasso_path

__all__ = ["kfold_indices", "CVCurve", "cross_val_curve", "one_se_rule"]

MODELS = ("ridge", "lasso")
GRAM_ABOVE = 64  # min(m, n) from which the Gram eigen-decomposition beats the SVD


def kfold_indices(m, n_folds, rng):
    """Split range(m) at random into n_folds disjoint folds whose sizes differ by at most one.

    Parameters
    ----------
    m : int >= 2
        Number of samples.
    n_folds : int, 2 <= n_folds <= m
    rng : numpy Generator or int seed
        The same seed gives the same folds.

    Returns
    -------
    folds : list of n_folds int arrays
        Sorted validation indices of each fold; together they contain each index exactly once.
    """
    m = as_int(m, "m", minimum=2)
    n_folds = as_int(n_folds, "n_folds", minimum=2, maximum=m)
    return [np.sort(part) for part in np.array_split(as_rng(rng).permutation(m), n_folds)]


@dataclass(frozen=True)
class CVCurve:
    """A validation curve: the K-fold mean squared error and its standard error per lam.

    Attributes
    ----------
    lams : ndarray of shape (k,)
    mean : ndarray of shape (k,)
        Mean over folds of the validation MSE.
    se : ndarray of shape (k,)
        Standard error of that mean: std over folds (ddof=1) / sqrt(n_folds).
    fold_mse : ndarray of shape (n_folds, k)
        Validation MSE of every fold.
    """

    lams: np.ndarray
    mean: np.ndarray
    se: np.ndarray
    fold_mse: np.ndarray

    @property
    def lam_min(self):
        """The lam with the smallest mean validation error."""
        return float(self.lams[np.argmin(self.mean)])

    @property
    def lam_1se(self):
        """The largest lam within one standard error of the minimum (see `one_se_rule`)."""
        return _one_se_rule(self.lams, self.mean, self.se)


def cross_val_curve(X, y, lams, n_folds=5, rng=0, model="ridge", standardize=True, folds=None):
    """K-fold validation MSE of ridge or lasso for every lam in a grid.

    For each fold: fit on the other folds (standardization fitted there too), predict the
    held-out fold for all lams at once, and record its MSE. Ridge needs one SVD per fold (for
    large folds, as the eigen-decomposition of the Gram matrix); the lasso runs a warm-started
    `lasso_path` per fold.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lams : ndarray of shape (k,), values > 0
        With standardize=True, lam applies to the standardized features.
    n_folds : int, 2 <= n_folds <= m
    rng : numpy Generator or int seed
        Shuffles the samples into folds (`kfold_indices`).
    model : {"ridge", "lasso"}
    standardize : bool
        Fit a `Standardizer` on each training part (True) or use X as it is.
    folds : list of int arrays, optional
        Validation indices of each fold, a partition of range(m); given, they replace
        n_folds and rng (e.g. to compare with another library on the same folds).

    Returns
    -------
    CVCurve
    """
    X, y = as_Xy(X, y)
    lams = as_lams(lams)
    model = as_choice(model, "model", MODELS)
    standardize = as_bool(standardize, "standardize")
    folds = (kfold_indices(X.shape[0], n_folds, rng) if folds is None
             else as_folds(folds, X.shape[0]))
    return _cross_val_curve(X, y, lams, folds, model, standardize)


def _cross_val_curve(X, y, lams, folds, model, standardize):
    """`cross_val_curve` on checked input and explicit folds."""
    fold_mse = np.empty((len(folds), lams.size))
    for k, val in enumerate(folds):
        train = np.ones(X.shape[0], dtype=bool)
        train[val] = False
        y_hat = _fit_predict(X[train], y[train], X[val], lams, model, standardize)
        fold_mse[k] = np.mean((y[val, None] - y_hat) ** 2, axis=0)
    se = fold_mse.std(axis=0, ddof=1) / np.sqrt(len(folds))
    return CVCurve(lams=lams, mean=fold_mse.mean(axis=0), se=se, fold_mse=fold_mse)


def _fit_predict(X_train, y_train, X_new, lams, model, standardize):
    """Predictions for X_new, shape (m_new, k): one fit per lam on the training part only."""
    if standardize:
        scaler = Standardizer.fit(X_train)
        X_train, X_new = scaler.transform(X_train), scaler.transform(X_new)
    if model == "lasso":
        W, b = _lasso_path(X_train, y_train, lams, tol=1e-10, n_iters=10_000)
        return X_new @ W.T + b
    return _ridge_predict(X_train, y_train, X_new, lams)


def _ridge_predict(X_train, y_train, X_new, lams):
    """Ridge predictions for every lam from one decomposition of the centered training X.

    w(lam) = V diag(s / (s^2 + lam)) U^T yc with Xc = U diag(s) V^T. Small problems take the
    SVD directly. Large ones take the eigen-decomposition of the smaller Gram matrix, which is
    the same SVD squared (Xc^T Xc = V diag(s^2) V^T) at a fraction of the cost: then
    w(lam) = V diag(1/(s^2 + lam)) V^T Xc^T yc, or the kernel form
    w(lam) = Xc^T U diag(1/(s^2 + lam)) U^T yc when m < n. Every lam > 0: no division by 0.
    """
    x_mean, y_mean = X_train.mean(axis=0), y_train.mean()
    Xc, yc, Xc_new = centered(X_train), y_train - y_mean, X_new - x_mean
    if min(Xc.shape) < GRAM_ABOVE:
        U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
        s = _kept(s, Xc.shape)                            # round-off directions: factor 0
        coef = s / (s**2 + lams[:, None]) * (U.T @ yc)    # (k, r): one row per lam
        return y_mean + (Xc_new @ Vt.T) @ coef.T
    if Xc.shape[0] >= Xc.shape[1]:
        s2, V = np.linalg.eigh(Xc.T @ Xc)
        Z_new, z = Xc_new @ V, V.T @ (Xc.T @ yc)
    else:
        s2, U = np.linalg.eigh(Xc @ Xc.T)
        Z_new, z = Xc_new @ (Xc.T @ U), U.T @ yc
    s = _kept(np.sqrt(np.maximum(s2, 0.0)), Xc.shape)     # round-off directions: factor 0
    with np.errstate(invalid="ignore", divide="ignore"):
        coef = np.where(s > 0, z / (s**2 + lams[:, None]), 0.0)
    return y_mean + Z_new @ coef.T


def one_se_rule(lams, mean, se):
    """The one-standard-error rule: the largest lam whose mean error is within one SE of the best.

    With i = argmin(mean), it returns max{lams[j] : mean[j] <= mean[i] + se[i]}: the simplest
    (most regularized) model not clearly worse than the best one (Breiman et al. 1984;
    Hastie, Tibshirani and Friedman, ESL section 7.10).

    Parameters
    ----------
    lams : ndarray of shape (k,), values > 0 (any order)
    mean : ndarray of shape (k,)
    se : ndarray of shape (k,), values >= 0

    Returns
    -------
    float
    """
    lams = as_lams(lams)
    mean = _same_length(mean, "mean", lams)
    se = _same_length(se, "se", lams)
    if np.any(se < 0):
        raise ValueError(f"se has {int(np.sum(se < 0))} negative value(s); standard errors "
                         f"must be >= 0")
    return _one_se_rule(lams, mean, se)


def _one_se_rule(lams, mean, se):
    best = np.argmin(mean)
    return float(lams[mean <= mean[best] + se[best]].max())


def _same_length(v, name, lams):
    v = as_array(v, name, ndim=1)
    if v.shape != lams.shape:
        raise ValueError(f"{name} has length {v.shape[0]} but lams has length {lams.shape[0]}; "
                         f"give one value per lam")
    return v
