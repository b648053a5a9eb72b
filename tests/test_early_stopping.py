import numpy as np
import pytest

from helpers import (
    compare_early_stopping,
    continuum_filter_gap,
    continuum_filters,
    early_stopping_filter,
    equivalent_lam,
    fit_ridge_gd,
    max_stable_lr,
    ridge_closed_form,
    ridge_filter,
)


def test_equivalent_lam():
    assert equivalent_lam(500, 0.1, 100) == pytest.approx(50.0)


def test_gd_iterate_is_the_early_stopping_filter(problem):
    # independent reference: plain gradient descent (fit_ridge_gd on centered X, lam=0),
    # projected on the singular directions, against least squares times the filter
    X, y = problem
    lr, tau = 0.5 * max_stable_lr(X - X.mean(axis=0), 0.0), 25
    Xc = X - X.mean(axis=0)
    gd = fit_ridge_gd(Xc, y, 0.0, lr, tau, tol=1e-300)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    w_ls, _ = ridge_closed_form(X, y, 0.0)
    s_f, f = early_stopping_filter(X, lr, tau)
    np.testing.assert_allclose(s_f, s)
    keep = s > 1e-8 * s[0]
    np.testing.assert_allclose((Vt @ gd.w)[keep], (f * (Vt @ w_ls))[keep], rtol=1e-8, atol=1e-10)


def test_ridge_filter_is_the_shrinkage():
    X = np.random.default_rng(0).normal(size=(20, 3))
    s, f = ridge_filter(X, 7.0)
    np.testing.assert_allclose(f, s**2 / (s**2 + 7.0))


def test_continuum_gap_peaks_near_0_204():
    r = np.logspace(-3, 3, 100_001)
    gap = continuum_filter_gap(r)
    assert np.max(np.abs(gap)) == pytest.approx(0.2036, abs=1e-4)
    assert r[np.argmax(np.abs(gap))] == pytest.approx(2.51, abs=0.02)
    assert continuum_filter_gap(0.0) == 0.0
    assert abs(continuum_filter_gap(1e-4)) < 1e-7 and abs(continuum_filter_gap(1e4)) < 1e-3


def test_continuum_filters_are_the_small_step_limits():
    r = np.array([0.0, 0.1, 1.0, 2.5, 10.0])
    early, ridge = continuum_filters(r)
    np.testing.assert_allclose(ridge, [0.0, 0.1 / 1.1, 0.5, 2.5 / 3.5, 10 / 11], rtol=1e-14)
    np.testing.assert_allclose(early, 1 - np.exp(-r), rtol=1e-14)
    np.testing.assert_allclose(continuum_filter_gap(r), early - ridge, rtol=1e-14)
    # the exact filter 1 - (1 - lr s^2/m)^tau tends to 1 - exp(-r) with lam = m/(lr tau)
    tau, r0 = 100_000, 2.5
    assert 1 - (1 - r0 / tau) ** tau == pytest.approx(continuum_filters(r0)[0], rel=1e-4)
    assert isinstance(continuum_filters(1.0)[1], float)
    with pytest.raises(ValueError, match="ratio must be"):
        continuum_filters(np.array([1.0, np.nan]))


def test_compare_early_stopping_is_close_but_not_equal():
    rng = np.random.default_rng(2)
    m, n, tau = 200, 8, 100
    X = rng.normal(size=(m, n)) * np.logspace(-1, 0.5, n) + 1.5
    y = X @ rng.normal(size=n) + 3.0 + 0.5 * rng.normal(size=m)
    lr = 0.5 * max_stable_lr(X - X.mean(axis=0), 0.0)
    c = compare_early_stopping(X, y, lr, tau)
    # independent reference: tau plain gradient-descent steps on the raw (uncentered) X from
    # w = 0, b = 0 would couple b and w; on centered X they decouple, and b converts back.
    Xc, w, b = X - X.mean(axis=0), np.zeros(n), 0.0
    for _ in range(tau):
        r = Xc @ w + b - y
        w, b = w - lr * Xc.T @ r / m, b - lr * r.mean()
    np.testing.assert_allclose(c.w_gd, w, rtol=1e-12)
    assert c.b_gd == pytest.approx(b - X.mean(axis=0) @ w, rel=1e-12)
    assert c.lam == pytest.approx(m / (lr * tau), rel=1e-14)
    w_r, b_r = ridge_closed_form(X, y, c.lam)
    np.testing.assert_allclose(c.w_ridge, w_r, rtol=1e-12)
    assert c.b_ridge == pytest.approx(b_r, rel=1e-12)
    s = np.linalg.svd(Xc, compute_uv=False)
    f_gd, f_ridge = 1 - (1 - lr * s**2 / m) ** tau, s**2 / (s**2 + c.lam)
    np.testing.assert_allclose(c.filter_gd, f_gd, rtol=1e-12)
    np.testing.assert_allclose(c.filter_ridge, f_ridge, rtol=1e-12)
    assert c.max_filter_gap == pytest.approx(np.max(np.abs(f_gd - f_ridge)), rel=1e-10)
    assert c.rel_coef_diff == pytest.approx(np.linalg.norm(w - w_r) / np.linalg.norm(w_r),
                                            rel=1e-10)
    # close but not equal: the filters differ by at most the continuum bound 0.204 (+ slack)
    assert 0.05 < c.max_filter_gap < 0.21
    assert c.rel_coef_diff > 1e-3
    # a much longer run is much less regularized: the matching lam falls tenfold
    assert compare_early_stopping(X, y, lr, 10 * tau).lam == pytest.approx(c.lam / 10)


def test_bad_input():
    X, y = np.ones((4, 2)), np.ones(4)
    with pytest.raises(ValueError, match="lr == -0.1"):
        equivalent_lam(10, -0.1, 5)
    with pytest.raises(ValueError, match="n_iters == 0"):
        early_stopping_filter(X, 0.1, 0)
    with pytest.raises(TypeError, match="m must be an integer"):
        equivalent_lam(10.5, 0.1, 5)
    with pytest.raises(ValueError, match="ratio must be"):
        continuum_filter_gap(-1.0)
    with pytest.raises(ValueError, match="lam == -1.0"):
        compare_early_stopping(X, y, 0.1, 5, lam=-1.0)


def test_old_keyword_n_steps_still_works_with_a_future_warning():
    X = np.random.default_rng(0).normal(size=(20, 3))
    with pytest.warns(FutureWarning, match="n_steps= is the old name of n_iters=.*n_iters=100"):
        old = equivalent_lam(500, 0.1, n_steps=100)
    assert old == equivalent_lam(500, 0.1, n_iters=100)
    with pytest.warns(FutureWarning, match="n_steps= is the old name of n_iters="):
        old = early_stopping_filter(X, 0.1, n_steps=7)[1]
    np.testing.assert_array_equal(old, early_stopping_filter(X, 0.1, 7)[1])
    with pytest.raises(TypeError, match="give only n_iters"):
        equivalent_lam(500, 0.1, n_iters=100, n_steps=100)
    with pytest.raises(TypeError, match="missing required argument 'n_iters'"):
        equivalent_lam(500, 0.1)
