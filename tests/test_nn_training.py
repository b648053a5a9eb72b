import numpy as np
import pytest

from helpers import DivergenceError, ridge_closed_form
from helpers.nn import MLP, SGD, Adam, AdamW, train_mlp


def _data(m=24, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(m, 1))
    return X, np.sin(3 * X[:, 0]) + 0.2 * rng.normal(size=m)


def test_full_batch_sgd_on_a_linear_network_reaches_the_ridge_solution(problem):
    X, y = problem
    X = (X - X.mean(axis=0)) / X.std(axis=0)  # well conditioned: GD converges in a few epochs
    net = MLP((X.shape[1], 1), rng=0)
    train_mlp(net, X, y, SGD(lr=0.1), rng=0, lam=2.0, n_epochs=3000)
    w, b = ridge_closed_form(X, y, 2.0)
    np.testing.assert_allclose(net.params["dense1.W"][:, 0], w, rtol=1e-6, atol=1e-8)
    assert net.params["dense1.b"][0] == pytest.approx(b, rel=1e-6)


def test_history_shapes_and_contents():
    X, y = _data()
    Xv, yv = _data(30, seed=1)
    net = MLP((1, 8, 8, 1), rng=1)
    h = train_mlp(net, X, y, Adam(lr=0.01), rng=2, lam=0.1, n_epochs=15, batch_size=5,
                  X_val=Xv, y_val=yv)
    assert h.n_epochs == 15 and h.val_mse.shape == (15,)
    assert h.weight_norms.shape == h.grad_norms.shape == (15, 3)
    assert h.layer_names == ("dense1.W", "dense2.W", "dense3.W")
    np.testing.assert_allclose(h.weight_norms[-1], list(net.weight_norms().values()))
    assert h.train_mse[-1] == pytest.approx(np.mean((net.predict(X) - y) ** 2))
    assert h.val_mse[-1] == pytest.approx(np.mean((net.predict(Xv) - yv) ** 2))
    assert np.all(h.grad_norms > 0) and h.best_epoch == 1 + int(np.argmin(h.val_mse))
    assert not h.stopped_early


def test_grad_norms_are_the_mean_over_batches():
    X, y = _data(10)
    net, probe = MLP((1, 4, 1), rng=3), MLP((1, 4, 1), rng=3)
    h = train_mlp(net, X, y, SGD(lr=0.05), rng=np.random.default_rng(4), lam=0.5, n_epochs=1,
                  batch_size=4)
    order, opt, norms = np.random.default_rng(4).permutation(10), SGD(lr=0.05), []
    for idx in (order[:4], order[4:8], order[8:]):
        _, g = probe.loss_and_grads(X[idx], y[idx], lam=0.5, m=10)
        norms.append([np.linalg.norm(g[n]) for n in probe.weight_names])
        opt.step(probe.params, g)
    np.testing.assert_allclose(h.grad_norms[0], np.mean(norms, axis=0), rtol=1e-12)
    np.testing.assert_allclose(net.params["dense1.W"], probe.params["dense1.W"], rtol=1e-12)


def test_early_stopping_restores_the_best_validation_weights():
    X, y = _data(16)
    Xv, yv = _data(40, seed=5)
    kwargs = dict(lam=0.0, batch_size=None, X_val=Xv, y_val=yv)
    net = MLP((1, 32, 32, 1), rng=6)
    h = train_mlp(net, X, y, Adam(lr=0.03), rng=7, n_epochs=600, patience=40, **kwargs)
    assert h.stopped_early and h.n_epochs == h.best_epoch + 40
    assert np.mean((net.predict(Xv) - yv) ** 2) == pytest.approx(h.val_mse.min(), rel=1e-12)
    # Independent reference: the same run stopped by hand after best_epoch epochs.
    ref = MLP((1, 32, 32, 1), rng=6)
    train_mlp(ref, X, y, Adam(lr=0.03), rng=7, n_epochs=h.best_epoch, **kwargs)
    for name, value in ref.params.items():
        np.testing.assert_array_equal(net.params[name], value)


