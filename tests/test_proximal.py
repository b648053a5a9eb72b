import numpy as np
import pytest
from sklearn.linear_model import Lasso

from helpers import (
    DivergenceError,
    count_exact_zeros,
    fit_lasso,
    fit_lasso_ista,
    fit_lasso_subgradient,
    ista_step,
    lasso_lipschitz,
    lasso_loss,
)


def test_lipschitz_is_top_eigenvalue_of_the_data_hessian(problem):
    X, _ = problem
    m = X.shape[0]
    A = np.hstack([X, np.ones((m, 1))])
    assert lasso_lipschitz(X) == pytest.approx(np.linalg.eigvalsh(A.T @ A / m)[-1], rel=1e-12)


def test_ista_step_is_the_proximal_minimizer():
    # prox: argmin_v 1/(2 lr)||v - z||^2 + lam/m ||v||_1, z the gradient step; checked by brute
    # force on a grid, one coordinate at a time (the problem separates).
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(12, 3)), rng.normal(size=12)
    w, b, lam, lr = rng.normal(size=3), 0.4, 3.0, 0.2
    m = X.shape[0]
    r = X @ w + b - y
    z = w - lr * X.T @ r / m
    w_new, b_new = ista_step(w, b, X, y, lam, lr)
    grid = np.linspace(-4, 4, 800_001)
    for j in range(3):
        brute = grid[np.argmin((grid - z[j]) ** 2 / (2 * lr) + lam / m * np.abs(grid))]
        assert w_new[j] == pytest.approx(brute, abs=2e-5)
    assert b_new == pytest.approx(b - lr * r.mean())


@pytest.mark.parametrize("lam", [2.0, 4.0])
def test_ista_matches_coordinate_descent_and_sklearn(problem, lam):
    X, y = problem
    m = X.shape[0]
    result = fit_lasso_ista(X, y, lam, n_iters=15_000)
    w_cd, b_cd = fit_lasso(X, y, lam, tol=1e-13, n_iters=200_000)
    ref = Lasso(alpha=lam / m, tol=1e-14, max_iter=1_000_000).fit(X, y)
    np.testing.assert_allclose(result.w, w_cd, atol=1e-6)
    np.testing.assert_allclose(result.w, ref.coef_, atol=1e-6)
    assert result.b == pytest.approx(b_cd, abs=1e-5)
    assert result.losses[-1] == pytest.approx(lasso_loss(w_cd, b_cd, X, y, lam), abs=1e-9)
    assert np.all(np.diff(result.losses) <= 1e-12)  # monotone with lr = 1/L


def test_exact_zeros_prox_yes_subgradient_no():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(100, 30))
    w_true = np.zeros(30)
    w_true[:5] = [3.0, -2.0, 1.5, 1.0, -1.0]
    y = X @ w_true + 1.0 + 0.5 * rng.normal(size=100)
    ista = fit_lasso_ista(X, y, 10.0, n_iters=3000)
    sub = fit_lasso_subgradient(X, y, 10.0, n_iters=3000)
    w_cd, _ = fit_lasso(X, y, 10.0, tol=1e-13)
    assert count_exact_zeros(ista.w) == count_exact_zeros(w_cd) > 15
    assert count_exact_zeros(sub.w) == 0
    assert np.max(np.abs(sub.w - w_cd)) < 0.2  # close, but never exactly 0
    assert sub.losses[-1] > ista.losses[-1]


def test_subgradient_step_by_hand():
    X, y = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]), np.array([1.0, 0.0, 2.0])
    w0 = np.array([0.5, -0.5])
    out = fit_lasso_subgradient(X, y, 3.0, lr=0.1, n_iters=1, w0=w0, b0=0.2)
    r = X @ w0 + 0.2 - y
    np.testing.assert_allclose(out.w, w0 - 0.1 * (X.T @ r / 3 + 1.0 * np.sign(w0)))
    assert out.b == pytest.approx(0.2 - 0.1 * r.mean())


def test_count_exact_zeros():
    assert count_exact_zeros(np.array([0.0, 1e-300, -0.0, 2.0])) == 2


def test_divergence_is_an_error():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=20)
    with pytest.raises(DivergenceError, match="exceeds 2/L"):
        fit_lasso_ista(X, y, 1.0, lr=5.0 / lasso_lipschitz(X), n_iters=2000)


def test_bad_input():
    X, y = np.ones((4, 2)), np.ones(4)
    with pytest.raises(ValueError, match="lam == -1.0"):
        fit_lasso_ista(X, y, -1.0)
    with pytest.raises(ValueError, match="lr == 0.0"):
        fit_lasso_subgradient(X, y, 1.0, lr=0.0)
    with pytest.raises(ValueError, match="n_iters == 0"):
        fit_lasso_ista(X, y, 1.0, n_iters=0)
    with pytest.raises(ValueError, match="w0 has length 3"):
        fit_lasso_ista(X, y, 1.0, w0=np.zeros(3))
    with pytest.raises(ValueError, match="reshape"):
        ista_step(np.zeros(1), 0.0, np.ones(4), y, 1.0, 0.1)
    with pytest.raises(ValueError, match="must be 1-D"):
        count_exact_zeros(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="must be 2-D"):
        lasso_lipschitz(np.ones(3))


def test_default_is_1000_steps_from_zero(problem):
    X, y = problem
    for fit in (fit_lasso_ista, fit_lasso_subgradient):
        result = fit(X, y, 1.0)
        assert result.n_steps == 1000 and result.losses.shape == (1001,)
        assert result.converged is False


def test_losses_record_the_start_and_every_step(problem):
    X, y = problem
    w0, b0 = np.linspace(-1, 1, X.shape[1]), 0.5
    for fit in (fit_lasso_ista, fit_lasso_subgradient):
        result = fit(X, y, 2.0, n_iters=3, w0=w0, b0=b0)
        assert result.losses[0] == pytest.approx(lasso_loss(w0, b0, X, y, 2.0), rel=1e-12)
        assert result.losses[-1] == pytest.approx(lasso_loss(result.w, result.b, X, y, 2.0),
                                                  rel=1e-12)


@pytest.mark.parametrize("fit", [fit_lasso_ista, fit_lasso_subgradient])
def test_defaults_lists_and_the_default_step(fit):
    # lists work like arrays; the default start is (w, b) = (0, 0); the default step is 1/L
    # with L = lasso_lipschitz(X), the smoothness constant of the data term (no lam in it)
    rng = np.random.default_rng(22)
    X, y = rng.normal(size=(25, 3)), rng.normal(size=25) + 2.0
    res = fit(X, y, 2.0, n_iters=15)
    assert res.losses[0] == lasso_loss(np.zeros(3), 0.0, X, y, 2.0)
    explicit = fit(X.tolist(), y.tolist(), 2.0, lr=1.0 / lasso_lipschitz(X), n_iters=15, b0=0.0)
    np.testing.assert_array_equal(explicit.losses, res.losses)


def test_ista_step_checks_its_weights():
    X, y = np.ones((4, 2)), np.ones(4)
    with pytest.raises(ValueError, match="w has length 1 but must have length 2"):
        ista_step(np.zeros(1), 0.0, X, y, 1.0, 0.1)
