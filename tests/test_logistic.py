"""The one logistic model: sigmoid, loss, gradient and fit_logistic, the Newton solver."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from helpers import (
    ConvergenceError,
    balanced_class_weights,
    fit_logistic,
    logistic_grad,
    logistic_loss,
    logistic_proba,
    logistic_ridge_grad,
    logistic_ridge_loss,
    numerical_gradient,
    oversample_minority,
    rel_error,
    sigmoid,
)


@pytest.fixture(params=[(40, 3), (6, 9)], ids=["m>n", "m<n"])
def data(request):
    m, n = request.param
    rng = np.random.default_rng(m + n)
    X = rng.normal(size=(m, n))
    y = (rng.random(m) < 0.4).astype(float)
    y[:2] = [0.0, 1.0]
    return X, y, rng.normal(size=n), 0.3


def test_sigmoid_is_stable_and_exact():
    z = np.array([-800.0, -30.0, -1.0, 0.0, 2.0, 40.0, 800.0])
    np.testing.assert_allclose(sigmoid(z)[1:-1], 1 / (1 + np.exp(-z[1:-1])), rtol=1e-14)
    assert sigmoid(-800.0) == 0.0 and sigmoid(800.0) == 1.0
    assert sigmoid(0.0) == 0.5 and isinstance(sigmoid(0.0), float)


def test_loss_is_sklearn_log_loss_plus_the_penalty(data):
    X, y, w, lam = data
    b, m = -0.2, X.shape[0]
    s = np.linspace(0.5, 2.0, m)
    p = 1 / (1 + np.exp(-(X @ w + b)))
    for weights in (None, s):
        sw = np.ones(m) if weights is None else weights
        ref = log_loss(y, p, sample_weight=sw, normalize=False) / m + lam / (2 * m) * w @ w
        assert logistic_loss(w, b, X, y, lam, sample_weight=weights) == pytest.approx(ref,
                                                                                   rel=1e-12)


def test_gradient_matches_centered_differences(data):
    X, y, w, lam = data
    s = np.linspace(0.5, 2.0, X.shape[0])
    theta = np.append(w, 0.4)
    for weights in (None, s):
        grad_w, grad_b = logistic_grad(w, 0.4, X, y, lam, sample_weight=weights)
        num = numerical_gradient(
            lambda t, sw=weights: logistic_loss(t[:-1], t[-1], X, y, lam, sample_weight=sw), theta)
        assert rel_error(np.append(grad_w, grad_b), num) < 1e-8


def test_flat_theta_versions_are_the_same_maths(data):
    X, y, w, lam = data
    theta = np.append(w, 0.4)
    assert logistic_ridge_loss(theta, X, y, lam) == pytest.approx(
        logistic_loss(w, 0.4, X, y, lam), rel=1e-15)
    np.testing.assert_allclose(logistic_ridge_grad(theta, X, y, lam),
                               np.append(*logistic_grad(w, 0.4, X, y, lam)), rtol=1e-14)


def test_proba(data):
    X, y, w, lam = data
    np.testing.assert_allclose(logistic_proba(X, w, 0.1), 1 / (1 + np.exp(-(X @ w + 0.1))),
                               rtol=1e-14)


def test_bad_input(data):
    X, y, w, lam = data
    with pytest.raises(ValueError, match="y must contain only 0 and 1"):
        logistic_loss(w, 0.0, X, y + 2, lam)
    with pytest.raises(ValueError, match="lam == -1.0, must be >= 0"):
        logistic_grad(w, 0.0, X, y, -1.0)
    with pytest.raises(ValueError, match="sample_weight has negative"):
        logistic_loss(w, 0.0, X, y, lam, sample_weight=-np.ones(y.size))
    with pytest.raises(ValueError, match="w has length"):
        logistic_proba(X, w[:-1], 0.0)
    with pytest.raises(TypeError, match="z must hold real numbers"):
        sigmoid(np.array([1j]))


@pytest.mark.parametrize("weighted", [False, True])


@pytest.mark.parametrize("lam", [0.1, 5.0])
def test_logistic_matches_sklearn(imbalanced, weighted, lam):
    X, y = imbalanced
    s = balanced_class_weights(y) if weighted else None
    w, b = fit_logistic(X, y, lam, sample_weight=s)
    ref = LogisticRegression(C=1 / lam, tol=1e-12, max_iter=10_000).fit(X, y, sample_weight=s)
    np.testing.assert_allclose(w, ref.coef_[0], rtol=1e-5, atol=1e-7)
    assert b == pytest.approx(ref.intercept_[0], rel=1e-5, abs=1e-7)
    np.testing.assert_allclose(logistic_proba(X, w, b), ref.predict_proba(X)[:, 1], atol=1e-6)


def test_logistic_on_separable_data_with_m_less_than_n():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(10, 25))
    y = (X[:, 0] > 0).astype(float)
    w, b = fit_logistic(X, y, 1.0)
    ref = LogisticRegression(C=1.0, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(w, ref.coef_[0], rtol=1e-5, atol=1e-7)


def test_logistic_reports_non_convergence(imbalanced):
    X, y = imbalanced
    with pytest.raises(ConvergenceError, match="did not reach tol"):
        fit_logistic(X, y, 1.0, n_iters=1)


def test_logistic_converges_on_many_duplicated_samples():
    """Regression: near the optimum the decrease of J is below its rounding error (m = 760)."""
    rng = np.random.default_rng(2)
    y = (rng.random(400) < 0.05).astype(float)
    X = rng.normal(size=(400, 2)) + np.outer(y, [1.5, 1.0])
    X_over, y_over = oversample_minority(X, y, rng)
    w, b = fit_logistic(X_over, y_over, 0.01)
    ref = LogisticRegression(C=100.0, tol=1e-12, max_iter=10_000).fit(X_over, y_over)
    np.testing.assert_allclose(w, ref.coef_[0], rtol=1e-5)


def test_bad_input_logistic(imbalanced):
    X, y = imbalanced
    with pytest.raises(ValueError, match="y must contain only 0 and 1"):
        fit_logistic(X, y + 1, 1.0)
    with pytest.raises(ValueError, match="lam == 0.0, must be > 0"):
        fit_logistic(X, y, 0.0)
    with pytest.raises(ValueError, match="sample_weight has length 3"):
        fit_logistic(X, y, 1.0, sample_weight=np.ones(3))
    with pytest.raises(ValueError, match="sample_weight has negative"):
        fit_logistic(X, y, 1.0, sample_weight=-np.ones(y.size))
