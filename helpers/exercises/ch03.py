"""Exercise checks for notebook 03 (deriving the gradient).

Convention: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2, bias not penalized.
Every check accepts an answer right to float32 precision, written any way (a list, another
formula); each planted mistake is separated from the right answer by at least one case
(tests/test_exercises_ch03.py plants every one of them).
"""

import numpy as np

from ..linear.losses import ridge_grad, soft_threshold
from ._core import Exercise, Mistake

__all__ = ["check_ridge_gradient", "check_soft_threshold", "check_weight_decay_step",
           "check_step_size_bound"]


def _linear_cases():
    """(w, b, X, y, lam) with m > n and m < n, a non-zero bias and lam > 0."""
    cases = []
    for seed, (m, n), lam in [(30, (20, 3), 2.0), (31, (6, 9), 0.7), (32, (50, 4), 10.0)]:
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(m, n)) + 0.5
        cases.append((rng.normal(size=n), 1.5, X, rng.normal(size=m) + 1.0, lam))
    return cases


def _gradient_cases():
    """The linear cases, plus one with large values and lam = 0."""
    rng = np.random.default_rng(33)
    X = 10.0 * rng.normal(size=(15, 2))
    return _linear_cases() + [(100.0 * rng.normal(size=2), -40.0, X,
                               50.0 * rng.normal(size=15), 0.0)]


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
        variants = {
            "factor2": lambda: (2 * (data + penalty), 2 * grad_b),
            "no_1_over_m": lambda: (data + lam * w, grad_b),
            "penalty_factor2": lambda: (data + 2 * penalty, grad_b),
            "bias": lambda: (data + penalty, grad_b + lam / m * b),
            "no_penalty": lambda: (data, grad_b),
            "sign": lambda: (-data + penalty, -grad_b),
            "no_b": lambda: (X.T @ (X @ w - y) / m + penalty, float(np.mean(X @ w - y))),
            "sum_b": lambda: (data + penalty, grad_b * m),
            "over_n": lambda: (data * m / X.shape[1] + penalty, grad_b),
            "l1": lambda: (data + lam / m * np.sign(w), grad_b),
            # y as a column: X w + b - y broadcasts to (m, m), so X^T r is (n, m)
            "column_y": lambda: (X.T @ (X @ w + b - y.reshape(-1, 1)) / m + penalty[:, None],
                                 grad_b),
        }
        return variants[kind]()
    return wrong


check_ridge_gradient = Exercise(
    name="ridge_gradient",
    reference=_reference_gradient,
    cases=_gradient_cases,
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
        Mistake(_mistake_gradient("no_b"),
                "the bias b is missing from the residual: r = X w + b - y, in grad_w and in "
                "grad_b. The bias is left out of the penalty, not out of the predictions."),
        Mistake(_mistake_gradient("sum_b"),
                "grad_b is a sum; it is the mean of the residuals, (1/m) sum_i r_i."),
        Mistake(_mistake_gradient("over_n"),
                "the data gradient is divided by n (features) instead of m (samples): "
                "(1/m) X^T r."),
        Mistake(_mistake_gradient("l1"),
                "that is the L1 (sub)gradient (lam/m) sign(w); the L2 penalty lam/(2m) ||w||^2 "
                "has gradient (lam/m) w."),
        Mistake(_mistake_gradient("column_y"),
                "grad_w has shape (n, m): y was used as a column (m, 1) and X w - y broadcast "
                "to an (m, m) matrix; keep y 1-D so that r has shape (m,)."),
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
        Mistake(lambda z, t: np.where(np.abs(z) >= t, z, 0.0),
                "that is hard thresholding: entries above t must also move toward 0 by t."),
        Mistake(lambda z, t: z - t * np.sign(z),
                "entries with |z| <= t must become exactly 0, not cross over: clip at 0 with "
                "max(|z| - t, 0)."),
        Mistake(lambda z, t: np.maximum(z - t, 0.0),
                "negative entries are lost: use sign(z) * max(|z| - t, 0) so both sides shrink."),
        Mistake(lambda z, t: np.maximum(np.abs(z) - t, 0.0),
                "the sign is lost: multiply max(|z| - t, 0) by sign(z)."),
        Mistake(lambda z, t: np.clip(z, -t, t),
                "that clips z to [-t, t]; the soft threshold does the opposite: entries inside "
                "[-t, t] become 0 and the others move toward 0 by t."),
    ],
)


