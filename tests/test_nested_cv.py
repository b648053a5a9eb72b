import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge
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


def _replay(X, y, lams, n_outer, n_inner, seed, make, scale):
    """Nested CV written out with scikit-learn fits: make(lam, m_train) -> an estimator."""
    seeds = np.random.default_rng(seed)
    outer = kfold_indices(X.shape[0], n_outer, seeds)

    def fit_score(X_tr, y_tr, X_te, y_te, lam):
        if scale:
            scaler = StandardScaler().fit(X_tr)
            X_tr, X_te = scaler.transform(X_tr), scaler.transform(X_te)
        model = make(lam, X_tr.shape[0]).fit(X_tr, y_tr)
        return np.mean((y_te - model.predict(X_te)) ** 2)

    chosen, outer_mse = [], []
    for test in outer:
        train = np.setdiff1d(np.arange(X.shape[0]), test)
        Xt, yt = X[train], y[train]
        inner = kfold_indices(train.size, n_inner, seeds)
        curve = [np.mean([fit_score(np.delete(Xt, f, 0), np.delete(yt, f), Xt[f], yt[f], lam)
                          for f in inner]) for lam in lams]
        lam = lams[int(np.argmin(curve))]
        chosen.append(lam)
        outer_mse.append(fit_score(Xt, yt, X[test], y[test], lam))
    return np.array(chosen), np.array(outer_mse)


@pytest.mark.parametrize("model, standardize", [("lasso", True), ("ridge", False),
                                                 ("lasso", False)])
def test_nested_cv_honours_model_and_standardize(model, standardize):
    # Planted bugs "model= ignored" and "standardize= ignored" both fail here: the reference
    # is built from scikit-learn's Lasso/Ridge with or without a StandardScaler.
    rng = np.random.default_rng(13)
    X = rng.normal(size=(30, 6)) * np.array([0.1, 1, 3, 10, 0.5, 2]) + 5
    y = X[:, 0] * 20 + X[:, 3] * 0.1 + rng.normal(size=30)
    lams = np.array([0.05, 0.5, 5.0, 50.0])
    if model == "lasso":
        def make(lam, m):
            return Lasso(alpha=lam / m, tol=1e-14, max_iter=1_000_000)
    else:
        def make(lam, m):
            return Ridge(alpha=lam)
    result = nested_cv(X, y, lams, 3, 3, rng=2, model=model, standardize=standardize)
    chosen, outer_mse = _replay(X, y, lams, 3, 3, 2, make, standardize)
    np.testing.assert_array_equal(result.lams_chosen, chosen)
    np.testing.assert_allclose(result.outer_mse, outer_mse, rtol=1e-6)


def test_model_and_standardize_change_the_result():
    rng = np.random.default_rng(13)
    X = rng.normal(size=(30, 6)) * np.array([0.1, 1, 3, 10, 0.5, 2]) + 5
    y = X[:, 0] * 20 + rng.normal(size=30)
    lams = np.array([0.05, 0.5, 5.0, 50.0])
    base = nested_cv(X, y, lams, 3, 3, rng=2)
    for other in (nested_cv(X, y, lams, 3, 3, rng=2, model="lasso"),
                  nested_cv(X, y, lams, 3, 3, rng=2, standardize=False)):
        assert not np.allclose(other.outer_mse, base.outer_mse, rtol=1e-6)


def test_bad_input():
    X, y = np.random.default_rng(0).normal(size=(6, 2)), np.ones(6)
    with pytest.raises(ValueError, match=r"rule == 'best', must be one of \('min', '1se'\)"):
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
