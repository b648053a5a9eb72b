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


def _zero_net(sizes=(1, 4, 1)):
    """A network with every parameter 0: it outputs 0 and, on y = 0, gets zero gradients."""
    net = MLP(sizes, rng=0)
    net.set_params({name: np.zeros_like(p) for name, p in net.params.items()})
    return net


def test_defaults_are_no_penalty_and_100_epochs():
    X, y = _data()
    h = train_mlp(MLP((1, 4, 1), rng=0), X, y, SGD(0.05), rng=0)
    ref = train_mlp(MLP((1, 4, 1), rng=0), X, y, SGD(0.05), rng=0, lam=0.0, n_epochs=100)
    assert h.n_epochs == 100
    np.testing.assert_array_equal(h.train_mse, ref.train_mse)
    assert h.best_epoch is None and h.val_mse is None  # no validation set: no best epoch


def test_patience_must_be_at_least_one():
    X, y = _data()
    with pytest.raises(ValueError, match="patience == 0, must be >= 1"):
        train_mlp(MLP((1, 4, 1), rng=0), X, y, SGD(0.1), rng=0, X_val=X, y_val=y, patience=0)


@pytest.mark.parametrize("n_epochs, stopped_early", [(10, True), (4, False)])
def test_a_tie_is_not_a_new_best_and_stopping_at_the_last_epoch_is_not_early(n_epochs,
                                                                          stopped_early):
    # Nothing moves (zero network, y = 0), so every epoch ties with epoch 1: epoch 1 stays the
    # best and patience 3 runs out at epoch 4. With n_epochs = 4 that is the last epoch anyway:
    # no epoch was skipped, so the run did not stop early.
    X, _ = _data()
    h = train_mlp(_zero_net(), X, np.zeros(len(X)), Adam(lr=0.1), rng=0, n_epochs=n_epochs,
                  X_val=X, y_val=np.ones(len(X)), patience=3)
    np.testing.assert_array_equal(h.val_mse, [1.0] * 4)
    assert h.best_epoch == 1 and h.n_epochs == 4 and h.stopped_early is stopped_early


def test_no_finite_validation_mse_means_nothing_to_restore():
    # validation inputs so large that the (linear) network's validation MSE overflows to inf
    # at every epoch: no epoch is ever best, patience runs out, and the weights are kept
    X, y = _data()
    net = MLP((1, 1), rng=0)
    h = train_mlp(net, X, y, SGD(0.1), rng=0, n_epochs=10, X_val=np.full((3, 1), 1e200),
                  y_val=np.zeros(3), patience=2)
    assert np.all(np.isinf(h.val_mse)) and h.best_epoch is None
    assert h.stopped_early and h.n_epochs == 2


def test_a_non_finite_mse_is_reported_as_such():
    X, y = _data()
    with pytest.raises(DivergenceError, match=r"at epoch 1 \(training MSE is (inf|nan)\)"):
        train_mlp(MLP((1, 1), rng=0), X, y, SGD(lr=1e300), rng=0, n_epochs=3)


def test_divergence_is_measured_against_the_scale_of_the_targets():
    # The threshold is 1e4 times the starting MSE, however small or large the targets are.
    # Tiny targets and a zero start (MSE about 1e-6): lr = 1.25 * 2/L grows the error by 1.5
    # per step, so the MSE passes 1e4 times its start after about a dozen epochs, far below 1.
    from helpers import max_stable_lr

    X, y = _data()
    lr = 1.25 * max_stable_lr(X, 0.0)
    with pytest.raises(DivergenceError, match=r"at epoch 1\d: training MSE"):
        train_mlp(_zero_net((1, 1)), X, 1e-3 * y, SGD(lr=lr), rng=0, n_epochs=25)
    # Large targets (MSE about 1e4 at the start): a sound run is not flagged.
    h = train_mlp(MLP((1, 8, 1), rng=1), X, 100 * y, Adam(lr=0.05), rng=0, n_epochs=30)
    assert h.train_mse[-1] < h.train_mse[0]


def test_full_batch_without_dropout_does_not_depend_on_the_seed():
    # one batch in data order: nothing is shuffled, so any seed gives the same bits
    X, y = _data()
    a, b = MLP((1, 6, 1), rng=2), MLP((1, 6, 1), rng=2)
    ha = train_mlp(a, X, y, Adam(lr=0.02), rng=0, lam=0.1, n_epochs=30)
    hb = train_mlp(b, X, y, Adam(lr=0.02), rng=123, lam=0.1, n_epochs=30)
    np.testing.assert_array_equal(ha.train_mse, hb.train_mse)
    np.testing.assert_array_equal(a.params["dense1.W"], b.params["dense1.W"])
