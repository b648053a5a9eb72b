"""Risk explorer: gamma = n/m and lam sliders on the theoretical ridge risk of the isotropic model.

All risks are computed once on a grid (`risk_grid`, from `helpers.high_dim.hmrt_ridge_risk`), so
moving a slider only looks values up and moves the artists built once by `setup_risk_explorer`.
`risk_explorer_update` is the pure part, tested without a browser; `risk_explorer` wires it to
two selection sliders.
"""

from dataclasses import dataclass

import numpy as np
from matplotlib.ticker import NullLocator

from .._validation import as_array, as_float, as_int, as_positive
from ..studies.high_dim import _hmrt_ridge_risk
from .core import Layout, apply_layout, artist_explorer, freeze_background

__all__ = ["RiskGrid", "risk_grid", "RiskView", "risk_explorer_update", "plot_risk_panels",
           "setup_risk_explorer", "draw_risk_explorer", "risk_explorer"]


@dataclass(frozen=True)
class RiskGrid:
    """Theoretical excess risk of ridge on a (gamma, lam) grid, with the optimally tuned curve.

    Attributes
    ----------
    m : int
        Number of samples (lam is the course's lam, so it is converted with m).
    sigma : float
        Noise standard deviation.
    w_norm : float
        ||w*||, the norm of the true weights (the signal strength; HMRT's r).
    gammas : ndarray of shape (g,)
    lams : ndarray of shape (k,), increasing, lams[0] may be 0 (the minimum-norm fit)
    risk : ndarray of shape (g, k)
        risk[i, j] = hmrt_ridge_risk(gammas[i], lams[j], m, sigma, w_norm) (inf at gamma = 1,
        lam = 0).
    lam_opt : ndarray of shape (g,)
        n sigma^2 / w_norm^2 with n = gamma m.
    risk_opt : ndarray of shape (g,)
        The risk at lam_opt.
    """

    m: int
    sigma: float
    w_norm: float
    gammas: np.ndarray
    lams: np.ndarray
    risk: np.ndarray
    lam_opt: np.ndarray
    risk_opt: np.ndarray


def risk_grid(m, gammas, lams, sigma=0.5, w_norm=1.0):
    """Precompute the explorer's grid (a few milliseconds for a few thousand points).

    Parameters
    ----------
    m : int >= 1
    gammas : ndarray of shape (g,), values > 0
    lams : ndarray of shape (k,), values >= 0
    sigma : float >= 0
        Noise standard deviation.
    w_norm : float > 0
        ||w*||, the norm of the true weights.

    Returns
    -------
    RiskGrid
    """
    m = as_int(m, "m", minimum=1)
    gammas = _increasing(gammas, "gammas", strictly_positive=True)
    lams = _increasing(lams, "lams", strictly_positive=False)
    sigma, w_norm = as_float(sigma, "sigma", minimum=0.0), as_positive(w_norm, "w_norm")
    risk = np.column_stack([_hmrt_ridge_risk(gammas, float(lam), m, sigma, w_norm)
                            for lam in lams])
    lam_opt = gammas * m * sigma**2 / w_norm**2          # λ* = n σ² / ||w*||², n = γ m
    risk_opt = np.array([_hmrt_ridge_risk(gammas[i:i + 1], float(lam), m, sigma, w_norm)[0]
                         for i, lam in enumerate(lam_opt)])
    return RiskGrid(m=m, sigma=sigma, w_norm=w_norm, gammas=gammas, lams=lams, risk=risk,
                    lam_opt=lam_opt, risk_opt=risk_opt)


def _increasing(values, name, strictly_positive):
    arr = as_array(values, name, ndim=1)
    low_ok = np.all(arr > 0) if strictly_positive else np.all(arr >= 0)
    if arr.size < 2 or not low_ok or np.any(np.diff(arr) <= 0):
        bound = "> 0" if strictly_positive else ">= 0"
        raise ValueError(f"{name} must be an increasing 1-D array of at least 2 values {bound}, "
                         f"got shape {arr.shape}")
    return arr


