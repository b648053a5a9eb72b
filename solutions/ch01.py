"""Solutions for notebook 01 (background)."""

import numpy as np


def poly_features(x, degree):
    """Columns x^1, x^2, ..., x^degree: shape (m, degree), no constant column."""
    return x[:, None] ** np.arange(1, degree + 1)


def he_std(n_in):
    """He et al. (2015): std = sqrt(2 / n_in) keeps the variance constant through ReLU layers."""
    return float(np.sqrt(2.0 / n_in))


def clip_by_norm(g, threshold):
    """Pascanu et al. (2013), Algorithm 1: if ||g|| >= threshold, g <- threshold * g / ||g||."""
    norm = np.linalg.norm(g)
    if norm >= threshold:
        return g * (threshold / norm)
    return g
