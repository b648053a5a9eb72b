"""Risk explorer: gamma = n/m and lam sliders on the theoretical ridge risk of the isotropic model.

All risks are computed once on a grid (`risk_grid`, from `helpers.high_dim.hmrt_ridge_risk`), so
moving a slider only looks values up and redraws. `risk_explorer_update` is the pure part,
tested without a browser; `risk_explorer` wires it to two selection sliders.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_float, as_int, as_positive
from ..high_dim import hmrt_ridge_risk
from .core import explorer

__all__ = ["RiskGrid", "risk_grid", "RiskView", "risk_explorer_update", "plot_risk_panels",
           "draw_risk_explorer", "risk_explorer"]


@dataclass(frozen=True)
class RiskGrid:
    """Theoretical excess risk of ridge on a (gamma, lam) grid, with the optimally tuned curve.

    Attributes
    ----------
    m : int
        Number of samples (lam is the course's lam, so it is converted with m).
    sigma, r : float
    gammas : ndarray of shape (g,)
    lams : ndarray of shape (k,), increasing, lams[0] may be 0 (the minimum-norm fit)
    risk : ndarray of shape (g, k)
        risk[i, j] = hmrt_ridge_risk(gammas[i], lams[j], m, sigma, r) (inf at gamma = 1, lam = 0).
    lam_opt : ndarray of shape (g,)
        n sigma^2 / r^2 with n = gamma m.
    risk_opt : ndarray of shape (g,)
        The risk at lam_opt.
    """

    m: int
    sigma: float
    r: float
    gammas: np.ndarray
    lams: np.ndarray
    risk: np.ndarray
    lam_opt: np.ndarray
    risk_opt: np.ndarray


def risk_grid(m, gammas, lams, sigma=0.5, r=1.0):
    """Precompute the explorer's grid (a few milliseconds for a few thousand points).

    Parameters
    ----------
    m : int >= 1
    gammas : ndarray of shape (g,), values > 0
    lams : ndarray of shape (k,), values >= 0
    sigma : float >= 0
    r : float > 0

    Returns
    -------
    RiskGrid
    """
    m = as_int(m, "m", minimum=1)
    gammas = _increasing(gammas, "gammas", strictly_positive=True)
    lams = _increasing(lams, "lams", strictly_positive=False)
    sigma, r = as_float(sigma, "sigma", minimum=0.0), as_positive(r, "r")
    risk = np.column_stack([hmrt_ridge_risk(gammas, lam, m, sigma, r) for lam in lams])
    lam_opt = gammas * m * sigma**2 / r**2
    risk_opt = np.array([hmrt_ridge_risk(g, lam, m, sigma, r) for g, lam in zip(gammas, lam_opt)])
    return RiskGrid(m=m, sigma=sigma, r=r, gammas=gammas, lams=lams, risk=risk,
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


def plot_risk_panels(grid, gamma, lam, axes):
    """Draw risk against gamma (at lam) and risk against lam (at gamma) on two axes.

    Parameters
    ----------
    grid : RiskGrid
    gamma, lam : float
    axes : sequence of two matplotlib Axes

    Returns
    -------
    RiskView
    """
    view = risk_explorer_update(grid, gamma, lam)
    ax_g, ax_l = axes
    if grid.lams[0] == 0:
        ax_g.plot(grid.gammas, grid.risk[:, 0], color="0.6", linestyle="--",
                  label="minimum norm (λ = 0)")
    ax_g.plot(grid.gammas, grid.risk_opt, color="#2ca02c", label="best λ at each γ")
    ax_g.plot(grid.gammas, view.curve_gamma, color="#1f77b4", label=f"λ = {view.lam:.3g}")
    if np.isfinite(view.risk):
        ax_g.plot([view.gamma], [view.risk], "o", color="#d62728")
    ax_g.axvline(view.gamma, color="#d62728", linewidth=0.8)
    ax_g.set(yscale="log", ylim=(1e-2, 20), xlabel="γ = n/m (features / samples)",
             ylabel="excess test risk", title=f"Risk against γ at λ = {view.lam:.3g}")
    ax_g.legend(loc="upper right")
    positive = grid.lams > 0
    ax_l.plot(grid.lams[positive], view.curve_lam[positive], color="#1f77b4")
    if grid.lams[0] == 0 and np.isfinite(view.curve_lam[0]):
        ax_l.axhline(view.curve_lam[0], color="0.6", linestyle="--", label="λ = 0")
    ax_l.axvline(view.lam_opt, color="#2ca02c", linewidth=0.8,
                 label=f"best λ = {view.lam_opt:.3g}")
    if view.lam > 0:
        ax_l.plot([view.lam], [view.risk], "o", color="#d62728")
    ax_l.set(xscale="log", xlabel="λ (course convention)", ylabel="excess test risk",
             title=f"Risk against λ at γ = {view.gamma:.2f}")
    ax_l.legend(loc="best")
    return view


def draw_risk_explorer(fig, grid, gamma, lam):
    """Draw both panels into `fig` (the explorer's draw function)."""
    axes = fig.subplots(1, 2)
    view = plot_risk_panels(grid, gamma, lam, axes)
    fig.suptitle(view.text, fontsize=9)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.84, wspace=0.25)
    return view


def risk_explorer(grid):
    """Two selection sliders (gamma, lam) over a precomputed `RiskGrid`; returns the widget box."""
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

    def draw(fig, gamma, lam):
        draw_risk_explorer(fig, grid, gamma, lam)

    return explorer(draw, controls, figsize=(10, 3.8))
