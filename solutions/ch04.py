"""Solutions for notebook 04 (the code walkthrough).

J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2, bias not penalized.
"""

import numpy as np


def gd_ridge(X, y, lam, lr, n_iters):
    """n_iters steps of gradient descent from w = 0, b = 0; returns (w, b)."""
    m, n = X.shape
    w, b = np.zeros(n), 0.0
    for _ in range(n_iters):
        r = X @ w + b - y
        w = w - lr * (X.T @ r / m + (lam / m) * w)
        b = b - lr * float(np.mean(r))
    return w, b


def max_stable_lr(X, lam):
    """2/L with L the largest eigenvalue of the Hessian of J in (w, b).

    H = [[X^T X + lam I, X^T 1], [1^T X, m]] / m (for centered X it is block diagonal).
    """
    m, n = X.shape
    A = np.hstack([X, np.ones((m, 1))])
    H = A.T @ A / m
    H[:n, :n] += (lam / m) * np.eye(n)
    return 2.0 / float(np.linalg.eigvalsh(H)[-1])


def equivalent_lam(m, lr, n_steps):
    """lam ~ m / (lr * tau): GBC's alpha ~ 1/(lr * tau) with alpha = lam/m."""
    return m / (lr * n_steps)
