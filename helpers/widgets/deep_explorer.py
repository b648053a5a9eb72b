"""Explorer for notebook 06: the function a small MLP learns, for each lam and optimizer.

Training is too slow for a slider, so `precompute_deep_grid` trains every (optimizer, lam)
pair once; `deep_explorer_update` is then a pure lookup and `draw_deep_explorer` only redraws.

The optimizers compared (same data, same initial weights, full batch):

* ``'SGD (momentum 0.9) + L2'``: SGD with momentum 0.9 (learning rate `lr_sgd`) on the loss
  with lam/(2m) sum ||W||^2;
* ``'Adam + L2'``: Adam (learning rate `lr`) on the same loss;
* ``'AdamW (wd = λ/m)'``: Adam on the data loss with decoupled decay wd = lam/m, the conversion
  that is exact for plain SGD without momentum (`helpers.nn.decay_from_lam`) but not for Adam.

`deep_explorer` builds its artists once (`setup_deep_explorer`), renders the parts that never
change into one background image, and a move only changes the curve, the bars and the titles.
"""

from dataclasses import dataclass

import numpy as np
from matplotlib.ticker import MaxNLocator

from .._validation import as_array, as_int, as_lam, as_positive, as_vector
from ..linear.losses import mse
from ..nn import MLP, SGD, Adam, AdamW, decay_from_lam, train_mlp
from ..nn.optimizers import _as_names
from .core import Layout, apply_layout, artist_explorer, freeze_background

__all__ = ["DEEP_OPTIMIZERS", "DeepGrid", "precompute_deep_grid", "deep_explorer_update",
           "setup_deep_explorer", "draw_deep_explorer", "deep_explorer"]

DEEP_OPTIMIZERS = ("SGD (momentum 0.9) + L2", "Adam + L2", "AdamW (wd = λ/m)")


@dataclass(frozen=True)
class DeepGrid:
    """Trained results for every (optimizer, lam) pair.

    Attributes
    ----------
    lams : tuple of float
    optimizers : tuple of str
    x_train, y_train, x_val, y_val : ndarrays of shape (m,) and (m_val,)
    x_grid : ndarray of shape (k,)
    curves : ndarray of shape (n_optimizers, n_lams, k)
        The learned function on x_grid.
    train_mse, val_mse : ndarrays of shape (n_optimizers, n_lams)
    weight_norms : ndarray of shape (n_optimizers, n_lams, n_layers)
        ||W_l||_F at the end of training.
    train_curves, val_curves : ndarrays of shape (n_optimizers, n_lams, n_epochs)
        Training and validation MSE after every epoch.
    test_mse : ndarray of shape (n_optimizers, n_lams) or None
        MSE on the test set, when one was given (to score a choice made on validation data).
    """

    lams: tuple
    optimizers: tuple
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_grid: np.ndarray
    curves: np.ndarray
    train_mse: np.ndarray
    val_mse: np.ndarray
    weight_norms: np.ndarray
    train_curves: np.ndarray
    val_curves: np.ndarray
    test_mse: np.ndarray | None = None


def _make_optimizer(name, lam, m, lr, lr_sgd):
    if name == DEEP_OPTIMIZERS[0]:
        return SGD(lr_sgd, momentum=0.9), lam
    if name == DEEP_OPTIMIZERS[1]:
        return Adam(lr), lam
    return AdamW(lr, weight_decay=decay_from_lam(lam, m)), 0.0