def test_same_seed_same_run_with_dropout_and_mini_batches():
    X, y = _data()
    runs = []
    for _ in range(2):
        net = MLP((1, 8, 1), rng=8, dropout=0.3)
        h = train_mlp(net, X, y, AdamW(lr=0.01), rng=9, n_epochs=5, batch_size=7)
        runs.append((net.copy_params(), h.train_mse))
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
    for name, value in runs[0][0].items():
        np.testing.assert_array_equal(runs[1][0][name], value)
    other = MLP((1, 8, 1), rng=8, dropout=0.3)
    h_other = train_mlp(other, X, y, AdamW(lr=0.01), rng=10, n_epochs=5, batch_size=7)
    assert not np.array_equal(h_other.train_mse, runs[0][1])


def test_divergence_is_an_error_that_names_lr():
    X, y = _data()
    with pytest.raises(DivergenceError, match="lower the learning rate lr=1e\\+03"):
        train_mlp(MLP((1, 8, 1), rng=0, activation="relu"), 5 * X, 50 * y, SGD(lr=1e3),
                  rng=0, n_epochs=50)


def test_a_finite_but_exploding_loss_is_also_divergence():
    # tanh saturates, so the MSE stays finite (no NaN) while it explodes: caught by the ratio.
    X, y = _data()
    with pytest.raises(DivergenceError, match=r"more than 1e\+04 times its starting value.*"
                                              r"lower the learning rate lr=100"):
        train_mlp(MLP((1, 8, 1), rng=1), X, 1e3 * y, SGD(lr=100.0), rng=0, n_epochs=20)
    # A sound run whose MSE rises a little at first is not flagged.
    h = train_mlp(MLP((1, 8, 1), rng=1), X, y, Adam(lr=0.05), rng=0, n_epochs=50)
    assert h.train_mse[-1] < h.train_mse[0]


def test_bad_input():
    X, y = _data()
    net = MLP((1, 4, 1), rng=0)
    with pytest.raises(TypeError, match="optimizer must be an SGD, Adam or AdamW"):
        train_mlp(net, X, y, "adam", rng=0)
    with pytest.raises(TypeError, match="model must be an MLP"):
        train_mlp("net", X, y, SGD(0.1), rng=0)
    with pytest.raises(ValueError, match="patience needs a validation set"):
        train_mlp(net, X, y, SGD(0.1), rng=0, patience=3)
    with pytest.raises(ValueError, match="give both X_val and y_val"):
        train_mlp(net, X, y, SGD(0.1), rng=0, X_val=X)
    with pytest.raises(ValueError, match="X_val has 2 columns"):
        train_mlp(net, X, y, SGD(0.1), rng=0, X_val=np.ones((3, 2)), y_val=np.ones(3))
    with pytest.raises(ValueError, match="batch_size == 0, must be >= 1"):
        train_mlp(net, X, y, SGD(0.1), rng=0, batch_size=0)
    with pytest.raises(ValueError, match="n_epochs == 0, must be >= 1"):
        train_mlp(net, X, y, SGD(0.1), rng=0, n_epochs=0)
    with pytest.raises(ValueError, match=r"lam == -0.5, must be >= 0"):
        train_mlp(net, X, y, SGD(0.1), rng=0, lam=-0.5)
    with pytest.raises(ValueError, match="y has length 3 but must have length 24"):
        train_mlp(net, X, y[:3], SGD(0.1), rng=0)


def test_validation_set_is_checked_in_train_mlps_own_terms():
    X, y = _data()
    net = MLP((X.shape[1], 4, 1), rng=0)
    with pytest.raises(ValueError, match=r"X_val has 2 columns but the network expects"):
        train_mlp(net, X, y, SGD(0.1), rng=0, n_epochs=2, X_val=np.ones((3, 2)),
                  y_val=np.ones(3))


def test_patience_of_one_epoch_is_allowed():
    X, y = _data()
    net = MLP((X.shape[1], 4, 1), rng=0)
    h = train_mlp(net, X, y, SGD(0.05), rng=0, n_epochs=5, X_val=X[:6], y_val=y[:6],
                  patience=1)
    assert 1 <= h.n_epochs <= 5


def test_validation_targets_are_checked_against_the_validation_rows():
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(12, 2)), rng.normal(size=12)
    net = MLP((2, 1), rng=0)
    with pytest.raises(ValueError, match="y_val"):
        train_mlp(net, X, y, SGD(lr=0.1), rng=0, n_epochs=2, X_val=X[:5], y_val=y[:4])