def _step_cases():
    return [(*case, lr) for case, lr in zip(_linear_cases(), (0.1, 0.05, 0.02))]


def _two_steps(w, b, X, y, lam, lr):
    return _reference_step(*_reference_step(w, b, X, y, lam, lr), X, y, lam, lr)


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
        if kind == "no_lr":
            return (1 - lam / m) * w - data, float(b - grad_b)
        if kind == "decay_after":
            return decay * (w - lr * data), float(b - lr * grad_b)
        if kind == "no_b":
            r0 = X @ w - y
            return decay * w - lr * X.T @ r0 / m, float(b - lr * np.mean(r0))
        if kind == "new_r_for_b":
            w_new = decay * w - lr * data
            return w_new, float(b - lr * np.mean(_residual(w_new, b, X, y)))
        if kind == "decay_no_lr":
            return (1 - lam / m) * w - lr * data, float(b - lr * grad_b)
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
        Mistake(_mistake_step("no_lr"),
                "the learning rate lr is ignored: both the decay and the data step are "
                "multiplied by lr, w <- (1 - lr*lam/m) w - lr (1/m) X^T r."),
        Mistake(_mistake_step("decay_no_lr"),
                "the decay factor is missing the learning rate: it is (1 - lr*lam/m), because "
                "the penalty gradient (lam/m) w is multiplied by lr like the data gradient."),
        Mistake(_mistake_step("no_b"),
                "the bias b is missing from the residual: r = X w + b - y. The bias is left out "
                "of the penalty, not out of the predictions."),
        Mistake(_mistake_step("new_r_for_b"),
                "the bias step used a residual computed after updating w; compute "
                "r = X w + b - y once, from the old (w, b), and use it in both updates."),
        Mistake(_two_steps,
                "that is two steps (one step too many): return the result of a single update."),
        Mistake(_mistake_step("decay_after"),
                "you decayed the weights after the data step; both terms use the old w: "
                "w <- (1 - lr*lam/m) w - lr (1/m) X^T r, with r computed from the old w."),
    ],
)


def _bound_cases():
    """(X, lam): centered X with m > n, m < n, lam = 0 and a large lam."""
    cases = []
    for seed, (m, n), lam, scale in [(34, (30, 3), 0.0, 1.0), (35, (40, 5), 5.0, 3.0),
                                     (36, (8, 12), 2.0, 1.0), (37, (25, 4), 400.0, 0.5)]:
        X = scale * np.random.default_rng(seed).normal(size=(m, n))
        cases.append((X - X.mean(axis=0), lam))
    return cases


def _top_eig(X, lam):
    return float(np.linalg.eigvalsh((X.T @ X + lam * np.eye(X.shape[1])) / X.shape[0])[-1])


check_step_size_bound = Exercise(
    name="step_size_bound",
    reference=lambda X, lam: 2.0 / _top_eig(X, lam),
    cases=_bound_cases,
    mistakes=[
        Mistake(lambda X, lam: 1.0 / _top_eig(X, lam),
                "that is 1/L, a safe and common choice of step, but the bound asked for is 2/L: "
                "|1 - lr * nu| < 1 holds for every eigenvalue nu exactly when lr < 2/L."),
        Mistake(lambda X, lam: 2.0 / float(np.linalg.eigvalsh(
                    (X.T @ X + lam * np.eye(X.shape[1])) / X.shape[0])[0]),
                "you used the smallest eigenvalue; the bound is set by the largest one, "
                "L = nu_max: the steepest direction is the first to overshoot."),
        Mistake(lambda X, lam: 2.0 * X.shape[0] / _top_eig(X, lam) / X.shape[0] ** 2,
                "the Hessian is missing its 1/m: it is (X^T X + lam I)/m, and 2/L is "
                "2m / (s_max^2 + lam)."),
        Mistake(lambda X, lam: 2.0 / _top_eig(X, 0.0),
                "lam is missing: the penalty adds lam/m to every eigenvalue of the Hessian, "
                "L = (s_max^2 + lam)/m."),
        Mistake(lambda X, lam: 2.0 * X.shape[0] / (np.linalg.svd(X, compute_uv=False)[0] + lam),
                "you used the largest singular value s_max where its square belongs: the "
                "eigenvalues of X^T X are s_j^2, so L = (s_max^2 + lam)/m."),
        Mistake(lambda X, lam: 2.0 / _top_eig(X, lam * X.shape[0]),
                "the penalty's share of the Hessian is lam/m, not lam: L = (s_max^2 + lam)/m."),
    ],
)
