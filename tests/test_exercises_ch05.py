"""Exercise checks of notebook 05: right answers written differently pass, typical mistakes fail
with their hint, and the tuning-pipeline check catches test-set tuning and leakage."""

import numpy as np
import pytest

from helpers import Standardizer, cross_val_curve, loo_cv_ridge, ridge_closed_form
from helpers.exercises import ch05 as checks
from helpers.exercises import check_fold_labels, check_loo_ridge, check_one_se_lam
from helpers.exercises.ch05 import check_tuned_pipeline
from solutions import ch05


def _fail_with(check, fn, phrase):
    fb = check.grade(fn)
    assert fb.status == "fail" and phrase in fb.message, (phrase, fb.message)


# --- one-SE rule ------------------------------------------------------------------------------

@pytest.mark.parametrize("fn", [
    ch05.one_se_lam,
    lambda lams, mean, se: max(l for l, v in zip(lams, mean)
                               if v <= mean[np.argmin(mean)] + se[np.argmin(mean)]),
    lambda lams, mean, se: np.float32(lams[np.flatnonzero(
        mean <= mean.min() + se[mean.argmin()])[-1]]),
])
def test_one_se_right_answers_pass(fn):
    assert check_one_se_lam.grade(fn).passed


@pytest.mark.parametrize("fn, phrase", [
    (lambda lams, mean, se: float(np.max(lams[mean <= mean.min() + se.min()])), "se.min()"),
    (lambda lams, mean, se: float(np.max(lams[mean <= mean.min() + se.max()])), "se.max()"),
    (lambda lams, mean, se: float(np.max(lams[mean <= mean.min() + se])), "each lam's own se"),
    (lambda lams, mean, se: float(lams[np.argmin(mean)]), "that is lam_min"),
    (lambda lams, mean, se: float(np.min(lams[mean <= mean.min() + se[mean.argmin()]])),
     "smallest lam"),
])
def test_one_se_mistakes_fail_with_their_hint(fn, phrase):
    _fail_with(check_one_se_lam, fn, phrase)


def test_one_se_cases_separate_se_min_from_se_at_the_minimum():
    """Issue 11: reading SE(lam_min) as se.min() passed. Some case must tell them apart."""
    def wrong(lams, mean, se):
        return float(np.max(lams[mean <= mean.min() + se.min()]))
    assert any(wrong(*c) != checks._one_se_lam(*c) for c in checks._one_se_cases())


# --- LOO shortcut -----------------------------------------------------------------------------

def _loo_float32(X, y, lam):
    X, y = X.astype(np.float32), y.astype(np.float32)
    m, n = X.shape
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    A = Xc @ np.linalg.solve(Xc.T @ Xc + np.float32(lam) * np.eye(n, dtype=np.float32), Xc.T)
    lev = 1 / m + np.diag(A)
    return np.mean(((y - y.mean() - A @ yc) / (1 - lev)) ** 2)


def _loo_augmented(X, y, lam):
    """Another formula: the hat matrix of [1, X] with an unpenalized bias column."""
    m, n = X.shape
    A = np.column_stack([np.ones(m), X])
    P = lam * np.eye(n + 1)
    P[0, 0] = 0.0
    H = A @ np.linalg.solve(A.T @ A + P, A.T)
    return float(np.mean(((y - H @ y) / (1 - np.diag(H))) ** 2))


def _loo_brute_force(X, y, lam):
    """Another method: m refits."""
    errs = []
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        w, b = ridge_closed_form(X[keep], y[keep], lam)
        errs.append((y[i] - X[i] @ w - b) ** 2)
    return errs and sum(errs) / len(errs)


def _loo_augmented_float32(X, y, lam):
    """The augmented formula solved in float32: ill-conditioned on the (12, 20) case, yet right
    to the precision float32 allows (review of issue 11: it was rejected, 4.1364 vs 4.1365)."""
    return np.float32(_loo_augmented(X.astype(np.float32), y.astype(np.float32), np.float32(lam)))


@pytest.mark.parametrize("fn", [ch05.loo_ridge, _loo_float32, _loo_augmented, _loo_brute_force,
                                _loo_augmented_float32,
                                lambda X, y, lam: loo_cv_ridge(X, y, [lam])[0]])
def test_loo_right_answers_pass(fn):
    fb = check_loo_ridge.grade(fn)
    assert fb.passed, fb.message


def test_loo_float32_is_not_rejected_with_equal_looking_numbers():
    """Issue 11: 'expected 0.6873, got 0.6873' for a float32 answer. It passes now."""
    assert check_loo_ridge.grade(_loo_float32).status == "pass"


