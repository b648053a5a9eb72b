import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import helpers.widgets.deep_explorer as de
from helpers.nn import MLP, SGD, Adam, AdamW, train_mlp


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    x, xv = rng.uniform(-1, 1, 10), rng.uniform(-1, 1, 15)
    return x, np.sin(3 * x), xv, np.sin(3 * xv)


ADAMW = de.DEEP_OPTIMIZERS[2]


@pytest.fixture(scope="module")
def grid(data):
    x, y, xv, yv = data
    return de.precompute_deep_grid(x, y, xv, yv, lams=[0.0, 1.0], hidden=(6,), n_epochs=30,
                                   n_grid=25, x_test=xv[:5], y_test=yv[:5])


def test_grid_holds_one_trained_network_per_optimizer_and_lam(grid):
    assert grid.curves.shape == (3, 2, 25) and grid.val_mse.shape == (3, 2)
    assert grid.weight_norms.shape == (3, 2, 2) and grid.val_curves.shape == (3, 2, 30)
    np.testing.assert_allclose(grid.val_curves[:, :, -1], grid.val_mse)
    # At lam = 0 Adam + L2 and AdamW are the same algorithm on the same data.
    np.testing.assert_allclose(grid.curves[1, 0], grid.curves[2, 0], rtol=1e-12)
    assert np.all(grid.weight_norms[:2, 1].sum(axis=1) < grid.weight_norms[:2, 0].sum(axis=1))


def test_grid_matches_training_the_networks_directly(data, grid):
    x, y, xv, yv = data
    m = x.shape[0]
    for i, (opt, lam_loss) in enumerate([(SGD(0.05, momentum=0.9), 1.0), (Adam(0.02), 1.0),
                                         (AdamW(0.02, weight_decay=1.0 / m), 0.0)]):
        net = MLP((1, 6, 1), rng=1, activation="tanh")
        train_mlp(net, x[:, None], y, opt, rng=1, lam=lam_loss, n_epochs=30)
        np.testing.assert_allclose(grid.curves[i, 1], net.predict(grid.x_grid[:, None]),
                                   rtol=1e-12)
        result = de.deep_explorer_update(grid, 1.0, de.DEEP_OPTIMIZERS[i])
        assert result["val_mse"] == pytest.approx(np.mean((net.predict(xv[:, None]) - yv) ** 2))
        assert grid.test_mse[i, 1] == pytest.approx(
            np.mean((net.predict(xv[:5, None]) - yv[:5]) ** 2))


def test_test_set_is_optional(data):
    small = de.precompute_deep_grid(*data, lams=[0.5], hidden=(3,), n_epochs=2, n_grid=5,
                                    optimizers=("Adam + L2",))
    assert small.test_mse is None and small.curves.shape == (1, 1, 5)


def test_update_is_a_lookup_without_training(grid, monkeypatch):
    monkeypatch.setattr(de, "train_mlp", lambda *a, **k: pytest.fail("update must not train"))
    result = de.deep_explorer_update(grid, 1.0, ADAMW)
    np.testing.assert_array_equal(result["curve"], grid.curves[2, 1])
    fig = plt.figure()
    de.draw_deep_explorer(fig, grid, 0.0, "Adam + L2")
    assert len(fig.axes) == 2
    plt.close("all")


def test_update_changes_the_artists_in_place(grid):
    fig = plt.figure()
    update = de.setup_deep_explorer(fig, grid)
    ax_fit, ax_norm = fig.axes
    update(1.0, ADAMW)
    np.testing.assert_array_equal(ax_fit.lines[0].get_ydata(), grid.curves[2, 1])
    heights = [p.get_height() for p in ax_norm.patches]
    np.testing.assert_allclose(heights, grid.weight_norms[:, 1].ravel())
    assert [p.get_alpha() for p in ax_norm.patches] == [0.35, 0.35, 0.35, 0.35, 1.0, 1.0]
    assert ax_fit.get_title().startswith(f"{ADAMW}, λ = 1: train MSE")
    update(0.0, "Adam + L2")
    np.testing.assert_array_equal(ax_fit.lines[0].get_ydata(), grid.curves[1, 0])
    assert len(fig.axes) == 2 and len(ax_norm.patches) == 6  # nothing added, only changed
    plt.close("all")


def _pixels(fig):
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].astype(int)


