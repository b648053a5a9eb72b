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


def adamw_step(w, grad, mom, vel, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    """One AdamW step as in PyTorch: decay the old weights, then the Adam step (t >= 1).

    mom, vel: running means of the gradients and of their squares (Kingma & Ba's m and v;
    the course keeps m for the number of samples).
    """
    w = w - lr * weight_decay * w
    mom = beta1 * mom + (1 - beta1) * grad
    vel = beta2 * vel + (1 - beta2) * grad**2
    mom_hat = mom / (1 - beta1**t)
    vel_hat = vel / (1 - beta2**t)
    return w - lr * mom_hat / (np.sqrt(vel_hat) + eps), mom, vel


def inverted_dropout(h, rate, rng):
    """Keep each entry when u < 1 - rate (u = rng.random(h.shape)), then divide by 1 - rate."""
    keep = 1.0 - rate
    mask = rng.random(h.shape) < keep
    return h * mask / keep
