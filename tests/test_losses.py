import numpy as np
import pytest

from helpers import (
    lasso_loss,
    mse,
    numerical_gradient,
    predict,
    ridge_grad,
    ridge_loss,
    soft_threshold,
)


def test_ridge_loss_by_hand():
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    y = np.array([1.0, 0.0])
    w, b, lam = np.array([0.5, -1.0]), 0.25, 3.0
    r = np.array([0.5 - 2 + 0.25 - 1, 1.5 - 4 + 0.25])
    expected = (r @ r) / 4 + 3.0 * 1.25 / 4
    assert ridge_loss(w, b, X, y, lam) == pytest.approx(expected, rel=1e-14)


def test_ridge_grad_matches_numerical_gradient(problem):
    X, y = problem
    rng = np.random.default_rng(1)
    w, b, lam = rng.normal(size=X.shape[1]), 0.7, 2.5
    grad_w, grad_b = ridge_grad(w, b, X, y, lam)
    num_w = numerical_gradient(lambda v: ridge_loss(v, b, X, y, lam), w)
    num_b = numerical_gradient(lambda c: ridge_loss(w, c, X, y, lam), b)
    np.testing.assert_allclose(grad_w, num_w, rtol=1e-7, atol=1e-9)
    assert grad_b == pytest.approx(num_b, rel=1e-7)


def test_bias_gradient_has_no_penalty(problem):
    X, y = problem
    w = np.ones(X.shape[1])
    assert ridge_grad(w, 3.0, X, y, 0.0)[1] == ridge_grad(w, 3.0, X, y, 100.0)[1]


def test_lasso_loss_by_hand():
    X = np.array([[1.0], [2.0]])
    y = np.array([1.0, 1.0])
    assert lasso_loss(np.array([-2.0]), 1.0, X, y, 4.0) == pytest.approx((4 + 16) / 4 + 4 * 2 / 2)


def test_soft_threshold_values():
    z = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    np.testing.assert_array_equal(soft_threshold(z, 1.0), [-2.0, 0.0, 0.0, 0.0, 2.0])
    assert soft_threshold(2.5, 0.5) == 2.0


def test_soft_threshold_is_the_prox_of_abs():
    grid = np.linspace(-5, 5, 200001)
    for z in (-2.3, 0.4, 1.7):
        best = grid[np.argmin(0.5 * (grid - z) ** 2 + 0.8 * np.abs(grid))]
        assert soft_threshold(z, 0.8) == pytest.approx(best, abs=1e-4)


def test_predict_and_mse():
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(predict(X, np.array([2.0, 3.0]), 1.0), [3.0, 4.0])
    assert mse(np.array([1.0, 2.0]), np.array([1.0, 4.0])) == 2.0


@pytest.mark.parametrize("fn", [ridge_loss, ridge_grad, lasso_loss])
def test_bad_input_is_named(fn):
    X, y, w = np.ones((4, 2)), np.ones(4), np.ones(2)
    with pytest.raises(ValueError, match=r"X has shape \(4,\) but must be 2-D.*reshape"):
        fn(w, 0.0, np.ones(4), y, 1.0)
    with pytest.raises(ValueError, match="X has 4 rows but y has 3 entries"):
        fn(w, 0.0, X, np.ones(3), 1.0)
    with pytest.raises(ValueError, match="w has length 3 but must have length 2"):
        fn(np.ones(3), 0.0, X, y, 1.0)
    with pytest.raises(ValueError, match=r"lam == -1.0, must be >= 0"):
        fn(w, 0.0, X, y, -1.0)
    with pytest.raises(ValueError, match="y contains 1 NaN"):
        fn(w, 0.0, X, np.array([1.0, np.nan, 1.0, 1.0]), 1.0)
    with pytest.raises(TypeError, match="lam must be a real number"):
        fn(w, 0.0, X, y, "big")
    with pytest.raises(TypeError, match="b must be a real number"):
        fn(w, np.ones(2), X, y, 1.0)


def test_other_bad_input():
    with pytest.raises(ValueError, match="t == -1.0, must be >= 0"):
        soft_threshold(1.0, -1.0)
    with pytest.raises(ValueError, match=r"y has shape \(2,\) but y_hat has shape \(3,\)"):
        mse(np.ones(2), np.ones(3))
    with pytest.raises(ValueError, match=r"X has shape \(3,\)"):
        predict(np.ones(3), np.ones(1))


def test_predict_default_bias_and_a_non_square_design():
    X = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, 3.0]])           # m = 2, n = 3
    w = np.array([1.0, -1.0, 2.0])
    np.testing.assert_array_equal(predict(X, w), X @ w)         # b defaults to 0
    np.testing.assert_array_equal(predict(X, w, 0.5), X @ w + 0.5)
    with pytest.raises(ValueError, match="w has length 2 but must have length 3"):
        predict(X, np.ones(2))


def test_mse_takes_lists_and_refuses_a_2d_prediction():
    assert mse([1.0, 2.0, 3.0], [1.0, 2.0, 5.0]) == pytest.approx(4.0 / 3.0)
    with pytest.raises(ValueError, match=r"y_hat has shape \(3, 1\) but must be 1-D"):
        mse(np.ones(3), np.ones((3, 1)))


def test_soft_threshold_of_a_scalar_is_a_python_float():
    out = soft_threshold(3.0, 1.0)
    assert type(out) is float and out == 2.0
    assert soft_threshold(np.array([3.0]), 1.0).shape == (1,)
