"""A minimal deep fully connected stack for measuring gradients layer by layer.

Layer l (l = 1..L) computes z_l = h_{l-1} W_l and h_l = f(z_l), with h_0 = X and no biases
(biases do not change how gradients scale with depth). The "loss" is the linear read-out
L = sum(h_L * G) for a fixed array G, so dL/dh_L = G and every other gradient comes from
backpropagation:

    dL/dz_l = dL/dh_l * f'(z_l),   dL/dW_l = h_{l-1}^T dL/dz_l,   dL/dh_{l-1} = dL/dz_l W_l^T.

The ratio ||dL/dh_0|| / ||dL/dh_L|| is the net's gain: << 1 means vanishing gradients,
>> 1 exploding ones (Glorot & Bengio 2010; He et al. 2015; Pascanu et al. 2013).
"""

from dataclasses import dataclass

import numpy as np

from .._validation import (
    as_array,
    as_choice,
    as_float,
    as_int,
    as_lam,
    as_positive,
    as_rng,
    renamed,
)
from ..nn.activations import activation as _activation
from ..nn.activations import init_weights

__all__ = ["INIT_CHOICES", "layer_norm", "layer_norm_backward", "init_deep_weights",
           "deep_forward", "deep_backward",
           "GradientProfile", "gradient_profile", "random_deep_problem", "shrink_weights",
           "decay_factor", "penalized_weight_grads", "clip_by_norm"]

LAYER_NORM_EPS = 1e-5

# Named initial scales: (scheme of helpers.init_std, gain). For a square layer of width n,
# "xavier" is std 1/sqrt(n) and "he" is sqrt(2/n).
INIT_CHOICES = {
    "small": ("xavier", 0.5),
    "xavier": ("xavier", 1.0),
    "he": ("he", 1.0),
    "too large": ("he", 1.5),
}


def init_deep_weights(n_layers, width, rng, init="he", n_in=None):
    """Gaussian weight matrices for a deep stack.

    Parameters
    ----------
    n_layers : int >= 1
    width : int >= 1
        Units per layer.
    rng : numpy Generator or int seed
    init : {'small', 'xavier', 'he', 'too large'}
        A named preset of INIT_CHOICES: a `scheme` of `helpers.nn.init_weights` and a gain
        ('small' is xavier with gain 0.5, 'too large' is he with gain 1.5).
    n_in : int >= 1, optional
        Input features (default: width).

    Returns
    -------
    list of n_layers ndarrays; the first of shape (n_in, width), the others (width, width)
    """
    init, n_layers, width = _check_init(init, n_layers, width)
    n_in = width if n_in is None else as_int(n_in, "n_in", minimum=1)
    return _init_deep_weights(n_layers, width, as_rng(rng), init, n_in)


def _check_init(init, n_layers, width):
    init = as_choice(init, "init", tuple(INIT_CHOICES),
                     hint=" (named presets: a scheme and a gain); for a scheme alone such as "
                          "'lecun', use helpers.nn.init_weights(..., scheme=...)")
    return init, as_int(n_layers, "n_layers", minimum=1), as_int(width, "width", minimum=1)


def _init_deep_weights(n_layers, width, rng, init, n_in):
    """`init_deep_weights` on checked input."""
    scheme, gain = INIT_CHOICES[init]
    sizes = [n_in] + [width] * n_layers
    return [init_weights(a, b, rng, scheme, gain) for a, b in zip(sizes[:-1], sizes[1:])]


def _check_weights(Ws, n_in):
    if not isinstance(Ws, (list, tuple)) or len(Ws) == 0:
        raise TypeError(f"Ws must be a non-empty list of 2-D arrays, got {type(Ws).__name__}")
    Ws = [as_array(W, f"Ws[{i}]", ndim=2) for i, W in enumerate(Ws)]
    expected = n_in
    for i, W in enumerate(Ws):
        if W.shape[0] != expected:
            raise ValueError(f"Ws[{i}] has shape {W.shape} but must have {expected} rows "
                             f"(the width of the layer before it)")
        expected = W.shape[1]
    return Ws


def layer_norm(a, eps=LAYER_NORM_EPS):
    """Normalize each row over its units: (a - mean) / sqrt(var + eps) (Ba et al. 2016).

    No learned gain or shift: the plain normalization whose effect on gradients is measured.

    Parameters
    ----------
    a : ndarray of shape (m, n)
    eps : float > 0

    Returns
    -------
    u : ndarray of shape (m, n)
    scale : ndarray of shape (m, 1)
        sqrt(var + eps) of each row, needed by the backward pass.
    """
    a = as_array(a, "a", ndim=2)
    return _layer_norm(a, as_positive(eps, "eps"))


