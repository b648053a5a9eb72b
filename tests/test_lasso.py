import numpy as np
import pytest
from sklearn.linear_model import Lasso

from helpers import ConvergenceError, fit_lasso, lasso_lam_max, lasso_loss


@pytest.mark.parametrize("lam", [0.5, 5.0])
def test_matches_sklearn_lasso(problem, lam):
    X, y = problem
    m = X.shape[0]
    w, b = fit_lasso(X, y, lam, tol=1e-12, n_iters=100_000)
    ref = Lasso(alpha=lam / m, tol=1e-14, max_iter=1_000_000).fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, atol=1e-7)
    assert b == pytest.approx(ref.intercept_, abs=1e-6)
    # ... and our objective is not worse than scikit-learn's
    assert lasso_loss(w, b, X, y, lam) <= lasso_loss(ref.coef_, ref.intercept_, X, y, lam) + 1e-12


def test_kkt_conditions(problem):
    X, y = problem
    lam = 2.0
    w, b = fit_lasso(X, y, lam, tol=1e-13, n_iters=200_000)
    corr = X.T @ (y - X @ w - b)  # = lam * sign(w_j) on the support, |.| <= lam off it
    on = w != 0
    np.testing.assert_allclose(corr[on], lam * np.sign(w[on]), atol=1e-6)
    assert np.all(np.abs(corr[~on]) <= lam + 1e-6)
    assert abs(np.sum(y - X @ w - b)) < 1e-8  # the bias is unpenalized


def test_lam_max_gives_zero_weights(problem):
    X, y = problem
    lam_max = lasso_lam_max(X, y)
    assert np.all(fit_lasso(X, y, 1.0001 * lam_max)[0] == 0)
    assert np.any(fit_lasso(X, y, 0.99 * lam_max)[0] != 0)


def test_exact_zeros_and_constant_column():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(80, 10))
    X[:, 3] = 5.0  # constant: no information, weight 0
    y = X[:, 0] * 3 - X[:, 1] * 2 + 0.1 * rng.normal(size=80)
    w, _ = fit_lasso(X, y, 10.0)
    assert w[3] == 0.0
    assert np.sum(w == 0) >= 6


def test_warm_start_gives_the_same_solution(problem):
    X, y = problem
    w_cold, _ = fit_lasso(X, y, 1.0, tol=1e-12, n_iters=100_000)
    w_warm, _ = fit_lasso(X, y, 1.0, tol=1e-12, n_iters=100_000, w0=np.ones(X.shape[1]))
    np.testing.assert_allclose(w_warm, w_cold, atol=1e-7)


def test_non_convergence_is_an_error():
    rng = np.random.default_rng(3)
    x = rng.normal(size=30)
    X = np.column_stack([x, x + 1e-3 * rng.normal(size=30)])
    with pytest.raises(ConvergenceError, match="fit_lasso: .* n_iters=2"):
        fit_lasso(X, 3 * x, 0.01, n_iters=2)


def test_bad_input():
    X, y = np.ones((5, 2)), np.ones(5)
    with pytest.raises(ValueError, match="lam == -1.0"):
        fit_lasso(X, y, -1.0)
    with pytest.raises(ValueError, match="n_iters == 0"):
        fit_lasso(X, y, 1.0, n_iters=0)
    with pytest.raises(ValueError, match="tol == 0.0, must be > 0"):
        fit_lasso(X, y, 1.0, tol=0.0)
    with pytest.raises(ValueError, match="w0 has length 1 but must have length 2"):
        fit_lasso(X, y, 1.0, w0=np.ones(1))
    with pytest.raises(ValueError, match="X has 5 rows but y has 6"):
        lasso_lam_max(X, np.ones(6))


