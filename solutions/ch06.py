"""Solutions for notebook 06 (deep networks)."""

import numpy as np


def dense_backward_l2(H, W, b, grad_out, lam, m):
    """Gradients of a dense layer out = H W + b under J = data loss + lam/(2m) ||W||^2.

    H : (m_b, n_in), W : (n_in, n_out), b : (n_out,), grad_out = dJ/d(out) : (m_b, n_out).
    Returns (grad_W, grad_b): the bias gets no penalty term.
    """
    grad_W = H.T @ grad_out + (lam / m) * W
    grad_b = grad_out.sum(axis=0)
    return grad_W, grad_b


def adamw_step(w, grad, m, v, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    """One AdamW step as in PyTorch: decay the old weights, then the Adam step (t >= 1)."""
    w = w - lr * weight_decay * w
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def inverted_dropout(h, rate, rng):
    """Keep each entry when u < 1 - rate (u = rng.random(h.shape)), then divide by 1 - rate."""
    keep = 1.0 - rate
    mask = rng.random(h.shape) < keep
    return h * mask / keep
