"""The whole ridge path from one SVD: coefficients, degrees of freedom, LOO and GCV errors.

Objective (the course's convention, bias b not penalized):

    J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2

Centering removes the bias: with Xc = X - mean(X) = U diag(s) V^T (thin SVD) and
yc = y - mean(y), every quantity below is a cheap function of (U, s, V) once the SVD is known:

    w(lam)      = V diag(s / (s^2 + lam)) U^T yc                     (then b = mean(y) - mean(X) w)
    df(lam)     = sum_j s_j^2 / (s_j^2 + lam)
    H_ii(lam)   = 1/m + sum_j U_ij^2 s_j^2 / (s_j^2 + lam)            (1/m: the unpenalized bias)

so a grid of k values of lam costs one O(m n min(m, n)) SVD plus O(m n k) matrix products.

For leave-one-out and GCV, 1 - H_ii and the residuals are computed from lam / (s^2 + lam)
rather than as differences: with m <= n and a tiny lam both are of order lam, and
1 - H_ii = (1 - 1/m - ||U_i||^2) + sum_j U_ij^2 lam / (s_j^2 + lam) keeps every digit
(the first term is exactly 0 when the columns of U span all centered vectors).
"""

import numpy as np

from .._validation import as_lams, as_matrix, as_Xy, centered, rank_cutoff
from ..linear.ridge import _centered_svd, _kept

__all__ = ["ridge_path", "effective_df", "loo_cv_ridge", "gcv_ridge"]


def _shrink(s, lams):
    """s_j^2 / (s_j^2 + lam) for every lam (rows) and singular value (columns): shape (k, r)."""
    s2 = s**2
    return s2 / (s2 + lams[:, None])


def _residuals_and_slack(X, y, lams):
    """Residuals y - y_hat and the slacks 1 - H_ii for every lam, each of shape (m, k).

    With P the projection onto the columns of U kept (s_j above round-off), yc = P yc + (I - P) yc
    and sum_j U_ij^2 = ||U_i||^2, so

        y - y_hat = (I - P) yc + U diag(lam / (s^2 + lam)) U^T yc,
        1 - H_ii  = (1 - 1/m - ||U_i||^2) + sum_j U_ij^2 lam / (s_j^2 + lam).

    The lam-dependent parts are computed directly, not as 1 minus something close to 1. When the
    kept columns span every centered vector (rank m - 1, the usual case for m <= n), the first
    terms are exactly 0 and are set so: the residual and the slack are then both proportional to
    lam and their ratio keeps full precision even for lam = 1e-12.
    """
    m = X.shape[0]
    U, s, _, yc, _, _ = _centered_svd(X, y)
    keep = s > rank_cutoff(s, X.shape)
    U, s = U[:, keep], s[keep]
    z = U.T @ yc
    G = lams[:, None] / (s**2 + lams[:, None])              # (k, r): 1 - shrinkage factor
    if s.size == m - 1:                                     # span(U) = all centered vectors
        resid0, slack0 = np.zeros(m), np.zeros(m)
    else:
        resid0 = yc - U @ z
        slack0 = np.maximum(1.0 - 1.0 / m - np.sum(U**2, axis=1), 0.0)
    resid = resid0[:, None] + U @ (G * z).T                 # (m, k)
    slack = slack0[:, None] + (U**2) @ G.T                  # (m, k)
    return resid, slack


