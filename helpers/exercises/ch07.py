"""Exercise checks for notebook 07 (high dimensions and the FAQ).

Names: m samples, n features, gamma = n/m (HMRT's p/n); lam in the course's convention;
w_norm = ||w*||, the norm of the true weights w* (the signal strength; HMRT call it r, but the
course keeps r for the residual).

Every check accepts an answer right to float32 precision (the floor of `_core.Exercise`): the
tolerances are never set tighter here.
"""

import numpy as np

from ..selection.ridge_path import effective_df, gcv_ridge, loo_cv_ridge
from ..studies.high_dim import hmrt_min_norm_risk, optimal_ridge_lam
from ._core import Exercise, Feedback, Mistake
from ._i18n import N_, _, translate

__all__ = ["check_min_norm", "check_hmrt_risk", "check_optimal_lam", "check_gcv_score"]


# --- 1. the minimum-norm solution (no bias: the data have mean zero) ---------------------------

def _min_norm(X, y):
    return np.linalg.pinv(X) @ y


def _min_norm_cases():
    rng = np.random.default_rng(700)
    return [(rng.normal(size=(m, n)), rng.normal(size=m)) for m, n in [(3, 7), (5, 12), (8, 20)]]


def _basic_solution(X, y):
    w = np.zeros(X.shape[1])
    w[:X.shape[0]] = np.linalg.solve(X[:, :X.shape[0]], y)
    return w


check_min_norm = Exercise(
    name="min_norm_weights",
    reference=_min_norm,
    cases=_min_norm_cases,
    mistakes=[
        Mistake(_basic_solution,
                "your w fits the data exactly but is not the shortest such w: you solved with the "
                "first m columns only. Any w plus a null-space direction of X also fits; the "
                "minimum-norm one lies in the row space of X, w = X^T (X X^T)^-1 y = pinv(X) y."),
        Mistake(lambda X, y: X.T @ np.linalg.solve(X @ X.T + np.eye(X.shape[0]), y),
                "that is ridge with lam = 1; the minimum-norm solution is the lam -> 0 limit, "
                "so drop the + lam I (or use np.linalg.pinv)."),
        Mistake(lambda X, y: X.T @ y,
                "you returned X^T y, which does not fit the data; solve X X^T a = y first and "
                "return X^T a."),
        Mistake(lambda X, y: np.linalg.pinv(X - X.mean(axis=0)) @ (y - y.mean()),
                "you centered X and y: this model has no bias (the data have mean zero), so use "
                "pinv(X) @ y directly."),
        Mistake(lambda X, y: np.linalg.pinv(X) @ y.reshape(-1, 1),
                "your w has shape (n, 1): y is a vector of shape (m,), so keep it 1-D (no "
                "reshape(-1, 1)) and w comes out with shape (n,)."),
    ],
)


# --- 2. the HMRT asymptotic risk of the minimum-norm fit ------------------------------------------

def _hmrt(gamma, sigma, w_norm):
    return hmrt_min_norm_risk(gamma, sigma, w_norm)


def _hmrt_cases():
    return [(0.5, 0.5, 1.0), (0.8, 1.0, 2.0), (1.5, 0.5, 1.0), (3.0, 1.0, 2.0), (1.25, 0.3, 0.7)]


def _piecewise(under, over):
    return lambda g, s, wn: under(g, s, wn) if g < 1 else over(g, s, wn)


class _RiskExercise(Exercise):
    """An Exercise for a risk: a negative output that no planted mistake explains gets
    `negative_hint` (an English sentence marked with `N_`): a risk is a mean square."""

    def __init__(self, *args, negative_hint, **kwargs):
        super().__init__(*args, **kwargs)
        self.negative_hint = negative_hint

    def _diagnose(self, outputs, expected, cases):
        for i, out in enumerate(outputs, start=1):
            try:
                negative = bool(np.any(np.asarray(out, dtype=float) < 0))
            except (TypeError, ValueError):
                continue
            if negative:
                return Feedback("fail", "❌ " + _(
                    "{name}: your function returned a negative risk on test case {case} of "
                    "{count} (inputs {inputs}). {hint}").format(
                        name=self.name, case=i, count=len(cases),
                        inputs=", ".join(f"{a:g}" for a in cases[i - 1]),
                        hint=translate(self.negative_hint)))
        return None


