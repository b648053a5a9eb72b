"""L2-regularized logistic regression: the sigmoid, the loss, its gradient and a Newton solver.

The course's convention, with labels y in {0, 1}, optional sample weights s_i (1 by default)
and the bias b not penalized:

    J(w, b) = (1/m) sum_i s_i [log(1 + exp(z_i)) - y_i z_i] + lam/(2m) ||w||^2,   z = X w + b.

It equals scikit-learn ``LogisticRegression(C=1/lam)`` fitted with ``sample_weight=s``.
"""

import numpy as np

from .._validation import as_array, as_float, as_int, as_labels, as_matrix, as_vector, as_wb, as_Xy
from ..errors import ConvergenceError

__all__ = ["sigmoid", "logistic_loss", "logistic_grad", "fit_logistic", "logistic_proba"]


def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), elementwise, without overflow for large |z|.

    Parameters
    ----------
    z : float or ndarray of any shape

    Returns
    -------
    float or ndarray of the shape of z
        Values in [0, 1].
    """
    out = _sigmoid(as_array(z, "z"))
    return float(out) if out.ndim == 0 else out


def _sigmoid(z):
    # exp of a non-positive number only: no overflow, and full relative precision in both
    # tails (0.5 (1 + tanh(z/2)) would lose it for z << 0, where the result is tiny)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sample_weight(sample_weight, m):
    if sample_weight is None:
        return None
    s = as_vector(sample_weight, "sample_weight", length=m, length_of="one weight per sample")
    if np.any(s < 0):
        raise ValueError("sample_weight has negative value(s); weights must be >= 0")
    return s


def _checked(w, b, X, y, lam, sample_weight):
    X, _ = as_Xy(X, y)
    y = as_labels(y)
    w, b = as_wb(w, b, X.shape[1])
    return w, b, X, y, as_float(lam, "lam", minimum=0.0), _sample_weight(sample_weight, y.size)


def logistic_loss(w, b, X, y, lam, sample_weight=None):
    """J(w, b) = (1/m) sum_i s_i [log(1 + e^{z_i}) - y_i z_i] + lam/(2m) ||w||^2, z = X w + b.

    Parameters
    ----------
    w : ndarray of shape (n,)
    b : float
        The bias; it is not penalized.
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
        Labels 0 or 1.
    lam : float >= 0
    sample_weight : ndarray of shape (m,), values >= 0, optional
        s_i; all 1 by default.

    Returns
    -------
    float
    """
    return float(_logistic_loss(*_checked(w, b, X, y, lam, sample_weight)))


def logistic_grad(w, b, X, y, lam, sample_weight=None):
    """Gradient of `logistic_loss`: ((1/m) X^T (s (p - y)) + (lam/m) w, (1/m) s^T (p - y)),
    with p = sigmoid(X w + b).

    Parameters
    ----------
    w, b, X, y, lam, sample_weight
        As in `logistic_loss`: shapes (n,), scalar, (m, n), (m,), scalar, (m,).

    Returns
    -------
    grad_w : ndarray of shape (n,)
    grad_b : float
        No penalty term: the bias is not regularized.
    """
    grad_w, grad_b = _logistic_grad(*_checked(w, b, X, y, lam, sample_weight))
    return grad_w, float(grad_b)


def _logistic_loss(w, b, X, y, lam, s=None):
    """The loss in the precision of X (float32 inputs give a float32 computation)."""
    z = X @ w + b
    terms = np.logaddexp(z.dtype.type(0), z) - y * z     # log(1 + e^z) - y z, no overflow
    m = z.dtype.type(X.shape[0])
    data = np.mean(terms) if s is None else s @ terms / m
    return data + lam / (2 * m) * (w @ w)


def _logistic_grad(w, b, X, y, lam, s=None):
    m = X.shape[0]
    r = _sigmoid(X @ w + b) - y                          # p - y
    if s is not None:
        r = s * r
    return X.T @ r / m + lam / m * w, np.sum(r) / m


def fit_logistic(X, y, lam, sample_weight=None, n_iters=50, tol=1e-10):
    """Minimize J(w, b) = (1/m) sum_i s_i [log(1 + e^{z_i}) - y_i z_i] + lam/(2m)||w||^2 by Newton.

    Each step solves H d = g with the exact Hessian of J in (w, b), halving the step until J
    decreases. Equals scikit-learn ``LogisticRegression(C=1/lam).fit(X, y, sample_weight=s)``.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
        Labels 0 or 1.
    lam : float > 0
        Needed for a finite minimizer on separable data.
    sample_weight : ndarray of shape (m,), values >= 0, optional
    n_iters : int >= 1
        Maximum number of Newton steps; reaching it raises `ConvergenceError`.
    tol : float >= 0
        Stop when the Euclidean norm of the gradient (grad_w, grad_b) is <= tol.

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    """
    X, _ = as_Xy(X, y)
    y = as_labels(y)
    lam = as_float(lam, "lam", minimum=0.0, strict=True)
    s = _sample_weight(sample_weight, y.size)
    s = np.ones(y.size) if s is None else s
    n_iters, tol = as_int(n_iters, "n_iters", minimum=1), as_float(tol, "tol", minimum=0.0)
    m, n = X.shape
    A = np.column_stack([X, np.ones(m)])             # the last coefficient is the bias
    penalty = np.append(np.full(n, lam), 0.0)
    theta = np.zeros(n + 1)
    for _ in range(n_iters):
        grad_w, grad_b = _logistic_grad(theta[:-1], theta[-1], X, y, lam, s)
        grad = np.append(grad_w, grad_b)
        if np.linalg.norm(grad) <= tol:
            return theta[:-1], float(theta[-1])
        p = _sigmoid(A @ theta)
        H = (A.T * (s * p * (1 - p))) @ A / m + np.diag(penalty) / m
        theta = _backtrack(theta, np.linalg.solve(H, grad), X, y, s, lam)
    raise ConvergenceError(f"fit_logistic: Newton's method did not reach tol={tol:g} in "
                           f"n_iters={n_iters} iterations; raise n_iters or lam")


def _backtrack(theta, step, X, y, s, lam):
    # Near the optimum the decrease falls below the rounding error of J: allow that much slack.
    loss = _logistic_loss(theta[:-1], theta[-1], X, y, lam, s) * (1 + 1e-13) + 1e-15
    t = 1.0
    while t > 1e-10:
        new = theta - t * step
        if _logistic_loss(new[:-1], new[-1], X, y, lam, s) <= loss:
            return new
        t /= 2
    return theta


def logistic_proba(X, w, b):
    """P(y = 1 | x) = sigmoid(x^T w + b) for every row of X.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    w : ndarray of shape (n,)
    b : float

    Returns
    -------
    ndarray of shape (m,)
    """
    X = as_matrix(X)
    w, b = as_wb(w, b, X.shape[1])
    return _sigmoid(X @ w + b)
