"""Exercise checks for notebook 00 (start here)."""

import numpy as np

from ._core import Exercise, Mistake

__all__ = ["check_mse"]


def _mse(y, y_hat):
    return float(np.mean((y - y_hat) ** 2))


def _mse_cases():
    rng = np.random.default_rng(100)
    return [(rng.normal(size=m), rng.normal(size=m)) for m in (5, 12, 40)]


check_mse = Exercise(
    name="mean_squared_error",
    reference=_mse,
    cases=_mse_cases,
    mistakes=[
        Mistake(lambda y, y_hat: float(np.sum((y - y_hat) ** 2)),
                "you returned the sum of squares; divide by the number of samples m."),
        Mistake(lambda y, y_hat: float(np.mean((y - y_hat) ** 2) / 2),
                "you returned half the mean squared error; the 1/2 belongs in the objective J, "
                "not in the error we report."),
        Mistake(lambda y, y_hat: float(np.mean(np.abs(y - y_hat))),
                "that is the mean absolute error; square the residuals instead of taking |.|."),
        Mistake(lambda y, y_hat: float(np.mean(y - y_hat) ** 2),
                "you squared the mean residual; square each residual first, then average."),
    ],
)
