"""Optimizers that update named parameters in place: SGD (with momentum) and Adam/AdamW.

L2 in the loss vs decoupled weight decay
----------------------------------------
* **L2 in the loss** (``lam`` in `MLP.loss_and_grads`): the gradient of each weight matrix
  gains (lam/m) W *before* the optimizer sees it, so Adam divides that term by sqrt(v_hat) too.
* **Decoupled weight decay** (``weight_decay=wd`` here): the optimizer first shrinks
  each weight matrix, W <- W - lr * wd * W, then takes its usual step on the data gradient.
  This is PyTorch's ``AdamW`` (and Keras's ``weight_decay``): the decay is multiplied by the
  learning rate lr. Loshchilov & Hutter (2019, Alg. 2) multiply it by the schedule factor eta_t
  only, so their lambda_LH equals lr * wd here (for a constant schedule eta_t = 1).

Under plain SGD (no momentum) the two coincide step by step when wd = lam/m (L&H Prop. 1,
see `decay_from_lam`); under Adam they do not (L&H Prop. 2): no lam reproduces AdamW.

Note: PyTorch's ``SGD(weight_decay=...)`` and ``Adam(weight_decay=...)`` are the *L2* kind
(added to the gradient); only ``AdamW`` is decoupled. Here every ``weight_decay`` is decoupled,
and it is applied only to the names passed as ``decay`` (the weight matrices), never to biases.

A schedule is just an assignment between steps: ``optimizer.lr = new_lr``.
"""

from collections.abc import Mapping

import numpy as np

from .._validation import as_float, as_lam, as_positive

__all__ = ["SGD", "Adam", "AdamW", "decay_from_lam"]


class _Optimizer:
    def __init__(self, lr, weight_decay):
        self.lr = as_positive(lr, "lr")
        self.weight_decay = as_lam(weight_decay, "weight_decay")
        self.state, self.t = {}, 0

    def step(self, params, grads, decay=()):
        """Update every array of `params` in place from `grads`.

        Parameters
        ----------
        params : dict name -> ndarray
            Live parameter arrays (e.g. ``model.params``); they are modified in place.
        grads : dict name -> ndarray
            Same names and shapes.
        decay : collection of str
            Names that receive the decoupled decay (e.g. ``model.weight_names``).
        """
        _check_step(params, grads)
        decay = _as_names(decay, "decay")
        unknown = set(decay) - set(params)
        if unknown:
            raise ValueError(f"decay names {sorted(unknown)} are not in params")
        self.t += 1
        for name, theta in params.items():
            if self.weight_decay and name in decay:
                theta -= self.lr * self.weight_decay * theta  # decoupled: before the step
            theta -= self._direction(name, grads[name])

    def _direction(self, name, grad):
        raise NotImplementedError


def _as_names(names, name):
    """A tuple of parameter names from a list/tuple/set of str (a lone str is refused)."""
    if isinstance(names, str):
        raise TypeError(f"{name} == {names!r} is a single str, but must be a collection of "
                        f"names, e.g. ({names!r},) or model.weight_names")
    try:
        names = tuple(names)
    except TypeError:
        raise TypeError(f"{name} must be a collection of names (str), got "
                        f"{type(names).__name__}") from None
    bad = [item for item in names if not isinstance(item, str)]
    if bad:
        raise TypeError(f"{name} must contain names (str), got {bad[0]!r}")
    return names


def _check_step(params, grads):
    for what, value in (("params", params), ("grads", grads)):
        if not isinstance(value, Mapping):
            raise TypeError(f"{what} must be a dict name -> ndarray (e.g. model.params and the "
                            f"grads from model.loss_and_grads), got {type(value).__name__}")
    if set(grads) != set(params):
        raise ValueError(f"grads has names {sorted(grads)} but params has {sorted(params)}")
    for name, theta in params.items():
        for what, value in (("params", theta), ("grads", grads[name])):
            if not isinstance(value, np.ndarray):
                raise TypeError(f"{what}[{name!r}] must be a numpy array, got "
                                f"{type(value).__name__}; use np.asarray(...)")
        if grads[name].shape != theta.shape:
            raise ValueError(f"grads[{name!r}] has shape {grads[name].shape} but "
                             f"params[{name!r}] has shape {theta.shape}")


