import numpy as np
import pytest

from helpers.exercises import check_clip_by_norm, check_he_std, check_poly_features
from solutions import ch01


@pytest.mark.parametrize("check, solution", [
    (check_poly_features, ch01.poly_features),
    (check_he_std, ch01.he_std),
    (check_clip_by_norm, ch01.clip_by_norm),
])
def test_solutions_pass(check, solution):
    assert check.grade(solution).passed


PLANTED = [
    (check_poly_features, lambda x, d: x[:, None] ** np.arange(d + 1), "constant column"),
    (check_poly_features, lambda x, d: x[:, None] ** np.arange(d), "from 0 to degree-1"),
    (check_poly_features, lambda x, d: np.vander(x, d + 1), "np.vander"),
    (check_poly_features, lambda x, d: (x[:, None] ** np.arange(1, d + 1)).T, "transposed"),
    (check_he_std, lambda n: float(np.sqrt(1 / n)), "LeCun/Xavier"),
    (check_he_std, lambda n: 2 / n, "is the variance"),
    (check_he_std, lambda n: float(np.sqrt(2) / n), "whole ratio"),
    (check_clip_by_norm, lambda g, t: np.clip(g, -t, t), "changes the direction"),
    (check_clip_by_norm, lambda g, t: g * t / np.linalg.norm(g), "small ones pass unchanged"),
    (check_clip_by_norm,
     lambda g, t: g / np.linalg.norm(g) if np.linalg.norm(g) >= t else g, "length 1"),
    (check_clip_by_norm,
     lambda g, t: ((g * t / np.linalg.norm(g) if np.linalg.norm(g) >= t else g),
                   np.linalg.norm(g)), "tuple (clipped, norm)"),
]


@pytest.mark.parametrize("check, wrong, phrase", PLANTED)
def test_planted_mistakes_get_their_hints(check, wrong, phrase):
    fb = check.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


def test_stub_is_todo():
    def stub(x, degree):
        raise NotImplementedError  # your code here
    assert check_poly_features.grade(stub).status == "todo"
