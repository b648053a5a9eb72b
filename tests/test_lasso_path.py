import numpy as np
import pytest
from sklearn.linear_model import Lasso
from sklearn.linear_model import lasso_path as sk_lasso_path

from helpers import fit_lasso, lasso_lam_max, lasso_path


def _grid(X, y, k=8):
    return lasso_lam_max(X, y) * np.logspace(0, -2.5, k)


def test_path_matches_sklearn_lasso_at_every_lam(problem):
    X, y = problem
    m = X.shape[0]
    lams = _grid(X, y)
    W, b = lasso_path(X, y, lams, tol=1e-12, n_iters=100_000)
    assert W.shape == (lams.size, X.shape[1]) and b.shape == (lams.size,)
    for i, lam in enumerate(lams):
        ref = Lasso(alpha=lam / m, tol=1e-14, max_iter=1_000_000).fit(X, y)
        np.testing.assert_allclose(W[i], ref.coef_, atol=1e-7)
        assert b[i] == pytest.approx(ref.intercept_, abs=1e-6)


def test_path_matches_sklearn_lasso_path_on_centered_data(problem):
    X, y = problem
    m = X.shape[0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    lams = _grid(X, y)
    _, coefs, _ = sk_lasso_path(Xc, yc, alphas=lams / m, tol=1e-14, max_iter=1_000_000)
    W, _ = lasso_path(X, y, lams, tol=1e-12, n_iters=100_000)
    np.testing.assert_allclose(W, coefs.T, atol=1e-7)


def test_results_follow_the_order_of_lams_and_equal_cold_starts(problem):
    X, y = problem
    lams = _grid(X, y, k=5)[[3, 0, 4, 1, 2]]                      # not sorted
    W, b = lasso_path(X, y, lams, tol=1e-12, n_iters=100_000)
    for i, lam in enumerate(lams):
        w, b_cold = fit_lasso(X, y, lam, tol=1e-12, n_iters=100_000)
        np.testing.assert_allclose(W[i], w, atol=1e-8)
        assert b[i] == pytest.approx(b_cold, abs=1e-8)


def test_sparsity_grows_with_lam(problem):
    X, y = problem
    lams = _grid(X, y, k=10)                                       # decreasing
    W, _ = lasso_path(X, y, np.append(1.001 * lasso_lam_max(X, y), lams))
    nonzero = np.count_nonzero(W, axis=1)
    assert nonzero[0] == 0 and nonzero[-1] > 0
    assert np.all(np.diff(nonzero[:4]) >= 0)                      # first steps only add


def test_bad_input():
    X, y = np.random.default_rng(0).normal(size=(6, 2)), np.ones(6)
    with pytest.raises(ValueError, match=r"lams has 1 value\(s\) <= 0"):
        lasso_path(X, y, [-1.0, 2.0])
    with pytest.raises(ValueError, match="must be a non-empty 1-D"):
        lasso_path(X, y, [[1.0]])
    with pytest.raises(ValueError, match="X has 6 rows but y has 3 entries"):
        lasso_path(X, y[:3], [1.0])
    with pytest.raises(ValueError, match="tol == 0.0, must be > 0"):
        lasso_path(X, y, [1.0], tol=0.0)
    with pytest.raises(ValueError, match="n_iters == 0, must be >= 1"):
        lasso_path(X, y, [1.0], n_iters=0)


def test_old_keyword_max_iter_is_the_iteration_cap():
    from helpers import ConvergenceError

    rng = np.random.default_rng(3)
    x = rng.normal(size=30)
    X = np.column_stack([x, x + 1e-3 * rng.normal(size=30)])
    with pytest.raises(ConvergenceError, match="^lasso_path: .* n_iters=2 sweeps"), \
            pytest.warns(FutureWarning):
        lasso_path(X, 3 * x, [0.01], max_iter=2)


def test_warm_starts_from_the_largest_lam_down_reach_a_small_lam_when_n_exceeds_m():
    # With n > m a small lam is slow to reach from w = 0; from the solution at the next larger
    # lam it is quick. The path visits lams from the largest down, so this grid converges under
    # the default cap, whatever order the caller gives it in.
    rng = np.random.default_rng(20)
    X = rng.normal(size=(15, 40))
    y = X[:, :3] @ np.array([2.0, -1.0, 0.5]) + 0.1 * rng.normal(size=15)
    lams = np.array([1e-3, 0.1, 1.0])
    W, _ = lasso_path(X, y, lams)
    W_desc, _ = lasso_path(X, y, lams[::-1])
    np.testing.assert_allclose(W, W_desc[::-1], atol=1e-8)


def test_the_default_cap_is_10_000_sweeps():
    from helpers import ConvergenceError

    rng = np.random.default_rng(3)
    x = rng.normal(size=30)
    X = np.column_stack([x, x + 1e-3 * rng.normal(size=30)])
    with pytest.raises(ConvergenceError, match="^lasso_path: .* n_iters=10000 sweeps"):
        lasso_path(X, 3 * x, [0.01], tol=1e-14)
