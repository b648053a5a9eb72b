"""Explorer: one lam slider over a polynomial ridge fit, its coefficients and its errors.

The model is a degree-`degree` polynomial in standardized powers of x (`helpers.polynomial`),
fitted by J(w, b) = 1/(2m) ||Z w + b - y||^2 + lam/(2m) ||w||^2 (bias not penalized).
Training and validation errors over a grid of lam are computed once in
`make_lambda_fit_problem`; `lambda_fit_update` (pure, tested in
tests/test_widgets_lambda_fit.py) fits one lam; `draw_lambda_fit` draws the three panels, and
`lambda_fit_explorer` builds them once and moves only the artists on each slider change.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_int, as_lam, as_rng
from ..data import _POLY_COEFS, _POLY_RANGE, _check_poly_data, _make_poly_data, train_val_test_split
from ..linear.polynomial import _errors, _fit_poly, _lam_sweep
from .core import (
    Layout,
    _plain_ticks,
    apply_layout,
    artist_explorer,
    decade_label,
    freeze_background,
)

__all__ = ["LambdaFitProblem", "make_lambda_fit_problem", "lambda_fit_update", "draw_lambda_fit",
           "lambda_fit_explorer"]


@dataclass(frozen=True)
class LambdaFitProblem:
    """A small 1-D regression problem with its validation curve precomputed.

    Attributes
    ----------
    x_train, y_train : ndarray of shape (m_train,)
    x_val, y_val : ndarray of shape (m_val,)
    degree : int
    lams : ndarray of shape (k,)
        The grid of lam (log-spaced).
    train_mse, val_mse : ndarray of shape (k,)
        Errors of the fit at each lam of the grid.
    x_grid : ndarray of shape (200,)
        Where the fitted curve is drawn.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    degree: int
    lams: np.ndarray
    train_mse: np.ndarray
    val_mse: np.ndarray
    x_grid: np.ndarray


def make_lambda_fit_problem(rng, m=40, degree=9, noise=0.3, lams=None):
    """Draw `make_poly_data` samples, split them 70/30 and sweep lam once.

    Parameters
    ----------
    rng : numpy Generator or int seed
    m : int >= 10
        Number of samples before the split.
    degree : int >= 1
        Degree of the polynomial model.
    noise : float >= 0
        Standard deviation of the noise on y.
    lams : ndarray of shape (k,), optional
        Grid of lam > 0; np.logspace(-4, 3, 36) by default.

    Returns
    -------
    LambdaFitProblem
    """
    rng, m = as_rng(rng), as_int(m, "m", minimum=10)
    degree = as_int(degree, "degree", minimum=1)
    coefs, noise, bounds = _check_poly_data(_POLY_COEFS, noise, _POLY_RANGE)
    lams = np.logspace(-4, 3, 36) if lams is None else as_array(lams, "lams", ndim=1)
    if lams.size == 0 or np.any(lams <= 0):
        raise ValueError("lams must be a non-empty grid of values > 0, e.g. np.logspace(-4, 3, 36)")
    x, y = _make_poly_data(m, rng, coefs, noise, bounds)
    x_train, x_val, _, y_train, y_val, _ = train_val_test_split(x, y, rng, val=0.3, test=0.0)
    train_err, val_err = _lam_sweep(x_train, y_train, x_val, y_val, degree, lams)
    return LambdaFitProblem(x_train=x_train, y_train=y_train, x_val=x_val, y_val=y_val,
                            degree=degree, lams=lams, train_mse=train_err, val_mse=val_err,
                            x_grid=np.linspace(-1.0, 1.0, 200))


def _as_problem(problem):
    if not isinstance(problem, LambdaFitProblem):
        raise TypeError(f"problem must be a LambdaFitProblem (from make_lambda_fit_problem), "
                        f"got {type(problem).__name__}")


