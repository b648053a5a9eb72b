import numpy as np
import pytest
from sklearn.linear_model import Ridge, RidgeCV

from helpers import effective_df, gcv_ridge, loo_cv_ridge, ridge_closed_form, ridge_path

LAMS = np.logspace(-2, 3, 12)


def test_path_equals_closed_form_at_every_lam(problem):
    X, y = problem
    W, b = ridge_path(X, y, LAMS)
    assert W.shape == (LAMS.size, X.shape[1]) and b.shape == (LAMS.size,)
    for i, lam in enumerate(LAMS):
        w_ref, b_ref = ridge_closed_form(X, y, lam)
        np.testing.assert_allclose(W[i], w_ref, rtol=1e-10, atol=1e-12)
        assert b[i] == pytest.approx(b_ref, rel=1e-10, abs=1e-12)


def test_path_matches_sklearn_ridge_in_any_grid_order(problem):
    X, y = problem
    lams = np.array([30.0, 0.1, 2.0])
    W, b = ridge_path(X, y, lams)
    for i, lam in enumerate(lams):
        ref = Ridge(alpha=lam, solver="svd").fit(X, y)
        np.testing.assert_allclose(W[i], ref.coef_, rtol=1e-9, atol=1e-10)
        assert b[i] == pytest.approx(ref.intercept_, rel=1e-9, abs=1e-10)


def _hat_matrix(X, lam):
    """H = A (A^T A + lam diag(0, 1, ..., 1))^-1 A^T with A = [1, X]: the bias is unpenalized."""
    A = np.column_stack([np.ones(X.shape[0]), X])
    P = lam * np.eye(A.shape[1])
    P[0, 0] = 0.0
    return A @ np.linalg.solve(A.T @ A + P, A.T)


def test_effective_df_is_the_trace_of_the_hat_matrix_minus_the_bias(problem):
    X, _ = problem
    df = effective_df(X, LAMS)
    np.testing.assert_allclose(df, [np.trace(_hat_matrix(X, lam)) - 1 for lam in LAMS],
                               rtol=1e-9)
    assert np.all(np.diff(df) < 0)                                   # falls as lam grows
    assert df[0] <= min(X.shape[0] - 1, X.shape[1]) + 1e-12        # at most rank(Xc)


def _brute_force_loo(X, y, lam):
    errors = []
    for i in range(X.shape[0]):
        keep = np.arange(X.shape[0]) != i
        w, b = ridge_closed_form(X[keep], y[keep], lam)
        errors.append(y[i] - X[i] @ w - b)
    return np.mean(np.square(errors))


def test_loo_shortcut_equals_brute_force_refits(problem):
    X, y = problem
    lams = np.array([0.05, 1.0, 40.0])
    loo = loo_cv_ridge(X, y, lams)
    np.testing.assert_allclose(loo, [_brute_force_loo(X, y, lam) for lam in lams], rtol=1e-10)


@pytest.mark.parametrize("m, n", [(20, 50), (21, 20), (50, 20)])
def test_loo_and_gcv_stay_exact_for_tiny_lam(m, n):
    # m <= n: residuals and 1 - H_ii are both of order lam; computed as differences they lost
    # up to 2 digits at lam = 1e-12 (m = 20, n = 50). Reference: m refits / the explicit H.
    rng = np.random.default_rng(m + n)
    X = rng.normal(size=(m, n)) + 1.0
    y = X @ rng.normal(size=n) + rng.normal(size=m)
    lams = np.array([1e-12, 1e-8, 1e-4, 1.0])
    loo = loo_cv_ridge(X, y, lams)
    np.testing.assert_allclose(loo, [_brute_force_loo(X, y, lam) for lam in lams], rtol=1e-9)
    assert np.all(np.isfinite(gcv_ridge(X, y, lams)))


def test_loo_for_a_rank_deficient_design_with_m_below_n():
    rng = np.random.default_rng(21)
    X = rng.normal(size=(20, 4)) @ rng.normal(size=(4, 40))      # rank 4, far below m - 1
    y = X[:, 0] + rng.normal(size=20)
    lams = np.array([1e-8, 1e-2, 10.0])
    np.testing.assert_allclose(loo_cv_ridge(X, y, lams),
                               [_brute_force_loo(X, y, lam) for lam in lams], rtol=1e-9)


def test_loo_equals_sklearn_ridgecv_and_chooses_the_same_lam(problem):
    X, y = problem
    loo = loo_cv_ridge(X, y, LAMS)
    ref = RidgeCV(alphas=LAMS, store_cv_results=True).fit(X, y)
    np.testing.assert_allclose(loo, ref.cv_results_.mean(axis=0), rtol=1e-8)
    assert LAMS[np.argmin(loo)] == ref.alpha_


def test_gcv_equals_its_formula_with_the_explicit_hat_matrix(problem):
    X, y = problem
    gcv = gcv_ridge(X, y, LAMS)
    m = X.shape[0]
    expected = []
    for lam in LAMS:
        H = _hat_matrix(X, lam)
        r = y - H @ y
        expected.append(np.mean(r**2) / (1 - np.trace(H) / m) ** 2)
    np.testing.assert_allclose(gcv, expected, rtol=1e-9)


