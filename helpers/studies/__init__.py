"""Studies: the computing behind one notebook's experiment each.

Modules: `deep_gradients` (vanishing/exploding gradients, notebook 01), `priors` (the MAP view,
02), `converter` (λ in other libraries' terms, 02), `gradcheck_sweep` (the h sweep, 03),
`early_stopping` (early stopping vs L2, 04 and 06), `dropout_linear` (dropout's ridge equivalent,
06), `high_dim` (double descent and tuned ridge, 07), `imbalance` (class weights, oversampling,
stratified folds, 07), `missing` (imputation inside the folds, 07).
"""

from .converter import *
from .converter import __all__ as _converter
from .deep_gradients import *
from .deep_gradients import __all__ as _deep_gradients
from .dropout_linear import *
from .dropout_linear import __all__ as _dropout_linear
from .early_stopping import *
from .early_stopping import __all__ as _early_stopping
from .gradcheck_sweep import *
from .gradcheck_sweep import __all__ as _gradcheck_sweep
from .high_dim import *
from .high_dim import __all__ as _high_dim
from .imbalance import *
from .imbalance import __all__ as _imbalance
from .missing import *
from .missing import __all__ as _missing
from .priors import *
from .priors import __all__ as _priors

__all__ = [*_deep_gradients, *_priors, *_converter, *_gradcheck_sweep, *_early_stopping,
           *_dropout_linear, *_high_dim, *_imbalance, *_missing]
