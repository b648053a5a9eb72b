import numpy as np
import pytest
from sklearn.linear_model import Ridge

from helpers import (
    ConvergenceError,
    DivergenceError,
    centered_hessian,
    condition_number,
    fit_ridge_gd,
    gd_iterations_to_tol,
    hessian_eigenvalues,
    hessian_wb,
    ridge_closed_form,
    ridge_grad,
    ridge_shrinkage,
    shrinkage_factors,
)


def _fd_hessian_in_w(X, y, lam):
    """Hessian of J in w (b fixed at its optimum for centered data) by differences of gradients."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = X.shape[1]
    g0, _ = ridge_grad(np.zeros(n), 0.0, Xc, yc, lam)
    return np.column_stack([ridge_grad(e, 0.0, Xc, yc, lam)[0] - g0 for e in np.eye(n)])


def test_centered_hessian_matches_finite_differences(problem):
    X, y = problem
    np.testing.assert_allclose(centered_hessian(X, 2.5), _fd_hessian_in_w(X, y, 2.5), atol=1e-12)


def test_eigenvalues_and_condition_number(problem):
    X, _ = problem
    lam = 3.0
    eig = np.sort(np.linalg.eigvalsh(centered_hessian(X, lam)))[::-1]
    np.testing.assert_allclose(hessian_eigenvalues(X, lam), eig, rtol=1e-10, atol=1e-12)
    assert condition_number(X, lam) == pytest.approx(eig[0] / eig[-1], rel=1e-9)


def test_condition_number_infinite_without_lam_when_m_le_n():
    X = np.random.default_rng(0).normal(size=(5, 8))
    assert condition_number(X, 0.0) == float("inf")
    assert np.isfinite(condition_number(X, 0.1))


def test_lam_improves_conditioning():
    X = np.random.default_rng(1).normal(size=(50, 4)) * [0.1, 1, 2, 5]
    kappas = [condition_number(X, lam) for lam in (0.0, 1.0, 10.0, 100.0)]
    assert all(a > b for a, b in zip(kappas, kappas[1:]))
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    assert kappas[2] == pytest.approx((s[0] ** 2 + 10) / (s[-1] ** 2 + 10), rel=1e-10)


def test_shrinkage_factors_match_fitted_coefficients(problem):
    X, y = problem
    lam = 4.0
    s, factors = shrinkage_factors(X, lam)
    real = s > s[0] * max(X.shape) * np.finfo(float).eps     # round-off directions get 0
    np.testing.assert_allclose(factors[real], s[real] ** 2 / (s[real] ** 2 + lam))
    assert np.all(factors[~real] == 0.0)
    result = ridge_shrinkage(X, y, lam)
    keep = result.s > 1e-8 * result.s[0]
    np.testing.assert_allclose(result.measured[keep], result.predicted[keep], rtol=1e-8)
    # independent reference: scikit-learn's ridge along the same directions
    _, _, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    ref = Ridge(alpha=lam).fit(X, y).coef_
    ls = np.linalg.lstsq(X - X.mean(axis=0), y - y.mean(), rcond=None)[0]
    np.testing.assert_allclose((Vt @ ref)[keep] / (Vt @ ls)[keep], result.predicted[keep],
                               rtol=1e-6)


def test_iterations_follow_the_contraction_rate():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(80, 3)) * [0.3, 1.0, 2.0]
    y = X @ np.array([1.0, -1.0, 0.5]) + 0.1 * rng.normal(size=80)
    for lam in (0.0, 5.0):
        k = gd_iterations_to_tol(X, y, lam, tol=1e-6)
        eig = hessian_eigenvalues(X, lam)
        lr = 1 / eig[0]
        # closed form of the error after j steps: e_j = (I - lr H)^j (0 - w*) in the eigenbasis
        Xc, yc = X - X.mean(axis=0), y - y.mean()
        H = centered_hessian(X, lam)
        w_star = np.linalg.solve(H, Xc.T @ yc / 80)
        vals, vecs = np.linalg.eigh(H)
        c = vecs.T @ w_star

        def err(j, vals=vals, c=c, lr=lr):
            return np.linalg.norm((1 - lr * vals) ** j * c)

        target = 1e-6 * np.linalg.norm(w_star)
        assert err(k) <= target < err(k - 1)
    assert gd_iterations_to_tol(X, y, 5.0) < gd_iterations_to_tol(X, y, 0.0)


def test_full_hessian_matches_gradient_differences_and_decouples_when_centered():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(25, 3)) + [1.0, -2.0, 0.5]   # uncentered on purpose
    y, lam = rng.normal(size=25), 3.0

    def grad(theta):
        g_w, g_b = ridge_grad(theta[:-1], theta[-1], X, y, lam)
        return np.append(g_w, g_b)

    H_fd = np.column_stack([grad(e) - grad(np.zeros(4)) for e in np.eye(4)])
    H = hessian_wb(X, lam)
    np.testing.assert_allclose(H, H_fd, atol=1e-12)
    np.testing.assert_allclose(H[:3, 3], X.mean(axis=0), rtol=1e-12)   # cross term: the means
    assert H[3, 3] == pytest.approx(1.0)                               # bias curvature, any lam
    Hc = hessian_wb(X - X.mean(axis=0), lam)
    np.testing.assert_allclose(Hc[:3, 3], 0.0, atol=1e-12)
    np.testing.assert_allclose(Hc[:3, :3], centered_hessian(X, lam), rtol=1e-12)


def test_iteration_count_is_that_of_fit_ridge_gd_on_centered_data():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(60, 4)) * [0.5, 1.0, 2.0, 3.0] + 1.0
    Xc = X - X.mean(axis=0)
    y, lam = X @ rng.normal(size=4) + 0.2 * rng.normal(size=60), 2.0
    k = gd_iterations_to_tol(Xc, y, lam, tol=1e-6)
    w_star, _ = ridge_closed_form(Xc, y, lam)
    lr = 1 / hessian_eigenvalues(Xc, lam)[0]

    def err(n_iters):
        w = fit_ridge_gd(Xc, y, lam, lr, n_iters, tol=1e-300).w
        return np.linalg.norm(w - w_star) / np.linalg.norm(w_star)

    assert err(k) <= 1e-6 < err(k - 1)


def test_iteration_errors():
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(30, 2)), rng.normal(size=30)
    L = hessian_eigenvalues(X, 0.0)[0]
    with pytest.raises(DivergenceError, match="exceeds 2/L"):
        gd_iterations_to_tol(X, y, 0.0, lr=2.2 / L)
    with pytest.raises(ConvergenceError, match="n_iters=3"):
        gd_iterations_to_tol(X, y, 0.0, n_iters=3)


def test_bad_input():
    with pytest.raises(ValueError, match="lam == -2.0"):
        condition_number(np.ones((3, 2)), -2.0)
    with pytest.raises(ValueError, match="reshape"):
        centered_hessian(np.ones(3), 1.0)
    with pytest.raises(ValueError, match="X has 3 rows but y has 2"):
        ridge_shrinkage(np.ones((3, 2)), np.ones(2), 1.0)
    with pytest.raises(ValueError, match="tol == 0.0"):
        gd_iterations_to_tol(np.eye(3), np.ones(3), 1.0, tol=0.0)
    with pytest.raises(TypeError, match="lam must be a real number"):
        shrinkage_factors(np.eye(3), "big")
    with pytest.raises(ValueError, match="lam == -1.0"):
        hessian_wb(np.eye(3), -1.0)
    with pytest.raises(ValueError, match="reshape"):
        hessian_wb(np.ones(3), 1.0)


def test_rank_deficient_centred_design_gives_round_off_directions_factor_zero():
    # m <= n: the centred X has rank at most m - 1, so its last singular value is round-off
    # (about 1e-16 s_max); it is a null direction, not a direction kept "as least squares".
    rng = np.random.default_rng(5)
    X = rng.normal(size=(5, 8))
    s, factors = shrinkage_factors(X, 0.0)
    assert s[-1] < 1e-12 * s[0]                       # the round-off direction exists
    np.testing.assert_allclose(factors[:-1], 1.0)      # real directions: kept at lam = 0
    assert factors[-1] == 0.0                          # round-off direction: 0, not 1
    s2, factors2 = shrinkage_factors(X, 1e-20)
    assert factors2[-1] == 0.0
    assert ridge_shrinkage(X, rng.normal(size=5), 0.0).predicted[-1] == 0.0
    assert condition_number(X, 0.0) == float("inf")
    # an exact duplicate column: the same rule finds the null direction when m > n
    Z = rng.normal(size=(30, 3))
    Z = np.column_stack([Z, Z[:, 0]])
    assert shrinkage_factors(Z, 0.0)[1][-1] == 0.0


def test_old_keyword_max_iter_is_the_iteration_cap():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(80, 3)) * [0.3, 1.0, 2.0]
    y = X @ np.array([1.0, -1.0, 0.5])
    with pytest.raises(ConvergenceError, match="n_iters=3 steps"), \
            pytest.warns(FutureWarning, match="max_iter= is the old name of n_iters="):
        gd_iterations_to_tol(X, y, 0.0, max_iter=3)
