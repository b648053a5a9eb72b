import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from helpers import (
    forward_difference,
    h_sweep,
    logistic_ridge_grad,
    logistic_ridge_loss,
    loglog_slope,
    numerical_gradient,
    rel_error,
    ridge_grad,
    ridge_loss,
)


@pytest.fixture
def logistic():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 5))
    y = (X @ rng.normal(size=5) + 0.5 * rng.normal(size=50) > 0).astype(float)
    return X, y, rng.normal(size=6)


def test_forward_difference_on_a_known_function():
    x = np.array([0.3, -1.2])
    grad = forward_difference(lambda v: float(np.sum(v**3)), x, h=1e-4)
    # (x+h)^3 - x^3 over h = 3x^2 + 3xh + h^2 exactly
    np.testing.assert_allclose(grad, 3 * x**2 + 3 * x * 1e-4 + 1e-8, rtol=1e-7)
    assert forward_difference(lambda v: v**2, 2.0, h=0.5) == pytest.approx(4.5)


def test_logistic_gradient_matches_centered_differences(logistic):
    X, y, theta = logistic
    num = numerical_gradient(lambda t: logistic_ridge_loss(t, X, y, 3.0), theta)
    assert rel_error(num, logistic_ridge_grad(theta, X, y, 3.0)) < 1e-8


def test_logistic_minimizer_matches_sklearn(logistic):
    # J = mean log-loss + lam/(2m)||w||^2 is scikit-learn's C = 1/lam objective divided by m
    X, y, _ = logistic
    lam = 3.0
    ref = LogisticRegression(C=1 / lam, tol=1e-12, max_iter=10_000).fit(X, y)
    theta = np.append(ref.coef_.ravel(), ref.intercept_)
    assert np.linalg.norm(logistic_ridge_grad(theta, X, y, lam)) < 1e-6


def test_float32_loss_is_less_precise(logistic):
    X, y, theta = logistic
    f64 = logistic_ridge_loss(theta, X, y, 1.0)
    f32 = logistic_ridge_loss(theta, X, y, 1.0, dtype=np.float32)
    assert 1e-10 < abs(f32 - f64) / f64 < 1e-5
    assert logistic_ridge_loss(theta, X, y, 1.0, dtype="float32") == f32


def test_non_float_dtype_is_refused(logistic):
    X, y, theta = logistic
    for bad in (int, np.int32, complex, object, "not a dtype"):
        with pytest.raises(TypeError, match="dtype must be a numpy float type"):
            logistic_ridge_loss(theta, X, y, 1.0, dtype=bad)


def test_sweep_shows_first_and_second_order(logistic):
    X, y, theta = logistic
    hs = np.array([1e-1, 1e-2, 1e-3])
    sweep = h_sweep(lambda t: logistic_ridge_loss(t, X, y, 3.0), theta,
                    logistic_ridge_grad(theta, X, y, 3.0), hs)
    assert loglog_slope(hs, sweep.forward) == pytest.approx(1.0, abs=0.05)
    assert loglog_slope(hs, sweep.centered) == pytest.approx(2.0, abs=0.05)


def test_quadratic_loss_hides_the_h_squared_law(logistic):
    X, y, theta = logistic
    gw, gb = ridge_grad(theta[:-1], theta[-1], X, y, 3.0)
    sweep = h_sweep(lambda t: ridge_loss(t[:-1], t[-1], X, y, 3.0), theta, np.append(gw, gb),
                    [1e-1, 1e-2])
    assert np.all(sweep.centered < 1e-12)  # exact for a quadratic, up to round-off
    assert np.all(sweep.forward > 1e-4)


def test_loglog_slope():
    x = np.array([1.0, 10.0, 100.0])
    assert loglog_slope(x, 3 * x**2) == pytest.approx(2.0)


def test_bad_input(logistic):
    X, y, theta = logistic
    with pytest.raises(ValueError, match="only 0 and 1"):
        logistic_ridge_loss(theta, X, y * 2, 1.0)
    with pytest.raises(ValueError, match="theta has length 5"):
        logistic_ridge_grad(theta[:5], X, y, 1.0)
    with pytest.raises(ValueError, match="h == 0.0"):
        forward_difference(np.sum, theta, h=0.0)
    with pytest.raises(TypeError, match="f must be callable"):
        h_sweep(None, theta, theta, [0.1])
    with pytest.raises(ValueError, match="grad has shape"):
        h_sweep(np.sum, theta, theta[:2], [0.1])
    with pytest.raises(ValueError, match="hs must be"):
        h_sweep(np.sum, theta, theta, [0.1, -1.0])
    with pytest.raises(ValueError, match="must be > 0"):
        loglog_slope([1.0, 2.0], [0.0, 1.0])