@pytest.mark.parametrize("fn, phrase", [
    (lambda X, y, lam: np.sqrt(ch05.loo_ridge(X, y, lam)), "RMSE"),
    (lambda X, y, lam: checks._y_column(X, y, lam), "broadcast"),
    (checks._loo_without_bias_leverage, "include 1/m"),
    (checks._gcv, "that is GCV"),
    (checks._training_error, "training error"),
    (checks._square_then_divide, "divide the residual first"),
    (checks._no_bias, "no bias"),
    (checks._lam_over_m, "m's cancel"),
    (lambda X, y, lam: -_loo_augmented(X, y, lam), "negative"),
])
def test_loo_mistakes_fail_with_their_hint(fn, phrase):
    _fail_with(check_loo_ridge, fn, phrase)


def test_loo_y_column_written_independently():
    def wrong(X, y, lam):
        m, n = X.shape
        yc = (y - y.mean()).reshape(-1, 1)
        Xc = X - X.mean(axis=0)
        A = Xc @ np.linalg.solve(Xc.T @ Xc + lam * np.eye(n), Xc.T)
        resid = yc - A @ yc                                  # (m, 1)
        return float(np.mean((resid / (1 - 1 / m - np.diag(A))) ** 2))
    _fail_with(check_loo_ridge, wrong, "broadcast")


# --- fold labels ------------------------------------------------------------------------------

@pytest.mark.parametrize("fn", [
    ch05.fold_labels,
    lambda order, k: list(np.argsort(order) % k),
    lambda order, k: np.array([int(np.flatnonzero(order == i)[0]) % k
                               for i in range(order.size)], dtype=np.int32),
])
def test_fold_labels_right_answers_pass(fn):
    assert check_fold_labels.grade(fn).passed


# --- the tuning pipeline ----------------------------------------------------------------------

def _pipeline_train_scaler(X_train, y_train, X_test, y_test, lams, folds):
    """Right, another way: the scaler fitted once on X_train (it never sees test rows)."""
    sc = Standardizer.fit(X_train)
    lam = cross_val_curve(sc.transform(X_train), y_train, lams, folds=folds,
                          standardize=False).lam_min
    w, b = ridge_closed_form(sc.transform(X_train), y_train, lam)
    return lam, float(np.mean((y_test - sc.transform(X_test) @ w - b) ** 2))


def _pipeline_sklearn(X_train, y_train, X_test, y_test, lams, folds):
    """Right, with scikit-learn: Pipeline(StandardScaler, Ridge(alpha=lam)) inside each fold."""
    sklearn = pytest.importorskip("sklearn")
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    del sklearn
    cv = []
    for lam in lams:
        errs = []
        for val in folds:
            fit = np.setdiff1d(np.arange(len(y_train)), val)
            model = make_pipeline(StandardScaler(), Ridge(alpha=lam))
            model.fit(X_train[fit], y_train[fit])
            errs.append(np.mean((y_train[val] - model.predict(X_train[val])) ** 2))
        cv.append(np.mean(errs))
    lam = float(lams[int(np.argmin(cv))])
    model = make_pipeline(StandardScaler(), Ridge(alpha=lam)).fit(X_train, y_train)
    return [lam, np.float32(np.mean((y_test - model.predict(X_test)) ** 2))]


def _pipeline_pandas_style(X_train, y_train, X_test, y_test, lams, folds):
    """Right, standardized with the sample standard deviation (ddof=1, pandas' default)."""
    def scale(rows):
        return rows.mean(axis=0), rows.std(axis=0, ddof=1)
    cv = np.zeros(len(lams))
    for val in folds:
        fit = np.setdiff1d(np.arange(len(y_train)), val)
        mu, sd = scale(X_train[fit])
        for k, lam in enumerate(lams):
            w, b = ridge_closed_form((X_train[fit] - mu) / sd, y_train[fit], lam)
            cv[k] += np.mean((y_train[val] - ((X_train[val] - mu) / sd) @ w - b) ** 2)
    lam = lams[int(np.argmin(cv))]
    mu, sd = scale(X_train)
    w, b = ridge_closed_form((X_train - mu) / sd, y_train, lam)
    return lam, np.mean((y_test - ((X_test - mu) / sd) @ w - b) ** 2)


@pytest.mark.parametrize("fn", [ch05.tuned_test_mse, _pipeline_train_scaler, _pipeline_sklearn,
                                _pipeline_pandas_style])
