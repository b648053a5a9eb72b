"""Class imbalance, which an L1/L2 penalty does not fix, and the tools that do.

Class weights and oversampling change what the fit pays attention to; stratified folds keep each
class in every fold; per-class recall and balanced accuracy show what plain accuracy hides. The
model they are used with is `helpers.linear.logistic.fit_logistic` (its `sample_weight` takes
`balanced_class_weights`).
"""

import numpy as np

from .._validation import as_int, as_rng, as_vector, as_Xy

__all__ = ["balanced_class_weights", "oversample_minority", "stratified_kfold_indices",
           "class_recall", "balanced_accuracy"]


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


def class_recall(y, y_hat, label):
    """Fraction of the samples of class `label` that were predicted as `label`.

    Parameters
    ----------
    y : ndarray of shape (m,)
        True class labels.
    y_hat : ndarray of shape (m,)
        Predicted labels.
    label : float
        The class whose recall is wanted; y must contain it.

    Returns
    -------
    float
    """
    y, y_hat = _pair(y, y_hat)
    if not np.any(y == label):
        raise ValueError(f"y has no sample of class {label!r}; recall is undefined")
    return _recall(y, y_hat, label)


def _recall(y, y_hat, label):
    members = y == label
    return float(np.mean(y_hat[members] == label))


def balanced_accuracy(y, y_hat):
    """Mean over classes of the per-class recall (0.5 for a constant guess on two classes).

    Parameters
    ----------
    y : ndarray of shape (m,)
        True class labels.
    y_hat : ndarray of shape (m,)
        Predicted labels.

    Returns
    -------
    float
    """
    y, y_hat = _pair(y, y_hat)
    return float(np.mean([_recall(y, y_hat, c) for c in np.unique(y)]))


def _pair(y, y_hat):
    y, y_hat = as_vector(y, "y"), as_vector(y_hat, "y_hat")
    if y.shape != y_hat.shape:
        raise ValueError(f"y has {y.size} entries but y_hat has {y_hat.size}; they must match")
    return y, y_hat
