import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import max_stable_lr, ridge_closed_form, ridge_loss
from helpers.widgets.gd_path import (
    draw_gd_path,
    gd_path_explorer,
    gd_path_update,
    make_gd_path_problem,
    verdict,
)


@pytest.fixture
def data():
    return make_gd_path_problem(0, m=40)


def test_problem_is_standardized_and_correlated(data):
    X, y = data
    np.testing.assert_allclose(X.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(X.std(axis=0), 1)
    assert np.corrcoef(X.T)[0, 1] > 0.8 and y.shape == (40,)


def test_minimizer_loss_and_bound_match_the_helpers(data):
    X, y = data
    lam = 5.0
    state = gd_path_update(X, y, 0.3, lam, n_iters=5, grid_size=11)
    w_ref, b_ref = ridge_closed_form(X, y, lam)
    np.testing.assert_allclose(state["w_hat"], w_ref, atol=1e-12)
    # the contour values are J at the optimal bias (mean y for centered X), up to the constant
    i, j = 3, 7
    w = np.array([state["W1"][i, j], state["W2"][i, j]])
    assert state["J"][i, j] == pytest.approx(ridge_loss(w, y.mean(), X, y, lam), rel=1e-12)
    assert state["lr_max"] == pytest.approx(max_stable_lr(X, lam), rel=1e-12)


def test_path_is_gradient_descent(data):
    X, y = data
    state = gd_path_update(X, y, 0.2, 1.0, n_iters=3, w0=(0.5, -1.0))
    w = np.array([0.5, -1.0])
    m = X.shape[0]
    for k in range(3):  # by hand: w <- w - lr ((1/m) X^T (X w - yc) + (lam/m) w)
        w = w - 0.2 * (X.T @ (X @ w - (y - y.mean())) / m + 1.0 / m * w)
        np.testing.assert_allclose(state["path"][k + 1], w, atol=1e-12)
    assert np.all(np.diff(state["losses"]) <= 0)


def test_converges_below_and_diverges_above_the_bound(data):
    X, y = data
    lr_max = gd_path_update(X, y, 1.0, 0.0, n_iters=1)["lr_max"]
    below = gd_path_update(X, y, 0.95 * lr_max, 0.0, n_iters=400)
    above = gd_path_update(X, y, 1.05 * lr_max, 0.0, n_iters=400)
    assert not below["diverging"] and above["diverging"]
    np.testing.assert_allclose(below["path"][-1], below["w_hat"], atol=1e-6)
    assert np.linalg.norm(above["path"][-1]) > 1e6


def test_verdict_reports_the_criterion_and_the_distance_left(data):
    X, y = data
    lr_max = gd_path_update(X, y, 1.0, 0.0, n_iters=1)["lr_max"]
    slow = gd_path_update(X, y, 0.02 * lr_max, 0.0, n_iters=30)
    fast = gd_path_update(X, y, 0.5 * lr_max, 0.0, n_iters=400)
    above = gd_path_update(X, y, 1.05 * lr_max, 0.0, n_iters=30)
    # below the bound but visibly not there yet: the share left is large and says so
    w_hat, w0 = slow["w_hat"], slow["path"][0]
    left = np.linalg.norm(slow["path"][-1] - w_hat) / np.linalg.norm(w0 - w_hat)
    assert slow["gap_left"] == pytest.approx(left) and left > 0.1
    assert verdict(slow) == f"η < 2/L: {100 * left:.2g}% of the distance to ŵ left after 30 steps"
    assert verdict(fast).startswith("η < 2/L: < 0.01% of the distance")
    assert verdict(above) == "η > 2/L: diverges"


def test_draw_and_explorer(data):
    X, y = data
    ax = draw_gd_path(gd_path_update(X, y, 0.5, 0.0))
    assert ax.get_xlabel() == "$w_1$" and len(ax.lines) == 3
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["gradient-descent iterates", "minimizer ŵ", "contours of J"]
    plt.close("all")


def test_explorer_controls_change_the_image(data):
    X, y = data
    box = gd_path_explorer(X, y)
    lr_slider, lam_slider, image = box.children[0].children[0], box.children[1].children[0], \
        box.children[-1]
    assert isinstance(lr_slider, widgets.FloatSlider)
    first = bytes(image.value)
    lr_slider.value = 0.3
    after_lr = bytes(image.value)
    lam_slider.value = 20.0
    after_lam = bytes(image.value)
    assert first.startswith(b"\x89PNG") and len({first, after_lr, after_lam}) == 3
    lam_slider.value = 0.0
    lr_slider.value = 0.3
    assert bytes(image.value) == after_lr         # back to the same settings, same picture


def test_explorer_artists_follow_gd_path_update(data):
    from matplotlib.figure import Figure

    from helpers.widgets.gd_path import _build_gd_path

    X, y = data
    fig = Figure()
    update = _build_gd_path(fig, X, y, 0.2, 0.0, n_iters=10, extent=(-3, 4, -2, 5))
    ax = fig.axes[0]
    contours_before = ax.collections[0]
    update(0.4, 12.0)
    state = gd_path_update(X, y, 0.4, 12.0, n_iters=10, extent=(-3, 4, -2, 5))
    np.testing.assert_allclose(ax.lines[0].get_xydata(), state["path"])
    np.testing.assert_allclose(ax.lines[1].get_xydata()[0], state["w_hat"])
    assert ax.get_title() == (f"η = 0.400, 2/L = {state['lr_max']:.3f}\n"
                              f"{verdict(state)}")
    assert ax.get_title().split("\n")[1].startswith("η < 2/L: ")
    assert len(ax.collections) == 1 and ax.collections[0] is not contours_before   # new lam
    assert ax.get_xlim() == (-3, 4) and ax.get_ylim() == (-2, 5)                   # fixed window
    kept = ax.collections[0]
    update(0.1, 12.0)                                  # same lam: the contours are reused
    assert ax.collections[0] is kept


def test_bad_input(data):
    X, y = data
    with pytest.raises(ValueError, match="exactly 2"):
        gd_path_update(np.ones((5, 3)), np.ones(5), 0.1, 0.0)
    with pytest.raises(ValueError, match="lr == 0.0"):
        gd_path_update(X, y, 0.0, 0.0)
    with pytest.raises(ValueError, match="w0 has length 3"):
        gd_path_update(X, y, 0.1, 0.0, w0=(1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="corr == 1.0"):
        make_gd_path_problem(0, corr=1.0)


def test_state_type_is_checked():
    from helpers.widgets.gd_path import draw_gd_path
    with pytest.raises(TypeError, match="state must be the dict returned by gd_path_update"):
        draw_gd_path(None)
