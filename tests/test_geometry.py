import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from helpers import (
    ConvergenceError,
    Standardizer,
    constrained_solution,
    loss_grid,
    penalized_solution,
    penalty,
    penalty_boundary,
    plot_geometry,
    ridge_loss,
    solution_path,
)


def _two_features(seed=0, m=50):
    rng = np.random.default_rng(seed)
    x1 = rng.standard_normal(m)
    X = np.column_stack([x1, 0.6 * x1 + 0.8 * rng.standard_normal(m)])
    X = Standardizer.fit(X).transform(X)
    return X, X @ np.array([2.0, 0.5]) + 0.5 * rng.standard_normal(m)


def test_penalty_values():
    w = np.array([3.0, -4.0])
    assert penalty(w, "l2") == pytest.approx(12.5)
    assert penalty(w, "l1") == pytest.approx(7.0)
    assert penalty(w, "elastic", rho=0.25) == pytest.approx(0.25 * 7 + 0.75 / 2 * 25)
    np.testing.assert_allclose(penalty(np.vstack([w, 2 * w]), "l1"), [7.0, 14.0])


@pytest.mark.parametrize("kind, rho", [("l2", 0.5), ("l1", 0.5), ("elastic", 0.3)])
def test_penalized_matches_sklearn(problem, kind, rho):
    X, y = problem
    m, lam = X.shape[0], 3.0
    w = penalized_solution(X, y, lam, kind, rho)
    if kind == "l2":
        ref = Ridge(alpha=lam, solver="svd")
    elif kind == "l1":
        ref = Lasso(alpha=lam / m, tol=1e-14, max_iter=100_000)
    else:
        ref = ElasticNet(alpha=lam / m, l1_ratio=rho, tol=1e-14, max_iter=100_000)
    np.testing.assert_allclose(w, ref.fit(X, y).coef_, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("kind", ["l2", "l1", "elastic"])
@pytest.mark.parametrize("budget", [0.2, 0.8])
def test_constrained_matches_brute_force_on_the_boundary(kind, budget):
    X, y = _two_features()
    w, lam = constrained_solution(X, y, budget, kind)
    assert lam > 0 and penalty(w, kind) == pytest.approx(budget, rel=1e-8)
    # brute force: the best point on a fine boundary (the optimum is outside the region)
    edge = penalty_boundary(budget, kind, n_points=40_001)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    losses = np.sum((edge @ Xc.T - yc) ** 2, axis=1)
    np.testing.assert_allclose(w, edge[np.argmin(losses)], atol=5e-4)
    # and it is the penalized solution at the matching lam
    np.testing.assert_allclose(w, penalized_solution(X, y, lam, kind), atol=1e-10)


def test_l1_lands_on_a_corner_l2_does_not():
    X, y = _two_features()
    w1, _ = constrained_solution(X, y, 0.5, "l1")
    w2, _ = constrained_solution(X, y, 0.5, "l2")
    assert w1[1] == 0.0 and w1[0] == pytest.approx(0.5)
    assert np.all(w2 != 0.0)


def test_loose_budget_returns_least_squares():
    X, y = _two_features()
    w, lam = constrained_solution(X, y, 100.0, "l2")
    assert lam == 0.0
    np.testing.assert_allclose(w, Ridge(alpha=0.0).fit(X, y).coef_, atol=1e-10)


def test_path_and_boundary():
    X, y = _two_features()
    path = solution_path(X, y, [0.0, 5.0, 500.0], "l1")
    assert path.shape == (3, 2)
    assert np.all(np.diff(np.abs(path).sum(axis=1)) <= 1e-12)  # ||w||_1 shrinks with lam
    for kind in ("l2", "l1", "elastic"):
        edge = penalty_boundary(0.7, kind, n_points=50)
        np.testing.assert_allclose(penalty(edge, kind), 0.7, rtol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(penalty_boundary(2.0, "l2"), axis=1), 2.0)


def test_loss_grid_matches_ridge_loss_with_optimal_bias():
    X, y = _two_features(1, 30)
    w1, w2 = np.array([-1.0, 0.5, 2.0]), np.array([0.0, 1.5])
    J = loss_grid(X, y, w1, w2)
    assert J.shape == (2, 3)
    w = np.array([w1[2], w2[1]])
    b = y.mean() - X.mean(axis=0) @ w
    assert J[1, 2] == pytest.approx(ridge_loss(w, b, X, y, 0.0), rel=1e-12)


def test_plot_geometry_returns_axes():
    X, y = _two_features()
    w, _ = constrained_solution(X, y, 0.5, "l1")
    ax = plot_geometry(X, y, w, 0.5, "l1")
    assert ax.get_xlabel() == "$w_1$"
    plt.close("all")


def test_bad_input():
    X, y = _two_features()
    with pytest.raises(ValueError, match="kind == 'l3'"):
        penalty(np.ones(2), "l3")
    with pytest.raises(ValueError, match="rho == 1.5, must be in"):
        penalized_solution(X, y, 1.0, "elastic", rho=1.5)
    with pytest.raises(ValueError, match="budget == 0.0, must be > 0"):
        constrained_solution(X, y, 0.0)
    with pytest.raises(ValueError, match="needs m > n"):
        constrained_solution(X[:2], y[:2], 1.0)
    with pytest.raises(ValueError, match="X has 3 columns but the picture needs exactly 2"):
        loss_grid(np.ones((4, 3)), np.ones(4), [0.0], [0.0])
    with pytest.raises(ValueError, match=r"lams has 1 value\(s\) < 0"):
        solution_path(X, y, [1.0, -1.0])
    with pytest.raises(ValueError, match="lam == -2.0, must be >= 0"):
        penalized_solution(X, y, -2.0)


@pytest.mark.parametrize("kind", ["l2", "l1", "elastic"])
def test_bisection_whose_bracket_misses_the_answer_raises(kind):
    # budgets so small that even lam = 1e12 leaves P(w) above them: refusing beats returning
    # weights that break the budget
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 2)) * 1e9
    y = X @ np.array([1.0, -2.0]) + rng.normal(size=40)
    with pytest.raises(ConvergenceError, match="constrained_solution: budget == 1e-30"):
        constrained_solution(X, y, 1e-30, kind=kind)


def test_constrained_solution_respects_the_budget():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(40, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(size=40)
    for kind in ("l2", "l1", "elastic"):
        w, lam = constrained_solution(X, y, 0.3, kind=kind)
        assert lam > 0
        assert penalty(w, kind) <= 0.3 * (1 + 1e-9)
        assert penalty(w, kind) == pytest.approx(0.3, rel=1e-6)