def precompute_deep_grid(x_train, y_train, x_val, y_val, lams, hidden=(32, 32), n_epochs=600,
                         lr=0.02, lr_sgd=0.05, seed=1, optimizers=DEEP_OPTIMIZERS, n_grid=200,
                         x_test=None, y_test=None):
    """Train one tanh MLP of widths (1, *hidden, 1) per (optimizer, lam), full batch.

    Every network starts from the same weights (drawn from `seed`), so the differences come
    from lam and the optimizer only.

    Parameters
    ----------
    x_train, y_train : ndarrays of shape (m,)
    x_val, y_val : ndarrays of shape (m_val,)
    lams : sequence of float >= 0
    hidden : sequence of int
    n_epochs : int >= 1
    lr : float > 0
        Learning rate of Adam and AdamW.
    lr_sgd : float > 0
        Learning rate of SGD with momentum.
    seed : int
    optimizers : sequence of names from DEEP_OPTIMIZERS
    n_grid : int >= 2
        Points of the plotting grid over the range of x_train and x_val.
    x_test, y_test : ndarrays of shape (m_test,), optional
        A test set, used for nothing but `DeepGrid.test_mse`.

    Returns
    -------
    DeepGrid
    """
    x_train, y_train = _pair(x_train, y_train, "train")
    x_val, y_val = _pair(x_val, y_val, "val")
    has_test = x_test is not None or y_test is not None
    if has_test:
        if x_test is None or y_test is None:
            raise ValueError("give both x_test and y_test, or neither")
        x_test, y_test = _pair(x_test, y_test, "test")
    lams = tuple(as_lam(lam, f"lams[{k}]") for k, lam in enumerate(as_array(lams, "lams", 1)))
    if not lams:
        raise ValueError("lams is empty; give at least one value")
    optimizers = _as_names(optimizers, "optimizers")
    unknown = [name for name in optimizers if name not in DEEP_OPTIMIZERS]
    if unknown:
        raise ValueError(f"optimizers {unknown} unknown, must be among {DEEP_OPTIMIZERS}")
    hidden = _as_hidden(hidden)
    lr, lr_sgd = as_positive(lr, "lr"), as_positive(lr_sgd, "lr_sgd")
    n_grid = as_int(n_grid, "n_grid", minimum=2)
    n_epochs = as_int(n_epochs, "n_epochs", minimum=1)
    both = np.concatenate([x_train, x_val])
    x_grid = np.linspace(both.min(), both.max(), n_grid)
    m, sizes = x_train.shape[0], (1, *hidden, 1)
    shape = (len(optimizers), len(lams))
    curves, train_mse, val_mse = np.empty((*shape, n_grid)), np.empty(shape), np.empty(shape)
    test_mse = np.empty(shape) if has_test else None
    norms = np.empty((*shape, len(sizes) - 1))
    train_curves, val_curves = np.empty((*shape, n_epochs)), np.empty((*shape, n_epochs))
    for i, name in enumerate(optimizers):
        for j, lam in enumerate(lams):
            net = MLP(sizes, rng=seed, activation="tanh")
            optimizer, lam_loss = _make_optimizer(name, lam, m, lr, lr_sgd)
            history = train_mlp(net, x_train[:, None], y_train, optimizer, rng=seed,
                                lam=lam_loss, n_epochs=n_epochs, X_val=x_val[:, None],
                                y_val=y_val)
            curves[i, j] = net._forward(x_grid[:, None], training=False, rng=None)
            if has_test:
                test_mse[i, j] = mse(y_test, net.predict(x_test[:, None]))
            train_mse[i, j], val_mse[i, j] = history.train_mse[-1], history.val_mse[-1]
            norms[i, j] = history.weight_norms[-1]
            train_curves[i, j], val_curves[i, j] = history.train_mse, history.val_mse
    return DeepGrid(lams=lams, optimizers=tuple(optimizers), x_train=x_train, y_train=y_train,
                    x_val=x_val, y_val=y_val, x_grid=x_grid, curves=curves,
                    train_mse=train_mse, val_mse=val_mse, weight_norms=norms,
                    train_curves=train_curves, val_curves=val_curves, test_mse=test_mse)


def _pair(x, y, what):
    x, y = as_vector(x, f"x_{what}"), as_vector(y, f"y_{what}")
    if x.shape != y.shape:
        raise ValueError(f"x_{what} has {x.shape[0]} entries but y_{what} has {y.shape[0]}")
    return x, y


def _as_hidden(hidden):
    if isinstance(hidden, str) or not hasattr(hidden, "__len__"):
        raise TypeError(f"hidden must be a sequence of hidden-layer widths, e.g. (32, 32) or "
                        f"(8,) for one layer, got {hidden!r} ({type(hidden).__name__})")
    return tuple(as_int(width, f"hidden[{k}]", minimum=1) for k, width in enumerate(hidden))


