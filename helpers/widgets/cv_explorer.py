"""Explorer: the number of folds and lam, on the K-fold validation curve and on the fit.

The model is a polynomial in standardized powers of x (`helpers.polynomial`), fitted by
J(w, b) = 1/(2m) ||Z w + b - y||^2 + lam/(2m) ||w||^2 (bias not penalized); standardization is
refitted inside every training fold (`cross_val_curve`). `cv_explorer_update` (pure, tested in
tests/test_widgets_cv_explorer.py) computes one view; `draw_cv_explorer` draws its two panels,
and `cv_explorer` builds them once and only moves the artists on each slider change.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_float, as_int, as_rng
from ..data import _POLY_RANGE, _check_poly_data, _make_poly_data
from ..linear.polynomial import _fit_poly, _poly_features
from ..selection.cv import cross_val_curve
from .core import (
    Layout,
    _plain_ticks,
    apply_layout,
    artist_explorer,
    decade_label,
    freeze_background,
)

__all__ = ["CVExplorerProblem", "make_cv_explorer_problem", "cv_explorer_update",
           "draw_cv_explorer", "cv_explorer"]

COEFS = (0.5, 1.0, 0.0, -2.0)  # the true curve: 0.5 + x - 2 x^3


@dataclass(frozen=True)
class CVExplorerProblem:
    """A small 1-D regression problem, its lam grid and the seed of its folds.

    Attributes
    ----------
    x, y : ndarray of shape (m,)
    degree : int
    lams : ndarray of shape (k,)
    fold_seed : int
        Folds for K come from kfold_indices(m, K, fold_seed): the same K, the same folds.
    x_grid : ndarray of shape (200,)
    """

    x: np.ndarray
    y: np.ndarray
    degree: int
    lams: np.ndarray
    fold_seed: int
    x_grid: np.ndarray


def make_cv_explorer_problem(rng, m=30, degree=15, noise=0.3, fold_seed=0):
    """Draw m noisy samples of 0.5 + x - 2x^3 on [-1, 1] and a grid of 55 lams in [1e-6, 1e3].

    Parameters
    ----------
    rng : numpy Generator or int seed
    m : int >= 10
        Number of samples.
    degree : int >= 1
        Degree of the polynomial model.
    noise : float >= 0
        Standard deviation of the noise on y.
    fold_seed : int
        Seed of the fold assignment (the same K gives the same folds).

    Returns
    -------
    CVExplorerProblem
        x, y of shape (m,), lams of shape (55,), x_grid of shape (200,).
    """
    m = as_int(m, "m", minimum=10)
    x, y = _make_poly_data(m, as_rng(rng), *_check_poly_data(COEFS, noise, _POLY_RANGE))
    return CVExplorerProblem(x=x, y=y, degree=as_int(degree, "degree", minimum=1),
                             lams=np.logspace(-6, 3, 55), fold_seed=int(fold_seed),
                             x_grid=np.linspace(-1, 1, 200))


def _as_problem(problem):
    if not isinstance(problem, CVExplorerProblem):
        raise TypeError(f"problem must be a CVExplorerProblem (from make_cv_explorer_problem), "
                        f"got {type(problem).__name__}")
    return problem


def cv_explorer_update(problem, n_folds, log10_lam):
    """One view of the explorer.

    Parameters
    ----------
    problem : CVExplorerProblem
    n_folds : int, 2 <= n_folds <= m (m gives leave-one-out)
    log10_lam : float
        The lam shown on the fit panel is 10**log10_lam.

    Returns
    -------
    dict
        curve : CVCurve on problem.lams
        lam : float, and cv_at_lam : float, the CV error at lam (interpolated in log lam)
        y_fit : ndarray of shape (200,), the fit on all m samples at lam, on problem.x_grid
        y_fit_1se : ndarray of shape (200,), the same at the one-SE choice
    """
    _as_problem(problem)  # its fields were checked by make_cv_explorer_problem
    n_folds = as_int(n_folds, "n_folds", minimum=2, maximum=problem.x.size)
    lam = 10.0 ** as_float(log10_lam, "log10_lam")
    Z = _poly_features(problem.x, problem.degree)
    curve = cross_val_curve(Z, problem.y, problem.lams, n_folds, problem.fold_seed)
    cv_at_lam = float(np.interp(np.log10(lam), np.log10(curve.lams), curve.mean))
    fit = _fit_poly(problem.x, problem.y, problem.degree, lam)
    fit_1se = _fit_poly(problem.x, problem.y, problem.degree, curve.lam_1se)
    return {"curve": curve, "lam": lam, "cv_at_lam": cv_at_lam,
            "y_fit": fit._predict(problem.x_grid), "y_fit_1se": fit_1se._predict(problem.x_grid)}


TOP = 0.6          # fixed top of the validation-error axis; larger values are drawn on it
LAM_TICKS = (1e-6, 1e-3, 1.0, 1e3)   # both ends of the λ grid [1e-6, 1e3]


def _band(lams, low, high):
    """Vertices of the polygon between two curves (the +-1 SE band), clipped to [0, TOP]."""
    low, high = np.clip(low, 0.0, TOP), np.clip(high, 0.0, TOP)
    return np.column_stack([np.concatenate([lams, lams[::-1]]),
                            np.concatenate([low, high[::-1]])])


# The figure as data: size, margins and fonts, then each panel's fixed limits, labels, ticks.
LAYOUT = Layout(figsize=(10.4, 5.0), font=11.0, title=12.0,
                margins={"left": 0.07, "right": 0.985, "bottom": 0.3, "top": 0.92,
                         "wspace": 0.22})
CV_PANEL = {"ylim": (0.0, TOP), "xlabel": "λ (log scale)",
            "ylabel": f"validation MSE (clipped at {TOP:g})", "xticks": LAM_TICKS,
            "yticks": tuple(np.linspace(0.0, TOP, 7)),
            "legend": {"loc": "upper center", "bbox_to_anchor": (0.5, -0.14), "ncols": 2}}
FIT_PANEL = {"xlim": (-1.05, 1.05), "ylim": (-2.5, 2.5), "xlabel": "x", "ylabel": "y",
             "xticks": (-1.0, -0.5, 0.0, 0.5, 1.0), "yticks": (-2.0, -1.0, 0.0, 1.0, 2.0),
             "legend": {"loc": "upper center", "bbox_to_anchor": (0.5, -0.14), "ncols": 2}}


def _cv_panel(ax, lams):
    """The validation-curve panel: fixed axes and empty artists; returns the moving ones."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Polygon

    ax.set_xscale("log")
    folds = ax.add_collection(LineCollection([], colors="0.8", linewidths=0.7,
                                             label="single folds"))
    band = ax.add_patch(Polygon(np.zeros((1, 2)), alpha=0.25, label="mean ± 1 SE"))
    (mean_line,) = ax.plot(lams, lams * 0, label="K-fold CV error")
    (min_line,) = ax.plot([1, 1], [0, TOP], color="C2", linestyle="--", label=r"$\lambda_{\min}$")
    (one_se_line,) = ax.plot([1, 1], [0, TOP], color="C3", linestyle=":",
                             label=r"$\lambda_{1\mathrm{SE}}$")
    (marker,) = ax.plot([], [], "ko", label="CV error at the slider's λ")
    ax.set(xlim=(lams[0], lams[-1]), ylim=CV_PANEL["ylim"], xlabel=CV_PANEL["xlabel"],
           ylabel=CV_PANEL["ylabel"])
    _plain_ticks(ax.xaxis, CV_PANEL["xticks"], decade_label)
    _plain_ticks(ax.yaxis, CV_PANEL["yticks"], "{:.1f}")
    legend = ax.legend(fontsize=LAYOUT.font, **CV_PANEL["legend"])  # below the axes
    # a plain text, not ax.title: the title's automatic placement looks at the (later hidden) axes
    title = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center", va="bottom",
                    fontsize=LAYOUT.title)
    return [folds, band, mean_line, min_line, one_se_line, marker, title, legend]


