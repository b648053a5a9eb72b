"""helpers: the tested computing behind the L1/L2 regularization course.

Convention (m samples, n features, X of shape (m, n), bias b never penalized):

    ridge: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2
    lasso: J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/m  ||w||_1

Module map (each layer imports only the layers above it in this list):

    _validation, errors   input checks with messages that name the argument (one rule per kind
                          of input, a rank cutoff relative to s_max); the two error types
    data, gradcheck       seeded data, splits, standardization; numerical gradients, rel_error
    linear/               the objective and its solvers: losses, ridge (closed form, GD, the
                          Hessian in (w, b)), lasso (the one coordinate descent, elastic net too),
                          proximal (ISTA), curvature, geometry (maths only), polynomial,
                          logistic (sigmoid, logistic loss, Newton)
    nn/                   activations and a small numpy MLP: layers, model, optimizers, training
    selection/            choosing λ: cv, ridge_path (LOO, GCV, df), lasso_path, nested_cv
    studies/              one notebook's experiment each: deep_gradients, priors, converter,
                          gradcheck_sweep, early_stopping, dropout_linear, high_dim, imbalance,
                          missing
    plotting, environment the course's figure style and shared plots; the environment check
    widgets/, exercises/  the notebooks' explorers and exercise checks (imported by module)

Every public name of the compute modules is re-exported here, so ``from helpers import X`` works.
"""

from importlib import metadata as _metadata

from . import exercises as exercises
from . import linear, nn, selection, studies
from .data import *
from .data import __all__ as _data
from .environment import *
from .environment import __all__ as _environment
from .errors import *
from .errors import __all__ as _errors
from .gradcheck import *
from .gradcheck import __all__ as _gradcheck
from .linear import *
from .nn import *
from .plotting import *
from .plotting import __all__ as _plotting
from .selection import *
from .studies import *

try:
    __version__ = _metadata.version("l1l2-course")
except _metadata.PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = ["__version__", "exercises", *_errors, *_data, *_gradcheck, *linear.__all__,
           *selection.__all__, *nn.__all__, *studies.__all__, *_plotting, *_environment]

# Names of 0.1.0 that 0.2 renamed: still importable, with a FutureWarning, until 0.3.
_RENAMED = {"GDResult": "DescentResult", "LassoPath": "DescentResult"}


def __getattr__(name):
    if name in _RENAMED:
        import warnings

        warnings.warn(f"helpers.{name} is the old name of helpers.{_RENAMED[name]} and will be "
                      f"removed in helpers 0.3", FutureWarning, stacklevel=2)
        return globals()[_RENAMED[name]]
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
