"""Exercise checks for notebook 02 (the regularized loss, standardization, lam conversions)."""

import numpy as np

from ..data import Standardizer
from ..linear.losses import ridge_loss
from ._core import Exercise, Mistake

__all__ = ["check_ridge_objective", "check_standardize", "check_torch_weight_decay",
           "check_map_lambda"]


def _ridge_cases():
    rng = np.random.default_rng(202)
    cases = []
    for m, n, lam in [(8, 3, 2.0), (20, 4, 0.5), (5, 7, 10.0)]:
        X, y = rng.normal(size=(m, n)), rng.normal(size=m) + 3.0
        cases.append((rng.normal(size=n), 1.5, X, y, lam))
    return cases


def _data_term(w, b, X, y):
    r = X @ w + b - y
    return r @ r / (2 * len(y))


check_ridge_objective = Exercise(
    name="ridge_objective",
    reference=ridge_loss,
    cases=_ridge_cases,
    mistakes=[
        Mistake(lambda w, b, X, y, lam: _data_term(w, b, X, y)
                + lam / (2 * len(y)) * (w @ w + b**2),
                "the bias is being penalized; the penalty lam/(2m) ||w||^2 covers the weights "
                "only."),
        Mistake(lambda w, b, X, y, lam: _data_term(w, b, X, y) + lam / 2 * (w @ w),
                "your penalty is missing its 1/m: it should be lam/(2m) ||w||^2."),
        Mistake(lambda w, b, X, y, lam: _data_term(w, b, X, y) + lam / len(y) * (w @ w),
                "your penalty is off by a factor of 2: did you drop the 1/2 in lam/(2m)?"),
        Mistake(lambda w, b, X, y, lam: 2 * _data_term(w, b, X, y) + lam / (2 * len(y)) * (w @ w),
                "your data term is off by a factor of 2: did you drop the 1/2 in 1/(2m)?"),
        Mistake(lambda w, b, X, y, lam: len(y) * _data_term(w, b, X, y)
                + lam / (2 * len(y)) * (w @ w),
                "your data term is a sum; divide it by m (it is a mean over samples)."),
    ],
)


def _standardize(X_train, X_test):
    scaler = Standardizer.fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test)


def _standardize_cases():
    rng = np.random.default_rng(203)
    return [(rng.normal(3.0, 2.0, size=(m, n)), rng.normal(5.0, 4.0, size=(k, n)))
            for m, n, k in [(10, 2, 4), (25, 3, 6)]]


def _own_stats(A):
    return (A - A.mean(axis=0)) / A.std(axis=0)


def _with_stats(S, A, B, ddof=0):
    """Standardize A and B with the mean and std of S."""
    mean, std = S.mean(axis=0), S.std(axis=0, ddof=ddof)
    return (A - mean) / std, (B - mean) / std


check_standardize = Exercise(
    name="standardize",
    reference=_standardize,
    cases=_standardize_cases,
    mistakes=[
        Mistake(lambda A, B: (_own_stats(A), _own_stats(B)),
                "the test set was standardized with its own mean and std; use the training "
                "statistics for every split (otherwise the test set leaks into the pipeline)."),
        Mistake(lambda A, B: _with_stats(np.vstack([A, B]), A, B),
                "the statistics came from training and test data together; fit them on the "
                "training data only."),
        Mistake(lambda A, B: _with_stats(A, A, B, ddof=1),
                "you used the sample std (ddof=1); the course standardizes with np.std's "
                "default ddof=0, like scikit-learn's StandardScaler."),
        Mistake(lambda A, B: (A - A.mean(0), B - A.mean(0)),
                "you only centered the columns; also divide by the training standard deviation."),
        Mistake(lambda A, B: ((A - A.mean(0)) / A.var(0), (B - A.mean(0)) / A.var(0)),
                "you divided by the variance; divide by the standard deviation (its square root)."),
    ],
)


check_torch_weight_decay = Exercise(
    name="torch_weight_decay",
    reference=lambda lam, m: 2.0 * lam / m,
    cases=lambda: [(10.0, 200), (0.5, 40), (3.0, 7)],
    mistakes=[
        Mistake(lambda lam, m: lam / m,
                "lam/m would be right for a loss with a 1/2 in front; nn.MSELoss is mean(r^2) "
                "without it, i.e. 2 J, so the decay doubles too: 2 lam/m."),
        Mistake(lambda lam, m: float(lam),
                "PyTorch's loss is a mean over samples, so lam must be divided by m (and doubled, "
                "because MSELoss has no 1/2)."),
        Mistake(lambda lam, m: 2.0 * lam,
                "you doubled lam but forgot to divide by m: MSELoss averages over the m samples."),
        Mistake(lambda lam, m: lam / (2 * m),
                "weight_decay adds wd*p to the gradient, the gradient of (wd/2)||p||^2; matching "
                "2 J = mean(r^2) + (lam/m)||w||^2 gives wd = 2 lam/m, not lam/(2m)."),
    ],
)


check_map_lambda = Exercise(
    name="map_lambda",
    reference=lambda sigma, tau: sigma**2 / tau**2,
    cases=lambda: [(1.0, 0.5), (2.0, 1.0), (0.3, 1.5)],
    mistakes=[
        Mistake(lambda sigma, tau: sigma / tau,
                "square both: lam is a ratio of variances, sigma^2 / tau^2."),
        Mistake(lambda sigma, tau: tau**2 / sigma**2,
                "upside down: more noise (sigma) should mean more regularization, a wider prior "
                "(tau) less; lam = sigma^2 / tau^2."),
        Mistake(lambda sigma, tau: sigma**2 * tau**2,
                "a product of variances; lam is the ratio sigma^2 / tau^2."),
    ],
)
