"""Explorer: loss contours and the L2 disk / L1 diamond / elastic-net region as lam changes.

`geometry_update` is the pure computation (tested directly); `plot_geometry_lam` draws one
panel (static figures and the widget); `geometry_explorer` wires a lam slider and a penalty
choice.
"""

import numpy as np

from ..geometry import PENALTY_KINDS, penalized_solution, penalty, penalty_boundary, plot_geometry
from ..plotting import get_ax
from ..ridge import ridge_closed_form
from .core import explorer

__all__ = ["geometry_update", "plot_geometry_lam", "geometry_explorer"]


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
    w = penalized_solution(X, y, lam, kind, rho)
    budget = penalty(w, kind, rho)
    boundary = penalty_boundary(budget, kind, rho) if budget > 0 else np.zeros((1, 2))
    return {"w": w, "budget": budget, "boundary": boundary, "n_zero": int(np.sum(w == 0.0))}


def plot_geometry_lam(X, y, lam, kind="l2", rho=0.5, ax=None, extent=None):
    """One panel of `plot_geometry` for the penalized solution at lam.

    Returns
    -------
    ax
    """
    result = geometry_update(X, y, lam, kind, rho)
    ax = get_ax(ax)
    # a budget of 0 (all weights zero) is drawn as a vanishingly small region
    plot_geometry(X, y, result["w"], max(result["budget"], 1e-12), kind, rho, ax=ax,
                  extent=extent)
    ax.set_title(f"{kind}, lam={lam:.3g}: w=({result['w'][0]:.2f}, {result['w'][1]:.2f}), "
                 f"{result['n_zero']} zero")
    return ax


def geometry_explorer(X, y, rho=0.5):
    """A log-scale lam slider and an L1/L2/elastic-net choice over `plot_geometry_lam`.

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as widgets

    extent = 1.25 * float(np.abs(ridge_closed_form(X, y, 0.0)[0]).max())

    def draw(fig, lam, kind):
        ax = fig.add_subplot()
        plot_geometry_lam(X, y, lam, kind, rho, ax=ax, extent=extent)
        ax.legend(loc="lower left", fontsize=8)

    controls = {
        "lam": widgets.FloatLogSlider(value=10.0, base=10, min=-1, max=3, step=0.05,
                                      description="lam"),
        "kind": widgets.Dropdown(options=list(PENALTY_KINDS), value="l1", description="penalty"),
    }
    return explorer(draw, controls, figsize=(5, 5), ncols=2)
