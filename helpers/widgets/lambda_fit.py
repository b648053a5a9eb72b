"""Explorer: one lam slider over a polynomial ridge fit, its coefficients and its errors.

The model is a degree-`degree` polynomial in standardized powers of x (`helpers.polynomial`),
fitted by J(w, b) = 1/(2m) ||Z w + b - y||^2 + lam/(2m) ||w||^2 (bias not penalized).
Training and validation errors over a grid of lam are computed once in
`make_lambda_fit_problem`; `lambda_fit_update` (pure, tested in
tests/test_widgets_lambda_fit.py) fits one lam; `draw_lambda_fit` draws the three panels, and
`lambda_fit_explorer` builds them once and moves only the artists on each slider change.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_float, as_int, as_lam, as_rng
from ..data import make_poly_data, train_val_test_split
from ..linear.losses import mse
from ..linear.polynomial import fit_poly_ridge, lam_sweep
from .core import _plain_ticks, artist_explorer, decade_label, freeze_background

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


def _as_problem(problem):
    if not isinstance(problem, LambdaFitProblem):
        raise TypeError(f"problem must be a LambdaFitProblem (from make_lambda_fit_problem), "
                        f"got {type(problem).__name__}")


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
    _as_problem(problem)
    lam = as_lam(lam)
    model = fit_poly_ridge(problem.x_train, problem.y_train, problem.degree, lam)
    return {"y_grid": model.predict(problem.x_grid), "w": model.w, "b": model.b, "lam": lam,
            "train_mse": mse(problem.y_train, model.predict(problem.x_train)),
            "val_mse": mse(problem.y_val, model.predict(problem.x_val))}


def _coef_limit(problem):
    """A fixed bound for the coefficient axis: the largest |w_j| over the lam grid, plus 10%."""
    largest = max(float(np.max(np.abs(lambda_fit_update(problem, lam)["w"])))
                  for lam in problem.lams)
    return 1.1 * largest


def _decades(lo, hi):
    """Every power of 10 between lo and hi (both > 0)."""
    return 10.0 ** np.arange(np.ceil(np.log10(lo) - 1e-9), np.floor(np.log10(hi) + 1e-9) + 1)


def _build_lambda_fit(fig, problem, lam, freeze=False):
    """Draw the three panels for one lam and return update(lam), which moves the artists only.

    The axis limits are fixed here (the coefficient axis on a symmetric-log scale, so that bars
    from about 10 down to 0.01 stay readable with one fixed scale); update changes the fitted
    curve, the bar heights, the two markers and the titles.
    """
    state = lambda_fit_update(problem, lam)
    ax_fit, ax_w, ax_err = fig.subplots(1, 3)
    # markers drawn as Line2D (one fast marker pass) rather than scatter collections
    ax_fit.plot(problem.x_train, problem.y_train, "o", markersize=3.7, color="0.3", label="train")
    ax_fit.plot(problem.x_val, problem.y_val, "x", markersize=4.5, color="C1",
                label="validation")
    (fit_line,) = ax_fit.plot(problem.x_grid, state["y_grid"], color="C0", label="fit")
    ax_fit.set(xlim=(-1.05, 1.05), ylim=(-2.5, 2.5), xlabel="x", ylabel="y")
    _plain_ticks(ax_fit.xaxis, [-1.0, 0.0, 1.0])
    _plain_ticks(ax_fit.yaxis, [-2.0, 0.0, 2.0])
    ax_fit.legend(loc="lower left")
    powers = np.arange(1, problem.degree + 1)
    bars = ax_w.bar(powers, state["w"], color="C2")
    ax_w.axhline(0, color="black", linewidth=0.8)
    limit = _coef_limit(problem)
    ax_w.set_yscale("symlog", linthresh=1e-2)
    ax_w.set(xlabel="power of x", ylabel="coefficient (symlog scale)", title="Coefficients",
             xlim=(0.4, problem.degree + 0.6), ylim=(-limit, limit))
    _plain_ticks(ax_w.xaxis, powers[::2] if problem.degree > 5 else powers)
    positive = 10.0 ** np.arange(-2, np.floor(np.log10(limit)) + 1)[::-1][::2][::-1]
    _plain_ticks(ax_w.yaxis, np.concatenate([-positive[::-1], [0.0], positive]))
    ax_err.loglog(problem.lams, problem.train_mse, color="C0", label="train")
    ax_err.loglog(problem.lams, problem.val_mse, color="C1", linestyle="--", label="validation")
    errors = np.concatenate([problem.train_mse, problem.val_mse])
    ax_err.set(xlim=(problem.lams[0], problem.lams[-1]),
               ylim=(0.8 * errors.min(), 1.25 * errors.max()), xlabel="λ (log scale)",
               ylabel="MSE (log scale)")
    # a tick at every decade of λ, labelled 10⁻⁴ ... 10³: the ticks cover the whole axis
    _plain_ticks(ax_err.xaxis, _decades(problem.lams[0], problem.lams[-1]), decade_label)
    err_ticks = _decades(*ax_err.get_ylim())
    if err_ticks.size < 2:  # less than a decade of error: ticks at round values inside it
        err_ticks = np.unique(np.round(np.geomspace(*ax_err.get_ylim(), 4), 2))
    _plain_ticks(ax_err.yaxis, err_ticks)
    (markers,) = ax_err.plot([], [], "ko", markersize=5, label="at the current λ")
    ax_err.legend(loc="upper left", fontsize="small")
    for ax in (ax_fit, ax_w, ax_err):
        ax.grid(False)  # fewer artists to draw on every slider move
    fig.subplots_adjust(left=0.06, right=0.98, bottom=0.16, top=0.88, wspace=0.32)

    def update(lam):
        state = lambda_fit_update(problem, lam)
        fit_line.set_ydata(state["y_grid"])
        for bar, height in zip(bars, state["w"]):
            bar.set_height(height)
        shown = max(lam, problem.lams[0])
        markers.set_data([shown, shown], [state["train_mse"], state["val_mse"]])
        ax_err.set_title(f"train {state['train_mse']:.3f}, "
                         f"validation {state['val_mse']:.3f}")
        ax_fit.set_title(f"Degree-{problem.degree} fit, λ = {lam:.3g}")

    update(lam)
    if freeze:  # the live explorer: static parts drawn once, pasted back on every move
        freeze_background(fig, [fit_line, *bars, markers, ax_err.title, ax_fit.title])
    return update


def draw_lambda_fit(fig, problem, lam):
    """Three panels for one lam: the fit, the coefficient bars, the error curves with a marker."""
    _build_lambda_fit(fig, problem, lam)
    return fig


def lambda_fit_explorer(problem):
    """A slider labelled log₁₀ λ over the panels of `draw_lambda_fit` (display the returned box).

    The figure is built once; a move refits one lam and updates the artists in place.
    """
    _as_problem(problem)
    import ipywidgets as widgets

    lo, hi = np.log10(problem.lams[0]), np.log10(problem.lams[-1])
    slider = widgets.FloatSlider(value=0.0, min=lo, max=hi, step=0.1, description="log₁₀ λ")

    def setup(fig):
        update = _build_lambda_fit(fig, problem, 10.0**slider.value, freeze=True)
        return lambda log10_lam: update(10.0**log10_lam)

    return artist_explorer(setup, {"log10_lam": slider}, figsize=(10.5, 3.2))