def _layer_norm(a, eps=LAYER_NORM_EPS):
    """`layer_norm` on checked input."""
    centered = a - a.mean(axis=1, keepdims=True)
    scale = np.sqrt(np.mean(centered**2, axis=1, keepdims=True) + eps)
    return centered / scale, scale


def layer_norm_backward(grad_u, u, scale):
    """dL/da from dL/du for u = layer_norm(a): (g - mean(g) - u mean(g u)) / scale, per row.

    From du_i/da_j = (delta_ij - 1/n - u_i u_j / n) / scale (exact, eps included).

    Parameters
    ----------
    grad_u, u : ndarray of shape (m, n)
    scale : ndarray of shape (m, 1)
        The per-row scale returned by `layer_norm`.

    Returns
    -------
    ndarray of shape (m, n)
    """
    grad_u, u = as_array(grad_u, "grad_u", ndim=2), as_array(u, "u", ndim=2)
    scale = as_array(scale, "scale", ndim=2)
    if grad_u.shape != u.shape or scale.shape != (u.shape[0], 1):
        raise ValueError(f"grad_u has shape {grad_u.shape}, u {u.shape} and scale {scale.shape}; "
                         f"expected grad_u and u of one shape (m, n) and scale of shape (m, 1)")
    return _layer_norm_backward(grad_u, u, scale)


def _layer_norm_backward(grad_u, u, scale):
    """`layer_norm_backward` on checked input."""
    mean_g = grad_u.mean(axis=1, keepdims=True)
    mean_gu = np.mean(grad_u * u, axis=1, keepdims=True)
    return (grad_u - mean_g - u * mean_gu) / scale


def deep_forward(Ws, X, activation="relu", residual=False, normalize=False):
    """Forward pass z_l = h_{l-1} W_l, h_l = f(z_l) (+ h_{l-1} when residual).

    Parameters
    ----------
    Ws : list of ndarrays, Ws[l] of shape (n_l, n_{l+1})
    X : ndarray of shape (m, n_0)
    activation : {'identity', 'sigmoid', 'tanh', 'relu'}
    residual : bool
        Add a skip connection around every layer, h_l = h_{l-1} + f(z_l) (He et al. 2016);
        every W must then be square.
    normalize : bool
        Layer normalization before the activation: z_l = layer_norm(h_{l-1} W_l), each sample
        normalized over the units of the layer (Ba et al. 2016), no learned gain or shift.

    Returns
    -------
    zs : list of L ndarrays of shape (m, n_l)
        Pre-activations (the inputs of f; normalized when normalize=True).
    hs : list of L + 1 ndarrays
        hs[0] = X and hs[l] = f(zs[l - 1]).
    """
    Ws, X, (f, _) = _check_stack(Ws, X, activation, residual)
    return _deep_forward(Ws, X, f, residual, normalize)


def _check_stack(Ws, X, activation, residual):
    """Checked Ws and X, and the activation's (f, f_prime)."""
    X = as_array(X, "X", ndim=2)
    Ws = _check_weights(Ws, X.shape[1])
    if residual and any(W.shape[0] != W.shape[1] for W in Ws):
        raise ValueError("residual=True needs square weight matrices (every layer as wide as "
                         "its input), got shapes " + str([W.shape for W in Ws]))
    return Ws, X, _activation(activation)


def _deep_forward(Ws, X, f, residual, normalize):
    """`deep_forward` on checked input, with the activation function f."""
    zs, hs = [], [X]
    for W in Ws:
        zs.append(_layer_norm(hs[-1] @ W)[0] if normalize else hs[-1] @ W)
        hs.append(f(zs[-1]) + hs[-1] if residual else f(zs[-1]))
    return zs, hs


def deep_backward(Ws, zs, hs, grad_out, activation="relu", residual=False, normalize=False):
    """Backpropagate dL/dh_L = grad_out through the stack of `deep_forward`.

    With residual=True the skip connection adds dL/dh_l itself to dL/dh_{l-1}: the Jacobian of
    a layer is I + diag(f'(z_l)) W_l^T instead of diag(f'(z_l)) W_l^T.

    Parameters
    ----------
    Ws, zs, hs : as given to / returned by `deep_forward`
    grad_out : ndarray of the shape of hs[-1]
    activation, residual, normalize : as used in the forward pass

    Returns
    -------
    grads_W : list of L ndarrays, grads_W[l] of the shape of Ws[l]
        dL/dW for each layer.
    grads_h : list of L + 1 ndarrays
        dL/dh_l for l = 0..L (grads_h[-1] is grad_out).
    """
    grad_out = _check_grad_out(grad_out, hs[-1].shape)
    _, f_prime = _activation(activation)
    return _deep_backward(Ws, zs, hs, grad_out, f_prime, residual, normalize)


