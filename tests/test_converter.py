import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, LogisticRegression, Ridge, SGDRegressor

from helpers import (
    CONVERSIONS,
    DivergenceError,
    convert_lambda,
    converter_table,
    emulate_keras_l2,
    emulate_torch_sgd,
    fit_lasso,
    max_stable_lr,
    ridge_closed_form,
)


def _data(m=200, n=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n))
    return X, X @ np.linspace(1.0, -2.0, n) + 1.0 + 0.5 * rng.standard_normal(m)


@pytest.mark.parametrize("lam", [0.5, 20.0])
def test_ridge_row(problem, lam):
    X, y = problem
    ref = Ridge(**convert_lambda(lam, X.shape[0], "sklearn.Ridge"), solver="svd").fit(X, y)
    np.testing.assert_allclose(ref.coef_, ridge_closed_form(X, y, lam)[0], rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("lam", [0.5, 5.0])
def test_lasso_row(problem, lam):
    X, y = problem
    params = convert_lambda(lam, X.shape[0], "sklearn.Lasso")
    ref = Lasso(**params, tol=1e-14, max_iter=100_000).fit(X, y)
    w, b = fit_lasso(X, y, lam, tol=1e-13)
    np.testing.assert_allclose(ref.coef_, w, rtol=1e-6, atol=1e-8)
    assert ref.intercept_ == pytest.approx(b, rel=1e-6, abs=1e-8)


def _elastic_net_by_ista(X, y, lam, rho, n_iters=20_000):
    """Independent reference: proximal gradient on the course's elastic-net objective."""
    m = X.shape[0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    step = 1.0 / (np.linalg.norm(Xc, 2) ** 2 / m + lam * (1 - rho) / m)
    w = np.zeros(X.shape[1])
    for _ in range(n_iters):
        z = w - step * (Xc.T @ (Xc @ w - yc) / m + lam * (1 - rho) / m * w)
        w = np.sign(z) * np.maximum(np.abs(z) - step * lam * rho / m, 0.0)
    return w


@pytest.mark.parametrize("rho", [0.2, 0.7])
def test_elastic_net_row(problem, rho):
    X, y = problem
    lam = 4.0
    params = convert_lambda(lam, X.shape[0], "sklearn.ElasticNet", rho=rho)
    assert params["l1_ratio"] == rho
    ref = ElasticNet(**params, tol=1e-14, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(ref.coef_, _elastic_net_by_ista(X, y, lam, rho), atol=1e-7)


def test_sgd_regressor_row():
    X, y = _data()
    lam, m = 20.0, X.shape[0]
    w, b = ridge_closed_form(X, y, lam)

    def fit(alpha):
        return SGDRegressor(alpha=alpha, penalty="l2", average=True, max_iter=2000, tol=None,
                            learning_rate="constant", eta0=0.001, random_state=0).fit(X, y)

    sgd = fit(**convert_lambda(lam, m, "sklearn.SGDRegressor"))
    np.testing.assert_allclose(sgd.coef_, w, atol=1e-2)  # stochastic: a looser tolerance
    assert sgd.intercept_[0] == pytest.approx(b, abs=1e-2)
    assert np.abs(fit(alpha=lam).coef_ - w).max() > 0.3  # the naive alpha = lam is far off


def _logistic_by_newton(X, t, lam):
    """Minimize mean log-loss + lam/(2m) ||w||^2 (bias unpenalized) by Newton's method."""
    m, n = X.shape
    A = np.column_stack([X, np.ones(m)])
    theta = np.zeros(n + 1)
    P = np.diag(np.r_[np.full(n, lam / m), 0.0])
    for _ in range(50):
        p = 1 / (1 + np.exp(-A @ theta))
        grad = A.T @ (p - t) / m + P @ theta
        H = A.T @ (A * (p * (1 - p))[:, None]) / m + P
        theta -= np.linalg.solve(H, grad)
    return theta[:n], theta[n]


@pytest.mark.parametrize("lam", [1.0, 30.0])
def test_logistic_regression_row(lam):
    X, y = _data(m=150, n=4, seed=3)
    t = (y > np.median(y)).astype(float)
    params = convert_lambda(lam, X.shape[0], "sklearn.LogisticRegression")
    ref = LogisticRegression(**params, solver="lbfgs", tol=1e-12, max_iter=10_000).fit(X, t)
    w, b = _logistic_by_newton(X, t, lam)
    np.testing.assert_allclose(ref.coef_[0], w, rtol=1e-5, atol=1e-6)
    assert ref.intercept_[0] == pytest.approx(b, rel=1e-5, abs=1e-6)
    assert convert_lambda(0.0, 10, "sklearn.LogisticRegression")["C"] == np.inf


def test_torch_sgd_emulation_follows_the_documented_update():
    # Independent reference: PyTorch's documented SGD written out for two steps from zero.
    # The second step starts at w1 != 0, so the decay term wd * w is exercised (a first step
    # from zero cannot see it).
    X, y = _data(m=5, n=2)
    lr, wd = 0.1, 0.3
    w, b = np.zeros(2), 0.0
    for _ in range(2):
        r = X @ w + b - y
        g_w = 2 * X.T @ r / 5 + wd * w        # d/dw mean(r^2) + weight_decay * w
        g_b = 2 * r.mean()                     # the bias group has weight_decay = 0
        w, b = w - lr * g_w, b - lr * g_b
    w2, b2 = emulate_torch_sgd(X, y, wd, lr, n_iters=2)
    np.testing.assert_allclose(w2, w, rtol=1e-13)
    assert b2 == pytest.approx(b, rel=1e-13)
    w2_plain, b2_plain = emulate_torch_sgd(X, y, 0.0, lr, n_iters=2)
    w1, _ = emulate_torch_sgd(X, y, 0.0, lr, n_iters=1)
    np.testing.assert_allclose(w2_plain - w2, lr * wd * w1, rtol=1e-12)   # decay on w only
    assert b2_plain == pytest.approx(b2, rel=1e-13)


def test_keras_l2_emulation_follows_the_documented_update():
    X, y = _data(m=5, n=2)
    lr, l2 = 0.1, 0.3
    w, b = np.zeros(2), 0.0
    for _ in range(2):
        r = X @ w + b - y
        w, b = w - lr * (2 * X.T @ r / 5 + 2 * l2 * w), b - lr * 2 * r.mean()
    w2, b2 = emulate_keras_l2(X, y, l2, lr, n_iters=2)
    np.testing.assert_allclose(w2, w, rtol=1e-13)
    assert b2 == pytest.approx(b, rel=1e-13)


@pytest.mark.parametrize("lam", [2.0, 50.0])
def test_torch_and_keras_rows_reach_the_ridge_solution(lam):
    X, y = _data()
    m = X.shape[0]
    w, b = ridge_closed_form(X, y, lam)
    lr = 0.5 * max_stable_lr(X, lam) / 2  # their losses are 2 J, so half the course's bound
    w_t, b_t = emulate_torch_sgd(X, y, **convert_lambda(lam, m, "torch.SGD"), lr=lr,
                                 n_iters=3000)
    w_k, b_k = emulate_keras_l2(X, y, **convert_lambda(lam, m, "keras.L2"), lr=lr, n_iters=3000)
    for w_lib, b_lib in [(w_t, b_t), (w_k, b_k)]:
        np.testing.assert_allclose(w_lib, w, atol=1e-10)
        assert b_lib == pytest.approx(b, abs=1e-10)
    # the tempting weight_decay = lam/m (forgetting MSELoss has no 1/2) lands elsewhere
    w_wrong, _ = emulate_torch_sgd(X, y, weight_decay=lam / m, lr=lr, n_iters=3000)
    assert np.abs(w_wrong - w).max() > 1e-3


def test_table_lists_every_row():
    rows = converter_table(10.0, 200, rho=0.5)
    assert [r[0] for r in rows] == list(CONVERSIONS)
    values = {r[0]: r[3] for r in rows}
    assert values["torch.SGD"] == {"weight_decay": pytest.approx(0.1)}
    assert values["keras.L2"] == {"l2": pytest.approx(0.05)}
    assert values["sklearn.LogisticRegression"] == {"C": pytest.approx(0.1)}


def test_adamw_has_no_equivalent():
    for target in ("torch.AdamW", "keras.AdamW"):
        with pytest.raises(ValueError, match="no equivalent lam.*decoupled.*Proposition 2"):
            convert_lambda(1.0, 100, target)


def test_bad_input():
    with pytest.raises(ValueError, match="to == 'sklearn.Ridg'"):
        convert_lambda(1.0, 10, "sklearn.Ridg")
    with pytest.raises(ValueError, match="lam == -1.0"):
        convert_lambda(-1.0, 10, "sklearn.Ridge")
    with pytest.raises(ValueError, match="m == 0"):
        convert_lambda(1.0, 0, "sklearn.Ridge")
    with pytest.raises(ValueError, match="rho == 2.0"):
        convert_lambda(1.0, 10, "sklearn.ElasticNet", rho=2.0)
    X, y = _data(m=20)
    with pytest.raises(DivergenceError, match="emulation diverged: lr=10"):
        emulate_torch_sgd(X, y, 0.0, lr=10.0, n_iters=2000)
    with pytest.raises(ValueError, match="weight_decay == -0.1"):
        emulate_torch_sgd(X, y, -0.1, lr=0.1)
