import numpy as np
import pytest

from helpers import (
    INIT_CHOICES,
    clip_by_norm,
    decay_factor,
    deep_backward,
    deep_forward,
    gradient_profile,
    init_deep_weights,
    layer_norm,
    layer_norm_backward,
    numerical_gradient,
    penalized_weight_grads,
    random_deep_problem,
    rel_error,
    shrink_weights,
)


def _readout_loss(Ws, X, G, activation):
    return float(np.sum(deep_forward(Ws, X, activation)[1][-1] * G))


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "identity"])
def test_backprop_matches_numerical_gradient(activation):
    rng = np.random.default_rng(1)
    Ws = [rng.normal(size=(3, 4)), rng.normal(size=(4, 4)), rng.normal(size=(4, 2))]
    X, G = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    zs, hs = deep_forward(Ws, X, activation)
    grads_W, grads_h = deep_backward(Ws, zs, hs, G, activation)
    for layer in range(3):
        def loss_of_layer(W, layer=layer):
            return _readout_loss(Ws[:layer] + [W] + Ws[layer + 1:], X, G, activation)
        assert rel_error(grads_W[layer], numerical_gradient(loss_of_layer, Ws[layer])) < 1e-7
    num_h0 = numerical_gradient(lambda x: _readout_loss(Ws, x, G, activation), X)
    assert rel_error(grads_h[0], num_h0) < 1e-7
    assert grads_h[-1] is not None and np.array_equal(grads_h[-1], G)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_residual_backprop_matches_numerical_gradient(activation):
    rng = np.random.default_rng(7)
    Ws = [rng.normal(size=(3, 3)) for _ in range(3)]
    X, G = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))

    def loss(Ws_, X_):
        return float(np.sum(deep_forward(Ws_, X_, activation, residual=True)[1][-1] * G))

    zs, hs = deep_forward(Ws, X, activation, residual=True)
    grads_W, grads_h = deep_backward(Ws, zs, hs, G, activation, residual=True)
    np.testing.assert_allclose(hs[1], deep_forward(Ws[:1], X, activation)[1][1] + X)
    num_W1 = numerical_gradient(lambda W: loss([Ws[0], W, Ws[2]], X), Ws[1])
    assert rel_error(grads_W[1], num_W1) < 1e-7
    assert rel_error(grads_h[0], numerical_gradient(lambda x: loss(Ws, x), X)) < 1e-7


def test_residual_connections_stop_vanishing():
    Ws, X, G = random_deep_problem(30, 32, rng=8, init="xavier")
    plain = gradient_profile(Ws, X, G, "sigmoid")
    skip = gradient_profile(Ws, X, G, "sigmoid", residual=True)
    assert plain.gain < 1e-10 and skip.gain > 0.5


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("residual", [False, True])
def test_normalized_backprop_matches_numerical_gradient(activation, residual):
    rng = np.random.default_rng(11)
    Ws = [rng.normal(size=(4, 4)) for _ in range(3)]
    X, G = rng.normal(size=(5, 4)), rng.normal(size=(5, 4))

    def loss(Ws_, X_):
        hs_ = deep_forward(Ws_, X_, activation, residual=residual, normalize=True)[1]
        return float(np.sum(hs_[-1] * G))

    zs, hs = deep_forward(Ws, X, activation, residual=residual, normalize=True)
    grads_W, grads_h = deep_backward(Ws, zs, hs, G, activation, residual=residual,
                                     normalize=True)
    for layer in range(3):
        def loss_of_layer(W, layer=layer):
            return loss(Ws[:layer] + [W] + Ws[layer + 1:], X)
        assert rel_error(grads_W[layer], numerical_gradient(loss_of_layer, Ws[layer])) < 1e-6
    assert rel_error(grads_h[0], numerical_gradient(lambda x: loss(Ws, x), X)) < 1e-6


