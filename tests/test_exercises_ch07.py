"""The checks of notebook 07 against learners' answers: right answers written differently
(float32, another formula, a list, another library) pass; each typical mistake fails with its
hint; the test cases separate every planted mistake from the right answer."""

import numpy as np
import pytest
from sklearn.linear_model import Ridge

from helpers.exercises import check_gcv_score, check_hmrt_risk, check_min_norm, check_optimal_lam
from helpers.exercises._core import FLOAT32_RTOL

F32 = np.float32
CHECKS = [check_min_norm, check_hmrt_risk, check_optimal_lam, check_gcv_score]


@pytest.mark.parametrize("check", CHECKS)
def test_cases_separate_every_planted_mistake(check):
    cases = check.cases()
    with np.errstate(all="ignore"):
        for mistake in check.mistakes:
            same = all(check._close(mistake.fn(*a), check.reference(*a)) for a in cases)
            assert not same, mistake.hint


@pytest.mark.parametrize("check", CHECKS)
def test_no_checker_is_tighter_than_float32(check):
    assert max(check.rtol, FLOAT32_RTOL) == FLOAT32_RTOL or check.rtol >= FLOAT32_RTOL


# ----- 1. minimum norm -----------------------------------------------------------------------
@pytest.mark.parametrize("right", [
    lambda X, y: np.linalg.pinv(X.astype(F32)) @ y.astype(F32),                 # float32
    lambda X, y: np.linalg.lstsq(X, y, rcond=None)[0],                          # lstsq: min norm
    lambda X, y: X.T @ np.linalg.solve(X @ X.T, y),                             # row-space form
    lambda X, y: list(X.T @ np.linalg.inv(X @ X.T) @ y),                        # a list
    lambda X, y: Ridge(alpha=1e-10, fit_intercept=False).fit(X, y).coef_,       # another library
    lambda X, y: np.linalg.solve(X.T @ X + 1e-8 * np.eye(X.shape[1]), X.T @ y),  # ridge limit
])
def test_min_norm_right_answers_pass(right):
    fb = check_min_norm.grade(right)
    assert fb.passed, fb.message


@pytest.mark.parametrize("phrase,wrong", [
    ("first m columns only", lambda X, y: np.concatenate(
        [np.linalg.solve(X[:, :len(y)], y), np.zeros(X.shape[1] - len(y))])),
    ("ridge with lam = 1", lambda X, y: X.T @ np.linalg.solve(X @ X.T + np.eye(len(y)), y)),
    ("you returned X^T y", lambda X, y: X.T @ y),
    ("you centered X and y", lambda X, y: np.linalg.pinv(X - X.mean(0)) @ (y - y.mean())),
    ("shape (n, 1)", lambda X, y: np.linalg.pinv(X) @ y[:, None]),
])
def test_min_norm_mistakes_get_their_hints(phrase, wrong):
    fb = check_min_norm.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


# ----- 2. HMRT risk --------------------------------------------------------------------------
def _risk(g, s, wn):
    return s**2 * g / (1 - g) if g < 1 else wn**2 * (1 - 1 / g) + s**2 / (g - 1)


@pytest.mark.parametrize("right", [
    lambda g, s, wn: F32(_risk(F32(g), F32(s), F32(wn))),
    lambda g, s, wn: s * s / (1 / g - 1) if g < 1 else wn * wn * (g - 1) / g + s * s / (g - 1),
    lambda g, s, wn: [_risk(g, s, wn)],
])
def test_hmrt_right_answers_pass(right):
    fb = check_hmrt_risk.grade(right)
    assert fb.passed or "shape" in fb.message, fb.message
    if not isinstance(right(0.5, 0.5, 1.0), list):
        assert fb.passed, fb.message


