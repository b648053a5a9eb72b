import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score, recall_score
from sklearn.utils.class_weight import compute_sample_weight

from helpers import (
    ConvergenceError,
    MeanImputer,
    Standardizer,
    add_missing,
    balanced_accuracy,
    balanced_class_weights,
    class_recall,
    cv_mse_imputed,
    fit_logistic,
    kfold_indices,
    logistic_proba,
    oversample_minority,
    ridge_closed_form,
    stratified_kfold_indices,
)


@pytest.fixture
def imbalanced():
    rng = np.random.default_rng(0)
    y = (rng.random(120) < 0.15).astype(float)
    X = rng.normal(size=(120, 3)) + 1.2 * y[:, None]
    return X, y


def test_balanced_weights_match_sklearn(imbalanced):
    _, y = imbalanced
    np.testing.assert_allclose(balanced_class_weights(y), compute_sample_weight("balanced", y))
    s = balanced_class_weights(y)
    assert s[y == 1].sum() == pytest.approx(s[y == 0].sum())


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("lam", [0.1, 5.0])
def test_logistic_matches_sklearn(imbalanced, weighted, lam):
    X, y = imbalanced
    s = balanced_class_weights(y) if weighted else None
    w, b = fit_logistic(X, y, lam, sample_weight=s)
    ref = LogisticRegression(C=1 / lam, tol=1e-12, max_iter=10_000).fit(X, y, sample_weight=s)
    np.testing.assert_allclose(w, ref.coef_[0], rtol=1e-5, atol=1e-7)
    assert b == pytest.approx(ref.intercept_[0], rel=1e-5, abs=1e-7)
    np.testing.assert_allclose(logistic_proba(X, w, b), ref.predict_proba(X)[:, 1], atol=1e-6)


def test_logistic_on_separable_data_with_m_less_than_n():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(10, 25))
    y = (X[:, 0] > 0).astype(float)
    w, b = fit_logistic(X, y, 1.0)
    ref = LogisticRegression(C=1.0, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(w, ref.coef_[0], rtol=1e-5, atol=1e-7)


def test_logistic_reports_non_convergence(imbalanced):
    X, y = imbalanced
    with pytest.raises(ConvergenceError, match="did not reach tol"):
        fit_logistic(X, y, 1.0, n_iters=1)


def test_oversampling_balances_and_keeps_the_originals(imbalanced):
    X, y = imbalanced
    X2, y2 = oversample_minority(X, y, rng=0)
    assert np.sum(y2 == 1) == np.sum(y2 == 0) == np.sum(y == 0)
    np.testing.assert_array_equal(X2[: y.size], X)
    extra = X2[y.size:]
    assert all(any(np.array_equal(row, x) for x in X[y == 1]) for row in extra)


def test_stratified_folds_keep_proportions_and_partition(imbalanced):
    _, y = imbalanced
    folds = stratified_kfold_indices(y, 5, rng=0)
    assert np.array_equal(np.sort(np.concatenate(folds)), np.arange(y.size))
    per_fold = [int(y[f].sum()) for f in folds]
    assert max(per_fold) - min(per_fold) <= 1
    sizes = [f.size for f in folds]
    assert max(sizes) - min(sizes) <= 1


def test_metrics_match_sklearn(imbalanced):
    _, y = imbalanced
    y_hat = np.zeros_like(y)
    y_hat[:10] = 1
    assert class_recall(y, y_hat, 1) == pytest.approx(recall_score(y, y_hat))
    assert balanced_accuracy(y, y_hat) == pytest.approx(balanced_accuracy_score(y, y_hat))
    assert balanced_accuracy(y, np.zeros_like(y)) == 0.5


def test_add_missing_rate_and_imputer():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(400, 3))
    X_nan = add_missing(X, 0.2, rng=3)
    assert np.isnan(X_nan).mean() == pytest.approx(0.2, abs=0.03)
    assert not np.isnan(X).any()                         # the input is untouched
    imputer = MeanImputer.fit(X_nan)
    np.testing.assert_allclose(imputer.mean, [np.mean(c[~np.isnan(c)]) for c in X_nan.T])
    filled = imputer.transform(X_nan)
    observed = ~np.isnan(X_nan)
    np.testing.assert_array_equal(filled[observed], X[observed])
    np.testing.assert_allclose(filled[~observed], np.broadcast_to(imputer.mean, X.shape)[~observed])


def _manual_cv(X, y, lam, folds):
    errors = []
    for val in folds:
        train = np.setdiff1d(np.arange(y.size), val)
        means = np.nanmean(X[train], axis=0)
        Xt, Xv = np.where(np.isnan(X[train]), means, X[train]), np.where(np.isnan(X[val]), means,
                                                                          X[val])
        mu, sd = Xt.mean(axis=0), Xt.std(axis=0)
        w, b = ridge_closed_form((Xt - mu) / sd, y[train], lam)
        errors.append(np.mean(((Xv - mu) / sd @ w + b - y[val]) ** 2))
    return np.mean(errors)


