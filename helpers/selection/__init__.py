"""Choosing λ: cross-validation, the ridge and lasso paths, leave-one-out and GCV, nested CV.

Modules: `cv` (folds, validation curves, the one-standard-error rule), `ridge_path` (the whole
ridge path from one SVD, effective degrees of freedom, LOO and GCV), `lasso_path` (warm-started
lasso path), `nested_cv` (an honest estimate of a tuned model's error).
"""

from .cv import *
from .cv import __all__ as _cv
from .lasso_path import *
from .lasso_path import __all__ as _lasso_path
from .nested_cv import *
from .nested_cv import __all__ as _nested_cv
from .ridge_path import *
from .ridge_path import __all__ as _ridge_path

__all__ = [*_cv, *_ridge_path, *_lasso_path, *_nested_cv]