@pytest.mark.parametrize("rho", [0.2, 0.5, 0.9])
def test_elastic_net_matches_sklearn(rho):
    from sklearn.linear_model import ElasticNet

    from helpers import fit_elastic_net

    rng = np.random.default_rng(8)
    X = rng.normal(size=(30, 6)) * np.linspace(0.5, 2, 6) + 1
    y = X @ np.array([1.0, 0, -2, 0, 0.5, 0]) + rng.normal(size=30)
    lam, m = 3.0, X.shape[0]
    w, b = fit_elastic_net(X, y, lam, rho=rho, tol=1e-13, n_iters=100_000)
    ref = ElasticNet(alpha=lam / m, l1_ratio=rho, tol=1e-14, max_iter=1_000_000).fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, rtol=1e-7, atol=1e-9)
    assert b == pytest.approx(ref.intercept_, rel=1e-7)
    # rho = 1 is the lasso, bit for bit (one coordinate descent)
    np.testing.assert_array_equal(fit_elastic_net(X, y, lam, rho=1.0)[0], fit_lasso(X, y, lam)[0])
    with pytest.raises(ValueError, match=r"rho == 1.5, must be in \[0, 1\]"):
        fit_elastic_net(X, y, lam, rho=1.5)


def test_errors_name_the_function_that_was_called():
    from helpers import ConvergenceError, fit_elastic_net, lasso_path

    rng = np.random.default_rng(3)
    x = rng.normal(size=30)
    X = np.column_stack([x, x + 1e-3 * rng.normal(size=30)])
    with pytest.raises(ConvergenceError, match="^lasso_path: .* n_iters=2"):
        lasso_path(X, 3 * x, [0.01], n_iters=2)
    with pytest.raises(ConvergenceError, match="^fit_elastic_net: .* n_iters=2"):
        fit_elastic_net(X, 3 * x, 0.01, rho=1.0, n_iters=2)


def test_old_keyword_max_iter_still_works_with_a_future_warning():
    from helpers import lasso_path

    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(20, 4)), rng.normal(size=20)
    with pytest.warns(FutureWarning, match="max_iter= is the old name of n_iters=.*n_iters=50"):
        old = fit_lasso(X, y, 1.0, max_iter=50)[0]
    np.testing.assert_array_equal(old, fit_lasso(X, y, 1.0, n_iters=50)[0])
    with pytest.warns(FutureWarning, match="max_iter= is the old name of n_iters="):
        old = lasso_path(X, y, [1.0, 2.0], max_iter=50)[0]
    np.testing.assert_array_equal(old, lasso_path(X, y, [1.0, 2.0], n_iters=50)[0])
    with pytest.raises(TypeError, match="give only n_iters"):
        fit_lasso(X, y, 1.0, n_iters=50, max_iter=50)


def test_lam_max_on_uncentred_features():
    # features far from zero mean: the threshold uses the centred X (the bias is free)
    rng = np.random.default_rng(4)
    X = rng.normal(size=(40, 3)) + np.array([5.0, -3.0, 10.0])
    y = X @ np.array([1.0, 0.0, -0.5]) + 2.0 + rng.normal(size=40)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    assert lasso_lam_max(X, y) == pytest.approx(np.max(np.abs(Xc.T @ yc)), rel=1e-12)
    assert np.all(fit_lasso(X, y, 1.0001 * lasso_lam_max(X, y))[0] == 0)


def test_warm_start_on_a_constant_column_is_reset_to_zero():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(30, 3))
    X[:, 1] = 2.0
    y = X[:, 0] + rng.normal(size=30)
    w, _ = fit_lasso(X, y, 0.5, w0=np.array([0.0, 7.0, 0.0]))
    assert w[1] == 0.0
    np.testing.assert_allclose(w, fit_lasso(X, y, 0.5)[0], rtol=1e-8, atol=1e-12)


