"""Explorer: loss contours and the L2 disk / L1 diamond / elastic-net region as lam changes.

`geometry_update` is the pure computation (tested directly); `plot_geometry_lam` draws one
panel (static figures); `setup_geometry_explorer` builds the widget's artists once (contours,
region, solution) and returns the update that moves them; `geometry_explorer` wires a lam
slider and a penalty choice. The contour through the solution is an exact ellipse
(`touching_contour`), so no contouring happens on a slider move.
"""

import numpy as np

from .._validation import as_array, as_int, as_lam, as_Xy, centered
from ..linear.geometry import (
    _BOUNDARY_POINTS,
    PENALTY_KINDS,
    _check_kind,
    _check_plane,
    _loss_grid,
    _penalized,
    _penalty,
    _penalty_boundary,
)
from ..linear.ridge import _ridge_fit
from ..plotting import KIND_NAMES, get_ax, plot_geometry
from .core import artist_explorer

__all__ = ["geometry_update", "touching_contour", "plot_geometry_lam",
           "setup_geometry_explorer", "geometry_explorer", "geometry_title", "KIND_NAMES"]

# KIND_NAMES (figures write L1/L2, never l1/l2) is helpers.plotting's, re-exported here for the
# notebooks. The colors are `plot_geometry`'s: the region in the first color of the course
# cycle, the touching contour and the solution in the sixth (vermillion), so the static panels
# and the explorer look alike.
_REGION, _TOUCH = "C0", "C5"
_TITLE_PT, _LEGEND_PT = 11, 11  # projector-ready: at least 11 pt (helpers.plotting)
_CONTOUR_POINTS = 200  # points of the touching contour (`touching_contour`)


def geometry_title(kind, lam, w, n_zero):
    """'L1, λ = 10' over 'w = (0.80, 0.00), 1 weight exactly 0' (the two-line panel title).

    Parameters
    ----------
    kind : {'l2', 'l1', 'elastic'}
    lam : float
    w : ndarray of shape (2,)
    n_zero : int
        How many weights are exactly 0.

    Returns
    -------
    str
    """
    zeros = f"{n_zero} weight{'s' if n_zero != 1 else ''} exactly 0"
    return f"{KIND_NAMES.get(kind, kind)}, λ = {lam:.3g}\nw = ({w[0]:.2f}, {w[1]:.2f}), {zeros}"


def geometry_update(X, y, lam, kind="l2", rho=0.5):
    """The penalized solution for lam and the budget region it sits on.

    Parameters
    ----------
    X : ndarray of shape (m, 2) ; y : ndarray of shape (m,)
    lam : float >= 0
    kind : {'l2', 'l1', 'elastic'}
    rho : float in [0, 1]

    Returns
    -------
    dict with keys
        'w' : ndarray of shape (2,), the penalized solution;
        'budget' : float, P(w) -- the constrained problem with this budget has the same solution;
        'boundary' : ndarray of shape (k, 2), the curve P = budget (one point at 0 if budget 0);
        'n_zero' : int, how many weights are exactly 0.
    """
    X, y = as_Xy(X, y)
    lam, share = as_lam(lam), _check_kind(kind, rho)
    return _geometry_update(X, y, lam, share)


def _geometry_update(X, y, lam, share):
    """`geometry_update` on checked input, with the L1 share of the penalty."""
    w = _penalized(X, y, lam, share)
    budget = float(_penalty(w, share))
    boundary = (_penalty_boundary(budget, share, _BOUNDARY_POINTS) if budget > 0
                else np.zeros((1, 2)))
    return {"w": w, "budget": budget, "boundary": boundary, "n_zero": int(np.sum(w == 0.0))}


def touching_contour(X, y, w, n_points=_CONTOUR_POINTS):
    """The level curve of the data loss through w: an ellipse around the least-squares point.

    The data loss 1/(2m) ||Xc v - yc||^2 is quadratic with Hessian A = Xc^T Xc / m, so its level
    set through w is {v : (v - w_ols)^T A (v - w_ols) = (w - w_ols)^T A (w - w_ols)}, traced
    as w_ols + r L^{-T} (cos t, sin t) with A = L L^T (Cholesky) and r^2 the right-hand side.

    Parameters
    ----------
    X : ndarray of shape (m, 2), full column rank ; y : ndarray of shape (m,)
    w : ndarray of shape (2,)
    n_points : int >= 8

    Returns
    -------
    ndarray of shape (n_points, 2)
    """
    X, y = _check_plane(X, y)
    w = as_array(w, "w", ndim=1)
    if w.shape != (2,):
        raise ValueError(f"w has shape {w.shape} but must have shape (2,)")
    return _touching_contour(X, y, w, as_int(n_points, "n_points", minimum=8))


