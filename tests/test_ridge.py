import numpy as np
import pytest
from sklearn.linear_model import LinearRegression, Ridge

from helpers import (
    DivergenceError,
    fit_ridge_gd,
    max_stable_lr,
    ridge_closed_form,
    ridge_grad,
    ridge_loss,
)


@pytest.mark.parametrize("lam", [0.1, 3.0, 50.0])
def test_closed_form_matches_sklearn_ridge(problem, lam):
    X, y = problem
    w, b = ridge_closed_form(X, y, lam)
    ref = Ridge(alpha=lam, solver="svd").fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, rtol=1e-9, atol=1e-10)
    assert b == pytest.approx(ref.intercept_, rel=1e-9, abs=1e-10)


def test_closed_form_gradient_is_zero(problem):
    X, y = problem
    w, b = ridge_closed_form(X, y, 2.0)
    grad_w, grad_b = ridge_grad(w, b, X, y, 2.0)
    np.testing.assert_allclose(grad_w, 0.0, atol=1e-10)
    assert abs(grad_b) < 1e-10


def test_lam_zero_is_least_squares():
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(30, 4)) + 1.0, rng.normal(size=30)
    w, b = ridge_closed_form(X, y, 0.0)
    ref = LinearRegression().fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, rtol=1e-10)
    assert b == pytest.approx(ref.intercept_, rel=1e-10)


def test_lam_zero_with_m_less_than_n_is_minimum_norm():
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(6, 10)), rng.normal(size=6)
    w, b = ridge_closed_form(X, y, 0.0)
    Xc = X - X.mean(axis=0)
    np.testing.assert_allclose(w, np.linalg.pinv(Xc) @ (y - y.mean()), atol=1e-12)
    np.testing.assert_allclose(X @ w + b, y, atol=1e-10)  # it interpolates


def test_collinear_columns_are_stable():
    rng = np.random.default_rng(5)
    x = rng.normal(size=50)
    X = np.column_stack([x, x, 2 * x])  # rank 1
    y = 3 * x + rng.normal(size=50) * 0.1
    w, _ = ridge_closed_form(X, y, 1.0)
    ref = Ridge(alpha=1.0).fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, rtol=1e-8)
    assert np.all(np.isfinite(ridge_closed_form(X, y, 0.0)[0]))


def test_max_stable_lr_is_two_over_top_hessian_eigenvalue(problem):
    X, y = problem
    m, n = X.shape
    lam = 2.0
    # Hessian of J in (w, b) assembled by finite differences of the gradient.
    H = np.zeros((n + 1, n + 1))
    for j in range(n + 1):
        e = np.zeros(n + 1)
        e[j] = 1.0
        gw, gb = ridge_grad(e[:n], e[n], X, y, lam)
        g0w, g0b = ridge_grad(np.zeros(n), 0.0, X, y, lam)
        H[:, j] = np.append(gw - g0w, gb - g0b)
    assert max_stable_lr(X, lam) == pytest.approx(2 / np.linalg.eigvalsh(H)[-1], rel=1e-10)


@pytest.mark.parametrize("lam", [0.5, 5.0])
def test_gd_matches_closed_form(lam):
    rng = np.random.default_rng(6)
    X = rng.normal(size=(60, 4))
    y = X @ np.array([1.0, -2.0, 0.5, 0.0]) + 1.5 + 0.3 * rng.normal(size=60)
    result = fit_ridge_gd(X, y, lam, lr=0.5 * max_stable_lr(X, lam), n_iters=20_000, tol=1e-12)
    w, b = ridge_closed_form(X, y, lam)
    assert result.converged
    np.testing.assert_allclose(result.w, w, atol=1e-6)
    assert result.b == pytest.approx(b, abs=1e-6)
    assert np.all(np.diff(result.losses) <= 1e-15)  # monotone below 2/L
    assert result.losses.shape == (result.n_steps + 1,)


