import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.high_dim import hmrt_min_norm_risk, hmrt_ridge_risk
from helpers.widgets.risk_explorer import (
    RiskGrid,
    draw_risk_explorer,
    risk_explorer,
    risk_explorer_update,
    risk_grid,
)

GAMMAS = np.round(np.arange(0.1, 4.01, 0.1), 2)
LAMS = np.concatenate([[0.0], np.logspace(-1, 3, 9)])


@pytest.fixture(scope="module")
def grid():
    return risk_grid(100, GAMMAS, LAMS, sigma=0.5, r=1.0)


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
    plt.close("all")
    box = risk_explorer(grid)
    assert isinstance(box, widgets.VBox)
    sliders = [c for row in box.children[:-1] for c in row.children]
    assert [s.description for s in sliders] == ["γ = n/m", "λ"]
    sliders[1].value = 10.0
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
    assert isinstance(grid, RiskGrid)
