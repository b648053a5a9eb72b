"""The course's regularized objectives for a linear model y_hat = X w + b.

Convention (one for the whole course; m samples, n features, the bias b never penalized):

    ridge:  J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2
    lasso:  J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m ||w||_1

With this scaling both penalty gradients are (lam/m) w and (lam/m) sign(w), and the ridge
`lam` equals scikit-learn's `Ridge(alpha=lam)`.
"""

import numpy as np

from .._validation import as_array, as_float, as_lam, as_matrix, as_wb, as_Xy

__all__ = ["predict", "mse", "ridge_loss", "ridge_grad", "lasso_loss", "soft_threshold"]


def predict(X, w, b=0.0):
    """Predictions y_hat = X w + b.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    w : ndarray of shape (n,)
    b : float

    Returns
    -------
    y_hat : ndarray of shape (m,)
    """
    X = as_matrix(X)
    w, b = as_wb(w, b, X.shape[1])
    return X @ w + b


def mse(y, y_hat):
    """Mean squared error (1/m) sum (y - y_hat)^2 (no 1/2, as reported in tables).

    Parameters
    ----------
    y : ndarray of shape (m,)
    y_hat : ndarray of shape (m,)

    Returns
    -------
    float
    """
    y = as_array(y, "y", ndim=1)
    y_hat = as_array(y_hat, "y_hat", ndim=1)
    if y.shape != y_hat.shape:
        raise ValueError(f"y has shape {y.shape} but y_hat has shape {y_hat.shape}; "
                         f"they must match")
    return float(np.mean((y - y_hat) ** 2))


def _checked(w, b, X, y, lam):
    X, y = as_Xy(X, y)
    w, b = as_wb(w, b, X.shape[1])
    return w, b, X, y, as_lam(lam)


def ridge_loss(w, b, X, y, lam):
    """J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2.

    Parameters
    ----------
    w : ndarray of shape (n,)
    b : float
        The bias; it is not penalized.
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0

    Returns
    -------
    float
    """
    return _ridge_loss(*_checked(w, b, X, y, lam))


def ridge_grad(w, b, X, y, lam):
    """Gradient of `ridge_loss`: ((1/m) X^T r + (lam/m) w, mean(r)), with r = X w + b - y.

    Parameters
    ----------
    w : ndarray of shape (n,)
    b : float
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0

    Returns
    -------
    grad_w : ndarray of shape (n,)
    grad_b : float
        No penalty term: the bias is not regularized.
    """
    return _ridge_grad(*_checked(w, b, X, y, lam))


def _ridge_loss(w, b, X, y, lam):
    r = X @ w + b - y
    return float((r @ r + lam * (w @ w)) / (2 * X.shape[0]))


def _ridge_grad(w, b, X, y, lam):
    m = X.shape[0]
    r = X @ w + b - y
    return X.T @ r / m + (lam / m) * w, float(np.mean(r))


def lasso_loss(w, b, X, y, lam):
    """J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m ||w||_1 (scikit-learn `Lasso(alpha=lam/m)`).

    Parameters
    ----------
    w : ndarray of shape (n,)
    b : float
        The bias; it is not penalized.
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lam : float >= 0

    Returns
    -------
    float
    """
    return _lasso_loss(*_checked(w, b, X, y, lam))


def _lasso_loss(w, b, X, y, lam):
    m = X.shape[0]
    r = X @ w + b - y
    return float(r @ r / (2 * m) + lam * np.sum(np.abs(w)) / m)


def soft_threshold(z, t):
    """Soft-thresholding S_t(z) = sign(z) max(|z| - t, 0), elementwise.

    It is the proximal step of t|w|: argmin_w 1/2 (w - z)^2 + t |w|.

    Parameters
    ----------
    z : float or ndarray
    t : float >= 0

    Returns
    -------
    float or ndarray of the shape of z
    """
    t = as_float(t, "t", minimum=0.0)
    out = _soft_threshold(as_array(z, "z"), t)
    return float(out) if out.ndim == 0 else out


def _soft_threshold(z, t):
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)
