"""Exercise feedback in the learner's language (issue 13): every check, every kind of line.

With ``COURSE_LANG=zh-CN`` every line a ``check_*`` prints is Chinese: "not implemented yet" for a
stub or a function without ``return``, the pass line for the worked solution (solutions/chNN.py),
the hint of every planted mistake (its function graded by the check), and the lines that no
mistake gives (shape hints, the generic mismatch, nan, a negative risk, an ignored rng...). With
``COURSE_LANG=en`` the same lines are English. A message whose Chinese is missing from
helpers/exercises/locale/zh_CN/LC_MESSAGES/exercises.po stays English and fails here; the last
test checks that these cases show every message of the catalogue, so none escapes.
"""

import importlib
import re
from collections import Counter
from pathlib import Path

import numpy as np
import polib
import pytest

import helpers.exercises as exercises
from helpers.exercises import Exercise, _i18n

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "helpers" / "exercises" / "locale" / "zh_CN" / "LC_MESSAGES" / "exercises.po"

CJK = re.compile(r"[\u4e00-\u9fff]")
# Three or more plain English words in a row: a sentence (or part of one) left untranslated.
# Code (grad_w, np.linalg.norm, beta1), formulas and single names (Loshchilov, RMSE) never match.
ENGLISH_RUN = re.compile(r"(?<![\w.])[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}(?![\w(])")


def _checks():
    """(module name, check) for every check_* of helpers.exercises, in chapter order."""
    found = []
    for name in sorted(m for m in dir(exercises) if re.fullmatch(r"ch\d\d", m)):
        module = getattr(exercises, name)
        found += [(name, getattr(module, attr)) for attr in module.__all__
                  if attr.startswith("check_")]
    return found


CHECKS = _checks()


def _stub(*args, **kwargs):
    raise NotImplementedError


def _returns_none(*args, **kwargs):
    return None


# --- learner functions that reach the lines no planted mistake gives -------------------------

TOTAL = Exercise("total", lambda v, k: float(v.sum()), lambda: [(np.arange(1.0, 4.0), 2)])
PAIR = Exercise("pair", lambda v: (v * 2, float(v.sum())), lambda: [(np.arange(3.0),)])
DOUBLE = Exercise("double", lambda v: v * 2, lambda: [(np.arange(10.0),)])
APPLY = Exercise("apply", lambda f, xs: float(f(xs)), lambda: [(np.sum, [1.0, 2.0])])
NAN = Exercise("nan", lambda v: float("nan"), lambda: [(np.arange(3.0),)])


def _raises(exc):
    def fn(*args):
        raise exc
    return fn


def _index_7_wrong(v):
    out = v * 2
    out[7] = 0.0
    return out


def _lam_from_y_test(X_train, y_train, X_test, y_test, lams, folds):
    return float(lams[int(abs(y_test[0]) * 1000) % len(lams)]), 1.0


def _lam_from_x_test(X_train, y_train, X_test, y_test, lams, folds):
    return float(lams[int(abs(X_test[0, 0]) * 1000) % len(lams)]), 1.0


def _global_random(a, rate, rng):
    return a * (np.random.default_rng().random(a.shape) < 1 - rate) / (1 - rate)


EXTRA = [
    ("broadcast", TOTAL, lambda v, k: np.outer(v, v)),
    ("sum left out", TOTAL, lambda v, k: v),
    ("one-element array", TOTAL, lambda v, k: np.array([v.sum()])),
    ("broadcast in a tuple", PAIR, lambda v: (np.outer(v, v), float(v.sum()))),
    ("sum left out in a tuple", PAIR, lambda v: (v * 2, v)),
    ("one-element array in a tuple", PAIR, lambda v: (v * 2, np.array([v.sum()]))),
    ("wrong value", TOTAL, lambda v, k: float(v.sum()) + 1),
    ("wrong value in a tuple", PAIR, lambda v: (v * 2, float(v.sum()) + 1)),
    ("not a tuple", PAIR, lambda v: float(v.sum())),
    ("a column for a vector", DOUBLE, lambda v: (v * 2)[:, None]),
    ("one wrong entry", DOUBLE, _index_7_wrong),
    ("not numbers", TOTAL, lambda v, k: "total"),
    ("values that print alike", NAN, lambda v: float("nan")),
    ("a function and a list as inputs", APPLY, lambda f, xs: float(f(xs)) + 1),
    ("an exception", TOTAL, _raises(KeyError(3))),
    ("numpy cannot broadcast", TOTAL, _raises(ValueError("broadcast (4,) (3,)"))),
    ("not a function", TOTAL, 3),
    ("pipeline: not a pair", exercises.check_tuned_pipeline, lambda *args: 1.0),
    ("pipeline: y_test chooses lam", exercises.check_tuned_pipeline, _lam_from_y_test),
    ("pipeline: X_test chooses lam", exercises.check_tuned_pipeline, _lam_from_x_test),
    ("dropout: global random numbers", exercises.check_inverted_dropout, _global_random),
    ("risk: negative", exercises.check_hmrt_risk, lambda g, s, wn: -1.0),
]


