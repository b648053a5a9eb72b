"""A tiny exercise framework: run a learner's function on fixed cases, compare with a
reference, and print one deterministic line of feedback.

A check never raises because of the learner's code: a stub that is not written yet, an
exception, a wrong shape or a wrong value each get one friendly line. Planted typical mistakes
(wrong implementations with a hint each) let the check say *what* is probably wrong.
"""

import copy
import warnings
from dataclasses import dataclass

import numpy as np

from ._i18n import N_, _, translate

__all__ = ["Exercise", "Mistake", "Feedback", "FLOAT32_RTOL"]

# The course-wide policy: an answer right to float32 precision passes. float32 carries about 7
# significant digits; a few dozen roundings in a learner's formula stay well inside 1e-5.
FLOAT32_RTOL = 1e-5


@dataclass(frozen=True)
class Mistake:
    """A typical wrong implementation and the hint to print when the learner's output matches it."""

    fn: object
    hint: str


@dataclass(frozen=True)
class Feedback:
    """The verdict of a check: status is 'pass', 'todo', 'error' or 'fail'."""

    status: str
    message: str

    @property
    def passed(self):
        return self.status == "pass"


class Exercise:
    """A check for one function the learner writes.

    Parameters
    ----------
    name : str
        What the learner writes, as shown in the feedback.
    reference : callable
        A correct implementation.
    cases : callable
        cases() -> list of argument tuples (built on demand from fixed seeds).
    mistakes : sequence of Mistake
        Checked in order; the first whose outputs match the learner's gives the hint.
    rtol, atol : float
        Tolerances of the comparison with the reference. They never go below float32 precision
        (`FLOAT32_RTOL`, relative to the size of the reference output): a right answer computed in
        float32, or by another formula, passes everywhere.

    Calling the exercise on a function prints one line; ``grade`` returns the `Feedback`.
    """

    def __init__(self, name, reference, cases, mistakes=(), rtol=1e-6, atol=1e-9):
        self.name, self.reference, self.cases = name, reference, cases
        self.mistakes, self.rtol, self.atol = tuple(mistakes), rtol, atol

    def __call__(self, fn):
        print(self.grade(fn).message)

    def grade(self, fn):
        """Run `fn` on every case and return a `Feedback`."""
        if not callable(fn):
            return Feedback("error", "❌ " + _(
                "{name}: expected a function, got {kind}; pass the function itself, without ()"
            ).format(name=self.name, kind=type(fn).__name__))
        cases = self.cases()
        outputs = []
        for i, args in enumerate(cases, start=1):
            try:
                out = _quiet_call(fn, args)
            except NotImplementedError:
                return _todo(self.name)
            except ValueError as exc:
                if "broadcast" not in str(exc):
                    return _raised(self.name, exc, i)
                return Feedback("fail", "❌ " + _(
                    "{name}: numpy could not combine arrays of these shapes (test case {case}: "
                    "{detail}). Check each array's shape: a column of shape (m, 1) next to a 1-D "
                    "array of shape (m,) is the usual cause; keep y and w 1-D (y.reshape(-1))."
                ).format(name=self.name, case=i, detail=exc))
            except Exception as exc:  # the learner's bug, reported in one line
                return _raised(self.name, exc, i)
            if out is None:
                return _todo(self.name, no_return=True)
            outputs.append(out)
        expected = [_quiet_call(self.reference, args) for args in cases]
        return self._compare(outputs, expected, cases)

    def _compare(self, outputs, expected, cases):
        """The verdict on outputs that ran: pass, a planted mistake's hint, what `_diagnose`
        recognizes, a shape hint, or the generic mismatch, in this order."""
        if all(self._close(o, e) for o, e in zip(outputs, expected)):
            return Feedback("pass", "✅ " + _("{name}: correct on all {count} test cases.").format(
                name=self.name, count=len(cases)))
        for mistake in self.mistakes:
            planted = [_quiet_call(mistake.fn, args) for args in cases]
            if all(self._close(o, p) for o, p in zip(outputs, planted)):
                return _hinted(self.name, mistake.hint)
        return (self._diagnose(outputs, expected, cases)
                or _shape_feedback(self.name, outputs, expected)
                or self._mismatch(outputs, expected, cases))

    def _diagnose(self, outputs, expected, cases):
        """A `Feedback` for a wrong answer that no planted mistake explains, or None.

        The hook of subclasses that recognize a kind of wrong answer (nan, a negative risk, an
        ignored random generator...); it runs after the planted mistakes, before the shape hint
        and the generic mismatch, so that it never hides a planted hint.
        """
        return None

    def _mismatch(self, outputs, expected, cases):
        """The generic message: the first case that differs, how, and its input shapes."""
        for i, (o, e) in enumerate(zip(outputs, expected), start=1):
            if not self._close(o, e):
                return Feedback("fail", "❌ " + _(
                    "{name}: {difference} (test case {case} of {count}; inputs {inputs})"
                ).format(name=self.name, difference=self._difference(o, e), case=i,
                         count=len(cases), inputs=_describe(cases[i - 1])))
        raise AssertionError("unreachable: some output differs")

    def _close(self, out, ref):
        if isinstance(ref, tuple):
            return (isinstance(out, (tuple, list)) and len(out) == len(ref)
                    and all(self._close(o, r) for o, r in zip(out, ref)))
        try:
            out_arr = np.asarray(out, dtype=float)
        except (TypeError, ValueError):
            return False
        ref_arr = np.asarray(ref, dtype=float)
        if out_arr.shape != ref_arr.shape:
            return False
        rtol, atol = self._tolerances(ref_arr)
        return bool(np.allclose(out_arr, ref_arr, rtol=rtol, atol=atol))

    def _tolerances(self, ref_arr):
        """(rtol, atol), floored at float32 precision relative to the reference's size."""
        finite = np.abs(ref_arr[np.isfinite(ref_arr)])
        scale = float(finite.max()) if finite.size else 0.0
        rtol = max(self.rtol, FLOAT32_RTOL)
        return rtol, max(self.atol, FLOAT32_RTOL * scale)


    def _difference(self, out, ref):
        """One line saying how `out` differs from `ref` (same tolerances as the comparison)."""
        if isinstance(ref, tuple):
            if not isinstance(out, (tuple, list)) or len(out) != len(ref):
                return _("expected a tuple of {count} values, got {kind}").format(
                    count=len(ref), kind=type(out).__name__)
            k = next(i for i, (o, r) in enumerate(zip(out, ref)) if not self._close(o, r))
            return _("value {position} of the returned tuple is wrong: {difference}").format(
                position=k + 1, difference=self._difference(out[k], ref[k]))
        try:
            out_arr = np.asarray(out, dtype=float)
        except (TypeError, ValueError):
            return _("expected numbers, got {kind}").format(kind=type(out).__name__)
        ref_arr = np.asarray(ref, dtype=float)
        if out_arr.shape != ref_arr.shape:
            return _("returned shape {shape}, expected shape {expected}").format(
                shape=out_arr.shape, expected=ref_arr.shape)
        gap = float(np.max(np.abs(out_arr - ref_arr)))
        shown_ref, shown_out = _show_apart(ref_arr, out_arr)
        return _("expected {expected}, got {got} (largest difference {gap})").format(
            expected=shown_ref, got=shown_out, gap=f"{gap:.2g}")


