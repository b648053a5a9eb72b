import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import (
    Standardizer,
    constrained_solution,
    loss_grid,
    penalized_solution,
    penalty,
    ridge_closed_form,
)
from helpers.widgets.geometry import (
    geometry_explorer,
    geometry_update,
    plot_geometry_lam,
    setup_geometry_explorer,
    touching_contour,
)


def _two_features():
    rng = np.random.default_rng(0)
    x1 = rng.standard_normal(50)
    X = np.column_stack([x1, 0.6 * x1 + 0.8 * rng.standard_normal(50)])
    X = Standardizer.fit(X).transform(X)
    return X, X @ np.array([2.0, 0.5]) + 0.5 * rng.standard_normal(50)


@pytest.mark.parametrize("kind", ["l2", "l1", "elastic"])
def test_update_is_the_constrained_solution_for_its_budget(kind):
    X, y = _two_features()
    out = geometry_update(X, y, 20.0, kind)
    np.testing.assert_allclose(out["w"], penalized_solution(X, y, 20.0, kind))
    assert out["budget"] == pytest.approx(penalty(out["w"], kind))
    w_con, lam = constrained_solution(X, y, out["budget"], kind)
    np.testing.assert_allclose(w_con, out["w"], atol=1e-8)
    assert lam == pytest.approx(20.0, rel=1e-6)
    np.testing.assert_allclose(penalty(out["boundary"], kind), out["budget"], rtol=1e-10)


def test_l1_sparsity_count_and_huge_lam():
    X, y = _two_features()
    assert geometry_update(X, y, 80.0, "l1")["n_zero"] == 1
    assert geometry_update(X, y, 80.0, "l2")["n_zero"] == 0
    out = geometry_update(X, y, 1e6, "l1")
    assert out["n_zero"] == 2 and out["budget"] == 0.0 and out["boundary"].shape == (1, 2)


def test_panel_and_explorer():
    X, y = _two_features()
    ax = plot_geometry_lam(X, y, 1e6, "l1")
    assert ax.get_title().startswith("L1, λ = 1e+06\n") and "2 weights exactly 0" in ax.get_title()
    labels = ax.get_legend_handles_labels()[1]
    assert "contour touching the region" in labels
    box = geometry_explorer(X, y)
    assert isinstance(box, widgets.VBox)
    image = box.children[-1]
    before = image.value
    box.children[0].children[1].value = "l2"  # switching the penalty redraws
    assert image.value != before
    after_kind = image.value
    box.children[0].children[0].value = 100.0
    assert image.value != after_kind
    plt.close("all")


def test_touching_contour_is_the_level_set_through_w():
    X, y = _two_features()
    w = np.array([0.8, 0.1])
    edge = touching_contour(X, y, w, n_points=50)
    level = loss_grid(X, y, w[:1], w[1:])[0, 0]
    values = [loss_grid(X, y, p[:1], p[1:])[0, 0] for p in edge]
    np.testing.assert_allclose(values, level, rtol=1e-10)
    np.testing.assert_allclose(edge.mean(axis=0), ridge_closed_form(X, y, 0.0)[0], atol=0.05)


def test_setup_update_moves_region_and_point():
    from matplotlib.figure import Figure

    X, y = _two_features()
    fig = Figure()
    update = setup_geometry_explorer(fig, X, y)
    update(lam=80.0, kind="l1")
    ax = fig.axes[0]
    w = geometry_update(X, y, 80.0, "l1")["w"]
    markers = [line for line in ax.lines if line.get_marker() == "o"]
    np.testing.assert_allclose(np.ravel(markers[0].get_xydata()), w)
    assert ax.get_title() == f"L1, λ = 80\nw = ({w[0]:.2f}, {w[1]:.2f}), 1 weight exactly 0"
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["loss contours", "region P(w) ≤ B", "contour touching the region",
                      "least squares", "solution"]
    np.testing.assert_allclose(penalty(ax.patches[0].get_xy(), "l1"), penalty(w, "l1"),
                               rtol=1e-6)


def test_bad_input():
    X, y = _two_features()
    with pytest.raises(ValueError, match="kind == 'l0'"):
        geometry_update(X, y, 1.0, "l0")
    with pytest.raises(ValueError, match="lam == -1.0"):
        geometry_update(X, y, -1.0)
    with pytest.raises(ValueError, match=r"w has shape \(3,\)"):
        touching_contour(X, y, np.zeros(3))
