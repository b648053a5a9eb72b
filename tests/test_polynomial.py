import numpy as np
import pytest
from sklearn.linear_model import Ridge
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from helpers import (
    bias_variance,
    degree_sweep,
    fit_poly_ridge,
    lam_sweep,
    make_poly_data,
    poly_features,
)


def test_poly_features_matches_sklearn():
    x = np.array([-1.0, -0.3, 0.5, 2.0])
    ref = PolynomialFeatures(degree=4, include_bias=False).fit_transform(x[:, None])
    np.testing.assert_allclose(poly_features(x, 4), ref, rtol=1e-14)
    assert poly_features(x, 1).shape == (4, 1)


@pytest.mark.parametrize("m, degree", [(20, 5), (6, 9)], ids=["m>n", "m<n"])
@pytest.mark.parametrize("lam", [1e-3, 2.0])
def test_fit_matches_sklearn_ridge_on_scaled_powers(m, degree, lam):
    x, y = make_poly_data(m, rng=m)
    Z = StandardScaler().fit_transform(PolynomialFeatures(degree, include_bias=False)
                                       .fit_transform(x[:, None]))
    ref = Ridge(alpha=lam, solver="svd").fit(Z, y)
    model = fit_poly_ridge(x, y, degree, lam)
    np.testing.assert_allclose(model.w, ref.coef_, rtol=1e-7, atol=1e-9)
    x_new = np.linspace(-1, 1, 7)
    Z_new = StandardScaler().fit(PolynomialFeatures(degree, include_bias=False)
                                 .fit_transform(x[:, None]))
    expected = ref.predict(Z_new.transform(PolynomialFeatures(degree, include_bias=False)
                                           .fit_transform(x_new[:, None])))
    np.testing.assert_allclose(model.predict(x_new), expected, rtol=1e-7, atol=1e-9)


def test_interpolates_when_degree_reaches_m_minus_one():
    x, y = make_poly_data(8, rng=1)
    model = fit_poly_ridge(x, y, 7, 0.0)
    np.testing.assert_allclose(model.predict(x), y, atol=1e-6)


def test_sweeps_match_individual_fits():
    x, y = make_poly_data(30, rng=2)
    xt, yt, xv, yv = x[::2], y[::2], x[1::2], y[1::2]
    train, val = degree_sweep(xt, yt, xv, yv, [1, 3, 9])
    assert train.shape == val.shape == (3,)
    fit = fit_poly_ridge(xt, yt, 3)
    assert val[1] == pytest.approx(np.mean((fit.predict(xv) - yv) ** 2))
    assert train[2] <= train[1] <= train[0] + 1e-12  # nested models: training error falls
    train_l, _ = lam_sweep(xt, yt, xv, yv, 9, [0.0, 1.0, 100.0])
    assert np.all(np.diff(train_l) >= -1e-12)  # more penalty, never lower training error
    assert train_l[0] == pytest.approx(train[2])


def test_bias_variance_tradeoff():
    flexible = bias_variance(12, 1e-6, 20, 30, rng=3)
    smooth = bias_variance(12, 10.0, 20, 30, rng=3)
    assert flexible.curves.shape == (30, 100) and flexible.truth.shape == (100,)
    assert flexible.variance > 10 * smooth.variance
    straight = bias_variance(1, 0.0, 20, 30, rng=3)  # a line cannot bend like the cubic truth
    right = bias_variance(3, 0.0, 20, 30, rng=3)
    assert straight.bias_sq > 10 * right.bias_sq
    # squared gap of the average curve + variance = mean squared error around the truth
    total = np.mean((smooth.curves - smooth.truth) ** 2)
    gap_sq = smooth.bias_sq + smooth.mc_correction
    assert gap_sq + smooth.variance == pytest.approx(total, rel=1e-10)
    assert smooth.mc_correction == pytest.approx(smooth.variance / 29, rel=1e-12)


def test_bias_estimate_is_unbiased_for_an_unbiased_fit():
    # degree 3 at lam = 0 fits the cubic truth without bias; the raw squared gap of the
    # average curve is then pure Monte Carlo noise (variance / n_datasets on average)
    runs = [bias_variance(3, 0.0, 20, 5, rng=seed, n_grid=20) for seed in range(300)]
    corrected = np.mean([r.bias_sq for r in runs])
    raw = np.mean([r.bias_sq + r.mc_correction for r in runs])
    noise = np.mean([r.variance for r in runs]) / 5
    assert raw == pytest.approx(noise, rel=0.25)
    assert abs(corrected) < 0.1 * noise


def test_bad_input():
    x, y = make_poly_data(10, rng=0)
    with pytest.raises(ValueError, match="degree == 0, must be >= 1"):
        poly_features(x, 0)
    with pytest.raises(TypeError, match="degree must be an integer"):
        fit_poly_ridge(x, y, 2.5)
    with pytest.raises(ValueError, match="x has shape"):
        poly_features(x[:, None], 2)
    with pytest.raises(ValueError, match="y has length 9 but must have length 10"):
        fit_poly_ridge(x, y[:-1], 2)
    with pytest.raises(ValueError, match="lam == -1.0, must be >= 0"):
        fit_poly_ridge(x, y, 2, -1.0)
    with pytest.raises(ValueError, match="y_val has length"):
        degree_sweep(x, y, x, y[:3], [1])
    with pytest.raises(ValueError, match=r"lams has shape \(\) .* wrap a single value as \[lam\]"):
        lam_sweep(x, y, x, y, 3, 1.0)
    with pytest.raises(ValueError, match="n_datasets == 1"):
        bias_variance(3, 0.0, 10, 1, rng=0)