@pytest.mark.parametrize("lam,optimizer", [(0.0, "Adam + L2"), (1.0, ADAMW)])
def test_frozen_background_draws_the_same_picture(grid, lam, optimizer):
    # The fast path (static parts rendered once into an image) must look like a full redraw.
    # After the first move too: the frozen update changes only the live artists.
    pictures = []
    for freeze in (False, True):
        fig = Figure(figsize=(6, 2.5), dpi=60)
        update = de.setup_deep_explorer(fig, grid, freeze=freeze)
        update(1.0 - lam, "SGD (momentum 0.9) + L2")
        update(lam, optimizer)
        pictures.append(_pixels(fig))
    full, frozen = pictures
    assert full.shape == frozen.shape
    differs = np.any(np.abs(full - frozen) > 40, axis=-1)
    assert differs.mean() < 0.005  # only where the curve now passes over the training points


def test_explorer_wires_a_slider_and_a_menu(grid):
    box = de.deep_explorer(grid)
    assert isinstance(box, widgets.VBox)
    slider, menu = box.children[0].children
    assert slider.options == (("0", 0.0), ("1", 1.0)) and menu.options == de.DEEP_OPTIMIZERS
    image = box.children[-1]
    before = image.value
    menu.value = ADAMW
    after_menu = image.value
    slider.value = 0.0
    assert before != after_menu and after_menu != image.value  # each control re-renders
    plt.close("all")


def test_bad_input(data, grid):
    x, y, xv, yv = data
    with pytest.raises(ValueError, match="was not precomputed"):
        de.deep_explorer_update(grid, 0.5, ADAMW)
    with pytest.raises(ValueError, match="optimizer == 'RMSprop'"):
        de.deep_explorer_update(grid, 1.0, "RMSprop")
    with pytest.raises(TypeError, match="grid must be a DeepGrid"):
        de.deep_explorer_update({}, 1.0, ADAMW)
    with pytest.raises(TypeError, match="grid must be a DeepGrid"):
        de.deep_explorer({})
    with pytest.raises(ValueError, match="x_train has 10 entries but y_train has 9"):
        de.precompute_deep_grid(x, y[:-1], xv, yv, lams=[0.0])
    with pytest.raises(ValueError, match=r"lams\[1\] == -1.0, must be >= 0"):
        de.precompute_deep_grid(x, y, xv, yv, lams=[0.0, -1.0])
    with pytest.raises(ValueError, match="lams is empty"):
        de.precompute_deep_grid(x, y, xv, yv, lams=[])
    with pytest.raises(ValueError, match="optimizers .* unknown"):
        de.precompute_deep_grid(x, y, xv, yv, lams=[0.0], optimizers=("Lion",))
    with pytest.raises(TypeError, match="optimizers == 'Adam \\+ L2' is a single str"):
        de.precompute_deep_grid(x, y, xv, yv, lams=[0.0], optimizers="Adam + L2")
    with pytest.raises(TypeError, match=r"hidden must be a sequence .* got 8 \(int\)"):
        de.precompute_deep_grid(x, y, xv, yv, lams=[0.0], hidden=8)
    with pytest.raises(ValueError, match=r"hidden\[1\] == 0, must be >= 1"):
        de.precompute_deep_grid(x, y, xv, yv, lams=[0.0], hidden=(4, 0))
    with pytest.raises(ValueError, match="give both x_test and y_test"):
        de.precompute_deep_grid(x, y, xv, yv, lams=[0.0], x_test=xv)
    with pytest.raises(ValueError, match="x_test has 15 entries but y_test has 14"):
        de.precompute_deep_grid(x, y, xv, yv, lams=[0.0], x_test=xv, y_test=yv[:-1])


def test_norm_panel_labels_render_as_mathematics(grid):
    fig = plt.figure()
    de.draw_deep_explorer(fig, grid, 1.0, ADAMW)
    ax_norm = fig.axes[1]
    assert ax_norm.get_ylabel() == r"Frobenius norm $\|W_l\|_F$"
    assert [t.get_text() for t in ax_norm.get_xticklabels()] == ["$W_1$", "$W_2$"]
    assert [t.get_text() for t in ax_norm.get_legend().get_texts()] == list(de.DEEP_OPTIMIZERS)
    FigureCanvasAgg(fig).draw()  # the mathtext parses
    plt.close(fig)
