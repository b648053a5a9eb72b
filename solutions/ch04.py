"""Solutions for notebook 04 (the code walkthrough).

J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2, bias not penalized.
"""

import numpy as np


def gd_ridge(X, y, lam, lr, n_iters):
    """n_iters steps of gradient descent from w = 0, b = 0; returns (w, b).

    Why: grad_w = X^T r / m + (lam/m) w is the derivative of J (the 1/2 of lam/(2m)||w||^2
    cancels the 2 of the square); grad_b = mean(r) has no penalty term, because the bias only
    sets the origin of y. Both gradients are computed from the same residual before either
    parameter moves, every step is scaled by lr, and exactly n_iters steps are taken.
    """
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

    Why: along the eigenvector of H with eigenvalue L, one step multiplies the error by
    (1 - lr * L); it shrinks for every lr < 2/L and grows beyond. The penalty adds lam/m (not
    lam) to the eigenvalues of the w block, because J divides the penalty by 2m.
    """
    m, n = X.shape
    A = np.hstack([X, np.ones((m, 1))])
    H = A.T @ A / m
    H[:n, :n] += (lam / m) * np.eye(n)
    return 2.0 / float(np.linalg.eigvalsh(H)[-1])


def equivalent_lam(m, lr, n_iters):
    """lam ~ m / (lr * n_iters): GBC's alpha ~ 1/(lr * n_iters) with alpha = lam/m.

    Why: after T = n_iters steps from w = 0, early stopping keeps the directions with
    s_j^2/m >~ 1/(lr * T) and damps the others, as ridge does with s_j^2 >~ lam (Goodfellow,
    Bengio & Courville, eq. 7.45). Equating the two thresholds gives lam = m / (lr * n_iters):
    more steps, less regularization, and the learning rate counts as much as the number of steps.
    """
    return m / (lr * n_iters)
