"""More features than samples: the minimum-norm fit, double descent, and optimally tuned ridge.

Course names: m samples, n features, gamma = n / m. Hastie, Montanari, Rosset and Tibshirani
(2022, "Surprises in high-dimensional ridgeless least squares interpolation", Ann. Statist.
50(2)) call the same numbers n samples and p features, so their p/n is our gamma = n/m.

Model (HMRT's isotropic case): x ~ N(0, I_n), y = x^T beta + eps, ||beta|| = r, Var(eps) = sigma^2.
The data have mean zero by construction, so the simulations fit no bias, as HMRT do. The
excess test risk of an estimate w is E[(x0^T (w - beta))^2] = ||w - beta||^2 (x0 isotropic).

Ridge uses the course's lam: J(w) = 1/(2m)||X w - y||^2 + lam/(2m)||w||^2, i.e.
w = (X^T X + lam I)^-1 X^T y. HMRT's penalty is lam/m in this unit.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import (
    as_array,
    as_bool,
    as_float,
    as_int,
    as_lam,
    as_lams,
    as_positive,
    as_rng,
    as_vector,
    as_Xy,
    rank_cutoff,
)
from ..data import _make_linear_data
from ..linear.ridge import _ridge_fit

__all__ = ["min_norm_solution", "min_norm_gap", "make_isotropic_data", "excess_risk",
           "optimal_ridge_lam", "hmrt_min_norm_risk", "hmrt_ridge_risk", "finite_min_norm_risk",
           "RiskSimulation", "simulate_risk"]


def min_norm_solution(X, y, fit_bias=True):
    """The least-squares solution of smallest norm, w = Xc^+ yc, from the pseudo-inverse.

    When m <= n (more features than samples) X^T X is singular and infinitely many w fit the
    data exactly; the pseudo-inverse picks the one with the smallest ||w||, which lies in the
    row space of X. It is the lam -> 0 limit of ridge (see `min_norm_gap`).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    fit_bias : bool
        True: center X and y first and return b = mean(y) - mean(X) w (the course's model).
        False: w = X^+ y and b = 0 (HMRT's model without intercept).

    Returns
    -------
    w : ndarray of shape (n,)
    b : float
    """
    X, y = as_Xy(X, y)
    return _min_norm(X, y, as_bool(fit_bias, "fit_bias"))


def _min_norm(X, y, fit_bias):
    if not fit_bias:
        return _pinv_solve(X, y), 0.0
    return _ridge_fit(X, y, 0.0)        # lam = 0: the minimum-norm solution on centered data


def _pinv_solve(X, y):
    """X^+ y through the SVD, singular values at round-off level (`rank_cutoff`) treated as 0."""
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    keep = s > rank_cutoff(s, X.shape)
    return Vt[keep].T @ ((U[:, keep].T @ y) / s[keep])


def min_norm_gap(X, y, lams):
    """||w_ridge(lam) - w_min_norm|| for each lam: how fast ridge approaches the pseudo-inverse.

    Both fits keep the bias unpenalized (`ridge_closed_form` and `min_norm_solution`). For small
    lam the gap shrinks in proportion to lam.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    lams : ndarray of shape (k,), values > 0

    Returns
    -------
    gaps : ndarray of shape (k,)
    """
    X, y = as_Xy(X, y)
    lams = as_lams(lams)
    w_plus, _ = _min_norm(X, y, True)
    return np.array([np.linalg.norm(_ridge_fit(X, y, lam)[0] - w_plus) for lam in lams])


def make_isotropic_data(m, n, rng, sigma=0.5, r=1.0):
    """HMRT's isotropic model: X ~ N(0, I), beta uniform on the sphere of radius r, no bias.

    Parameters
    ----------
    m, n : int >= 1
    rng : numpy Generator or int seed
    sigma : float >= 0
        Noise standard deviation.
    r : float > 0
        ||beta|| (the signal strength).

    Returns
    -------
    LinearData
        With w = beta and b = 0.
    """
    m, n = as_int(m, "m", minimum=1), as_int(n, "n", minimum=1)
    rng = as_rng(rng)
    sigma, r = as_float(sigma, "sigma", minimum=0.0), as_positive(r, "r")
    beta = rng.standard_normal(n)
    beta *= r / np.linalg.norm(beta)
    return _make_linear_data(m, rng, sigma, 0.0, beta, np.ones(n), np.zeros(n))


def excess_risk(w, b, beta):
    """E[(x0^T w + b - x0^T beta)^2] = ||w - beta||^2 + b^2 for x0 ~ N(0, I) (noise excluded).

    Parameters
    ----------
    w, beta : ndarray of shape (n,)
    b : float

    Returns
    -------
    float
    """
    beta = as_vector(beta, "beta")
    w = as_vector(w, "w", length=beta.shape[0], length_of="one weight per entry of beta")
    b = as_float(b, "b")
    return float(np.sum((w - beta) ** 2) + b**2)


def optimal_ridge_lam(n, sigma, r):
    """The best ridge lam in the isotropic model, in the course's convention: lam = n sigma^2 / r^2.

    It follows from the isotropic setting of Nakkiran, Venkat, Kakade and Ma (2021), who use the
    same objective ||Xw - y||^2 + lam ||w||^2: for rotation-invariant X the risk at a fixed beta
    of norm r equals the Bayes risk under the prior N(0, (r^2/n) I), whose best ridge is
    sigma^2 / tau^2 with tau^2 = r^2 / n. It does not depend on the number of samples m (their
    Lemma 2); in HMRT's per-sample unit it is gamma sigma^2 / r^2.

    Parameters
    ----------
    n : int >= 1
        Number of features.
    sigma : float > 0
    r : float > 0

    Returns
    -------
    float
    """
    n = as_int(n, "n", minimum=1)
    return n * as_positive(sigma, "sigma") ** 2 / as_positive(r, "r") ** 2


def hmrt_min_norm_risk(gamma, sigma=0.5, r=1.0):
    """Asymptotic excess risk of the minimum-norm fit (HMRT 2022), gamma = n/m fixed, m -> inf.

        gamma < 1:  sigma^2 gamma / (1 - gamma)                      (variance only)
        gamma > 1:  r^2 (1 - 1/gamma) + sigma^2 / (gamma - 1)          (bias + variance)
        gamma = 1:  infinite (the interpolation threshold)

    Parameters
    ----------
    gamma : float or ndarray, values > 0
    sigma : float >= 0
    r : float >= 0

    Returns
    -------
    float or ndarray like gamma
    """
    gamma, scalar = _gammas(gamma)
    sigma, r = as_float(sigma, "sigma", minimum=0.0), as_float(r, "r", minimum=0.0)
    risk = _hmrt_min_norm_risk(gamma, sigma, r)
    return float(risk[0]) if scalar else risk


def _hmrt_min_norm_risk(gamma, sigma, r):
    """`hmrt_min_norm_risk` on checked input: gamma a 1-D array, the risks an array like it."""
    risk = np.full(gamma.shape, np.inf)
    under, over = gamma < 1, gamma > 1
    risk[under] = sigma**2 * gamma[under] / (1 - gamma[under])
    risk[over] = r**2 * (1 - 1 / gamma[over]) + sigma**2 / (gamma[over] - 1)
    return risk


def hmrt_ridge_risk(gamma, lam, m, sigma=0.5, r=1.0):
    """Asymptotic excess risk of ridge in the isotropic model (HMRT 2022; Dobriban and Wager 2018).

    With the per-sample penalty t = lam/m, the Marchenko-Pastur limits
    s(t) = lim (1/n) tr (X^T X/m + t I)^-1 and s'(t) = lim (1/n) tr (X^T X/m + t I)^-2 give:

        bias^2   = r^2 t^2 s'(t)
        variance = sigma^2 gamma (s(t) - t s'(t))

    lam = 0 gives `hmrt_min_norm_risk`; the minimum over lam is at `optimal_ridge_lam`.

    Parameters
    ----------
    gamma : float or ndarray, values > 0
    lam : float >= 0
        The course's lam (penalty lam/(2m)||w||^2 in J).
    m : int >= 1
        Number of samples, to convert lam to the per-sample t = lam/m.
    sigma, r : float >= 0

    Returns
    -------
    float or ndarray like gamma
    """
    gamma, scalar = _gammas(gamma)
    lam, m = as_lam(lam), as_int(m, "m", minimum=1)
    sigma, r = as_float(sigma, "sigma", minimum=0.0), as_float(r, "r", minimum=0.0)
    risk = _hmrt_ridge_risk(gamma, lam, m, sigma, r)
    return float(risk[0]) if scalar else risk


def _hmrt_ridge_risk(gamma, lam, m, sigma, r):
    """`hmrt_ridge_risk` on checked input: gamma a 1-D array, the risks an array like it."""
    if lam == 0:
        return _hmrt_min_norm_risk(gamma, sigma, r)
    t = lam / m
    s, ds = _mp_stieltjes(gamma, t)
    return r**2 * t**2 * ds + sigma**2 * gamma * (s - t * ds)


def _mp_stieltjes(gamma, t):
    """(s, ds): limits of (1/n) tr(S + tI)^-1 and (1/n) tr(S + tI)^-2, S = X^T X/m, ratio gamma.

    s solves gamma t s^2 + (1 - gamma + t) s - 1 = 0 (the positive root); differentiating it
    gives (1/n) tr (S + t I)^-2 = (s + gamma s^2) / (1 - gamma + t + 2 gamma t s).
    """
    a = 1 - gamma + t
    root = np.sqrt(a**2 + 4 * gamma * t)
    # Two algebraically equal forms of the positive root; each avoids cancellation on its side.
    s = np.where(a >= 0, 2 / (a + root), (root - a) / (2 * gamma * t))
    ds = (s + gamma * s**2) / (a + 2 * gamma * t * s)
    return s, ds


def finite_min_norm_risk(m, n, sigma=0.5):
    """Exact expected excess risk of least squares for Gaussian X with n < m - 1 features.

    E||w_ols - beta||^2 = sigma^2 E tr (X^T X)^-1 = sigma^2 n / (m - n - 1) (the mean of an
    inverse Wishart matrix); it tends to `hmrt_min_norm_risk` as m grows with n/m fixed.

    Parameters
    ----------
    m, n : int, 1 <= n < m - 1
    sigma : float >= 0

    Returns
    -------
    float
    """
    m = as_int(m, "m", minimum=3)
    n = as_int(n, "n", minimum=1, maximum=m - 2)
    return as_float(sigma, "sigma", minimum=0.0) ** 2 * n / (m - n - 1)


@dataclass(frozen=True)
class RiskSimulation:
    """Outcome of `simulate_risk`.

    Attributes
    ----------
    m : int
    ns : ndarray of shape (q,)
        Numbers of features.
    lams : ndarray of shape (q, k)
        The ridge lam of each column at each n (0 = minimum-norm).
    risks : ndarray of shape (q, k, n_seeds)
        Excess risk ||w - beta||^2 of every simulated fit.
    """

    m: int
    ns: np.ndarray
    lams: np.ndarray
    risks: np.ndarray

    @property
    def gammas(self):
        """n / m for each row."""
        return self.ns / self.m

    @property
    def mean(self):
        """Average excess risk over seeds, shape (q, k)."""
        return self.risks.mean(axis=2)

    @property
    def se(self):
        """Standard error of that average, shape (q, k)."""
        return self.risks.std(axis=2, ddof=1) / np.sqrt(self.risks.shape[2])


def simulate_risk(m, ns, lams, sigma=0.5, r=1.0, n_seeds=20, rng=0):
    """Excess test risk of ridge and minimum-norm fits on isotropic Gaussian data, over seeds.

    For every n and seed: X ~ N(0, I) of shape (m, n), beta uniform on the sphere of radius r,
    y = X beta + sigma eps; fit w = (X^T X + lam I)^-1 X^T y without bias (lam = 0: the
    minimum-norm solution X^+ y) and record ||w - beta||^2. All seeds of one n are solved at
    once through the smaller Gram matrix (m x m when n >= m, else n x n).

    Parameters
    ----------
    m : int >= 2
    ns : ndarray of shape (q,), integers >= 1
    lams : ndarray of shape (k,) or (q, k), values >= 0
        The same k lams at every n, or one row of lams per n (e.g. `optimal_ridge_lam`).
    sigma : float >= 0
    r : float > 0
    n_seeds : int >= 2
    rng : numpy Generator or int seed

    Returns
    -------
    RiskSimulation
    """
    m = as_int(m, "m", minimum=2)
    ns = _feature_counts(ns)
    lams = _lam_table(lams, ns.size)
    sigma, r = as_float(sigma, "sigma", minimum=0.0), as_positive(r, "r")
    n_seeds, rng = as_int(n_seeds, "n_seeds", minimum=2), as_rng(rng)
    risks = np.empty((ns.size, lams.shape[1], n_seeds))
    for i, n in enumerate(ns):
        X = rng.standard_normal((n_seeds, m, n))
        beta = rng.standard_normal((n_seeds, n))
        beta *= r / np.linalg.norm(beta, axis=1, keepdims=True)
        y = np.einsum("sij,sj->si", X, beta) + sigma * rng.standard_normal((n_seeds, m))
        for j, w in enumerate(_batched_ridge(X, y, lams[i])):
            risks[i, j] = np.sum((w - beta) ** 2, axis=1)
    return RiskSimulation(m=m, ns=ns, lams=lams, risks=risks)


def _batched_ridge(X, y, lams):
    """(X^T X + lam I)^-1 X^T y for a stack X of shape (S, m, n) and each lam, via the smaller Gram.

    Returns an array of shape (len(lams), S, n). The Gram matrices are built once; einsum keeps
    the small batched products off the threaded BLAS path, which is slow on a busy machine.
    """
    m, n = X.shape[1:]
    if n >= m:  # w = X^T (X X^T + lam I)^-1 y; at lam = 0 this is X^+ y (X has full row rank)
        G, rhs = np.einsum("sij,skj->sik", X, X), y[:, :, None]
    else:       # w = (X^T X + lam I)^-1 X^T y
        G, rhs = np.einsum("sji,sjk->sik", X, X), np.einsum("sji,sj->si", X, y)[:, :, None]
    eye = np.eye(G.shape[1])
    W = []
    for lam in lams:
        sol = np.linalg.solve(G + lam * eye, rhs)[:, :, 0]
        W.append(np.einsum("sji,sj->si", X, sol) if n >= m else sol)
    return np.array(W)


def _gammas(gamma):
    arr = as_array(gamma, "gamma")
    if arr.ndim > 1:
        raise ValueError(f"gamma has shape {arr.shape} but must be a number or a 1-D array")
    if arr.size == 0 or np.any(arr <= 0):
        raise ValueError("gamma must contain values > 0 (gamma = features / samples), "
                         f"got {arr.tolist()}")
    return np.atleast_1d(arr), arr.ndim == 0


def _feature_counts(ns):
    arr = np.asarray(ns)
    if arr.ndim != 1 or arr.size == 0 or not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"ns must be a non-empty 1-D array of integers (feature counts), got "
                        f"{arr.dtype} of shape {arr.shape}")
    if np.any(arr < 1):
        raise ValueError(f"ns has value(s) < 1 (smallest {arr.min()}); every n must be >= 1")
    return arr.astype(int)


def _lam_table(lams, q):
    lams = as_array(lams, "lams")
    if lams.ndim == 1:
        lams = np.tile(lams, (q, 1))
    if lams.ndim != 2 or lams.shape[0] != q or lams.shape[1] == 0:
        raise ValueError(f"lams has shape {lams.shape} but must be (k,) or ({q}, k), "
                         f"one row per entry of ns")
    if np.any(lams < 0):
        raise ValueError(f"lams has {int(np.sum(lams < 0))} negative value(s); lam must be >= 0")
    return lams
