"""Worked solutions for notebook 02 (the loss formula), with the reasoning behind each line.

The course's objective: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2 (L2), bias not
penalized. Each function below is checked by the matching ``check_*`` of helpers.exercises.ch02.
"""


def ridge_objective(w, b, X, y, lam):
    """J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2 (the bias is not penalized).

    Why each factor: the 1/m makes the data term a mean (comparable across data sets); the 1/2
    cancels the 2 of the derivative, so the gradient is (1/m) X^T r + (lam/m) w; the penalty is
    over the same m, so the course's lam is scikit-learn's Ridge(alpha). b is left out of the
    penalty because shrinking it would pull predictions toward 0, not toward a simpler function.
    Keep y 1-D: a column y of shape (m, 1) would broadcast X w - y to an (m, m) matrix.
    """
    m = X.shape[0]
    r = X @ w + b - y                         # residuals, shape (m,)
    return float(r @ r / (2 * m) + lam * (w @ w) / (2 * m))


def standardize(X_train, X_test):
    """Standardize both splits with the training mean and (ddof=0) standard deviation.

    Why training statistics only: the test set must play no role in fitting anything, the
    scaling included; the test columns then have mean near 0 and std near 1, not exactly.
    Why per column (axis=0): each feature gets its own scale, which is what makes the penalty
    independent of the units of each feature.
    """
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std


def torch_weight_decay(lam, m):
    """wd = 2 lam / m for full-batch torch.optim.SGD on nn.MSELoss().

    Why: nn.MSELoss is mean(r^2) = (1/m) ||r||^2, twice the course's data term. SGD's
    weight_decay adds wd * w to the gradient, the gradient of (wd/2) ||w||^2. So PyTorch
    minimizes (1/m) ||r||^2 + (wd/2) ||w||^2, and 2 J = (1/m) ||r||^2 + (lam/m) ||w||^2 has the
    same minimizer when wd/2 = lam/m, i.e. wd = 2 lam / m.
    """
    return 2.0 * lam / m


def map_lambda(sigma, tau):
    """Gaussian noise N(0, sigma^2) and Gaussian prior w_j ~ N(0, tau^2): lam = sigma^2 / tau^2.

    Why: -log p(w, b | X, y) = ||r||^2 / (2 sigma^2) + ||w||^2 / (2 tau^2) + const. Multiply by
    sigma^2 / m (a positive factor does not move the minimizer): 1/(2m) ||r||^2 +
    (sigma^2/tau^2)/(2m) ||w||^2, which is J with lam = sigma^2 / tau^2.
    """
    return sigma**2 / tau**2


def laplace_map_lambda(sigma, tau):
    """Gaussian noise N(0, sigma^2), Laplace prior p(w_j) ~ exp(-|w_j|/tau): lam = sigma^2/tau.

    Why: -log p(w, b | X, y) = ||r||^2 / (2 sigma^2) + ||w||_1 / tau + const. Multiply by
    sigma^2 / m: 1/(2m) ||r||^2 + (sigma^2/tau)/m ||w||_1, the course's lasso objective
    1/(2m) ||r||^2 + lam/m ||w||_1 with lam = sigma^2 / tau.
    """
    return sigma**2 / tau