def _raised(name, exc, case):
    return Feedback("error", "❌ " + _(
        "{name}: your function raised {error}: {detail} (test case {case})"
    ).format(name=name, error=type(exc).__name__, detail=exc, case=case))


def _hinted(name, hint):
    """The line for a recognized mistake: `hint` is an English message marked with `N_`."""
    return Feedback("fail", "❌ " + _("{name}: {hint}").format(name=name, hint=translate(hint)))


# An output with more dimensions than expected, by kind; the second key says whether it is a
# value of a returned tuple ({position}: its position in the tuple).
_SHAPE_HINTS = {
    ("broadcast", False): N_(
        "{name}: your result has more dimensions than expected (shape {got} instead of "
        "{expected}, test case {case}): a 1-D array of shape (m,) probably met a column of shape "
        "(m, 1) and numpy broadcast them to (m, m). Keep y and w 1-D (y.reshape(-1) if needed)."),
    ("broadcast", True): N_(
        "{name}: value {position} of the returned tuple has more dimensions than expected (shape "
        "{got} instead of {expected}, test case {case}): a 1-D array of shape (m,) probably met "
        "a column of shape (m, 1) and numpy broadcast them to (m, m). Keep y and w 1-D "
        "(y.reshape(-1) if needed)."),
    ("sum", False): N_(
        "{name}: your result is an array of shape {got} where a single number is expected (test "
        "case {case}): the values still need to be summed (or averaged) into one number."),
    ("sum", True): N_(
        "{name}: value {position} of the returned tuple is an array of shape {got} where a "
        "single number is expected (test case {case}): the values still need to be summed (or "
        "averaged) into one number."),
    ("one", False): N_(
        "{name}: your result is an array of shape {got} where a single number is expected (test "
        "case {case}); return a float, for example float(value) or value.item()."),
    ("one", True): N_(
        "{name}: value {position} of the returned tuple is an array of shape {got} where a "
        "single number is expected (test case {case}); return a float, for example float(value) "
        "or value.item()."),
}


