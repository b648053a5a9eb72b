"""The shared input checks: one rule per kind of input, messages that name the argument."""

import numpy as np
import pytest

from helpers._validation import (
    as_array,
    as_bool,
    as_choice,
    as_folds,
    as_labels,
    as_lams,
    centered,
    constant_columns,
    rank_cutoff,
    renamed,
)


def test_complex_input_is_refused_not_truncated():
    with pytest.raises(TypeError, match="X must hold real numbers, got complex"):
        as_array(np.array([1 + 2j, 3.0]), "X")
    with pytest.raises(TypeError, match="w must hold real numbers"):
        as_array([1j], "w")
    # a complex dtype with zero imaginary parts is still refused: the caller must say .real
    with pytest.raises(TypeError, match="complex"):
        as_array(np.array([1.0, 2.0], dtype=complex), "y")


def test_complex_input_is_refused_by_public_functions():
    from helpers import ridge_closed_form

    X = np.ones((4, 2)) + 1j
    with pytest.raises(TypeError, match="X must hold real numbers"):
        ridge_closed_form(X, np.ones(4), 1.0)


@pytest.mark.parametrize("value", [True, False, np.True_, np.False_, np.bool_(1)])
def test_as_bool_accepts_python_and_numpy_booleans(value):
    assert as_bool(value, "flag") is bool(value)


@pytest.mark.parametrize("value", ["no", 1, 0, None, np.array([True])])
def test_as_bool_refuses_everything_else(value):
    with pytest.raises(TypeError, match="flag must be True or False"):
        as_bool(value, "flag")


def test_as_lams_with_and_without_zero():
    np.testing.assert_array_equal(as_lams([0.0, 1.0], allow_zero=True), [0.0, 1.0])
    with pytest.raises(ValueError, match=r"lams has 1 value\(s\) <= 0"):
        as_lams([0.0, 1.0])
    with pytest.raises(ValueError, match=r"lams has 1 value\(s\) < 0 .* must be >= 0"):
        as_lams([-1.0, 1.0], allow_zero=True)
    with pytest.raises(ValueError, match="non-empty 1-D"):
        as_lams([])


def test_as_choice():
    assert as_choice("a", "kind", ("a", "b")) == "a"
    with pytest.raises(ValueError, match=r"kind == 'c', must be one of \('a', 'b'\)"):
        as_choice("c", "kind", ("a", "b"))
    with pytest.raises(ValueError, match="kind =="):
        as_choice(np.array(["a"]), "kind", ("a", "b"))


def test_as_folds_one_rule_for_every_caller():
    parts = as_folds([np.array([0, 2]), [1, 3]], 4)
    assert [p.tolist() for p in parts] == [[0, 2], [1, 3]]
    with pytest.raises(TypeError, match=r"folds\[1\] has dtype float64"):
        as_folds([np.array([0, 2]), np.array([1.0, 3.0])], 4)
    with pytest.raises(TypeError, match=r"folds\[0\] has dtype bool"):
        as_folds([np.array([True, False]), np.array([1, 3])], 4)
    with pytest.raises(ValueError, match="at least 2 non-empty"):
        as_folds([np.arange(4)], 4)
    with pytest.raises(ValueError, match="at least 2 non-empty"):
        as_folds([np.arange(4), np.array([], dtype=int)], 4)
    with pytest.raises(ValueError, match="each index 0..3 exactly once"):
        as_folds([np.array([0, 1]), np.array([1, 2])], 4)
    with pytest.raises(TypeError, match="folds must be a list of index arrays"):
        as_folds(np.arange(4), 4)
    with pytest.raises(TypeError, match="my_folds must be a list"):
        as_folds(7, 4, name="my_folds")


def test_cv_and_missing_value_cv_share_the_fold_check():
    from helpers import cross_val_curve, cv_mse_imputed

    X, y = np.random.default_rng(0).normal(size=(6, 2)), np.arange(6.0)
    bad = [np.array([0, 1, 2]), np.array([2, 3, 4])]
    for call in (lambda: cross_val_curve(X, y, [1.0], folds=bad),
                 lambda: cv_mse_imputed(X, y, 1.0, bad)):
        with pytest.raises(ValueError, match="each index 0..5 exactly once"):
            call()


def test_as_labels():
    np.testing.assert_array_equal(as_labels([0, 1, 1]), [0.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="t must contain only 0 and 1"):
        as_labels([0, 2], "t")


def test_rank_cutoff_is_relative_to_the_largest_singular_value():
    s = np.array([3.0, 1e-20])
    assert rank_cutoff(s, (4, 2)) == pytest.approx(3.0 * 4 * np.finfo(float).eps)
    # scaling the matrix scales the cutoff: the rule does not depend on units
    assert rank_cutoff(1e6 * s, (4, 2)) == pytest.approx(1e6 * rank_cutoff(s, (4, 2)))
    assert rank_cutoff(np.array([]), (0, 0)) == 0.0


def test_constant_means_round_off_relative_to_the_column_scale():
    rng = np.random.default_rng(0)
    X = np.column_stack([np.full(30, 0.1), np.zeros(30), 1e-7 * rng.normal(size=30),
                         1e9 + rng.normal(size=30), np.full(30, -3e8)])
    assert X[:, 0].std() > 0.0  # 0.1 is not exact: its float std is round-off, not 0
    np.testing.assert_array_equal(constant_columns(X), [True, True, False, False, True])
    Xc = centered(X)
    np.testing.assert_array_equal(Xc[:, [0, 1, 4]], 0.0)
    np.testing.assert_allclose(Xc[:, 2:4], X[:, 2:4] - X[:, 2:4].mean(axis=0), rtol=1e-15)


def test_renamed_warns_about_the_old_name_and_refuses_both():
    with pytest.warns(FutureWarning, match="n_steps= is the old name of n_iters=.*n_iters=5"):
        assert renamed(None, 5, "n_iters", "n_steps") == 5
    assert renamed(7, None, "n_iters", "n_steps") == 7
    assert renamed(None, None, "n_iters", "n_steps", default=10) == 10
    with pytest.raises(TypeError, match="missing required argument 'n_iters'"):
        renamed(None, None, "n_iters", "n_steps")
    with pytest.raises(TypeError, match="give only n_iters"):
        renamed(3, 3, "n_iters", "n_steps")


def test_constant_columns_does_not_overflow_on_huge_values():
    rng = np.random.default_rng(1)
    X = np.column_stack([np.full(30, 1.1e170), 1e160 * rng.normal(size=30), np.full(30, -1e300)])
    with np.errstate(over="ignore"):
        assert np.isinf(X[:, 0].std())  # round-off of 1e154 or more, squared: the naive std is inf
    np.testing.assert_array_equal(constant_columns(X), [True, False, True])