check_hmrt_risk = _RiskExercise(
    name="min_norm_risk",
    reference=_hmrt,
    cases=_hmrt_cases,
    mistakes=[
        Mistake(_piecewise(lambda g, s, wn: s**2 * g / (1 - g), lambda g, s, wn: s**2 / (g - 1)),
                "beyond the threshold (gamma > 1) you kept only the variance: add the bias "
                "w_norm^2 (1 - 1/gamma), the part of w* in the null space of X that the fit "
                "cannot see."),
        Mistake(_piecewise(lambda g, s, wn: s**2 * g / (1 - g),
                           lambda g, s, wn: wn**2 / g + s**2 / (g - 1)),
                "the bias is w_norm^2 (1 - 1/gamma), not w_norm^2/gamma: the fit recovers a "
                "fraction m/n = 1/gamma of ||w*||^2 and misses the rest."),
        Mistake(_piecewise(lambda g, s, wn: s * g / (1 - g),
                           lambda g, s, wn: wn**2 * (1 - 1 / g) + s / (g - 1)),
                "the noise enters through its variance: use sigma**2, not sigma."),
        Mistake(_piecewise(lambda g, s, wn: s**2 * g / (1 - g),
                           lambda g, s, wn: wn * (1 - 1 / g) + s**2 / (g - 1)),
                "the bias uses the squared signal norm: w_norm**2, not w_norm."),
        Mistake(_piecewise(lambda g, s, wn: s * g / (1 - g),
                           lambda g, s, wn: wn * (1 - 1 / g) + s / (g - 1)),
                "use squares: the noise enters through its variance sigma**2 and the bias "
                "through the squared signal norm w_norm**2 (sigma and w_norm are not "
                "variances)."),
        Mistake(_piecewise(lambda g, s, wn: s**2 / (1 - g),
                           lambda g, s, wn: wn**2 * (1 - 1 / g) + s**2 / (g - 1)),
                "below the threshold the variance is sigma^2 gamma / (1 - gamma): you dropped the "
                "factor gamma (for gamma -> 0 the risk must vanish)."),
        Mistake(lambda g, s, wn: _hmrt(g, s, wn) + s**2,
                "you added the noise sigma^2: the formula is the excess risk "
                "E[(x^T (w - w*))^2], which leaves out the irreducible noise."),
        Mistake(lambda g, s, wn: wn**2 * (1 - 1 / g) + s**2 / (g - 1),
                "you used the formula for gamma > 1 everywhere, which is negative for gamma < 1 "
                "(a risk is a mean square and cannot be negative): below the threshold the "
                "minimum-norm fit is least squares, with excess risk sigma^2 gamma / (1 - gamma)."),
        Mistake(_piecewise(lambda g, s, wn: s**2 * g / (g - 1),
                           lambda g, s, wn: wn**2 * (1 - 1 / g) + s**2 / (g - 1)),
                "below the threshold you wrote sigma^2 gamma / (gamma - 1), which is negative for "
                "gamma < 1 (a risk cannot be): it is sigma^2 gamma / (1 - gamma)."),
    ],
    negative_hint=N_(
        "A risk is a mean square and cannot be negative: check the signs of (1 - gamma) and "
        "(gamma - 1) in each branch, and that the branch for gamma < 1 is sigma^2 gamma / "
        "(1 - gamma)."),
)


# --- 3. the optimal ridge lam in the course's convention -----------------------------------------

def _optimal_lam(m, n, sigma, w_norm):
    return optimal_ridge_lam(n, sigma, w_norm)


def _optimal_lam_cases():
    return [(100, 50, 0.5, 1.0), (100, 300, 1.0, 2.0), (40, 10, 0.3, 0.5), (250, 250, 2.0, 1.5)]


check_optimal_lam = Exercise(
    name="optimal_lam",
    reference=_optimal_lam,
    cases=_optimal_lam_cases,
    mistakes=[
        Mistake(lambda m, n, s, wn: n / m * s**2 / wn**2,
                "that is the per-sample penalty gamma sigma^2 / w_norm^2 of HMRT (lam/m); in the "
                "course's J = 1/(2m)||Xw - y||^2 + lam/(2m)||w||^2 multiply it by m: "
                "lam = n sigma^2 / w_norm^2, independent of m."),
        Mistake(lambda m, n, s, wn: m * s**2 / wn**2,
                "you used the number of samples m; the prior variance per weight is w_norm^2/n, so "
                "lam = sigma^2 / (w_norm^2/n) = n sigma^2 / w_norm^2 uses the number of "
                "features n."),
        Mistake(lambda m, n, s, wn: n * wn**2 / s**2,
                "upside down: more noise needs more shrinkage, so sigma^2 goes in the numerator "
                "(lam = n sigma^2 / w_norm^2)."),
        Mistake(lambda m, n, s, wn: s**2 / wn**2,
                "you forgot the factor n: the prior variance of each of the n weights is "
                "w_norm^2/n, so lam = sigma^2 / (w_norm^2/n)."),
        Mistake(lambda m, n, s, wn: n * s / wn,
                "use variances: lam = n sigma^2 / w_norm^2 (squares of sigma and w_norm)."),
        Mistake(lambda m, n, s, wn: n * s**2 / wn,
                "square w_norm as well: the prior variance per weight is tau^2 = w_norm^2/n, so "
                "lam = n sigma^2 / w_norm**2, not n sigma^2 / w_norm."),
    ],
)


# --- 4. the GCV score of ridge, to choose lam when n > m ------------------------------------------

