"""Exercise checks for notebook 00 (start here).

Each check runs the learner's function on fixed cases chosen so that every planted mistake gives a
different number from the right answer on at least one case: mean squared errors below 1 and above 1
(so RMSE and MSE differ in both directions), features with non-zero and unequal column means (so the
overall mean of X differs from the per-column means).
"""

import numpy as np

from ._core import Exercise, Mistake

__all__ = ["check_mse", "check_ridge_bias"]


def _mse(y, y_hat):
    return float(np.mean((y - y_hat) ** 2))


def _mse_cases():
    rng = np.random.default_rng(100)
    y5 = rng.normal(size=5)
    y12 = rng.normal(size=12)
    y40 = rng.normal(size=40)
    return [
        (y5, y5 + rng.normal(size=5)),                  # MSE of order 1
        (y12, y12 + 0.1 * rng.normal(size=12)),         # small errors: MSE < RMSE
        (30.0 * y40, 30.0 * y40 + 5.0 * rng.normal(size=40) + 2.0),  # large: MSE > RMSE, biased
    ]


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
        Mistake(lambda y, y_hat: float(np.sqrt(np.mean((y - y_hat) ** 2))),
                "you returned the root mean squared error (RMSE), the square root of the MSE; "
                "return the mean of the squared residuals itself, without the square root."),
        Mistake(lambda y, y_hat: float(np.mean(np.abs(y - y_hat))),
                "that is the mean absolute error; square the residuals instead of taking |.|."),
        Mistake(lambda y, y_hat: float(np.mean(y - y_hat) ** 2),
                "you squared the mean residual; square each residual first, then average."),
        Mistake(lambda y, y_hat: float(np.mean((y[:, None] - y_hat) ** 2)),
                "your residual has shape (m, m): one of the arrays was a column of shape (m, 1), "
                "and numpy broadcast it against the other into every pair (y_i, y_hat_k); keep "
                "both of shape (m,), for example with y.reshape(-1)."),
        Mistake(lambda y, y_hat: (y - y_hat) ** 2,
                "you returned one squared error per sample; average them into a single number."),
        Mistake(lambda y, y_hat: float(np.sum((y - y_hat) ** 2) / (len(y) - 1)),
                "you divided by m - 1, as for a sample variance; the MSE divides the sum of "
                "squares by m, the number of samples."),
    ],
)


def _ridge_bias(X, y, w):
    return float(np.mean(y) - np.mean(X, axis=0) @ w)


def _bias_cases():
    rng = np.random.default_rng(101)
    cases = []
    for m, n, scale in ((12, 1, 1.0), (20, 3, 1.0), (50, 4, 100.0)):
        offsets = np.arange(1, n + 1) * 1.5 - 0.5           # unequal column means
        X = scale * (rng.normal(size=(m, n)) + offsets)
        w = rng.normal(size=n)
        y = X @ w + 2.0 + rng.normal(size=m)
        cases.append((X, y, w))
    return cases


check_ridge_bias = Exercise(
    name="ridge_bias",
    reference=_ridge_bias,
    cases=_bias_cases,
    mistakes=[
        Mistake(lambda X, y, w: float(np.mean(y)),
                "you returned the mean of y; subtract the mean prediction of the weights, "
                "x̄ᵀw, where x̄ holds the mean of each column of X."),
        Mistake(lambda X, y, w: float(np.mean(y) + np.mean(X, axis=0) @ w),
                "the sign of the x̄ᵀw term is wrong: b = ȳ − x̄ᵀw, so that the line passes "
                "through the center of the data (x̄, ȳ)."),
        Mistake(lambda X, y, w: float(np.mean(y) - np.mean(X) * np.sum(w)),
                "X.mean() averages every entry of X into one number; you need one mean per "
                "feature, X.mean(axis=0), of shape (n,)."),
        Mistake(lambda X, y, w: y - X @ w,
                "you returned one value per sample, y − Xw; the bias is a single number, their "
                "mean."),
        Mistake(lambda X, y, w: np.mean(y) - np.mean(X, axis=0) * w,
                "you returned one value per feature: x̄ * w multiplies element by element; the "
                "bias needs the dot product x̄ᵀw, X.mean(axis=0) @ w, which is a single number."),
    ],
)
