import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import Standardizer, cross_val_curve, kfold_indices, ridge_closed_form
from helpers.widgets.cv_explorer import (
    cv_explorer,
    cv_explorer_update,
    draw_cv_explorer,
    make_cv_explorer_problem,
)


@pytest.fixture(scope="module")
def problem():
    return make_cv_explorer_problem(0, m=20, degree=6)


def test_problem_is_reproducible(problem):
    again = make_cv_explorer_problem(0, m=20, degree=6)
    np.testing.assert_array_equal(problem.y, again.y)
    assert problem.x.shape == (20,) and np.all(np.diff(problem.lams) > 0)


def test_update_matches_a_fold_by_fold_refit(problem):
    view = cv_explorer_update(problem, 4, np.log10(problem.lams[10]))
    Z = problem.x[:, None] ** np.arange(1, 7)
    folds = kfold_indices(20, 4, problem.fold_seed)
    lam = problem.lams[10]
    errors = []
    for val in folds:
        train = np.setdiff1d(np.arange(20), val)
        scaler = Standardizer.fit(Z[train])
        w, b = ridge_closed_form(scaler.transform(Z[train]), problem.y[train], lam)
        errors.append(np.mean((problem.y[val] - scaler.transform(Z[val]) @ w - b) ** 2))
    assert view["curve"].mean[10] == pytest.approx(np.mean(errors), rel=1e-9)
    assert view["cv_at_lam"] == pytest.approx(np.mean(errors), rel=1e-9)  # on the grid
    assert view["lam"] == pytest.approx(lam)


def test_fits_are_ridge_on_all_points(problem):
    view = cv_explorer_update(problem, 5, 0.0)
    Z = problem.x[:, None] ** np.arange(1, 7)
    scaler = Standardizer.fit(Z)
    w, b = ridge_closed_form(scaler.transform(Z), problem.y, 1.0)
    grid = scaler.transform(problem.x_grid[:, None] ** np.arange(1, 7))
    np.testing.assert_allclose(view["y_fit"], grid @ w + b, rtol=1e-9)
    curve = cross_val_curve(Z, problem.y, problem.lams, 5, problem.fold_seed)
    w1, b1 = ridge_closed_form(scaler.transform(Z), problem.y, curve.lam_1se)
    np.testing.assert_allclose(view["y_fit_1se"], grid @ w1 + b1, rtol=1e-9)


def test_more_folds_and_leave_one_out_work(problem):
    loo = cv_explorer_update(problem, 20, -1.0)
    assert loo["curve"].fold_mse.shape == (20, problem.lams.size)
    assert loo["curve"].lam_1se >= loo["curve"].lam_min


def test_draw_and_widget_build(problem):
    fig = plt.figure()
    draw_cv_explorer(fig, problem, 3, 0.5)
    assert len(fig.axes) == 2
    plt.close("all")
    box = cv_explorer(problem)
    slider = box.children[0].children[0]
    slider.value = 2
    plt.close("all")


def test_bad_input(problem):
    with pytest.raises(ValueError, match="n_folds == 21, must be <= 20"):
        cv_explorer_update(problem, 21, 0.0)
    with pytest.raises(ValueError, match="n_folds == 1, must be >= 2"):
        cv_explorer_update(problem, 1, 0.0)
    with pytest.raises(TypeError, match="log10_lam must be a real number"):
        cv_explorer_update(problem, 3, "1")
    with pytest.raises(ValueError, match="m == 5, must be >= 10"):
        make_cv_explorer_problem(0, m=5)
