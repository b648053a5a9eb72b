"""Exercise checks for notebook 04 (the code walkthrough).

Convention: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2, bias not penalized.
"""

import numpy as np

from ..linear.ridge import max_stable_lr
from ._core import Exercise, Mistake

__all__ = ["check_gd_ridge", "check_max_stable_lr", "check_equivalent_lam"]


def _gd_cases():
    cases = []
    for seed, (m, n), lam, lr, n_iters in [(40, (30, 3), 3.0, 0.1, 50),
                                           (41, (8, 5), 1.0, 0.05, 80),
                                           (42, (60, 2), 20.0, 0.2, 30)]:
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(m, n)) + 0.3
        y = X @ rng.normal(size=n) + 2.0 + 0.1 * rng.normal(size=m)
        cases.append((X, y, lam, lr, n_iters))
    return cases


def _gd(X, y, lam, lr, n_iters, penalize_bias=False, use_lam=True, fit_bias=True):
    m, n = X.shape
    w, b = np.zeros(n), 0.0
    lam_eff = lam if use_lam else 0.0
    for _ in range(n_iters):
        r = X @ w + b - y
        grad_w = X.T @ r / m + lam_eff / m * w
        grad_b = float(np.mean(r)) + (lam_eff / m * b if penalize_bias else 0.0)
        w = w - lr * grad_w
        b = b - lr * grad_b if fit_bias else 0.0
    return w, float(b)


check_gd_ridge = Exercise(
    name="gd_ridge",
    reference=_gd,
    cases=_gd_cases,
    mistakes=[
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters, penalize_bias=True),
                "the bias is being penalized: grad_b is mean(r), with no lam term."),
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters, use_lam=False),
                "lam is ignored: add (lam/m) w to grad_w."),
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters, fit_bias=False),
                "there is no bias: start b at 0 and update it with b <- b - lr*mean(r)."),
        Mistake(lambda X, y, lam, lr, n_iters: _gd(X, y, lam, lr, n_iters - 1),
                "off by one: take exactly n_iters steps, starting from w = 0, b = 0."),
    ],
    rtol=1e-6, atol=1e-8,
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
    ],
)


def _lam_cases():
    return [(500, 0.1, 100), (60, 0.5, 7), (1000, 0.01, 2000)]


check_equivalent_lam = Exercise(
    name="equivalent_lam",
    reference=lambda m, lr, n_steps: m / (lr * n_steps),
    cases=_lam_cases,
    mistakes=[
        Mistake(lambda m, lr, n_steps: 1 / (lr * n_steps),
                "that is GBC's alpha = 1/(lr*tau); in the course's units lam = m * alpha, "
                "because the penalty is lam/(2m)||w||^2."),
        Mistake(lambda m, lr, n_steps: lr * n_steps / m,
                "upside down: more steps mean less regularization, so lam falls as tau grows."),
        Mistake(lambda m, lr, n_steps: m / n_steps,
                "the learning rate is missing: what counts is the total 'time' lr * tau."),
    ],
)
