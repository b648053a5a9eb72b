"""Solutions for notebook 05 (choosing lam)."""

import numpy as np


def fold_labels(order, n_folds):
    """Deal the shuffled samples like cards: sample order[j] goes to fold j % n_folds.

    Why: dealing round-robin makes fold sizes differ by at most one for any m, and writing
    labels[order] = ... labels each *sample* (not each position of the shuffle).
    """
    labels = np.empty(len(order), dtype=int)
    labels[order] = np.arange(len(order)) % n_folds
    return labels


def one_se_lam(lams, mean, se):
    """The largest lam whose mean CV error is within one SE (taken at the minimum) of the best.

    Why: the curve's minimum is itself uncertain, by about its own standard error se[i_min];
    every lam whose error lies within that band cannot be told apart from the best, and the
    largest such lam is the simplest model (the strongest penalty). The threshold is ONE number,
    mean[i_min] + se[i_min], not se.min() and not each lam's own se.
    """
    best = np.argmin(mean)
    return float(lams[mean <= mean[best] + se[best]].max())


def loo_ridge(X, y, lam):
    """Exact leave-one-out MSE of ridge with an unpenalized bias, from a single fit.

    H = 11^T/m + Xc (Xc^T Xc + lam I)^-1 Xc^T and LOO = mean(((y - y_hat) / (1 - H_ii))^2).

    Why: ridge predictions are linear in y (y_hat = H y), and refitting without sample i is the
    same as fitting with y_i replaced by its own leave-one-out prediction; solving that identity
    gives the residual (y_i - y_hat_i) / (1 - H_ii). The bias is fitted too, which adds 1/m to every
    H_ii. The m's cancel in this convention: the normal equations use lam, not lam/m. Keep y of
    shape (m,): a column (m, 1) would broadcast against the leverages into an (m, m) table.
    """
    m, n = X.shape
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    A = Xc @ np.linalg.solve(Xc.T @ Xc + lam * np.eye(n), Xc.T)
    y_hat = y.mean() + A @ yc
    leverage = 1.0 / m + np.diag(A)
    return float(np.mean(((y - y_hat) / (1.0 - leverage)) ** 2))


def tuned_test_mse(X_train, y_train, X_test, y_test, lams, folds):
    """Choose lam on the training set only, then report the test error once: (lam_min, test MSE).

    Why each step:
    - Every choice (here lam, and the scaler's mean and scale) is made from training rows only.
      A lam that minimizes the test error makes that test error a minimum over many tries, hence
      optimistic: it no longer estimates the error on new data. The checker catches this by
      changing only y_test (or only X_test) and watching whether lam moves.
    - The scaler is fitted inside each training fold, so the validation fold is as unseen as new
      data will be (fitting it once on X_train is accepted too: it never sees the test rows).
      Fitting it on training and test rows together ("standardizing before splitting") lets the
      test rows shape the features the model is tuned and fitted on.
    - After the choice, the model is refitted on all of X_train (more data than any fold) and the
      test rows are transformed with the training scaler: the model must see test data exactly as
      it would see new data.
    """
    from helpers import Standardizer, ridge_closed_form

    lams = np.asarray(lams, dtype=float)
    cv = np.zeros(lams.size)
    for val in folds:                                     # K-fold CV on the training set
        fit = np.setdiff1d(np.arange(len(y_train)), val)
        scaler = Standardizer.fit(X_train[fit])           # learned inside the fold
        Z_fit, Z_val = scaler.transform(X_train[fit]), scaler.transform(X_train[val])
        for k, lam in enumerate(lams):
            w, b = ridge_closed_form(Z_fit, y_train[fit], lam)
            cv[k] += np.mean((y_train[val] - Z_val @ w - b) ** 2) / len(folds)
    lam = float(lams[np.argmin(cv)])                      # lam_min; the test set played no part
    scaler = Standardizer.fit(X_train)                    # refit on the whole training set
    w, b = ridge_closed_form(scaler.transform(X_train), y_train, lam)
    test_mse = float(np.mean((y_test - scaler.transform(X_test) @ w - b) ** 2))   # used once
    return lam, test_mse