def test_pipeline_right_answers_pass(fn):
    fb = check_tuned_pipeline.grade(fn)
    assert fb.passed, fb.message


def _tune_and_score_as_given(Z_train, y_train, Z_test, y_test, lams, folds):
    """CV and refit on features used as they are (no scaler of its own)."""
    lam = cross_val_curve(Z_train, y_train, lams, folds=folds, standardize=False).lam_min
    w, b = ridge_closed_form(Z_train, y_train, lam)
    return lam, float(np.mean((y_test - Z_test @ w - b) ** 2))


def _tuned_on_test(X_train, y_train, X_test, y_test, lams, folds):
    sc = Standardizer.fit(X_train)
    errs = []
    for lam in lams:
        w, b = ridge_closed_form(sc.transform(X_train), y_train, lam)
        errs.append(np.mean((y_test - sc.transform(X_test) @ w - b) ** 2))
    return float(lams[int(np.argmin(errs))]), float(min(errs))


def _scaled_before_split(X_train, y_train, X_test, y_test, lams, folds):
    sc = Standardizer.fit(np.vstack([X_train, X_test]))
    return _tune_and_score_as_given(sc.transform(X_train), y_train, sc.transform(X_test), y_test,
                                    lams, folds)


@pytest.mark.parametrize("fn, phrase", [
    (_tuned_on_test, "the test set chose lam"),
    (_scaled_before_split, "standardizing before splitting"),
    (checks._test_scaled_by_itself, "their own mean and scale"),
    (checks._cv_error_returned, "minimum of the CV curve"),
    (checks._not_standardized, "not standardized"),
    (checks._rmse_returned, "RMSE"),
    (lambda *a: ch05.tuned_test_mse(*a)[0], "return a pair"),
    (checks._refit_scaler_sees_test, "final scaler"),
    (checks._one_se_chosen, "lam_1SE"),
    (checks._not_refitted, "not refitted"),
])
def test_pipeline_mistakes_fail_with_their_hint(fn, phrase):
    _fail_with(check_tuned_pipeline, fn, phrase)


def test_pipeline_perturbations_catch_unplanted_test_tuning():
    """Test-set tuning written another way (a blend of CV and test error) is not a planted
    mistake: the perturbation of y_test alone must still expose it."""
    def blended(X_train, y_train, X_test, y_test, lams, folds):
        sc = Standardizer.fit(X_train)
        cv = cross_val_curve(X_train, y_train, lams, folds=folds).mean
        test = []
        for lam in lams:
            w, b = ridge_closed_form(sc.transform(X_train), y_train, lam)
            test.append(np.mean((y_test - sc.transform(X_test) @ w - b) ** 2))
        k = int(np.argmin(cv + np.array(test)))
        return float(lams[k]), float(test[k])
    _fail_with(check_tuned_pipeline, blended, "only the test targets")


def test_pipeline_perturbations_catch_unplanted_leakage():
    """A scaler fitted on training rows plus the FIRST half of the test rows: the X_test
    perturbation must expose it."""
    def half_leak(X_train, y_train, X_test, y_test, lams, folds):
        sc = Standardizer.fit(np.vstack([X_train, X_test[: len(X_test) // 2]]))
        return _tune_and_score_as_given(sc.transform(X_train), y_train, sc.transform(X_test),
                                        y_test, lams, folds)
    _fail_with(check_tuned_pipeline, half_leak, "only the test features")


def test_pipeline_cases_share_training_data_and_change_one_thing():
    c1, c2, c3 = checks._pipeline_cases()[:3]
    for other in (c2, c3):
        assert other[0] is c1[0] and other[1] is c1[1] and other[5] is c1[5]
    assert c2[2] is c1[2] and not np.array_equal(c2[3], c1[3])     # only y_test changes
    assert c3[3] is c1[3] and not np.array_equal(c3[2], c1[2])     # only X_test changes


def test_the_two_right_pipelines_are_different_answers():
    """Both references are needed: they differ on the cases (scaler per fold or once)."""
    cases = checks._pipeline_cases()
    a = [checks._tuned_inside_folds(*c) for c in cases]
    b = [checks._tuned_train_scaler(*c) for c in cases]
    assert any(not check_tuned_pipeline._close(x, y) for x, y in zip(a, b))


def test_stub_and_exception():
    def stub(*a):
        raise NotImplementedError
    assert check_tuned_pipeline.grade(stub).status == "todo"
    assert check_tuned_pipeline.grade(lambda *a: 1 / 0).status == "error"
