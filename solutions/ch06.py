"""Worked solutions for notebook 06 (deep networks), with the reasoning.

Notation: m training samples, lam the course's penalty strength (J = mean data loss +
lam/(2m) sum ||W||_F^2), lr the learning rate, weight_decay (wd) a decoupled decay, q = 1 - rate
the keep probability of dropout (PyTorch's nn.Dropout(p) takes the drop probability p = rate).
"""

import numpy as np


def dense_backward_l2(A, W, b, grad_out, lam, m):
    """Gradients of a dense layer out = A W + b under J = data loss + lam/(2m) ||W||^2.

    A : (m_b, n_in), W : (n_in, n_out), b : (n_out,), grad_out = dJ/d(out) : (m_b, n_out).
    Returns (grad_W, grad_b): the bias gets no penalty term.

    Why: out = A W + b, so d out / d W_ij pairs row i of A^T with column j of grad_out, giving
    A^T grad_out (the 1/m_b of the mean is already inside grad_out, so sum over the batch, do not
    average again). The penalty lam/(2m)||W||_F^2 differentiates to (lam/m) W: the 2 of the
    square cancels the 1/2, and m is the training-set size, not the batch size. b is not in the
    penalty, so grad_b is the plain sum of grad_out over the batch.
    """
    grad_W = A.T @ grad_out + (lam / m) * W
    grad_b = grad_out.sum(axis=0)
    return grad_W, grad_b


def adamw_step(w, grad, mom, vel, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    """One AdamW step as in PyTorch: decay the old weights, then the Adam step (t >= 1).

    mom, vel: running means of the gradients and of their squares (Kingma & Ba's m and v;
    the course keeps m for the number of samples).

    Why this order: decoupled decay shrinks the *old* weights by lr * weight_decay, outside the
    moments, so the shrinkage is not divided by sqrt(vel_hat) (that is what makes it differ from
    Adam + L2, Loshchilov & Hutter 2019). The moments start at 0, so at step t they are biased
    towards 0 by the factors 1 - beta1**t and 1 - beta2**t; t = 1 on the first step. eps goes
    after the square root, sqrt(vel_hat) + eps (PyTorch's convention): it only matters when the
    gradients are tiny, and then it limits the step. Return the updated moments: the next step
    needs them.
    """
    w = w - lr * weight_decay * w
    mom = beta1 * mom + (1 - beta1) * grad
    vel = beta2 * vel + (1 - beta2) * grad**2
    mom_hat = mom / (1 - beta1**t)
    vel_hat = vel / (1 - beta2**t)
    return w - lr * mom_hat / (np.sqrt(vel_hat) + eps), mom, vel


def inverted_dropout(a, rate, rng):
    """Keep each entry when u < 1 - rate (u = rng.random(a.shape)), then divide by 1 - rate.

    Why: each entry survives with the keep probability q = 1 - rate, so E[mask] = q and dividing
    the kept entries by q keeps E[output] = a: at evaluation time nothing needs rescaling.
    Drawing from the rng argument (never the global np.random) makes a run reproducible.
    """
    keep = 1.0 - rate  # q
    mask = rng.random(a.shape) < keep
    return a * mask / keep