def _touching_contour(X, y, w, n_points):
    """`touching_contour` on checked input."""
    Xc = centered(X)
    A = Xc.T @ Xc / X.shape[0]
    w_ols = _ridge_fit(X, y, 0.0)[0]
    gap = w - w_ols
    radius = np.sqrt(max(float(gap @ A @ gap), 0.0))
    t = np.linspace(0.0, 2 * np.pi, n_points)
    unit = np.vstack([np.cos(t), np.sin(t)])
    return w_ols + radius * np.linalg.solve(np.linalg.cholesky(A).T, unit).T


def plot_geometry_lam(X, y, lam, kind="l2", rho=0.5, ax=None, extent=None):
    """One panel of `plot_geometry` for the penalized solution at lam.

    Parameters
    ----------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
    lam : float >= 0
    kind : {'l2', 'l1', 'elastic'}
    rho : float in [0, 1]
        The L1 share of the elastic net.
    ax : matplotlib Axes, optional
        A new figure when None.
    extent : float, optional
        Half-width of the plotted square (default: fits the least-squares point).

    Returns
    -------
    ax : the Axes drawn on
    """
    result = geometry_update(X, y, lam, kind, rho)
    ax = get_ax(ax)
    # a budget of 0 (all weights zero) is drawn as a vanishingly small region
    plot_geometry(X, y, result["w"], max(result["budget"], 1e-12), kind, rho, ax=ax,
                  extent=extent)
    ax.set_title(geometry_title(kind, lam, result["w"], result["n_zero"]), fontsize=_TITLE_PT)
    return ax


def setup_geometry_explorer(fig, X, y, rho=0.5, extent=None, n_grid=121):
    """Build the explorer's panel once on `fig`; return update(lam, kind).

    Static: loss contours, axes, the least-squares point, the legend. Moved by update: the
    region P(w) <= budget (polygon vertices), the contour through the solution (an ellipse),
    the solution point and the title. Results are cached per (lam, kind).

    Parameters
    ----------
    fig : matplotlib Figure, empty
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
    rho : float in [0, 1]
        The L1 share of the elastic net.
    extent : float, optional
        Half-width of the plotted square (default: fits the least-squares point).
    n_grid : int
        Grid points per axis of the loss contours.

    Returns
    -------
    update : callable
        update(lam, kind) moves the region, the touching contour, the solution and the title.
    """
    X, y = _check_plane(X, y)
    w_ols = _ridge_fit(X, y, 0.0)[0]
    if extent is None:
        extent = 1.25 * float(np.abs(w_ols).max())
    grid = np.linspace(-extent, extent, n_grid)
    J = _loss_grid(X, y, grid, grid)
    levels = np.unique(np.quantile(J, [0.002, 0.01, 0.03, 0.07, 0.13, 0.22, 0.35, 0.55]))
    fig.subplots_adjust(left=0.13, right=0.97, bottom=0.1, top=0.88)
    ax = fig.add_subplot()
    ax.contour(grid, grid, J, levels=levels, colors="0.6", linewidths=0.8)
    ax.plot([], [], color="0.6", linewidth=0.8, label="loss contours")
    (region,) = ax.fill([0, 0], [0, 0], color=_REGION, alpha=0.25, label="region P(w) ≤ B")
    (touch,) = ax.plot([], [], color=_TOUCH, linewidth=1.6, linestyle="--",
                       label="contour touching the region")
    ax.plot(*w_ols, "k+", markersize=12, markeredgewidth=2, label="least squares")
    (point,) = ax.plot([], [], "o", color=_TOUCH, markersize=8, label="solution")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set(xlim=(-extent, extent), ylim=(-extent, extent), xlabel="$w_1$", ylabel="$w_2$",
           aspect="equal")
    ax.legend(loc="lower left", fontsize=_LEGEND_PT)
    cache = {}

    def update(lam, kind):
        key = (float(lam), kind)
        if key not in cache:
            result = _geometry_update(X, y, as_lam(key[0]), _check_kind(kind, rho))
            cache[key] = (result, _touching_contour(X, y, result["w"], _CONTOUR_POINTS))
        result, ellipse = cache[key]
        region.set_xy(result["boundary"])
        touch.set_data(ellipse[:, 0], ellipse[:, 1])
        point.set_data(result["w"][:1], result["w"][1:])
        ax.set_title(geometry_title(kind, key[0], result["w"], result["n_zero"]),
                     fontsize=_TITLE_PT)

    return update


def geometry_explorer(X, y, rho=0.5):
    """A log-scale lam slider and an L1/L2/elastic-net choice over one geometry panel.

    Parameters
    ----------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
    rho : float in [0, 1]
        The L1 share of the elastic net.

    Returns
    -------
    ipywidgets.VBox
        The slider and the menu above the figure.
    """
    import ipywidgets as widgets

    controls = {
        "lam": widgets.FloatLogSlider(value=10.0, base=10, min=-1, max=3, step=0.05,
                                      description="λ"),
        "kind": widgets.Dropdown(options=[(KIND_NAMES[k], k) for k in PENALTY_KINDS], value="l1",
                                 description="penalty"),
    }
    return artist_explorer(lambda fig: setup_geometry_explorer(fig, X, y, rho), controls,
                           figsize=(4.6, 4.6), ncols=2)
