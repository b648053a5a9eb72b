"""Worked solutions for notebook 03 (deriving the gradient), with the reasoning behind each line.

J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2, bias not penalized. Each function below
is checked by the matching ``check_*`` of helpers.exercises.ch03.
"""

import numpy as np


def ridge_gradient(w, b, X, y, lam):
    """(grad_w, grad_b) = ((1/m) X^T r + (lam/m) w, mean(r)), with r = X w + b - y.

    Why: dJ/dw_j = (1/m) sum_i r_i x_ij + (lam/m) w_j (the 2 of the square cancels the 1/2);
    stacking j = 1..n turns sum_i r_i x_ij into the j-th entry of X^T r. The bias has no penalty,
    so its derivative is the plain mean of the residuals. Shapes: X^T is (n, m) and r is (m,),
    so X^T r is (n,) like w; keep y 1-D, or r broadcasts to (m, m).
    """
    m = X.shape[0]
    r = X @ w + b - y                          # prediction minus target, shape (m,)
    return X.T @ r / m + (lam / m) * w, float(np.mean(r))


def soft_threshold(z, t):
    """S_t(z) = sign(z) * max(|z| - t, 0), elementwise.

    Why: it solves min_v (v - z)^2 / 2 + t |v| coordinate by coordinate. For v > 0 the
    derivative vanishes at v = z - t, which is consistent only if z > t; symmetrically
    v = z + t if z < -t; otherwise 0 is in the subdifferential and v = 0 exactly. The three
    cases together are this one line.
    """
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def weight_decay_step(w, b, X, y, lam, lr):
    """w <- (1 - lr*lam/m) w - lr (1/m) X^T r ;  b <- b - lr mean(r)  (no decay on b).

    Why: w - lr * ((1/m) X^T r + (lam/m) w) = (1 - lr*lam/m) w - lr (1/m) X^T r, with r computed
    once from the old (w, b). The bias has no penalty, so it has no decay factor.
    """
    m = X.shape[0]
    r = X @ w + b - y
    return (1 - lr * lam / m) * w - lr * (X.T @ r) / m, float(b - lr * np.mean(r))


def step_size_bound(X, lam):
    """2/L, with L the largest eigenvalue of the Hessian (X^T X + lam I)/m (X already centered).

    Why: with centered features the Hessian of J in w is H = (X^T X + lam I)/m. A gradient step
    multiplies the error along the eigenvector of eigenvalue nu by (1 - lr * nu); all directions
    shrink iff |1 - lr * nu| < 1 for every nu, i.e. 0 < lr < 2/nu_max = 2/L. The eigenvalues of
    X^T X are the squared singular values s_j^2 of X, so 2/L = 2m / (s_max^2 + lam).
    """
    s_max = np.linalg.svd(X, compute_uv=False)[0]
    return 2.0 * X.shape[0] / (s_max**2 + lam)
