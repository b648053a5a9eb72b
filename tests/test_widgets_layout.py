"""The explorers' figures are projector-ready (issue 12) and their layout is data (issue 14).

Each explorer with several panels describes its figure in a `Layout` (size, margins, fonts).
A figure within 10.4 in x 5.8 in whose smallest text is 11 pt shows that text at 14 pt or more
when it fills a 1280 x 720 slide (`slide_font_scale`). These tests draw the static figures the
notebooks show and measure every visible text, as tools/export_figures.py does.
"""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

import helpers.plotting
import helpers.widgets.cv_explorer as cv
import helpers.widgets.deep_explorer as de
import helpers.widgets.geometry as geo
import helpers.widgets.lambda_fit as lf
import helpers.widgets.risk_explorer as rx
from helpers.plotting import COURSE_STYLE, slide_font_scale
from helpers.widgets.core import Layout, apply_layout

MIN_SLIDE_PT = 14.0
LAYOUTS = {"lambda_fit": lf.LAYOUT, "cv_explorer": cv.LAYOUT, "deep_explorer": de.LAYOUT,
           "risk_explorer": rx.LAYOUT}


@pytest.fixture(autouse=True)
def course_style():
    with plt.rc_context(COURSE_STYLE):
        yield
    plt.close("all")


def smallest_slide_pt(fig):
    """The smallest visible text of `fig` in points when the figure fills a 1280 x 720 slide."""
    fig.canvas.draw()
    texts = [t for t in fig.findobj(mpl.text.Text) if t.get_visible() and t.get_text().strip()]
    return min(t.get_fontsize() for t in texts) * slide_font_scale(fig.get_size_inches())


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_layout_fits_a_slide_with_legible_text(name):
    layout = LAYOUTS[name]
    assert layout.figsize[0] <= 10.4 and layout.figsize[1] <= 5.8, name
    assert layout.font >= 11 and layout.title >= layout.font, name
    assert layout.font * slide_font_scale(layout.figsize) >= MIN_SLIDE_PT, name


def test_apply_layout_resizes_a_figure_but_not_a_subfigure():
    layout = Layout(figsize=(5.0, 3.0), margins={"left": 0.2})
    fig = plt.figure(figsize=(11, 7))
    assert apply_layout(fig, layout) is fig
    assert tuple(fig.get_size_inches()) == (5.0, 3.0) and fig.subplotpars.left == 0.2
    sub = plt.figure(figsize=(8, 8)).subfigures(2, 1)[0]
    apply_layout(sub, layout)
    assert tuple(sub.figure.get_size_inches()) == (8.0, 8.0)
    with pytest.raises(TypeError, match="layout must be a Layout"):
        apply_layout(fig, {"figsize": (5, 3)})


def test_lambda_fit_static_figure_is_projector_ready():
    problem = lf.make_lambda_fit_problem(1)
    fig = lf.draw_lambda_fit(plt.figure(figsize=(11, 3.3)), problem, 2.5)   # notebook 04's call
    assert tuple(fig.get_size_inches()) == lf.LAYOUT.figsize
    assert smallest_slide_pt(fig) >= MIN_SLIDE_PT


def test_cv_explorer_static_figure_is_projector_ready():
    problem = cv.make_cv_explorer_problem(0)
    fig = cv.draw_cv_explorer(plt.figure(figsize=(10, 3.8)), problem, 5, -1.0)  # notebook 05
    assert tuple(fig.get_size_inches()) == cv.LAYOUT.figsize
    assert smallest_slide_pt(fig) >= MIN_SLIDE_PT


def test_deep_explorer_static_figure_is_projector_ready():
    rng = np.random.default_rng(0)
    x, xv = rng.uniform(-1, 1, 10), rng.uniform(-1, 1, 15)
    grid = de.precompute_deep_grid(x, np.sin(3 * x), xv, np.sin(3 * xv), lams=[0.0, 1.0],
                                   hidden=(6, 6), n_epochs=5, n_grid=25)
    fig = de.draw_deep_explorer(plt.figure(), grid, 1.0, de.DEEP_OPTIMIZERS[2])
    assert tuple(fig.get_size_inches()) == de.LAYOUT.figsize
    assert smallest_slide_pt(fig) >= MIN_SLIDE_PT


def test_risk_panels_are_projector_ready():
    grid = rx.risk_grid(100, np.round(np.arange(0.1, 4.001, 0.05), 2),
                        np.concatenate([[0.0], np.logspace(-1, 3, 33)]))
    axes = rx.plot_risk_panels(grid, 2.0, 10.0)                      # one row per figure
    assert tuple(axes[0].figure.get_size_inches()) == rx.LAYOUT.figsize
    assert smallest_slide_pt(axes[0].figure) >= MIN_SLIDE_PT
    fig = plt.figure()
    rx.draw_risk_explorer(fig, grid, 1.1, 0.0)                       # the explorer, suptitle too
    assert smallest_slide_pt(fig) >= MIN_SLIDE_PT


def test_geometry_uses_the_one_definition_of_the_penalty_names():
    assert geo.KIND_NAMES is helpers.plotting.KIND_NAMES
    fig, ax = plt.subplots(figsize=(4.6, 4.6))
    rng = np.random.default_rng(0)
    X = rng.standard_normal((30, 2))
    geo.plot_geometry_lam(X, X @ [2.0, 1.0], 10.0, "l1", ax=ax)
    assert ax.get_title().startswith("L1, λ = 10") and ax.title.get_fontsize() >= 11
