"""Notebook 01's checkers: right answers in any form pass; each typical mistake gets its hint."""

import math

import numpy as np
import pytest

from helpers.exercises import check_clip_by_norm, check_he_std, check_poly_features

RIGHT = [
    (check_poly_features, lambda x, d: x[:, None] ** np.arange(1, d + 1)),
    (check_poly_features, lambda x, d: np.vander(x, d + 1, increasing=True)[:, 1:]),
    (check_poly_features, lambda x, d: np.polynomial.polynomial.polyvander(x, d)[:, 1:]),
    (check_poly_features, lambda x, d: np.column_stack([x**k for k in range(1, d + 1)])),
    (check_poly_features, lambda x, d: np.cumprod(np.repeat(x[:, None], d, axis=1), axis=1)),
    (check_poly_features,
     lambda x, d: (x.astype(np.float32)[:, None] ** np.arange(1, d + 1)).astype(np.float32)),
    (check_poly_features, lambda x, d: [[xi**k for k in range(1, d + 1)] for xi in x]),
    (check_he_std, lambda n: math.sqrt(2 / n)),
    (check_he_std, lambda n: (2 / n) ** 0.5),
    (check_he_std, lambda n: np.float32(np.sqrt(np.float32(2) / n))),
    (check_he_std, lambda n: np.sqrt(2) / np.sqrt(n)),
    (check_clip_by_norm,
     lambda g, t: g * min(1.0, t / np.linalg.norm(g))),
    (check_clip_by_norm,
     lambda g, t: (t * g / math.sqrt(sum(v * v for v in g))
                   if math.sqrt(sum(v * v for v in g)) > t else g)),
    (check_clip_by_norm,
     lambda g, t: (g.astype(np.float32) * np.float32(t / np.linalg.norm(g))
                   if np.linalg.norm(g) >= t else g.astype(np.float32))),
    (check_clip_by_norm,
     lambda g, t: list(g * (t / np.linalg.norm(g)) if np.linalg.norm(g) >= t else g)),
]


@pytest.mark.parametrize("check, right", RIGHT)
def test_right_answers_pass(check, right):
    fb = check.grade(right)
    assert fb.passed, fb.message


def _inplace_clip(g, t):
    norm = np.linalg.norm(g)
    if norm >= t:
        g *= t / norm  # modifying the argument is fine: the check passes copies
    return g


def test_in_place_clipping_passes():
    assert check_clip_by_norm.grade(_inplace_clip).passed


WRONG = [
    (check_poly_features, lambda x, d: x[:, None] ** np.arange(d + 1), "constant column"),
    (check_poly_features, lambda x, d: x[:, None] ** np.arange(d), "from 0 to degree-1"),
    (check_poly_features, lambda x, d: np.vander(x, d + 1), "np.vander"),
    (check_poly_features, lambda x, d: (x[:, None] ** np.arange(1, d + 1)).T, "transposed"),
    (check_poly_features, lambda x, d: x[:, None] ** np.arange(1, d + 2), "one column too many"),
    (check_poly_features, lambda x, d: x[:, None] ** np.arange(1, d), "one column too few"),
    (check_poly_features, lambda x, d: x[:, None] * np.arange(1, d + 1), "raise it to those"),
    (check_poly_features, lambda x, d: np.vander(x, d + 1)[:, :-1], "highest power down"),
    (check_poly_features,
     lambda x, d: np.column_stack([x**k for k in range(1, d + 1)])[:, ::-1], "increasing"),
    (check_he_std, lambda n: math.sqrt(1 / n), "LeCun/Xavier"),
    (check_he_std, lambda n: 2 / n, "is the variance"),
    (check_he_std, lambda n: math.sqrt(2) / n, "whole ratio"),
    (check_he_std, lambda n: math.sqrt(1 / (2 * n)), "halved the variance"),
    (check_he_std, lambda n: math.sqrt(6 / n), "uniform initialization"),
    (check_he_std, lambda n: math.sqrt(n / 2), "upside down"),
    (check_clip_by_norm, lambda g, t: np.clip(g, -t, t), "changes the direction"),
    (check_clip_by_norm, lambda g, t: g * t / np.linalg.norm(g), "small ones pass unchanged"),
    (check_clip_by_norm,
     lambda g, t: g / np.linalg.norm(g) if np.linalg.norm(g) >= t else g, "length 1"),
    (check_clip_by_norm,
     lambda g, t: g * t / np.dot(g, g) if np.dot(g, g) >= t else g, "squared norm"),
    (check_clip_by_norm,
     lambda g, t: g * t / np.abs(g).sum() if np.abs(g).sum() >= t else g, "L1 norm"),
    (check_clip_by_norm,
     lambda g, t: g * np.linalg.norm(g) / t if np.linalg.norm(g) >= t else g, "upside down"),
    (check_clip_by_norm,
     lambda g, t: g * t / np.linalg.norm(g) if np.linalg.norm(g) < t else g,
     "condition is reversed"),
    (check_clip_by_norm,
     lambda g, t: ((g * t / np.linalg.norm(g) if np.linalg.norm(g) >= t else g),
                   np.linalg.norm(g)), "tuple (clipped, norm)"),
]


@pytest.mark.parametrize("check, wrong, phrase", WRONG)
def test_typical_mistakes_get_their_hint(check, wrong, phrase):
    fb = check.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


def test_clip_cases_cover_both_sides_of_the_threshold_and_small_norms():
    """Unchanged and clipped gradients, and a clipped one of norm below 1, where squaring the
    norm moves it to the other side of the threshold."""
    from helpers.exercises.ch01 import _clip_cases

    norms = [(np.linalg.norm(g), t) for g, t in _clip_cases()]
    assert any(n < t for n, t in norms) and any(n >= t for n, t in norms)
    assert any(t <= n < 1 and n**2 < t for n, t in norms)


def test_stubs_are_todo():
    def stub(*args):
        raise NotImplementedError
    for check in (check_poly_features, check_he_std, check_clip_by_norm):
        assert check.grade(stub).status == "todo"
