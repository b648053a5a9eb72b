import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

import helpers.widgets.deep_explorer as de
from helpers.nn import MLP, SGD, Adam, AdamW, train_mlp


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    x, xv = rng.uniform(-1, 1, 10), rng.uniform(-1, 1, 15)
    return x, np.sin(3 * x), xv, np.sin(3 * xv)


@pytest.fixture(scope="module")
def grid(data):
    return de.precompute_deep_grid(*data, lams=[0.0, 1.0], hidden=(6,), n_epochs=30, n_grid=25)


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


def test_update_is_a_lookup_without_training(grid, monkeypatch):
    monkeypatch.setattr(de, "train_mlp", lambda *a, **k: pytest.fail("update must not train"))
    result = de.deep_explorer_update(grid, 1.0, "AdamW")
    np.testing.assert_array_equal(result["curve"], grid.curves[2, 1])
    fig = plt.figure()
    de.draw_deep_explorer(fig, grid, 0.0, "Adam + L2")
    assert len(fig.axes) == 2
    plt.close("all")


def test_explorer_wires_a_slider_and_a_menu(grid):
    box = de.deep_explorer(grid)
    assert isinstance(box, widgets.VBox)
    slider, menu = box.children[0].children
    assert slider.options == (("0", 0.0), ("1", 1.0)) and menu.options == de.DEEP_OPTIMIZERS
    menu.value = "AdamW"  # redraws without error
    plt.close("all")


def test_bad_input(data, grid):
    x, y, xv, yv = data
    with pytest.raises(ValueError, match="was not precomputed"):
        de.deep_explorer_update(grid, 0.5, "AdamW")
    with pytest.raises(ValueError, match="optimizer == 'RMSprop'"):
        de.deep_explorer_update(grid, 1.0, "RMSprop")
    with pytest.raises(TypeError, match="grid must be a DeepGrid"):
        de.deep_explorer_update({}, 1.0, "AdamW")
    with pytest.raises(ValueError, match="x_train has 10 entries but y_train has 9"):
        de.precompute_deep_grid(x, y[:-1], xv, yv, lams=[0.0])
    with pytest.raises(ValueError, match=r"lams\[1\] == -1.0, must be >= 0"):
        de.precompute_deep_grid(x, y, xv, yv, lams=[0.0, -1.0])
    with pytest.raises(ValueError, match="lams is empty"):
        de.precompute_deep_grid(x, y, xv, yv, lams=[])
    with pytest.raises(ValueError, match="optimizers .* unknown"):
        de.precompute_deep_grid(x, y, xv, yv, lams=[0.0], optimizers=("Lion",))
