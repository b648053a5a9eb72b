"""Nested cross-validation: an honest estimate of the error of "tune lam by CV, then refit".

Inner folds choose lam (minimizing the course's ridge or lasso objective on training folds, see
`helpers.cv`); outer folds, never used for any choice, measure the error of that procedure.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_bool, as_choice, as_int, as_lams, as_rng, as_Xy
from .cv import MODELS, _cross_val_curve, _fit_predict, kfold_indices

__all__ = ["NestedCVResult", "nested_cv"]


@dataclass(frozen=True)
class NestedCVResult:
    """Outcome of `nested_cv`.

    Attributes
    ----------
    outer_mse : ndarray of shape (n_outer,)
        Test MSE of the tuned model on each outer fold, which played no role in the tuning.
    lams_chosen : ndarray of shape (n_outer,)
        The lam the inner CV chose in each outer training part.
    inner_best : ndarray of shape (n_outer,)
        The inner CV error at the chosen lam (with rule="min" it is optimistic: it was
        minimized over the grid).
    """

    outer_mse: np.ndarray
    lams_chosen: np.ndarray
    inner_best: np.ndarray

    @property
    def estimate(self):
        """The nested-CV estimate of the error of "tune lam by CV, then refit"."""
        return float(self.outer_mse.mean())

    @property
    def se(self):
        """Standard error of `estimate`: std of outer_mse (ddof=1) / sqrt(n_outer)."""
        return float(self.outer_mse.std(ddof=1) / np.sqrt(self.outer_mse.size))


def nested_cv(X, y, lams, n_outer=5, n_inner=5, rng=0, model="ridge", rule="min",
              standardize=True):
    """Estimate the error of the whole procedure "choose lam by K-fold CV, then refit".

    Each outer fold is held out in turn; on the rest, an inner `cross_val_curve` chooses lam
    (by the minimum or the one-SE rule), the model is refitted on that whole outer training
    part with the chosen lam, and scored once on the held-out outer fold. The minimum of an
    ordinary CV curve is biased low because lam was chosen to minimize it; the outer folds are
    never used for any choice, so their mean is an honest estimate (Varma and Simon 2006).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lams : ndarray of shape (k,), values > 0
    n_outer, n_inner : int >= 2
    rng : numpy Generator or int seed
    model : {"ridge", "lasso"}
    rule : {"min", "1se"}
    standardize : bool

    Returns
    -------
    NestedCVResult
    """
    X, y = as_Xy(X, y)
    lams, model = as_lams(lams), as_choice(model, "model", MODELS)
    rule = as_choice(rule, "rule", ("min", "1se"))
    standardize = as_bool(standardize, "standardize")
    n_outer = as_int(n_outer, "n_outer", minimum=2, maximum=X.shape[0])
    rng = as_rng(rng)
    outer = kfold_indices(X.shape[0], n_outer, rng)
    smallest_train = X.shape[0] - max(part.size for part in outer)
    n_inner = as_int(n_inner, "n_inner", minimum=2, maximum=smallest_train)
    results = np.empty((len(outer), 3))
    for k, test in enumerate(outer):
        train = np.setdiff1d(np.arange(X.shape[0]), test)
        inner = kfold_indices(train.size, n_inner, rng)
        curve = _cross_val_curve(X[train], y[train], lams, inner, model, standardize)
        lam = curve.lam_min if rule == "min" else curve.lam_1se
        y_hat = _fit_predict(X[train], y[train], X[test], np.array([lam]), model, standardize)
        results[k] = np.mean((y[test] - y_hat[:, 0]) ** 2), lam, curve.mean[curve.lams == lam][0]
    return NestedCVResult(outer_mse=results[:, 0], lams_chosen=results[:, 1],
                          inner_best=results[:, 2])
