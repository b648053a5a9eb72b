"""Notebook 00's first explorer: a λ slider on a one-feature ridge fit."""

import numpy as np

from .._validation import as_lam, as_Xy
from ..linear.ridge import _ridge_fit
from .core import artist_explorer, freeze_background

__all__ = ["ridge_line", "draw_ridge_line", "ridge_line_explorer"]


def ridge_line(X, y, lam, n_points=50):
    """The ridge fit of a one-feature problem, evaluated on a grid spanning the data.

    Parameters
    ----------
    X : ndarray of shape (m, 1)
    y : ndarray of shape (m,)
    lam : float >= 0
    n_points : int

    Returns
    -------
    x_grid, y_grid : ndarray of shape (n_points,)
    w : float
    b : float
    """
    X, y = as_Xy(X, y)
    if X.shape[1] != 1:
        raise ValueError(f"X has shape {X.shape} but this explorer needs one feature, shape (m, 1)")
    w, b = _ridge_fit(X, y, as_lam(lam))
    pad = 0.1 * (X.max() - X.min() + 1.0)
    x_grid = np.linspace(X.min() - pad, X.max() + pad, n_points)
    return x_grid, w[0] * x_grid + b, float(w[0]), b


def draw_ridge_line(fig, X, y, lam):
    """Draw the data and the ridge line for one λ into `fig`.

    Parameters
    ----------
    fig : matplotlib Figure or SubFigure, empty
    X : ndarray of shape (m, 1)
    y : ndarray of shape (m,)
    lam : float >= 0

    Returns
    -------
    ax : the Axes drawn on (the fitted line is ``ax.lines[0]``)
    """
    x_grid, y_grid, w, b = ridge_line(X, y, lam)
    ax = fig.add_subplot()
    ax.scatter(X[:, 0], y, s=14, color="0.35", label="data", zorder=3)
    ax.plot(x_grid, y_grid, label=f"ridge fit: w = {w:.3f}, b = {b:.3f}")
    ax.axhline(np.mean(y), color="0.6", linestyle=":", label="mean of y")
    ax.set(title=f"Ridge fit with λ = {lam:g}", xlabel="x (the one feature)", ylabel="y (target)",
           ylim=(y.min() - 1.0, y.max() + 1.0))
    ax.legend(loc="upper left")
    return ax


def ridge_line_explorer(X, y, lam_max=200.0, lam=10.0):
    """A λ slider (0 to lam_max) on the ridge fit; returns the widget to display.

    The figure is `draw_ridge_line`'s, built once; a move only updates the line and the texts.

    Parameters
    ----------
    X : ndarray of shape (m, 1)
    y : ndarray of shape (m,)
    lam_max : float >= 0
        The slider's upper end.
    lam : float in [0, lam_max]
        The slider's starting value.

    Returns
    -------
    ipywidgets.VBox
        The slider above the figure.
    """
    import ipywidgets as widgets

    X, y = as_Xy(X, y)
    lam, lam_max = as_lam(lam), as_lam(lam_max, "lam_max")
    if lam > lam_max:
        raise ValueError(f"lam == {lam} is above lam_max == {lam_max}; the slider must start "
                         f"inside its range")
    slider = widgets.FloatSlider(value=lam, min=0.0, max=lam_max, step=1.0, description="λ",
                                 continuous_update=True)

    def setup(fig):
        ax = draw_ridge_line(fig, X, y, slider.value)
        fit_line, legend = ax.lines[0], ax.get_legend()
        fit_label = next(t for t in legend.get_texts() if t.get_text().startswith("ridge fit"))
        # axes, ticks, data and the mean line are drawn once (the legend is redrawn: it changes)
        freeze_background(fig, [fit_line, ax.title, legend])

        def update(lam):
            x_grid, y_grid, w, b = ridge_line(X, y, lam)
            fit_line.set_data(x_grid, y_grid)
            fit_label.set_text(f"ridge fit: w = {w:.3f}, b = {b:.3f}")
            ax.set_title(f"Ridge fit with λ = {lam:g}")

        return update

    return artist_explorer(setup, {"lam": slider}, figsize=(6.0, 3.6))
