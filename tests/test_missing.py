"""Missing values (helpers.studies.missing): masking, the mean imputer, CV with imputation."""

import numpy as np
import pytest

from helpers import (
    MeanImputer,
    Standardizer,
    add_missing,
    cv_mse_imputed,
    kfold_indices,
    ridge_closed_form,
)


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


def test_bad_input_missing(imbalanced):
    X, y = imbalanced
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
