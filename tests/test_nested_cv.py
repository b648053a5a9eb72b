import numpy as np
import pytest
from sklearn.linear_model import Ridge
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from helpers import kfold_indices, nested_cv

LAMS = np.logspace(-2, 2.5, 10)


def test_nested_cv_equals_gridsearch_inside_an_outer_loop():
    rng = np.random.default_rng(9)
    X = rng.normal(size=(50, 5)) * 2
    y = X @ rng.normal(size=5) + 2 * rng.normal(size=50)
    result = nested_cv(X, y, LAMS, n_outer=4, n_inner=3, rng=12)
    seeds = np.random.default_rng(12)                              # replay the same draws
    outer = kfold_indices(50, 4, seeds)
    for k, test in enumerate(outer):
        train = np.setdiff1d(np.arange(50), test)
        inner = kfold_indices(train.size, 3, seeds)
        cv = [(np.setdiff1d(np.arange(train.size), f), f) for f in inner]
        search = GridSearchCV(make_pipeline(StandardScaler(), Ridge()), {"ridge__alpha": LAMS},
                              cv=cv, scoring="neg_mean_squared_error").fit(X[train], y[train])
        assert result.lams_chosen[k] == search.best_params_["ridge__alpha"]
        assert result.inner_best[k] == pytest.approx(-search.best_score_, rel=1e-9)
        mse = np.mean((y[test] - search.predict(X[test])) ** 2)
        assert result.outer_mse[k] == pytest.approx(mse, rel=1e-9)
    assert result.estimate == pytest.approx(result.outer_mse.mean())
    assert result.se > 0


def test_nested_cv_one_se_rule_chooses_larger_lams():
    rng = np.random.default_rng(10)
    X = rng.normal(size=(40, 4))
    y = X @ np.array([1.0, 0.5, 0.0, 0.0]) + rng.normal(size=40)
    lo = nested_cv(X, y, LAMS, 4, 4, rng=1, rule="min")
    hi = nested_cv(X, y, LAMS, 4, 4, rng=1, rule="1se")
    assert np.all(hi.lams_chosen >= lo.lams_chosen)


def test_nested_cv_runs_the_lasso_and_unscaled_ridge():
    rng = np.random.default_rng(13)
    X = rng.normal(size=(30, 6))
    y = X[:, 0] * 2 + rng.normal(size=30)
    lams = np.array([0.5, 5.0, 50.0])
    lasso = nested_cv(X, y, lams, 3, 3, rng=2, model="lasso")
    plain = nested_cv(X, y, lams, 3, 3, rng=2, standardize=False)
    for result in (lasso, plain):
        assert np.all(np.isin(result.lams_chosen, lams))
        assert result.outer_mse.shape == (3,) and np.all(result.outer_mse > 0)


def test_bad_input():
    X, y = np.random.default_rng(0).normal(size=(6, 2)), np.ones(6)
    with pytest.raises(ValueError, match="rule == 'best', must be 'min' or '1se'"):
        nested_cv(X, y, [1.0], rule="best")
    with pytest.raises(ValueError, match="n_inner == 5, must be <= 4"):
        nested_cv(X, y, [1.0], n_outer=3, n_inner=5)
    with pytest.raises(ValueError, match="n_outer == 7, must be <= 6"):
        nested_cv(X, y, [1.0], n_outer=7)
    with pytest.raises(ValueError, match="n_outer == 1, must be >= 2"):
        nested_cv(X, y, [1.0], n_outer=1)
    with pytest.raises(TypeError, match="standardize must be True or False, got 'no'"):
        nested_cv(X, y, [1.0], standardize="no")
    with pytest.raises(ValueError, match="model == 'svm', must be one of"):
        nested_cv(X, y, [1.0], model="svm")
    with pytest.raises(ValueError, match=r"lams has 1 value\(s\) <= 0"):
        nested_cv(X, y, [0.0])
