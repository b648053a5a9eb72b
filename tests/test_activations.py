import numpy as np
import pytest

from helpers import activation, init_std, init_weights, numerical_gradient, rel_error


@pytest.mark.parametrize("name", ["identity", "sigmoid", "tanh", "relu"])
def test_derivative_matches_numerical(name):
    f, f_prime = activation(name)
    z = np.array([-3.0, -0.7, 0.4, 2.5])  # away from the ReLU kink
    num = np.array([numerical_gradient(lambda v: float(f(np.array([v]))[0]), zi) for zi in z])
    assert rel_error(f_prime(z), num) < 1e-8


def test_sigmoid_does_not_overflow():
    f, _ = activation("sigmoid")
    with np.errstate(over="raise"):
        np.testing.assert_allclose(f(np.array([-1000.0, 0.0, 1000.0])), [0.0, 0.5, 1.0])


def test_init_scales():
    assert init_std("he", 256, 256) == pytest.approx(np.sqrt(2 / 256))
    assert init_std("xavier", 100, 300) == pytest.approx(np.sqrt(2 / 400))
    assert init_std("lecun", 64, 8, gain=1.5) == pytest.approx(1.5 / 8)
    W = init_weights(400, 300, rng=0, scheme="he")
    assert W.shape == (400, 300)
    assert W.std() == pytest.approx(np.sqrt(2 / 400), rel=0.01)


def test_bad_input():
    with pytest.raises(ValueError, match="activation == 'softsign', must be one of"):
        activation("softsign")
    with pytest.raises(ValueError, match="scheme == 'kaiming'"):
        init_std("kaiming", 2, 2)
    with pytest.raises(ValueError, match="gain == 0.0, must be > 0"):
        init_std("he", 2, 2, gain=0.0)
    with pytest.raises(ValueError, match="n_in == 0"):
        init_weights(0, 2, rng=0)


def test_relu_derivative_at_zero_is_zero_as_in_pytorch():
    _, relu_prime = activation("relu")
    np.testing.assert_array_equal(relu_prime(np.array([-1.0, 0.0, 2.0])), [0.0, 0.0, 1.0])


def test_one_input_and_one_output_are_valid_fans():
    assert init_std("he", 1, 1) == pytest.approx(np.sqrt(2.0))
    assert init_std("xavier", 1, 1) == pytest.approx(1.0)
    assert init_std("lecun", 1, 5) == pytest.approx(1.0)
