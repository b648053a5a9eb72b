"""Solutions for notebook 07 (high dimensions and the FAQ)."""

import numpy as np

from helpers import effective_df, ridge_closed_form


def min_norm_weights(X, y):
    """The least-squares solution of smallest norm, without bias: w = X^T (X X^T)^-1 y (m <= n)."""
    return X.T @ np.linalg.solve(X @ X.T, y)


def min_norm_risk(gamma, sigma, r):
    """HMRT's asymptotic excess risk of the minimum-norm fit, gamma = n/m != 1."""
    if gamma < 1:
        return sigma**2 * gamma / (1 - gamma)
    return r**2 * (1 - 1 / gamma) + sigma**2 / (gamma - 1)


def optimal_lam(m, n, sigma, r):
    """lam = sigma^2 / tau^2 with tau^2 = r^2 / n: n sigma^2 / r^2 (m plays no role)."""
    return n * sigma**2 / r**2


def gcv_score(X, y, lam):
    """GCV(lam) = (1/m)||y - y_hat||^2 / (1 - tr(H)/m)^2 with tr(H) = 1 + df(lam)."""
    m = X.shape[0]
    w, b = ridge_closed_form(X, y, lam)
    train_mse = np.mean((X @ w + b - y) ** 2)
    trace = 1 + effective_df(X, [lam])[0]
    return float(train_mse / (1 - trace / m) ** 2)
