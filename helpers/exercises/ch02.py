"""Exercise checks for notebook 02 (the regularized loss, standardization, lam conversions).

Convention: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2 (L2) or + lam/m ||w||_1 (L1),
bias not penalized. Every check accepts an answer right to float32 precision, written any way
(a list, another formula, another library); each planted mistake below is separated from the
right answer by at least one case (tests/test_exercises_ch02.py plants every one of them).
"""

import numpy as np

from ..data import Standardizer
from ..linear.losses import ridge_loss
from ._core import Exercise, Mistake

__all__ = ["check_ridge_objective", "check_standardize", "check_torch_weight_decay",
           "check_map_lambda", "check_laplace_map_lambda"]


def _ridge_cases():
    """(w, b, X, y, lam): m > n, m < n, lam = 0, a large-valued case; b != 0 everywhere."""
    rng = np.random.default_rng(202)
    cases = []
    for m, n, lam, scale in [(8, 3, 2.0, 1.0), (20, 4, 0.5, 1.0), (5, 7, 10.0, 1.0),
                             (12, 2, 0.0, 1.0), (30, 3, 4.0, 100.0)]:
        X, y = rng.normal(size=(m, n)), scale * (rng.normal(size=m) + 3.0)
        cases.append((scale * rng.normal(size=n), 1.5 * scale, X, y, lam))
    return cases


def _data_term(w, b, X, y):
    r = X @ w + b - y
    return r @ r / (2 * len(y))


def _penalty(w, lam, m):
    return lam / (2 * m) * (w @ w)


def _column_y(w, b, X, y, lam):
    r = X @ w + b - y.reshape(-1, 1)  # (m,) minus (m, 1) broadcasts to (m, m)
    return float(np.sum(r**2) / (2 * len(y)) + _penalty(w, lam, len(y)))


check_ridge_objective = Exercise(
    name="ridge_objective",
    reference=ridge_loss,
    cases=_ridge_cases,
    mistakes=[
        Mistake(lambda w, b, X, y, lam: 2 * ridge_loss(w, b, X, y, lam),
                "your J is exactly twice the course's: both halves are missing; J = "
                "1/(2m) ||Xw + b - y||^2 + lam/(2m) ||w||^2."),
        Mistake(lambda w, b, X, y, lam: _data_term(w, b, X, y)
                + lam / (2 * len(y)) * (w @ w + b**2),
                "the bias is being penalized; the penalty lam/(2m) ||w||^2 covers the weights "
                "only."),
        Mistake(lambda w, b, X, y, lam: _data_term(w, b, X, y) + lam / 2 * (w @ w),
                "your penalty is missing its 1/m: it should be lam/(2m) ||w||^2."),
        Mistake(lambda w, b, X, y, lam: _data_term(w, b, X, y) + lam / len(y) * (w @ w),
                "your penalty is off by a factor of 2: did you drop the 1/2 in lam/(2m)?"),
        Mistake(lambda w, b, X, y, lam: 2 * _data_term(w, b, X, y) + _penalty(w, lam, len(y)),
                "your data term is off by a factor of 2: did you drop the 1/2 in 1/(2m)?"),
        Mistake(lambda w, b, X, y, lam: len(y) * _data_term(w, b, X, y)
                + _penalty(w, lam, len(y)),
                "your data term is a sum; divide it by m (it is a mean over samples)."),
        Mistake(lambda w, b, X, y, lam: np.sqrt(2 * _data_term(w, b, X, y))
                + _penalty(w, lam, len(y)),
                "you took a square root (that is the RMSE); the data term is 1/(2m) times the "
                "sum of squared residuals, with no root."),
        Mistake(lambda w, b, X, y, lam: np.sqrt(_data_term(w, b, X, y))
                + _penalty(w, lam, len(y)),
                "you took a square root of the data term; J uses squared residuals, "
                "1/(2m) ||Xw + b - y||^2, with no root."),
        Mistake(lambda w, b, X, y, lam: _data_term(w, b, X, y)
                + lam / len(y) * np.sum(np.abs(w)),
                "that is the L1 penalty lam/m ||w||_1; this exercise asks for L2, "
                "lam/(2m) ||w||^2 (the sum of squared weights)."),
        Mistake(lambda w, b, X, y, lam: _data_term(w, 0.0, X, y) + _penalty(w, lam, len(y)),
                "the bias b is missing from the residual: r = X w + b - y. The bias is left out "
                "of the penalty, not out of the predictions."),
        Mistake(_column_y,
                "your residual broadcast to an (m, m) matrix: y was used as a column (m, 1) "
                "against the (m,) predictions; keep y 1-D, or reshape both to the same shape."),
    ],
)


def _standardize(X_train, X_test):
    scaler = Standardizer.fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test)


def _standardize_cases():
    """Columns of different spread (one with std about 1e-4) and different means."""
    rng = np.random.default_rng(203)
    cases = [(rng.normal(3.0, 2.0, size=(m, n)), rng.normal(5.0, 4.0, size=(k, n)))
             for m, n, k in [(10, 2, 4), (25, 3, 6)]]
    scales, means = np.array([1e-4, 1.0, 50.0]), np.array([0.0, 50.0, -3.0])
    cases.append((means + scales * rng.normal(size=(15, 3)),
                  means + scales * rng.normal(size=(5, 3))))
    return cases