def deep_explorer_update(grid, lam, optimizer):
    """Look up the precomputed result for (lam, optimizer): no training happens here.

    Parameters
    ----------
    grid : DeepGrid
    lam : float, one of grid.lams
    optimizer : str, one of grid.optimizers

    Returns
    -------
    dict
        curve : ndarray of shape (k,), the learned function on grid.x_grid; train_mse,
        val_mse : float; weight_norms : ndarray of shape (n_layers,).
    """
    _check_grid(grid)
    if optimizer not in grid.optimizers:
        raise ValueError(f"optimizer == {optimizer!r}, must be one of {grid.optimizers}")
    i, j = grid.optimizers.index(optimizer), _lam_index(grid, lam)
    return {"curve": grid.curves[i, j], "train_mse": float(grid.train_mse[i, j]),
            "val_mse": float(grid.val_mse[i, j]), "weight_norms": grid.weight_norms[i, j]}


def _lam_index(grid, lam):
    lam = as_lam(lam)
    matches = [j for j, value in enumerate(grid.lams) if np.isclose(value, lam, rtol=1e-9)]
    if not matches:
        raise ValueError(f"lam == {lam} was not precomputed; choose one of {grid.lams}")
    return matches[0]


def _check_grid(grid):
    if not isinstance(grid, DeepGrid):
        raise TypeError(f"grid must be a DeepGrid (from precompute_deep_grid), "
                        f"got {type(grid).__name__}")


# The figure as data: size, margins and fonts, then each panel's labels and limits.
LAYOUT = Layout(figsize=(10.4, 4.0), font=11.0, title=12.0,
                margins={"left": 0.065, "right": 0.985, "bottom": 0.14, "top": 0.9,
                         "wspace": 0.22})
FIT_PANEL = {"width": 2, "xlabel": "x", "ylabel": "y", "y_pad": 0.5, "legend": "lower right",
             "n_ticks": 5}
NORM_PANEL = {"width": 1, "xlabel": "weight matrix", "ylabel": r"Frobenius norm $\|W_l\|_F$",
              "headroom": 1.7, "legend": "upper left", "n_ticks": 5, "faded": 0.35}


def _fit_panel(ax, grid):
    """Validation and training points and the learned function; returns the curve."""
    ax.scatter(grid.x_val, grid.y_val, s=6, color="0.75", label="validation")
    ax.scatter(grid.x_train, grid.y_train, s=16, color="0.2", label="training", zorder=3)
    (line,) = ax.plot(grid.x_grid, grid.curves[0, 0], color="C1", label="network")
    ax.set(xlabel=FIT_PANEL["xlabel"], ylabel=FIT_PANEL["ylabel"],
           xlim=(grid.x_grid[0], grid.x_grid[-1]),
           ylim=(grid.y_val.min() - FIT_PANEL["y_pad"], grid.y_val.max() + FIT_PANEL["y_pad"]))
    ax.legend(loc=FIT_PANEL["legend"], fontsize=LAYOUT.font)
    ax.xaxis.set_major_locator(MaxNLocator(FIT_PANEL["n_ticks"]))
    ax.yaxis.set_major_locator(MaxNLocator(FIT_PANEL["n_ticks"]))
    return line


def _norm_panel(ax, grid):
    """Grouped bars of ||W_l||_F, one color per optimizer; returns {optimizer: bars}."""
    n_layers = grid.weight_norms.shape[-1]
    width = 0.8 / len(grid.optimizers)
    bars = {}
    for k, name in enumerate(grid.optimizers):
        offset = (k - (len(grid.optimizers) - 1) / 2) * width
        bars[name] = ax.bar(np.arange(n_layers) + offset, np.zeros(n_layers), width, label=name,
                            color=f"C{k}")
    # Mathtext labels are static: with freeze=True they are rendered once into the background.
    ax.set_xticks(np.arange(n_layers), [f"$W_{layer + 1}$" for layer in range(n_layers)])
    ax.set(xlabel=NORM_PANEL["xlabel"], ylabel=NORM_PANEL["ylabel"],
           ylim=(0, NORM_PANEL["headroom"] * grid.weight_norms.max()))
    ax.yaxis.set_major_locator(MaxNLocator(NORM_PANEL["n_ticks"]))
    ax.legend(fontsize=LAYOUT.font, loc=NORM_PANEL["legend"])
    return bars