@pytest.mark.parametrize("shape", [(60, 4), (20, 30)], ids=["m>n", "m<n"])
def test_cv_with_imputation_inside_matches_a_manual_loop(shape):
    rng = np.random.default_rng(4)
    X = rng.normal(size=shape)
    y = X[:, 0] - X[:, 1] + 0.3 * rng.normal(size=shape[0])
    X_nan = add_missing(X, 0.15, rng=5)
    folds = kfold_indices(shape[0], 5, rng=6)
    assert cv_mse_imputed(X_nan, y, 2.0, folds) == pytest.approx(_manual_cv(X_nan, y, 2.0, folds),
                                                                rel=1e-10)
    outside = cv_mse_imputed(X_nan, y, 2.0, folds, inside=False)
    assert outside != pytest.approx(cv_mse_imputed(X_nan, y, 2.0, folds), rel=1e-12)


def test_cv_outside_equals_preprocessing_everything_first():
    rng = np.random.default_rng(7)
    X = add_missing(rng.normal(size=(30, 3)), 0.1, rng=8)
    y = rng.normal(size=30)
    folds = kfold_indices(30, 3, rng=9)
    X_all = MeanImputer.fit(X).transform(X)
    X_all = Standardizer.fit(X_all).transform(X_all)
    errors = []
    for val in folds:
        train = np.setdiff1d(np.arange(30), val)
        w, b = ridge_closed_form(X_all[train], y[train], 1.0)
        errors.append(np.mean((X_all[val] @ w + b - y[val]) ** 2))
    assert cv_mse_imputed(X, y, 1.0, folds, inside=False) == pytest.approx(np.mean(errors))


def test_bad_input(imbalanced):
    X, y = imbalanced
    with pytest.raises(ValueError, match="y must contain only 0 and 1"):
        fit_logistic(X, y + 1, 1.0)
    with pytest.raises(ValueError, match="lam == 0.0, must be > 0"):
        fit_logistic(X, y, 0.0)
    with pytest.raises(ValueError, match="sample_weight has length 3"):
        fit_logistic(X, y, 1.0, sample_weight=np.ones(3))
    with pytest.raises(ValueError, match="sample_weight has negative"):
        fit_logistic(X, y, 1.0, sample_weight=-np.ones(y.size))
    with pytest.raises(ValueError, match="some fold would contain none of it"):
        stratified_kfold_indices(np.array([0, 0, 0, 0, 1]), 2, rng=0)
    with pytest.raises(ValueError, match="no sample of class 2"):
        class_recall(y, y, 2)
    with pytest.raises(ValueError, match="y_hat has 3"):
        balanced_accuracy(y, np.ones(3))
    with pytest.raises(ValueError, match="rate == 1.0, must be < 1"):
        add_missing(X, 1.0, rng=0)
    with pytest.raises(ValueError, match=r"column\(s\) \[1\] of X have no observed value"):
        MeanImputer.fit(np.array([[1.0, np.nan], [2.0, np.nan]]))
    with pytest.raises(ValueError, match="only NaN may mark missing"):
        MeanImputer.fit(np.array([[1.0, np.inf]]))
    with pytest.raises(ValueError, match="fitted on 3"):
        MeanImputer.fit(X).transform(np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"X has shape \(3,\) but must be 2-D"):
        MeanImputer.fit(np.ones(3))
    with pytest.raises(ValueError, match="folds must be at least 2 non-empty"):
        cv_mse_imputed(X, y, 1.0, [np.arange(10)])
    with pytest.raises(TypeError, match="X must be array-like of numbers"):
        MeanImputer.fit([["a", "b"]])
    with pytest.raises(TypeError, match="X must be array-like of numbers"):
        MeanImputer.fit("abc")
    with pytest.raises(TypeError, match="X must hold real numbers"):
        MeanImputer.fit(np.array([[1j, np.nan]]))
    with pytest.raises(ValueError, match=r"X has shape \(0, 3\); it needs at least one row"):
        MeanImputer.fit(np.ones((0, 3)))
    half = y.size // 2
    with pytest.raises(TypeError, match=r"folds\[1\] has dtype float64; folds must hold integer"):
        cv_mse_imputed(X, y, 1.0, [np.arange(half), np.arange(half, y.size) + 0.5])
    folds = [np.arange(half), np.arange(half, y.size)]
    with pytest.raises(TypeError, match="inside must be True .* got 'yes'"):
        cv_mse_imputed(X, y, 1.0, folds, inside="yes")
    with pytest.raises(TypeError, match="inside must be True .* got 1"):
        cv_mse_imputed(X, y, 1.0, folds, inside=1)


def test_logistic_converges_on_many_duplicated_samples():
    """Regression: near the optimum the decrease of J is below its rounding error (m = 760)."""
    rng = np.random.default_rng(2)
    y = (rng.random(400) < 0.05).astype(float)
    X = rng.normal(size=(400, 2)) + np.outer(y, [1.5, 1.0])
    X_over, y_over = oversample_minority(X, y, rng)
    w, b = fit_logistic(X_over, y_over, 0.01)
    ref = LogisticRegression(C=100.0, tol=1e-12, max_iter=10_000).fit(X_over, y_over)
    np.testing.assert_allclose(w, ref.coef_[0], rtol=1e-5)
