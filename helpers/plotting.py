"""The course's figure style and the basic plots shared by several notebooks.

Nothing here runs at import: call `use_course_style()` once at the top of a notebook.
Every plot takes ``ax=None`` (a new figure is made) and returns the axes it drew on.

The style is made for projection (issue 12):

- **Color-blind-safe cycle.** The Okabe & Ito (2008) colors, ordered so that the first ones
  stay far apart under simulated deuteranopia and protanopia (Machado et al. 2009, severity 1):
  the smallest CIELAB distance between any two of the first 4 colors is about 52 under both, of
  the first 5 about 25 (tests/test_plotting.py measures it; the old cycle scored 7 at 3 colors:
  its red and green merge). Yellow is left out: it vanishes on a white background.
- **Line styles.** Each color comes with its own line style, so the curves also differ in
  grayscale prints. There are no markers in the cycle: on a line of 500 points they would merge
  into a thick smear, and a cycled ``markevery`` would silently hide points of ``plot(x, y, "o")``.
  For a figure whose lines cross a lot, call `add_markers(ax)`: it places a distinct marker at
  evenly spaced positions along each line.
- **Fonts for a slide.** A default figure is 6.4 in x 3.6 in (16:9) at 100 dpi (640 x 360 px in
  the notebook). A 1280 x 720 slide is 13.33 in x 7.5 in at 96 px/in, so a default figure that
  fills it is magnified 13.33 / 6.4 = 2.08 times; the smallest text (ticks and legends, 11 pt)
  then shows as 23 pt, the axis labels (12 pt) as 25 pt. Any figure up to 10.4 in wide and 5.8 in
  tall keeps its smallest text at 14 pt or more when it fills the slide
  (`slide_font_scale` computes this for a given figure size).
"""

from collections.abc import Mapping

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from ._validation import as_array, as_int, as_positive
from .linear.geometry import (
    _BOUNDARY_POINTS,
    _check_kind,
    _check_plane,
    _loss_grid,
    _penalty_boundary,
)
from .linear.ridge import _ridge_fit

__all__ = ["COURSE_COLORS", "COURSE_LINESTYLES", "COURSE_MARKERS", "COURSE_STYLE", "KIND_NAMES",
           "SLIDE_SIZE_IN", "use_course_style", "slide_font_scale", "add_markers", "get_ax",
           "plot_fit_1d", "plot_loss_curve", "plot_coefficients", "plot_geometry"]

# Okabe & Ito (2008), "Color Universal Design": blue, orange, black, bluish green, sky blue,
# vermillion, reddish purple. The order maximises the smallest deuteranopia/protanopia distance
# of the first colors (see the module docstring and tests/test_plotting.py).
COURSE_COLORS = ("#0072B2", "#E69F00", "#000000", "#009E73", "#56B4E9", "#D55E00", "#CC79A7")
COURSE_LINESTYLES = ("-", "--", ":", "-.", (0, (6, 1.5, 1, 1.5, 1, 1.5)), (0, (8, 2)),
                     (0, (1, 1)))
COURSE_MARKERS = ("o", "s", "^", "D", "v", "P", "X")

# A 1280 x 720 slide (reveal.js, PowerPoint 16:9) is 13.33 in x 7.5 in at 96 px per inch.
SLIDE_SIZE_IN = (1280 / 96, 720 / 96)

COURSE_STYLE = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,  # 640 x 360 px in the notebook: sharp, and stored PNGs stay small
    "savefig.dpi": 100,
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "legend.title_fontsize": 11,
    "figure.titlesize": 14,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "lines.markersize": 6,
    "image.cmap": "viridis",
    "axes.prop_cycle": mpl.cycler(color=list(COURSE_COLORS), linestyle=list(COURSE_LINESTYLES)),
}


def use_course_style():
    """Apply the course style to matplotlib (explicitly; importing helpers changes nothing).

    Call it once at the top of a notebook. To use it for one figure only, write
    ``with plt.rc_context(COURSE_STYLE): ...`` instead.

    Returns
    -------
    None
    """
    mpl.rcParams.update(COURSE_STYLE)


def slide_font_scale(figsize, slide=SLIDE_SIZE_IN):
    """How much a figure of `figsize` (inches) is magnified when scaled to fill the slide.

    A font of s pt in the figure shows as ``s * slide_font_scale(figsize)`` pt on the slide.

    Parameters
    ----------
    figsize : (float, float)
        Figure width and height in inches.
    slide : (float, float)
        Slide width and height in inches (default: 1280 x 720 px at 96 px per inch).

    Returns
    -------
    float
    """
    width, height = (as_positive(v, "figsize") for v in figsize)
    return min(slide[0] / width, slide[1] / height)