def test_gd_just_below_the_bound_converges_and_above_diverges():
    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(50, 3)), rng.normal(size=50)
    bound = max_stable_lr(X, 1.0)
    ok = fit_ridge_gd(X, y, 1.0, lr=0.95 * bound, n_iters=5000, tol=1e-8)
    assert ok.converged
    with pytest.raises(DivergenceError, match=r"lr=.* exceeds 2/L = .*max_stable_lr"):
        fit_ridge_gd(X, y, 1.0, lr=1.05 * bound, n_iters=5000)


def test_slow_divergence_is_not_returned_silently():
    rng = np.random.default_rng(8)
    X, y = rng.normal(size=(50, 3)), rng.normal(size=50)
    bound = max_stable_lr(X, 0.0)
    with pytest.raises(DivergenceError, match="still rising|rose above"):
        fit_ridge_gd(X, y, 0.0, lr=1.001 * bound, n_iters=30)


def test_gd_stops_at_max_iterations_without_converging():
    rng = np.random.default_rng(9)
    X, y = rng.normal(size=(20, 2)), rng.normal(size=20)
    result = fit_ridge_gd(X, y, 1.0, lr=1e-3, n_iters=5)
    assert not result.converged and result.n_steps == 5


def test_bad_input():
    X, y = np.ones((5, 2)), np.ones(5)
    with pytest.raises(ValueError, match="lr == 0.0, must be > 0"):
        fit_ridge_gd(X, y, 1.0, lr=0.0, n_iters=10)
    with pytest.raises(ValueError, match="lr == -0.1, must be > 0"):
        fit_ridge_gd(X, y, 1.0, lr=-0.1, n_iters=10)
    with pytest.raises(ValueError, match="n_iters == 0, must be >= 1"):
        fit_ridge_gd(X, y, 1.0, lr=0.1, n_iters=0)
    with pytest.raises(TypeError, match="n_iters must be an integer"):
        fit_ridge_gd(X, y, 1.0, lr=0.1, n_iters=10.5)
    with pytest.raises(ValueError, match="w0 has length 3 but must have length 2"):
        fit_ridge_gd(X, y, 1.0, lr=0.1, n_iters=10, w0=np.ones(3))
    with pytest.raises(ValueError, match="X has 5 rows but y has 4 entries"):
        ridge_closed_form(X, np.ones(4), 1.0)
    with pytest.raises(ValueError, match="lam == -2.0, must be >= 0"):
        ridge_closed_form(X, y, -2.0)
    with pytest.raises(ValueError, match="X contains 1 NaN"):
        max_stable_lr(np.array([[1.0, np.inf]]), 1.0)
    with pytest.raises(ValueError, match=r"X has shape \(5,\)"):
        max_stable_lr(np.ones(5), 1.0)


def _two_scale_problem():
    rng = np.random.default_rng(0)
    X = np.column_stack([rng.normal(size=50) * 3, rng.normal(size=50) * 0.2])
    X -= X.mean(axis=0)
    return X, X @ np.array([0.1, 5.0]) + 3.0 + 0.01 * rng.normal(size=50)


def test_divergence_still_below_the_start_is_caught_at_the_last_step():
    # lr just above 2/L: the fast direction still brings the loss down while the top direction
    # slowly grows; after 10 steps the loss is below its start but rising
    X, y = _two_scale_problem()
    lr = 1.05 * max_stable_lr(X, 0.0)
    with pytest.raises(DivergenceError,
                       match=r"at iteration 10 \(the loss was still rising at the last step\)"):
        fit_ridge_gd(X, y, 0.0, lr, 10)
    assert fit_ridge_gd(X, y, 0.0, lr, 5).losses[-1] < fit_ridge_gd(X, y, 0.0, lr, 5).losses[0]


def test_divergence_is_reported_as_soon_as_the_loss_passes_its_start():
    X, y = _two_scale_problem()
    lr = 3.0 * max_stable_lr(X, 0.0)
    with pytest.raises(DivergenceError, match=r"at iteration (\d) \(the loss rose above its start"):
        fit_ridge_gd(X, y, 0.0, lr, 200)


