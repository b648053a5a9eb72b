"""The course's figure style and the basic plots shared by several notebooks.

Nothing here runs at import: call `use_course_style()` once at the top of a notebook.
Every plot takes ``ax=None`` (a new figure is made) and returns the axes it drew on.
"""

from collections.abc import Mapping

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from ._validation import as_array, as_matrix, as_positive
from .linear.geometry import loss_grid, penalty_boundary
from .linear.ridge import ridge_closed_form

__all__ = ["COURSE_STYLE", "use_course_style", "get_ax", "plot_fit_1d", "plot_loss_curve",
           "plot_coefficients", "plot_geometry"]

COURSE_STYLE = {
    "figure.figsize": (6.0, 3.6),
    "figure.dpi": 80,  # small PNGs keep the stored notebooks light
    "savefig.dpi": 80,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "lines.linewidth": 1.8,
    "axes.prop_cycle": mpl.cycler(color=["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                         "#9467bd", "#8c564b", "#17becf"]),
}


def use_course_style():
    """Apply the course style to matplotlib (explicitly; importing helpers changes nothing)."""
    mpl.rcParams.update(COURSE_STYLE)


def get_ax(ax=None, **subplot_kw):
    """Return `ax`, or the axes of a new figure when ax is None."""
    if ax is None:
        _, ax = plt.subplots(subplot_kw=subplot_kw)
    return ax


def plot_fit_1d(x, y, curves, ax=None, title="Data and fitted curves", xlabel="x", ylabel="y"):
    """Scatter 1-D data and draw fitted curves.

    Parameters
    ----------
    x, y : ndarray of shape (m,)
        The data points.
    curves : dict
        label -> (x_grid, y_grid), each of shape (k,).
    ax : matplotlib Axes, optional

    Returns
    -------
    ax
    """
    x, y = as_array(x, "x", ndim=1), as_array(y, "y", ndim=1)
    if x.shape != y.shape:
        raise ValueError(f"x has shape {x.shape} but y has shape {y.shape}; they must match")
    if not isinstance(curves, Mapping):
        raise TypeError(f"curves must be a dict label -> (x_grid, y_grid), got "
                        f"{type(curves).__name__}")
    checked = {}
    for label, curve in curves.items():
        if not isinstance(curve, (tuple, list)) or len(curve) != 2:
            raise ValueError(f"curves[{label!r}] must be a pair (x_grid, y_grid)")
        x_grid = as_array(curve[0], f"curves[{label!r}][0]", ndim=1)
        y_grid = as_array(curve[1], f"curves[{label!r}][1]", ndim=1)
        if x_grid.shape != y_grid.shape:
            raise ValueError(f"curves[{label!r}] has x_grid of shape {x_grid.shape} but y_grid of "
                             f"shape {y_grid.shape}; they must match")
        checked[label] = (x_grid, y_grid)
    ax = get_ax(ax)
    ax.scatter(x, y, s=14, color="0.35", label="data", zorder=3)
    for label, (x_grid, y_grid) in checked.items():
        ax.plot(x_grid, y_grid, label=label)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend()
    return ax


def plot_loss_curve(losses, ax=None, label=None, title="Loss during gradient descent",
                    logy=True):
    """Plot J after each step (iteration 0 is the starting point).

    Parameters
    ----------
    losses : ndarray of shape (k,)
    ax : matplotlib Axes, optional
    label : str, optional
    logy : bool
        Log scale on the loss axis (the default: convergence is geometric).

    Returns
    -------
    ax
    """
    losses = np.asarray(losses, dtype=float)
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"losses has shape {losses.shape} but must be a non-empty 1-D array")
    ax = get_ax(ax)
    ax.plot(np.arange(losses.size), losses, label=label)
    if logy:
        ax.set_yscale("log")
    ax.set(title=title, xlabel="iteration", ylabel="J(w, b)")
    if label is not None:
        ax.legend()
    return ax


def plot_coefficients(coefs, feature_names=None, ax=None, title="Fitted coefficients"):
    """Grouped bars of coefficient vectors.

    Parameters
    ----------
    coefs : dict
        label -> ndarray of shape (n,), all the same n.
    feature_names : sequence of str, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    ax
    """
    if not isinstance(coefs, Mapping):
        raise TypeError(f"coefs must be a dict label -> weight vector, got {type(coefs).__name__}")
    vectors = {label: as_array(w, f"coefs[{label!r}]", ndim=1) for label, w in coefs.items()}
    sizes = {w.shape[0] for w in vectors.values()}
    if len(sizes) != 1:
        raise ValueError(f"coefs has vectors of lengths {sorted(sizes)}; they must all match")
    n = sizes.pop()
    names = [f"w{j + 1}" for j in range(n)] if feature_names is None else list(feature_names)
    ax = get_ax(ax)
    width = 0.8 / len(vectors)
    for k, (label, w) in enumerate(vectors.items()):
        ax.bar(np.arange(n) + (k - (len(vectors) - 1) / 2) * width, w, width, label=label)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(np.arange(n), names)
    ax.set(title=title, ylabel="coefficient")
    ax.legend()
    return ax


def plot_geometry(X, y, w, budget, kind="l2", rho=0.5, w_ols=None, ax=None, extent=None,
                  n_grid=121):
    """Loss contours, the region P(w) <= budget, and the solution w on it.

    The contour through w is drawn in red: at the solution it touches the region.

    Parameters
    ----------
    X : ndarray of shape (m, 2) ; y : ndarray of shape (m,)
    w : ndarray of shape (2,)
        The constrained (equivalently, penalized) solution to mark.
    budget : float > 0
    kind, rho : the penalty (see `penalty`)
    w_ols : ndarray of shape (2,), optional
        The unpenalized solution to mark.
    ax : matplotlib Axes, optional
    extent : float, optional
        Half-width of the plotted square (default: fits w_ols).
    n_grid : int

    Returns
    -------
    ax
    """
    X = as_matrix(X)
    w = as_array(w, "w", ndim=1)
    ols = ridge_closed_form(X, y, 0.0)[0] if w_ols is None else as_array(w_ols, "w_ols", ndim=1)
    extent = 1.25 * float(np.abs(ols).max()) if extent is None else as_positive(extent, "extent")
    grid = np.linspace(-extent, extent, n_grid)
    J = loss_grid(X, y, grid, grid)
    levels = np.quantile(J, [0.002, 0.01, 0.03, 0.07, 0.13, 0.22, 0.35, 0.55])
    ax = get_ax(ax)
    ax.contour(grid, grid, J, levels=np.unique(levels), colors="0.55", linewidths=0.8)
    # the contour through the solution: it touches the region there (penalized <=> constrained)
    J_w = loss_grid(X, y, w[:1], w[1:])[0, 0]
    if J_w > J.min():
        ax.contour(grid, grid, J, levels=[J_w], colors="#d62728", linewidths=1.0)
    edge = penalty_boundary(budget, kind, rho)
    ax.fill(edge[:, 0], edge[:, 1], color="#1f77b4", alpha=0.25, label=f"{kind} region")
    ax.plot(*ols, "k+", markersize=10, label="least squares")
    ax.plot(*w, "o", color="#d62728", label="constrained solution")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set(xlim=(-extent, extent), ylim=(-extent, extent), xlabel="$w_1$", ylabel="$w_2$",
           title=f"{kind}: budget P(w) <= {budget:.3g}", aspect="equal")
    return ax
