"""The checks of notebook 02: right answers written differently pass, typical mistakes get hints.

Every planted mistake of every check is graded too: it must fail with its own hint, so no case
set lets a mistake pass or show another mistake's hint.
"""

import numpy as np
import pytest
from sklearn.preprocessing import StandardScaler

from helpers.exercises import (
    check_laplace_map_lambda,
    check_map_lambda,
    check_ridge_objective,
    check_standardize,
    check_torch_weight_decay,
)
from solutions import ch02

CHECKS = [check_ridge_objective, check_standardize, check_torch_weight_decay, check_map_lambda,
          check_laplace_map_lambda]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.name)
def test_every_planted_mistake_fails_with_its_own_hint(check):
    for mistake in check.mistakes:
        fb = check.grade(mistake.fn)
        assert fb.status == "fail" and fb.message.endswith(mistake.hint), fb.message


# --- right answers, written differently -------------------------------------------------------

def _objective_float32(w, b, X, y, lam):
    X32, y32, w32 = (a.astype(np.float32) for a in (X, y, w))
    r = X32 @ w32 + np.float32(b) - y32
    return np.mean(r**2) / 2 + np.float32(lam) / (2 * len(y)) * np.sum(w32**2)


def _objective_loops(w, b, X, y, lam):
    m, n = X.shape
    data = sum((sum(X[i, k] * w[k] for k in range(n)) + b - y[i]) ** 2 for i in range(m))
    return data / (2 * m) + lam / (2 * m) * sum(v * v for v in w)


def _objective_norm(w, b, X, y, lam):
    return (np.linalg.norm(X @ w + b - y) ** 2 + lam * np.linalg.norm(w) ** 2) / (2 * len(y))


def _standardize_sklearn(A, B):
    scaler = StandardScaler().fit(A)
    return scaler.transform(A), scaler.transform(B)


def _standardize_float32_lists(A, B):
    mean, std = A.astype(np.float32).mean(0), A.astype(np.float32).std(0)
    return [list(row) for row in (A - mean) / std], ((B - mean) / std).astype(np.float32)


RIGHT = [
    (check_ridge_objective, ch02.ridge_objective),
    (check_ridge_objective, _objective_float32),
    (check_ridge_objective, _objective_loops),
    (check_ridge_objective, _objective_norm),
    (check_standardize, ch02.standardize),
    (check_standardize, _standardize_sklearn),
    (check_standardize, _standardize_float32_lists),
    (check_standardize, lambda A, B: tuple((M - A.mean(0)) / np.sqrt(A.var(0)) for M in (A, B))),
    (check_torch_weight_decay, ch02.torch_weight_decay),
    (check_torch_weight_decay, lambda lam, m: np.float32(lam) * 2 / np.float32(m)),
    (check_torch_weight_decay, lambda lam, m: lam / (m / 2)),
    (check_map_lambda, ch02.map_lambda),
    (check_map_lambda, lambda sigma, tau: (sigma / tau) ** 2),
    (check_map_lambda, lambda sigma, tau: float(np.float32(sigma) ** 2 / np.float32(tau) ** 2)),
    (check_laplace_map_lambda, ch02.laplace_map_lambda),
    (check_laplace_map_lambda, lambda sigma, tau: sigma * sigma * (1 / tau)),
]


@pytest.mark.parametrize("check, fn", RIGHT)
def test_right_answers_written_differently_pass(check, fn):
    fb = check.grade(fn)
    assert fb.passed, fb.message


# --- typical mistakes, written independently of the planted ones ---------------------------------

def _data(w, b, X, y):
    return np.mean((X @ w + b - y) ** 2) / 2