@pytest.mark.parametrize("c", [0.1, 2.0])
@pytest.mark.parametrize("lam", [0.0, 1.0])
def test_a_design_whose_columns_are_all_constant_gives_the_mean(c, lam):
    # 0.1 is not exact in binary: X - mean(X) is round-off (about 1e-17), not 0. If that
    # round-off were kept as data, it would be the largest singular value, and a cutoff relative
    # to it would keep it: w would be of order 1 at lam = 0 instead of 0
    y = np.random.default_rng(12).normal(size=30)
    w, b = ridge_closed_form(np.full((30, 2), c), y, lam)
    np.testing.assert_array_equal(w, [0.0, 0.0])
    assert b == pytest.approx(y.mean(), rel=1e-12)


def test_gd_takes_lists_and_starts_from_zero_by_default():
    rng = np.random.default_rng(13)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=20) + 4.0
    res = fit_ridge_gd(X, y, 0.5, lr=0.1, n_iters=20)
    assert res.losses[0] == ridge_loss(np.zeros(3), 0.0, X, y, 0.5)
    listed = fit_ridge_gd(X.tolist(), y.tolist(), 0.5, lr=0.1, n_iters=20)
    np.testing.assert_array_equal(listed.losses, res.losses)


def test_gd_stops_when_the_gradient_norm_is_at_most_tol():
    rng = np.random.default_rng(14)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=20)
    grad_w, grad_b = ridge_grad(np.zeros(3), 0.0, X, y, 1.0)
    norm = float(np.sqrt(grad_w @ grad_w + grad_b**2))
    at = fit_ridge_gd(X, y, 1.0, lr=0.1, n_iters=10, tol=norm)          # norm <= tol: no step
    assert at.converged and at.n_steps == 0
    below = fit_ridge_gd(X, y, 1.0, lr=0.1, n_iters=10, tol=np.nextafter(norm, 0.0))
    assert below.n_steps >= 1


def test_the_bias_gradient_counts_in_the_stopping_test():
    # centred X and constant y: from w = 0 the gradient is all in b, and b converges at the
    # rate 1 - lr = 0.1 per step, |grad_b| = 3 * 0.1^k, which reaches tol = 1e-8 at k = 9
    rng = np.random.default_rng(15)
    X = rng.normal(size=(30, 2))
    X -= X.mean(axis=0)
    res = fit_ridge_gd(X, np.full(30, 3.0), 1.0, lr=0.9, n_iters=100, tol=1e-8)
    assert res.converged and res.n_steps == 9
    assert res.b == pytest.approx(3.0, abs=1e-8)


@pytest.mark.parametrize("noise", [0.0, 0.5])
def test_round_off_at_the_minimum_is_not_divergence(noise):
    # start on the exact minimizer and never stop (tol far below round-off): the loss moves by
    # round-off only, which the divergence checks must tolerate; noise = 0 makes the minimum
    # loss about 1e-31, so the absolute floor of the test matters, not only the relative one
    rng = np.random.default_rng(16)
    X = rng.normal(size=(40, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 1.0 + noise * rng.normal(size=40)
    lam = 0.0 if noise == 0.0 else 0.5
    w, b = ridge_closed_form(X, y, lam)
    res = fit_ridge_gd(X, y, lam, lr=0.9 * max_stable_lr(X, lam), n_iters=50, tol=1e-300,
                       w0=w, b0=b)
    assert not res.converged and res.n_steps == 50
    assert np.ptp(res.losses) <= 1e-12 * max(res.losses[0], 1e-12)


def test_divergence_is_reported_at_the_first_step_that_passes_the_start():
    # near the minimum, lr = 2.2/L: the error along the top direction is multiplied by
    # 1 - 2.2 = -1.2 each step, so the loss passes its start at step 1, by less than 1 and by
    # less than a factor 2
    X, y = _two_scale_problem()
    w, b = ridge_closed_form(X, y, 0.0)
    top = np.linalg.eigh(X.T @ X)[1][:, -1]
    bound = max_stable_lr(X, 0.0)
    with pytest.raises(DivergenceError) as err:
        fit_ridge_gd(X, y, 0.0, 1.1 * bound, 200, w0=w + 0.01 * top, b0=b)
    message = str(err.value)
    assert "at iteration 1 (the loss rose above its starting value)" in message
    assert f"exceeds 2/L = {bound:.4g}" in message