@dataclass(frozen=True)
class RiskView:
    """What the explorer shows for one slider position (values snapped to the grid).

    Attributes
    ----------
    i, j : int
        Grid indices of gamma and lam.
    gamma, lam, risk : float
    lam_opt, risk_opt : float
        The best lam at this gamma and its risk.
    curve_gamma : ndarray of shape (g,)
        Risk against gamma at this lam.
    curve_lam : ndarray of shape (k,)
        Risk against lam at this gamma.
    text : str
        One-line summary.
    """

    i: int
    j: int
    gamma: float
    lam: float
    risk: float
    lam_opt: float
    risk_opt: float
    curve_gamma: np.ndarray
    curve_lam: np.ndarray
    text: str


def risk_explorer_update(grid, gamma, lam):
    """Look up the grid at the nearest (gamma, lam); pure and instant.

    Parameters
    ----------
    grid : RiskGrid
    gamma : float > 0
    lam : float >= 0
        Snapped to the nearest grid value (lam on a log scale, 0 only when asked for 0).

    Returns
    -------
    RiskView
    """
    if not isinstance(grid, RiskGrid):
        raise TypeError(f"grid must be a RiskGrid (from risk_grid), got {type(grid).__name__}")
    gamma, lam = as_positive(gamma, "gamma"), as_float(lam, "lam", minimum=0.0)
    i = int(np.argmin(np.abs(grid.gammas - gamma)))
    j = _nearest_lam(grid.lams, lam)
    risk = float(grid.risk[i, j])
    shown = "∞ (the interpolation peak)" if np.isinf(risk) else f"{risk:.3f}"
    text = (f"γ = n/m = {grid.gammas[i]:.2f}, λ = {grid.lams[j]:.3g}: excess risk {shown}; "
            f"best λ = {grid.lam_opt[i]:.3g} gives {grid.risk_opt[i]:.3f}")
    return RiskView(i=i, j=j, gamma=float(grid.gammas[i]), lam=float(grid.lams[j]), risk=risk,
                    lam_opt=float(grid.lam_opt[i]), risk_opt=float(grid.risk_opt[i]),
                    curve_gamma=grid.risk[:, j], curve_lam=grid.risk[i], text=text)


def _nearest_lam(lams, lam):
    if lam == 0 and lams[0] == 0:
        return 0
    positive = np.flatnonzero(lams > 0)
    if lam == 0:
        return int(positive[0])
    return int(positive[np.argmin(np.abs(np.log(lams[positive]) - np.log(lam)))])


def plot_risk_panels(grid, gamma, lam, axes=None):
    """Draw risk against gamma (at lam) and risk against lam (at gamma) on two axes.

    Parameters
    ----------
    grid : RiskGrid
    gamma, lam : float
        Snapped to the grid as in `risk_explorer_update` (its ``.text`` describes the view).
    axes : sequence of two matplotlib Axes, optional
        A new figure of ``LAYOUT.figsize`` (10.4 in x 4.2 in) with two panels side by side
        when None. Give one row per figure to keep the text legible on a slide.

    Returns
    -------
    axes : list of the two Axes drawn on
    """
    risk_explorer_update(grid, gamma, lam)  # checks the arguments before anything is drawn
    if axes is None:
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, 2, figsize=LAYOUT.figsize)
        fig.subplots_adjust(**LAYOUT.margins)
    axes = _two_axes(axes)
    _risk_artists(axes, grid)[0](gamma, lam)
    return axes


def _two_axes(axes):
    from matplotlib.axes import Axes

    try:
        axes = list(np.ravel(np.asarray(axes, dtype=object)))
    except TypeError:
        axes = []
    if len(axes) != 2 or not all(isinstance(ax, Axes) for ax in axes):
        raise TypeError(f"axes must be two matplotlib Axes (e.g. plt.subplots(1, 2)[1]) or None, "
                        f"got {len(axes)} object(s) of type(s) "
                        f"{sorted({type(ax).__name__ for ax in axes})}")
    return axes


# The figure as data: size, margins and fonts, then each panel's limits, labels and ticks.
LAYOUT = Layout(figsize=(10.4, 4.2), font=11.0, title=12.0,
                margins={"left": 0.075, "right": 0.985, "bottom": 0.13, "top": 0.83,
                         "wspace": 0.25})