def test_layer_norm_rows_have_mean_0_and_unit_variance():
    a = np.random.default_rng(12).normal(3.0, 5.0, size=(6, 50))
    u, scale = layer_norm(a)
    np.testing.assert_allclose(u.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(u.std(axis=1), 1.0, rtol=1e-6)
    assert scale.shape == (6, 1)


def test_normalization_makes_the_gain_independent_of_the_initial_scale():
    gains = [gradient_profile(*random_deep_problem(20, 32, rng=13, init=init), "relu",
                              normalize=True).gain for init in INIT_CHOICES]
    assert max(gains) == pytest.approx(min(gains), rel=1e-4)
    assert 0.1 < gains[0] < 10  # while without it the same nets span 'small' to 'too large'


def test_shapes_and_init_scales():
    Ws = init_deep_weights(3, 64, rng=0, init="he", n_in=10)
    assert [W.shape for W in Ws] == [(10, 64), (64, 64), (64, 64)]
    assert Ws[1].std() == pytest.approx(np.sqrt(2 / 64), rel=0.05)
    assert set(INIT_CHOICES) == {"small", "xavier", "he", "too large"}


def test_linear_net_gain_is_the_product_of_the_weights():
    # identity activation: dL/dh_0 = G (W_L ... W_1)^T exactly
    Ws, X, G = random_deep_problem(4, 6, rng=2, init="xavier", batch=3)
    profile = gradient_profile(Ws, X, G, "identity")
    product = Ws[0] @ Ws[1] @ Ws[2] @ Ws[3]
    assert profile.gain == pytest.approx(np.linalg.norm(G @ product.T), rel=1e-12)


def test_relu_init_regimes_vanish_stay_and_explode():
    gains = {init: gradient_profile(*random_deep_problem(30, 64, rng=3, init=init), "relu").gain
             for init in INIT_CHOICES}
    assert gains["small"] < gains["xavier"] < 1e-3
    assert 0.1 < gains["he"] < 10
    assert gains["too large"] > 1e3


def test_shrinking_relu_weights_multiplies_the_gain_by_c_to_the_depth():
    # ReLU is positively homogeneous, so W -> c W scales dL/dh_0 by exactly c^L
    Ws, X, G = random_deep_problem(20, 32, rng=4)
    base = gradient_profile(Ws, X, G, "relu")
    shrunk = gradient_profile(shrink_weights(Ws, 0.9), X, G, "relu")
    assert shrunk.gain == pytest.approx(base.gain * 0.9**20, rel=1e-10)


def test_decay_factor_is_repeated_weight_decay_steps():
    W = np.ones((2, 2))
    for _ in range(7):
        W = W - 0.1 * (3.0 / 10) * W  # the L2 part of a step: lr * (lam/m) * W
    assert decay_factor(0.1, 3.0, 10, 7) == pytest.approx(W[0, 0], rel=1e-14)
    assert decay_factor(0.1, 0.0, 10, 7) == 1.0


def test_penalty_changes_weight_gradients_but_not_backpropagated_signal():
    rng = np.random.default_rng(5)
    Ws = [rng.normal(size=(3, 3)) for _ in range(2)]
    X, G = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    grads_W, _ = deep_backward(Ws, *deep_forward(Ws, X, "tanh"), G, "tanh")
    pen = penalized_weight_grads(Ws, grads_W, lam=2.0, m=4)

    def penalized_loss(W):
        return _readout_loss([W, Ws[1]], X, G, "tanh") + 2.0 / (2 * 4) * (
            np.sum(W**2) + np.sum(Ws[1] ** 2))
    assert rel_error(pen[0], numerical_gradient(penalized_loss, Ws[0])) < 1e-7


def test_clip_by_norm_rescales_only_large_gradients():
    clipped, norm = clip_by_norm(np.array([3e4, -4e4]), 5.0)
    np.testing.assert_allclose(clipped, [3.0, -4.0])
    assert norm == pytest.approx(5e4)
    small = [np.array([1e-8]), np.array([[2e-8]])]
    out, _ = clip_by_norm(small, 1.0)
    assert all(np.array_equal(a, b) for a, b in zip(out, small))
    out, norm = clip_by_norm([np.array([6.0]), np.array([8.0])], 5.0)
    np.testing.assert_allclose([out[0][0], out[1][0]], [3.0, 4.0])
    assert norm == pytest.approx(10.0)


def test_bad_input():
    with pytest.raises(ValueError, match=r"scale of shape \(m, 1\)"):
        layer_norm_backward(np.ones((3, 4)), np.ones((3, 4)), np.ones((4, 1)))
    with pytest.raises(TypeError, match="grad_u must be array-like"):
        layer_norm_backward(None, np.ones((3, 4)), np.ones((3, 1)))
    with pytest.raises(ValueError, match="init == 'kaiming'"):
        init_deep_weights(2, 4, rng=0, init="kaiming")
    with pytest.raises(ValueError, match=r"Ws\[1\] has shape \(5, 4\) but must have 4 rows"):
        deep_forward([np.ones((3, 4)), np.ones((5, 4))], np.ones((2, 3)))
    with pytest.raises(ValueError, match="residual=True needs square weight matrices"):
        deep_forward([np.ones((3, 4))], np.ones((2, 3)), residual=True)
    with pytest.raises(TypeError, match="Ws must be a non-empty list"):
        deep_forward([], np.ones((2, 3)))
    with pytest.raises(ValueError, match="activation == 'swish'"):
        deep_forward([np.ones((3, 4))], np.ones((2, 3)), "swish")
    Ws = [np.ones((3, 4))]
    zs, hs = deep_forward(Ws, np.ones((2, 3)))
    with pytest.raises(ValueError, match="grad_out has shape"):
        deep_backward(Ws, zs, hs, np.ones((2, 3)))
    with pytest.raises(ValueError, match="factor == 0.0, must be > 0"):
        shrink_weights(Ws, 0.0)
    with pytest.raises(ValueError, match="must be in"):
        decay_factor(1.0, 20.0, 10, 3)
    with pytest.raises(ValueError, match="Ws has 1 matrices but grads_W has 2"):
        penalized_weight_grads(Ws, [np.ones((3, 4))] * 2, 1.0, 5)
    with pytest.raises(ValueError, match=r"grads_W\[0\] has shape \(4, 3\) but Ws\[0\] has"):
        penalized_weight_grads(Ws, [np.ones((4, 3))], 1.0, 5)
    with pytest.raises(ValueError, match="threshold == -1.0, must be > 0"):
        clip_by_norm(np.ones(2), -1.0)
