"""What an L1/L2 penalty does not fix: class imbalance and missing values, and the tools that do.

Imbalance: class weights, oversampling, stratified folds and per-class metrics, with a small
L2-regularized logistic regression in the course's convention (bias b not penalized):

    J(w, b) = (1/m) sum_i s_i [log(1 + exp(z_i)) - y_i z_i] + lam/(2m) ||w||^2,  z = X w + b,

with sample weights s_i (1 by default). It equals scikit-learn
``LogisticRegression(C=1/lam)`` fitted with ``sample_weight=s``.

Missing values: mean imputation learned on training data only, and cross-validation with the
imputer and the standardizer fitted inside every fold.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_float, as_int, as_lam, as_matrix, as_rng, as_vector, as_Xy
from ..data import Standardizer
from ..errors import ConvergenceError
from ..linear.ridge import ridge_closed_form

__all__ = ["balanced_class_weights", "oversample_minority", "stratified_kfold_indices",
           "fit_logistic", "logistic_proba", "class_recall", "balanced_accuracy",
           "add_missing", "MeanImputer", "cv_mse_imputed"]


def _labels(y, name="y"):
    y = as_vector(y, name)
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"{name} must contain only 0 and 1 (binary labels), got values "
                         f"{np.unique(y)[:5].tolist()}")
    return y


def balanced_class_weights(y):
    """Per-sample weights m / (K * count of own class), so every class gets the same total weight.

    The same rule as scikit-learn's ``class_weight="balanced"``.

    Parameters
    ----------
    y : ndarray of shape (m,)
        Class labels (any values; K distinct ones).

    Returns
    -------
    s : ndarray of shape (m,)
    """
    y = as_vector(y, "y")
    classes, inverse, counts = np.unique(y, return_inverse=True, return_counts=True)
    return y.size / (classes.size * counts[inverse])


def oversample_minority(X, y, rng):
    """Random oversampling: redraw samples of the smaller classes (with replacement) until all
    classes are as large as the largest one. Only ever apply it to training data.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    rng : numpy Generator or int seed

    Returns
    -------
    X_new : ndarray of shape (m', n)
    y_new : ndarray of shape (m',)
        The original samples first, then the drawn copies.
    """
    X, y = as_Xy(X, y)
    rng = as_rng(rng)
    classes, counts = np.unique(y, return_counts=True)
    extra = [rng.choice(np.flatnonzero(y == c), counts.max() - k, replace=True)
             for c, k in zip(classes, counts)]
    idx = np.concatenate([np.arange(y.size), *extra]).astype(int)
    return X[idx], y[idx]


def stratified_kfold_indices(y, n_folds, rng):
    """K folds whose class proportions match those of y (counts per class differ by at most one).

    Each class's indices are shuffled and dealt to the folds in turn, continuing where the
    previous class stopped, so fold sizes also differ by at most one.

    Parameters
    ----------
    y : ndarray of shape (m,)
        Class labels.
    n_folds : int >= 2, at most the size of the smallest class
    rng : numpy Generator or int seed

    Returns
    -------
    folds : list of n_folds sorted int arrays
        Validation indices of each fold; together they contain each index exactly once.
    """
    y = as_vector(y, "y")
    n_folds, rng = as_int(n_folds, "n_folds", minimum=2), as_rng(rng)
    classes, counts = np.unique(y, return_counts=True)
    if counts.min() < n_folds:
        c = classes[np.argmin(counts)]
        raise ValueError(f"class {c:g} has only {counts.min()} sample(s) but n_folds == "
                         f"{n_folds}; some fold would contain none of it (use fewer folds)")
    order = np.concatenate([rng.permutation(np.flatnonzero(y == c)) for c in classes])
    fold_of = np.arange(y.size) % n_folds
    return [np.sort(order[fold_of == k]) for k in range(n_folds)]


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1/(1 + exp(-z)) without overflow


def _logistic_loss(w, b, X, y, s, lam):
    z = X @ w + b
    return (s @ (np.logaddexp(0.0, z) - y * z) + 0.5 * lam * w @ w) / y.size


def fit_logistic(X, y, lam, sample_weight=None, n_iters=50, tol=1e-10):
    """Minimize J(w, b) = (1/m) sum_i s_i [log(1 + e^{z_i}) - y_i z_i] + lam/(2m)||w||^2 by Newton.

    Each step solves H d = g with the exact Hessian, halving the step until J decreases.
    Equals scikit-learn ``LogisticRegression(C=1/lam).fit(X, y, sample_weight=s)``.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,), labels 0/1
    lam : float > 0
        Needed for a finite minimizer on separable data.
    sample_weight : ndarray of shape (m,), values >= 0, optional
    n_iters : int >= 1
    tol : float
        Stop when the gradient norm is below tol.

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    """
    X, _ = as_Xy(X, y)
    y = _labels(y)
    lam = as_float(lam, "lam", minimum=0.0, strict=True)
    s = np.ones(y.size) if sample_weight is None else as_vector(
        sample_weight, "sample_weight", length=y.size, length_of="one weight per sample")
    if np.any(s < 0):
        raise ValueError("sample_weight has negative value(s); weights must be >= 0")
    n_iters, tol = as_int(n_iters, "n_iters", minimum=1), as_float(tol, "tol", minimum=0.0)
    A = np.column_stack([X, np.ones(y.size)])        # the last coefficient is the bias
    penalty = np.append(np.full(X.shape[1], lam), 0.0)
    theta = np.zeros(A.shape[1])
    for _ in range(n_iters):
        p = _sigmoid(A @ theta)
        grad = (A.T @ (s * (p - y)) + penalty * theta) / y.size
        if np.linalg.norm(grad) <= tol:
            return theta[:-1], float(theta[-1])
        H = (A.T * (s * p * (1 - p))) @ A / y.size + np.diag(penalty) / y.size
        step = np.linalg.solve(H, grad)
        theta = _backtrack(theta, step, A, X, y, s, lam)
    raise ConvergenceError(f"Newton's method did not reach tol={tol:g} in {n_iters} "
                           f"iterations; raise n_iters or lam")


def _backtrack(theta, step, A, X, y, s, lam):
    # Near the optimum the decrease falls below the rounding error of J: allow that much slack.
    loss = _logistic_loss(theta[:-1], theta[-1], X, y, s, lam) * (1 + 1e-13) + 1e-15
    t = 1.0
    while t > 1e-10:
        new = theta - t * step
        if _logistic_loss(new[:-1], new[-1], X, y, s, lam) <= loss:
            return new
        t /= 2
    return theta


def logistic_proba(X, w, b):
    """P(y = 1 | x) = 1 / (1 + exp(-(x^T w + b))) for every row of X, shape (m,)."""
    X = as_matrix(X)
    w = as_vector(w, "w", length=X.shape[1], length_of="one weight per column of X")
    return _sigmoid(X @ w + as_float(b, "b"))


def class_recall(y, y_hat, label):
    """Fraction of the samples of class `label` that were predicted as `label`."""
    y, y_hat = _pair(y, y_hat)
    members = y == label
    if not np.any(members):
        raise ValueError(f"y has no sample of class {label!r}; recall is undefined")
    return float(np.mean(y_hat[members] == label))


def balanced_accuracy(y, y_hat):
    """Mean over classes of the per-class recall (0.5 for a constant guess on two classes)."""
    y, y_hat = _pair(y, y_hat)
    return float(np.mean([class_recall(y, y_hat, c) for c in np.unique(y)]))


def _pair(y, y_hat):
    y, y_hat = as_vector(y, "y"), as_vector(y_hat, "y_hat")
    if y.shape != y_hat.shape:
        raise ValueError(f"y has {y.size} entries but y_hat has {y_hat.size}; they must match")
    return y, y_hat


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


def _with_nan(X, name="X"):
    """A 2-D float array that may contain NaN (missing values) but no infinities."""
    try:
        X = np.asarray(X, dtype=float) if not isinstance(X, (str, bytes)) else None
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a 2-D array of numbers (NaN marking missing values), "
                        f"got {type(X).__name__} with non-numeric entries") from exc
    if X is None:
        raise TypeError(f"{name} must be a 2-D array of numbers (NaN marking missing values), "
                        f"got a string")
    if X.ndim != 2 or 0 in X.shape:
        raise ValueError(f"{name} has shape {X.shape} but must be a non-empty 2-D array (m, n), "
                         f"NaN marking missing values")
    if np.any(np.isinf(X)):
        raise ValueError(f"{name} contains infinite values; only NaN may mark missing entries")
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
        """Learn the mean of the observed entries of each column of X, shape (m, n)."""
        X = _with_nan(X)
        observed = ~np.isnan(X)
        empty = np.flatnonzero(observed.sum(axis=0) == 0)
        if empty.size:
            raise ValueError(f"column(s) {empty.tolist()} of X have no observed value; "
                             f"drop them or fit on more data")
        return cls(mean=np.nanmean(X, axis=0))

    def transform(self, X):
        """Return a copy of X, shape (m, n), with every NaN replaced by its column mean."""
        X = _with_nan(X)
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
    X = _with_nan(X)
    y = as_vector(y, "y", length=X.shape[0], length_of="one target per row of X")
    lam = as_lam(lam)
    folds = _partition(folds, y.size)
    if not isinstance(inside, bool):
        raise TypeError(f"inside must be True (preprocessing fitted inside each fold) or False "
                        f"(fitted on all the data), got {inside!r}")
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
        w, b = ridge_closed_form(X_train, y[train], lam)
        errors.append(np.mean((X_val @ w + b - y[val]) ** 2))
    return float(np.mean(errors))


def _partition(folds, m):
    parts = []
    for k, fold in enumerate(folds):
        arr = as_array(fold, f"folds[{k}]", ndim=1)
        if np.any(arr != np.round(arr)):
            raise ValueError(f"folds[{k}] contains non-integer value(s) (e.g. "
                             f"{arr[arr != np.round(arr)][0]:g}); folds hold row indices")
        parts.append(arr.astype(int))
    if len(parts) < 2 or not np.array_equal(np.sort(np.concatenate(parts)), np.arange(m)):
        raise ValueError(f"folds must be at least two index arrays that together contain each of "
                         f"range({m}) exactly once (see kfold_indices)")
    return parts
