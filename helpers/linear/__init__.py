"""Linear models: the regularized objective, its solvers and its geometry.

Modules: `losses` (J, its gradient, soft thresholding), `ridge` (closed form, gradient descent, the
step-size bound, the Hessian in (w, b)), `lasso` (the one coordinate descent: lasso and elastic
net), `proximal` (ISTA, subgradient descent), `curvature` (condition number, shrinkage factors),
`geometry` (penalized and constrained solutions, maths only), `polynomial` (polynomial features
and fits), `logistic` (sigmoid, logistic loss and gradient, Newton solver).
"""

from .curvature import *
from .curvature import __all__ as _curvature
from .geometry import *
from .geometry import __all__ as _geometry
from .lasso import *
from .lasso import __all__ as _lasso
from .logistic import *
from .logistic import __all__ as _logistic
from .losses import *
from .losses import __all__ as _losses
from .polynomial import *
from .polynomial import __all__ as _polynomial
from .proximal import *
from .proximal import __all__ as _proximal
from .ridge import *
from .ridge import __all__ as _ridge

__all__ = [*_losses, *_ridge, *_lasso, *_proximal, *_curvature, *_geometry, *_polynomial,
           *_logistic]
