"""A small, readable numpy multilayer perceptron: layers, model, optimizers, training loop.

Objective (the course's convention for networks; biases never penalized):

    J(theta) = mean data loss + lam/(2m) sum_l ||W_l||_F^2

Modules: `layers` (Dense, Activation, Dropout as forward/backward pairs), `model` (MLP with
named parameters), `optimizers` (SGD, Adam, AdamW, decay_from_lam), `training` (train_mlp).
"""

from .layers import Activation, Dense, Dropout
from .model import MLP
from .optimizers import SGD, Adam, AdamW, decay_from_lam
from .training import TrainHistory, train_mlp

__all__ = ["Dense", "Activation", "Dropout", "MLP", "SGD", "Adam", "AdamW", "decay_from_lam",
           "TrainHistory", "train_mlp"]