def test_gcv_and_loo_choose_the_same_lam_when_leverages_are_even():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(300, 8))
    y = X @ rng.normal(size=8) + 3.0 * rng.normal(size=300)
    lams = np.logspace(-1, 3, 25)
    choice_loo = lams[np.argmin(loo_cv_ridge(X, y, lams))]
    assert lams[np.argmin(gcv_ridge(X, y, lams))] == choice_loo
    assert RidgeCV(alphas=lams).fit(X, y).alpha_ == choice_loo


def test_bad_input():
    X, y = np.random.default_rng(0).normal(size=(6, 2)), np.ones(6)
    with pytest.raises(ValueError, match=r"lams has 1 value\(s\) <= 0"):
        ridge_path(X, y, [1.0, 0.0])
    with pytest.raises(ValueError, match=r"lams has shape \(2, 2\) but must be a non-empty 1-D"):
        loo_cv_ridge(X, y, np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"lams has shape \(0,\)"):
        gcv_ridge(X, y, [])
    with pytest.raises(ValueError, match="lams contains 1 NaN"):
        effective_df(X, [1.0, np.nan])
    with pytest.raises(TypeError, match="lams must be array-like"):
        effective_df(X, "1.0")
    with pytest.raises(ValueError, match="X has 6 rows but y has 5 entries"):
        loo_cv_ridge(X, np.ones(5), [1.0])
    with pytest.raises(ValueError, match="m >= 3"):
        loo_cv_ridge(X[:2], y[:2], [1.0])
    with pytest.raises(ValueError, match=r"X has shape \(6,\)"):
        effective_df(np.ones(6), [1.0])


def test_round_off_directions_are_null_directions_everywhere():
    # one rank cutoff for the closed form, the path and the degrees of freedom (m <= n)
    rng = np.random.default_rng(6)
    X, y = rng.normal(size=(5, 8)), rng.normal(size=5)
    lams = np.array([1e-12, 1.0])
    W, b = ridge_path(X, y, lams)
    for i, lam in enumerate(lams):
        w_ref, b_ref = ridge_closed_form(X, y, lam)
        np.testing.assert_allclose(W[i], w_ref, rtol=1e-9, atol=1e-12)
        assert b[i] == pytest.approx(b_ref, rel=1e-9)
    # df counts only the m - 1 real directions: at a tiny lam it is m - 1, not min(m, n) = m
    assert effective_df(X, np.array([1e-12]))[0] == pytest.approx(4.0, rel=1e-9)


def test_duplicated_column_round_off_direction_gets_no_weight():
    # m > n but an exact duplicate column: the round-off direction is not orthogonal to y, so
    # a factor s/(s^2 + lam) on it would add about 1e-16/lam of nonsense at a tiny lam
    rng = np.random.default_rng(7)
    Z = rng.normal(size=(30, 2))
    X = np.column_stack([Z, Z[:, 0]])
    y = Z @ np.array([1.0, -1.0]) + rng.normal(size=30)
    lams = np.array([1e-12, 1e-3, 1.0])
    W, b = ridge_path(X, y, lams)
    for i, lam in enumerate(lams):
        w_ref, b_ref = ridge_closed_form(X, y, lam)
        np.testing.assert_allclose(W[i], w_ref, rtol=1e-7, atol=1e-9)
    assert W[0, 0] == pytest.approx(W[0, 2], rel=1e-9)          # split evenly, minimum norm
    assert effective_df(X, np.array([1e-12]))[0] == pytest.approx(2.0, rel=1e-9)


def test_inputs_may_be_lists_and_lams_are_checked():
    rng = np.random.default_rng(23)
    X, y = rng.normal(size=(12, 3)), rng.normal(size=12)
    for fn in (ridge_path, gcv_ridge, loo_cv_ridge):
        as_list, as_array = fn(X.tolist(), y.tolist(), [0.5, 2.0]), fn(X, y, np.array([0.5, 2.0]))
        pairs = zip(as_list, as_array) if fn is ridge_path else [(as_list, as_array)]  # (W, b)
        for a, b in pairs:
            np.testing.assert_array_equal(a, b)
        with pytest.raises(ValueError, match="lams"):
            fn(X, y, [1.0, -1.0])


def test_a_design_without_information_gives_the_leave_one_out_error_of_the_mean():
    # Every column constant (0.1 is not exact, so X - mean(X) is round-off, not 0): ridge
    # predicts the mean of the other m - 1 targets, whose error is (y_i - mean(y)) m / (m - 1)
    rng = np.random.default_rng(24)
    y = rng.normal(size=9)
    X = np.full((9, 2), 0.1)
    expected = np.mean(((y - y.mean()) * 9 / 8) ** 2)
    np.testing.assert_allclose(loo_cv_ridge(X, y, [1.0, 10.0]), expected, rtol=1e-12)
    np.testing.assert_allclose(gcv_ridge(X, y, [1.0]), expected, rtol=1e-12)


def test_three_samples_are_enough_for_leave_one_out():
    X, y = np.array([[0.0], [1.0], [3.0]]), np.array([1.0, 2.0, 2.5])
    loo = loo_cv_ridge(X, y, [0.5])[0]
    brute = np.mean([(y[i] - (lambda wb: X[i] @ wb[0] + wb[1])(
        ridge_closed_form(np.delete(X, i, 0), np.delete(y, i), 0.5))) ** 2 for i in range(3)])
    assert loo == pytest.approx(brute, rel=1e-12)