def _fit_panel(ax, problem):
    """Data, truth and the two fits; returns the two fitted curves (they move)."""
    ax.scatter(problem.x, problem.y, s=12, color="0.35", label="data")
    ax.plot(problem.x_grid, np.polynomial.polynomial.polyval(problem.x_grid, COEFS),
            color="0.5", linestyle="--", label="truth")
    (fit_line,) = ax.plot(problem.x_grid, problem.x_grid * 0, label="fit at the slider's λ")
    (fit_1se_line,) = ax.plot(problem.x_grid, problem.x_grid * 0, color="C3", linewidth=1.0,
                              label=r"fit at $\lambda_{1\mathrm{SE}}$")
    ax.set(xlim=FIT_PANEL["xlim"], ylim=FIT_PANEL["ylim"], xlabel=FIT_PANEL["xlabel"],
           ylabel=FIT_PANEL["ylabel"])
    ax.set_title(f"Degree-{problem.degree} ridge fit on all {problem.x.size} points",
                 fontsize=LAYOUT.title)
    _plain_ticks(ax.xaxis, FIT_PANEL["xticks"])
    _plain_ticks(ax.yaxis, FIT_PANEL["yticks"])
    ax.legend(fontsize=LAYOUT.font, **FIT_PANEL["legend"])
    return [fit_line, fit_1se_line]


