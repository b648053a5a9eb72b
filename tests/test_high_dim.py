import numpy as np
import pytest
from sklearn.linear_model import Ridge

from helpers.studies.high_dim import (
    _batched_ridge,
    _mp_stieltjes,
    excess_risk,
    finite_min_norm_risk,
    hmrt_min_norm_risk,
    hmrt_ridge_risk,
    make_isotropic_data,
    min_norm_gap,
    min_norm_solution,
    optimal_ridge_lam,
    simulate_risk,
)


def test_min_norm_solution_is_the_pseudo_inverse_and_interpolates():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(8, 20)) + 0.5, rng.normal(size=8)
    w, b = min_norm_solution(X, y)
    # Independent route: among all solutions of [1, Xc] [b', w] = y, lstsq returns the min-norm one
    # in w after centering; check interpolation, row-space membership and minimality directly.
    np.testing.assert_allclose(X @ w + b, y, atol=1e-10)
    Xc = X - X.mean(axis=0)
    coef, *_ = np.linalg.lstsq(Xc, y - y.mean(), rcond=None)
    np.testing.assert_allclose(w, coef, atol=1e-10)
    null = np.linalg.svd(Xc)[2][8:]          # directions Xc cannot see
    np.testing.assert_allclose(null @ w, 0.0, atol=1e-10)


def test_min_norm_without_bias_and_for_m_greater_than_n():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(6, 15)), rng.normal(size=6)
    w, b = min_norm_solution(X, y, fit_bias=False)
    np.testing.assert_allclose(w, X.T @ np.linalg.solve(X @ X.T, y), atol=1e-10)
    assert b == 0.0
    X, y = rng.normal(size=(30, 4)), rng.normal(size=30)   # m > n: plain least squares
    w, b = min_norm_solution(X, y)
    ref = Ridge(alpha=1e-12).fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, atol=1e-8)
    assert b == pytest.approx(ref.intercept_, abs=1e-8)


def test_ridge_tends_to_min_norm_linearly_in_lam(problem):
    X, y = problem
    lams = np.logspace(-6, -2, 5)
    gaps = min_norm_gap(X, y, lams)
    assert np.all(np.diff(gaps) > 0) and gaps[0] < 1e-4
    slopes = np.diff(np.log(gaps)) / np.diff(np.log(lams))
    np.testing.assert_allclose(slopes, 1.0, atol=0.02)


def test_make_isotropic_data():
    data = make_isotropic_data(50, 20, rng=3, sigma=0.0, r=2.0)
    assert data.X.shape == (50, 20) and data.b == 0.0
    assert np.linalg.norm(data.w) == pytest.approx(2.0)
    np.testing.assert_allclose(data.y, data.X @ data.w)


def test_excess_risk_is_the_expected_squared_error_for_isotropic_x():
    rng = np.random.default_rng(4)
    beta, w = rng.normal(size=3), rng.normal(size=3)
    x0 = rng.normal(size=(400_000, 3))
    mc = np.mean((x0 @ w + 0.3 - x0 @ beta) ** 2)
    assert excess_risk(w, 0.3, beta) == pytest.approx(mc, rel=0.01)


def test_optimal_lam_minimizes_the_theoretical_ridge_risk():
    lams = np.logspace(-1, 4, 4001)
    for m, n in [(100, 50), (100, 200), (40, 120)]:
        risks = [hmrt_ridge_risk(n / m, lam, m, sigma=0.5, r=1.0) for lam in lams]
        lam_opt = optimal_ridge_lam(n, sigma=0.5, r=1.0)
        assert lam_opt == pytest.approx(n * 0.25)
        assert lams[np.argmin(risks)] == pytest.approx(lam_opt, rel=0.01)


def test_hmrt_min_norm_formula_values():
    gammas = np.array([0.5, 0.9, 1.0, 1.1, 2.0, 4.0])
    risk = hmrt_min_norm_risk(gammas, sigma=0.5, r=1.0)
    np.testing.assert_allclose(risk[[0, 1, 3, 4, 5]],
                               [0.25, 2.25, 0.1 / 1.1 + 2.5, 0.75, 0.75 + 0.25 / 3])
    assert risk[2] == np.inf
    assert isinstance(hmrt_min_norm_risk(0.5), float)


@pytest.mark.parametrize("gamma", [0.3, 0.8, 1.5, 3.0])
def test_ridge_risk_tends_to_min_norm_risk_as_lam_goes_to_zero(gamma):
    assert hmrt_ridge_risk(gamma, 1e-6, 100) == pytest.approx(hmrt_min_norm_risk(gamma), rel=1e-4)
    assert hmrt_ridge_risk(gamma, 0.0, 100) == hmrt_min_norm_risk(gamma)