def lambda_fit_update(problem, lam):
    """Fit at one lam: the curve on problem.x_grid, the weights and both errors.

    Parameters
    ----------
    problem : LambdaFitProblem
    lam : float >= 0

    Returns
    -------
    dict
        y_grid : ndarray of shape (200,), the fit on problem.x_grid; w : ndarray of shape
        (degree,); b : float; train_mse, val_mse : float; lam : float.
    """
    _as_problem(problem)  # its fields were checked by make_lambda_fit_problem
    lam = as_lam(lam)
    model = _fit_poly(problem.x_train, problem.y_train, problem.degree, lam)
    train_mse, val_mse = _errors(model, problem.x_train, problem.y_train, problem.x_val,
                                 problem.y_val)
    return {"y_grid": model._predict(problem.x_grid), "w": model.w, "b": model.b, "lam": lam,
            "train_mse": train_mse, "val_mse": val_mse}


def _coef_limit(problem):
    """A fixed bound for the coefficient axis: the largest |w_j| over the lam grid, plus 10%."""
    largest = max(float(np.max(np.abs(lambda_fit_update(problem, lam)["w"])))
                  for lam in problem.lams)
    return 1.1 * largest


def _decades(lo, hi):
    """Every power of 10 between lo and hi (both > 0)."""
    return 10.0 ** np.arange(np.ceil(np.log10(lo) - 1e-9), np.floor(np.log10(hi) + 1e-9) + 1)


# The figure as data: its size and margins, then each panel's fixed limits, labels and ticks.
LAYOUT = Layout(figsize=(10.4, 3.4), font=11.0, title=12.0,
                margins={"left": 0.06, "right": 0.985, "bottom": 0.17, "top": 0.88,
                         "wspace": 0.36})
FIT_PANEL = {"xlim": (-1.05, 1.05), "ylim": (-2.5, 2.5), "xlabel": "x", "ylabel": "y",
             "xticks": (-1.0, 0.0, 1.0), "yticks": (-2.0, 0.0, 2.0), "legend": "lower left"}
COEF_PANEL = {"xlabel": "power of x", "ylabel": "coefficient (symlog)", "title": "Coefficients",
              "linthresh": 1e-2, "legend": None}
ERROR_PANEL = {"xlabel": "λ (log scale)", "ylabel": "MSE (log scale)", "legend": "upper left"}


def _fit_panel(ax, problem):
    """Data points and the fitted curve; returns the curve (moved on every update)."""
    # markers drawn as Line2D (one fast marker pass) rather than scatter collections
    ax.plot(problem.x_train, problem.y_train, "o", markersize=3.7, color="0.3", label="train")
    ax.plot(problem.x_val, problem.y_val, "x", markersize=4.5, color="C1", label="validation")
    (fit_line,) = ax.plot(problem.x_grid, 0 * problem.x_grid, color="C0", label="fit")
    ax.set(xlim=FIT_PANEL["xlim"], ylim=FIT_PANEL["ylim"], xlabel=FIT_PANEL["xlabel"],
           ylabel=FIT_PANEL["ylabel"])
    _plain_ticks(ax.xaxis, FIT_PANEL["xticks"])
    _plain_ticks(ax.yaxis, FIT_PANEL["yticks"])
    ax.legend(loc=FIT_PANEL["legend"], fontsize=LAYOUT.font)
    return fit_line


def _coef_panel(ax, problem):
    """Coefficient bars on a fixed symmetric-log axis; returns the bars (heights move)."""
    powers = np.arange(1, problem.degree + 1)
    bars = ax.bar(powers, np.zeros(problem.degree), color="C2")
    ax.axhline(0, color="black", linewidth=0.8)
    limit = _coef_limit(problem)
    ax.set_yscale("symlog", linthresh=COEF_PANEL["linthresh"])
    ax.set(xlabel=COEF_PANEL["xlabel"], ylabel=COEF_PANEL["ylabel"], title=COEF_PANEL["title"],
           xlim=(0.4, problem.degree + 0.6), ylim=(-limit, limit))
    _plain_ticks(ax.xaxis, powers[::2] if problem.degree > 5 else powers)
    positive = 10.0 ** np.arange(-2, np.floor(np.log10(limit)) + 1)[::-1][::2][::-1]
    _plain_ticks(ax.yaxis, np.concatenate([-positive[::-1], [0.0], positive]))
    return bars