def _own_stats(A):
    return (A - A.mean(axis=0)) / A.std(axis=0)


def _with_stats(S, A, B, ddof=0, eps=0.0):
    """Standardize A and B with the mean and std of S."""
    mean, std = S.mean(axis=0), S.std(axis=0, ddof=ddof) + eps
    return (A - mean) / std, (B - mean) / std


def _rows(A, B):
    def by_row(M):
        return (M - M.mean(axis=1, keepdims=True)) / M.std(axis=1, keepdims=True)
    return by_row(A), by_row(B)


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
        Mistake(lambda A, B: ((A - A.mean()) / A.std(), (B - A.mean()) / A.std()),
                "you used one mean and one std for the whole matrix; standardize each column "
                "(feature) with its own training mean and std: axis=0."),
        Mistake(_rows,
                "you standardized each row; standardize each column (feature) instead: "
                "mean and std with axis=0."),
        Mistake(lambda A, B: _with_stats(A, A, B, eps=1e-8),
                "you added a small constant to the std; it changes the result on columns with a "
                "small spread (test case 3 has a column with std 1e-4). Divide by the std itself."),
    ],
)


check_torch_weight_decay = Exercise(
    name="torch_weight_decay",
    reference=lambda lam, m: 2.0 * lam / m,
    cases=lambda: [(10.0, 200), (0.5, 40), (3.0, 7), (250.0, 100), (1e-3, 1_000_000)],
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
        Mistake(lambda lam, m: 2.0 * lam // m,
                "you used floor division //, which rounds down (to 0 when lam < m); use / for "
                "wd = 2 lam / m."),
    ],
)


check_map_lambda = Exercise(
    name="map_lambda",
    reference=lambda sigma, tau: sigma**2 / tau**2,
    cases=lambda: [(1.0, 0.5), (2.0, 1.0), (0.3, 1.5), (1e-3, 2e-3), (50.0, 4.0)],
    mistakes=[
        Mistake(lambda sigma, tau: sigma / tau,
                "square both: lam is a ratio of variances, sigma^2 / tau^2."),
        Mistake(lambda sigma, tau: tau**2 / sigma**2,
                "upside down: more noise (sigma) should mean more regularization, a wider prior "
                "(tau) less; lam = sigma^2 / tau^2."),
        Mistake(lambda sigma, tau: sigma**2 * tau**2,
                "a product of variances; lam is the ratio sigma^2 / tau^2."),
        Mistake(lambda sigma, tau: sigma**2 / tau,
                "that is the Laplace (L1) answer sigma^2 / tau; with a Gaussian prior N(0, tau^2) "
                "the penalty is ||w||^2 / (2 tau^2), so lam = sigma^2 / tau^2."),
        Mistake(lambda sigma, tau: sigma**2 / (2 * tau**2),
                "half too small: the prior term ||w||^2 / (2 tau^2) already has the 1/2 of the "
                "course's lam/(2m) ||w||^2, so lam = sigma^2 / tau^2 with no extra 2."),
        Mistake(lambda sigma, tau: 1.0 / tau**2,
                "sigma is missing: the data term is ||r||^2 / (2 sigma^2), so multiplying by "
                "sigma^2 gives lam = sigma^2 / tau^2."),
        Mistake(lambda sigma, tau: sigma**2 / (tau**2 + 1e-8),
                "you added a small constant to tau^2; it changes the answer for small tau "
                "(test case 4 has tau = 0.002). Return sigma^2 / tau^2 exactly."),
    ],
)


check_laplace_map_lambda = Exercise(
    name="laplace_map_lambda",
    reference=lambda sigma, tau: sigma**2 / tau,
    cases=lambda: [(1.0, 0.5), (2.0, 1.0), (0.3, 1.5), (1e-3, 2e-3), (50.0, 4.0)],
    mistakes=[
        Mistake(lambda sigma, tau: sigma**2 / tau**2,
                "that is the Gaussian answer; a Laplace prior with scale tau gives the penalty "
                "||w||_1 / tau (no square), so lam = sigma^2 / tau."),
        Mistake(lambda sigma, tau: sigma / tau,
                "sigma must be squared: the data term is ||r||^2 / (2 sigma^2); multiplying the "
                "negative log posterior by sigma^2 gives lam = sigma^2 / tau."),
        Mistake(lambda sigma, tau: 2 * sigma**2 / tau,
                "twice too large: the course's L1 penalty is lam/m ||w||_1 next to 1/(2m) ||r||^2, "
                "so lam = sigma^2 / tau (multiply the negative log posterior by sigma^2 / m)."),
        Mistake(lambda sigma, tau: sigma**2 / (2 * tau),
                "half too small: the course's L1 penalty is lam/m ||w||_1 (no 1/2 in front), so "
                "lam = sigma^2 / tau."),
        Mistake(lambda sigma, tau: tau / sigma**2,
                "upside down: more noise (sigma) should mean more regularization, a wider prior "
                "(tau) less; lam = sigma^2 / tau."),
    ],
)
