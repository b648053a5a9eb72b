"""Exercise checks of notebook 04: right answers written differently pass, typical mistakes fail
with their hint (issue 11 §2)."""

import numpy as np
import pytest

from helpers.exercises import ch04 as checks
from helpers.exercises import check_equivalent_lam, check_gd_ridge, check_max_stable_lr
from solutions import ch04


def _fail_with(check, fn, phrase):
    fb = check.grade(fn)
    assert fb.status == "fail" and phrase in fb.message, (phrase, fb.message)


# --- right answers, written differently -----------------------------------------------------

def _gd_float32(X, y, lam, lr, n_iters):
    X, y = X.astype(np.float32), y.astype(np.float32)
    m, n = X.shape
    w, b = np.zeros(n, dtype=np.float32), np.float32(0.0)
    for _ in range(n_iters):
        r = X @ w + b - y
        w, b = w - lr * (X.T @ r / m + lam / m * w), b - lr * r.mean()
    return w, b


def _gd_augmented(X, y, lam, lr, n_iters):
    """One parameter vector theta = (w, b), a penalty matrix with 0 for the bias, and lists out."""
    m, n = X.shape
    A = np.hstack([X, np.ones((m, 1))])
    P = np.diag([lam / m] * n + [0.0])
    theta = np.zeros(n + 1)
    for _ in range(n_iters):
        theta = theta - lr * (A.T @ (A @ theta - y) / m + P @ theta)
    return list(theta[:n]), float(theta[n])


def _gd_shrink_form(X, y, lam, lr, n_iters):
    """Weight decay written as a multiplicative shrink, then the data step."""
    m, n = X.shape
    w, b = np.zeros(n), 0.0
    for _ in range(n_iters):
        r = X @ w + b - y
        w, b = (1 - lr * lam / m) * w - lr * X.T @ r / m, b - lr * np.sum(r) / m
    return w, b


@pytest.mark.parametrize("fn", [ch04.gd_ridge, _gd_float32, _gd_augmented, _gd_shrink_form])
def test_gd_right_answers_pass(fn):
    assert check_gd_ridge.grade(fn).passed, check_gd_ridge.grade(fn).message


def _lr_float32(X, lam):
    X = X.astype(np.float32)
    m = X.shape[0]
    H = (X.T @ X + np.float32(lam) * np.eye(X.shape[1], dtype=np.float32)) / m
    return 2 / np.linalg.eigvalsh(H)[-1]


def _lr_from_svd(X, lam):
    s = np.linalg.svd(X, compute_uv=False)
    return 2 * X.shape[0] / (s[0] ** 2 + lam)


@pytest.mark.parametrize("fn", [ch04.max_stable_lr, _lr_float32, _lr_from_svd])
def test_max_stable_lr_right_answers_pass(fn):
    assert check_max_stable_lr.grade(fn).passed


@pytest.mark.parametrize("fn", [ch04.equivalent_lam,
                                lambda m, lr, t: np.float32(m) / np.float32(lr * t),
                                lambda m, lr, t: (m / lr) / t,
                                lambda m, lr, t: np.array(m / (lr * t))])
def test_equivalent_lam_right_answers_pass(fn):
    assert check_equivalent_lam.grade(fn).passed


# --- typical mistakes, written independently of the planted ones ------------------------------

def _gd_variant(X, y, lam, lr, n_iters, lam_factor=1.0, bias_pen=False, lr_used=True, steps=0,
                y_col=False):
    m, n = X.shape
    lr = lr if lr_used else 1.0
    y = y.reshape(-1, 1) if y_col else y
    w = np.zeros((n, 1)) if y_col else np.zeros(n)
    b = 0.0
    for _ in range(n_iters + steps):
        r = X @ w + b - y
        grad_b = r.mean() + (lam / m * b if bias_pen else 0.0)
        w = w - lr * (X.T @ r / m + lam_factor * lam / m * w)
        b = b - lr * grad_b
    return w, b


