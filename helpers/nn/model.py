"""A multilayer perceptron for regression, with named parameters and an L2 term on weights.

Objective on a batch of m_b samples drawn from a training set of m samples:

    J(theta) = 1/(2 m_b) sum_i (y_hat_i - y_i)^2  +  lam/(2m) sum_l ||W_l||_F^2

The penalty covers the weight matrices W_l only, never the biases b_l (GBC section 7.1).
With a full batch (m_b = m) this is the course's ridge objective, and an MLP without hidden
layers *is* ridge regression; with mini-batches, using the full m in the penalty keeps each
batch's objective an unbiased estimate of the full one.
"""

import numpy as np

from .._validation import as_choice, as_float, as_int, as_lam, as_matrix, as_rng, as_vector
from .activations import ACTIVATIONS, INIT_SCHEMES
from .layers import Activation, Dense, Dropout

__all__ = ["MLP"]


class MLP:
    """Dense -> activation [-> dropout] -> ... -> Dense, one output.

    Parameters
    ----------
    sizes : sequence of int >= 1
        (n_in, hidden_1, ..., hidden_k, 1): the widths from input to the single output.
    rng : numpy Generator or int seed
        Draws the initial weights.
    activation : {'tanh', 'relu', 'sigmoid', 'identity'}
    dropout : float in [0, 1)
        Drop probability p of an inverted-dropout layer after each hidden activation (0: none);
        the keep probability is q = 1 - p, in (0, 1].
    scheme : {'he', 'xavier', 'lecun'}, optional
        Initialization; by default 'he' for ReLU and 'xavier' otherwise.

    Attributes
    ----------
    layers : list of layers
    params : dict name -> ndarray
        Live views of the parameters, named 'dense1.W', 'dense1.b', 'dense2.W', ...
    weight_names : tuple of str
        The names of the weight matrices: the only parameters the L2 term and decay touch.

    Examples
    --------
    >>> net = MLP((1, 16, 1), rng=0)
    >>> net.predict(np.zeros((3, 1))).shape
    (3,)
    """

    def __init__(self, sizes, rng, activation="tanh", dropout=0.0, scheme=None):
        sizes = _check_sizes(sizes)
        rng = as_rng(rng)
        activation = as_choice(activation, "activation", tuple(ACTIVATIONS))
        if scheme is None:
            scheme = "he" if activation == "relu" else "xavier"
        scheme = as_choice(scheme, "scheme", tuple(INIT_SCHEMES))
        dropout = as_float(dropout, "dropout", minimum=0.0)
        if dropout >= 1.0:
            raise ValueError(f"dropout == {dropout}, must be < 1: it is the drop probability "
                             f"(keep probability q = 1 - dropout must be in (0, 1])")
        self.sizes, self.activation = sizes, activation
        self.layers, self._named = [], {}
        n_dense = len(sizes) - 1
        for k in range(n_dense):
            dense = Dense(sizes[k], sizes[k + 1], rng, scheme=scheme)
            self.layers.append(dense)
            self._named[f"dense{k + 1}"] = dense
            if k < n_dense - 1:
                self.layers.append(Activation(activation))
                if dropout:
                    self.layers.append(Dropout(dropout))
        self.weight_names = tuple(f"{name}.W" for name in self._named)

    # ----- parameters -------------------------------------------------------------------
    @property
    def params(self):
        return {f"{ln}.{pn}": p for ln, layer in self._named.items()
                for pn, p in layer.params.items()}

    @property
    def grads(self):
        """Gradients of the last `loss_and_grads` call (data term plus L2 term)."""
        return {f"{ln}.{pn}": g for ln, layer in self._named.items()
                for pn, g in layer.grads.items()}

    def copy_params(self):
        """An independent copy of every parameter (a snapshot to restore later)."""
        return {name: p.copy() for name, p in self.params.items()}

    def set_params(self, params):
        """Overwrite every parameter with the arrays of `params`.

        Parameters
        ----------
        params : dict name -> ndarray
            The same names and shapes as `params` (e.g. from `copy_params`).
        """
        current = self.params
        if set(params) != set(current):
            raise ValueError(f"params has names {sorted(params)} but the model has "
                             f"{sorted(current)}")
        for name, value in params.items():
            value = np.asarray(value, dtype=float)
            if value.shape != current[name].shape:
                raise ValueError(f"params[{name!r}] has shape {value.shape} but must be "
                                 f"{current[name].shape}")
            layer_name, param_name = name.split(".")
            self._named[layer_name].params[param_name] = value.copy()

    def weight_norms(self):
        """Frobenius norm ||W_l||_F of each weight matrix, as a dict name -> float."""
        return {name: float(np.linalg.norm(self.params[name])) for name in self.weight_names}

    # ----- computation -------------------------------------------------------------------
    def predict(self, X):
        """Evaluation-mode output (dropout off).

        Parameters
        ----------
        X : ndarray of shape (m, n_in)

        Returns
        -------
        ndarray of shape (m,)
        """
        return self._forward(self._check_X(X), training=False, rng=None)

    def forward(self, X, training=False, rng=None):
        """The network's output; with training=True dropout layers draw masks from `rng`.

        Parameters
        ----------
        X : ndarray of shape (m, n_in)
        training : bool
        rng : numpy Generator or int seed, optional
            Needed when training with dropout.

        Returns
        -------
        ndarray of shape (m,)
        """
        X = self._check_X(X)
        return self._forward(X, training, as_rng(rng) if training else None)

    def penalty(self, lam, m):
        """The L2 term lam/(2m) sum_l ||W_l||_F^2 (biases excluded).

        Parameters
        ----------
        lam : float >= 0
        m : int >= 1
            Training-set size.

        Returns
        -------
        float
        """
        lam, m = as_lam(lam), as_int(m, "m", minimum=1)
        return self._penalty(lam, m)

    def loss(self, X, y, lam=0.0, m=None):
        """J = 1/(2 m_b)||y_hat - y||^2 + lam/(2m) sum ||W||^2, in evaluation mode.

        Parameters
        ----------
        X : ndarray of shape (m_b, n_in)
        y : ndarray of shape (m_b,)
        lam : float >= 0
        m : int, optional
            Training-set size in the penalty; defaults to m_b (full batch).
        """
        X, y, lam, m = self._check_Xy(X, y, lam, m)
        r = self._forward(X, training=False, rng=None) - y
        return float(r @ r / (2 * X.shape[0]) + self._penalty(lam, m))

    def loss_and_grads(self, X, y, lam=0.0, m=None, training=False, rng=None):
        """Value of J (see `loss`) and its gradient for every parameter, by backpropagation.

        Parameters
        ----------
        X : ndarray of shape (m_b, n_in)
        y : ndarray of shape (m_b,)
        lam : float >= 0
        m : int, optional
            Training-set size in the penalty; defaults to m_b (full batch).
        training : bool
            Dropout on (masks from rng) or off.
        rng : numpy Generator or int seed, optional

        Returns
        -------
        loss : float
        grads : dict name -> ndarray, shapes as in `params`
            dJ/dW_l includes the L2 term (lam/m) W_l; dJ/db_l has no penalty term.
        """
        X, y, lam, m = self._check_Xy(X, y, lam, m)
        rng = as_rng(rng) if training else None
        return self._loss_and_grads(X, y, lam, m, training, rng)

    # ----- private: inputs already checked -------------------------------------------------
    def _forward(self, X, training, rng):
        H = X
        for layer in self.layers:
            H = layer.forward(H, training=training, rng=rng)
        return H[:, 0]

    def _penalty(self, lam, m):
        if lam == 0.0:
            return 0.0
        return lam / (2 * m) * sum(float(np.sum(self.params[n] ** 2)) for n in self.weight_names)

    def _loss_and_grads(self, X, y, lam, m, training, rng):
        m_b = X.shape[0]
        r = self._forward(X, training, rng) - y
        loss = float(r @ r / (2 * m_b)) + self._penalty(lam, m)
        grad = (r / m_b)[:, None]  # dJ/dy_hat for the mean data term
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        if lam:
            for dense in self._named.values():
                dense.grads["W"] = dense.grads["W"] + (lam / m) * dense.params["W"]
        return loss, self.grads

    def _check_X(self, X, name="X"):
        X = as_matrix(X, name)
        if X.shape[1] != self.sizes[0]:
            raise ValueError(f"{name} has {X.shape[1]} columns but the network expects "
                             f"{self.sizes[0]} inputs (sizes[0])")
        return X

    def _check_Xy(self, X, y, lam, m):
        X = self._check_X(X)
        y = as_vector(y, "y", length=X.shape[0], length_of="one target per row of X")
        m = X.shape[0] if m is None else as_int(m, "m", minimum=1)
        return X, y, as_lam(lam), m


def _check_sizes(sizes):
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        raise TypeError(f"sizes must be a sequence of layer widths, got {sizes!r}")
    sizes = tuple(as_int(s, f"sizes[{k}]", minimum=1) for k, s in enumerate(sizes))
    if len(sizes) < 2:
        raise ValueError(f"sizes == {sizes}, needs at least (n_in, 1)")
    if sizes[-1] != 1:
        raise ValueError(f"sizes[-1] == {sizes[-1]}, must be 1 (one regression output)")
    return sizes
