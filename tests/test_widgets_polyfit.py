import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import fit_poly_ridge, make_poly_data
from helpers.widgets.polyfit import (
    lam_slider_options,
    plot_polyfit,
    polyfit_explorer,
    polyfit_update,
    setup_polyfit_explorer,
)


def _split():
    x, y = make_poly_data(30, rng=0)
    return x[::2], y[::2], x[1::2], y[1::2]


def test_update_matches_a_direct_fit():
    xt, yt, xv, yv = _split()
    out = polyfit_update(xt, yt, xv, yv, degree=5, lam=0.3, x_grid=np.linspace(-1, 1, 11))
    model = fit_poly_ridge(xt, yt, 5, 0.3)
    np.testing.assert_allclose(out["curve"], model.predict(np.linspace(-1, 1, 11)))
    assert out["val_mse"] == pytest.approx(np.mean((model.predict(xv) - yv) ** 2))
    assert out["train_mse"] == pytest.approx(np.mean((model.predict(xt) - yt) ** 2))


def test_default_grid_covers_the_data_and_degree_lowers_training_error():
    xt, yt, xv, yv = _split()
    low = polyfit_update(xt, yt, xv, yv, 1, 0.0)
    high = polyfit_update(xt, yt, xv, yv, 12, 0.0)
    assert low["x_grid"].shape == (200,)
    assert low["x_grid"][0] == min(xt.min(), xv.min())
    assert high["train_mse"] < low["train_mse"]


def test_panel_and_explorer():
    xt, yt, xv, yv = _split()
    ax = plot_polyfit(xt, yt, xv, yv, 3, 0.1, legend=True)
    assert "MSE" in ax.get_title() and "validation 0." in ax.get_title()
    assert "λ = 0.1" in ax.get_title()
    assert "lam" not in ax.get_title()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["training points", "validation points", "fitted curve"]
    box = polyfit_explorer(xt, yt, xv, yv, max_degree=10)
    assert isinstance(box, widgets.VBox)
    degree_slider = box.children[0].children[0]
    image = box.children[-1]
    before = image.value
    degree_slider.value = 4
    assert image.value != before  # the control changed the rendered PNG
    after_degree = image.value
    lam_slider = box.children[0].children[1]
    assert lam_slider.description == "λ"
    lam_slider.value = 1.0
    assert image.value != after_degree
    lam_slider.value = 0.0  # the explorer reaches plain least squares
    assert lam_slider.value == 0.0
    plt.close("all")


def test_setup_update_moves_the_curve_to_the_fit():
    from matplotlib.figure import Figure

    xt, yt, xv, yv = _split()
    fig = Figure()
    update = setup_polyfit_explorer(fig, xt, yt, xv, yv)
    update(degree=5, lam=0.3)
    ax = fig.axes[0]
    x_line, y_line = ax.lines[0].get_data()
    np.testing.assert_allclose(y_line, fit_poly_ridge(xt, yt, 5, 0.3).predict(x_line))
    assert "degree 5" in ax.get_title() and "validation" in ax.get_title()
    limits = ax.get_ylim()
    update(degree=12, lam=1e-6)  # limits fixed in setup, not rescaled by an update
    assert ax.get_ylim() == limits


def test_bad_input():
    xt, yt, xv, yv = _split()
    with pytest.raises(ValueError, match="degree == 0"):
        polyfit_update(xt, yt, xv, yv, 0, 0.0)
    with pytest.raises(ValueError, match="x_val has shape"):
        polyfit_update(xt, yt, xv[:, None], yv, 2, 0.0)


def test_lam_slider_starts_at_zero_then_covers_the_log_grid():
    options = lam_slider_options()
    labels, values = zip(*options)
    assert options[0] == ("0", 0.0)
    assert values[1] == pytest.approx(1e-6) and values[-1] == pytest.approx(1e3)
    assert all(b > a for a, b in zip(values, values[1:]))  # strictly increasing
    np.testing.assert_allclose(np.diff(np.log10(values[1:])), 0.5)  # two positions per decade
    assert labels[-1] == "1000" and labels[values.index(1.0)] == "1"
    assert len(set(labels)) == len(labels)


def test_explorer_starts_at_lam_zero_and_rejects_off_grid_values():
    xt, yt, xv, yv = _split()
    box = polyfit_explorer(xt, yt, xv, yv)
    assert box.children[0].children[1].value == 0.0
    with pytest.raises(ValueError, match="not a slider position"):
        polyfit_explorer(xt, yt, xv, yv, lam=0.5)
    with pytest.raises(ValueError, match="per_decade"):
        lam_slider_options(per_decade=0)
    plt.close("all")


def test_update_at_lam_zero_is_least_squares():
    xt, yt, xv, yv = _split()
    out = polyfit_update(xt, yt, xv, yv, degree=3, lam=0.0, x_grid=xt)
    Z = np.column_stack([xt**k for k in range(4)])
    coef = np.linalg.lstsq(Z, yt, rcond=None)[0]
    np.testing.assert_allclose(out["curve"], Z @ coef, atol=1e-8)
