"""Worked solutions for notebook 01 (background), with the reasoning behind each line."""

import numpy as np


def poly_features(x, degree):
    """Columns x^1, x^2, ..., x^degree: shape (m, degree), no constant column.

    Why: x[:, None] has shape (m, 1) and np.arange(1, degree + 1) shape (degree,); numpy
    broadcasts ** over the pair into an (m, degree) table, row i = (x_i, x_i^2, ..., x_i^degree).
    No x^0 column: the bias b plays that role, is fitted separately and is never penalized, so a
    constant column inside the penalized weights would be penalized by mistake.
    """
    return x[:, None] ** np.arange(1, degree + 1)


def he_std(n_in):
    """He et al. (2015): std = sqrt(2 / n_in).

    Why: a layer's pre-activation sums n_in terms, so its variance is n_in * Var[W] * E[h^2].
    ReLU sets about half of its inputs to 0, which halves the second moment E[h^2] at every
    layer. Var[W] = 2 / n_in makes n_in * Var[W] / 2 = 1, so the signal keeps its size through
    depth, forward and backward (notebook 01, section 5). The exercise asks for the standard
    deviation, the square root of that variance.
    """
    return float(np.sqrt(2.0 / n_in))


def clip_by_norm(g, threshold):
    """Pascanu et al. (2013), Algorithm 1: if ||g|| >= threshold, g <- threshold * g / ||g||.

    Why: rescaling the whole vector keeps its direction (clipping each component separately with
    np.clip would turn it); the Euclidean norm is the length of the step, so after clipping the
    step has length exactly `threshold`. Gradients shorter than the threshold pass unchanged:
    clipping is a safety net against explosion, not a normalization.
    """
    norm = np.linalg.norm(g)                  # sqrt(sum g_i^2), the Euclidean length
    if norm >= threshold:
        return g * (threshold / norm)
    return g