def add_markers(ax, n_markers=10):
    """Give each line of `ax` a distinct marker, about `n_markers` evenly spaced along it.

    For figures whose curves cross often (color and line style alone may not be enough).
    Lines that already have a marker are left alone. Call it before ``ax.legend()``, so that the
    legend shows the markers.

    Parameters
    ----------
    ax : matplotlib Axes
    n_markers : int
        Approximate number of markers per line (spaced evenly in display distance).

    Returns
    -------
    ax
    """
    every = 1.0 / as_int(n_markers, "n_markers", minimum=1)  # a fraction of the line's length
    k = 0
    for line in ax.get_lines():
        if line.get_marker() not in (None, "None", "", " ") or len(line.get_xdata()) < 2:
            continue
        line.set_marker(COURSE_MARKERS[k % len(COURSE_MARKERS)])
        line.set_markevery(every)
        k += 1
    return ax


def get_ax(ax=None, **subplot_kw):
    """Return `ax`, or the axes of a new figure when ax is None.

    Parameters
    ----------
    ax : matplotlib Axes, optional
    **subplot_kw
        Passed to ``plt.subplots(subplot_kw=...)`` when a new figure is made.

    Returns
    -------
    ax : matplotlib Axes
    """
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
    title, xlabel, ylabel : str
        Axes title and labels.

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
    ax.scatter(x, y, s=18, color="0.45", label="data", zorder=3)
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
        Legend label of the curve (no legend when None).
    title : str
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
    ax.set(title=title, xlabel="iteration $t$", ylabel="$J(w, b)$")
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
        Tick labels (default $w_1$, ..., $w_n$).
    ax : matplotlib Axes, optional
    title : str

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
    names = [f"$w_{{{j + 1}}}$" for j in range(n)] if feature_names is None else list(feature_names)
    ax = get_ax(ax)
    width = 0.8 / len(vectors)
    for k, (label, w) in enumerate(vectors.items()):
        ax.bar(np.arange(n) + (k - (len(vectors) - 1) / 2) * width, w, width, label=label)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(np.arange(n), names)
    ax.set(title=title, ylabel="coefficient")
    ax.legend()
    return ax


# the penalty kinds as figures name them (one notation: L1/L2, never l1/l2)
KIND_NAMES = {"l2": "L2", "l1": "L1", "elastic": "elastic net"}
_REGION_COLOR, _TOUCH_COLOR = COURSE_COLORS[0], COURSE_COLORS[5]  # blue region, vermillion touch


def plot_geometry(X, y, w, budget, kind="l2", rho=0.5, w_ols=None, ax=None, extent=None,
                  n_grid=121):
    """Loss contours, the region P(w) <= B (B = `budget`), and the solution w on it.

    The contour through w (vermillion) touches the region at the solution: penalized and
    constrained forms give the same w. Every element has a legend label; call ``ax.legend()``.

    Note on comparing panels: B is measured in each penalty's own units (P(w) = ½‖w‖² for L2,
    ‖w‖₁ for L1), so the same B draws regions of different sizes (for B = 0.8: a disc of radius
    √1.6 ≈ 1.26 but a diamond reaching 0.8 on each axis). Equal B does not mean equal strength.

    Parameters
    ----------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
    w : ndarray of shape (2,)
        The constrained (equivalently, penalized) solution to mark.
    budget : float > 0
        The budget B of the constrained form.
    kind, rho : the penalty (see `penalty`): 'l2', 'l1' or 'elastic' with L1 share rho.
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
    X, y = _check_plane(X, y)
    w = as_array(w, "w", ndim=1)
    ols = _ridge_fit(X, y, 0.0)[0] if w_ols is None else as_array(w_ols, "w_ols", ndim=1)
    extent = 1.25 * float(np.abs(ols).max()) if extent is None else as_positive(extent, "extent")
    share, budget = _check_kind(kind, rho), as_positive(budget, "budget")
    grid = np.linspace(-extent, extent, n_grid)
    J = _loss_grid(X, y, grid, grid)
    levels = np.quantile(J, [0.002, 0.01, 0.03, 0.07, 0.13, 0.22, 0.35, 0.55])
    ax = get_ax(ax)
    name = KIND_NAMES.get(kind, str(kind))
    ax.contour(grid, grid, J, levels=np.unique(levels), colors="0.6", linewidths=0.8)
    ax.plot([], [], color="0.6", linewidth=0.8, linestyle="-", label="loss contours")
    # the contour through the solution: it touches the region there (penalized <=> constrained)
    J_w = _loss_grid(X, y, w[:1], w[1:])[0, 0]
    if J_w > J.min():
        ax.contour(grid, grid, J, levels=[J_w], colors=_TOUCH_COLOR, linewidths=1.6,
                   linestyles="--")
        ax.plot([], [], color=_TOUCH_COLOR, linewidth=1.6, linestyle="--",
                label="contour touching the region")
    edge = _penalty_boundary(budget, share, _BOUNDARY_POINTS)
    ax.fill(edge[:, 0], edge[:, 1], color=_REGION_COLOR, alpha=0.25,
            label=f"{name} region P(w) ≤ B")
    ax.plot(*ols, "k+", markersize=12, markeredgewidth=2, label="least squares")
    ax.plot(*w, "o", color=_TOUCH_COLOR, markersize=8, label="constrained solution")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set(xlim=(-extent, extent), ylim=(-extent, extent), xlabel="$w_1$", ylabel="$w_2$",
           title=f"{name}: budget B = {budget:.3g}", aspect="equal")
    return ax
