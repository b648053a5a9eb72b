"""Activation functions with their derivatives, and weight-initialization scales.

Shared by the deep-network code (gradient norms in notebook 01, the MLP of notebook 06).
"""

import numpy as np

from .._validation import as_array, as_int, as_positive, as_rng
from ..linear.logistic import _sigmoid

__all__ = ["ACTIVATIONS", "activation", "INIT_SCHEMES", "init_std", "init_weights"]


def _sigmoid_grad(z):
    s = _sigmoid(z)
    return s * (1.0 - s)


ACTIVATIONS = {
    "identity": (lambda z: z, np.ones_like),
    "sigmoid": (_sigmoid, _sigmoid_grad),
    "tanh": (np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float)),
}


def activation(name):
    """The activation f and its derivative f' for a name in ACTIVATIONS.

    Parameters
    ----------
    name : {'identity', 'sigmoid', 'tanh', 'relu'}

    Returns
    -------
    f, f_prime : callables
        Both take an ndarray z of any shape and return an array of the same shape.
    """
    if name not in ACTIVATIONS:
        raise ValueError(f"activation == {name!r}, must be one of {sorted(ACTIVATIONS)}")
    f, f_prime = ACTIVATIONS[name]
    return (lambda z: f(as_array(z, "z"))), (lambda z: f_prime(as_array(z, "z")))


# Standard deviation of N(0, std^2) weights for a layer with fan_in inputs and fan_out outputs.
INIT_SCHEMES = {
    "lecun": lambda n_in, n_out: np.sqrt(1.0 / n_in),
    "xavier": lambda n_in, n_out: np.sqrt(2.0 / (n_in + n_out)),  # Glorot & Bengio 2010
    "he": lambda n_in, n_out: np.sqrt(2.0 / n_in),  # He et al. 2015, for ReLU
}


def init_std(scheme, n_in, n_out, gain=1.0):
    """Weight standard deviation of an initialization scheme, times `gain`.

    Parameters
    ----------
    scheme : {'lecun', 'xavier', 'he'}
    n_in, n_out : int >= 1
        Fan-in and fan-out of the layer.
    gain : float > 0
        Multiplier (e.g. 0.1 for "too small", 1.5 for "too large").

    Returns
    -------
    float
    """
    if scheme not in INIT_SCHEMES:
        raise ValueError(f"scheme == {scheme!r}, must be one of {sorted(INIT_SCHEMES)}")
    n_in, n_out = as_int(n_in, "n_in", minimum=1), as_int(n_out, "n_out", minimum=1)
    return float(as_positive(gain, "gain") * INIT_SCHEMES[scheme](n_in, n_out))


def init_weights(n_in, n_out, rng, scheme="he", gain=1.0):
    """Gaussian weights with std `init_std(scheme, n_in, n_out, gain)`.

    Parameters
    ----------
    n_in, n_out : int >= 1
        Fan-in and fan-out of the layer.
    rng : numpy Generator or int seed
    scheme : {'lecun', 'xavier', 'he'}
    gain : float > 0

    Returns
    -------
    ndarray of shape (n_in, n_out)
    """
    std = init_std(scheme, n_in, n_out, gain)
    return std * as_rng(rng).standard_normal((n_in, n_out))