def test_stieltjes_transform_matches_a_large_random_matrix_and_its_derivative():
    rng = np.random.default_rng(5)
    for m, n in [(600, 300), (300, 600)]:
        X = rng.normal(size=(m, n))
        ev = np.linalg.eigvalsh(X.T @ X / m)
        t = 0.3
        s, ds = _mp_stieltjes(np.array([n / m]), t)
        assert s[0] == pytest.approx(np.mean(1 / (ev + t)), rel=0.02)
        assert ds[0] == pytest.approx(np.mean(1 / (ev + t) ** 2), rel=0.03)
    h = 1e-6
    for gamma in (0.5, 2.0):
        s_plus, _ = _mp_stieltjes(np.array([gamma]), 0.4 + h)
        s_minus, _ = _mp_stieltjes(np.array([gamma]), 0.4 - h)
        _, ds = _mp_stieltjes(np.array([gamma]), 0.4)
        assert -(s_plus - s_minus)[0] / (2 * h) == pytest.approx(ds[0], rel=1e-6)


def test_finite_risk_is_the_inverse_wishart_mean():
    assert finite_min_norm_risk(100, 90, sigma=0.5) == pytest.approx(0.25 * 90 / 9)
    sim = simulate_risk(40, np.array([10]), [0.0], sigma=0.5, n_seeds=2000, rng=6)
    assert sim.mean[0, 0] == pytest.approx(finite_min_norm_risk(40, 10), rel=0.05)


def test_simulation_agrees_with_theory_away_from_the_threshold():
    m = 100
    ns = np.array([50, 200])
    lams = np.column_stack([[0.0, 0.0], [optimal_ridge_lam(n, 0.5, 1.0) for n in ns]])
    sim = simulate_risk(m, ns, lams, n_seeds=40, rng=7)
    for i, n in enumerate(ns):
        for j in range(2):
            theory = hmrt_ridge_risk(n / m, lams[i, j], m)
            assert sim.mean[i, j] == pytest.approx(theory, rel=0.08), (n, j)
    assert sim.gammas.tolist() == [0.5, 2.0] and sim.se.shape == (2, 2)


def test_batched_ridge_matches_sklearn_without_intercept():
    rng = np.random.default_rng(8)
    for m, n in [(12, 5), (6, 14)]:
        X, y = rng.normal(size=(3, m, n)), rng.normal(size=(3, m))
        W = _batched_ridge(X, y, [0.0, 2.5])
        for s in range(3):
            ref = Ridge(alpha=2.5, fit_intercept=False).fit(X[s], y[s]).coef_
            np.testing.assert_allclose(W[1, s], ref, atol=1e-10)
            np.testing.assert_allclose(W[0, s], np.linalg.pinv(X[s]) @ y[s], atol=1e-8)


def test_simulation_is_deterministic_and_shapes():
    a = simulate_risk(20, np.array([5, 30]), [0.0, 1.0], n_seeds=3, rng=1)
    b = simulate_risk(20, np.array([5, 30]), [0.0, 1.0], n_seeds=3, rng=1)
    np.testing.assert_array_equal(a.risks, b.risks)
    assert a.risks.shape == (2, 2, 3) and a.lams.shape == (2, 2)


def test_bad_input():
    X, y = np.ones((3, 4)), np.ones(3)
    with pytest.raises(TypeError, match="fit_bias must be True or False"):
        min_norm_solution(X, y, fit_bias=1)
    with pytest.raises(ValueError, match="y has 2 entries"):
        min_norm_solution(X, np.ones(2))
    with pytest.raises(ValueError, match=r"lams has 1 value\(s\) <= 0"):
        min_norm_gap(X, y, [0.0, 1.0])
    with pytest.raises(ValueError, match="gamma must contain values > 0"):
        hmrt_min_norm_risk([0.5, -1.0])
    with pytest.raises(ValueError, match="lam == -1.0, must be >= 0"):
        hmrt_ridge_risk(0.5, -1.0, 10)
    with pytest.raises(ValueError, match="sigma == -0.5, must be >= 0"):
        hmrt_min_norm_risk(0.5, sigma=-0.5)
    with pytest.raises(ValueError, match="n == 9, must be <= 8"):
        finite_min_norm_risk(10, 9)
    with pytest.raises(ValueError, match="r == 0.0, must be > 0"):
        optimal_ridge_lam(10, 0.5, 0.0)
    with pytest.raises(TypeError, match="ns must be a non-empty 1-D array of integers"):
        simulate_risk(10, np.array([2.5]), [0.0])
    with pytest.raises(ValueError, match=r"lams has shape \(3, 1\) but must be \(k,\) or \(2, k\)"):
        simulate_risk(10, np.array([2, 3]), np.zeros((3, 1)))
    with pytest.raises(ValueError, match="lams has 1 negative"):
        simulate_risk(10, np.array([2]), [-1.0])
    with pytest.raises(ValueError, match="w has length 2 but must have length 3"):
        excess_risk(np.ones(2), 0.0, np.ones(3))
