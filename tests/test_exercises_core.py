"""The exercise framework: every verdict it can give, and one line of output each time."""

import numpy as np
import pytest

from helpers.exercises import Exercise, Feedback, Mistake


def _square(v):
    return v**2


EX = Exercise(
    name="square",
    reference=_square,
    cases=lambda: [(np.array([1.0, -2.0, 3.0]),), (np.array([0.5, 4.0]),)],
    mistakes=[Mistake(lambda v: 2 * v, "you doubled instead of squaring.")],
)


def test_correct_function_passes():
    fb = EX.grade(lambda v: v * v)
    assert fb.passed and fb.message == "✅ square: correct on all 2 test cases."


def test_stub_is_todo_not_a_traceback():
    def stub(v):
        raise NotImplementedError

    assert EX.grade(stub).status == "todo"
    assert EX.grade(lambda v: None).status == "todo"
    assert "no `return`" in EX.grade(lambda v: None).message


def test_planted_mistake_gets_its_hint():
    fb = EX.grade(lambda v: 2 * v)
    assert fb.status == "fail" and fb.message.endswith("you doubled instead of squaring.")


def test_other_wrong_answers_show_rounded_values_and_case():
    fb = EX.grade(lambda v: v**2 + 1e-3)
    assert fb.message == ("❌ square: expected [1, 4, 9], got [1.001, 4.001, 9.001] "
                          "(largest difference 0.001) "
                          "(test case 1 of 2; inputs array of shape (3,))")


def test_float32_answers_pass():
    assert EX.grade(lambda v: v.astype(np.float32) ** 2).passed
    assert EX.grade(lambda v: [float(x) * float(x) for x in v]).passed  # a list is fine too


def test_differences_just_above_float32_precision_fail():
    fb = EX.grade(lambda v: v**2 * (1 + 1e-4))
    assert fb.status == "fail" and "largest difference" in fb.message


def test_mismatch_never_prints_two_numbers_that_look_equal():
    ex = Exercise("mean", lambda v: float(v.mean()), lambda: [(np.array([0.68731, 0.68731]),)])
    msg = ex.grade(lambda v: float(v.mean()) + 2e-4).message
    expected, got = msg.split("expected ")[1].split(" (largest")[0].split(", got ")
    assert expected != got and expected.startswith("0.6873") and got.startswith("0.6875")
    msg = ex.grade(lambda v: float(v.mean()) * (1 + 3e-5)).message
    expected, got = msg.split("expected ")[1].split(" (largest")[0].split(", got ")
    assert expected != got, msg


def test_mismatch_in_a_long_array_shows_the_differing_entry():
    ex = Exercise("copy", lambda v: v.copy(), lambda: [(np.arange(10.0),)])
    def wrong(v):
        out = v.copy()
        out[7] = 0.0
        return out
    msg = ex.grade(wrong).message
    assert "expected 7 at index 7, got 0" in msg, msg


def test_case_description_names_shapes_and_scalars():
    ex = Exercise("scale", lambda X, lam: X * lam, lambda: [(np.ones((4, 2)), 0.5)])
    msg = ex.grade(lambda X, lam: X * lam + 1).message
    assert "inputs array of shape (4, 2), 0.5" in msg, msg


def test_wrong_shape_is_named():
    fb = EX.grade(lambda v: (v**2).reshape(-1, 1))
    assert "returned shape (3, 1), expected shape (3,)" in fb.message


def test_exception_is_one_line():
    fb = EX.grade(lambda v: v / "x")
    assert fb.status == "error" and "raised TypeError" in fb.message and "\n" not in fb.message


def test_not_a_function():
    assert "expected a function" in EX.grade(3).message


def test_learner_cannot_corrupt_the_cases():
    def mutating(v):
        out = v**2
        v[:] = 0.0
        return out

    assert EX.grade(mutating).passed


def test_numpy_warnings_are_silenced(recwarn):
    EX.grade(lambda v: np.log(v - 10))
    assert len(recwarn) == 0


