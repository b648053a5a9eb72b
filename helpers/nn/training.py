"""Mini-batch training of an `MLP`, with a history and early stopping.

Each epoch shuffles the training set (with `rng`), takes one optimizer step per mini-batch on

    J_batch = 1/(2 m_b) ||y_hat - y||^2_batch + lam/(2m) sum_l ||W_l||_F^2,   m = len(y),

then records, with dropout off, the training and validation mean squared errors, the norm of
each weight matrix, and the mean gradient norm of each weight matrix over the epoch's batches.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_int, as_lam, as_rng, as_vector
from ..errors import DivergenceError
from .model import MLP
from .optimizers import _Optimizer

__all__ = ["TrainHistory", "train_mlp"]


@dataclass(frozen=True)
class TrainHistory:
    """What `train_mlp` recorded, one row per epoch run.

    Attributes
    ----------
    train_mse : ndarray of shape (n_run,)
        Mean squared error (1/m) sum r^2 on the whole training set after each epoch, no penalty.
    val_mse : ndarray of shape (n_run,) or None
        The same on the validation set, when one was given.
    weight_norms : ndarray of shape (n_run, n_layers)
        ||W_l||_F after each epoch.
    grad_norms : ndarray of shape (n_run, n_layers)
        Mean over the epoch's mini-batches of ||dJ/dW_l||_F (L2 term included).
    layer_names : tuple of str
        The weight names, one per column ('dense1.W', ...).
    best_epoch : int or None
        Epoch (1-based) with the lowest validation MSE, when a validation set was given.
    stopped_early : bool
        True when patience ran out before n_epochs.
    """

    train_mse: np.ndarray
    val_mse: np.ndarray | None
    weight_norms: np.ndarray
    grad_norms: np.ndarray
    layer_names: tuple
    best_epoch: int | None
    stopped_early: bool

    @property
    def n_epochs(self):
        return self.train_mse.shape[0]


def train_mlp(model, X, y, optimizer, rng, lam=0.0, n_epochs=100, batch_size=None,
              X_val=None, y_val=None, patience=None):
    """Train `model` in place by mini-batch steps of `optimizer`; return a `TrainHistory`.

    Parameters
    ----------
    model : MLP
    X : ndarray of shape (m, n_in)
    y : ndarray of shape (m,)
    optimizer : SGD, Adam or AdamW
        Its decoupled decay (if any) is applied to ``model.weight_names`` only.
    rng : numpy Generator or int seed
        Shuffles the batches and draws the dropout masks: same seed, same run.
    lam : float >= 0
        L2 strength of the term lam/(2m) sum ||W_l||^2 in the loss.
    n_epochs : int >= 1
    batch_size : int >= 1, optional
        Full batch (m) by default.
    X_val, y_val : ndarrays of shapes (m_val, n_in) and (m_val,), optional
    patience : int >= 1, optional
        Early stopping: stop after `patience` epochs without a new best validation MSE, and
        restore the weights of the best epoch (needs a validation set).

    Raises
    ------
    DivergenceError
        When the training MSE becomes NaN or infinite, or rises above 1e4 times its starting
        value (the larger of the untrained network's MSE and the variance of y): lower lr.

    Returns
    -------
    TrainHistory
    """
    X, y, X_val, y_val = _check_data(model, X, y, X_val, y_val)
    if not isinstance(optimizer, _Optimizer):
        raise TypeError(f"optimizer must be an SGD, Adam or AdamW instance, "
                        f"got {type(optimizer).__name__}")
    rng, lam = as_rng(rng), as_lam(lam)
    n_epochs = as_int(n_epochs, "n_epochs", minimum=1)
    m = X.shape[0]
    batch_size = m if batch_size is None else as_int(batch_size, "batch_size", minimum=1)
    if patience is not None:
        patience = as_int(patience, "patience", minimum=1)
        if X_val is None:
            raise ValueError("patience needs a validation set: pass X_val and y_val")

    records, best = [], (np.inf, 0, None)  # (val MSE, epoch, weights)
    stopped_early = False
    # Reference for the divergence check: the larger of the starting MSE and the variance of y
    # (so that a network that starts exactly on the data does not count as diverging).
    start_mse = max(_evaluate(model, X, y, None, None, None)[0], float(np.var(y)), 1e-12)
    for epoch in range(1, n_epochs + 1):
        grad_norms = _run_epoch(model, X, y, optimizer, rng, lam, batch_size)
        record = _evaluate(model, X, y, X_val, y_val, grad_norms)
        records.append(record)
        _check_divergence(record[0], start_mse, epoch, optimizer.lr)
        if X_val is not None and record[1] < best[0]:
            best = (record[1], epoch, model.copy_params() if patience else None)
        if patience and epoch - best[1] >= patience:
            stopped_early = epoch < n_epochs
            break
    if patience and best[2] is not None:
        model.set_params(best[2])
    return TrainHistory(
        train_mse=np.array([r[0] for r in records]),
        val_mse=None if X_val is None else np.array([r[1] for r in records]),
        weight_norms=np.array([r[2] for r in records]),
        grad_norms=np.array([r[3] for r in records]),
        layer_names=model.weight_names, best_epoch=best[1] or None, stopped_early=stopped_early)


DIVERGENCE_FACTOR = 1e4


def _check_divergence(train_mse, start_mse, epoch, lr):
    """Raise when the training MSE is NaN/inf or DIVERGENCE_FACTOR times its starting value."""
    if not np.isfinite(train_mse):
        raise DivergenceError(f"training diverged at epoch {epoch} (training MSE is "
                              f"{train_mse}); lower the learning rate lr={lr:.3g}")
    if train_mse > DIVERGENCE_FACTOR * start_mse:
        raise DivergenceError(f"training diverged at epoch {epoch}: training MSE {train_mse:.3g} "
                              f"is more than {DIVERGENCE_FACTOR:.0e} times its starting value "
                              f"{start_mse:.3g}; lower the learning rate lr={lr:.3g}")


def _run_epoch(model, X, y, optimizer, rng, lam, batch_size):
    m = X.shape[0]
    order = rng.permutation(m) if batch_size < m else np.arange(m)
    sums = np.zeros(len(model.weight_names))
    n_batches = 0
    with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported, not warned
        for start in range(0, m, batch_size):
            idx = order[start:start + batch_size]
            _, grads = model._loss_and_grads(X[idx], y[idx], lam, m, True, rng)
            sums += [np.linalg.norm(grads[name]) for name in model.weight_names]
            optimizer.step(model.params, grads, decay=model.weight_names)
            n_batches += 1
    return sums / n_batches


def _evaluate(model, X, y, X_val, y_val, grad_norms):
    with np.errstate(over="ignore", invalid="ignore"):
        train_mse = float(np.mean((model._forward(X, False, None) - y) ** 2))
        val_mse = (np.nan if X_val is None
                   else float(np.mean((model._forward(X_val, False, None) - y_val) ** 2)))
        norms = [np.linalg.norm(W) for W in (model.params[n] for n in model.weight_names)]
    return train_mse, val_mse, norms, grad_norms


def _check_data(model, X, y, X_val, y_val):
    if not isinstance(model, MLP):
        raise TypeError(f"model must be an MLP, got {type(model).__name__}")
    X, y, _, _ = model._check_Xy(X, y, 0.0, None)
    if (X_val is None) != (y_val is None):
        raise ValueError("give both X_val and y_val, or neither")
    if X_val is not None:
        X_val = model._check_X(X_val, "X_val")
        y_val = as_vector(y_val, "y_val", length=X_val.shape[0],
                          length_of="one target per row of X_val")
    return X, y, X_val, y_val
