import numpy as np
import pytest

from helpers import numerical_gradient, rel_error


def test_numerical_gradient_of_a_smooth_function():
    x = np.array([[0.3, -1.2], [2.0, 0.5]])
    f = lambda v: float(np.sum(np.sin(v) * v**2))  # noqa: E731
    exact = np.cos(x) * x**2 + 2 * x * np.sin(x)
    num = numerical_gradient(f, x)
    assert num.shape == x.shape
    assert rel_error(num, exact) < 1e-9


def test_centered_error_is_second_order():
    f, x0 = np.exp, 0.5
    errors = [abs(numerical_gradient(lambda v: float(f(v)), x0, h) - np.exp(x0))
              for h in (1e-2, 1e-3)]
    assert errors[0] / errors[1] == pytest.approx(100, rel=0.05)


def test_x_is_not_modified():
    x = np.array([1.0, 2.0, 3.0])
    numerical_gradient(lambda v: float(v @ v), x)
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])


def test_function_may_modify_its_argument_without_harm():
    def f(v):
        out = float(v @ v)
        v[:] = 99.0
        return out

    np.testing.assert_allclose(numerical_gradient(f, np.array([1.0, -2.0])), [2.0, -4.0], rtol=1e-8)


def test_rel_error():
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error(np.array([1.0, 0.0]), np.array([0.0, 1.0])) == pytest.approx(np.sqrt(2))
    assert rel_error(2.0, 2.0 * (1 + 1e-8)) == pytest.approx(1e-8, rel=1e-6)
    assert rel_error(np.array([3.0, 4.0]), np.array([3.0, 4.5])) == rel_error(
        np.array([3.0, 4.5]), np.array([3.0, 4.0]))


def test_bad_input():
    with pytest.raises(TypeError, match="f must be callable"):
        numerical_gradient(3.0, np.ones(2))
    with pytest.raises(ValueError, match="h == 0.0, must be > 0"):
        numerical_gradient(np.sum, np.ones(2), h=0.0)
    with pytest.raises(ValueError, match=r"a has shape \(2,\) but b has shape \(3,\)"):
        rel_error(np.ones(2), np.ones(3))
    with pytest.raises(TypeError, match=r"f must return a single number .*shape \(3,\)"):
        numerical_gradient(lambda v: v, np.ones(3))
    with pytest.raises(TypeError, match="f must return a single number.*NoneType"):
        numerical_gradient(lambda v: None, np.ones(3))
    with pytest.raises(TypeError, match="f must return a single number.*str"):
        numerical_gradient(lambda v: "x", np.ones(3))
    with pytest.raises(TypeError, match="x must be array-like"):
        numerical_gradient(np.sum, "abc")


def test_rel_error_floor_keeps_two_near_zero_gradients_from_looking_wrong():
    # without a floor, 1e-20 against -1e-20 would be 2.0 (CS231n's max(1e-8, |a| + |b|))
    assert rel_error(np.array([1e-20]), np.array([-1e-20])) == pytest.approx(2e-12)
    assert rel_error(0.0, 0.0) == 0.0
    # above the floor it is the plain relative error, symmetric in a and b
    a, b = np.array([1.0, 2.0]), np.array([1.0, 2.001])
    assert rel_error(a, b) == pytest.approx(0.001 / np.linalg.norm(b))
    assert rel_error(a, b) == rel_error(b, a)
    assert rel_error(np.array([3e-9]), np.array([0.0])) == pytest.approx(3e-9 / 1e-8)
    assert rel_error(np.array([1e-20]), np.array([-1e-20]), floor=1e-30) == pytest.approx(2.0)
    with pytest.raises(ValueError, match="floor == 0.0, must be > 0"):
        rel_error(a, b, floor=0.0)


def test_the_gradient_at_a_scalar_point_is_a_python_float():
    g = numerical_gradient(lambda v: float(v) ** 3, np.float64(2.0))
    assert type(g) is float and g == pytest.approx(12.0, rel=1e-8)
