"""Exercise checks for notebook 04 (the code walkthrough).

Convention: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2, bias not penalized.
Worked solutions: solutions/ch04.py. Tests: tests/test_exercises_ch04.py.
"""

import numpy as np

from ..linear.ridge import max_stable_lr
from ._core import Exercise, Mistake

__all__ = ["check_gd_ridge", "check_max_stable_lr", "check_equivalent_lam"]


def _gd_cases():
    """Three problems, plus one with two steps and a large lam (where an off-by-one or a
    doubled penalty gradient shows most); the mean of X is not 0, so the bias matters."""
    cases = []
    for seed, (m, n), lam, lr, n_iters in [(40, (30, 3), 3.0, 0.1, 50),
                                           (41, (8, 5), 1.0, 0.05, 80),
                                           (42, (60, 2), 20.0, 0.2, 30),
                                           (43, (5, 4), 50.0, 0.02, 2)]:
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(m, n)) + 0.3
        y = X @ rng.normal(size=n) + 2.0 + 0.1 * rng.normal(size=m)
        cases.append((X, y, lam, lr, n_iters))
    return cases


def _gd(X, y, lam, lr, n_iters, penalize_bias=False, use_lam=True, fit_bias=True, lam_scale=1.0,
        use_lr=True):
    m, n = X.shape
    w, b = np.zeros(n), 0.0
    lam_eff = lam * lam_scale if use_lam else 0.0
    lr = lr if use_lr else 1.0
    for _ in range(n_iters):
        r = X @ w + b - y
        grad_w = X.T @ r / m + lam_eff / m * w
        grad_b = float(np.mean(r)) + (lam_eff / m * b if penalize_bias else 0.0)
        w = w - lr * grad_w
        b = b - lr * grad_b if fit_bias else 0.0
    return w, float(b)


def _gd_b_after_w(X, y, lam, lr, n_iters):
    """b updated with a residual recomputed after w has moved (the two gradients differ)."""
    m, n = X.shape
    w, b = np.zeros(n), 0.0
    for _ in range(n_iters):
        w = w - lr * (X.T @ (X @ w + b - y) / m + lam / m * w)
        b = b - lr * float(np.mean(X @ w + b - y))
    return w, float(b)


def _gd_y_column(X, y, lam, lr, n_iters):
    """y used as a column (m, 1): the residual, and then w, become columns too."""
    m, n = X.shape
    w, b = np.zeros((n, 1)), 0.0
    for _ in range(n_iters):
        r = X @ w + b - y.reshape(-1, 1)
        w = w - lr * (X.T @ r / m + lam / m * w)
        b = b - lr * float(np.mean(r))
    return w, float(b)


check_gd_ridge = Exercise(
    name="gd_ridge",
    reference=_gd,
    cases=_gd_cases,
    mistakes=[
        Mistake(_gd_y_column,
                "your w has shape (n, 1): y was used as a column, so the residual became (m, 1) "
                "and w followed; keep y of shape (m,) and w of shape (n,)."),
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters, penalize_bias=True),
                "the bias is being penalized: grad_b is mean(r), with no lam term."),
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters, use_lam=False),
                "lam is ignored: add (lam/m) w to grad_w."),
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters, fit_bias=False),
                "there is no bias: start b at 0 and update it with b <- b - lr*mean(r)."),
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters - 1),
                "off by one: you took one step too few; take exactly n_iters steps, starting "
                "from w = 0, b = 0."),
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters + 1),
                "off by one: you took one step too many; take exactly n_iters steps, starting "
                "from w = 0, b = 0."),
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters, lam_scale=2.0),
                "the penalty gradient is doubled: the derivative of lam/(2m) ||w||^2 is "
                "(lam/m) w, not (2 lam/m) w."),
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters,
                                                   lam_scale=X.shape[0]),
                "the penalty gradient is missing its 1/m: it is (lam/m) w, not lam w."),
        Mistake(_gd_b_after_w,
                "b was updated with a residual computed after w had moved: compute r = Xw + b - y "
                "once per step, take both gradients from it, then update w and b."),
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters, use_lr=False),
                "lr is ignored: each step is w <- w - lr * grad_w and b <- b - lr * grad_b."),
    ],
)


