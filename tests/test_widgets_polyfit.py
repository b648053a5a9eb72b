import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import fit_poly_ridge, make_poly_data
from helpers.widgets.polyfit import (
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
    ax = plot_polyfit(xt, yt, xv, yv, 3, 0.1)
    assert "val MSE" in ax.get_title()
    box = polyfit_explorer(xt, yt, xv, yv, max_degree=10)
    assert isinstance(box, widgets.VBox)
    degree_slider = box.children[0].children[0]
    image = box.children[-1]
    before = image.value
    degree_slider.value = 4
    assert image.value != before  # the control changed the rendered PNG
    after_degree = image.value
    box.children[0].children[1].value = 1.0
    assert image.value != after_degree
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
    assert "degree 5" in ax.get_title() and "val MSE" in ax.get_title()
    limits = ax.get_ylim()
    update(degree=12, lam=1e-6)  # limits fixed in setup, not rescaled by an update
    assert ax.get_ylim() == limits


def test_bad_input():
    xt, yt, xv, yv = _split()
    with pytest.raises(ValueError, match="degree == 0"):
        polyfit_update(xt, yt, xv, yv, 0, 0.0)
    with pytest.raises(ValueError, match="x_val has shape"):
        polyfit_update(xt, yt, xv[:, None], yv, 2, 0.0)
