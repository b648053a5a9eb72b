"""The checks of notebook 03: right answers written differently pass, typical mistakes get hints.

Every planted mistake of every check is graded too: it must fail with its own hint, so no case
set lets a mistake pass or show another mistake's hint.
"""

import numpy as np
import pytest

from helpers.exercises import (
    check_ridge_gradient,
    check_soft_threshold,
    check_step_size_bound,
    check_weight_decay_step,
)
from solutions import ch03

CHECKS = [check_ridge_gradient, check_soft_threshold, check_weight_decay_step,
          check_step_size_bound]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.name)
def test_every_planted_mistake_fails_with_its_own_hint(check):
    for mistake in check.mistakes:
        fb = check.grade(mistake.fn)
        assert fb.status == "fail" and fb.message.endswith(mistake.hint), fb.message


# --- right answers, written differently -------------------------------------------------------

def _gradient_float32(w, b, X, y, lam):
    X32, y32, w32 = (a.astype(np.float32) for a in (X, y, w))
    r = X32 @ w32 + np.float32(b) - y32
    m = np.float32(len(y))
    return X32.T @ r / m + np.float32(lam) / m * w32, np.float32(r.mean())


def _gradient_loops_as_lists(w, b, X, y, lam):
    m, n = X.shape
    r = [float(X[i] @ w + b - y[i]) for i in range(m)]
    grad_w = [sum(r[i] * X[i, j] for i in range(m)) / m + lam / m * w[j] for j in range(n)]
    return grad_w, sum(r) / m


def _gradient_from_normal_equations(w, b, X, y, lam):
    m = len(y)   # (X^T X + lam I) w + X^T (b - y), all over m: the same vector, expanded
    return ((X.T @ X + lam * np.eye(X.shape[1])) @ w + X.T @ (b - y)) / m, \
        float(X.mean(0) @ w + b - y.mean())


def _soft_threshold_where(z, t):
    return np.where(z > t, z - t, np.where(z < -t, z + t, 0.0))


def _step_float32(w, b, X, y, lam, lr):
    g_w, g_b = _gradient_float32(w, b, X, y, lam)
    return w.astype(np.float32) - np.float32(lr) * g_w, np.float32(b) - np.float32(lr) * g_b


def _step_gradient_form(w, b, X, y, lam, lr):
    g_w, g_b = ch03.ridge_gradient(w, b, X, y, lam)
    return list(w - lr * g_w), b - lr * g_b


RIGHT = [
    (check_ridge_gradient, ch03.ridge_gradient),
    (check_ridge_gradient, _gradient_float32),
    (check_ridge_gradient, _gradient_loops_as_lists),
    (check_ridge_gradient, _gradient_from_normal_equations),
    (check_soft_threshold, ch03.soft_threshold),
    (check_soft_threshold, _soft_threshold_where),
    (check_soft_threshold, lambda z, t: z - np.clip(z, -t, t)),
    (check_soft_threshold, lambda z, t: [max(abs(v) - t, 0.0) * np.sign(v) for v in z]),
    (check_weight_decay_step, ch03.weight_decay_step),
    (check_weight_decay_step, _step_float32),
    (check_weight_decay_step, _step_gradient_form),
    (check_step_size_bound, ch03.step_size_bound),
    (check_step_size_bound, lambda X, lam: 2 / np.linalg.eigvalsh(
        (X.T @ X + lam * np.eye(X.shape[1])) / len(X))[-1]),
    (check_step_size_bound, lambda X, lam: np.float32(2 * len(X)) / np.float32(
        np.linalg.norm(X, 2) ** 2 + lam)),
]


@pytest.mark.parametrize("check, fn", RIGHT)
def test_right_answers_written_differently_pass(check, fn):
    fb = check.grade(fn)
    assert fb.passed, fb.message


# --- typical mistakes, written independently of the planted ones ---------------------------------

def _wd(decay, data_lr=None, n_steps=1, bias_decay=False):
    def step(w, b, X, y, lam, lr):
        m = len(y)
        for _ in range(n_steps):
            r = X @ w + b - y
            eta = lr if data_lr is None else data_lr
            w, b = decay(lr, lam, m) * w - eta * X.T @ r / m, \
                (decay(lr, lam, m) if bias_decay else 1.0) * b - eta * r.mean()
        return w, float(b)
    return step


def _step_column_y(w, b, X, y, lam, lr):
    r = X @ w + b - y.reshape(-1, 1)         # (m, m): raises when the decay form adds (n,)
    return (1 - lr * lam / len(y)) * w - lr * X.T @ r / len(y), b - lr * r.mean()


def _step_bias_after_w(w, b, X, y, lam, lr):
    m = len(y)
    w = w - lr * (X.T @ (X @ w + b - y) / m + lam / m * w)
    return w, b - lr * np.mean(X @ w + b - y)     # residual recomputed with the new w


