"""helpers: the tested computing behind the L1/L2 regularization course.

Convention (m samples, n features, X of shape (m, n), bias b never penalized):

    ridge: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2
    lasso: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m  ||w||_1

Every public name below is re-exported from its one-concept module.
"""

from . import exercises as exercises
from .activations import *
from .converter import *
from .curvature import *
from .cv import *
from .data import *
from .deep_gradients import *
from .dropout_linear import *
from .early_stopping import *
from .environment import *
from .errors import *
from .geometry import *
from .gradcheck import *
from .gradcheck_sweep import *
from .high_dim import *
from .lasso import *
from .lasso_path import *
from .losses import *
from .nested_cv import *
from .nn import *
from .plotting import *
from .polynomial import *
from .practical import *
from .priors import *
from .proximal import *
from .ridge import *
from .ridge_path import *
