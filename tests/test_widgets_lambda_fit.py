import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import mse, poly_features, ridge_closed_form
from helpers.widgets.lambda_fit import (
    draw_lambda_fit,
    lambda_fit_explorer,
    lambda_fit_update,
    make_lambda_fit_problem,
)


@pytest.fixture(scope="module")
def problem():
    return make_lambda_fit_problem(0, m=30, degree=6, lams=np.logspace(-3, 2, 6))


def test_update_matches_an_independent_ridge_fit(problem):
    lam = 0.7
    state = lambda_fit_update(problem, lam)
    Z = poly_features(problem.x_train, problem.degree)
    mean, scale = Z.mean(axis=0), Z.std(axis=0)
    w, b = ridge_closed_form((Z - mean) / scale, problem.y_train, lam)
    np.testing.assert_allclose(state["w"], w, rtol=1e-10)
    Zv = (poly_features(problem.x_val, problem.degree) - mean) / scale
    assert state["val_mse"] == pytest.approx(mse(problem.y_val, Zv @ w + b), rel=1e-10)
    assert state["y_grid"].shape == problem.x_grid.shape


def test_precomputed_curves_agree_with_the_update(problem):
    for k in (0, 3, 5):
        state = lambda_fit_update(problem, problem.lams[k])
        assert state["train_mse"] == pytest.approx(problem.train_mse[k], rel=1e-10)
        assert state["val_mse"] == pytest.approx(problem.val_mse[k], rel=1e-10)
    assert np.all(np.diff(problem.train_mse) >= -1e-12)  # training error grows with lam


def test_shrinkage_with_lam(problem):
    norms = [np.linalg.norm(lambda_fit_update(problem, lam)["w"]) for lam in (0.01, 1.0, 100.0)]
    assert norms[0] > norms[1] > norms[2]


def test_split_sizes(problem):
    assert problem.x_train.size == 21 and problem.x_val.size == 9


def test_draw_and_explorer(problem):
    fig = draw_lambda_fit(plt.figure(), problem, 1.0)
    assert len(fig.axes) == 3
    box = lambda_fit_explorer(problem)
    box.children[0].children[0].value = 1.5
    plt.close("all")


def test_bad_input(problem):
    with pytest.raises(TypeError, match="LambdaFitProblem"):
        lambda_fit_update("data", 1.0)
    with pytest.raises(ValueError, match="lam == -1.0"):
        lambda_fit_update(problem, -1.0)
    with pytest.raises(ValueError, match="lams must be"):
        make_lambda_fit_problem(0, lams=np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="m == 5"):
        make_lambda_fit_problem(0, m=5)
