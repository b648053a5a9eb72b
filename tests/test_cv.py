import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from helpers import (
    CVCurve,
    cross_val_curve,
    kfold_indices,
    one_se_rule,
    ridge_closed_form,
)

LAMS = np.logspace(-2, 2.5, 10)


@pytest.mark.parametrize("m, n_folds", [(10, 3), (23, 5), (7, 7), (100, 10)])
def test_folds_are_a_balanced_reproducible_partition(m, n_folds):
    folds = kfold_indices(m, n_folds, rng=3)
    assert len(folds) == n_folds
    np.testing.assert_array_equal(np.sort(np.concatenate(folds)), np.arange(m))
    sizes = [f.size for f in folds]
    assert max(sizes) - min(sizes) <= 1
    again = kfold_indices(m, n_folds, np.random.default_rng(3))
    assert all(np.array_equal(a, b) for a, b in zip(folds, again))


def test_folds_are_shuffled():
    folds = kfold_indices(30, 3, rng=0)
    assert not np.array_equal(folds[0], np.arange(10))


def _brute_force_curve(X, y, lams, folds, make_model):
    out = np.empty((len(folds), lams.size))
    for k, val in enumerate(folds):
        train = np.setdiff1d(np.arange(X.shape[0]), val)
        for j, lam in enumerate(lams):
            model = make_pipeline(StandardScaler(), make_model(lam, train.size))
            model.fit(X[train], y[train])
            out[k, j] = np.mean((y[val] - model.predict(X[val])) ** 2)
    return out


def test_ridge_curve_equals_refits_on_the_same_folds(problem):
    X, y = problem
    folds = kfold_indices(X.shape[0], 4, rng=1)
    curve = cross_val_curve(X, y, LAMS, folds=folds)
    ref = _brute_force_curve(X, y, LAMS, folds, lambda lam, m: Ridge(alpha=lam))
    np.testing.assert_allclose(curve.fold_mse, ref, rtol=1e-9)
    np.testing.assert_allclose(curve.mean, ref.mean(axis=0), rtol=1e-9)
    np.testing.assert_allclose(curve.se, ref.std(axis=0, ddof=1) / 2, rtol=1e-9)


def test_lasso_curve_equals_refits_on_the_same_folds(problem):
    X, y = problem
    folds = kfold_indices(X.shape[0], 3, rng=2)
    lams = np.logspace(-1, 1.5, 5)
    curve = cross_val_curve(X, y, lams, folds=folds, model="lasso")
    ref = _brute_force_curve(X, y, lams, folds, lambda lam, m: Lasso(
        alpha=lam / m, tol=1e-13, max_iter=1_000_000))
    np.testing.assert_allclose(curve.fold_mse, ref, rtol=1e-6)


@pytest.mark.parametrize("m, n", [(100, 70), (100, 120)], ids=["gram m>n", "gram m<n"])
def test_large_folds_take_the_gram_route_and_agree(m, n):
    rng = np.random.default_rng(m + n)
    X = rng.normal(size=(m, n)) * 2 + 1
    y = X @ rng.normal(size=n) + rng.normal(size=m)
    folds = kfold_indices(m, 5, rng=0)
    lams = np.array([0.3, 10.0, 300.0])
    curve = cross_val_curve(X, y, lams, folds=folds)
    ref = _brute_force_curve(X, y, lams, folds, lambda lam, m: Ridge(alpha=lam))
    np.testing.assert_allclose(curve.fold_mse, ref, rtol=1e-8)


def test_without_standardizing_it_equals_plain_ridge_refits(problem):
    X, y = problem
    curve = cross_val_curve(X, y, LAMS, n_folds=3, rng=5, standardize=False)
    folds = kfold_indices(X.shape[0], 3, rng=5)
    for k, val in enumerate(folds):
        train = np.setdiff1d(np.arange(X.shape[0]), val)
        for j, lam in enumerate(LAMS):
            w, b = ridge_closed_form(X[train], y[train], lam)
            assert curve.fold_mse[k, j] == pytest.approx(np.mean((y[val] - X[val] @ w - b) ** 2),
                                                         rel=1e-9)


