import numpy as np
import pytest

from helpers import (
    lasso_loss,
    map_gaussian,
    neg_log_posterior,
    ridge_closed_form,
    ridge_loss,
    simulate_lam_selection,
)


def test_map_gaussian_is_ridge_with_lam_sigma2_over_tau2(problem):
    X, y = problem
    w, b = map_gaussian(X, y, sigma=1.5, tau=0.5)
    w_ref, b_ref = ridge_closed_form(X, y, 1.5**2 / 0.5**2)
    np.testing.assert_allclose(w, w_ref, rtol=1e-9, atol=1e-12)
    assert b == pytest.approx(b_ref, rel=1e-9)


@pytest.mark.parametrize("prior, loss", [("gaussian", ridge_loss), ("laplace", lasso_loss)])
def test_neg_log_posterior_is_m_over_sigma2_times_the_course_objective(problem, prior, loss):
    X, y = problem
    m, n = X.shape
    sigma, scale = 0.7, 1.3
    lam = sigma**2 / scale**2 if prior == "gaussian" else sigma**2 / scale
    rng = np.random.default_rng(0)
    points = [(rng.normal(size=n), rng.normal()) for _ in range(3)]
    post = [neg_log_posterior(w, b, X, y, sigma, prior, scale) for w, b in points]
    course = [loss(w, b, X, y, lam) for w, b in points]
    np.testing.assert_allclose(post, np.multiply(m / sigma**2, course), rtol=1e-12)




def test_selected_lam_concentrates_near_sigma2_over_tau2():
    result = simulate_lam_selection(100, 30, sigma=1.0, tau=0.5, n_datasets=60, rng=0)
    assert result.lam_bayes == 4.0 and result.selected.shape == (60,)
    assert 3.0 < result.median < 5.5
    other = simulate_lam_selection(100, 30, sigma=1.0, tau=1.0, n_datasets=60, rng=0)
    assert 0.75 < other.median < 1.4
    # the default grid does not depend on tau, and neither 4 nor 1 is a grid point
    np.testing.assert_array_equal(result.lams, other.lams)
    assert np.min(np.abs(np.log10(result.lams) - np.log10(4.0))) > 0.02
    assert np.min(np.abs(np.log10(result.lams))) > 0.02


def test_bad_input(problem):
    X, y = problem
    with pytest.raises(ValueError, match="prior == 'cauchy'"):
        neg_log_posterior(np.zeros(X.shape[1]), 0.0, X, y, 1.0, "cauchy")
    with pytest.raises(ValueError, match="sigma == 0.0, must be > 0"):
        map_gaussian(X, y, 0.0, 1.0)
    with pytest.raises(ValueError, match="tau == -1.0"):
        simulate_lam_selection(10, 2, 1.0, -1.0, 5, rng=0)
    with pytest.raises(ValueError, match=r"lams has 1 value\(s\) <= 0"):
        simulate_lam_selection(10, 2, 1.0, 1.0, 5, rng=0, lams=[-1.0, 1.0])
    with pytest.raises(TypeError, match="rng must be a numpy Generator"):
        simulate_lam_selection(10, 2, 1.0, 1.0, 5, rng="seed")


def test_lam_selection_refuses_what_leave_one_out_cannot_do():
    # its own message, not loo_cv_ridge's: m >= 3 and a grid of lam > 0
    with pytest.raises(ValueError, match="m == 2, must be >= 3"):
        simulate_lam_selection(2, 2, 1.0, 1.0, 5, rng=0)
    with pytest.raises(ValueError, match=r"lams has 1 value\(s\) <= 0"):
        simulate_lam_selection(10, 2, 1.0, 1.0, 5, rng=0, lams=[0.0, 1.0])