def setup_deep_explorer(fig, grid, freeze=False):
    """Build the explorer's artists on `fig` once; return update(lam, optimizer).

    Left: data and the learned function; right: ||W_l||_F of each layer for every optimizer
    (the selected optimizer drawn opaque). update only changes the curve, the bar heights and
    alphas, and the titles; size, margins and limits come from LAYOUT, FIT_PANEL, NORM_PANEL
    (a top-level figure is resized to ``LAYOUT.figsize``).

    With ``freeze=True`` (for a live explorer on a `matplotlib.figure.Figure`) everything that
    never changes (axes, ticks, labels, legends, data points) is rendered once into a background
    image, so a move redraws only the curve, the bars and the titles.

    Parameters
    ----------
    fig : matplotlib Figure or SubFigure, empty
    grid : DeepGrid
    freeze : bool
        Render the static parts once (live explorers only).

    Returns
    -------
    update : callable
        update(lam, optimizer) shows one precomputed result; lam must be one of grid.lams.
    """
    _check_grid(grid)
    apply_layout(fig, LAYOUT)
    ax_fit, ax_norm = fig.subplots(1, 2, gridspec_kw={
        "width_ratios": [FIT_PANEL["width"], NORM_PANEL["width"]]})
    line, bars = _fit_panel(ax_fit, grid), _norm_panel(ax_norm, grid)
    for ax in (ax_fit, ax_norm):  # a fixed title height skips matplotlib's per-draw placement
        ax.set_title(" ", fontsize=LAYOUT.title, y=1.01)

    def update(lam, optimizer):
        result = deep_explorer_update(grid, lam, optimizer)
        line.set_ydata(result["curve"])
        ax_fit.title.set_text(f"{optimizer}, λ = {lam:g}: train MSE {result['train_mse']:.3f}, "
                              f"val MSE {result['val_mse']:.3f}")
        j = _lam_index(grid, lam)
        for i, name in enumerate(grid.optimizers):
            for patch, height in zip(bars[name], grid.weight_norms[i, j]):
                patch.set_height(height)
                patch.set_alpha(1.0 if name == optimizer else NORM_PANEL["faded"])
        ax_norm.title.set_text(f"weight norms at λ = {lam:g}")

    if freeze:
        freeze_background(fig, [line, *(p for c in bars.values() for p in c),
                                ax_fit.title, ax_norm.title])
    return update


def draw_deep_explorer(fig, grid, lam, optimizer):
    """The explorer's picture for one (lam, optimizer), drawn on `fig` (a static figure).

    A top-level figure is resized to ``LAYOUT.figsize`` (10.4 in x 4.0 in: projector-ready);
    show several settings as several figures, one row each.

    Parameters
    ----------
    fig : matplotlib Figure or SubFigure, empty
    grid : DeepGrid
    lam : float, one of grid.lams
    optimizer : str, one of grid.optimizers

    Returns
    -------
    fig : the figure drawn on, with two Axes (learned function, weight norms)
    """
    setup_deep_explorer(fig, grid)(lam, optimizer)
    return fig


def deep_explorer(grid):
    """A lam slider (over grid.lams) and an optimizer menu; artists built once, then updated.

    Parameters
    ----------
    grid : DeepGrid

    Returns
    -------
    ipywidgets.VBox
        The slider and the menu above the figure.
    """
    import ipywidgets as widgets

    _check_grid(grid)
    controls = {
        "lam": widgets.SelectionSlider(options=[(f"{lam:g}", lam) for lam in grid.lams],
                                       value=grid.lams[len(grid.lams) // 2], description="λ"),
        "optimizer": widgets.Dropdown(options=list(grid.optimizers), value=grid.optimizers[0],
                                      description="optimizer"),
    }
    return artist_explorer(lambda fig: setup_deep_explorer(fig, grid, freeze=True), controls,
                           figsize=LAYOUT.figsize, ncols=2)
