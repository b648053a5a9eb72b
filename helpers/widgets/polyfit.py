"""Explorer: a polynomial fit with sliders for its degree and for λ (code: `lam`).

`polyfit_update` is the pure computation (tested directly); `lam_slider_options` lists the λ
slider's positions (0, then a log grid); `plot_polyfit` draws one panel (the static grid);
`setup_polyfit_explorer` builds the widget's artists once and returns the update that moves them;
`polyfit_explorer` wires the sliders (fits cached per slider value).

Colors come from the course cycle (`C0`, `C1`, ...), so the shared style decides them.
"""

import numpy as np

from .._validation import as_array, as_int, as_lam
from ..linear.losses import mse
from ..linear.polynomial import _check_xy, _fit_poly
from ..plotting import get_ax
from .core import artist_explorer

__all__ = ["polyfit_update", "lam_slider_options", "polyfit_title", "plot_polyfit",
           "setup_polyfit_explorer", "polyfit_explorer"]


def polyfit_update(x_train, y_train, x_val, y_val, degree, lam, x_grid=None):
    """Fit degree/lam and return what the panel shows.

    Parameters
    ----------
    x_train, y_train : ndarray of shape (m_train,)
    x_val, y_val : ndarray of shape (m_val,)
    degree : int >= 1
    lam : float >= 0
    x_grid : ndarray of shape (k,), optional
        Where to draw the curve (default: 200 points over the range of the data).

    Returns
    -------
    dict with keys 'x_grid', 'curve' (shape (k,)), 'train_mse', 'val_mse' (floats)
    """
    x_train, y_train = _check_xy(x_train, y_train)
    model = _fit_poly(x_train, y_train, as_int(degree, "degree", minimum=1), as_lam(lam))
    x_val = as_array(x_val, "x_val", ndim=1)
    if x_grid is None:
        lo = min(float(np.min(x_train)), float(np.min(x_val)))
        hi = max(float(np.max(x_train)), float(np.max(x_val)))
        x_grid = np.linspace(lo, hi, 200)
    x_grid = as_array(x_grid, "x_grid", ndim=1)
    # mse (helpers.linear.losses) has no private twin; it also checks y_val against x_val
    return {"x_grid": x_grid, "curve": model._predict(x_grid),
            "train_mse": mse(y_train, model._predict(x_train)),
            "val_mse": mse(as_array(y_val, "y_val", ndim=1), model._predict(x_val))}


def lam_slider_options(lo_exp=-6, hi_exp=3, per_decade=2):
    """The λ slider's positions: an explicit 0 first, then a log grid 10**lo_exp .. 10**hi_exp.

    A log slider alone cannot reach λ = 0 (plain least squares), which is the fit a learner
    most needs to compare with; this list starts there.

    Parameters
    ----------
    lo_exp, hi_exp : float
        Exponents of the smallest and largest positive λ (hi_exp > lo_exp).
    per_decade : int >= 1
        Positions per factor of 10.

    Returns
    -------
    list of (label, value) pairs
        Of length (hi_exp - lo_exp) * per_decade + 2; value of type float; labels read "0",
        "1e-06", ..., "1000".
    """
    if not (isinstance(per_decade, int) and per_decade >= 1):
        raise ValueError(f"per_decade == {per_decade!r}, must be an int >= 1")
    if not hi_exp > lo_exp:
        raise ValueError(f"hi_exp == {hi_exp} must be above lo_exp == {lo_exp}")
    n_steps = int(round((hi_exp - lo_exp) * per_decade))
    values = [10.0 ** (lo_exp + k / per_decade) for k in range(n_steps + 1)]
    return [("0", 0.0)] + [(f"{v:.3g}" if v < 1000 else f"{v:.0f}", v) for v in values]


def polyfit_title(degree, lam, train_mse, val_mse):
    """The panel's title: the setting, then both errors (the notation of the course).

    Parameters
    ----------
    degree : int
    lam : float
    train_mse, val_mse : float

    Returns
    -------
    str
        Two lines: 'degree 9, λ = 0; MSE:' over 'train 0.010, validation 0.200'.
    """
    return (f"degree {degree}, λ = {lam:.2g}; MSE:\ntrain {train_mse:.3f}, "
            f"validation {val_mse:.3f}")


def _draw_points(ax, x_train, y_train, x_val, y_val):
    """Training points filled (C0), validation points hollow (C1): two marker kinds, one legend."""
    ax.scatter(x_train, y_train, s=18, color="C0", marker="o", label="training points", zorder=3)
    ax.scatter(x_val, y_val, s=22, facecolors="none", edgecolors="C1", marker="s",
               label="validation points", zorder=3)


