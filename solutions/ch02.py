"""Solutions for notebook 02 (the loss formula)."""



def ridge_objective(w, b, X, y, lam):
    """J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2 (the bias is not penalized)."""
    m = X.shape[0]
    r = X @ w + b - y
    return float(r @ r / (2 * m) + lam * (w @ w) / (2 * m))


def standardize(X_train, X_test):
    """Standardize both splits with the training mean and (ddof=0) standard deviation."""
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std


def torch_weight_decay(lam, m):
    """nn.MSELoss is mean(r^2) = 2 J's data term, and SGD(weight_decay=wd) adds (wd/2)||w||^2:
    2 J = mean(r^2) + (lam/m) ||w||^2 gives wd = 2 lam / m."""
    return 2.0 * lam / m


def map_lambda(sigma, tau):
    """Gaussian noise sigma^2 and prior N(0, tau^2): the MAP estimate is ridge with
    lam = sigma^2 / tau^2."""
    return sigma**2 / tau**2
