import numpy as np
import pytest

from helpers.exercises import (
    check_laplace_map_lambda,
    check_map_lambda,
    check_ridge_objective,
    check_standardize,
    check_torch_weight_decay,
)
from solutions import ch02


@pytest.mark.parametrize("check, solution", [
    (check_ridge_objective, ch02.ridge_objective),
    (check_standardize, ch02.standardize),
    (check_torch_weight_decay, ch02.torch_weight_decay),
    (check_map_lambda, ch02.map_lambda),
    (check_laplace_map_lambda, ch02.laplace_map_lambda),
])
def test_solutions_pass(check, solution):
    assert check.grade(solution).passed


def _data(w, b, X, y):
    r = X @ w + b - y
    return r @ r / (2 * len(y))


def _stats(S, A, B, ddof=0):
    mean, std = S.mean(0), S.std(0, ddof=ddof)
    return (A - mean) / std, (B - mean) / std


PLANTED = [
    (check_ridge_objective,
     lambda w, b, X, y, lam: _data(w, b, X, y) + lam / (2 * len(y)) * (w @ w + b * b),
     "bias is being penalized"),
    (check_ridge_objective, lambda w, b, X, y, lam: _data(w, b, X, y) + lam / 2 * (w @ w),
     "missing its 1/m"),
    (check_ridge_objective, lambda w, b, X, y, lam: _data(w, b, X, y) + lam / len(y) * (w @ w),
     "factor of 2"),
    (check_ridge_objective,
     lambda w, b, X, y, lam: 2 * _data(w, b, X, y) + lam / (2 * len(y)) * (w @ w),
     "data term is off by a factor of 2"),
    (check_ridge_objective,
     lambda w, b, X, y, lam: len(y) * _data(w, b, X, y) + lam / (2 * len(y)) * (w @ w),
     "is a sum"),
    (check_standardize, lambda A, B: (_stats(A, A, A)[0], _stats(B, B, B)[0]), "its own mean"),
    (check_standardize, lambda A, B: _stats(np.vstack([A, B]), A, B), "together"),
    (check_standardize, lambda A, B: _stats(A, A, B, ddof=1), "ddof=1"),
    (check_standardize, lambda A, B: (A - A.mean(0), B - A.mean(0)), "only centered"),
    (check_torch_weight_decay, lambda lam, m: lam / m, "MSELoss is mean(r^2)"),
    (check_torch_weight_decay, lambda lam, m: float(lam), "divided by m"),
    (check_torch_weight_decay, lambda lam, m: 2 * lam, "forgot to divide by m"),
    (check_torch_weight_decay, lambda lam, m: lam / (2 * m), "not lam/(2m)"),
    (check_map_lambda, lambda s, t: s / t, "square both"),
    (check_map_lambda, lambda s, t: t**2 / s**2, "upside down"),
    (check_map_lambda, lambda s, t: s**2 * t**2, "product"),
]


@pytest.mark.parametrize("check, wrong, phrase", PLANTED)
def test_planted_mistakes_get_their_hints(check, wrong, phrase):
    fb = check.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


def test_divided_by_variance_hint():
    fb = check_standardize.grade(lambda A, B: ((A - A.mean(0)) / A.var(0),
                                               (B - A.mean(0)) / A.var(0)))
    assert "variance" in fb.message
