"""Worked solutions for notebook 07 (high dimensions and the FAQ), with the reasoning.

Notation: m samples, n features, gamma = n/m, sigma^2 the noise variance, w_norm = ||w*|| the
norm of the true weights w* (the signal strength), lam in the course's convention
J = 1/(2m)||Xw + b - y||^2 + lam/(2m)||w||^2.
"""

import numpy as np

from helpers import effective_df, ridge_closed_form


def min_norm_weights(X, y):
    """The least-squares solution of smallest norm, without bias: w = X^T (X X^T)^-1 y (m <= n).

    Why this form: every exact fit is w = w0 + v with X v = 0. The shortest one has no component
    in the null space of X, so it lies in the row space: w = X^T a for some a in R^m. Then
    X w = y becomes the small m x m system (X X^T) a = y, invertible when X has full row rank.
    `np.linalg.pinv(X) @ y` gives the same w; solving the n x n normal equations X^T X w = X^T y
    does not work, since X^T X is singular when n > m.
    """
    a = np.linalg.solve(X @ X.T, y)     # (m,): the coefficients of w in the rows of X
    return X.T @ a


def min_norm_risk(gamma, sigma, w_norm):
    """HMRT's asymptotic excess risk of the minimum-norm fit, gamma = n/m != 1.

    gamma < 1: the fit is ordinary least squares, unbiased, with variance sigma^2 gamma/(1-gamma),
    which blows up as n -> m (the smallest singular value of X goes to 0).
    gamma > 1: a bias w_norm^2 (1 - 1/gamma), the part of w* in the null space of X (a fraction
    1 - m/n of it, for isotropic x), plus a variance sigma^2/(gamma - 1) that falls as the noise
    is spread over more directions. Both branches are positive: a risk is a mean square.
    """
    if gamma < 1:
        return sigma**2 * gamma / (1 - gamma)
    return w_norm**2 * (1 - 1 / gamma) + sigma**2 / (gamma - 1)


def optimal_lam(m, n, sigma, w_norm):
    """lam = sigma^2 / tau^2 with tau^2 = w_norm^2 / n: n sigma^2 / w_norm^2 (m plays no role).

    Why: for isotropic x the risk at a fixed w* equals the average risk over the prior
    w* ~ N(0, (w_norm^2/n) I), and the best ridge for a Gaussian prior is the MAP rule
    lam = sigma^2 / tau^2 of notebook 02 (in the course's convention, where lam multiplies
    1/(2m)||w||^2 next to 1/(2m)||Xw - y||^2, so the m cancels). HMRT's per-sample penalty is
    lam/m = gamma sigma^2 / w_norm^2.
    """
    return n * sigma**2 / w_norm**2


def gcv_score(X, y, lam):
    """GCV(lam) = (1/m)||y - y_hat||^2 / (1 - tr(H)/m)^2, H the hat matrix, tr(H) = 1 + df(lam).

    Why the denominator: the training error is optimistic, the more so the more the fit can
    bend towards each point; tr(H) measures that flexibility (one for the bias, df(lam) for the
    weights). With n > m and lam -> 0 the fit interpolates: the numerator goes to 0 but so does
    1 - tr(H)/m, and GCV stays honest. Use lam itself (not lam/m): df is computed from the
    singular values s_j of the centred X, df = sum s_j^2 / (s_j^2 + lam).
    """
    m = X.shape[0]
    w, b = ridge_closed_form(X, y, lam)
    train_mse = np.mean((X @ w + b - y) ** 2)       # mean, not sum, and not its square root
    trace = 1 + effective_df(X, [lam])[0]           # effective_df takes a list: one df per lam
    return float(train_mse / (1 - trace / m) ** 2)
