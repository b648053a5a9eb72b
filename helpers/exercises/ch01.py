"""Exercise checks for notebook 01 (background: overfitting, vanishing and exploding gradients).

The cases separate every planted mistake from the right answer on at least one case: |x| both
below and above 1 (so a missing or extra power changes the values), widths where 2/n_in,
sqrt(2)/n_in and sqrt(2/n_in) all differ, and gradients both above and below the clipping
threshold, including a small one (norm below 1) where squaring the norm would change the verdict.
"""

import numpy as np

from ._core import Exercise, Mistake

__all__ = ["check_poly_features", "check_he_std", "check_clip_by_norm"]


def _poly_features(x, degree):
    return x[:, None] ** np.arange(1, degree + 1)


def _poly_cases():
    rng = np.random.default_rng(101)
    return [(rng.uniform(-1, 1, 6), 3), (rng.uniform(-2, 2, 9), 5), (np.array([0.5, 2.0]), 1),
            (rng.uniform(-3, 3, 4), 7), (np.array([0.01, -0.02, 0.03]), 2)]


check_poly_features = Exercise(
    name="poly_features",
    reference=_poly_features,
    cases=_poly_cases,
    mistakes=[
        Mistake(lambda x, d: x[:, None] ** np.arange(d + 1),
                "you included the constant column x^0; leave it out, the bias b is fitted "
                "separately (and is not penalized)."),
        Mistake(lambda x, d: x[:, None] ** np.arange(d),
                "your powers run from 0 to degree-1; they should run from 1 to degree."),
        Mistake(lambda x, d: np.vander(x, d + 1),
                "np.vander puts the highest power first and includes x^0; build x^1 ... x^degree "
                "in increasing order."),
        Mistake(lambda x, d: (x[:, None] ** np.arange(1, d + 1)).T,
                "your matrix is transposed: one row per sample, one column per power (m, degree)."),
        Mistake(lambda x, d: x[:, None] ** np.arange(1, d + 2),
                "your powers run from 1 to degree+1, one column too many; stop at x^degree."),
        Mistake(lambda x, d: x[:, None] ** np.arange(1, d),
                "your powers run from 1 to degree-1, one column too few; include x^degree."),
        Mistake(lambda x, d: x[:, None] * np.arange(1, d + 1),
                "you multiplied x by 1, 2, ..., degree; raise it to those powers with ** instead."),
        Mistake(lambda x, d: x[:, None] ** np.arange(d, 0, -1),
                "your columns run from the highest power down to x^1; put them in increasing "
                "order x^1, x^2, ..., x^degree, for example "
                "np.vander(x, degree + 1, increasing=True)[:, 1:]."),
    ],
)


def _he_std(n_in):
    return float(np.sqrt(2.0 / n_in))


check_he_std = Exercise(
    name="he_std",
    reference=_he_std,
    cases=lambda: [(64,), (256,), (1000,), (3,)],
    mistakes=[
        Mistake(lambda n: float(np.sqrt(1.0 / n)),
                "that is the LeCun/Xavier scale sqrt(1/n_in); ReLU zeroes half of its inputs, so "
                "He et al. double the variance: sqrt(2/n_in)."),
        Mistake(lambda n: 2.0 / n,
                "2/n_in is the variance; the standard deviation is its square root."),
        Mistake(lambda n: float(np.sqrt(2.0) / n),
                "take the square root of the whole ratio 2/n_in, not of the 2 only."),
        Mistake(lambda n: float(np.sqrt(1.0 / (2.0 * n))),
                "you halved the variance, 1/(2 n_in); ReLU zeroes half of its inputs, so He et al. "
                "double it instead: sqrt(2/n_in)."),
        Mistake(lambda n: float(np.sqrt(6.0 / n)),
                "sqrt(6/n_in) is the bound of He's uniform initialization, not a standard "
                "deviation; the normal one has standard deviation sqrt(2/n_in)."),
        Mistake(lambda n: float(np.sqrt(n / 2.0)),
                "the ratio is upside down: the standard deviation is sqrt(2/n_in), which shrinks "
                "as the layer gets wider."),
    ],
)


def _clip(g, threshold):
    norm = np.linalg.norm(g)
    return g * (threshold / norm) if norm >= threshold else g


def _clip_cases():
    return [(np.array([3e4, -4e4]), 5.0), (np.array([0.1, 0.2, -0.2]), 1.0),
            (np.array([6.0, 8.0, 0.0]), 2.0), (np.array([3e-6, 4e-6]), 1e-6),
            (np.array([0.6, -0.7, 0.1]), 1.5)]


check_clip_by_norm = Exercise(
    name="clip_by_norm",
    reference=_clip,
    cases=_clip_cases,
    mistakes=[
        Mistake(lambda g, t: np.clip(g, -t, t),
                "np.clip clips each component separately, which changes the direction of the "
                "gradient; rescale the whole vector by threshold/||g|| instead."),
        Mistake(lambda g, t: g * (t / np.linalg.norm(g)),
                "you rescale every gradient; only those with ||g|| >= threshold should change, "
                "small ones pass unchanged."),
        Mistake(lambda g, t: g / np.linalg.norm(g) if np.linalg.norm(g) >= t else g,
                "you normalized to length 1; the clipped gradient should have length threshold."),
        Mistake(lambda g, t: g * (t / np.sum(g**2)) if np.sum(g**2) >= t else g,
                "you used the squared norm sum(g**2); clip by the Euclidean norm "
                "||g|| = sqrt(sum(g**2)), np.linalg.norm(g)."),
        Mistake(lambda g, t: g * (t / np.sum(np.abs(g))) if np.sum(np.abs(g)) >= t else g,
                "you used the L1 norm sum(|g|); gradient clipping uses the Euclidean (L2) norm "
                "np.linalg.norm(g)."),
        Mistake(lambda g, t: (g * (np.linalg.norm(g) / t) if np.linalg.norm(g) >= t else g),
                "your ratio is upside down: multiply g by threshold/||g||, which is below 1 "
                "when the gradient is too long."),
        Mistake(lambda g, t: g * (t / np.linalg.norm(g)) if np.linalg.norm(g) <= t else g,
                "your condition is reversed: rescale g only when ||g|| >= threshold, and let "
                "shorter gradients pass unchanged."),
        Mistake(lambda g, t: (_clip(g, t), float(np.linalg.norm(g))),
                "you returned a tuple (clipped, norm), like hp.clip_by_norm does; this exercise "
                "asks for the clipped array only, of the shape of g."),
    ],
)
