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
    m, n = 200, 8
    X = rng.normal(size=(m, n)) * np.logspace(-1, 0.5, n)
    y = X @ rng.normal(size=n) + 0.5 * rng.normal(size=m)
    lr = 0.5 * max_stable_lr(X - X.mean(axis=0), 0.0)
    c = compare_early_stopping(X, y, lr, 100)
    assert c.lam == pytest.approx(m / (lr * 100))
    np.testing.assert_allclose(c.w_ridge, ridge_closed_form(X, y, c.lam)[0])
    assert 0.05 < c.max_filter_gap < 0.25
    assert 0.01 < c.rel_coef_diff < 0.5
    # a much longer run is much less regularized: the matching lam falls
    assert compare_early_stopping(X, y, lr, 1000).lam < c.lam / 9


def test_bad_input():
    X, y = np.ones((4, 2)), np.ones(4)
    with pytest.raises(ValueError, match="lr == -0.1"):
        equivalent_lam(10, -0.1, 5)
    with pytest.raises(ValueError, match="n_steps == 0"):
        early_stopping_filter(X, 0.1, 0)
    with pytest.raises(TypeError, match="m must be an integer"):
        equivalent_lam(10.5, 0.1, 5)
    with pytest.raises(ValueError, match="ratio must be"):
        continuum_filter_gap(-1.0)
    with pytest.raises(ValueError, match="lam == -1.0"):
        compare_early_stopping(X, y, 0.1, 5, lam=-1.0)