class SGD(_Optimizer):
    """Stochastic gradient descent, optionally with momentum (PyTorch's form).

    v <- momentum * v + g ;  theta <- theta - lr * v   (v = g on the first step)

    Parameters
    ----------
    lr : float > 0
    momentum : float in [0, 1)
    weight_decay : float >= 0
        Decoupled decay theta <- theta - lr * weight_decay * theta on the `decay` names
        ("SGDW"). Without momentum it equals an L2 term lam/(2m)||W||^2 with lam = m * wd.
    """

    def __init__(self, lr, momentum=0.0, weight_decay=0.0):
        super().__init__(lr, weight_decay)
        self.momentum = as_float(momentum, "momentum", minimum=0.0)
        if self.momentum >= 1.0:
            raise ValueError(f"momentum == {self.momentum}, must be < 1")

    def _direction(self, name, grad):
        if self.momentum == 0.0:
            return self.lr * grad
        v = self.state.get(name)
        v = grad.copy() if v is None else self.momentum * v + grad
        self.state[name] = v
        return self.lr * v


class Adam(_Optimizer):
    """Adam (Kingma & Ba 2015) with bias correction; L2 only through the loss.

    m <- b1 m + (1 - b1) g ;  v <- b2 v + (1 - b2) g^2
    theta <- theta - lr * m_hat / (sqrt(v_hat) + eps),  m_hat = m/(1 - b1^t), v_hat = v/(1 - b2^t)

    Parameters
    ----------
    lr : float > 0
    betas : (float, float), each in [0, 1)
    eps : float > 0

    Unlike PyTorch's ``Adam(weight_decay=...)``, there is no decay argument: add L2 through
    the loss (``lam``) or use `AdamW`.
    """

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(lr, weight_decay=0.0)  # L2 goes through the loss (lam), not here
        if isinstance(betas, str) or not hasattr(betas, "__len__"):
            raise TypeError(f"betas must be a pair (beta1, beta2), e.g. (0.9, 0.999), got "
                            f"{betas!r} ({type(betas).__name__})")
        if len(betas) != 2:
            raise ValueError(f"betas == {betas!r}, must be a pair (beta1, beta2)")
        self.betas = tuple(as_float(b, f"betas[{k}]", minimum=0.0) for k, b in enumerate(betas))
        for k, beta in enumerate(self.betas):
            if beta >= 1.0:
                raise ValueError(f"betas[{k}] == {beta}, must be < 1")
        self.eps = as_positive(eps, "eps")

    def _direction(self, name, grad):
        b1, b2 = self.betas
        if name not in self.state:
            self.state[name] = (np.zeros_like(grad), np.zeros_like(grad))
        m, v = self.state[name]
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad**2
        self.state[name] = (m, v)
        m_hat, v_hat = m / (1 - b1**self.t), v / (1 - b2**self.t)
        return self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class AdamW(Adam):
    """Adam with decoupled weight decay, as PyTorch's ``torch.optim.AdamW``.

    theta <- theta - lr * weight_decay * theta   (on the `decay` names), then the Adam step.

    Loshchilov & Hutter (2019, Alg. 2) write theta <- theta - eta_t (alpha m_hat/(sqrt(v_hat)
    + eps) + lambda theta): their decay is multiplied by the schedule factor eta_t, not by the
    learning rate alpha, so lambda_LH = lr * weight_decay. Changing lr therefore changes the
    effective decay here (as in PyTorch and Keras): retune weight_decay when you retune lr.

    Parameters
    ----------
    lr : float > 0
    betas, eps : as in `Adam`
    weight_decay : float >= 0
        PyTorch's default is 0.01.
    """

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
        super().__init__(lr, betas=betas, eps=eps)
        self.weight_decay = as_lam(weight_decay, "weight_decay")


def decay_from_lam(lam, m, lr=None):
    """The decoupled decay that reproduces the L2 term lam/(2m)||W||^2 under plain SGD.

    The L2 gradient term is (lam/m) W, so SGD's step W <- W - lr (g + (lam/m) W) equals the
    decoupled step W <- W - lr * wd * W - lr * g with **wd = lam/m** (PyTorch/Keras convention,
    decay multiplied by lr). In Loshchilov & Hutter's notation theta <- (1 - lambda_LH) theta -
    lr g, the per-step factor is **lambda_LH = lr * lam/m** (their Prop. 1: lambda' = lambda/lr).
    Under Adam no such conversion exists (their Prop. 2).

    Parameters
    ----------
    lam : float >= 0
    m : int or float > 0
        Training-set size.
    lr : float > 0, optional
        If given, return L&H's per-step factor lr * lam/m instead of wd.

    Returns
    -------
    float
    """
    wd = as_lam(lam) / as_positive(m, "m")
    return wd if lr is None else as_positive(lr, "lr") * wd