TYPICAL = [
    (check_ridge_objective, lambda w, b, X, y, lam: np.mean((X @ w + b - y) ** 2)
     + lam / len(y) * np.sum(w**2), "exactly twice"),
    (check_ridge_objective, lambda w, b, X, y, lam: np.sqrt(np.mean((X @ w + b - y) ** 2))
     + lam / (2 * len(y)) * np.sum(w**2), "RMSE"),
    (check_ridge_objective, lambda w, b, X, y, lam: np.mean((X @ w + b - y[:, None]) ** 2) / 2
     + lam / (2 * len(y)) * w @ w, None),  # mean over the broadcast (m, m): generic message
    (check_ridge_objective, lambda w, b, X, y, lam: np.sum((X @ w + b - y[:, None]) ** 2)
     / (2 * len(y)) + lam / (2 * len(y)) * w @ w, "(m, m)"),
    (check_ridge_objective, lambda w, b, X, y, lam: (X @ w + b - y[:, None]).T
     @ (X @ w + b - y[:, None]) / (2 * len(y)) + lam / (2 * len(y)) * w @ w, "broadcast"),
    (check_ridge_objective, lambda w, b, X, y, lam: _data(w, b, X, y)
     + lam / (2 * len(y)) * (np.sum(w**2) + b**2), "bias is being penalized"),
    (check_ridge_objective, lambda w, b, X, y, lam: _data(w, b, X, y) + lam / 2 * np.sum(w**2),
     "missing its 1/m"),
    (check_ridge_objective, lambda w, b, X, y, lam: np.mean((X @ w - y) ** 2) / 2
     + lam / (2 * len(y)) * np.sum(w**2), "b is missing from the residual"),
    (check_ridge_objective, lambda w, b, X, y, lam: (X @ w + b - y) ** 2 / (2 * len(y))
     + lam / (2 * len(y)) * np.sum(w**2), "summed (or averaged)"),   # the sum left out
    (check_ridge_objective, lambda w, b, X, y, lam: np.array([np.mean((X @ w + b - y) ** 2) / 2
     + lam / (2 * len(y)) * np.sum(w**2)]), "return a float"),        # a one-element array
    (check_standardize, lambda A, B: ((A - A.mean()) / A.std(), (B - A.mean()) / A.std()),
     "whole matrix"),
    (check_map_lambda, lambda sigma, tau: 0.5 * (sigma / tau) ** 2, "half too small"),
    (check_standardize, lambda A, B: (StandardScaler().fit_transform(A),
                                      StandardScaler().fit_transform(B)), "its own mean"),
    (check_standardize, lambda A, B: ((A - A.mean(0)) / (A.std(0) + 1e-8),
                                      (B - A.mean(0)) / (A.std(0) + 1e-8)), "small constant"),
    (check_standardize, lambda A, B: ((A - A.mean(1, keepdims=True)) / A.std(1, keepdims=True),
                                      (B - B.mean(1, keepdims=True)) / B.std(1, keepdims=True)),
     "each row"),
    (check_torch_weight_decay, lambda lam, m: 2 * lam // m, "floor division"),
    (check_torch_weight_decay, lambda lam, m: lam / m, "MSELoss is mean(r^2)"),
    (check_map_lambda, lambda sigma, tau: sigma**2 / tau, "Laplace"),
    (check_map_lambda, lambda sigma, tau: 1 / tau**2, "sigma is missing"),
    (check_map_lambda, lambda sigma, tau: sigma**2 / max(tau**2, 1e-5), None),
    (check_laplace_map_lambda, lambda sigma, tau: sigma**2 / tau**2, "Gaussian answer"),
]


@pytest.mark.parametrize("check, wrong, phrase", TYPICAL)
def test_typical_mistakes_fail_with_a_hint(check, wrong, phrase):
    fb = check.grade(wrong)
    assert fb.status == "fail", fb.message
    if phrase is not None:
        assert phrase in fb.message, fb.message
    else:  # no planted hint: the generic message names the case and its shapes
        assert "test case" in fb.message and "inputs" in fb.message, fb.message


def test_mistakes_that_show_only_on_small_or_large_values_are_caught():
    # tau clipped at 1e-5 differs only in the small-tau case; an epsilon in the std only on the
    # column of std 1e-4
    fb = check_map_lambda.grade(lambda sigma, tau: sigma**2 / max(tau**2, 1e-5))
    assert "test case 4 of 5" in fb.message, fb.message
    fb = check_standardize.grade(lambda A, B: ((A - A.mean(0)) / (A.std(0) + 1e-6),
                                               (B - A.mean(0)) / (A.std(0) + 1e-6)))
    assert fb.status == "fail" and "test case 3 of 3" in fb.message, fb.message