def _gcv(X, y, lam):
    return float(gcv_ridge(X, y, [lam])[0])


def _gcv_parts(X, y, lam):
    """Training MSE, df and m, recovered from the reference (planted mistakes reuse them)."""
    m = X.shape[0]
    df = float(effective_df(X, [lam])[0])
    train_mse = _gcv(X, y, lam) * (1 - (1 + df) / m) ** 2
    return train_mse, df, m


def _gcv_no_bias(X, y, lam):
    train_mse, df, m = _gcv_parts(X, y, lam)
    return train_mse / (1 - df / m) ** 2


def _gcv_not_squared(X, y, lam):
    train_mse, df, m = _gcv_parts(X, y, lam)
    return train_mse / (1 - (1 + df) / m)


def _gcv_uncentered_df(X, y, lam):
    train_mse, _df, m = _gcv_parts(X, y, lam)
    s = np.linalg.svd(X, compute_uv=False)          # of X itself, not of the centered X
    return train_mse / (1 - (1 + np.sum(s**2 / (s**2 + lam))) / m) ** 2


def _gcv_sum(X, y, lam):
    train_mse, df, m = _gcv_parts(X, y, lam)
    return m * train_mse / (1 - (1 + df) / m) ** 2


def _gcv_lam_over_m(X, y, lam):
    """The per-sample convention by mistake: ridge and df computed with lam/m instead of lam."""
    return _gcv(X, y, lam / X.shape[0])


def _gcv_df_lam_over_m(X, y, lam):
    train_mse, _df, m = _gcv_parts(X, y, lam)
    df = float(effective_df(X, [lam / m])[0])
    return train_mse / (1 - (1 + df) / m) ** 2


def _gcv_rmse(X, y, lam):
    train_mse, df, m = _gcv_parts(X, y, lam)
    return np.sqrt(train_mse) / (1 - (1 + df) / m) ** 2


def _gcv_array(X, y, lam):
    return np.array([_gcv(X, y, lam)])


def _gcv_cases():
    rng = np.random.default_rng(707)
    cases = []
    for m, n, lam in [(20, 50, 3.0), (15, 40, 30.0), (30, 6, 1.0)]:
        X = rng.normal(size=(m, n)) + 0.5
        y = X @ rng.normal(size=n) / np.sqrt(n) + 1.0 + 0.5 * rng.normal(size=m)
        cases.append((X, y, lam))
    return cases


check_gcv_score = Exercise(
    name="gcv_score",
    reference=_gcv,
    cases=_gcv_cases,
    mistakes=[
        Mistake(_gcv_no_bias,
                "count the unpenalized bias in the trace: tr(H) = 1 + df(lam), so the denominator "
                "is (1 - (1 + df)/m)^2."),
        Mistake(_gcv_not_squared,
                "square the denominator: GCV = (1/m)||y - y_hat||^2 / (1 - tr(H)/m)^2."),
        Mistake(lambda X, y, lam: _gcv_parts(X, y, lam)[0],
                "that is the training MSE, which always prefers the smallest lam (with n > m it "
                "is 0 at lam -> 0); divide by (1 - tr(H)/m)^2."),
        Mistake(lambda X, y, lam: float(loo_cv_ridge(X, y, [lam])[0]),
                "that is the exact leave-one-out error (one leverage H_ii per sample); GCV "
                "replaces every H_ii by their mean tr(H)/m."),
        Mistake(_gcv_uncentered_df,
                "your df uses the singular values of X itself; the bias is fitted, so df(lam) "
                "= sum s^2/(s^2 + lam) over the singular values of the centered X "
                "(X - X.mean(axis=0)), which is what hp.effective_df computes."),
        Mistake(_gcv_sum,
                "the numerator is the mean squared residual (1/m)||y - y_hat||^2: you used the "
                "sum, which is m times too large."),
        Mistake(_gcv_lam_over_m,
                "you used lam/m inside GCV (the per-sample convention of HMRT and of "
                "scikit-learn's Lasso): the course's ridge J = 1/(2m)||Xw + b - y||^2 + "
                "lam/(2m)||w||^2 is fitted with lam itself, ridge_closed_form(X, y, lam), and "
                "df(lam) = sum s_j^2 / (s_j^2 + lam), effective_df(X, [lam])."),
        Mistake(_gcv_df_lam_over_m,
                "your df uses lam/m: df(lam) = sum s_j^2 / (s_j^2 + lam) with the same lam as "
                "the fit, effective_df(X, [lam])."),
        Mistake(_gcv_rmse,
                "the numerator is the mean squared residual (1/m)||y - y_hat||^2: you took its "
                "square root (RMSE instead of MSE)."),
        Mistake(_gcv_array,
                "right value, but returned as an array of shape (1,): effective_df(X, [lam]) "
                "returns one df per lam in the list, so take [0] and return a float."),
    ],
)