def _check_grad_out(grad_out, shape):
    grad_out = as_array(grad_out, "grad_out", ndim=2)
    if grad_out.shape != shape:
        raise ValueError(f"grad_out has shape {grad_out.shape} but must match the output "
                         f"shape {shape}")
    return grad_out


def _deep_backward(Ws, zs, hs, grad_out, f_prime, residual, normalize):
    """`deep_backward` on checked input, with the derivative f_prime of the activation."""
    grads_W, grads_h = [None] * len(Ws), [None] * len(hs)
    grads_h[-1] = grad_out
    for layer in range(len(Ws) - 1, -1, -1):
        grad_z = grads_h[layer + 1] * f_prime(zs[layer])
        if normalize:  # zs holds u = layer_norm(a); recompute the row scales of a = h W
            _, scale = _layer_norm(hs[layer] @ Ws[layer])
            grad_z = _layer_norm_backward(grad_z, zs[layer], scale)
        grads_W[layer] = hs[layer].T @ grad_z
        grads_h[layer] = grad_z @ Ws[layer].T
        if residual:
            grads_h[layer] = grads_h[layer] + grads_h[layer + 1]
    return grads_W, grads_h


@dataclass(frozen=True)
class GradientProfile:
    """Layer-by-layer norms of one forward/backward pass.

    Attributes
    ----------
    weight_grad_norms : ndarray of shape (L,)
        ||dL/dW_l||_F for layers 1..L.
    act_grad_norms : ndarray of shape (L + 1,)
        ||dL/dh_l||_F for l = 0..L.
    act_stds : ndarray of shape (L + 1,)
        Standard deviation of h_l (the forward signal).
    """

    weight_grad_norms: np.ndarray
    act_grad_norms: np.ndarray
    act_stds: np.ndarray

    @property
    def gain(self):
        """||dL/dh_0|| / ||dL/dh_L||: how much the gradient grows (> 1) or shrinks (< 1)."""
        return float(self.act_grad_norms[0] / self.act_grad_norms[-1])


def gradient_profile(Ws, X, grad_out, activation="relu", residual=False, normalize=False):
    """Run `deep_forward` and `deep_backward` and return the `GradientProfile`.

    Overflow in a badly scaled net is part of what is measured: it shows up as inf/nan
    norms rather than as a warning.

    Parameters
    ----------
    Ws : list of D ndarrays of shape (width, width)
    X : ndarray of shape (batch, width)
    grad_out : ndarray of shape (batch, width)
        Gradient of the loss with respect to the last layer's output.
    activation : {'identity', 'sigmoid', 'tanh', 'relu'}
    residual, normalize : bool
        Skip connections h + f(W h); layer normalization before each activation.

    Returns
    -------
    GradientProfile
    """
    Ws, X, (f, f_prime) = _check_stack(Ws, X, activation, residual)
    grad_out = _check_grad_out(grad_out, (X.shape[0], Ws[-1].shape[1]))
    with np.errstate(over="ignore", invalid="ignore"):
        zs, hs = _deep_forward(Ws, X, f, residual, normalize)
        grads_W, grads_h = _deep_backward(Ws, zs, hs, grad_out, f_prime, residual, normalize)
        return GradientProfile(
            weight_grad_norms=np.array([np.linalg.norm(g) for g in grads_W]),
            act_grad_norms=np.array([np.linalg.norm(g) for g in grads_h]),
            act_stds=np.array([h.std() for h in hs]),
        )


def random_deep_problem(n_layers, width, rng, init="he", batch=64):
    """Weights, a standard-normal input batch and a unit-norm output gradient.

    Parameters
    ----------
    n_layers : int >= 1
        Depth D.
    width : int >= 1
    rng : numpy Generator or int seed
    init : {'small', 'xavier', 'he', 'too large'}
        A named preset of INIT_CHOICES (see `init_deep_weights`).
    batch : int >= 1

    Returns
    -------
    Ws : list of n_layers ndarrays of shape (width, width)
    X : ndarray of shape (batch, width)
    grad_out : ndarray of shape (batch, width), with ||grad_out||_F = 1
    """
    rng = as_rng(rng)
    init, n_layers, width = _check_init(init, n_layers, width)
    batch = as_int(batch, "batch", minimum=1)
    Ws = _init_deep_weights(n_layers, width, rng, init, width)
    X = rng.standard_normal((batch, width))
    G = rng.standard_normal((batch, width))
    return Ws, X, G / np.linalg.norm(G)


