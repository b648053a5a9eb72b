import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import Standardizer, constrained_solution, penalized_solution, penalty
from helpers.widgets.geometry import geometry_explorer, geometry_update, plot_geometry_lam


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
    assert "2 zero" in ax.get_title()
    box = geometry_explorer(X, y)
    assert isinstance(box, widgets.VBox)
    box.children[0].children[1].value = "l2"  # switching the penalty redraws
    plt.close("all")


def test_bad_input():
    X, y = _two_features()
    with pytest.raises(ValueError, match="kind == 'l0'"):
        geometry_update(X, y, 1.0, "l0")
    with pytest.raises(ValueError, match="lam == -1.0"):
        geometry_update(X, y, -1.0)