def plot_polyfit(x_train, y_train, x_val, y_val, degree, lam, ax=None, ylim=(-2.5, 2.5),
                 legend=False):
    """One panel: training and validation points, the fitted curve, both errors in the title.

    Parameters
    ----------
    x_train, y_train : ndarray of shape (m_train,)
    x_val, y_val : ndarray of shape (m_val,)
    degree : int >= 1
    lam : float >= 0
    ax : matplotlib Axes, optional
        A new figure when None.
    ylim : (float, float)
        Limits of the y axis.
    legend : bool
        Draw the panel's own legend; a grid of panels shares one (see notebook 01).

    Returns
    -------
    ax : the Axes drawn on
    """
    result = polyfit_update(x_train, y_train, x_val, y_val, degree, lam)
    ax = get_ax(ax)
    _draw_points(ax, x_train, y_train, x_val, y_val)
    ax.plot(result["x_grid"], result["curve"], color="C2", linestyle="-", label="fitted curve")
    ax.set(ylim=ylim, xlabel="x", ylabel="y",
           title=polyfit_title(degree, lam, result["train_mse"], result["val_mse"]))
    if legend:
        ax.legend(loc="lower left")
    return ax


def setup_polyfit_explorer(fig, x_train, y_train, x_val, y_val, ylim=(-2.5, 2.5)):
    """Build the explorer's panel once on `fig`; return update(degree, lam).

    The points, axes, limits and legend are drawn here; update only moves the fitted curve
    and rewrites the title. Fits are cached per (degree, lam), so revisiting a slider value
    costs only the redraw.

    Parameters
    ----------
    fig : matplotlib Figure, empty
    x_train, y_train : ndarray of shape (m_train,)
    x_val, y_val : ndarray of shape (m_val,)
    ylim : (float, float)
        Limits of the y axis.

    Returns
    -------
    update : callable
        update(degree, lam) moves the fitted curve and rewrites the title.
    """
    x_val = as_array(x_val, "x_val", ndim=1)
    lo = min(float(np.min(x_train)), float(np.min(x_val)))
    hi = max(float(np.max(x_train)), float(np.max(x_val)))
    x_grid = np.linspace(lo, hi, 200)
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.14, top=0.85)
    ax = fig.add_subplot()
    _draw_points(ax, x_train, y_train, x_val, y_val)
    (line,) = ax.plot(x_grid, np.zeros_like(x_grid), color="C2", linestyle="-",
                      label="fitted curve")
    ax.set(xlim=(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)), ylim=ylim, xlabel="x",
           ylabel="y")
    ax.legend(loc="lower left")
    cache = {}

    def update(degree, lam):
        key = (int(degree), float(lam))
        if key not in cache:
            cache[key] = polyfit_update(x_train, y_train, x_val, y_val, key[0], key[1], x_grid)
        result = cache[key]
        line.set_ydata(result["curve"])
        ax.set_title(polyfit_title(key[0], key[1], result["train_mse"], result["val_mse"]))

    return update


def polyfit_explorer(x_train, y_train, x_val, y_val, max_degree=15, lam=0.0):
    """Sliders for the degree (1..max_degree) and λ (0, then 1e-6..1e3 on a log grid).

    Parameters
    ----------
    x_train, y_train : ndarray of shape (m_train,)
    x_val, y_val : ndarray of shape (m_val,)
    max_degree : int >= 1
        The degree slider's upper end.
    lam : float
        The λ slider's starting position (0 or one of `lam_slider_options`).

    Returns
    -------
    ipywidgets.VBox
        The two sliders above the figure.
    """
    import ipywidgets as widgets

    options = lam_slider_options()
    values = [v for _, v in options]
    if float(lam) not in values:
        raise ValueError(f"lam == {lam} is not a slider position; use 0 or one of "
                         f"{values[1]:g}, {values[2]:g}, ..., {values[-1]:g}")
    controls = {
        "degree": widgets.IntSlider(value=9, min=1, max=max_degree, description="degree"),
        "lam": widgets.SelectionSlider(options=options, value=float(lam), description="λ"),
    }
    return artist_explorer(
        lambda fig: setup_polyfit_explorer(fig, x_train, y_train, x_val, y_val), controls,
        figsize=(5.5, 3.6), ncols=2)
