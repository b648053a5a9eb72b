import numpy as np
import pytest

from helpers import max_stable_lr
from helpers.exercises import check_equivalent_lam, check_gd_ridge, check_max_stable_lr
from helpers.exercises.ch04 import _lr_cases
from solutions import ch04


@pytest.mark.parametrize("check, solution", [
    (check_gd_ridge, ch04.gd_ridge),
    (check_max_stable_lr, ch04.max_stable_lr),
    (check_equivalent_lam, ch04.equivalent_lam),
])
def test_solutions_pass(check, solution):
    assert check.grade(solution).passed


def _assert_hint(check, wrong, phrase):
    fb = check.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, (phrase, fb.message)


def _gd(X, y, lam, lr, n_iters, bias_penalty=0.0, lam_used=True, bias=True):
    m, n = X.shape
    w, b = np.zeros(n), 0.0
    for _ in range(n_iters):
        r = X @ w + b - y
        w_new = w - lr * (X.T @ r / m + (lam / m * w if lam_used else 0.0))
        b = (b - lr * (r.mean() + bias_penalty * lam / m * b)) if bias else 0.0
        w = w_new
    return w, b


def test_gd_mistakes_get_their_hints():
    _assert_hint(check_gd_ridge, lambda *a: _gd(*a, bias_penalty=1.0), "bias is being penalized")
    _assert_hint(check_gd_ridge, lambda *a: _gd(*a, lam_used=False), "lam is ignored")
    _assert_hint(check_gd_ridge, lambda *a: _gd(*a, bias=False), "there is no bias")
    _assert_hint(check_gd_ridge, lambda X, y, lam, lr, n: _gd(X, y, lam, lr, n - 1), "off by one")


def test_lr_cases_are_where_the_bias_does_not_matter():
    # centered X with top eigenvalue > 1: the bound ignoring the bias is the true 2/L
    for X, lam in _lr_cases():
        m = X.shape[0]
        top = np.linalg.eigvalsh((X.T @ X + lam * np.eye(X.shape[1])) / m)[-1]
        assert top > 1 and max_stable_lr(X, lam) == pytest.approx(2 / top, rel=1e-10)


def test_max_stable_lr_mistakes_get_their_hints():
    def top(X, lam):
        return np.linalg.eigvalsh(X.T @ X / X.shape[0] + lam * np.eye(X.shape[1]))[-1]

    def m_of(X):
        return X.shape[0]

    _assert_hint(check_max_stable_lr, lambda X, lam: 1 / top(X, lam / m_of(X)), "1/L")
    _assert_hint(check_max_stable_lr, lambda X, lam: 2 / (m_of(X) * top(X, lam / m_of(X))),
                 "missing its 1/m")
    _assert_hint(check_max_stable_lr, lambda X, lam: 2 / top(X, 0.0), "lam is ignored")
    _assert_hint(check_max_stable_lr, lambda X, lam: 2 / top(X, lam), "not divided by m")


def test_equivalent_lam_mistakes_get_their_hints():
    _assert_hint(check_equivalent_lam, lambda m, lr, t: 1 / (lr * t), "GBC's alpha")
    _assert_hint(check_equivalent_lam, lambda m, lr, t: lr * t / m, "upside down")
    _assert_hint(check_equivalent_lam, lambda m, lr, t: m / t, "learning rate is missing")
