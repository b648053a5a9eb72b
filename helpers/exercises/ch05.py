"""Exercise checks for notebook 05 (choosing lam): folds, the one-SE rule, the LOO shortcut."""

import numpy as np

from ._core import Exercise, Mistake

__all__ = ["check_fold_labels", "check_one_se_lam", "check_loo_ridge"]


# --- 1. Deal shuffled samples into folds -------------------------------------------------------

def _fold_labels(order, n_folds):
    labels = np.empty(order.size, dtype=int)
    labels[order] = np.arange(order.size) % n_folds   # sample order[j] goes to fold j mod K
    return labels


def _fold_cases():
    rng = np.random.default_rng(500)
    return [(rng.permutation(m), k) for m, k in ((10, 3), (17, 5), (12, 4), (9, 9))]


def _folds_by_position(order, n_folds):
    return order % n_folds


def _folds_in_blocks(order, n_folds):
    labels = np.empty(order.size, dtype=int)
    labels[order] = np.arange(order.size) * n_folds // order.size
    return labels


def _folds_of_fixed_size(order, n_folds):
    labels = np.empty(order.size, dtype=int)
    labels[order] = np.arange(order.size) // (order.size // n_folds)
    return labels


def _list_of_folds(order, n_folds):
    return [order[k::n_folds] for k in range(n_folds)]   # fold k: samples dealt k-th


class _FoldLabelsExercise(Exercise):
    """Also recognizes a list of folds: a planted list output matches any learner's list (or
    tuple) of the same number of index arrays that together hold the same indices."""

    def _close(self, out, ref):
        if isinstance(ref, list):
            try:
                parts = [np.asarray(part).reshape(-1) for part in out]
            except TypeError:
                return False
            return (isinstance(out, (list, tuple)) and len(parts) == len(ref)
                    and np.array_equal(np.sort(np.concatenate(parts)),
                                       np.sort(np.concatenate(ref))))
        return super()._close(out, ref)


check_fold_labels = _FoldLabelsExercise(
    name="fold_labels",
    reference=_fold_labels,
    cases=_fold_cases,
    mistakes=[
        Mistake(_list_of_folds,
                "you returned the list of folds; return one label per sample instead: an integer "
                "array of shape (m,) with labels[i] the fold of sample i."),
        Mistake(lambda order, n_folds: np.arange(order.size) % n_folds,
                "your folds ignore the shuffle: deal the samples in the order given by `order` "
                "(sample order[j] goes to fold j % n_folds)."),
        Mistake(_folds_by_position,
                "you labelled sample j with order[j] % n_folds; it is sample order[j] that goes "
                "to fold j % n_folds (write labels[order] = ...)."),
        Mistake(lambda order, n_folds: _fold_labels(order, n_folds) + 1,
                "your fold labels run from 1 to n_folds; number them 0 .. n_folds - 1."),
        Mistake(_folds_of_fixed_size,
                "with blocks of m // n_folds samples the leftovers form an extra fold when m is "
                "not a multiple of n_folds; deal the samples round-robin (j % n_folds)."),
        Mistake(_folds_in_blocks,
                "contiguous blocks of `order` are valid folds too, but this exercise deals "
                "round-robin: sample order[j] goes to fold j % n_folds."),
    ],
)


# --- 2. The one-standard-error rule ------------------------------------------------------------

def _one_se_lam(lams, mean, se):
    best = np.argmin(mean)
    return float(np.max(lams[mean <= mean[best] + se[best]]))


def _one_se_cases():
    lams = np.logspace(-2, 3, 11)
    u_curve = np.array([4.0, 3.1, 2.4, 2.05, 2.0, 2.02, 2.12, 2.3, 2.6, 3.3, 4.5])
    rng = np.random.default_rng(501)
    noisy = 1.5 + 0.3 * (np.log10(lams) - 0.5) ** 2 + 0.05 * rng.standard_normal(11)
    return [
        (lams, u_curve, np.full(11, 0.15)),
        (lams, u_curve, np.array([0.3, 0.3, 0.3, 0.3, 0.05, 0.4, 0.4, 0.5, 0.6, 0.6, 0.6])),
        (lams, noisy, np.full(11, 0.2)),
        (lams, np.linspace(3.0, 1.0, 11), np.full(11, 0.1)),    # minimum at the grid's edge
    ]


def _smallest_in_band(lams, mean, se):
    best = np.argmin(mean)
    return float(np.min(lams[mean <= mean[best] + se[best]]))


def _own_se(lams, mean, se):
    return float(np.max(lams[mean <= mean.min() + se]))


