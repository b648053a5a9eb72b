"""Explorer: a polynomial fit with sliders for its degree and for lam.

`polyfit_update` is the pure computation (tested directly); `plot_polyfit` draws one panel
(the static grid); `setup_polyfit_explorer` builds the widget's artists once and returns the
update that moves them; `polyfit_explorer` wires the sliders (fits cached per slider value).
"""

import numpy as np

from .._validation import as_array
from ..linear.losses import mse
from ..linear.polynomial import fit_poly_ridge
from ..plotting import get_ax
from .core import artist_explorer

__all__ = ["polyfit_update", "plot_polyfit", "setup_polyfit_explorer", "polyfit_explorer"]


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
    model = fit_poly_ridge(x_train, y_train, degree, lam)
    x_val = as_array(x_val, "x_val", ndim=1)
    if x_grid is None:
        lo = min(float(np.min(x_train)), float(np.min(x_val)))
        hi = max(float(np.max(x_train)), float(np.max(x_val)))
        x_grid = np.linspace(lo, hi, 200)
    x_grid = as_array(x_grid, "x_grid", ndim=1)
    return {"x_grid": x_grid, "curve": model.predict(x_grid),
            "train_mse": mse(np.asarray(y_train, float), model.predict(x_train)),
            "val_mse": mse(as_array(y_val, "y_val", ndim=1), model.predict(x_val))}


def plot_polyfit(x_train, y_train, x_val, y_val, degree, lam, ax=None, ylim=(-2.5, 2.5)):
    """One panel: training and validation points, the fitted curve, both errors in the title.

    Returns
    -------
    ax
    """
    result = polyfit_update(x_train, y_train, x_val, y_val, degree, lam)
    ax = get_ax(ax)
    ax.scatter(x_train, y_train, s=16, color="0.3", label="train", zorder=3)
    ax.scatter(x_val, y_val, s=16, facecolors="none", edgecolors="#d62728", label="validation",
               zorder=3)
    ax.plot(result["x_grid"], result["curve"], color="#1f77b4", label="fit")
    ax.set(ylim=ylim, xlabel="x", ylabel="y",
           title=f"degree {degree}, lam={lam:.2g}\ntrain MSE {result['train_mse']:.3f}, "
                 f"val MSE {result['val_mse']:.3f}")
    return ax


def setup_polyfit_explorer(fig, x_train, y_train, x_val, y_val, ylim=(-2.5, 2.5)):
    """Build the explorer's panel once on `fig`; return update(degree, lam).

    The points, axes, limits and legend are drawn here; update only moves the fitted curve
    and rewrites the title. Fits are cached per (degree, lam), so revisiting a slider value
    costs only the redraw.
    """
    x_val = as_array(x_val, "x_val", ndim=1)
    lo = min(float(np.min(x_train)), float(np.min(x_val)))
    hi = max(float(np.max(x_train)), float(np.max(x_val)))
    x_grid = np.linspace(lo, hi, 200)
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.14, top=0.85)
    ax = fig.add_subplot()
    ax.scatter(x_train, y_train, s=16, color="0.3", label="train", zorder=3)
    ax.scatter(x_val, y_val, s=16, facecolors="none", edgecolors="#d62728", label="validation",
               zorder=3)
    (line,) = ax.plot(x_grid, np.zeros_like(x_grid), color="#1f77b4", label="fit")
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
        ax.set_title(f"degree {key[0]}, lam={key[1]:.2g}\ntrain MSE {result['train_mse']:.3f}, "
                     f"val MSE {result['val_mse']:.3f}")

    return update


def polyfit_explorer(x_train, y_train, x_val, y_val, max_degree=15):
    """Sliders for degree (1..max_degree) and lam (log scale, 1e-6..1e3) over one panel.

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as widgets

    controls = {
        "degree": widgets.IntSlider(value=9, min=1, max=max_degree, description="degree"),
        "lam": widgets.FloatLogSlider(value=1e-6, base=10, min=-6, max=3, step=0.25,
                                      description="lam"),
    }
    return artist_explorer(
        lambda fig: setup_polyfit_explorer(fig, x_train, y_train, x_val, y_val), controls,
        figsize=(5.5, 3.6), ncols=2)
