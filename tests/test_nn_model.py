import numpy as np
import pytest

from helpers import numerical_gradient, rel_error, ridge_grad, ridge_loss
from helpers.nn import MLP


def _data(m, n, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    return X, np.sin(X.sum(axis=1)) + 0.1 * rng.normal(size=m)


def _loss_with(net, name, value, X, y, lam, m):
    params = net.copy_params()
    params[name] = value
    probe = MLP(net.sizes, rng=0, activation=net.activation)
    probe.set_params(params)
    return probe.loss(X, y, lam=lam, m=m)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
@pytest.mark.parametrize("m,n", [(12, 3), (3, 5)], ids=["m>n", "m<n"])
def test_backprop_matches_numerical_gradient_for_every_parameter(activation, m, n):
    X, y = _data(m, n, seed=m)
    net = MLP((n, 6, 4, 1), rng=1, activation=activation, dropout=0.5)  # dropout off: eval
    for layer in net.layers:  # non-zero biases so that their gradients are exercised too
        if "b" in layer.params:
            layer.params["b"] = np.random.default_rng(2).normal(size=layer.params["b"].shape)
    lam, m_train = 0.7, 20
    _, grads = net.loss_and_grads(X, y, lam=lam, m=m_train)
    assert set(grads) == {f"dense{k}.{p}" for k in (1, 2, 3) for p in "Wb"}
    for name, value in net.copy_params().items():
        num = numerical_gradient(lambda v, nm=name: _loss_with(net, nm, v, X, y, lam, m_train),
                                 value)
        assert rel_error(grads[name], num) < 1e-6, name


def test_l2_adds_lam_over_m_times_W_to_weights_and_nothing_to_biases():
    X, y = _data(10, 3)
    net = MLP((3, 5, 1), rng=4)
    lam, m = 2.5, 40
    loss0, g0 = net.loss_and_grads(X, y, lam=0.0, m=m)
    g0 = {k: v.copy() for k, v in g0.items()}
    loss1, g1 = net.loss_and_grads(X, y, lam=lam, m=m)
    for name, W in net.params.items():
        extra = (lam / m) * W if name in net.weight_names else np.zeros_like(W)
        np.testing.assert_allclose(g1[name] - g0[name], extra, atol=1e-14)
    sq = sum(np.sum(net.params[n] ** 2) for n in net.weight_names)
    assert loss1 - loss0 == pytest.approx(lam / (2 * m) * sq, rel=1e-12)
    assert net.weight_names == ("dense1.W", "dense2.W")


def test_a_network_without_hidden_layers_is_ridge_regression(problem):
    X, y = problem
    net = MLP((X.shape[1], 1), rng=0)
    w, b = net.params["dense1.W"][:, 0], net.params["dense1.b"][0]
    loss, grads = net.loss_and_grads(X, y, lam=3.0)
    assert loss == pytest.approx(ridge_loss(w, b, X, y, 3.0), rel=1e-12)
    grad_w, grad_b = ridge_grad(w, b, X, y, 3.0)
    np.testing.assert_allclose(grads["dense1.W"][:, 0], grad_w, rtol=1e-12)
    assert grads["dense1.b"][0] == pytest.approx(grad_b, rel=1e-12)


def test_expected_dropout_output_equals_the_no_dropout_output():
    # With one hidden layer the output is linear in the dropped activations, so the mean over
    # masks is exactly the evaluation output (up to Monte Carlo error).
    X, _ = _data(4, 2)
    net = MLP((2, 8, 1), rng=5, dropout=0.4)
    rng = np.random.default_rng(6)
    draws = np.array([net.forward(X, training=True, rng=rng) for _ in range(20000)])
    se = draws.std(axis=0) / np.sqrt(len(draws))
    assert np.all(np.abs(draws.mean(axis=0) - net.predict(X)) < 4 * se)
    assert np.all(draws.std(axis=0) > 0)  # masks were really drawn


def test_same_seed_same_network_and_params_round_trip():
    a, b = MLP((2, 4, 1), rng=3), MLP((2, 4, 1), rng=3)
    for name, value in a.params.items():
        np.testing.assert_array_equal(value, b.params[name])
    snapshot = a.copy_params()
    a.params["dense1.W"][:] = 0.0
    assert np.all(snapshot["dense1.W"] != 0)
    a.set_params(snapshot)
    np.testing.assert_array_equal(a.params["dense1.W"], snapshot["dense1.W"])
    assert set(a.weight_norms()) == {"dense1.W", "dense2.W"}


def test_bad_input():
    net = MLP((3, 4, 1), rng=0)
    with pytest.raises(ValueError, match="X has 2 columns but the network expects 3 inputs"):
        net.predict(np.ones((5, 2)))
    with pytest.raises(ValueError, match=r"X has shape \(3,\) but must be 2-D"):
        net.predict(np.ones(3))
    with pytest.raises(ValueError, match="y has length 4 but must have length 5"):
        net.loss(np.ones((5, 3)), np.ones(4))
    with pytest.raises(ValueError, match=r"lam == -1.0, must be >= 0"):
        net.loss(np.ones((5, 3)), np.ones(5), lam=-1.0)
    with pytest.raises(ValueError, match=r"sizes\[-1\] == 2, must be 1"):
        MLP((3, 4, 2), rng=0)
    with pytest.raises(ValueError, match=r"sizes\[1\] == 0, must be >= 1"):
        MLP((3, 0, 1), rng=0)
    with pytest.raises(ValueError, match="needs at least"):
        MLP((3,), rng=0)
    with pytest.raises(ValueError, match=r"dropout == 1.5, must be < 1"):
        MLP((3, 4, 1), rng=0, dropout=1.5)
    with pytest.raises(ValueError, match=r"dropout == -0.2, must be >= 0"):
        MLP((3, 4, 1), rng=0, dropout=-0.2)
    with pytest.raises(ValueError, match="activation == 'swish'"):
        MLP((3, 4, 1), rng=0, activation="swish")
    with pytest.raises(ValueError, match=r"params\['dense1.W'\] has shape \(2, 2\)"):
        net.set_params({**net.copy_params(), "dense1.W": np.ones((2, 2))})
    with pytest.raises(ValueError, match="params has names"):
        net.set_params({"dense1.W": np.ones((3, 4))})
    with pytest.raises(TypeError, match="rng must be a numpy Generator"):
        MLP((3, 4, 1), rng=None)


@pytest.mark.parametrize("sizes", [(3, 1), (3, 4, 1)])
def test_invalid_options_are_refused_in_the_models_own_terms(sizes):
    # without hidden layers no Activation or Dropout layer is built: the options are still checked
    with pytest.raises(ValueError, match="activation == 'swish', must be one of"):
        MLP(sizes, rng=0, activation="swish")
    with pytest.raises(ValueError, match="scheme == 'glorot', must be one of"):
        MLP(sizes, rng=0, scheme="glorot")
    with pytest.raises(ValueError, match=r"dropout == 1.0, must be < 1"):
        MLP(sizes, rng=0, dropout=1.0)
    with pytest.raises(TypeError, match="dropout must be a real number"):
        MLP(sizes, rng=0, dropout="0.5")
    with pytest.raises(TypeError, match=r"sizes\[0\] must be an integer"):
        MLP((3.0, 1), rng=0)
    with pytest.raises(TypeError, match="sizes must be a sequence"):
        MLP(3, rng=0)


def test_relu_defaults_to_he_and_an_explicit_scheme_wins():
    X = np.ones((2, 50))
    he = MLP((50, 200, 1), rng=0, activation="relu")
    lecun = MLP((50, 200, 1), rng=0, activation="relu", scheme="lecun")
    ratio = np.std(he.params["dense1.W"]) / np.std(lecun.params["dense1.W"])
    assert ratio == pytest.approx(np.sqrt(2.0), rel=1e-12)
    assert he.predict(X).shape == (2,)


def test_penalty_is_lam_over_2m_times_the_squared_weights():
    net = MLP((3, 4, 1), rng=0)
    total = sum(float(np.sum(net.params[n] ** 2)) for n in net.weight_names)
    assert net.penalty(2.0, 8) == pytest.approx(2.0 / 16 * total, rel=1e-14)
    assert net.penalty(3.0, 1) == pytest.approx(1.5 * total, rel=1e-14)
    assert net.penalty(0.0, 5) == 0.0
    with pytest.raises(ValueError, match="m == 0, must be >= 1"):
        net.penalty(1.0, 0)
    with pytest.raises(ValueError, match="m == 0, must be >= 1"):
        net.loss(np.ones((2, 3)), np.ones(2), lam=1.0, m=0)
    X, y = np.ones((2, 3)), np.zeros(2)
    assert net.loss(X, y, lam=1.0, m=1) == pytest.approx(net.loss(X, y) + net.penalty(1.0, 1))


def test_an_int_seed_is_one_generator_for_the_whole_network():
    # the seed makes one Generator shared by every layer (not a fresh one per layer), so the
    # weights equal those drawn from default_rng(seed), and two dropout layers get two masks
    a = MLP((3, 4, 4, 1), rng=0, dropout=0.5)
    b = MLP((3, 4, 4, 1), rng=np.random.default_rng(0), dropout=0.5)
    for name in a.params:
        np.testing.assert_array_equal(a.params[name], b.params[name])
    X, y = _data(6, 3)
    la, ga = a.loss_and_grads(X, y, training=True, rng=7)
    lb, gb = b.loss_and_grads(X, y, training=True, rng=np.random.default_rng(7))
    assert la == lb
    np.testing.assert_array_equal(ga["dense1.W"], gb["dense1.W"])


def test_forward_is_the_composition_of_the_layers():
    net = MLP((2, 3, 1), rng=1, activation="tanh")
    X, _ = _data(5, 2)
    p = net.params
    hand = np.tanh(X @ p["dense1.W"] + p["dense1.b"]) @ p["dense2.W"] + p["dense2.b"]
    np.testing.assert_allclose(net.predict(X), hand[:, 0], rtol=1e-14)


def test_lists_are_accepted_wherever_arrays_are():
    net = MLP((2, 3, 1), rng=2)
    X, y = _data(5, 2)
    np.testing.assert_array_equal(net.predict(X.tolist()), net.predict(X))
    np.testing.assert_array_equal(net.forward(X.tolist()), net.predict(X))
    assert net.loss(X.tolist(), y.tolist(), lam=0.5) == net.loss(X, y, lam=0.5)
    net.set_params({k: v.tolist() for k, v in net.copy_params().items()})
    assert net.params["dense1.W"].dtype == float


def test_the_penalty_at_lam_1_and_the_default_lam_0():
    net = MLP((2, 3, 1), rng=3)
    X, y = _data(5, 2)
    sq = sum(float(np.sum(net.params[n] ** 2)) for n in net.weight_names)
    assert net.penalty(1.0, 5) == pytest.approx(sq / 10, rel=1e-14)
    loss, grads = net.loss_and_grads(X, y)
    loss0, grads0 = net.loss_and_grads(X, y, lam=0.0)
    assert loss == loss0
    np.testing.assert_array_equal(grads["dense1.W"], grads0["dense1.W"])
