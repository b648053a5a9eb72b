"""Worked solutions for notebook 00 (start here), with the reasoning behind each line."""

import numpy as np


def mean_squared_error(y, y_hat):
    """MSE = (1/m) sum_i (y_i - y_hat_i)^2, the error the notebooks report on held-out data.

    Why this form:
    - Square each residual *before* averaging: averaging first lets positive and negative errors
      cancel (a model that is +1 off on half the points and -1 on the rest would score 0).
    - Divide by m, not 2m: the 1/2 in the objective J only makes its gradient tidy; the error we
      report is the plain mean, so that it is comparable with the noise variance sigma^2.
    - No square root: that would be the RMSE, in the units of y; the course reports the MSE.
    - Keep both arrays of shape (m,). If one were a column (m, 1), numpy would broadcast
      y - y_hat into an (m, m) table of every pair and the mean would be meaningless.
    """
    y, y_hat = np.ravel(y), np.ravel(y_hat)
    residual = y - y_hat                      # shape (m,)
    return float(np.mean(residual**2))        # equivalently residual @ residual / m


def ridge_bias(X, y, w):
    """The best bias for given weights: b = mean(y) - mean(X, axis=0) @ w.

    Why: the bias is not penalized, so J depends on b only through the data term
    (1/(2m)) sum_i (x_i^T w + b - y_i)^2. Setting its derivative (1/m) sum_i (x_i^T w + b - y_i)
    to zero gives b = y_bar - x_bar^T w: the fitted line (plane) passes through the centre of the
    data (x_bar, y_bar), whatever lambda is. x_bar holds one mean per feature (shape (n,)),
    which is why X.mean() (one number for all entries) is wrong as soon as n > 1.
    """
    x_bar = X.mean(axis=0)                    # shape (n,): one mean per feature
    return float(np.mean(y) - x_bar @ w)      # equivalently np.mean(y - X @ w)
