"""Explorer: one lam slider over a polynomial ridge fit, its coefficients and its errors.

The model is a degree-`degree` polynomial in standardized powers of x (`helpers.polynomial`),
fitted by J(w, b) = 1/(2m) ||Z w + b - y||^2 + lam/(2m) ||w||^2 (bias not penalized).
Training and validation errors over a grid of lam are computed once in
`make_lambda_fit_problem`; `lambda_fit_update` (pure, tested in
tests/test_widgets_lambda_fit.py) fits one lam; `draw_lambda_fit` draws the three panels.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_float, as_int, as_lam, as_rng
from ..data import make_poly_data, train_val_test_split
from ..losses import mse
from ..polynomial import fit_poly_ridge, lam_sweep
from .core import explorer

__all__ = ["LambdaFitProblem", "make_lambda_fit_problem", "lambda_fit_update", "draw_lambda_fit",
           "lambda_fit_explorer"]


@dataclass(frozen=True)
class LambdaFitProblem:
    """A small 1-D regression problem with its validation curve precomputed.

    Attributes
    ----------
    x_train, y_train : ndarray of shape (m_train,)
    x_val, y_val : ndarray of shape (m_val,)
    degree : int
    lams : ndarray of shape (k,)
        The grid of lam (log-spaced).
    train_mse, val_mse : ndarray of shape (k,)
        Errors of the fit at each lam of the grid.
    x_grid : ndarray of shape (200,)
        Where the fitted curve is drawn.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    degree: int
    lams: np.ndarray
    train_mse: np.ndarray
    val_mse: np.ndarray
    x_grid: np.ndarray


def make_lambda_fit_problem(rng, m=40, degree=9, noise=0.3, lams=None):
    """Draw `make_poly_data` samples, split them 70/30 and sweep lam once.

    Parameters
    ----------
    rng : numpy Generator or int seed
    m : int >= 10
    degree : int >= 1
    noise : float >= 0
    lams : ndarray of shape (k,), optional
        Grid of lam > 0; np.logspace(-4, 3, 36) by default.

    Returns
    -------
    LambdaFitProblem
    """
    rng, m = as_rng(rng), as_int(m, "m", minimum=10)
    degree, noise = as_int(degree, "degree", minimum=1), as_float(noise, "noise", minimum=0.0)
    lams = np.logspace(-4, 3, 36) if lams is None else as_array(lams, "lams", ndim=1)
    if lams.size == 0 or np.any(lams <= 0):
        raise ValueError("lams must be a non-empty grid of values > 0, e.g. np.logspace(-4, 3, 36)")
    x, y = make_poly_data(m, rng, noise=noise)
    x_train, x_val, _, y_train, y_val, _ = train_val_test_split(x, y, rng, val=0.3, test=0.0)
    train_err, val_err = lam_sweep(x_train, y_train, x_val, y_val, degree, lams)
    return LambdaFitProblem(x_train=x_train, y_train=y_train, x_val=x_val, y_val=y_val,
                            degree=degree, lams=lams, train_mse=train_err, val_mse=val_err,
                            x_grid=np.linspace(-1.0, 1.0, 200))


def lambda_fit_update(problem, lam):
    """Fit at one lam: the curve on problem.x_grid, the weights and both errors.

    Parameters
    ----------
    problem : LambdaFitProblem
    lam : float >= 0

    Returns
    -------
    dict with keys y_grid (ndarray (200,)), w (ndarray (degree,)), b (float),
    train_mse (float), val_mse (float), lam (float).
    """
    if not isinstance(problem, LambdaFitProblem):
        raise TypeError(f"problem must be a LambdaFitProblem (from make_lambda_fit_problem), "
                        f"got {type(problem).__name__}")
    lam = as_lam(lam)
    model = fit_poly_ridge(problem.x_train, problem.y_train, problem.degree, lam)
    return {"y_grid": model.predict(problem.x_grid), "w": model.w, "b": model.b, "lam": lam,
            "train_mse": mse(problem.y_train, model.predict(problem.x_train)),
            "val_mse": mse(problem.y_val, model.predict(problem.x_val))}


def draw_lambda_fit(fig, problem, lam):
    """Three panels for one lam: the fit, the coefficient bars, the error curves with a marker."""
    state = lambda_fit_update(problem, lam)
    ax_fit, ax_w, ax_err = fig.subplots(1, 3)
    ax_fit.scatter(problem.x_train, problem.y_train, s=14, color="0.3", label="train")
    ax_fit.scatter(problem.x_val, problem.y_val, s=14, marker="x", color="#ff7f0e",
                   label="validation")
    ax_fit.plot(problem.x_grid, state["y_grid"], color="#1f77b4", label="fit")
    ax_fit.set(ylim=(-2.5, 2.5), xlabel="x", ylabel="y", title=f"Degree-{problem.degree} fit")
    ax_fit.legend(loc="lower left")
    ax_w.bar(np.arange(1, problem.degree + 1), state["w"], color="#2ca02c")
    ax_w.axhline(0, color="black", linewidth=0.8)
    ax_w.set(xlabel="power of x", ylabel="coefficient (standardized)",
             title="Coefficients", xticks=np.arange(1, problem.degree + 1))
    ax_err.loglog(problem.lams, problem.train_mse, label="train")
    ax_err.loglog(problem.lams, problem.val_mse, label="validation")
    shown = max(lam, problem.lams[0])
    ax_err.plot([shown, shown], [state["train_mse"], state["val_mse"]], "ko", markersize=5)
    ax_err.set(xlabel="lam", ylabel="MSE", title=f"train {state['train_mse']:.3f}, "
                                                 f"val {state['val_mse']:.3f}")
    ax_err.legend(loc="upper left")
    fig.suptitle(f"lam = {lam:.3g}")
    fig.subplots_adjust(left=0.06, right=0.98, bottom=0.16, top=0.82, wspace=0.32)
    return fig


def lambda_fit_explorer(problem):
    """A log10(lam) slider over `draw_lambda_fit` (display the returned box)."""
    import ipywidgets as widgets

    lo, hi = np.log10(problem.lams[0]), np.log10(problem.lams[-1])

    def draw(fig, log10_lam):
        draw_lambda_fit(fig, problem, 10.0**log10_lam)

    slider = widgets.FloatSlider(value=0.0, min=lo, max=hi, step=0.1, description="log10 lam")
    return explorer(draw, {"log10_lam": slider}, figsize=(11, 3.4))
