"""Notebook 00's checkers: right answers in any form pass; each typical mistake gets its hint."""

import numpy as np
import pytest
from sklearn.metrics import mean_squared_error as sk_mse

from helpers.exercises import check_mse, check_ridge_bias
from helpers.exercises.ch00 import _bias_cases, _mse_cases

# ---- mean squared error -------------------------------------------------------------------------

MSE_RIGHT = {
    "numpy mean": lambda y, y_hat: np.mean((y - y_hat) ** 2),
    "other order": lambda y, y_hat: float(np.mean((y_hat - y) ** 2)),
    "dot product": lambda y, y_hat: (y - y_hat) @ (y - y_hat) / len(y),
    "norm squared": lambda y, y_hat: np.linalg.norm(y - y_hat) ** 2 / y.size,
    "float32": lambda y, y_hat: np.mean((y.astype(np.float32) - y_hat.astype(np.float32)) ** 2),
    "pure python": lambda y, y_hat: sum((a - b) ** 2 for a, b in zip(y, y_hat)) / len(y),
    "scikit-learn": lambda y, y_hat: sk_mse(y, y_hat),
    "0-d array": lambda y, y_hat: np.asarray(np.mean((y - y_hat) ** 2)),
}


@pytest.mark.parametrize("name", MSE_RIGHT)
def test_mse_right_answers_pass(name):
    fb = check_mse.grade(MSE_RIGHT[name])
    assert fb.passed, (name, fb.message)


MSE_WRONG = [
    (lambda y, y_hat: np.sum((y - y_hat) ** 2), "sum of squares"),
    (lambda y, y_hat: np.mean((y - y_hat) ** 2) / 2, "half the mean squared error"),
    (lambda y, y_hat: np.sqrt(np.mean((y - y_hat) ** 2)), "root mean squared error (RMSE)"),
    (lambda y, y_hat: np.linalg.norm(y - y_hat) / np.sqrt(len(y)), "(RMSE)"),
    (lambda y, y_hat: np.mean(np.abs(y - y_hat)), "mean absolute error"),
    (lambda y, y_hat: np.mean(y - y_hat) ** 2, "squared the mean residual"),
    (lambda y, y_hat: np.mean((y.reshape(-1, 1) - y_hat) ** 2), "shape (m, m)"),
    (lambda y, y_hat: np.mean((y - y_hat[:, None]) ** 2), "broadcast"),
    (lambda y, y_hat: (y - y_hat) ** 2, "one squared error per sample"),
    (lambda y, y_hat: np.var(y - y_hat, ddof=1) + np.mean(y - y_hat) ** 2 * len(y) / (len(y) - 1),
     "divided by m - 1"),
]


@pytest.mark.parametrize("wrong, phrase", MSE_WRONG)
def test_mse_typical_mistakes_get_their_hint(wrong, phrase):
    fb = check_mse.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


def test_mse_cases_separate_rmse_in_both_directions():
    """RMSE < MSE needs an MSE above 1 and RMSE > MSE one below 1: the cases have both."""
    values = [np.mean((y - y_hat) ** 2) for y, y_hat in _mse_cases()]
    assert min(values) < 1 < max(values)


def test_mse_unknown_mistake_names_the_case_and_its_shapes():
    fb = check_mse.grade(lambda y, y_hat: np.mean((y - y_hat) ** 2) + 1e-3)
    assert fb.status == "fail" and "test case 1 of 3" in fb.message
    assert "array of shape (5,), array of shape (5,)" in fb.message


def test_mse_stub_is_todo():
    def stub(y, y_hat):
        raise NotImplementedError
    assert check_mse.grade(stub).status == "todo"


# ---- ridge bias ---------------------------------------------------------------------------------

BIAS_RIGHT = {
    "column means": lambda X, y, w: y.mean() - X.mean(axis=0) @ w,
    "mean residual": lambda X, y, w: np.mean(y - X @ w),
    "float32": lambda X, y, w: np.float32(
        y.astype(np.float32).mean() - X.astype(np.float32).mean(axis=0) @ w.astype(np.float32)),
    "pure python": lambda X, y, w: (sum(y) - sum(sum(r * c for r, c in zip(row, w)) for row in X))
    / len(y),
    "einsum": lambda X, y, w: float(np.mean(y) - np.einsum("ij,j->", X, w) / X.shape[0]),
}


@pytest.mark.parametrize("name", BIAS_RIGHT)
def test_bias_right_answers_pass(name):
    fb = check_ridge_bias.grade(BIAS_RIGHT[name])
    assert fb.passed, (name, fb.message)


BIAS_WRONG = [
    (lambda X, y, w: np.mean(y), "you returned the mean of y"),
    (lambda X, y, w: np.mean(y) + X.mean(axis=0) @ w, "sign of the x̄ᵀw term"),
    (lambda X, y, w: np.mean(y) - X.mean() * w.sum(), "X.mean(axis=0)"),
    (lambda X, y, w: y - X @ w, "one value per sample"),
    (lambda X, y, w: y.mean() - np.multiply(X.mean(axis=0), w), "one value per feature"),
]


@pytest.mark.parametrize("wrong, phrase", BIAS_WRONG)
def test_bias_typical_mistakes_get_their_hint(wrong, phrase):
    fb = check_ridge_bias.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


def test_bias_cases_have_several_unequal_column_means():
    """Otherwise X.mean() and X.mean(axis=0) could not be told apart."""
    assert any(X.shape[1] > 1 and np.ptp(X.mean(axis=0)) > 0.5 for X, _, _ in _bias_cases())
