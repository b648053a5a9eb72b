import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import ridge_closed_form
from helpers.widgets.first_fit import draw_ridge_line, ridge_line, ridge_line_explorer


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    X = rng.normal(1.0, 2.0, size=(12, 1))
    return X, 1.5 * X[:, 0] + 2 + rng.normal(size=12)


@pytest.mark.parametrize("lam", [0.0, 10.0, 150.0])
def test_line_is_the_ridge_fit(data, lam):
    X, y = data
    x_grid, y_grid, w, b = ridge_line(X, y, lam)
    w_ref, b_ref = ridge_closed_form(X, y, lam)
    assert w == pytest.approx(w_ref[0]) and b == pytest.approx(b_ref)
    np.testing.assert_allclose(y_grid, w_ref[0] * x_grid + b_ref)
    assert x_grid.min() < X.min() and x_grid.max() > X.max()


def test_draw_and_explorer(data):
    X, y = data
    fig = plt.figure()
    ax = draw_ridge_line(fig, X, y, 5.0)
    assert "λ = 5" in ax.get_title() and len(ax.lines) == 2
    assert ax.get_xlabel() == "x (the one feature)" and ax.get_ylabel() == "y (target)"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith("ridge fit: w =") for t in labels), labels
    assert "mean of y" in labels and "data" in labels
    box = ridge_line_explorer(X, y)
    slider = box.children[0].children[0]
    assert slider.description == "λ" and slider.min == 0.0  # λ = 0 (least squares) is reachable
    slider.value = 100.0
    assert slider.value == 100.0
    plt.close("all")


def test_bad_input(data):
    X, y = data
    with pytest.raises(ValueError, match=r"needs one feature"):
        ridge_line(np.hstack([X, X]), y, 1.0)
    with pytest.raises(ValueError, match="lam == -1.0"):
        ridge_line(X, y, -1.0)
    with pytest.raises(ValueError, match="lam == 10.0 is above lam_max == 5.0"):
        ridge_line_explorer(X, y, lam_max=5.0, lam=10.0)
    with pytest.raises(ValueError, match="lam_max == -5.0"):
        ridge_line_explorer(X, y, lam_max=-5.0)


def test_explorer_picture_matches_a_full_redraw(data):
    import io

    from matplotlib.figure import Figure

    from helpers.widgets.core import render_png

    X, y = data
    box = ridge_line_explorer(X, y)
    slider, image = box.children[0].children[0], box.children[-1]
    slider.value = 120.0
    live = plt.imread(io.BytesIO(image.value))
    fig = Figure(figsize=(6.0, 3.6))
    draw_ridge_line(fig, X, y, 120.0)
    full = plt.imread(io.BytesIO(render_png(fig)))
    assert live.shape == full.shape
    assert np.mean(np.abs(live - full).max(axis=2) > 0.1) < 0.01   # the frozen fast path
