import numpy as np
import pytest

from helpers import numerical_gradient, rel_error
from helpers.nn import Activation, Dense, Dropout


def _upstream(shape, seed=0):
    return np.random.default_rng(seed).normal(size=shape)


@pytest.mark.parametrize("m", [7, 2])  # batch larger and smaller than the layer width
def test_dense_backward_matches_numerical_gradient(m):
    rng = np.random.default_rng(1)
    layer = Dense(4, 3, rng=rng)
    layer.params["b"] = rng.normal(size=3)
    H, G = rng.normal(size=(m, 4)), _upstream((m, 3))

    def scalar(W=None, b=None, X=None):  # L = sum(G * out): dL/d(out) = G
        W = layer.params["W"] if W is None else W
        b = layer.params["b"] if b is None else b
        X = H if X is None else X
        return float(np.sum(G * (X @ W + b)))

    layer.forward(H)
    grad_in = layer.backward(G)
    num_W = numerical_gradient(lambda W: scalar(W=W), layer.params["W"])
    num_b = numerical_gradient(lambda b: scalar(b=b), layer.params["b"])
    assert rel_error(layer.grads["W"], num_W) < 1e-8
    assert rel_error(layer.grads["b"], num_b) < 1e-8
    assert rel_error(grad_in, numerical_gradient(lambda X: scalar(X=X), H)) < 1e-8


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "relu", "identity"])
def test_activation_backward_matches_numerical_gradient(name):
    Z = np.array([[-2.0, -0.3, 0.4], [1.5, 0.7, -1.1]])  # away from the ReLU kink
    G = _upstream(Z.shape)
    layer = Activation(name)
    layer.forward(Z)
    num = numerical_gradient(lambda V: float(np.sum(G * Activation(name).forward(V))), Z)
    assert rel_error(layer.backward(G), num) < 1e-8


def test_dropout_is_identity_at_evaluation():
    H = _upstream((5, 4))
    layer = Dropout(0.5)
    np.testing.assert_array_equal(layer.forward(H, training=False), H)
    np.testing.assert_array_equal(layer.backward(H), H)


def test_dropout_keeps_the_expected_output():
    rate, H = 0.3, np.abs(_upstream((4, 3))) + 1.0
    layer = Dropout(rate)
    rng = np.random.default_rng(2)
    draws = np.array([layer.forward(H, training=True, rng=rng) for _ in range(20000)])
    # Each entry is H / p with probability p and 0 otherwise: mean H, sd H sqrt((1-p)/p).
    se = H * np.sqrt(rate / (1 - rate)) / np.sqrt(len(draws))
    assert np.all(np.abs(draws.mean(axis=0) - H) < 4 * se)
    kept = draws[-1] != 0
    np.testing.assert_allclose(draws[-1][kept], H[kept] / (1 - rate))


def test_dropout_backward_uses_the_same_mask():
    layer = Dropout(0.5)
    H = np.ones((6, 5))
    out = layer.forward(H, training=True, rng=3)
    np.testing.assert_array_equal(layer.backward(np.ones_like(H)), out)


def test_dropout_is_reproducible_with_a_seed():
    H = np.ones((3, 8))
    a = Dropout(0.4).forward(H, training=True, rng=7)
    b = Dropout(0.4).forward(H, training=True, rng=7)
    np.testing.assert_array_equal(a, b)


def test_bad_input():
    with pytest.raises(ValueError, match=r"rate == 1.0, must be < 1"):
        Dropout(1.0)
    with pytest.raises(ValueError, match=r"rate == -0.1, must be >= 0"):
        Dropout(-0.1)
    with pytest.raises(TypeError, match="rate must be a real number"):
        Dropout("half")
    with pytest.raises(ValueError, match="needs rng"):
        Dropout(0.5).forward(np.ones((2, 2)), training=True)
    with pytest.raises(ValueError, match=r"Dense input has shape \(2, 3\) but must be \(m, 4\)"):
        Dense(4, 2, rng=0).forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"Dense input has shape \(4,\)"):
        Dense(4, 2, rng=0).forward(np.ones(4))
    with pytest.raises(ValueError, match="n_out == 0"):
        Dense(4, 0, rng=0)
    with pytest.raises(ValueError, match="activation == 'gelu'"):
        Activation("gelu")


def test_one_unit_layers_are_valid_and_zero_units_are_not():
    layer = Dense(1, 1, rng=0)
    assert layer.forward(np.ones((4, 1))).shape == (4, 1)
    with pytest.raises(ValueError, match="n_out == 0, must be >= 1"):
        Dense(3, 0, rng=0)
    with pytest.raises(ValueError, match="n_in == 0, must be >= 1"):
        Dense(0, 3, rng=0)
    assert Activation("tanh").name == "tanh"


@pytest.mark.parametrize("n_in, n_out, bad", [(0, 3, "n_in"), (3, 0, "n_out")])
def test_dense_needs_at_least_one_input_and_output(n_in, n_out, bad):
    with pytest.raises(ValueError, match=bad):
        Dense(n_in, n_out, np.random.default_rng(0))


def test_dense_backward_checks_the_upstream_gradient():
    layer = Dense(4, 2, rng=0)
    layer.forward(np.ones((3, 4)))
    with pytest.raises(ValueError, match=r"Dense backward input has shape \(3, 3\) but must be "
                                         r"\(m, 2\)"):
        layer.backward(np.ones((3, 3)))


def test_dense_default_initialization_is_he_with_gain_one():
    from helpers.nn import init_weights

    np.testing.assert_array_equal(Dense(5, 3, rng=4).params["W"],
                                  init_weights(5, 3, np.random.default_rng(4), "he", 1.0))


def test_dropout_evaluation_after_training_forgets_the_mask():
    layer, H = Dropout(0.5), np.ones((6, 4))
    layer.forward(H, training=True, rng=0)
    assert layer.forward(H, training=False) is H
    g = _upstream((6, 4))
    np.testing.assert_array_equal(layer.backward(g), g)  # no stale mask from the training pass


def test_dropout_rate_zero_draws_nothing_and_needs_no_rng():
    H = _upstream((5, 3))
    assert Dropout(0.0).forward(H, training=True, rng=None) is H
    rng = np.random.default_rng(1)
    Dropout(0.0).forward(H, training=True, rng=rng)
    assert rng.random() == np.random.default_rng(1).random()  # the generator was not touched