check_one_se_lam = Exercise(
    name="one_se_lam",
    reference=_one_se_lam,
    cases=_one_se_cases,
    mistakes=[
        Mistake(lambda lams, mean, se: float(lams[np.argmin(mean)]),
                "that is lam_min; the rule then moves to the largest lam whose mean error is "
                "at most mean[i_min] + se[i_min]."),
        Mistake(_smallest_in_band,
                "you took the smallest lam inside the one-SE band; the rule wants the simplest "
                "model, i.e. the largest lam (the strongest penalty)."),
        Mistake(_own_se,
                "the threshold is mean[i_min] + se[i_min], one value for the whole grid: use the "
                "standard error at the minimum, not each lam's own se."),
        Mistake(lambda lams, mean, se: float(np.flatnonzero(
            mean <= mean.min() + se[np.argmin(mean)]).max()),
                "you returned a position in the grid; return the lam value itself, lams[j]."),
    ],
)


# --- 3. The leave-one-out shortcut for ridge ---------------------------------------------------

def _centered_fit(X, y, lam, lam_scale=1.0):
    """Ridge on centered data: y_hat and the hat-matrix part Xc (Xc^T Xc + lam I)^-1 Xc^T."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    A = Xc @ np.linalg.solve(Xc.T @ Xc + lam * lam_scale * np.eye(X.shape[1]), Xc.T)
    return y.mean() + A @ yc, A


def _loo_ridge(X, y, lam):
    y_hat, A = _centered_fit(X, y, lam)
    leverage = 1.0 / X.shape[0] + np.diag(A)          # the bias adds 1/m to every H_ii
    return float(np.mean(((y - y_hat) / (1.0 - leverage)) ** 2))


def _loo_cases():
    rng = np.random.default_rng(502)
    cases = []
    for m, n, lam in ((20, 3, 1.0), (30, 6, 5.0), (12, 20, 0.5)):
        X = rng.standard_normal((m, n)) + 2.0
        y = X @ rng.standard_normal(n) + 3.0 + 0.5 * rng.standard_normal(m)
        cases.append((X, y, lam))
    return cases


def _loo_without_bias_leverage(X, y, lam):
    y_hat, A = _centered_fit(X, y, lam)
    return float(np.mean(((y - y_hat) / (1.0 - np.diag(A))) ** 2))


def _training_error(X, y, lam):
    y_hat, _ = _centered_fit(X, y, lam)
    return float(np.mean((y - y_hat) ** 2))


def _square_then_divide(X, y, lam):
    y_hat, A = _centered_fit(X, y, lam)
    return float(np.mean((y - y_hat) ** 2 / (1.0 - 1.0 / X.shape[0] - np.diag(A))))


def _gcv(X, y, lam):
    y_hat, A = _centered_fit(X, y, lam)
    return float(np.mean((y - y_hat) ** 2) / (1.0 - (1.0 + np.trace(A)) / X.shape[0]) ** 2)


def _no_bias(X, y, lam):
    H = X @ np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T)
    return float(np.mean(((y - H @ y) / (1.0 - np.diag(H))) ** 2))


def _lam_over_m(X, y, lam):
    y_hat, A = _centered_fit(X, y, lam, lam_scale=1.0 / X.shape[0])
    return float(np.mean(((y - y_hat) / (1.0 - 1.0 / X.shape[0] - np.diag(A))) ** 2))


check_loo_ridge = Exercise(
    name="loo_ridge",
    reference=_loo_ridge,
    cases=_loo_cases,
    rtol=1e-8,
    mistakes=[
        Mistake(_loo_without_bias_leverage,
                "each H_ii must include 1/m: the unpenalized bias is fitted too, so "
                "H = 11^T/m + Xc (Xc^T Xc + lam I)^-1 Xc^T."),
        Mistake(_training_error,
                "that is the training error; divide each residual by (1 - H_ii) to get the "
                "error of the fit that did not see sample i."),
        Mistake(_square_then_divide,
                "divide the residual first, then square: ((y_i - y_hat_i) / (1 - H_ii))^2."),
        Mistake(_gcv,
                "you used the mean leverage tr(H)/m for every sample: that is GCV; leave-one-out "
                "uses each sample's own H_ii."),
        Mistake(_no_bias,
                "your model has no bias (or penalizes it): center X and y first, fit the "
                "bias as mean(y) - mean(X) w, and add 1/m to each H_ii."),
        Mistake(_lam_over_m,
                "the m's cancel in this convention: the ridge normal equations are "
                "(Xc^T Xc + lam I) w = Xc^T yc, with lam, not lam/m."),
    ],
)