def shrink_weights(Ws, factor):
    """Every weight matrix multiplied by `factor`: what weight decay alone does to them.

    Parameters
    ----------
    Ws : list of 2-D ndarrays
    factor : float > 0

    Returns
    -------
    list of ndarrays of the shapes of Ws
    """
    factor = as_positive(factor, "factor")
    return [factor * as_array(W, f"Ws[{i}]", ndim=2) for i, W in enumerate(Ws)]


def decay_factor(lr, lam, m, n_iters=None, n_steps=None):
    """The shrink (1 - lr*lam/m)^n_iters that the L2 term alone applies to the weights.

    Each gradient step on mean loss + lam/(2m) sum ||W||^2 multiplies W by (1 - lr*lam/m)
    before the data-gradient step (GBC eq. 7.5).

    Parameters
    ----------
    lr : float > 0
    lam : float >= 0
    m : int >= 1
    n_iters : int >= 0
        Number of gradient steps.
    n_steps : int, optional
        Old name of n_iters: still accepted, with a FutureWarning.

    Returns
    -------
    float
    """
    lr, lam = as_positive(lr, "lr"), as_lam(lam)
    n_iters = renamed(n_iters, n_steps, "n_iters", "n_steps")
    m, n_iters = as_int(m, "m", minimum=1), as_int(n_iters, "n_iters", minimum=0)
    step = 1.0 - lr * lam / m
    if not 0.0 < step <= 1.0:
        raise ValueError(f"lr * lam / m == {lr * lam / m:.4g}, must be in [0, 1) so that each "
                         f"step shrinks the weights; lower lr or lam")
    return float(step ** n_iters)


def penalized_weight_grads(Ws, grads_W, lam, m):
    """Gradients of data loss + lam/(2m) sum ||W_l||^2: grads_W[l] + (lam/m) Ws[l].

    The penalty adds a term to the *weight* gradients only; the backpropagated signal
    dL/dh_l, and so the Jacobians that vanish or explode, are untouched.

    Parameters
    ----------
    Ws : list of ndarrays
        Weight matrices W_l.
    grads_W : list of ndarrays of the same shapes
        Gradients of the data loss.
    lam : float >= 0
    m : int >= 1
        Number of training samples.

    Returns
    -------
    list of ndarrays of the shapes of Ws
    """
    lam, m = as_lam(lam), as_int(m, "m", minimum=1)
    if len(Ws) != len(grads_W):
        raise ValueError(f"Ws has {len(Ws)} matrices but grads_W has {len(grads_W)}; "
                         f"they must match")
    out = []
    for i, (W, g) in enumerate(zip(Ws, grads_W)):
        W, g = as_array(W, f"Ws[{i}]"), as_array(g, f"grads_W[{i}]")
        if W.shape != g.shape:
            raise ValueError(f"grads_W[{i}] has shape {g.shape} but Ws[{i}] has shape "
                             f"{W.shape}; each gradient must have the shape of its weights")
        out.append(g + (lam / m) * W)
    return out


def clip_by_norm(grads, threshold):
    """Gradient-norm clipping (Pascanu, Mikolov & Bengio 2013, Algorithm 1).

    If the global norm ||g|| over all arrays is >= threshold, every array is multiplied by
    threshold / ||g||: the direction is kept, the length capped. Smaller gradients pass
    unchanged (so clipping can tame explosion but cannot revive vanished gradients).

    Parameters
    ----------
    grads : list of ndarrays (or one ndarray)
    threshold : float > 0

    Returns
    -------
    clipped : list of ndarrays (one ndarray if one was given)
    norm : float
        The global norm before clipping.
    """
    threshold = as_float(threshold, "threshold", minimum=0.0, strict=True)
    single = isinstance(grads, np.ndarray)
    arrays = [as_array(grads, "grads")] if single else [
        as_array(g, f"grads[{i}]") for i, g in enumerate(grads)]
    norm = float(np.sqrt(sum(np.sum(g**2) for g in arrays)))
    scale = threshold / norm if norm >= threshold else 1.0
    clipped = [scale * g for g in arrays]
    return (clipped[0] if single else clipped), norm
