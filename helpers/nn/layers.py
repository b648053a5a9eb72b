"""Layers of a small multilayer perceptron, each a forward/backward pair.

A batch H of shape (m, n_in) flows forward; ``backward(grad_out)`` receives dL/d(output) of
shape (m, n_out) and returns dL/d(input) of shape (m, n_in). A layer with parameters keeps them
in ``params`` and, after ``backward``, their gradients in ``grads`` (same names and shapes).
``backward`` uses what the last ``forward`` cached, so call them in pairs.
"""

import numpy as np

from .._validation import as_float, as_rng
from .activations import ACTIVATIONS, activation, init_weights

__all__ = ["Dense", "Activation", "Dropout"]


def _check_batch(H, n_in, layer):
    """Cheap shape check (layers sit inside training loops: no copies here)."""
    if not isinstance(H, np.ndarray) or H.ndim != 2 or H.shape[1] != n_in:
        shape = H.shape if isinstance(H, np.ndarray) else type(H).__name__
        raise ValueError(f"{layer} input has shape {shape} but must be (m, {n_in})")


class Dense:
    """Affine layer: out = H W + b.

    Parameters
    ----------
    n_in, n_out : int >= 1
    rng : numpy Generator or int seed
        Draws W ~ N(0, init_std(scheme, n_in, n_out, gain)^2); b starts at 0.
    scheme : {'he', 'xavier', 'lecun'}
    gain : float > 0

    Attributes
    ----------
    params : dict with 'W' of shape (n_in, n_out) and 'b' of shape (n_out,)
    grads : dict of the same shapes, filled by `backward`
    """

    def __init__(self, n_in, n_out, rng, scheme="he", gain=1.0):
        W = init_weights(n_in, n_out, rng, scheme=scheme, gain=gain)  # checks all five
        self.n_in, self.n_out = W.shape
        self.params = {"W": W, "b": np.zeros(self.n_out)}
        self.grads = {"W": np.zeros_like(W), "b": np.zeros(self.n_out)}
        self._H = None

    def forward(self, H, training=False, rng=None):
        """H W + b.

        Parameters
        ----------
        H : ndarray of shape (m, n_in)
        training : bool
            Unused by this layer (the same signature for every layer).
        rng : numpy Generator, optional
            Unused by this layer.

        Returns
        -------
        ndarray of shape (m, n_out)
        """
        _check_batch(H, self.n_in, "Dense")
        self._H = H
        return H @ self.params["W"] + self.params["b"]

    def backward(self, grad_out):
        """dL/dW = H^T grad_out and dL/db = sum over the batch of grad_out, stored in `grads`.

        Parameters
        ----------
        grad_out : ndarray of shape (m, n_out)
            dL/d(output).

        Returns
        -------
        ndarray of shape (m, n_in)
            dL/dH = grad_out W^T.
        """
        _check_batch(grad_out, self.n_out, "Dense backward")
        self.grads["W"] = self._H.T @ grad_out
        self.grads["b"] = grad_out.sum(axis=0)
        return grad_out @ self.params["W"].T


class Activation:
    """Elementwise nonlinearity out = f(Z), with f from `helpers.nn.activations`.

    Parameters
    ----------
    name : {'identity', 'sigmoid', 'tanh', 'relu'}
    """

    def __init__(self, name):
        activation(name)  # validates the name with a clear message
        self.name = name
        # The raw pair, without per-call checks: this runs inside the training loop.
        self._f, self._f_prime = ACTIVATIONS[name]
        self.params, self.grads = {}, {}
        self._Z = None

    def forward(self, Z, training=False, rng=None):
        """f(Z), elementwise.

        Parameters
        ----------
        Z : ndarray of shape (m, k)
        training : bool
            Unused by this layer (the same signature for every layer).
        rng : numpy Generator, optional
            Unused by this layer.

        Returns
        -------
        ndarray of shape (m, k)
        """
        self._Z = Z
        return self._f(Z)

    def backward(self, grad_out):
        """Chain rule, elementwise: dL/dZ = dL/d(out) * f'(Z).

        Parameters
        ----------
        grad_out : ndarray of shape (m, k)

        Returns
        -------
        ndarray of shape (m, k)
        """
        return grad_out * self._f_prime(self._Z)


class Dropout:
    """Inverted dropout: at training time out = H * mask / p, at evaluation out = H.

    Each unit is kept with probability p = 1 - rate (mask ~ Bernoulli(p)); dividing by p keeps
    E[out] = H, so nothing needs rescaling at evaluation time.

    Parameters
    ----------
    rate : float in [0, 1)
        The *drop* probability, as PyTorch's ``nn.Dropout(p)`` and Keras's ``Dropout(rate)``.
        The keep probability p = 1 - rate is what Srivastava et al. (2014) call p.
    """

    def __init__(self, rate):
        rate = as_float(rate, "rate", minimum=0.0)
        if rate >= 1.0:
            raise ValueError(f"rate == {rate}, must be < 1 (it is the drop probability; "
                             f"rate=1 would drop every unit)")
        self.rate, self.keep = rate, 1.0 - rate
        self.params, self.grads = {}, {}
        self._mask = None

    def forward(self, H, training=False, rng=None):
        """Mask and rescale when `training` (masks drawn from `rng`); identity otherwise.

        Parameters
        ----------
        H : ndarray of shape (m, k)
        training : bool
        rng : numpy Generator or int seed
            Needed when training.

        Returns
        -------
        ndarray of shape (m, k)
        """
        if not training or self.rate == 0.0:
            self._mask = None
            return H
        if rng is None:
            raise ValueError("Dropout in training mode needs rng (a numpy Generator or a seed); "
                             "pass training=False to evaluate")
        self._mask = (as_rng(rng).random(H.shape) < self.keep) / self.keep
        return H * self._mask

    def backward(self, grad_out):
        """The same mask scales the gradient: dL/dH = dL/d(out) * mask / p.

        Parameters
        ----------
        grad_out : ndarray of shape (m, k)

        Returns
        -------
        ndarray of shape (m, k)
        """
        return grad_out if self._mask is None else grad_out * self._mask
