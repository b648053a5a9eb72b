import numpy as np

from helpers.exercises import check_mse
from solutions import ch00


def test_solution_passes():
    assert check_mse.grade(ch00.mean_squared_error).passed


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