def _show_view(moving, view, n_folds, lams):
    """Move the artists of both panels to one view (curves clipped at TOP)."""
    folds, band, mean_line, min_line, one_se_line, marker, title, _, fit_line, fit_1se = moving
    curve, lam = view["curve"], view["lam"]
    folds.set_segments([np.column_stack([lams, np.minimum(f, TOP)]) for f in curve.fold_mse])
    band.set_xy(_band(lams, curve.mean - curve.se, curve.mean + curve.se))
    mean_line.set_ydata(np.minimum(curve.mean, TOP))
    min_line.set_xdata([curve.lam_min, curve.lam_min])
    one_se_line.set_xdata([curve.lam_1se, curve.lam_1se])
    marker.set_data([lam], [min(view["cv_at_lam"], TOP)])
    title.set_text(f"K = {n_folds}: $\\lambda_{{\\min}}$ = {curve.lam_min:.3g}, "
                   f"$\\lambda_{{1\\mathrm{{SE}}}}$ = {curve.lam_1se:.3g}, λ = {lam:.3g}")
    fit_line.set_ydata(view["y_fit"])
    fit_1se.set_ydata(view["y_fit_1se"])


def _build_cv_explorer(fig, problem, n_folds, log10_lam, freeze=False):
    """Draw both panels once and return update(n_folds, log10_lam), which moves artists only.

    Layout, limits and ticks come from LAYOUT, CV_PANEL and FIT_PANEL. The error axis is
    linear from 0 to TOP for every K; values above TOP (single folds, or the 2-fold curve at
    small lam) are drawn on the top edge, as the axis label says. Grey lines are the single
    folds. With freeze=True the parts that never move are rendered once into a background
    image. Views are memoized by (n_folds, log10_lam).
    """
    views = {}
    apply_layout(fig, LAYOUT)
    left, right = fig.subplots(1, 2)
    moving = _cv_panel(left, problem.lams) + _fit_panel(right, problem)
    if freeze:  # draw the static parts once, as a background image (the widget's fast path)
        freeze_background(fig, moving)

    def update(n_folds, log10_lam):
        key = (int(n_folds), float(log10_lam))
        if key not in views:
            views[key] = cv_explorer_update(problem, *key)
        _show_view(moving, views[key], n_folds, problem.lams)

    update(n_folds, log10_lam)
    return update


def draw_cv_explorer(fig, problem, n_folds, log10_lam):
    """Left: the validation curve (mean, +-1 SE band, each fold faintly). Right: the fits.

    A top-level figure is resized to ``LAYOUT.figsize`` (10.4 in x 4.4 in: projector-ready).

    Parameters
    ----------
    fig : matplotlib Figure or SubFigure, empty
    problem : CVExplorerProblem
    n_folds : int, 2 <= n_folds <= m
    log10_lam : float
        The fit panel shows lam = 10**log10_lam.

    Returns
    -------
    fig : the figure drawn on, with two Axes (validation curve, fits)
    """
    _as_problem(problem)
    _build_cv_explorer(fig, problem, n_folds, log10_lam)
    return fig


def cv_explorer(problem=None):
    """Sliders for the number of folds and log10 lam over the panels of `draw_cv_explorer`.

    The figure is built once; a move updates the artists in place (views are memoized).

    Parameters
    ----------
    problem : CVExplorerProblem, optional
        Default: ``make_cv_explorer_problem(0)``.

    Returns
    -------
    ipywidgets.VBox
        The two sliders above the figure.
    """
    import ipywidgets as widgets  # deferred: only the explorer needs a widget front end

    problem = make_cv_explorer_problem(0) if problem is None else _as_problem(problem)
    m = problem.x.size
    options = sorted({k for k in (2, 3, 5, 10, 20) if k < m} | {m})
    controls = {
        "n_folds": widgets.SelectionSlider(options=options, value=5 if 5 in options else m,
                                           description="folds K"),
        "log10_lam": widgets.FloatSlider(value=0.0, min=-6.0, max=3.0, step=0.25,
                                         description="log₁₀ λ"),
    }

    def setup(fig):
        return _build_cv_explorer(fig, problem, controls["n_folds"].value,
                                  controls["log10_lam"].value, freeze=True)

    return artist_explorer(setup, controls, figsize=LAYOUT.figsize)