def test_same_seed_same_curve_and_gridsearchcv_agrees():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(60, 6)) * 3 + 1
    y = X @ rng.normal(size=6) + 4 * rng.normal(size=60)
    curve = cross_val_curve(X, y, LAMS, n_folds=5, rng=7)
    np.testing.assert_array_equal(curve.mean, cross_val_curve(X, y, LAMS, 5, 7).mean)
    folds = kfold_indices(60, 5, rng=7)
    cv = [(np.setdiff1d(np.arange(60), f), f) for f in folds]
    search = GridSearchCV(make_pipeline(StandardScaler(), Ridge()), {"ridge__alpha": LAMS},
                          cv=cv, scoring="neg_mean_squared_error").fit(X, y)
    np.testing.assert_allclose(curve.mean, -search.cv_results_["mean_test_score"], rtol=1e-9)
    assert curve.lam_min == search.best_params_["ridge__alpha"]


def test_one_se_rule_on_hand_made_curves():
    lams = np.array([0.1, 1.0, 10.0, 100.0, 1000.0])
    mean = np.array([5.0, 3.0, 2.0, 2.4, 4.0])
    assert one_se_rule(lams, mean, np.full(5, 0.5)) == 100.0      # 2.4 <= 2.0 + 0.5
    assert one_se_rule(lams, mean, np.full(5, 0.3)) == 10.0       # nothing else is close
    assert one_se_rule(lams, mean, np.array([0, 0, 0.1, 5, 5])) == 10.0  # SE at the minimum
    assert one_se_rule(lams, mean, np.full(5, 2.0)) == 1000.0     # the edge of the grid
    # the minimum at either edge of the grid
    assert one_se_rule(lams, np.array([5.0, 4, 3, 2, 1]), np.full(5, 0.1)) == 1000.0
    assert one_se_rule(lams, np.array([1.0, 2, 3, 4, 5]), np.full(5, 0.1)) == 0.1
    assert one_se_rule(lams, np.array([1.0, 1.05, 3, 4, 5]), np.full(5, 0.1)) == 1.0
    # any order of the grid gives the same answer
    order = np.array([3, 0, 4, 2, 1])
    assert one_se_rule(lams[order], mean[order], np.full(5, 0.5)) == 100.0


def test_curve_properties_use_the_one_se_rule():
    curve = CVCurve(lams=np.array([1.0, 2.0, 3.0]), mean=np.array([2.0, 1.0, 1.05]),
                    se=np.array([0.1, 0.1, 0.1]), fold_mse=np.zeros((2, 3)))
    assert curve.lam_min == 2.0 and curve.lam_1se == 3.0


def test_bad_input():
    X, y = np.random.default_rng(0).normal(size=(6, 2)), np.ones(6)
    with pytest.raises(ValueError, match="n_folds == 1, must be >= 2"):
        kfold_indices(6, 1, rng=0)
    with pytest.raises(ValueError, match="n_folds == 7, must be <= 6"):
        cross_val_curve(X, y, [1.0], n_folds=7)
    with pytest.raises(ValueError, match="m == 1, must be >= 2"):
        kfold_indices(1, 2, rng=0)
    with pytest.raises(TypeError, match="n_folds must be an integer"):
        kfold_indices(6, 2.0, rng=0)
    with pytest.raises(TypeError, match="rng must be a numpy Generator"):
        kfold_indices(6, 2, rng="seed")
    with pytest.raises(ValueError, match=r"lams has 1 value\(s\) <= 0"):
        cross_val_curve(X, y, [0.0, 1.0])
    with pytest.raises(ValueError, match="must be a non-empty 1-D"):
        cross_val_curve(X, y, np.ones((2, 3)))
    with pytest.raises(ValueError, match="X has 6 rows but y has 5 entries"):
        cross_val_curve(X, y[:5], [1.0])
    with pytest.raises(ValueError, match="model == 'ols', must be one of"):
        cross_val_curve(X, y, [1.0], model="ols")
    with pytest.raises(TypeError, match="standardize must be True or False, got 'no'"):
        cross_val_curve(X, y, [1.0], standardize="no")
    with pytest.raises(TypeError, match="standardize must be True or False, got 0"):
        cross_val_curve(X, y, [1.0], standardize=0)
    with pytest.raises(ValueError, match="each index 0..5 exactly once"):
        cross_val_curve(X, y, [1.0], folds=[np.array([0, 1, 2]), np.array([2, 3, 4])])
    with pytest.raises(ValueError, match="at least 2 non-empty"):
        cross_val_curve(X, y, [1.0], folds=[np.arange(6)])
    with pytest.raises(TypeError, match="integer indices"):
        cross_val_curve(X, y, [1.0], folds=[np.array([0.0, 1, 2]), np.array([3.0, 4, 5])])
    with pytest.raises(ValueError, match="mean has length 2 but lams has length 3"):
        one_se_rule([1.0, 2.0, 3.0], [1.0, 2.0], [0.1, 0.1, 0.1])
    with pytest.raises(ValueError, match=r"se has 1 negative value\(s\)"):
        one_se_rule([1.0, 2.0], [1.0, 2.0], [0.1, -0.1])


