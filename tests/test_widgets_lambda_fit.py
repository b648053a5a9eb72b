import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import mse, poly_features, ridge_closed_form
from helpers.widgets.lambda_fit import (
    draw_lambda_fit,
    lambda_fit_explorer,
    lambda_fit_update,
    make_lambda_fit_problem,
)


@pytest.fixture(scope="module")
def problem():
    return make_lambda_fit_problem(0, m=30, degree=6, lams=np.logspace(-3, 2, 6))


def test_update_matches_an_independent_ridge_fit(problem):
    lam = 0.7
    state = lambda_fit_update(problem, lam)
    Z = poly_features(problem.x_train, problem.degree)
    mean, scale = Z.mean(axis=0), Z.std(axis=0)
    w, b = ridge_closed_form((Z - mean) / scale, problem.y_train, lam)
    np.testing.assert_allclose(state["w"], w, rtol=1e-10)
    Zv = (poly_features(problem.x_val, problem.degree) - mean) / scale
    assert state["val_mse"] == pytest.approx(mse(problem.y_val, Zv @ w + b), rel=1e-10)
    assert state["y_grid"].shape == problem.x_grid.shape


def test_precomputed_curves_agree_with_the_update(problem):
    for k in (0, 3, 5):
        state = lambda_fit_update(problem, problem.lams[k])
        assert state["train_mse"] == pytest.approx(problem.train_mse[k], rel=1e-10)
        assert state["val_mse"] == pytest.approx(problem.val_mse[k], rel=1e-10)
    assert np.all(np.diff(problem.train_mse) >= -1e-12)  # training error grows with lam


def test_shrinkage_with_lam(problem):
    norms = [np.linalg.norm(lambda_fit_update(problem, lam)["w"]) for lam in (0.01, 1.0, 100.0)]
    assert norms[0] > norms[1] > norms[2]


def test_split_sizes(problem):
    assert problem.x_train.size == 21 and problem.x_val.size == 9


def test_draw_and_explorer(problem):
    fig = draw_lambda_fit(plt.figure(), problem, 1.0)
    assert len(fig.axes) == 3
    plt.close("all")


def test_explorer_slider_changes_the_image_and_moves_the_artists(problem):
    box = lambda_fit_explorer(problem)
    slider, image = box.children[0].children[0], box.children[-1]
    before = bytes(image.value)
    assert before.startswith(b"\x89PNG")
    slider.value = 1.5
    after = bytes(image.value)
    assert after != before
    slider.value = 0.0
    assert bytes(image.value) == before            # same lam, same picture: no state left over


def test_explorer_update_shows_the_fit_of_the_slider_value(problem):
    from matplotlib.figure import Figure

    from helpers.widgets.lambda_fit import _build_lambda_fit

    fig = Figure()
    update = _build_lambda_fit(fig, problem, 1.0)
    update(0.01)
    ax_fit, ax_w, ax_err = fig.axes
    state = lambda_fit_update(problem, 0.01)
    np.testing.assert_allclose(ax_fit.lines[-1].get_ydata(), state["y_grid"])
    np.testing.assert_allclose([bar.get_height() for bar in ax_w.patches], state["w"])
    np.testing.assert_allclose(ax_err.lines[-1].get_ydata(), [state["train_mse"], state["val_mse"]])
    assert ax_fit.get_title() == f"Degree-{problem.degree} fit, λ = 0.01"
    # the axis limits are fixed once: they hold every coefficient of the grid
    limit = ax_w.get_ylim()[1]
    assert all(np.max(np.abs(lambda_fit_update(problem, lam)["w"])) < limit for lam in problem.lams)


def test_bad_input(problem):
    with pytest.raises(TypeError, match="LambdaFitProblem"):
        lambda_fit_update("data", 1.0)
    with pytest.raises(ValueError, match="lam == -1.0"):
        lambda_fit_update(problem, -1.0)
    with pytest.raises(ValueError, match="lams must be"):
        make_lambda_fit_problem(0, lams=np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="m == 5"):
        make_lambda_fit_problem(0, m=5)


def test_problem_type_is_checked():
    from helpers.widgets.lambda_fit import lambda_fit_explorer
    with pytest.raises(TypeError, match="problem must be a LambdaFitProblem"):
        lambda_fit_explorer(None)


def test_error_panel_has_a_legend_and_ticks_over_the_whole_lam_axis():
    from matplotlib.figure import Figure

    problem = make_lambda_fit_problem(1)                 # the notebook's grid: 1e-4 .. 1e3
    fig = Figure()
    draw_lambda_fit(fig, problem, 2.5)
    ax_err = fig.axes[2]
    labels = [t.get_text() for t in ax_err.get_legend().get_texts()]
    assert labels == ["train", "validation", "at the current λ"]
    ticks = ax_err.get_xticks()
    lo, hi = ax_err.get_xlim()
    assert ticks.min() == pytest.approx(lo) and ticks.max() == pytest.approx(hi)   # 1e-4 .. 1e3
    assert [t.get_text() for t in ax_err.get_xticklabels()][-1] == "10³"
    assert "λ" in ax_err.get_xlabel() and "λ" in fig.axes[0].get_title()


def test_slider_label_uses_lambda(problem):
    slider = lambda_fit_explorer(problem).children[0].children[0]
    assert "λ" in slider.description and "lam" not in slider.description
