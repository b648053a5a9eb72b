import io

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import Standardizer, cross_val_curve, kfold_indices, ridge_closed_form
from helpers.widgets.cv_explorer import (
    TOP,
    _build_cv_explorer,
    cv_explorer,
    cv_explorer_update,
    draw_cv_explorer,
    make_cv_explorer_problem,
)


@pytest.fixture(scope="module")
def problem():
    return make_cv_explorer_problem(0, m=20, degree=6)


def test_problem_is_reproducible(problem):
    again = make_cv_explorer_problem(0, m=20, degree=6)
    np.testing.assert_array_equal(problem.y, again.y)
    assert problem.x.shape == (20,) and np.all(np.diff(problem.lams) > 0)


def test_update_matches_a_fold_by_fold_refit(problem):
    view = cv_explorer_update(problem, 4, np.log10(problem.lams[10]))
    Z = problem.x[:, None] ** np.arange(1, 7)
    folds = kfold_indices(20, 4, problem.fold_seed)
    lam = problem.lams[10]
    errors = []
    for val in folds:
        train = np.setdiff1d(np.arange(20), val)
        scaler = Standardizer.fit(Z[train])
        w, b = ridge_closed_form(scaler.transform(Z[train]), problem.y[train], lam)
        errors.append(np.mean((problem.y[val] - scaler.transform(Z[val]) @ w - b) ** 2))
    assert view["curve"].mean[10] == pytest.approx(np.mean(errors), rel=1e-9)
    assert view["cv_at_lam"] == pytest.approx(np.mean(errors), rel=1e-9)  # on the grid
    assert view["lam"] == pytest.approx(lam)


def test_fits_are_ridge_on_all_points(problem):
    view = cv_explorer_update(problem, 5, 0.0)
    Z = problem.x[:, None] ** np.arange(1, 7)
    scaler = Standardizer.fit(Z)
    w, b = ridge_closed_form(scaler.transform(Z), problem.y, 1.0)
    grid = scaler.transform(problem.x_grid[:, None] ** np.arange(1, 7))
    np.testing.assert_allclose(view["y_fit"], grid @ w + b, rtol=1e-9)
    curve = cross_val_curve(Z, problem.y, problem.lams, 5, problem.fold_seed)
    w1, b1 = ridge_closed_form(scaler.transform(Z), problem.y, curve.lam_1se)
    np.testing.assert_allclose(view["y_fit_1se"], grid @ w1 + b1, rtol=1e-9)


def test_more_folds_and_leave_one_out_work(problem):
    loo = cv_explorer_update(problem, 20, -1.0)
    assert loo["curve"].fold_mse.shape == (20, problem.lams.size)
    assert loo["curve"].lam_1se >= loo["curve"].lam_min


def test_draw_builds_two_panels_with_fixed_limits(problem):
    fig = plt.figure()
    draw_cv_explorer(fig, problem, 3, 0.5)
    left, right = fig.axes
    assert left.get_ylim() == (0.0, TOP) and right.get_ylim() == (-2.5, 2.5)
    assert left.texts[0].get_text().startswith("K = 3: $\\lambda_{\\min}$ = ")
    plt.close("all")


def test_values_above_the_top_are_drawn_on_the_edge():
    problem = make_cv_explorer_problem(0)                           # the notebook's problem
    fig = plt.figure()
    update = _build_cv_explorer(fig, problem, 2, -6.0)
    view = cv_explorer_update(problem, 2, -6.0)
    left = fig.axes[0]
    mean_line, marker = left.lines[0], left.lines[3]
    assert view["curve"].mean.max() > TOP                      # 2 folds explode at small lam
    np.testing.assert_allclose(mean_line.get_ydata(), np.minimum(view["curve"].mean, TOP))
    assert marker.get_ydata()[0] == min(view["cv_at_lam"], TOP)
    update(5, 0.0)
    np.testing.assert_allclose(mean_line.get_ydata(), cv_explorer_update(problem, 5, 0.0)[
        "curve"].mean)                                            # 5 folds: nothing clipped
    plt.close("all")


def test_each_control_changes_the_rendered_image(problem):
    box = cv_explorer(problem)
    folds_slider, lam_slider = box.children[0].children[0], box.children[1].children[0]
    image = box.children[-1]
    before = image.value
    folds_slider.value = 2
    after_folds = image.value
    lam_slider.value = 2.0
    assert before != after_folds != image.value
    folds_slider.value, lam_slider.value = 5, 0.0                   # back to the start
    assert image.value == before


def test_bad_input(problem):
    with pytest.raises(ValueError, match="n_folds == 21, must be <= 20"):
        cv_explorer_update(problem, 21, 0.0)
    with pytest.raises(ValueError, match="n_folds == 1, must be >= 2"):
        cv_explorer_update(problem, 1, 0.0)
    with pytest.raises(TypeError, match="log10_lam must be a real number"):
        cv_explorer_update(problem, 3, "1")
    with pytest.raises(ValueError, match="m == 5, must be >= 10"):
        make_cv_explorer_problem(0, m=5)


def test_frozen_background_looks_like_a_full_redraw(problem):
    from matplotlib.figure import Figure

    from helpers.widgets.core import render_png

    def pixels(freeze):
        fig = Figure(figsize=(6, 3), dpi=50)
        update = _build_cv_explorer(fig, problem, 5, 0.0, freeze=freeze)
        update(4, -2.0)
        return plt.imread(io.BytesIO(render_png(fig)))

    frozen, full = pixels(True), pixels(False)
    assert frozen.shape == full.shape
    assert np.mean(np.abs(frozen - full).max(axis=2) > 0.1) < 0.01


def test_problem_type_is_checked():
    from helpers.widgets.cv_explorer import cv_explorer_update
    with pytest.raises(TypeError, match="problem must be a CVExplorerProblem"):
        cv_explorer_update(None, 5, 0.0)


def test_lam_ticks_cover_both_ends_of_the_axis_and_slider_says_lambda(problem):
    from matplotlib.figure import Figure

    fig = Figure()
    draw_cv_explorer(fig, problem, 5, 0.0)
    left = fig.axes[0]
    ticks = left.get_xticks()
    lo, hi = left.get_xlim()
    assert ticks.min() == pytest.approx(lo) and ticks.max() == pytest.approx(hi)
    assert [t.get_text() for t in left.get_xticklabels()][-1] == "10³"
    box = cv_explorer(problem)
    assert "λ" in box.children[1].children[0].description
    assert "lam" not in box.children[1].children[0].description
