"""Explorer: the gradient-descent path on the loss contours of a two-feature ridge problem.

Objective (bias not penalized; the features are centered, so the bias decouples and the
picture shows w = (w1, w2) only):

    J(w) = 1/(2m) ||Xc w - yc||^2 + lam/(2m) ||w||^2 = 1/2 w^T H w - g^T w + const,
    H = (Xc^T Xc + lam I)/m,  g = Xc^T yc / m.

`gd_path_update` is the pure computation (tested in tests/test_widgets_gd_path.py);
`draw_gd_path` draws one state; `gd_path_explorer` wires a learning-rate and a lam slider to
artists built once (only the path, the minimizer, the title and, for a new lam, the contours
change on a move).
"""

import numpy as np

from .._validation import (
    as_float,
    as_int,
    as_lam,
    as_matrix,
    as_positive,
    as_rng,
    as_vector,
    as_Xy,
    centered,
)
from ..linear.curvature import _centered_hessian
from ..plotting import get_ax
from .core import artist_explorer

__all__ = ["make_gd_path_problem", "gd_path_update", "draw_gd_path", "gd_path_explorer",
           "verdict"]

_START = np.array([-1.0, 3.5])


def make_gd_path_problem(rng, m=60, corr=0.9, w=(2.0, 1.0), noise=0.5):
    """Two standardized, correlated features and y = X w + noise (a narrow, tilted valley).

    Parameters
    ----------
    rng : numpy Generator or int seed
    m : int >= 3
    corr : float in (-1, 1)
        Correlation of the two features; the condition number is about (1 + corr)/(1 - corr).
    w : (float, float)
        True weights.
    noise : float >= 0

    Returns
    -------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
    """
    rng, m = as_rng(rng), as_int(m, "m", minimum=3)
    corr = as_float(corr, "corr")
    if not -1 < corr < 1:
        raise ValueError(f"corr == {corr}, must be strictly between -1 and 1")
    noise = as_float(noise, "noise", minimum=0.0)
    z = rng.standard_normal((m, 2))
    X = np.column_stack([z[:, 0], corr * z[:, 0] + np.sqrt(1 - corr**2) * z[:, 1]])
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = X @ np.asarray(w, dtype=float) + noise * rng.standard_normal(m)
    return X, y


def gd_path_update(X, y, lr, lam, n_iters=30, w0=_START, grid_size=61, extent=None):
    """Everything one frame of the explorer shows, computed without plotting.

    Parameters
    ----------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
    lr : float > 0
    lam : float >= 0
    n_iters : int >= 1
    w0 : (float, float)
        Starting point of gradient descent.
    grid_size : int >= 2
    extent : (w1_min, w1_max, w2_min, w2_max), optional
        Plot window; by default a box around w0 and the least-squares solution.

    Returns
    -------
    dict with keys
        path : ndarray (n_iters + 1, 2), the iterates (huge if lr > 2/L);
        w_hat : ndarray (2,), the minimizer; lr_max : float, 2/L;
        W1, W2, J : ndarrays (grid_size, grid_size), the loss on the grid;
        losses : ndarray (n_iters + 1,), J along the path; diverging : bool, lr > 2/L
        (the criterion); gap_left : float, ||w_T - w_hat|| / ||w_0 - w_hat||, the share of the
        initial distance to the minimizer still left after the n_iters shown (what the picture
        shows: below 2/L it shrinks, but a slow run can still be far from w_hat after n_iters).
    """
    X, y = as_Xy(as_matrix(X), y)
    if X.shape[1] != 2:
        raise ValueError(f"X has {X.shape[1]} columns but the contour picture needs exactly 2")
    lr, lam = as_positive(lr, "lr"), as_lam(lam)
    n_iters, grid_size = as_int(n_iters, "n_iters", minimum=1), as_int(grid_size, "grid_size",
                                                                        minimum=2)
    w0 = as_vector(w0, "w0", 2, "a starting point (w1, w2)")
    Xc, yc = centered(X), y - y.mean()
    m = X.shape[0]
    H, g, c = _centered_hessian(X, lam), Xc.T @ yc / m, yc @ yc / (2 * m)
    w_hat = np.linalg.solve(H, g)
    if extent is None:
        w_ls = np.linalg.lstsq(Xc, yc, rcond=None)[0]
        lo, hi = np.minimum(w0, w_ls) - 1.5, np.maximum(w0, w_ls) + 1.5
        extent = (lo[0], hi[0], lo[1], hi[1])
    W1, W2 = np.meshgrid(np.linspace(extent[0], extent[1], grid_size),
                         np.linspace(extent[2], extent[3], grid_size))
    points = np.stack([W1, W2], axis=-1)
    J = 0.5 * np.einsum("...i,ij,...j->...", points, H, points) - points @ g + c
    path = np.empty((n_iters + 1, 2))
    path[0] = w0
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(n_iters):
            path[k + 1] = path[k] - lr * (H @ path[k] - g)  # w <- w - lr grad J(w)
        losses = 0.5 * np.einsum("ki,ij,kj->k", path, H, path) - path @ g + c
    lr_max = 2.0 / float(np.linalg.eigvalsh(H)[-1])
    start_gap = float(np.linalg.norm(w0 - w_hat))
    with np.errstate(over="ignore", invalid="ignore"):
        end_gap = float(np.linalg.norm(path[-1] - w_hat))
    gap_left = end_gap / start_gap if start_gap > 0 else 0.0
    return {"path": path, "w_hat": w_hat, "lr_max": lr_max, "W1": W1, "W2": W2, "J": J,
            "losses": losses, "diverging": bool(lr > lr_max),
            "gap_left": gap_left if np.isfinite(gap_left) else np.inf}