def _lr_cases():
    """Centered features whose top Hessian eigenvalue exceeds the bias curvature 1."""
    cases = []
    for seed, (m, n), lam in [(50, (40, 3), 0.0), (51, (25, 4), 5.0), (52, (6, 8), 2.0)]:
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(m, n)) * np.linspace(1.5, 3.0, n)
        cases.append((X - X.mean(axis=0), lam))
    return cases


def _top(X, lam, divide_lam=True):
    m, n = X.shape
    return float(np.linalg.eigvalsh(X.T @ X / m + (lam / m if divide_lam else lam) * np.eye(n))[-1])


check_max_stable_lr = Exercise(
    name="max_stable_lr",
    reference=lambda X, lam: max_stable_lr(X, lam),
    cases=_lr_cases,
    mistakes=[
        Mistake(lambda X, lam: 1 / _top(X, lam),
                "that is 1/L, a safe step but not the bound: gradient descent converges for "
                "every lr < 2/L."),
        Mistake(lambda X, lam: 2 / (X.shape[0] * _top(X, lam)),
                "the Hessian is missing its 1/m: H = (X^T X + lam I)/m."),
        Mistake(lambda X, lam: 2 / _top(X, 0.0),
                "lam is ignored: the penalty adds lam/m to every eigenvalue of the Hessian."),
        Mistake(lambda X, lam: 2 / _top(X, lam, divide_lam=False),
                "lam is not divided by m: the Hessian is (X^T X + lam I)/m, so lam adds lam/m."),
        Mistake(lambda X, lam: _top(X, lam),
                "you returned L itself, the largest eigenvalue of the Hessian; the bound on the "
                "learning rate is 2/L."),
        Mistake(lambda X, lam: 2 / float(np.linalg.eigvalsh(X.T @ X / X.shape[0]
                                                            + lam / X.shape[0]
                                                            * np.eye(X.shape[1]))[0]),
                "you used the smallest eigenvalue; the bound 2/L uses the largest one, L."),
        Mistake(lambda X, lam: 2 / (float(np.linalg.svd(X, compute_uv=False)[0]) / X.shape[0]
                                    + lam / X.shape[0]),
                "you used the largest singular value s of X; the eigenvalues of X^T X / m are "
                "s^2 / m, so L = (s_max^2 + lam) / m."),
    ],
)


def _lam_cases():
    """Values where m, lr and n_iters are all different from 1 and from each other."""
    return [(500, 0.1, 100), (60, 0.5, 7), (1000, 0.01, 2000), (7, 2.0, 3)]


check_equivalent_lam = Exercise(
    name="equivalent_lam",
    reference=lambda m, lr, n_iters: m / (lr * n_iters),
    cases=_lam_cases,
    mistakes=[
        Mistake(lambda m, lr, n_iters: 1 / (lr * n_iters),
                "that is GBC's alpha = 1/(lr * n_iters); in the course's units lam = m * alpha, "
                "because the penalty is lam/(2m)||w||^2."),
        Mistake(lambda m, lr, n_iters: lr * n_iters / m,
                "upside down: more steps mean less regularization, so lam falls as n_iters grows."),
        Mistake(lambda m, lr, n_iters: m / n_iters,
                "the learning rate is missing: what counts is the total 'time' lr * n_iters."),
        Mistake(lambda m, lr, n_iters: m / lr,
                "the number of steps is missing: lam = m / (lr * n_iters)."),
        Mistake(lambda m, lr, n_iters: 2 * m / (lr * n_iters),
                "a factor 2 too many: in the course's units lam = m / (lr * n_iters); the 1/2 of "
                "lam/(2m) ||w||^2 is already taken care of by its derivative (lam/m) w."),
        Mistake(lambda m, lr, n_iters: m / (2 * lr * n_iters),
                "half the expected value: in the course's units lam = m / (lr * n_iters)."),
        Mistake(lambda m, lr, n_iters: m / lr * n_iters,
                "operator precedence: m / lr * n_iters is (m / lr) * n_iters; the whole product "
                "lr * n_iters belongs in the denominator: m / (lr * n_iters)."),
    ],
)