def test_constant_means_relative_to_the_column_own_scale():
    # A column of 0.1s is constant, but its float std is round-off (about 1e-17), not 0: it
    # gets weight 0 even at lam = 0. A column that really varies on a scale of 1e-6 is *not*
    # constant: the rule does not depend on units, so rescaling a column by c rescales its
    # weight by 1/c and changes nothing else (here at lam = 0, where the lasso is OLS).
    rng = np.random.default_rng(6)
    x0, x1 = 100 * rng.normal(size=30), rng.normal(size=30)
    y = 0.01 * x0 + 0.5 * x1 + rng.normal(size=30)
    X = np.column_stack([x0, x1, np.full(30, 0.1)])
    assert 0.0 < X[:, 2].std() < 1e-15  # round-off, not an exact 0
    w, b = fit_lasso(X, y, 0.0, tol=1e-13, n_iters=10_000)
    assert w[2] == 0.0
    w_small, b_small = fit_lasso(X * [1.0, 1e-6, 1.0], y, 0.0, tol=1e-13, n_iters=10_000)
    np.testing.assert_allclose(w_small, w * [1.0, 1e6, 1.0], rtol=1e-8)
    assert b_small == pytest.approx(b, rel=1e-8)
    w_zero, _ = fit_lasso(np.column_stack([x0, np.zeros(30)]), y, 0.0, tol=1e-13)
    assert w_zero[1] == 0.0  # an all-zero column: no division by its zero norm


@pytest.mark.parametrize("c", [1e3, 1e6])
def test_scaling_y_and_lam_scales_the_solution_in_as_many_sweeps(c):
    # J(c w, c b; X, c y, c lam) = c^2 J(w, b; X, y, lam), and the stopping test is relative to
    # max(1, max|w|): weights of order 1e6 stop after as many sweeps as weights of order 1.
    # This problem needs 608 sweeps at every scale (an absolute test would need over 1000 at
    # c = 1e6), so a cap of 700 is enough for all of them.
    rng = np.random.default_rng(3)
    x = rng.normal(size=30)
    X = np.column_stack([x, x + 0.2 * rng.normal(size=30), rng.normal(size=30)])
    y = 3 * x + rng.normal(size=30)
    w, b = fit_lasso(X, y, 0.01, n_iters=700)
    w_big, b_big = fit_lasso(X, c * y, c * 0.01, n_iters=700)
    np.testing.assert_allclose(w_big, c * w, rtol=1e-7)
    assert b_big == pytest.approx(c * b, rel=1e-7)
    with pytest.raises(ConvergenceError):  # and 700 is not far above what is needed
        fit_lasso(X, c * y, c * 0.01, n_iters=550)


def test_lists_and_defaults():
    rng = np.random.default_rng(9)
    X = rng.normal(size=(25, 3))
    y = X @ np.array([1.0, 0.0, -1.0]) + rng.normal(size=25)
    w, b = fit_lasso(X, y, 1.0)
    w_list, b_list = fit_lasso(X.tolist(), y.tolist(), 1.0)
    np.testing.assert_array_equal(w_list, w)
    assert b_list == b
    from helpers import fit_elastic_net
    w_en, b_en = fit_elastic_net(X, y, 1.0)
    w_half, b_half = fit_elastic_net(X.tolist(), y.tolist(), 1.0, rho=0.5)
    np.testing.assert_array_equal(w_en, w_half)  # rho = 0.5 is the default
    assert b_en == b_half


def test_one_sweep_is_enough_when_nothing_moves():
    # at lam >= lam_max from w = 0 the first sweep changes nothing: n_iters = 1 is a valid cap
    rng = np.random.default_rng(10)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=20)
    w, b = fit_lasso(X, y, 2 * lasso_lam_max(X, y), n_iters=1)
    np.testing.assert_array_equal(w, np.zeros(3))
    assert b == pytest.approx(y.mean(), rel=1e-12)


