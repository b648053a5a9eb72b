"""Solutions for notebook 05 (choosing lam)."""

import numpy as np


def fold_labels(order, n_folds):
    """Deal the shuffled samples like cards: sample order[j] goes to fold j % n_folds."""
    labels = np.empty(len(order), dtype=int)
    labels[order] = np.arange(len(order)) % n_folds
    return labels


def one_se_lam(lams, mean, se):
    """The largest lam whose mean CV error is within one SE (taken at the minimum) of the best."""
    best = np.argmin(mean)
    return float(lams[mean <= mean[best] + se[best]].max())


def loo_ridge(X, y, lam):
    """Exact leave-one-out MSE of ridge with an unpenalized bias, from a single fit.

    H = 11^T/m + Xc (Xc^T Xc + lam I)^-1 Xc^T and LOO = mean(((y - y_hat) / (1 - H_ii))^2).
    """
    m, n = X.shape
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    A = Xc @ np.linalg.solve(Xc.T @ Xc + lam * np.eye(n), Xc.T)
    y_hat = y.mean() + A @ yc
    leverage = 1.0 / m + np.diag(A)
    return float(np.mean(((y - y_hat) / (1.0 - leverage)) ** 2))
