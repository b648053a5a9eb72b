import numpy as np
import pytest

from helpers.exercises import check_mse, check_ridge_bias
from solutions import ch00


@pytest.mark.parametrize("check, solution", [
    (check_mse, ch00.mean_squared_error),
    (check_ridge_bias, ch00.ridge_bias),
])
def test_solutions_pass(check, solution):
    assert check.grade(solution).passed


def test_planted_mistakes_get_their_hints():
    cases = {
        "sum of squares": lambda y, y_hat: float(np.sum((y - y_hat) ** 2)),
        "half the mean": lambda y, y_hat: float(np.mean((y - y_hat) ** 2) / 2),
        "mean absolute error": lambda y, y_hat: float(np.mean(np.abs(y - y_hat))),
        "squared the mean": lambda y, y_hat: float(np.mean(y - y_hat) ** 2),
    }
    for phrase, wrong in cases.items():
        fb = check_mse.grade(wrong)
        assert fb.status == "fail" and phrase in fb.message, (phrase, fb.message)