def _cases():
    """(id, check, learner function) for every line the tests must see in both languages."""
    cases = []
    for module, check in CHECKS:
        solution = getattr(importlib.import_module(f"solutions.{module}"), check.name)
        cases += [(f"{check.name}-stub", check, _stub),
                  (f"{check.name}-none", check, _returns_none),
                  (f"{check.name}-solution", check, solution)]
        cases += [(f"{check.name}-mistake{k}", check, mistake.fn)
                  for k, mistake in enumerate(check.mistakes, start=1)]
    return cases + [(f"{check.name}-{label}", check, fn) for label, check, fn in EXTRA]


CASES = _cases()


def _grade(monkeypatch, lang, check, fn):
    monkeypatch.setenv("COURSE_LANG", lang)
    return check.grade(fn)


@pytest.mark.parametrize("check, fn", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_feedback_is_chinese_in_the_chinese_edition(monkeypatch, check, fn):
    message = _grade(monkeypatch, "zh-CN", check, fn).message
    assert "\n" not in message
    assert CJK.search(message), f"no Chinese in: {message}"
    assert not ENGLISH_RUN.search(message), (
        f"English left in: {message!r} ({ENGLISH_RUN.search(message).group()!r}): translate the "
        f"message in {CATALOGUE.relative_to(ROOT)}, then `python tools/i18n.py messages`")


@pytest.mark.parametrize("check, fn", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_feedback_is_english_in_the_english_edition(monkeypatch, check, fn):
    feedback = _grade(monkeypatch, "en", check, fn)
    assert not CJK.search(feedback.message), feedback.message
    if fn is _stub:  # the line the English notebooks store
        assert feedback.message == (f"📝 {check.name}: not implemented yet. Write the body, then "
                                    f"run this cell again.")


def test_the_same_verdicts_in_both_languages(monkeypatch):
    for _label, check, fn in CASES:
        assert (_grade(monkeypatch, "zh-CN", check, fn).status
                == _grade(monkeypatch, "en", check, fn).status)


def test_a_planted_mistake_gets_its_own_hint_in_chinese(monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "zh-CN")
    for _module, check in CHECKS:
        mistake = check.mistakes[0]
        hint = _i18n.translate(mistake.hint)
        assert hint != mistake.hint and check.grade(mistake.fn).message == (
            f"❌ {check.name}：{hint}")


def test_the_cases_show_every_message_of_the_catalogue(monkeypatch):
    """Every message of exercises.po is shown by one of the cases above: none escapes them."""
    shown = set()
    real = _i18n._catalogue

    class Recording:
        def __init__(self, catalogue):
            self.catalogue = catalogue

        def gettext(self, message):
            shown.add(message)
            return self.catalogue.gettext(message)

    monkeypatch.setattr(_i18n, "_catalogue", lambda code: Recording(real(code)))
    monkeypatch.setenv("COURSE_LANG", "zh-CN")
    for _label, check, fn in CASES:
        check.grade(fn)
    catalogue = {e.msgid for e in polib.pofile(str(CATALOGUE)) if not e.obsolete}
    # the same hint planted twice is shown once, by the first mistake that gives it
    missing = sorted(catalogue - shown)
    assert not missing, "messages no case shows:\n" + "\n".join(missing)


# --- the catalogue: what a translation must keep ----------------------------------------------

NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e-?\d+)?")
CODE = re.compile(r"`[^`]+`|[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+(?:\(\))?|[A-Za-z]\w*_\w*|\{\w*\}")


@pytest.mark.parametrize("entry", [e for e in polib.pofile(str(CATALOGUE)) if not e.obsolete],
                         ids=lambda e: e.msgid[:40])
def test_a_translation_keeps_numbers_code_and_placeholders(entry):
    """The Chinese keeps every number (it may repeat one), code name (grad_w, np.linalg.norm,
    `return`) and {placeholder} of the English, and is Chinese wherever the English has words."""
    assert entry.msgstr, entry.msgid
    english_numbers = Counter(NUMBER.findall(entry.msgid.replace("1-D", "")))  # 1-D: 一维
    lost = english_numbers - Counter(NUMBER.findall(entry.msgstr))
    assert not lost, (sorted(lost.elements()), entry.msgstr)
    missing = [c for c in CODE.findall(entry.msgid)
               if c not in entry.msgstr and c not in ("i.e", "e.g")]
    assert not missing, (missing, entry.msgstr)
    if ENGLISH_RUN.search(entry.msgid) or re.search(r"[a-z]{3,} [a-z]{3,}", entry.msgid):
        assert CJK.search(entry.msgstr), entry.msgstr
    assert not ENGLISH_RUN.search(entry.msgstr), entry.msgstr
