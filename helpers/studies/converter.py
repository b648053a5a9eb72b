"""The course's lam in other libraries' terms.

The course writes (m samples, bias b never penalized)

    ridge:        J = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2
    lasso:        J = 1/(2m) ||X w + b - y||^2 + lam/m ||w||_1
    elastic net:  J = 1/(2m) ||X w + b - y||^2 + lam/m (rho ||w||_1 + (1 - rho)/2 ||w||^2)
    logistic:     J = mean log-loss + lam/(2m) ||w||^2

Each library writes its own objective (see CONVERSIONS); matching the two objectives up to a
positive factor gives the parameter. Decoupled weight decay (AdamW) is not a penalty in the
objective at all, so it has no lam (Loshchilov & Hutter 2019, Proposition 2).
"""

import numpy as np

from .._validation import as_float, as_int, as_lam, as_positive, as_Xy
from ..errors import DivergenceError
from ..linear.ridge import _hessian_top_eigenvalue

__all__ = ["CONVERSIONS", "NO_EQUIVALENT", "convert_lambda", "converter_table",
           "emulate_torch_sgd", "emulate_keras_l2"]

# target -> (the library's documented objective, the setting, a function (lam, m, rho) -> dict)
CONVERSIONS = {
    "sklearn.Ridge": ("||y - Xw||^2 + alpha ||w||^2", "alpha = λ",
                      lambda lam, m, rho: {"alpha": lam}),
    "sklearn.Lasso": ("1/(2m) ||y - Xw||^2 + alpha ||w||_1", "alpha = λ/m",
                      lambda lam, m, rho: {"alpha": lam / m}),
    "sklearn.ElasticNet": ("1/(2m) ||y - Xw||^2 + alpha*l1_ratio ||w||_1"
                           " + alpha*(1 - l1_ratio)/2 ||w||^2",
                           "alpha = λ/m, l1_ratio = ρ",
                           lambda lam, m, rho: {"alpha": lam / m, "l1_ratio": rho}),
    "sklearn.SGDRegressor": ("(1/m) sum 1/2 (y - f)^2 + alpha 1/2 ||w||^2 (penalty='l2')",
                             "alpha = λ/m", lambda lam, m, rho: {"alpha": lam / m}),
    "sklearn.LogisticRegression": ("C sum log-loss + 1/2 ||w||^2 (lbfgs; not liblinear); "
                                   "m/λ times the course's mean log-loss + λ/(2m) ||w||^2",
                                   "C = 1/λ (course: mean log-loss + λ/(2m) ||w||^2)",
                                   lambda lam, m, rho: {"C": np.inf if lam == 0 else 1 / lam}),
    "torch.SGD": ("MSELoss = (1/m) ||r||^2, plus weight_decay*p added to each gradient "
                  "(= penalty weight_decay/2 ||p||^2)",
                  "weight_decay = 2 λ/m (biases in a group with weight_decay=0)",
                  lambda lam, m, rho: {"weight_decay": 2 * lam / m}),
    "keras.L2": ("loss='mse' (1/m) ||r||^2 + l2 ||W||^2 (kernel_regularizer)", "l2 = λ/m",
                 lambda lam, m, rho: {"l2": lam / m}),
}

NO_EQUIVALENT = {
    "torch.AdamW": "torch.optim.AdamW",
    "keras.AdamW": "keras.optimizers.AdamW",
}


def convert_lambda(lam, m, to, rho=0.5):
    """The parameter(s) of another library that reproduce the course's lam.

    Parameters
    ----------
    lam : float >= 0
        The course's lam for the objective the target fits (ridge lam for Ridge, SGDRegressor,
        torch.SGD and keras.L2; lasso lam for Lasso; elastic-net lam for ElasticNet;
        logistic lam for LogisticRegression).
    m : int >= 1
        Number of training samples (full-batch; with mini-batches the per-batch mean still
        makes the per-sample conventions lam/m).
    to : str
        One of CONVERSIONS: 'sklearn.Ridge', 'sklearn.Lasso', 'sklearn.ElasticNet',
        'sklearn.SGDRegressor', 'sklearn.LogisticRegression', 'torch.SGD', 'keras.L2'.
    rho : float in [0, 1]
        L1 share of the elastic net (used by 'sklearn.ElasticNet' only).

    Returns
    -------
    dict
        Keyword arguments for the library, e.g. {'alpha': 0.05}.

    Raises
    ------
    ValueError
        For 'torch.AdamW' / 'keras.AdamW': decoupled weight decay has no lam.

    Examples
    --------
    >>> convert_lambda(10.0, 200, to="torch.SGD")
    {'weight_decay': 0.1}
    """
    lam, m, rho = _check_lam_m_rho(lam, m, rho)
    if to in NO_EQUIVALENT:
        raise ValueError(
            f"{NO_EQUIVALENT[to]} has no equivalent lam: its weight decay is decoupled, "
            f"theta <- theta - lr*wd*theta applied outside the adaptive (Adam) step, so it is "
            f"not the gradient of any penalty added to the loss. Adam rescales the gradient of "
            f"an L2 term per coordinate while AdamW does not, and no single L2 coefficient "
            f"makes the two runs equal (Loshchilov & Hutter 2019, Proposition 2). Use "
            f"torch.optim.SGD(weight_decay=...) or an L2 term in the loss to match the "
            f"course's lam, or tune AdamW's weight_decay on its own")
    if to not in CONVERSIONS:
        raise ValueError(f"to == {to!r}, must be one of {sorted(CONVERSIONS)} "
                         f"(or {sorted(NO_EQUIVALENT)}, which have no equivalent)")
    return CONVERSIONS[to][2](lam, m, rho)


