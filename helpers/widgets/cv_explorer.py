"""Explorer: the number of folds and lam, on the K-fold validation curve and on the fit.

The model is a polynomial in standardized powers of x (`helpers.polynomial`), fitted by
J(w, b) = 1/(2m) ||Z w + b - y||^2 + lam/(2m) ||w||^2 (bias not penalized); standardization is
refitted inside every training fold (`cross_val_curve`). `cv_explorer_update` (pure, tested in
tests/test_widgets_cv_explorer.py) computes one view; `draw_cv_explorer` draws its two panels.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_float, as_int, as_rng
from ..cv import cross_val_curve
from ..data import make_poly_data
from ..polynomial import fit_poly_ridge, poly_features
from .core import explorer

__all__ = ["CVExplorerProblem", "make_cv_explorer_problem", "cv_explorer_update",
           "draw_cv_explorer", "cv_explorer"]

COEFS = (0.5, 1.0, 0.0, -2.0)  # the true curve: 0.5 + x - 2 x^3


@dataclass(frozen=True)
class CVExplorerProblem:
    """A small 1-D regression problem, its lam grid and the seed of its folds.

    Attributes
    ----------
    x, y : ndarray of shape (m,)
    degree : int
    lams : ndarray of shape (k,)
    fold_seed : int
        Folds for K come from kfold_indices(m, K, fold_seed): the same K, the same folds.
    x_grid : ndarray of shape (200,)
    """

    x: np.ndarray
    y: np.ndarray
    degree: int
    lams: np.ndarray
    fold_seed: int
    x_grid: np.ndarray


def make_cv_explorer_problem(rng, m=30, degree=15, noise=0.3, fold_seed=0):
    """Draw m noisy samples of 0.5 + x - 2x^3 on [-1, 1] and a grid of 55 lams in [1e-6, 1e3]."""
    m = as_int(m, "m", minimum=10)
    x, y = make_poly_data(m, as_rng(rng), coefs=COEFS, noise=noise)
    return CVExplorerProblem(x=x, y=y, degree=as_int(degree, "degree", minimum=1),
                             lams=np.logspace(-6, 3, 55), fold_seed=int(fold_seed),
                             x_grid=np.linspace(-1, 1, 200))


def cv_explorer_update(problem, n_folds, log10_lam):
    """One view of the explorer.

    Parameters
    ----------
    problem : CVExplorerProblem
    n_folds : int, 2 <= n_folds <= m (m gives leave-one-out)
    log10_lam : float
        The lam shown on the fit panel is 10**log10_lam.

    Returns
    -------
    dict with keys
        curve : CVCurve on problem.lams
        lam : float, and cv_at_lam : float, the CV error at lam (interpolated in log lam)
        y_fit : ndarray of shape (200,), the fit on all m samples at lam, on problem.x_grid
        y_fit_1se : ndarray of shape (200,), the same at the one-SE choice
    """
    n_folds = as_int(n_folds, "n_folds", minimum=2, maximum=problem.x.size)
    lam = 10.0 ** as_float(log10_lam, "log10_lam")
    Z = poly_features(problem.x, problem.degree)
    curve = cross_val_curve(Z, problem.y, problem.lams, n_folds, problem.fold_seed)
    cv_at_lam = float(np.interp(np.log10(lam), np.log10(curve.lams), curve.mean))
    fit = fit_poly_ridge(problem.x, problem.y, problem.degree, lam)
    fit_1se = fit_poly_ridge(problem.x, problem.y, problem.degree, curve.lam_1se)
    return {"curve": curve, "lam": lam, "cv_at_lam": cv_at_lam,
            "y_fit": fit.predict(problem.x_grid), "y_fit_1se": fit_1se.predict(problem.x_grid)}


def draw_cv_explorer(fig, problem, n_folds, log10_lam):
    """Left: the validation curve (mean, +-1 SE band, each fold faintly). Right: the fits."""
    view = cv_explorer_update(problem, n_folds, log10_lam)
    curve, lam = view["curve"], view["lam"]
    left, right = fig.subplots(1, 2)
    left.set_xscale("log")
    left.plot(curve.lams, curve.fold_mse.T, color="0.8", linewidth=0.7)
    left.fill_between(curve.lams, curve.mean - curve.se, curve.mean + curve.se, alpha=0.25,
                      label="mean ± 1 SE")
    left.plot(curve.lams, curve.mean, label=f"{n_folds}-fold CV error")
    left.axvline(curve.lam_min, color="C2", linestyle="--", label=f"λ_min = {curve.lam_min:.3g}")
    left.axvline(curve.lam_1se, color="C3", linestyle=":", label=f"λ_1SE = {curve.lam_1se:.3g}")
    left.plot([lam], [view["cv_at_lam"]], "ko", label=f"λ = {lam:.3g}")
    top = min(1.5 * curve.mean.max(), 4.0 * curve.mean.min())  # keep the minimum readable
    left.set(ylim=(0, top), xlabel="λ (log scale)",
             ylabel="validation MSE", title="Validation curve (grey: single folds)")
    left.legend(fontsize=7)
    right.scatter(problem.x, problem.y, s=12, color="0.35", label="data")
    right.plot(problem.x_grid, np.polynomial.polynomial.polyval(problem.x_grid, COEFS),
               color="0.5", linestyle="--", label="truth")
    right.plot(problem.x_grid, view["y_fit"], label=f"fit at λ = {lam:.3g}")
    right.plot(problem.x_grid, view["y_fit_1se"], color="C3", linewidth=1.0,
               label="fit at λ_1SE")
    right.set(ylim=(-2.5, 2.5), xlabel="x", ylabel="y",
              title=f"Degree-{problem.degree} ridge fit on all {problem.x.size} points")
    right.legend(fontsize=7)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.9, wspace=0.22)


def cv_explorer(problem=None):
    """Sliders for the number of folds and log10 lam over `draw_cv_explorer`."""
    import ipywidgets as widgets  # deferred: only the explorer needs a widget front end

    problem = make_cv_explorer_problem(0) if problem is None else problem
    m = problem.x.size
    options = sorted({k for k in (2, 3, 5, 10, 20) if k < m} | {m})
    controls = {
        "n_folds": widgets.SelectionSlider(options=options, value=5 if 5 in options else m,
                                           description="folds K"),
        "log10_lam": widgets.FloatSlider(value=0.0, min=-6.0, max=3.0, step=0.25,
                                         description="log10 λ"),
    }
    return explorer(lambda fig, **v: draw_cv_explorer(fig, problem, **v), controls,
                    figsize=(10, 3.8))