def _shape_kind(out, ref):
    """Why `out` has more dimensions than `ref`, or None: "broadcast" for a matrix with more
    values (a column (m, 1) met a vector (m,)), "sum" for a vector where one number belongs (a
    sum or a mean left out), "one" for a one-element array where a number belongs."""
    try:
        got, want = np.shape(out), np.shape(ref)
    except ValueError:  # a ragged sequence
        return None
    if len(got) <= len(want):
        return None
    size, wanted = int(np.prod(got)), int(np.prod(want))
    if len(got) >= 2 and size > wanted:
        return "broadcast"
    if not want:
        return "sum" if size > 1 else "one"
    return None  # e.g. (n, 1) for (n,): the generic message names both shapes


def _shape_feedback(name, outputs, expected):
    """The shape hint for the first output with more dimensions than expected, or None."""
    for case, (out, ref) in enumerate(zip(outputs, expected), start=1):
        if isinstance(ref, tuple):
            if not (isinstance(out, (tuple, list)) and len(out) == len(ref)):
                continue  # the generic message says "expected a tuple of k values"
            pairs = [(o, r, k) for k, (o, r) in enumerate(zip(out, ref), start=1)]
        elif isinstance(out, tuple):
            continue  # a tuple where one value belongs: the generic message says so
        else:
            pairs = [(out, ref, None)]
        for o, r, position in pairs:
            kind = _shape_kind(o, r)
            if kind is not None:
                return Feedback("fail", "❌ " + translate(_SHAPE_HINTS[kind, position is not None])
                                .format(name=name, got=np.shape(o), expected=np.shape(r),
                                        case=case, position=position))
    return None


def _quiet_call(fn, args):
    """Call fn on copies of args with numpy warnings silenced (they would go to stderr)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(*copy.deepcopy(args))


def _todo(name, no_return=False):
    message = (_("{name}: not implemented yet (or it has no `return`). Write the body, then run "
                 "this cell again.") if no_return else
               _("{name}: not implemented yet. Write the body, then run this cell again."))
    return Feedback("todo", "📝 " + message.format(name=name))


def _show(arr, digits=4):
    """Up to three values with `digits` significant digits: deterministic across numpy versions.

    An array with more than three values is shown around its first differing entry only by the
    caller (`_show_apart`); here the first three values are shown.
    """
    flat = arr.reshape(-1)
    text = ", ".join(f"{v:.{digits}g}" for v in flat[:3])
    return text if arr.ndim == 0 else f"[{text}{', ...' if flat.size > 3 else ''}]"


def _show_apart(ref, out):
    """Show ref and out so that the two texts differ: never "expected 0.6873, got 0.6873".

    If the first three values agree, the entry with the largest difference is shown instead,
    named by its index; digits are added until the two numbers read differently.
    """
    if ref.ndim and ref.size > 3:
        head_ref, head_out = ref.reshape(-1)[:3], out.reshape(-1)[:3]
        if np.allclose(head_ref, head_out, rtol=0, atol=0, equal_nan=True):
            k = int(np.nanargmax(np.abs(out - ref).reshape(-1)))
            idx = np.unravel_index(k, ref.shape)
            where = idx[0] if len(idx) == 1 else tuple(int(i) for i in idx)
            a, b = _show_apart(ref.reshape(-1)[k], out.reshape(-1)[k])
            return _("{value} at index {index}").format(value=a, index=where), b
    for digits in range(4, 18):
        a, b = _show(ref, digits), _show(out, digits)
        if a != b:
            return a, b
    return a, b + " " + _("(in {dtype})").format(dtype=out.dtype)


def _describe(args):
    """The shapes of a test case's inputs: arrays by shape, scalars by value, functions by name."""
    parts = []
    for arg in args:
        if isinstance(arg, np.ndarray) and arg.ndim:
            parts.append(_("array of shape {shape}").format(shape=arg.shape))
        elif callable(arg):
            parts.append(_("function {name}").format(
                name=getattr(arg, "__name__", type(arg).__name__)))
        elif isinstance(arg, (list, tuple)):
            parts.append(_("{kind} of {count}").format(kind=type(arg).__name__, count=len(arg)))
        elif isinstance(arg, (int, float, np.number)):
            parts.append(f"{float(arg):.4g}" if isinstance(arg, (float, np.floating)) else str(arg))
        else:
            parts.append(type(arg).__name__)
    return _(", ").join(parts)  # the separator of a list: "、" in Chinese
