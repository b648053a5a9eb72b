import numpy as np
import pytest

from helpers import (
    DivergenceError,
    dropout_penalty,
    dropout_ridge_fit,
    expected_dropout_loss,
    fit_dropout_gd,
    monte_carlo_dropout_loss,
    numerical_gradient,
    ridge_closed_form,
)


def _centered(problem):
    X, y = problem
    return X - X.mean(axis=0), y - y.mean()


def test_monte_carlo_agrees_with_the_exact_expectation(problem):
    X, y = _centered(problem)
    w = np.linspace(-1, 1, X.shape[1])
    exact = expected_dropout_loss(w, X, y, keep=0.7)
    mean, se = monte_carlo_dropout_loss(w, X, y, keep=0.7, n_masks=3000, rng=0)
    assert abs(mean - exact) < 4 * se
    r = y - X @ w
    assert exact == pytest.approx(r @ r + dropout_penalty(w, X, 0.7), rel=1e-12)


def test_brute_force_expectation_on_a_tiny_problem():
    # Enumerate all 2^(m n) masks of a 2 x 2 design: the exact expectation, no sampling.
    X, y = np.array([[1.0, -2.0], [0.5, 3.0]]), np.array([0.3, -1.0])
    w, p = np.array([0.7, 0.4]), 0.6
    total = 0.0
    for bits in range(16):
        R = np.array([(bits >> k) & 1 for k in range(4)], dtype=float).reshape(2, 2)
        prob = np.prod(np.where(R == 1, p, 1 - p))
        r = y - (R * X / p) @ w
        total += prob * (r @ r)
    assert expected_dropout_loss(w, X, y, p) == pytest.approx(total, rel=1e-12)


def test_closed_form_minimizes_the_expected_loss(problem):
    X, y = _centered(problem)
    w = dropout_ridge_fit(X, y, keep=0.8)
    grad = numerical_gradient(lambda v: expected_dropout_loss(v, X, y, 0.8), w)
    assert np.linalg.norm(grad) < 1e-6 * (1 + np.linalg.norm(X.T @ y))


def test_closed_form_is_ridge_on_features_scaled_to_unit_norm(problem):
    # Per-feature strength ((1-p)/p)||x_j||^2 = one ridge lam on columns x_j / ||x_j||.
    X, y = _centered(problem)
    keep, norms = 0.5, np.linalg.norm(X, axis=0)
    w_scaled, _ = ridge_closed_form(X / norms, y, lam=(1 - keep) / keep)
    np.testing.assert_allclose(dropout_ridge_fit(X, y, keep), w_scaled / norms, rtol=1e-9)


def test_keep_one_is_least_squares():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(30, 4)), rng.normal(size=30)
    np.testing.assert_allclose(dropout_ridge_fit(X, y, 1.0), np.linalg.lstsq(X, y, rcond=None)[0])
    assert dropout_penalty(np.ones(4), X, 1.0) == 0.0


def test_dropout_training_approaches_the_closed_form():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(100, 3)) * [0.5, 1.0, 2.0]
    y = X @ np.array([2.0, -1.0, 0.5]) + 0.3 * rng.normal(size=100)
    w_gd = fit_dropout_gd(X, y, keep=0.75, lr=0.05, n_iters=6000, rng=3)
    np.testing.assert_allclose(w_gd, dropout_ridge_fit(X, y, 0.75), rtol=0.02, atol=0.01)
    with pytest.raises(DivergenceError, match="lr=50 is too large"):
        fit_dropout_gd(X, y, keep=0.75, lr=50.0, n_iters=200, rng=3)


def test_bad_input(problem):
    X, y = problem
    w = np.zeros(X.shape[1])
    with pytest.raises(ValueError, match=r"keep == 0.0, must be in \(0, 1\]"):
        expected_dropout_loss(w, X, y, keep=0.0)
    with pytest.raises(ValueError, match=r"keep == 1.2, must be in \(0, 1\]"):
        dropout_ridge_fit(X, y, keep=1.2)
    with pytest.raises(ValueError, match="w has length 2"):
        dropout_penalty(np.zeros(2), X, 0.5)
    with pytest.raises(ValueError, match="n_masks == 1, must be >= 2"):
        monte_carlo_dropout_loss(w, X, y, 0.5, n_masks=1, rng=0)
    with pytest.raises(ValueError, match="X has .* rows but y has"):
        dropout_ridge_fit(X, y[:-1], 0.5)
    with pytest.raises(ValueError, match=r"all-zero column\(s\) \[1\].*drop those"):
        dropout_ridge_fit(np.column_stack([X[:, 0], np.zeros(len(X))]), y, 0.8)
    with pytest.raises(ValueError, match="average_last == 0"):
        fit_dropout_gd(X, y, 0.5, lr=0.01, n_iters=10, rng=0, average_last=0)


@pytest.mark.parametrize("call", [
    lambda X, y, w: expected_dropout_loss(X, y, w, 0.7),
    lambda X, y, w: dropout_penalty(X, w, 0.7),
    lambda X, y, w: monte_carlo_dropout_loss(X, y, w, 0.7, 10, rng=1),
])
def test_the_older_data_first_order_is_refused_not_guessed(problem, call):
    X, y = problem
    w = np.linspace(-1, 1, X.shape[1])
    with pytest.raises(TypeError, match=r"takes the weights first: \w+\(w, X, \.\.\.\), got a "
                                        r"2-D first argument of shape \(\d+, \d+\) and a 1-D "
                                        r"second one; the older data-first order \(X, (y, )?w, "
                                        r"keep\)"):
        call(X, y, w)


def test_a_weight_column_before_X_is_asked_to_be_1d(problem):
    X, y = problem
    w = np.zeros((X.shape[1], 1))  # e.g. a Dense layer's W
    with pytest.raises(ValueError, match=r"w has shape \(\d+, 1\)"):
        expected_dropout_loss(w, X, y, 0.5)
    with pytest.raises(ValueError, match=r"w has shape \(\d+, 1\)"):
        dropout_penalty(w, X, 0.5)