def test_tuple_outputs():
    ex = Exercise("pair", lambda v: (v.sum(), v * 2), lambda: [(np.arange(3.0),)])
    assert ex.grade(lambda v: (v.sum(), v * 2)).passed
    assert "value 2 of the returned tuple is wrong" in ex.grade(lambda v: (v.sum(), v)).message
    assert "expected a tuple of 2 values" in ex.grade(lambda v: v.sum()).message


def test_call_prints_exactly_one_line(capsys):
    EX(lambda v: v * v)
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("✅")


@pytest.mark.parametrize("fn", [lambda v: v * v, lambda v: 2 * v, lambda v: None])
def test_grading_is_deterministic(fn):
    assert EX.grade(fn) == EX.grade(fn)


def test_broadcasting_gets_a_shape_hint_not_a_bare_mismatch():
    ex = Exercise("residual", lambda X, w, y: X @ w - y,
                  lambda: [(np.ones((4, 2)), np.ones(2), np.arange(4.0))])
    msg = ex.grade(lambda X, w, y: X @ w - y.reshape(-1, 1)).message
    assert "more dimensions than expected (shape (4, 4) instead of (4,)" in msg, msg
    msg = ex.grade(lambda X, w, y: X @ w - y[:3]).message
    assert "numpy could not combine arrays" in msg and "(m, 1)" in msg, msg


def test_other_value_errors_are_reported_as_raised():
    def bad(v):
        raise ValueError("something else")
    assert "your function raised ValueError: something else" in EX.grade(bad).message


def test_planted_mistakes_win_over_the_shape_hint():
    ex = Exercise("outer", lambda v: v, lambda: [(np.arange(3.0),)],
                  mistakes=[Mistake(lambda v: np.outer(v, v), "you took the outer product.")])
    assert ex.grade(lambda v: np.outer(v, v)).message.endswith("you took the outer product.")


def test_a_vector_where_one_number_belongs_needs_a_sum_not_a_broadcasting_hint():
    ex = Exercise("mse", lambda v: float(np.mean(v**2)), lambda: [(np.arange(4.0),)])
    msg = ex.grade(lambda v: v**2).message
    assert "array of shape (4,) where a single number is expected (test case 1)" in msg, msg
    assert "summed (or averaged)" in msg and "broadcast" not in msg, msg
    msg = ex.grade(lambda v: np.array([np.mean(v**2)])).message
    assert "return a float" in msg and "broadcast" not in msg, msg


def test_a_matrix_gets_the_broadcasting_hint_and_a_column_the_generic_message():
    ex = Exercise("mse", lambda v: float(np.mean(v**2)), lambda: [(np.arange(4.0),)])
    assert "numpy broadcast them" in ex.grade(lambda v: np.outer(v, v)).message
    msg = EX.grade(lambda v: (v**2)[:, None]).message   # (3, 1) for (3,): same number of values
    assert "returned shape (3, 1), expected shape (3,)" in msg and "broadcast" not in msg, msg


def test_the_shape_hint_names_the_value_of_a_returned_tuple():
    ex = Exercise("pair", lambda v: (v * 2, float(v.sum())), lambda: [(np.arange(3.0),),
                                                                     (np.ones(2),)])
    msg = ex.grade(lambda v: (v * 2, v)).message
    assert "value 2 of the returned tuple is an array of shape (3,)" in msg, msg
    assert "(test case 1)" in msg and "summed (or averaged)" in msg, msg


def test_a_subclass_diagnosis_never_hides_a_planted_hint():
    class Diagnosing(Exercise):
        def _diagnose(self, outputs, expected, cases):
            return Feedback("fail", "❌ diagnosed")

    ex = Diagnosing("square", _square, lambda: [(np.arange(3.0),)],
                    mistakes=[Mistake(lambda v: 2 * v, "you doubled instead of squaring.")])
    assert ex.grade(lambda v: 2 * v).message.endswith("you doubled instead of squaring.")
    assert ex.grade(lambda v: v + 1).message == "❌ diagnosed"
    assert ex.grade(lambda v: v * v).passed
