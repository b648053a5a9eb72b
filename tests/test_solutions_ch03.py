import numpy as np
import pytest

from helpers.exercises import (
    check_ridge_gradient,
    check_soft_threshold,
    check_step_size_bound,
    check_weight_decay_step,
)
from solutions import ch03


@pytest.mark.parametrize("check, solution", [
    (check_ridge_gradient, ch03.ridge_gradient),
    (check_soft_threshold, ch03.soft_threshold),
    (check_weight_decay_step, ch03.weight_decay_step),
    (check_step_size_bound, ch03.step_size_bound),
])
def test_solutions_pass(check, solution):
    assert check.grade(solution).passed


def _assert_hint(check, wrong, phrase):
    fb = check.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, (phrase, fb.message)


def test_gradient_mistakes_get_their_hints():
    def parts(w, b, X, y, lam):
        m = X.shape[0]
        r = X @ w + b - y
        return X.T @ r / m, lam / m * w, float(np.mean(r)), m

    def make(fn):
        return lambda w, b, X, y, lam: fn(*parts(w, b, X, y, lam), w, b, lam)

    cases = {
        "factor of 2": make(lambda d, p, gb, m, w, b, lam: (2 * d + 2 * p, 2 * gb)),
        "missing its 1/m": make(lambda d, p, gb, m, w, b, lam: (d + lam * w, gb)),
        "twice too big": make(lambda d, p, gb, m, w, b, lam: (d + 2 * p, gb)),
        "bias is being penalized": make(lambda d, p, gb, m, w, b, lam: (d + p, gb + lam / m * b)),
        "penalty term is missing": make(lambda d, p, gb, m, w, b, lam: (d, gb)),
        "wrong sign": make(lambda d, p, gb, m, w, b, lam: (-d + p, -gb)),
    }
    for phrase, wrong in cases.items():
        _assert_hint(check_ridge_gradient, wrong, phrase)


def test_soft_threshold_mistakes_get_their_hints():
    _assert_hint(check_soft_threshold, lambda z, t: z * (np.abs(z) > t), "hard thresholding")
    _assert_hint(check_soft_threshold, lambda z, t: z - t * np.sign(z), "exactly 0")
    _assert_hint(check_soft_threshold, lambda z, t: np.maximum(z - t, 0), "negative entries")


def test_weight_decay_mistakes_get_their_hints():
    def step(decay_of, bias_decay=False, sign=-1.0):
        def wrong(w, b, X, y, lam, lr):
            m = X.shape[0]
            r = X @ w + b - y
            decay = decay_of(lr, lam, m)
            new_b = (decay * b if bias_decay else b) + sign * lr * np.mean(r)
            return decay * w + sign * lr * X.T @ r / m, float(new_b)
        return wrong

    _assert_hint(check_weight_decay_step, step(lambda lr, lam, m: 1 - lr * lam / m, True),
                 "bias is being decayed")
    _assert_hint(check_weight_decay_step, step(lambda lr, lam, m: 1 - lr * lam), "1/m")
    _assert_hint(check_weight_decay_step, step(lambda lr, lam, m: 1 - 2 * lr * lam / m),
                 "twice too strong")
    _assert_hint(check_weight_decay_step, step(lambda lr, lam, m: 1 - lr * lam / m, sign=1.0),
                 "uphill")


def test_stub_and_unknown_mistake():
    def stub(w, b, X, y, lam):
        raise NotImplementedError  # your code here

    assert check_ridge_gradient.grade(stub).status == "todo"
    fb = check_ridge_gradient.grade(lambda w, b, X, y, lam: (w * 0, 0.0))
    assert fb.status == "fail" and "test case 1" in fb.message