def _check_lam_m_rho(lam, m, rho):
    lam, m = as_lam(lam), as_int(m, "m", minimum=1)
    rho = as_float(rho, "rho", minimum=0.0)
    if rho > 1.0:
        raise ValueError(f"rho == {rho}, must be in [0, 1] (the share of the L1 part)")
    return lam, m, rho


def converter_table(lam, m, rho=0.5):
    """Rows (target, documented objective, setting, value) for printing the converter.

    Parameters
    ----------
    lam : float >= 0
        The course's lam.
    m : int >= 1
        Number of training samples.
    rho : float in [0, 1]
        Elastic-net L1 share.

    Returns
    -------
    list of tuples (str, str, str, dict)
    """
    lam, m, rho = _check_lam_m_rho(lam, m, rho)
    return [(to, objective, setting, convert(lam, m, rho))
            for to, (objective, setting, convert) in CONVERSIONS.items()]


def _full_batch_gd(X, y, grad_fn, lr, n_iters, what):
    X, y = as_Xy(X, y)
    lr, n_iters = as_positive(lr, "lr"), as_int(n_iters, "n_iters", minimum=1)
    w, b = np.zeros(X.shape[1]), 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(n_iters):
            r = X @ w + b - y
            grad_w, grad_b = grad_fn(X, r, w)
            w, b = w - lr * grad_w, b - lr * grad_b
    if not (np.all(np.isfinite(w)) and np.isfinite(b)):
        raise DivergenceError(f"the {what} emulation diverged: lr={lr:.4g} is too large; it "
                              f"must be below {1 / _hessian_top_eigenvalue(X, 0.0):.4g} "
                              f"(2/L of the "
                              f"unpenalized loss; the penalty lowers the bound further)")
    return w, float(b)


def emulate_torch_sgd(X, y, weight_decay, lr, n_iters=5000):
    """Full-batch torch.optim.SGD (no momentum) on nn.MSELoss for a linear model, in numpy.

    PyTorch's documented update: g = dLoss/dp + weight_decay * p, then p <- p - lr * g, with
    Loss = mean((Xw + b - y)^2). The bias sits in a parameter group with weight_decay = 0.

    Parameters
    ----------
    X : ndarray of shape (m, n) ; y : ndarray of shape (m,)
    weight_decay : float >= 0
    lr : float > 0
    n_iters : int >= 1

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    """
    wd = as_lam(weight_decay, "weight_decay")

    def grad(X, r, w):
        return 2 * X.T @ r / X.shape[0] + wd * w, 2 * float(np.mean(r))

    return _full_batch_gd(X, y, grad, lr, n_iters, "torch.SGD")


def emulate_keras_l2(X, y, l2, lr, n_iters=5000):
    """Full-batch keras SGD on loss='mse' with kernel_regularizer=L2(l2), in numpy.

    Keras minimizes mean((Xw + b - y)^2) + l2 * sum(w^2) (no 1/2, bias not regularized):
    gradient 2/m X^T r + 2 l2 w, then w <- w - lr * gradient.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    l2 : float >= 0
        Keras's L2 coefficient.
    lr : float > 0
    n_iters : int >= 1
        Number of full-batch steps (all are taken).

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    """
    l2 = as_lam(l2, "l2")

    def grad(X, r, w):
        return 2 * X.T @ r / X.shape[0] + 2 * l2 * w, 2 * float(np.mean(r))

    return _full_batch_gd(X, y, grad, lr, n_iters, "keras L2")
