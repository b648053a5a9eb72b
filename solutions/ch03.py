"""Solutions for notebook 03 (deriving the gradient).

J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2, bias not penalized.
"""

import numpy as np


def ridge_gradient(w, b, X, y, lam):
    """(grad_w, grad_b) = ((1/m) X^T r + (lam/m) w, mean(r)), with r = X w + b - y."""
    m = X.shape[0]
    r = X @ w + b - y
    return X.T @ r / m + (lam / m) * w, float(np.mean(r))


def soft_threshold(z, t):
    """sign(z) * max(|z| - t, 0), elementwise."""
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def weight_decay_step(w, b, X, y, lam, lr):
    """w <- (1 - lr*lam/m) w - lr (1/m) X^T r ;  b <- b - lr mean(r)  (no decay on b)."""
    m = X.shape[0]
    r = X @ w + b - y
    return (1 - lr * lam / m) * w - lr * (X.T @ r) / m, float(b - lr * np.mean(r))
