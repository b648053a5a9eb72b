"""helpers: the tested computing behind the L1/L2 regularization course.

Convention (m samples, n features, X of shape (m, n), bias b never penalized):

    ridge: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2
    lasso: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m  ||w||_1

Every public name below is re-exported from its one-concept module.
"""

from . import exercises as exercises
from .activations import *
from .data import *
from .environment import *
from .errors import *
from .gradcheck import *
from .lasso import *
from .losses import *
from .plotting import *
from .ridge import *