def verdict(state):
    """What a frame shows, by the criterion and by the distance left.

    Parameters
    ----------
    state : dict
        A state returned by `gd_path_update`.

    Returns
    -------
    str
        'η < 2/L: 0.2% of the distance to ŵ left after 30 steps' or 'η > 2/L: diverges'.
    """
    n_iters = len(state["path"]) - 1
    if state["diverging"]:
        return "η > 2/L: diverges"
    left = state["gap_left"]
    share = f"{100 * left:.2g}%" if left >= 1e-4 else "< 0.01%"
    return f"η < 2/L: {share} of the distance to ŵ left after {n_iters} steps"


def _contours(ax, state):
    """The contour lines of J for one state (levels spread geometrically above the minimum)."""
    J_min = float(np.min(state["J"]))
    levels = J_min + np.geomspace(1e-3, 1.0, 9) * (float(np.max(state["J"])) - J_min)
    return ax.contour(state["W1"], state["W2"], state["J"], levels=levels, cmap="viridis",
                      linewidths=0.9, zorder=1)  # below the path, even when redrawn later


def draw_gd_path(state, ax=None, title=None):
    """Contours of J, the minimizer and the gradient-descent path of one `gd_path_update` state.

    Parameters
    ----------
    state : dict
        A state returned by `gd_path_update` (path of shape (T + 1, 2), grids W1, W2, J).
    ax : matplotlib Axes, optional
        A new figure when None.
    title : str, optional
        The panel title (default "Gradient descent on J(w)").

    Returns
    -------
    ax : the Axes drawn on (``ax.lines[0]`` the path, ``ax.lines[1]`` the minimizer)
    """
    if not isinstance(state, dict) or not {"path", "w_hat", "W1", "W2"} <= set(state):
        raise TypeError("state must be the dict returned by gd_path_update")
    ax = get_ax(ax)
    _contours(ax, state)
    path = state["path"]
    ax.plot(path[:, 0], path[:, 1], "o-", color="C5", markersize=3, linewidth=1.2,
            label="gradient-descent iterates")
    ax.plot(*state["w_hat"], "k*", markersize=12, label="minimizer ŵ")
    ax.plot([], [], color=_contour_legend_color(), linewidth=0.9, label="contours of J")
    ax.set_xlim(state["W1"][0, 0], state["W1"][0, -1])
    ax.set_ylim(state["W2"][0, 0], state["W2"][-1, 0])
    ax.set(xlabel="$w_1$", ylabel="$w_2$", title=title or "Gradient descent on J(w)")
    ax.legend(loc="lower left", fontsize=11)
    return ax


def _contour_legend_color():
    """The middle color of the contour colormap, for the legend entry of the contours."""
    from matplotlib import colormaps
    return colormaps["viridis"](0.5)


def _explorer_title(lr, state):
    return f"η = {lr:.3f}, 2/L = {state['lr_max']:.3f}\n{verdict(state)}"


def _build_gd_path(fig, X, y, lr, lam, n_iters, extent):
    """Draw one state on fig and return update(lr, lam), which moves the artists in place."""
    state = gd_path_update(X, y, lr, lam, n_iters=n_iters, extent=extent)
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.12, top=0.86)
    draw_gd_path(state, ax=ax, title=_explorer_title(lr, state))
    path_line, star = ax.lines[0], ax.lines[1]
    shown = {"lam": lam, "contours": ax.collections[0]}

    def update(lr, lam):
        state = gd_path_update(X, y, lr, lam, n_iters=n_iters, extent=extent)
        if lam != shown["lam"]:  # new curvature: new contour lines (the window stays fixed)
            shown["contours"].remove()
            shown["contours"], shown["lam"] = _contours(ax, state), lam
        path_line.set_data(state["path"][:, 0], state["path"][:, 1])
        star.set_data([state["w_hat"][0]], [state["w_hat"][1]])
        ax.set_title(_explorer_title(lr, state))

    return update


def gd_path_explorer(X, y, n_iters=30):
    """A learning-rate slider and a lam slider over `draw_gd_path` (display the returned box).

    The axes, the plot window and the artists are built once. A move of the lr slider only
    recomputes the path (n_iters matrix-vector products); a move of the lam slider also
    replaces the contour lines.

    Parameters
    ----------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
    n_iters : int >= 1
        Gradient-descent steps drawn per frame.

    Returns
    -------
    ipywidgets.VBox
        The η and λ sliders above the figure.
    """
    import ipywidgets as widgets

    X, y = as_Xy(as_matrix(X), y)
    first = gd_path_update(X, y, 1.0, 0.0, n_iters=1)
    lr_max0 = first["lr_max"]
    extent = (first["W1"][0, 0], first["W1"][0, -1], first["W2"][0, 0], first["W2"][-1, 0])
    controls = {
        "lr": widgets.FloatSlider(value=round(0.5 * lr_max0, 3), min=0.01,
                                  max=round(1.2 * lr_max0, 3), step=0.005,
                                  description="η (lr)", readout_format=".3f"),
        "lam": widgets.FloatSlider(value=0.0, min=0.0, max=60.0, step=1.0, description="λ"),
    }

    def setup(fig):
        return _build_gd_path(fig, X, y, controls["lr"].value, controls["lam"].value, n_iters,
                              extent)

    return artist_explorer(setup, controls, figsize=(5.5, 4.2))