def test_elastic_net_rho_is_checked():
    from helpers import fit_elastic_net

    X, y = np.random.default_rng(11).normal(size=(10, 2)), np.ones(10)
    with pytest.raises(ValueError, match="rho == -0.1, must be >= 0"):
        fit_elastic_net(X, y, 1.0, rho=-0.1)
    with pytest.raises(ValueError, match=r"rho == 1.5, must be in \[0, 1\]"):
        fit_elastic_net(X, y, 1.0, rho=1.5)


def test_old_keyword_max_iter_is_the_iteration_cap():
    rng = np.random.default_rng(3)
    x = rng.normal(size=30)
    X = np.column_stack([x, x + 1e-3 * rng.normal(size=30)])
    with pytest.raises(ConvergenceError, match="n_iters=2 sweeps"), pytest.warns(FutureWarning):
        fit_lasso(X, 3 * x, 0.01, max_iter=2)


def test_a_large_offset_in_y_moves_only_the_bias():
    # Centering makes the fit blind to a constant added to y: only b moves. With features
    # offset by 1e3 and y by 1e6 the columns of the centered X sum to round-off times 1e3, so
    # any use of the uncentered y would show at the 1e-7 level.
    rng = np.random.default_rng(17)
    X = 1e3 + rng.normal(size=(40, 3))
    y = X @ np.array([1.0, -0.5, 0.0]) + rng.normal(size=40)
    w, b = fit_lasso(X, y, 2.0, tol=1e-12)
    w_shift, b_shift = fit_lasso(X, y + 1e6, 2.0, tol=1e-12)
    np.testing.assert_allclose(w_shift, w, rtol=1e-9, atol=1e-12)
    assert b_shift == pytest.approx(b + 1e6, rel=1e-12)
    assert lasso_lam_max(X, y + 1e6) == pytest.approx(lasso_lam_max(X, y), rel=1e-9)


def test_the_stopping_test_is_tol_times_max_of_1_and_the_largest_weight():
    # Orthonormal centered columns and lam = 0: one sweep lands every weight on the solution.
    # Starting one weight delta away, that sweep moves it by delta, and with weights below 1
    # the sweep stops the fit when delta <= tol * max(1, max|w|) = tol (so n_iters = 1 is enough).
    rng = np.random.default_rng(18)
    A = rng.normal(size=(30, 3))
    Q, _ = np.linalg.qr(A - A.mean(axis=0))
    w_true = np.array([0.3, -0.2, 0.1])
    y = Q @ w_true + 5.0
    tol = 1e-6
    for delta, stops in [(0.5 * tol, True), (1.5 * tol, False)]:
        w0 = w_true + np.array([delta, 0.0, 0.0])
        if stops:
            w, _ = fit_lasso(Q, y, 0.0, tol=tol, n_iters=1, w0=w0)
            np.testing.assert_allclose(w, w_true, atol=1e-12)
        else:
            with pytest.raises(ConvergenceError, match="n_iters=1 sweeps"):
                fit_lasso(Q, y, 0.0, tol=tol, n_iters=1, w0=w0)


def _slow_problem():
    """Two nearly collinear columns: coordinate descent needs far more than 10 000 sweeps."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=30)
    return np.column_stack([x, x + 1e-3 * rng.normal(size=30)]), 3 * x


def test_the_default_cap_is_10_000_sweeps():
    from helpers import fit_elastic_net

    X, y = _slow_problem()
    with pytest.raises(ConvergenceError, match="^fit_lasso: .* n_iters=10000 sweeps"):
        fit_lasso(X, y, 0.01, tol=1e-14)
    with pytest.raises(ConvergenceError, match="^fit_elastic_net: .* n_iters=10000 sweeps"):
        fit_elastic_net(X, y, 0.01, rho=1.0, tol=1e-14)


def test_values_too_large_to_square_are_refused():
    rng = np.random.default_rng(19)
    X = 1e160 * rng.normal(size=(20, 2))
    with pytest.raises(ValueError, match="fit_lasso: the squared norms of the centered columns "
                                         "of X overflow"):
        fit_lasso(X, rng.normal(size=20), 1.0)