@pytest.mark.parametrize("kwargs, phrase", [
    ({"bias_pen": True}, "bias is being penalized"),
    ({"lam_factor": 0.0}, "lam is ignored"),
    ({"lam_factor": 2.0}, "penalty gradient is doubled"),
    ({"steps": -1}, "one step too few"),
    ({"steps": 1}, "one step too many"),
    ({"lr_used": False}, "lr is ignored"),
    ({"y_col": True}, "y was used as a column"),
])
def test_gd_mistakes_fail_with_their_hint(kwargs, phrase):
    _fail_with(check_gd_ridge, lambda *a: _gd_variant(*a, **kwargs), phrase)


def test_gd_bias_updated_from_a_new_residual():
    """Review of issue 11: w first, then b from a residual recomputed after w moved."""
    def wrong(X, y, lam, lr, n_iters):
        m, n = X.shape
        w, b = np.zeros(n), 0.0
        for _ in range(n_iters):
            w -= lr * (X.T @ (X @ w + b - y) / m + lam / m * w)
            b -= lr * (X @ w + b - y).mean()
        return w, b
    _fail_with(check_gd_ridge, wrong, "after w had moved")


def test_gd_lam_not_divided_by_m():
    _fail_with(check_gd_ridge,
               lambda X, y, lam, lr, n: _gd_variant(X, y, lam, lr, n, lam_factor=X.shape[0]),
               "missing its 1/m")


def test_gd_mistakes_differ_from_the_right_answer_on_the_cases():
    """Each planted mistake is separated from the reference on at least one case."""
    cases = checks._gd_cases()
    for mistake in check_gd_ridge.mistakes:
        assert not all(check_gd_ridge._close(mistake.fn(*c), checks._gd(*c)) for c in cases), \
            mistake.hint


def test_max_stable_lr_mistakes():
    def eig(X, lam, k=-1):
        m = X.shape[0]
        return np.linalg.eigvalsh(X.T @ X / m + lam / m * np.eye(X.shape[1]))[k]

    _fail_with(check_max_stable_lr, lambda X, lam: 1 / eig(X, lam), "1/L")
    _fail_with(check_max_stable_lr, lambda X, lam: eig(X, lam), "returned L itself")
    _fail_with(check_max_stable_lr, lambda X, lam: 2 / eig(X, lam, 0), "smallest eigenvalue")
    _fail_with(check_max_stable_lr, lambda X, lam: 2 / eig(X, 0.0), "lam is ignored")
    _fail_with(check_max_stable_lr, lambda X, lam: 2 / eig(X, lam * X.shape[0]),
               "not divided by m")
    _fail_with(check_max_stable_lr,
               lambda X, lam: 2 * X.shape[0] / (np.linalg.svd(X, compute_uv=False)[0] + lam),
               "singular value")


@pytest.mark.parametrize("fn, phrase", [
    (lambda m, lr, t: 1 / (lr * t), "GBC's alpha"),
    (lambda m, lr, t: lr * t / m, "upside down"),
    (lambda m, lr, t: m / t, "learning rate is missing"),
    (lambda m, lr, t: m / lr, "number of steps is missing"),
    (lambda m, lr, t: 2 * m / (lr * t), "factor 2 too many"),
    (lambda m, lr, t: 0.5 * m / (lr * t), "half the expected"),
])
def test_equivalent_lam_mistakes(fn, phrase):
    _fail_with(check_equivalent_lam, fn, phrase)


def test_a_wrong_float32_answer_is_still_refused():
    # float32 tolerance must not swallow a 1e-3 relative error
    _fail_with(check_equivalent_lam, lambda m, lr, t: 1.001 * m / (lr * t), "expected")


def test_a_planted_bug_in_the_checker_is_caught(monkeypatch):
    """Plant a bug (the reference forgets the bias): the right solution no longer passes."""
    import helpers.exercises.ch04 as mod

    broken = mod.Exercise(name="gd_ridge", cases=mod._gd_cases, mistakes=(),
                          reference=lambda *a: mod._gd(*a, fit_bias=False))
    assert not broken.grade(ch04.gd_ridge).passed
