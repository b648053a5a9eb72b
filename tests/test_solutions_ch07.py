import numpy as np
import pytest

from helpers import effective_df, ridge_closed_form
from helpers.exercises import check_gcv_score, check_hmrt_risk, check_min_norm, check_optimal_lam
from helpers.exercises.ch07 import (
    _basic_solution,
    _gcv_no_bias,
    _gcv_not_squared,
    _gcv_parts,
    _piecewise,
)
from helpers.selection.ridge_path import loo_cv_ridge
from solutions import ch07


@pytest.mark.parametrize("check, solution", [
    (check_min_norm, ch07.min_norm_weights),
    (check_hmrt_risk, ch07.min_norm_risk),
    (check_optimal_lam, ch07.optimal_lam),
    (check_gcv_score, ch07.gcv_score),
])
def test_solutions_pass(check, solution):
    assert check.grade(solution).passed, check.grade(solution).message


def test_stubs_are_todo():
    def stub(*args):
        raise NotImplementedError

    for check in (check_min_norm, check_hmrt_risk, check_optimal_lam, check_gcv_score):
        assert check.grade(stub).status == "todo"


def _assert_hints(check, cases):
    for phrase, wrong in cases.items():
        fb = check.grade(wrong)
        assert fb.status == "fail" and phrase in fb.message, (phrase, fb.message)


def test_min_norm_mistakes():
    _assert_hints(check_min_norm, {
        "first m columns only": _basic_solution,
        "ridge with lam = 1": lambda X, y: X.T @ np.linalg.solve(X @ X.T + np.eye(len(y)), y),
        "you returned X^T y": lambda X, y: X.T @ y,
        "you centered X and y": lambda X, y: np.linalg.pinv(X - X.mean(0)) @ (y - y.mean()),
    })


def test_hmrt_risk_mistakes():
    under = lambda g, s, r: s**2 * g / (1 - g)  # noqa: E731
    _assert_hints(check_hmrt_risk, {
        "you kept only the variance": _piecewise(under, lambda g, s, r: s**2 / (g - 1)),
        "not w_norm^2/gamma": _piecewise(under, lambda g, s, r: r**2 / g + s**2 / (g - 1)),
        "use sigma**2, not sigma": _piecewise(lambda g, s, r: s * g / (1 - g),
                                              lambda g, s, r: r**2 * (1 - 1 / g) + s / (g - 1)),
        "w_norm**2, not w_norm": _piecewise(under,
                                            lambda g, s, r: r * (1 - 1 / g) + s**2 / (g - 1)),
        "dropped the factor gamma": lambda g, s, r: (s**2 / (1 - g) if g < 1
                                                     else ch07.min_norm_risk(g, s, r)),
        "you added the noise": lambda g, s, r: ch07.min_norm_risk(g, s, r) + s**2,
    })


def test_optimal_lam_mistakes():
    _assert_hints(check_optimal_lam, {
        "per-sample penalty": lambda m, n, s, r: n / m * s**2 / r**2,
        "number of samples m": lambda m, n, s, r: m * s**2 / r**2,
        "upside down": lambda m, n, s, r: n * r**2 / s**2,
        "forgot the factor n": lambda m, n, s, r: s**2 / r**2,
        "use variances": lambda m, n, s, r: n * s / r,
        "square w_norm as well": lambda m, n, s, r: n * s**2 / r,
    })


def test_gcv_mistakes():
    _assert_hints(check_gcv_score, {
        "count the unpenalized bias": _gcv_no_bias,
        "square the denominator": _gcv_not_squared,
        "training MSE": lambda X, y, lam: _gcv_parts(X, y, lam)[0],
        "exact leave-one-out": lambda X, y, lam: float(loo_cv_ridge(X, y, [lam])[0]),
        "singular values of X itself": _learner_uncentered_df,
        "you used the sum": _learner_sum,
        "take [0] and return a float": _learner_forgot_index,
    })


# Independent re-creations of the planted mistakes, written as a learner would.
def _learner_uncentered_df(X, y, lam):
    w, b = ridge_closed_form(X, y, lam)
    s = np.linalg.svd(X, compute_uv=False)
    trace = 1 + np.sum(s**2 / (s**2 + lam))
    return float(np.mean((X @ w + b - y) ** 2) / (1 - trace / X.shape[0]) ** 2)


def _learner_sum(X, y, lam):
    w, b = ridge_closed_form(X, y, lam)
    trace = 1 + effective_df(X, [lam])[0]
    return float(np.sum((X @ w + b - y) ** 2) / (1 - trace / X.shape[0]) ** 2)


def _learner_forgot_index(X, y, lam):
    w, b = ridge_closed_form(X, y, lam)
    trace = 1 + effective_df(X, [lam])
    return np.mean((X @ w + b - y) ** 2) / (1 - trace / X.shape[0]) ** 2


def test_gcv_solution_matches_brute_force_definition():
    """The reference itself: GCV from a hat matrix built by hand (bias column unpenalized)."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(12, 30)), rng.normal(size=12)
    A = np.column_stack([np.ones(12), X])
    P = 4.0 * np.eye(31)
    P[0, 0] = 0.0
    H = A @ np.linalg.pinv(A.T @ A + P) @ A.T
    expected = np.mean((y - H @ y) ** 2) / (1 - np.trace(H) / 12) ** 2
    assert ch07.gcv_score(X, y, 4.0) == pytest.approx(expected, rel=1e-8)
