"""Exercise checks for notebook 05 (choosing lam): folds, the one-SE rule, the LOO shortcut, and
a whole tuning pipeline in which the test set chooses nothing.

Worked solutions: solutions/ch05.py. Tests: tests/test_exercises_ch05.py.
"""

import numpy as np

from ..data import Standardizer
from ..linear.ridge import ridge_closed_form
from ..selection.cv import cross_val_curve
from ._core import Exercise, Feedback, Mistake
from ._i18n import _

__all__ = ["check_fold_labels", "check_one_se_lam", "check_loo_ridge", "check_tuned_pipeline"]


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
        # SE(lam_min) is the LARGEST se here: se.min() or each lam's own se give other answers
        (lams, u_curve, np.array([0.05, 0.05, 0.05, 0.05, 0.4, 0.05, 0.05, 0.05, 0.05, 0.05,
                                  0.05])),
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
        Mistake(lambda lams, mean, se: float(np.max(lams[mean <= mean.min() + se.min()])),
                "you used the smallest se of the grid, se.min(); the threshold uses the standard "
                "error at the minimum of the curve: mean[i_min] + se[i_min] with "
                "i_min = argmin(mean)."),
        Mistake(lambda lams, mean, se: float(np.max(lams[mean <= mean.min() + se.max()])),
                "you used the largest se of the grid, se.max(); the threshold uses the standard "
                "error at the minimum of the curve: mean[i_min] + se[i_min] with "
                "i_min = argmin(mean)."),
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
    y_hat = _centered_fit(X, y, lam)[0]
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


def _rmse(X, y, lam):
    return float(np.sqrt(_loo_ridge(X, y, lam)))


def _y_column(X, y, lam):
    """y as a column (m, 1) against leverages of shape (m,): an (m, m) table is averaged."""
    y_hat, A = _centered_fit(X, y, lam)
    leverage = 1.0 / X.shape[0] + np.diag(A)
    return float(np.mean(((y[:, None] - y_hat[:, None]) / (1.0 - leverage)) ** 2))


def _negative(X, y, lam):
    return -_loo_ridge(X, y, lam)


def _lam_over_m(X, y, lam):
    y_hat, A = _centered_fit(X, y, lam, lam_scale=1.0 / X.shape[0])
    return float(np.mean(((y - y_hat) / (1.0 - 1.0 / X.shape[0] - np.diag(A))) ** 2))