@pytest.mark.parametrize("m, n", [(30, 6), (100, 70), (100, 120)],
                         ids=["svd", "gram m>n", "gram m<n"])
def test_duplicated_column_at_a_tiny_lam_matches_the_closed_form(m, n):
    # both routes treat round-off directions as null directions, like ridge_closed_form
    rng = np.random.default_rng(m * n)
    X = rng.normal(size=(m, n))
    X[:, -1] = X[:, 0]
    y = X[:, 0] - X[:, 1] + rng.normal(size=m)
    folds = kfold_indices(m, 4, rng=1)
    lams = np.array([1e-9, 1.0])
    curve = cross_val_curve(X, y, lams, folds=folds, standardize=False)
    for k, val in enumerate(folds):
        train = np.setdiff1d(np.arange(m), val)
        for j, lam in enumerate(lams):
            w, b = ridge_closed_form(X[train], y[train], lam)
            mse = np.mean((X[val] @ w + b - y[val]) ** 2)
            assert curve.fold_mse[k, j] == pytest.approx(mse, rel=1e-6)


def test_five_folds_by_default(problem):
    X, y = problem
    assert cross_val_curve(X, y, LAMS).fold_mse.shape == (5, LAMS.size)


@pytest.mark.parametrize("m, n", [(40, 5), (100, 70), (100, 120)],
                         ids=["svd", "gram m>n", "gram m<n"])
def test_a_large_offset_in_y_changes_no_validation_error(m, n):
    # Predictions shift with y, so every fold's error is the same. Features offset by 1e3 and
    # y by 1e6: any use of the uncentered y would show at the 1e-6 level.
    rng = np.random.default_rng(21)
    X = 1e3 + rng.normal(size=(m, n))
    y = X @ rng.normal(size=n) / np.sqrt(n) + rng.normal(size=m)
    lams = np.array([0.1, 1.0, 10.0])
    for model in ("ridge", "lasso") if n < 10 else ("ridge",):  # the Gram route is ridge's
        ref = cross_val_curve(X, y, lams, n_folds=4, model=model, standardize=False)
        shifted = cross_val_curve(X, y + 1e6, lams, n_folds=4, model=model, standardize=False)
        np.testing.assert_allclose(shifted.fold_mse, ref.fold_mse, rtol=1e-8)


def test_the_lasso_cap_inside_cross_validation_is_10_000_sweeps():
    from helpers import ConvergenceError

    rng = np.random.default_rng(3)
    x = rng.normal(size=30)
    X = np.column_stack([x, x + 1e-4 * rng.normal(size=30)])
    with pytest.raises(ConvergenceError, match="n_iters=10000 sweeps"):
        cross_val_curve(X, 3 * x + 0.01 * rng.normal(size=30), [1e-4], n_folds=3,
                        model="lasso", standardize=False)


def test_the_default_folds_come_from_seed_0():
    rng = np.random.default_rng(25)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=20)
    default = cross_val_curve(X, y, [1.0])
    np.testing.assert_array_equal(default.fold_mse, cross_val_curve(X, y, [1.0], rng=0).fold_mse)
    assert not np.array_equal(default.fold_mse, cross_val_curve(X, y, [1.0], rng=1).fold_mse)
