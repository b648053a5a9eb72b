"""Neural networks in numpy: activations and initializations, and a small readable MLP.

Objective (the course's convention for networks; biases never penalized):

    J(theta) = mean data loss + lam/(2m) sum_l ||W_l||_F^2

Modules: `activations` (activation functions and weight initializations), `layers` (Dense,
Activation, Dropout as forward/backward pairs), `model` (MLP with named parameters),
`optimizers` (SGD, Adam, AdamW, decay_from_lam), `training` (train_mlp).
"""

from .activations import *
from .activations import __all__ as _activations
from .layers import Activation, Dense, Dropout
from .model import MLP
from .optimizers import SGD, Adam, AdamW, decay_from_lam
from .training import TrainHistory, train_mlp

__all__ = [*_activations, "Dense", "Activation", "Dropout", "MLP", "SGD", "Adam", "AdamW",
           "decay_from_lam", "TrainHistory", "train_mlp"]