def _error_panel(ax, problem):
    """Both error curves against λ with a tick at every decade; returns the marker pair."""
    ax.loglog(problem.lams, problem.train_mse, color="C0", label="train")
    ax.loglog(problem.lams, problem.val_mse, color="C1", linestyle="--", label="validation")
    errors = np.concatenate([problem.train_mse, problem.val_mse])
    ax.set(xlim=(problem.lams[0], problem.lams[-1]),
           ylim=(0.8 * errors.min(), 1.25 * errors.max()), xlabel=ERROR_PANEL["xlabel"],
           ylabel=ERROR_PANEL["ylabel"])
    _plain_ticks(ax.xaxis, _decades(problem.lams[0], problem.lams[-1]), decade_label)
    err_ticks = _decades(*ax.get_ylim())
    if err_ticks.size < 2:  # less than a decade of error: ticks at round values inside it
        err_ticks = np.unique(np.round(np.geomspace(*ax.get_ylim(), 4), 2))
    _plain_ticks(ax.yaxis, err_ticks)
    (markers,) = ax.plot([], [], "ko", markersize=5, label="at the current λ")
    ax.legend(loc=ERROR_PANEL["legend"], fontsize=LAYOUT.font)
    return markers


def _build_lambda_fit(fig, problem, lam, freeze=False):
    """Draw the three panels for one lam and return update(lam), which moves the artists only.

    The layout and each panel's limits come from LAYOUT and the *_PANEL dicts; update changes
    the fitted curve, the bar heights, the two markers and the titles.
    """
    apply_layout(fig, LAYOUT)
    ax_fit, ax_w, ax_err = fig.subplots(1, 3)
    fit_line, bars, markers = _fit_panel(ax_fit, problem), _coef_panel(ax_w, problem), \
        _error_panel(ax_err, problem)
    for ax in (ax_fit, ax_w, ax_err):
        ax.grid(False)  # fewer artists to draw on every slider move

    def update(lam):
        state = lambda_fit_update(problem, lam)
        fit_line.set_ydata(state["y_grid"])
        for bar, height in zip(bars, state["w"]):
            bar.set_height(height)
        shown = max(lam, problem.lams[0])
        markers.set_data([shown, shown], [state["train_mse"], state["val_mse"]])
        ax_err.set_title(f"train {state['train_mse']:.3f}, validation {state['val_mse']:.3f}",
                         fontsize=LAYOUT.title)
        ax_fit.set_title(f"Degree-{problem.degree} fit, λ = {lam:.3g}", fontsize=LAYOUT.title)

    update(lam)
    if freeze:  # the live explorer: static parts drawn once, pasted back on every move
        freeze_background(fig, [fit_line, *bars, markers, ax_err.title, ax_fit.title])
    return update


def draw_lambda_fit(fig, problem, lam):
    """Three panels for one lam: the fit, the coefficient bars, the error curves with a marker.

    A top-level figure is resized to ``LAYOUT.figsize`` (10.4 in x 3.4 in: projector-ready).

    Parameters
    ----------
    fig : matplotlib Figure or SubFigure, empty
    problem : LambdaFitProblem
    lam : float >= 0

    Returns
    -------
    fig : the figure drawn on, with three Axes (fit, coefficients, errors)
    """
    _as_problem(problem)
    _build_lambda_fit(fig, problem, lam)
    return fig


def lambda_fit_explorer(problem):
    """A slider labelled log₁₀ λ over the panels of `draw_lambda_fit` (display the returned box).

    The figure is built once; a move refits one lam and updates the artists in place.

    Parameters
    ----------
    problem : LambdaFitProblem
        The slider spans log10 of problem.lams[0] .. problem.lams[-1].

    Returns
    -------
    ipywidgets.VBox
        The slider above the figure.
    """
    _as_problem(problem)
    import ipywidgets as widgets

    lo, hi = np.log10(problem.lams[0]), np.log10(problem.lams[-1])
    slider = widgets.FloatSlider(value=0.0, min=lo, max=hi, step=0.1, description="log₁₀ λ")

    def setup(fig):
        update = _build_lambda_fit(fig, problem, 10.0**slider.value, freeze=True)
        return lambda log10_lam: update(10.0**log10_lam)

    return artist_explorer(setup, {"log10_lam": slider}, figsize=LAYOUT.figsize)