# rtol 1e-4: the third case (12 samples, 20 features, uncentered X) is ill-conditioned for the
# augmented normal equations [1, X]; solved in float32 they drift by about 2e-5 relative. Every
# planted mistake differs from the reference by more than 8e-3 relative on some case.
check_loo_ridge = Exercise(
    name="loo_ridge",
    reference=_loo_ridge,
    cases=_loo_cases,
    rtol=1e-4,
    mistakes=[
        Mistake(_negative,
                "your value is negative, but a mean of squared residuals cannot be: return the "
                "mean of ((y_i - y_hat_i)/(1 - H_ii))^2, which is never below 0."),
        Mistake(_rmse,
                "that is the root of the answer (an RMSE); return the mean of the squared "
                "leave-one-out residuals, an MSE, without the square root."),
        Mistake(_y_column,
                "a column of shape (m, 1) met a vector of shape (m,) and numpy broadcast them to "
                "an (m, m) table before the mean: keep y, y_hat and the leverages all of shape "
                "(m,) (use y.ravel() if needed)."),
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


# --- 4. A tuning pipeline in which the test set chooses nothing --------------------------------
#
# The learner writes tuned_test_mse(X_train, y_train, X_test, y_test, lams, folds) -> (lam, mse):
# choose lam_min by K-fold CV on the training set only (the given folds, ridge on standardized
# features), refit on the whole training set, and return the chosen lam and the test MSE.
# Right answers fit the scaler inside each training fold, or once on the whole training set
# (both use training rows only): both are accepted. The cases come in a group of three that
# share their training data: case 2 changes only y_test, case 3 changes only X_test. A pipeline
# in which the test set plays no role in the choice returns the same lam on all three; one that
# tunes on the test set, or standardizes before splitting, does not.

def _ridge_test_mse(scaler, X_train, y_train, X_test, y_test, lam):
    w, b = ridge_closed_form(scaler.transform(X_train), y_train, lam)
    return float(np.mean((y_test - scaler.transform(X_test) @ w - b) ** 2))


def _tuned_inside_folds(X_train, y_train, X_test, y_test, lams, folds):
    curve = cross_val_curve(X_train, y_train, lams, folds=folds)        # scaler fitted per fold
    lam = curve.lam_min
    scaler = Standardizer.fit(X_train)                                  # training rows only
    return lam, _ridge_test_mse(scaler, X_train, y_train, X_test, y_test, lam)


def _tuned_train_scaler(X_train, y_train, X_test, y_test, lams, folds):
    scaler = Standardizer.fit(X_train)                                  # training rows only
    curve = cross_val_curve(scaler.transform(X_train), y_train, lams, folds=folds,
                            standardize=False)
    lam = curve.lam_min
    return lam, _ridge_test_mse(scaler, X_train, y_train, X_test, y_test, lam)


def _tuned_on_test(X_train, y_train, X_test, y_test, lams, folds):
    scaler = Standardizer.fit(X_train)
    errors = [_ridge_test_mse(scaler, X_train, y_train, X_test, y_test, lam) for lam in lams]
    k = int(np.argmin(errors))
    return float(lams[k]), errors[k]


def _scaled_before_split(X_train, y_train, X_test, y_test, lams, folds):
    scaler = Standardizer.fit(np.vstack([X_train, X_test]))             # sees the test rows
    curve = cross_val_curve(scaler.transform(X_train), y_train, lams, folds=folds,
                            standardize=False)
    lam = curve.lam_min
    return lam, _ridge_test_mse(scaler, X_train, y_train, X_test, y_test, lam)


def _test_scaled_by_itself(X_train, y_train, X_test, y_test, lams, folds):
    lam = cross_val_curve(X_train, y_train, lams, folds=folds).lam_min
    sc_train, sc_test = Standardizer.fit(X_train), Standardizer.fit(X_test)
    w, b = ridge_closed_form(sc_train.transform(X_train), y_train, lam)
    return lam, float(np.mean((y_test - sc_test.transform(X_test) @ w - b) ** 2))


def _cv_error_returned(X_train, y_train, X_test, y_test, lams, folds):
    curve = cross_val_curve(X_train, y_train, lams, folds=folds)
    return curve.lam_min, float(curve.mean.min())


def _not_standardized(X_train, y_train, X_test, y_test, lams, folds):
    lam = cross_val_curve(X_train, y_train, lams, folds=folds, standardize=False).lam_min
    w, b = ridge_closed_form(X_train, y_train, lam)
    return lam, float(np.mean((y_test - X_test @ w - b) ** 2))


def _tuned_sample_std(X_train, y_train, X_test, y_test, lams, folds):
    """Also right: standardized with the sample standard deviation (ddof=1, as pandas does)
    instead of Standardizer's ddof=0, inside each fold and for the refit."""
    def fit_scale(rows):
        return rows.mean(axis=0), rows.std(axis=0, ddof=1)

    m = y_train.size
    errors = np.zeros(len(lams))
    for val_idx in folds:
        fit_idx = np.setdiff1d(np.arange(m), val_idx)
        mu, sd = fit_scale(X_train[fit_idx])
        for k, lam in enumerate(lams):
            w, b = ridge_closed_form((X_train[fit_idx] - mu) / sd, y_train[fit_idx], lam)
            errors[k] += np.mean((y_train[val_idx] - (X_train[val_idx] - mu) / sd @ w - b) ** 2)
    lam = float(lams[int(np.argmin(errors))])
    mu, sd = fit_scale(X_train)
    w, b = ridge_closed_form((X_train - mu) / sd, y_train, lam)
    return lam, float(np.mean((y_test - (X_test - mu) / sd @ w - b) ** 2))


def _refit_scaler_sees_test(X_train, y_train, X_test, y_test, lams, folds):
    lam = cross_val_curve(X_train, y_train, lams, folds=folds).lam_min
    scaler = Standardizer.fit(np.vstack([X_train, X_test]))            # sees the test rows
    return lam, _ridge_test_mse(scaler, X_train, y_train, X_test, y_test, lam)


def _one_se_chosen(X_train, y_train, X_test, y_test, lams, folds):
    lam = cross_val_curve(X_train, y_train, lams, folds=folds).lam_1se
    scaler = Standardizer.fit(X_train)
    return lam, _ridge_test_mse(scaler, X_train, y_train, X_test, y_test, lam)


def _not_refitted(X_train, y_train, X_test, y_test, lams, folds):
    """The model of the first training fold is scored, instead of a refit on all of X_train."""
    lam = cross_val_curve(X_train, y_train, lams, folds=folds).lam_min
    fit_idx = np.setdiff1d(np.arange(y_train.size), folds[0])
    scaler = Standardizer.fit(X_train[fit_idx])
    w, b = ridge_closed_form(scaler.transform(X_train[fit_idx]), y_train[fit_idx], lam)
    return lam, float(np.mean((y_test - scaler.transform(X_test) @ w - b) ** 2))


def _rmse_returned(*args):
    lam, err = _tuned_inside_folds(*args)
    return lam, float(np.sqrt(err))


def _pipeline_cases():
    """Two problems; the first comes with two perturbed copies (only y_test, only X_test).

    The features have very different scales and offsets, so a scaler that sees other rows
    changes the fit; the true weights are spread out, so that each lam on the grid makes a
    difference. The test rows of the perturbations are drawn so that the test set would pick a
    very different lam (y_test without any signal), and so that their column means and scales
    are far from the training ones (a scaler that sees them moves).
    """
    cases = []
    for seed, m_train, m_test, n in ((503, 60, 40, 8), (504, 45, 30, 12)):
        rng = np.random.default_rng(seed)
        scales, offsets = np.geomspace(0.2, 20.0, n), rng.normal(0.0, 5.0, n)
        w = rng.standard_normal(n) / scales
        X = rng.standard_normal((m_train + m_test, n)) * scales + offsets
        y = X @ w + 1.0 + 1.5 * rng.standard_normal(m_train + m_test)
        X_tr, y_tr, X_te, y_te = X[:m_train], y[:m_train], X[m_train:], y[m_train:]
        lams = np.logspace(-2, 3, 26)
        folds = [np.sort(part) for part in np.array_split(rng.permutation(m_train), 5)]
        cases.append((X_tr, y_tr, X_te, y_te, lams, folds))
        if len(cases) == 1:
            y_other = y_tr.mean() + 1.5 * rng.standard_normal(m_test)   # no signal at all
            cases.append((X_tr, y_tr, X_te, y_other, lams, folds))
            X_moved = X_te * np.geomspace(30.0, 0.05, n) + 100.0
            cases.append((X_tr, y_tr, X_moved, y_te, lams, folds))
    return cases


class _PipelineExercise(Exercise):
    """Accepts either right pipeline; after the planted mistakes, checks that a pair is returned
    and that the chosen lam does not move when only the test data change (cases 1-3 share their
    training data)."""

    def __init__(self, *args, alternatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.alternatives = tuple(alternatives)

    def _compare(self, outputs, expected, cases):
        for reference in (None, *self.alternatives):
            wanted = expected if reference is None else [reference(*args) for args in cases]
            if all(self._close(o, e) for o, e in zip(outputs, wanted)):
                return Feedback("pass", "✅ " + _(
                    "{name}: correct on all {count} test cases; the test set chose nothing."
                ).format(name=self.name, count=len(cases)))
        return super()._compare(outputs, expected, cases)

    def _diagnose(self, outputs, expected, cases):
        if not all(isinstance(o, (tuple, list)) and len(o) == 2 for o in outputs):
            return Feedback("fail", "❌ " + _(
                "{name}: return a pair (lam, test_mse): the chosen lam and the test MSE at that "
                "lam.").format(name=self.name))
        try:
            chosen = [float(np.asarray(o[0], dtype=float)) for o in outputs[:3]]
        except (TypeError, ValueError):  # not one number: the generic message shows the value
            return None
        if not np.isclose(chosen[1], chosen[0], rtol=1e-5):
            return Feedback("fail", "❌ " + _(
                "{name}: your lam changed when only the test targets y_test changed (test cases "
                "1 and 2 share their training data): the test set is choosing lam. Choose lam "
                "from the training folds only, then use the test set once.").format(
                    name=self.name))
        if not np.isclose(chosen[2], chosen[0], rtol=1e-5):
            return Feedback("fail", "❌ " + _(
                "{name}: your lam changed when only the test features X_test changed (test cases "
                "1 and 3 share their training data): test rows leaked into the choice, probably "
                "through the scaler. Fit the scaler on training rows only.").format(
                    name=self.name))
        return None


check_tuned_pipeline = _PipelineExercise(
    name="tuned_test_mse",
    reference=_tuned_inside_folds,
    alternatives=(_tuned_train_scaler, _tuned_sample_std),
    cases=_pipeline_cases,
    mistakes=[
        Mistake(_tuned_on_test,
                "your lam is the one with the smallest test error: the test set chose lam, so the "
                "test error you return is optimistic. Choose lam_min by cross-validation on the "
                "training folds, then compute the test error once, at that lam."),
        Mistake(_scaled_before_split,
                "your scaler was fitted on the training and the test rows together "
                "(standardizing before splitting), so the test rows shaped the choice of lam and "
                "the fit. Fit the Standardizer on training rows only (inside each fold, or on "
                "X_train) and apply it to the test rows."),
        Mistake(_test_scaled_by_itself,
                "the test rows were standardized with their own mean and scale; transform them "
                "with the scaler fitted on the training set, as the model saw it."),
        Mistake(_cv_error_returned,
                "the second value is the minimum of the CV curve, which was used to choose lam "
                "and is optimistic; return the test MSE of the model refitted on all of X_train "
                "at lam_min."),
        Mistake(_not_standardized,
                "your features were not standardized: the penalty then treats the features by "
                "their units. Standardize with statistics of training rows only."),
        Mistake(_rmse_returned,
                "the second value is the root of the test MSE (an RMSE); return the mean squared "
                "error itself."),
        Mistake(_refit_scaler_sees_test,
                "your lam is right, but the final scaler was fitted on the training and the test "
                "rows together, so the test rows shaped the refitted model. Fit the Standardizer "
                "on X_train only and apply it to X_test."),
        Mistake(_one_se_chosen,
                "you chose lam_1SE; this exercise asks for lam_min, the lam with the smallest "
                "mean CV error."),
        Mistake(_not_refitted,
                "your lam is right, but the model you scored was not refitted on all of X_train: "
                "after choosing lam, fit once more on every training row, then score the test "
                "set."),
    ],
)
