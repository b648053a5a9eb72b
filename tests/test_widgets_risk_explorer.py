import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.studies.high_dim import hmrt_min_norm_risk, hmrt_ridge_risk
from helpers.widgets.risk_explorer import (
    RiskGrid,
    draw_risk_explorer,
    plot_risk_panels,
    risk_explorer,
    risk_explorer_update,
    risk_grid,
    setup_risk_explorer,
)

GAMMAS = np.round(np.arange(0.1, 4.01, 0.1), 2)
LAMS = np.concatenate([[0.0], np.logspace(-1, 3, 9)])


@pytest.fixture(scope="module")
def grid():
    return risk_grid(100, GAMMAS, LAMS, sigma=0.5, w_norm=1.0)


def test_grid_values_are_the_theory(grid):
    assert grid.risk.shape == (GAMMAS.size, LAMS.size)
    np.testing.assert_allclose(grid.risk[:, 0], hmrt_min_norm_risk(GAMMAS))
    assert grid.risk[(GAMMAS == 1.0).argmax(), 0] == np.inf
    assert grid.risk[5, 4] == pytest.approx(hmrt_ridge_risk(GAMMAS[5], LAMS[4], 100))
    np.testing.assert_allclose(grid.lam_opt, GAMMAS * 100 * 0.25)
    # the tuned curve is below every fixed-lam curve (up to the grid) and has no peak
    assert np.all(grid.risk_opt[:, None] <= grid.risk + 1e-12)
    assert np.all(np.diff(grid.risk_opt) > 0)


def test_update_snaps_to_the_grid(grid):
    view = risk_explorer_update(grid, 2.03, 11.0)
    assert (view.gamma, view.lam) == (2.0, 10.0)
    assert view.risk == grid.risk[view.i, view.j]
    np.testing.assert_array_equal(view.curve_gamma, grid.risk[:, view.j])
    np.testing.assert_array_equal(view.curve_lam, grid.risk[view.i])
    assert view.lam_opt == pytest.approx(50.0)
    assert "γ = n/m = 2.00, λ = 10" in view.text and "best λ = 50" in view.text
    assert risk_explorer_update(grid, 2.0, 0.0).lam == 0.0


def test_update_at_the_peak_says_infinite(grid):
    view = risk_explorer_update(grid, 1.0, 0.0)
    assert view.risk == np.inf and "∞" in view.text


def test_zero_lam_without_zero_in_grid_takes_the_smallest():
    g = risk_grid(50, [0.5, 2.0], [1.0, 10.0])
    assert risk_explorer_update(g, 0.5, 0.0).j == 0


def test_drawing_and_widget(grid):
    fig = plt.figure()
    view = draw_risk_explorer(fig, grid, 1.0, 0.0)
    assert len(fig.axes) == 2 and view.risk == np.inf
    assert fig._suptitle.get_text() == view.text
    plt.close("all")
    box = risk_explorer(grid)
    assert isinstance(box, widgets.VBox)
    sliders = [c for row in box.children[:-1] for c in row.children]
    assert [s.description for s in sliders] == ["γ = n/m", "λ"]
    image = box.children[-1]
    before = image.value
    sliders[1].value = 10.0
    after_lam = image.value
    sliders[0].value = 0.5
    assert len({before, after_lam, image.value}) == 3      # each control changes the picture
    plt.close("all")


def test_artists_move_in_place_and_show_the_view(grid):
    from matplotlib.figure import Figure

    fig = Figure()
    update = setup_risk_explorer(fig, grid)
    n_artists = [len(ax.get_children()) for ax in fig.axes]
    view = update(2.0, 10.0)
    ax_g, ax_l = fig.axes
    np.testing.assert_array_equal(ax_g.lines[2].get_ydata(), grid.risk[:, view.j])  # chosen λ
    assert ax_g.get_title() == "Risk against γ at λ = 10"
    assert ax_l.get_title() == "Risk against λ at γ = 2.00"
    update(0.5, 100.0)
    assert [len(ax.get_children()) for ax in fig.axes] == n_artists   # nothing added per move
    assert fig._suptitle.get_text() == risk_explorer_update(grid, 0.5, 100.0).text


def test_plot_risk_panels_makes_its_own_axes_and_returns_them(grid):
    axes = plot_risk_panels(grid, 2.0, 10.0)
    assert len(axes) == 2 and axes[0].figure is axes[1].figure
    assert axes[1].get_title() == "Risk against λ at γ = 2.00"
    fig, given = plt.subplots(2, 2)
    assert list(plot_risk_panels(grid, 1.0, 0.0, given[1])) == list(given[1])
    plt.close("all")


def test_bad_input(grid):
    with pytest.raises(ValueError, match="gammas must be an increasing 1-D array"):
        risk_grid(100, [2.0, 1.0], LAMS)
    with pytest.raises(ValueError, match="lams must be an increasing 1-D array of at least 2 "
                                         "values >= 0"):
        risk_grid(100, GAMMAS, [-1.0, 1.0])
    with pytest.raises(TypeError, match="grid must be a RiskGrid"):
        risk_explorer_update("grid", 1.0, 1.0)
    with pytest.raises(ValueError, match="gamma == 0.0, must be > 0"):
        risk_explorer_update(grid, 0.0, 1.0)
    with pytest.raises(ValueError, match="lam == -2.0, must be >= 0"):
        risk_explorer_update(grid, 1.0, -2.0)
    with pytest.raises(TypeError, match="grid must be a RiskGrid"):
        risk_explorer(None)
    with pytest.raises(TypeError, match=r"axes must be two matplotlib Axes .* got 1 object"):
        plot_risk_panels(grid, 1.0, 1.0, "axes")
    fig, three = plt.subplots(1, 3)
    with pytest.raises(TypeError, match="axes must be two matplotlib Axes .* got 3 object"):
        plot_risk_panels(grid, 1.0, 1.0, three)
    plt.close("all")
    with pytest.raises(TypeError, match="grid must be a RiskGrid"):
        plot_risk_panels(None, 1.0, 1.0)
    assert isinstance(grid, RiskGrid)


def test_labels_use_the_course_notation_and_every_line_kind_is_in_a_legend(grid):
    fig = plt.figure()
    setup_risk_explorer(fig, grid)(2.0, 10.0)
    ax_g, ax_l = fig.axes[:2]
    for ax in (ax_g, ax_l):
        assert "w★" in ax.get_ylabel() and "lam" not in ax.get_xlabel()
    assert {t.get_text() for t in ax_g.get_legend().get_texts()} == {
        "minimum norm (λ = 0)", "best λ* at each γ", "chosen λ", "chosen (γ, λ)"}
    assert "best λ* = nσ²/‖w★‖²" in {t.get_text() for t in ax_l.get_legend().get_texts()}
    plt.close(fig)