def _step_without_b(w, b, X, y, lam, lr):
    g_w, g_b = ch03.ridge_gradient(w, 0.0, X, y, lam)   # b dropped from the predictions
    return w - lr * g_w, b - lr * g_b


def _step_bias_not_averaged(w, b, X, y, lam, lr):
    r = X @ w + b - y
    return (1 - lr * lam / len(y)) * w - lr * X.T @ r / len(y), b - lr * r / len(y)


TYPICAL = [
    (check_weight_decay_step, _step_column_y, "broadcast"),
    (check_ridge_gradient, lambda w, b, X, y, lam: (X.T @ (X @ w + b - y[:, None]) / len(y)
                                                    + lam / len(y) * w[:, None], 0.0), "broadcast"),
    (check_ridge_gradient, lambda w, b, X, y, lam: (X.T @ (X @ w + b - y) / len(y) * 2
                                                    + 2 * lam / len(y) * w,
                                                    2 * np.mean(X @ w + b - y)), "factor of 2"),
    (check_ridge_gradient, lambda w, b, X, y, lam: (X.T @ (X @ w + b - y) / len(y) + lam * w,
                                                    np.mean(X @ w + b - y)), "1/m"),
    (check_ridge_gradient, lambda w, b, X, y, lam: (X.T @ (X @ w + b - y) / len(y)
                                                    + lam / len(y) * w,
                                                    np.sum(X @ w + b - y)), "is a sum"),
    (check_ridge_gradient, lambda w, b, X, y, lam: (X.T @ (X @ w - y) + lam * w) / len(y),
     "expected a tuple of 2 values"),     # grad_w alone: a message, never a traceback
    (check_ridge_gradient, lambda w, b, X, y, lam: (X.T @ (X @ w + b - y) / len(y)
                                                    + lam / len(y) * w,
                                                    np.mean(X @ w + b - y, keepdims=True)),
     "value 2 of the returned tuple is an array of shape (1,)"),
    (check_ridge_gradient, lambda w, b, X, y, lam: ((X.T @ X @ w - X.T @ y + lam * w) / len(y),
                                                    np.mean(X @ w - y)),
     "b is missing from the residual"),
    (check_soft_threshold, lambda z, t: np.sign(z) * (np.abs(z) > t) * np.abs(z), "hard"),
    (check_soft_threshold, lambda z, t: z * (np.abs(z) >= t), "hard"),
    (check_soft_threshold, lambda z, t: np.abs(z) - t, None),
    (check_weight_decay_step, _wd(lambda lr, lam, m: 1 - lr * lam / m, n_steps=2), "two steps"),
    (check_weight_decay_step, _wd(lambda lr, lam, m: 1 - lam / m, data_lr=1.0), "lr is ignored"),
    (check_weight_decay_step, _wd(lambda lr, lam, m: 1 - lr * lam / m, bias_decay=True),
     "bias is being decayed"),
    (check_weight_decay_step, _wd(lambda lr, lam, m: 1 - lr * lam), "1/m"),
    (check_weight_decay_step, _wd(lambda lr, lam, m: 1 - lam / m), "missing the learning rate"),
    (check_weight_decay_step, _step_bias_after_w, "from the old (w, b)"),
    (check_weight_decay_step, _step_without_b, "b is missing from the residual"),
    (check_weight_decay_step, _step_bias_not_averaged, "summed (or averaged)"),
    (check_step_size_bound, lambda X, lam: 1 / np.linalg.eigvalsh(
        (X.T @ X + lam * np.eye(X.shape[1])) / len(X)).max(), "1/L"),
    (check_step_size_bound, lambda X, lam: 2 * len(X) / (np.linalg.norm(X, 2) + lam), "square"),
    (check_step_size_bound, lambda X, lam: 2 / np.linalg.eigvalsh(
        (X.T @ X + lam * np.eye(X.shape[1])) / len(X))[-1:], "return a float"),  # a slice
    (check_step_size_bound, lambda X, lam: 2 / (np.linalg.norm(X, 2) ** 2 / len(X)),
     "lam is missing"),
]


@pytest.mark.parametrize("check, wrong, phrase", TYPICAL)
def test_typical_mistakes_fail_with_a_hint(check, wrong, phrase):
    fb = check.grade(wrong)
    assert fb.status == "fail", fb.message
    if phrase is not None:
        assert phrase in fb.message, fb.message
    else:  # no planted hint: the generic message names the case and its shapes
        assert "test case" in fb.message and "inputs" in fb.message, fb.message


def test_large_values_and_lam_zero_case_is_in_the_gradient_check():
    # a gradient that is right only where |values| < 10 is caught by the large-valued case
    def clipped(w, b, X, y, lam):
        g_w, g_b = ch03.ridge_gradient(w, b, X, y, lam)
        return np.clip(g_w, -1e3, 1e3), g_b
    fb = check_ridge_gradient.grade(clipped)
    assert fb.status == "fail" and "test case 4 of 4" in fb.message, fb.message