RISK_AXIS = {"ylim": (1e-2, 20), "yticks": (0.01, 0.1, 1, 10),
             "ylabel": "excess test risk ‖w − w★‖²"}
GAMMA_PANEL = {"xlabel": "γ = n/m (features per sample)", "legend": "upper right"}
LAM_PANEL = {"xlabel": "λ (course convention)", "legend": "lower left",  # curves sit above 0.1
             "decades": tuple(10.0 ** np.arange(-3, 6))}
# Colors from the course cycle (helpers.plotting), so the course style decides them.
COLORS = {"chosen": "C0", "best": "C1", "marker": "0.15", "reference": "0.6"}


def _plain_log_axis(axis, ticks):
    """Fixed plain-text ticks and no minor ticks: mathtext labels would dominate a move."""
    axis.set_minor_locator(NullLocator())
    axis.set_ticks(ticks, labels=[f"{v:g}" for v in ticks])


def _gamma_panel(ax, grid):
    """Risk against γ: static reference curves, and the moving curve, dot and line."""
    if grid.lams[0] == 0:
        ax.plot(grid.gammas, grid.risk[:, 0], color=COLORS["reference"], linestyle="--",
                label="minimum norm (λ = 0)")
    ax.plot(grid.gammas, grid.risk_opt, color=COLORS["best"], linestyle="-.",
            label="best λ* at each γ")
    (curve,) = ax.plot(grid.gammas, grid.risk[:, 0], color=COLORS["chosen"], label="chosen λ")
    (dot,) = ax.plot([], [], "o", color=COLORS["marker"], label="chosen (γ, λ)")
    vline = ax.axvline(grid.gammas[0], color=COLORS["marker"], linewidth=0.8)
    ax.set(yscale="log", xlim=(0, grid.gammas[-1] * 1.02), ylim=RISK_AXIS["ylim"],
           xlabel=GAMMA_PANEL["xlabel"], ylabel=RISK_AXIS["ylabel"])
    _plain_log_axis(ax.yaxis, RISK_AXIS["yticks"])
    ax.legend(loc=GAMMA_PANEL["legend"], fontsize=LAYOUT.font)
    return curve, dot, vline, ax.set_title(" ", y=1.0, fontsize=LAYOUT.title)


def _lam_panel(ax, lams_pos):
    """Risk against λ > 0: the moving curve, the λ = 0 level, the best λ* and the dot."""
    (curve,) = ax.plot(lams_pos, np.ones_like(lams_pos), color=COLORS["chosen"],
                      label="ridge at this γ")
    (zero,) = ax.plot(lams_pos[[0, -1]], [np.nan, np.nan], color=COLORS["reference"],
                      linestyle="--", label="λ = 0 (minimum norm)")
    vline = ax.axvline(lams_pos[0], color=COLORS["best"], linestyle="-.", linewidth=1.2,
                       label="best λ* = nσ²/‖w★‖²")
    (dot,) = ax.plot([], [], "o", color=COLORS["marker"], label="chosen λ")
    ax.set(xscale="log", yscale="log", xlim=(lams_pos[0], lams_pos[-1]), ylim=RISK_AXIS["ylim"],
           xlabel=LAM_PANEL["xlabel"], ylabel=RISK_AXIS["ylabel"])
    _plain_log_axis(ax.yaxis, RISK_AXIS["yticks"])
    _plain_log_axis(ax.xaxis, [v for v in LAM_PANEL["decades"]
                               if lams_pos[0] <= v <= lams_pos[-1]])
    ax.legend(loc=LAM_PANEL["legend"], fontsize=LAYOUT.font)
    return curve, zero, vline, dot, ax.set_title(" ", y=1.0, fontsize=LAYOUT.title)


