"""Exercise checks for notebook 03 (deriving the gradient).

Convention: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2, bias not penalized.
"""

import numpy as np

from ..linear.losses import ridge_grad, soft_threshold
from ._core import Exercise, Mistake

__all__ = ["check_ridge_gradient", "check_soft_threshold", "check_weight_decay_step"]


def _linear_cases():
    """(w, b, X, y, lam) with m > n and m < n, a non-zero bias and lam > 0."""
    cases = []
    for seed, (m, n), lam in [(30, (20, 3), 2.0), (31, (6, 9), 0.7), (32, (50, 4), 10.0)]:
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(m, n)) + 0.5
        cases.append((rng.normal(size=n), 1.5, X, rng.normal(size=m) + 1.0, lam))
    return cases


def _residual(w, b, X, y):
    return X @ w + b - y


def _grad_parts(w, b, X, y, lam):
    m = X.shape[0]
    r = _residual(w, b, X, y)
    return X.T @ r / m, lam / m * w, float(np.mean(r))


def _reference_gradient(w, b, X, y, lam):
    return ridge_grad(w, b, X, y, lam)


def _mistake_gradient(kind):
    def wrong(w, b, X, y, lam):
        data, penalty, grad_b = _grad_parts(w, b, X, y, lam)
        m = X.shape[0]
        return {
            "factor2": (2 * (data + penalty), 2 * grad_b),
            "no_1_over_m": (data + lam * w, grad_b),
            "penalty_factor2": (data + 2 * penalty, grad_b),
            "bias": (data + penalty, grad_b + lam / m * b),
            "no_penalty": (data, grad_b),
            "sign": (-data + penalty, -grad_b),
        }[kind]
    return wrong


check_ridge_gradient = Exercise(
    name="ridge_gradient",
    reference=_reference_gradient,
    cases=_linear_cases,
    mistakes=[
        Mistake(_mistake_gradient("factor2"),
                "your gradient is off by a factor of 2: did you drop the 1/2 of 1/(2m)? "
                "Differentiating (1/2) r^2 gives r, not 2r."),
        Mistake(_mistake_gradient("no_1_over_m"),
                "the penalty gradient is missing its 1/m: it is (lam/m) w, not lam w."),
        Mistake(_mistake_gradient("penalty_factor2"),
                "the penalty gradient is twice too big: the derivative of lam/(2m) ||w||^2 is "
                "(lam/m) w."),
        Mistake(_mistake_gradient("bias"),
                "the bias is being penalized: grad_b is mean(r) with no lam term."),
        Mistake(_mistake_gradient("no_penalty"),
                "the penalty term is missing: add (lam/m) w to grad_w."),
        Mistake(_mistake_gradient("sign"),
                "the data term has the wrong sign: use r = X w + b - y (prediction minus "
                "target), so that grad_w = (1/m) X^T r + (lam/m) w."),
    ],
)


def _threshold_cases():
    z = np.array([-3.0, -1.2, -0.5, -0.1, 0.0, 0.2, 0.7, 1.0, 2.5])
    return [(z, 0.6), (z * 2, 1.0), (np.linspace(-2, 2, 11), 0.0), (np.array([0.3, -4.0]), 5.0)]


check_soft_threshold = Exercise(
    name="soft_threshold",
    reference=lambda z, t: soft_threshold(z, t),
    cases=_threshold_cases,
    mistakes=[
        Mistake(lambda z, t: np.where(np.abs(z) > t, z, 0.0),
                "that is hard thresholding: entries above t must also move toward 0 by t."),
        Mistake(lambda z, t: z - t * np.sign(z),
                "entries with |z| <= t must become exactly 0, not cross over: clip at 0 with "
                "max(|z| - t, 0)."),
        Mistake(lambda z, t: np.maximum(z - t, 0.0),
                "negative entries are lost: use sign(z) * max(|z| - t, 0) so both sides shrink."),
    ],
)


def _step_cases():
    return [(*case, lr) for case, lr in zip(_linear_cases(), (0.1, 0.05, 0.02))]


def _reference_step(w, b, X, y, lam, lr):
    m = X.shape[0]
    r = _residual(w, b, X, y)
    return (1 - lr * lam / m) * w - lr * X.T @ r / m, float(b - lr * np.mean(r))


def _mistake_step(kind):
    def wrong(w, b, X, y, lam, lr):
        m = X.shape[0]
        r = _residual(w, b, X, y)
        data, grad_b = X.T @ r / m, float(np.mean(r))
        decay = {"no_m": 1 - lr * lam, "factor2": 1 - 2 * lr * lam / m}.get(kind, 1 - lr * lam / m)
        if kind == "bias":
            return decay * w - lr * data, float(decay * b - lr * grad_b)
        if kind == "ascent":
            return decay * w + lr * data, float(b + lr * grad_b)
        return decay * w - lr * data, float(b - lr * grad_b)
    return wrong


check_weight_decay_step = Exercise(
    name="weight_decay_step",
    reference=_reference_step,
    cases=_step_cases,
    mistakes=[
        Mistake(_mistake_step("bias"),
                "the bias is being decayed: only w is multiplied by (1 - lr*lam/m); "
                "b <- b - lr*mean(r)."),
        Mistake(_mistake_step("no_m"),
                "the decay factor is missing its 1/m: it is (1 - lr*lam/m)."),
        Mistake(_mistake_step("factor2"),
                "the decay is twice too strong: the penalty lam/(2m)||w||^2 has gradient "
                "(lam/m) w, so the factor is (1 - lr*lam/m)."),
        Mistake(_mistake_step("ascent"),
                "the data step goes uphill: subtract lr * (1/m) X^T r, with r = X w + b - y."),
    ],
)