def ridge_path(X, y, lams):
    """Ridge weights and biases for every lam in a grid, from one SVD of the centered X.

    Minimizes J(w, b) = 1/(2m)||Xw + b - y||^2 + lam/(2m)||w||^2 for each lam:
    w(lam) = V diag(s/(s^2 + lam)) U^T yc with Xc = U diag(s) V^T, and b = mean(y) - mean(X) w.
    Row i equals `ridge_closed_form(X, y, lams[i])` and scikit-learn `Ridge(alpha=lams[i])`.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lams : ndarray of shape (k,), values > 0

    Returns
    -------
    W : ndarray of shape (k, n)
        W[i] is the weight vector at lams[i].
    b : ndarray of shape (k,)
    """
    X, y = as_Xy(X, y)
    lams = as_lams(lams)
    U, s, Vt, yc, x_mean, y_mean = _centered_svd(X, y)
    s = _kept(s, X.shape)                                 # round-off directions: factor 0
    factor = s / (s**2 + lams[:, None])                   # (k, r)
    W = (factor * (U.T @ yc)) @ Vt                        # (k, n)
    return W, y_mean - W @ x_mean


def effective_df(X, lams):
    """Effective degrees of freedom of the weights: df(lam) = sum_j s_j^2 / (s_j^2 + lam).

    s are the singular values of the centered X, so df(lam) = tr(Xc (Xc^T Xc + lam I)^-1 Xc^T)
    falls from rank(Xc) towards 0 as lam grows. The trace of the full hat matrix (which also
    fits the unpenalized bias) is 1 + df(lam).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    lams : ndarray of shape (k,), values > 0

    Returns
    -------
    df : ndarray of shape (k,)
    """
    X = as_matrix(X)
    lams = as_lams(lams)
    s = _kept(np.linalg.svd(centered(X), compute_uv=False), X.shape)
    return _shrink(s, lams).sum(axis=1)


def loo_cv_ridge(X, y, lams):
    """Exact leave-one-out mean squared error of ridge for every lam, without any refit.

    For a linear smoother y_hat = H y whose penalty does not depend on the data,
    y_i - y_hat^(-i)_i = (y_i - y_hat_i) / (1 - H_ii), hence

        LOO(lam) = (1/m) sum_i [(y_i - y_hat_i) / (1 - H_ii)]^2,

    with H = 1 1^T / m + Xc (Xc^T Xc + lam I)^-1 Xc^T (the bias is fitted, not penalized, in
    every leave-one-out fit). Equals m refits of `ridge_closed_form` and scikit-learn
    `RidgeCV(alphas=lams)` (whose default, cv=None, is this exact leave-one-out error).

    Parameters
    ----------
    X : ndarray of shape (m, n), m >= 3
    y : ndarray of shape (m,)
    lams : ndarray of shape (k,), values > 0

    Returns
    -------
    loo_mse : ndarray of shape (k,)
    """
    X, y = _checked_for_cv(X, y)
    return _loo_cv_ridge(X, y, as_lams(lams))


def _loo_cv_ridge(X, y, lams):
    """`loo_cv_ridge` on checked input (m >= 3, lams > 0)."""
    resid, slack = _residuals_and_slack(X, y, lams)
    return np.mean((resid / slack) ** 2, axis=0)


def gcv_ridge(X, y, lams):
    """Generalized cross-validation: GCV(lam) = (1/m)||y - y_hat||^2 / (1 - tr(H)/m)^2.

    It replaces every leverage H_ii of `loo_cv_ridge` by their mean tr(H)/m = (1 + df(lam))/m
    (Golub, Heath and Wahba 1979); the 1 counts the unpenalized bias.

    Parameters
    ----------
    X : ndarray of shape (m, n), m >= 3
    y : ndarray of shape (m,)
    lams : ndarray of shape (k,), values > 0

    Returns
    -------
    gcv : ndarray of shape (k,)
    """
    X, y = _checked_for_cv(X, y)
    lams = as_lams(lams)
    resid, slack = _residuals_and_slack(X, y, lams)
    return np.mean(resid**2, axis=0) / slack.mean(axis=0) ** 2    # slack.mean = 1 - tr(H)/m


def _checked_for_cv(X, y):
    X, y = as_Xy(X, y)
    if X.shape[0] < 3:
        raise ValueError(f"X has {X.shape[0]} rows; leaving one out needs m >= 3 samples")
    return X, y
