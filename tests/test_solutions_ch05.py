import numpy as np
import pytest

from helpers import loo_cv_ridge, one_se_rule
from helpers.exercises import ch05 as checks
from helpers.exercises import (
    check_fold_labels,
    check_loo_ridge,
    check_one_se_lam,
    check_tuned_pipeline,
)
from solutions import ch05


def test_solutions_pass():
    assert check_fold_labels.grade(ch05.fold_labels).passed
    assert check_one_se_lam.grade(ch05.one_se_lam).passed
    assert check_loo_ridge.grade(ch05.loo_ridge).passed
    assert check_tuned_pipeline.grade(ch05.tuned_test_mse).passed


def test_references_agree_with_the_helpers():
    for X, y, lam in checks._loo_cases():
        assert checks._loo_ridge(X, y, lam) == pytest.approx(loo_cv_ridge(X, y, [lam])[0],
                                                             rel=1e-10)
    for lams, mean, se in checks._one_se_cases():
        assert checks._one_se_lam(lams, mean, se) == one_se_rule(lams, mean, se)
    for order, n_folds in checks._fold_cases():
        labels = checks._fold_labels(order, n_folds)
        sizes = np.bincount(labels, minlength=n_folds)
        assert sizes.size == n_folds and sizes.max() - sizes.min() <= 1


def test_stubs_get_the_not_implemented_line():
    def stub(*args):
        raise NotImplementedError
    for check in (check_fold_labels, check_one_se_lam, check_loo_ridge, check_tuned_pipeline):
        assert check.grade(stub).status == "todo"


@pytest.mark.parametrize("check", [check_fold_labels, check_one_se_lam, check_loo_ridge,
                                   check_tuned_pipeline],
                         ids=lambda c: c.name)
def test_each_planted_mistake_gets_its_own_hint(check):
    for mistake in check.mistakes:
        feedback = check.grade(mistake.fn)
        assert feedback.status == "fail" and mistake.hint in feedback.message, feedback.message


def test_hints_name_the_mistake():
    wrong = {
        (check_fold_labels, "ignore the shuffle"): lambda order, k: np.arange(order.size) % k,
        (check_fold_labels, "returned the list of folds"):
            lambda order, k: [np.sort(np.flatnonzero(checks._fold_labels(order, k) == j))
                              for j in range(k)],
        (check_fold_labels, "shape (m,)"): lambda order, k: tuple(np.array_split(order, k)),
        (check_one_se_lam, "smallest lam"): checks._smallest_in_band,
        (check_loo_ridge, "include 1/m"): checks._loo_without_bias_leverage,
        (check_loo_ridge, "that is GCV"): checks._gcv,
        (check_loo_ridge, "training error"): checks._training_error,
    }
    for (check, phrase), fn in wrong.items():
        assert phrase in check.grade(fn).message