@pytest.mark.parametrize("phrase,wrong", [
    ("used the formula for gamma > 1 everywhere",
     lambda g, s, wn: wn**2 * (1 - 1 / g) + s**2 / (g - 1)),
    ("sigma^2 gamma / (gamma - 1)",
     lambda g, s, wn: s**2 * g / (g - 1) if g < 1 else _risk(g, s, wn)),
    ("negative risk", lambda g, s, wn: -_risk(g, s, wn)),
    ("you added the noise", lambda g, s, wn: _risk(g, s, wn) + s**2),
    ("kept only the variance", lambda g, s, wn: _risk(g, s, wn) if g < 1 else s**2 / (g - 1)),
    ("use squares",            # sigma and w_norm taken for variances, written as a learner would
     lambda g, s, wn: np.where(g < 1, s * g / (1 - g), wn * (1 - 1 / g) + s / (g - 1)).item()),
])
def test_hmrt_mistakes_get_their_hints(phrase, wrong):
    fb = check_hmrt_risk.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


# ----- 3. optimal lam ------------------------------------------------------------------------
@pytest.mark.parametrize("right", [
    lambda m, n, s, wn: F32(n) * F32(s) ** 2 / F32(wn) ** 2,
    lambda m, n, s, wn: s**2 / (wn**2 / n),                  # sigma^2 / tau^2, tau^2 = wn^2/n
    lambda m, n, s, wn: m * (n / m) * s**2 / wn**2,          # m times HMRT's per-sample penalty
])
def test_optimal_lam_right_answers_pass(right):
    fb = check_optimal_lam.grade(right)
    assert fb.passed, fb.message


# ----- 4. GCV --------------------------------------------------------------------------------
def _gcv_by_hand(X, y, lam, dtype=float):
    X, y = X.astype(dtype), y.astype(dtype)
    m = X.shape[0]
    Xc, yc = X - X.mean(0), y - y.mean()
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    w = Vt.T @ (s / (s**2 + dtype(lam)) * (U.T @ yc))
    b = y.mean() - X.mean(0) @ w
    df = np.sum(s**2 / (s**2 + dtype(lam)))
    return np.mean((X @ w + b - y) ** 2) / (1 - (1 + df) / m) ** 2


def _gcv_sklearn(X, y, lam):
    m = X.shape[0]
    fit = Ridge(alpha=lam).fit(X, y)
    A = np.column_stack([np.ones(m), X])
    P = lam * np.eye(A.shape[1])
    P[0, 0] = 0.0
    H = A @ np.linalg.pinv(A.T @ A + P) @ A.T
    return np.mean((fit.predict(X) - y) ** 2) / (1 - np.trace(H) / m) ** 2


@pytest.mark.parametrize("right", [
    lambda X, y, lam: float(_gcv_by_hand(X, y, lam)),
    lambda X, y, lam: F32(_gcv_by_hand(X, y, lam, dtype=F32)),      # all in float32
    _gcv_sklearn,                                                   # scikit-learn + a hat matrix
])
def test_gcv_right_answers_pass(right):
    fb = check_gcv_score.grade(right)
    assert fb.passed, fb.message


@pytest.mark.parametrize("phrase,wrong", [
    ("lam/m inside GCV", lambda X, y, lam: float(_gcv_by_hand(X, y, lam / X.shape[0]))),
    ("RMSE instead of MSE", lambda X, y, lam: float(
        np.sqrt(_gcv_by_hand(X, y, lam) * (1 - (1 + np.sum(
            (s := np.linalg.svd(X - X.mean(0), compute_uv=False)) ** 2 / (s**2 + lam)))
            / X.shape[0]) ** 2) / (1 - (1 + np.sum(s**2 / (s**2 + lam))) / X.shape[0]) ** 2)),
])
def test_gcv_mistakes_get_their_hints(phrase, wrong):
    fb = check_gcv_score.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


def test_mismatch_of_a_float32_sized_gap_never_looks_equal():
    """Just above float32 precision the answer fails, and the message shows two numbers that
    differ."""
    fb = check_gcv_score.grade(lambda X, y, lam: float(_gcv_by_hand(X, y, lam)) * (1 + 1e-4))
    assert fb.status == "fail"
    expected, got = fb.message.split("expected ")[1].split(" (largest")[0].split(", got ")
    assert expected != got