def _risk_artists(axes, grid):
    """Build both panels once (fixed limits, static curves).

    Returns update(gamma, lam), which only moves artists (set_data, set_xdata, set_text) and
    returns the `RiskView`, and the list of the artists it moves.
    """
    positive = grid.lams > 0
    curve_g, dot_g, vline_g, title_g = _gamma_panel(axes[0], grid)
    curve_l, zero_l, vline_l, dot_l, title_l = _lam_panel(axes[1], grid.lams[positive])

    def update(gamma, lam):
        view = risk_explorer_update(grid, gamma, lam)
        finite = np.isfinite(view.risk)
        curve_g.set_ydata(view.curve_gamma)
        dot_g.set_data([view.gamma] if finite else [], [view.risk] if finite else [])
        vline_g.set_xdata([view.gamma, view.gamma])
        title_g.set_text(f"Risk against γ at λ = {view.lam:.3g}")
        curve_l.set_ydata(view.curve_lam[positive])
        zero = view.curve_lam[0] if grid.lams[0] == 0 else np.nan
        zero = zero if np.isfinite(zero) else np.nan      # nan is not drawn (off grid, or inf)
        zero_l.set_ydata([zero, zero])
        vline_l.set_xdata([view.lam_opt, view.lam_opt])
        show = view.lam > 0 and finite
        dot_l.set_data([view.lam] if show else [], [view.risk] if show else [])
        title_l.set_text(f"Risk against λ at γ = {view.gamma:.2f}")
        return view

    return update, [curve_g, dot_g, vline_g, title_g, curve_l, zero_l, vline_l, dot_l, title_l]


def setup_risk_explorer(fig, grid):
    """Build both panels in `fig` once; return update(gamma, lam), which moves the artists.

    Everything that never changes (axes, ticks, labels, legends, the reference curves) is
    drawn once and kept as a background image; the axes then draw only the moving artists
    (the curves at the chosen values, markers, lines, titles) on top of it. The figure's
    title holds `RiskView.text`. Size and margins come from LAYOUT (a top-level figure is
    resized to ``LAYOUT.figsize``). This is the explorer's setup function.

    Parameters
    ----------
    fig : matplotlib Figure, empty
    grid : RiskGrid

    Returns
    -------
    update : callable
        update(gamma, lam) moves the artists and returns the `RiskView`.
    """
    if not isinstance(grid, RiskGrid):
        raise TypeError(f"grid must be a RiskGrid (from risk_grid), got {type(grid).__name__}")
    apply_layout(fig, LAYOUT)
    move, moving = _risk_artists(fig.subplots(1, 2), grid)
    title = fig.suptitle(" ", fontsize=LAYOUT.font)
    freeze_background(fig, [*moving, title])

    def update(gamma, lam):
        view = move(gamma, lam)
        title.set_text(view.text)
        return view

    return update


def draw_risk_explorer(fig, grid, gamma, lam):
    """Draw both panels into an empty `fig` at one setting; return the `RiskView`.

    Parameters
    ----------
    fig : matplotlib Figure, empty (resized to ``LAYOUT.figsize``)
    grid : RiskGrid
    gamma : float > 0
    lam : float >= 0
        Both snapped to the grid as in `risk_explorer_update`.

    Returns
    -------
    RiskView
    """
    return setup_risk_explorer(fig, grid)(gamma, lam)


def risk_explorer(grid):
    """Two selection sliders (gamma, lam) over a precomputed `RiskGrid`; returns the widget box.

    The panels are built once (`setup_risk_explorer`); a move looks the grid up and moves
    artists, so it costs one Agg draw and one PNG encoding.

    Parameters
    ----------
    grid : RiskGrid

    Returns
    -------
    ipywidgets.VBox
        The two sliders above the figure.
    """
    import ipywidgets as widgets

    if not isinstance(grid, RiskGrid):
        raise TypeError(f"grid must be a RiskGrid (from risk_grid), got {type(grid).__name__}")
    middle = int(np.argmin(np.abs(grid.gammas - 2.0)))
    controls = {
        "gamma": widgets.SelectionSlider(options=[(f"{g:.2f}", float(g)) for g in grid.gammas],
                                         value=float(grid.gammas[middle]), description="γ = n/m",
                                         continuous_update=True),
        "lam": widgets.SelectionSlider(options=[(f"{v:.3g}", float(v)) for v in grid.lams],
                                       value=float(grid.lams[0]), description="λ",
                                       continuous_update=True),
    }
    return artist_explorer(lambda fig: setup_risk_explorer(fig, grid), controls,
                           figsize=LAYOUT.figsize)
