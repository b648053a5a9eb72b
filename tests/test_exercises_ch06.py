"""The checks of notebook 06 against learners' answers: right answers written differently pass,
each typical mistake fails with its own hint, and the test cases separate every planted mistake
from the right answer (including mistakes that only show on tiny gradients)."""

import numpy as np
import pytest

from helpers.exercises import check_adamw_step, check_dense_backward_l2, check_inverted_dropout
from helpers.exercises.ch06 import _adamw_step, _inverted_dropout


def _assert_separated(check):
    """Every planted mistake differs from the reference on at least one test case."""
    cases = check.cases()
    for mistake in check.mistakes:
        same = all(check._close(mistake.fn(*args), check.reference(*args)) for args in cases)
        same = same or check.grade(mistake.fn).passed
        assert not same, f"the cases cannot tell this mistake from the right answer: {mistake.hint}"


@pytest.mark.parametrize("check", [check_dense_backward_l2, check_adamw_step,
                                   check_inverted_dropout])
def test_cases_separate_every_planted_mistake(check):
    with np.errstate(all="ignore"):
        _assert_separated(check)


# ----- 1. dense backward ---------------------------------------------------------------------
@pytest.mark.parametrize("right", [
    lambda H, W, b, G, lam, m: (np.einsum("bi,bo->io", H, G) + lam * W / m, G.sum(axis=0)),
    lambda H, W, b, G, lam, m: tuple(np.asarray(a, dtype=np.float32) for a in
                                     (H.T @ G + (lam / m) * W, np.sum(G, 0))),
    lambda H, W, b, G, lam, m: [(H.T @ G + (lam / m) * W).tolist(), list(G.sum(0))],
])
def test_dense_right_answers_pass(right):
    fb = check_dense_backward_l2.grade(right)
    assert fb.passed, fb.message


# ----- 2. AdamW ------------------------------------------------------------------------------
def _pytorch_form(w, grad, mom, vel, t, lr, wd, beta1=0.9, beta2=0.999, eps=1e-8):
    """The order of torch.optim.AdamW's single-tensor code: decay in place, lerp the first moment,
    step size lr / bias_correction1, denominator sqrt(vel) / sqrt(bias_correction2) + eps."""
    w = w * (1 - lr * wd)
    mom = mom + (grad - mom) * (1 - beta1)
    vel = vel * beta2 + (1 - beta2) * grad * grad
    denom = np.sqrt(vel) / np.sqrt(1 - beta2**t) + eps
    return w - (lr / (1 - beta1**t)) * mom / denom, mom, vel


def _float32(w, grad, mom, vel, t, lr, wd, beta1=0.9, beta2=0.999, eps=1e-8):
    f = np.float32
    out = _adamw_step(w.astype(f), grad.astype(f), mom.astype(f), vel.astype(f), t, f(lr), f(wd),
                      f(beta1), f(beta2), f(eps))
    return tuple(o.astype(f) for o in out)


def _as_lists(*args):
    return [a.tolist() for a in _adamw_step(*args)]


@pytest.mark.parametrize("right", [_pytorch_form, _float32, _as_lists])
def test_adamw_right_answers_pass(right):
    fb = check_adamw_step.grade(right)
    assert fb.passed, fb.message


def _written(decay="before", t_off=0, eps_at="outside", lr_step=True, correct=(True, True),
             new_moments=True):
    """A learner's AdamW step, written independently of the checker's planted mistakes."""
    def step(w, grad, mom, vel, t, lr, wd, beta1=0.9, beta2=0.999, eps=1e-8):
        if decay == "before":
            w = w - lr * wd * w
        elif decay == "no-lr":
            w = w - wd * w
        mom2 = beta1 * mom + (1 - beta1) * grad
        vel2 = beta2 * vel + (1 - beta2) * grad**2
        tt = t + t_off
        mh = mom2 / (1 - beta1**tt) if correct[0] else mom2
        vh = vel2 / (1 - beta2**tt) if correct[1] else vel2
        if eps_at == "outside":
            upd = mh / (np.sqrt(vh) + eps)
        elif eps_at == "inside":
            upd = mh / np.sqrt(vh + eps)
        elif eps_at == "none":
            upd = mh / np.sqrt(vh)
        elif eps_at == "mom":
            upd = (mh + eps) / np.sqrt(vh)
        w = w - (lr if lr_step else 1) * upd
        if decay == "after":
            w = w * (1 - lr * wd)
        return (w, mom2, vel2) if new_moments else (w, mom, vel)
    return step


@pytest.mark.parametrize("phrase,wrong", [
    ("Adam with L2", lambda w, g, mom, vel, t, lr, wd, *r: _adamw_step(w, g + wd * w, mom, vel,
                                                                      t, lr, 0.0, *r)),
    ("bias correction is missing", _written(correct=(False, False))),
    ("only mom is bias-corrected", _written(correct=(True, False))),
    ("only vel is bias-corrected", _written(correct=(False, True))),
    ("wrong power of beta", _written(t_off=1)),
    ("1 - beta1**(t - 1) is 0 there", _written(t_off=-1)),
    ("not multiplied by lr", _written(decay="no-lr")),
    ("ignores lr", _written(lr_step=False)),
    ("after the Adam step", _written(decay="after")),
    ("weight decay is missing", _written(decay="none")),
    ("eps is inside the square root", _written(eps_at="inside")),
    ("eps is missing", _written(eps_at="none")),
    ("not to mom_hat", _written(eps_at="mom")),
    ("before the bias correction",
     lambda w, g, mom, vel, t, lr, wd, b1=0.9, b2=0.999, eps=1e-8: (
         lambda w1, m1, v1: (w1 - lr * np.sqrt(1 - b2**t) / (1 - b1**t) * m1
                             / (np.sqrt(v1) + eps), m1, v1))(
         w * (1 - lr * wd), b1 * mom + (1 - b1) * g, b2 * vel + (1 - b2) * g * g)),
    ("old ones", _written(new_moments=False)),
    ("one step too many",
     lambda w, g, mom, vel, t, *rest: _adamw_step(*_adamw_step(w, g, mom, vel, t, *rest)[:1], g,
                                                  *_adamw_step(w, g, mom, vel, t, *rest)[1:],
                                                  t + 1, *rest)),
    ("default constants", lambda w, g, mom, vel, t, lr, wd, *r: _adamw_step(w, g, mom, vel, t,
                                                                           lr, wd)),
])
def test_adamw_mistakes_get_their_hints(phrase, wrong):
    fb = check_adamw_step.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


def test_eps_mistakes_show_only_on_tiny_gradients():
    """With ordinary gradients eps is invisible: the first three cases alone would accept
    sqrt(vel_hat + eps). The tiny-gradient cases are what refuse it."""
    inside = _written(eps_at="inside")
    cases = check_adamw_step.cases()
    ordinary = [args for args in cases[:3]]
    tiny = [args for args in cases[3:]]
    assert all(check_adamw_step._close(inside(*a), _adamw_step(*a)) for a in ordinary)
    assert not all(check_adamw_step._close(inside(*a), _adamw_step(*a)) for a in tiny)


# ----- 3. inverted dropout -------------------------------------------------------------------
@pytest.mark.parametrize("right", [
    lambda h, rate, rng: np.where(rng.random(h.shape) < 1 - rate, h / (1 - rate), 0.0),
    lambda h, rate, rng: (h * (rng.random(h.shape) < 1 - rate) / (1 - rate)).astype(np.float32),
    lambda h, rate, rng: (h.astype(np.float32) * (rng.random(h.shape) < 1 - rate)
                          / np.float32(1 - rate)),
    lambda h, rate, rng: (h * (rng.random(h.shape) < 1 - rate) / (1 - rate)).tolist(),
])
def test_dropout_right_answers_pass(right):
    fb = check_inverted_dropout.grade(right)
    assert fb.passed, fb.message


@pytest.mark.parametrize("wrong", [
    lambda h, rate, rng: h * (np.random.rand(*h.shape) < 1 - rate) / (1 - rate),  # noqa: NPY002
    lambda h, rate, rng: h * np.random.binomial(1, 1 - rate, h.shape) / (1 - rate),  # noqa: NPY002
    lambda h, rate, rng: h * (np.random.default_rng().random(h.shape) < 1 - rate) / (1 - rate),
    lambda h, rate, rng: h * (np.random.default_rng(0).random(h.shape) < 1 - rate) / (1 - rate),
])
def test_dropout_without_the_rng_argument_is_told_to_use_it(wrong):
    fb = check_inverted_dropout.grade(wrong)
    assert fb.status == "fail" and "from the rng argument" in fb.message, fb.message


def test_dropout_rate_read_as_keep_probability_gets_its_hint():
    wrong = lambda h, rate, rng: np.where(rng.random(h.shape) < rate, h / rate, 0.0)  # noqa: E731
    fb = check_inverted_dropout.grade(wrong)
    assert fb.status == "fail" and "rate as the keep probability" in fb.message, fb.message


def test_dropout_other_wrong_answers_keep_the_generic_message():
    fb = check_inverted_dropout.grade(lambda h, rate, rng: _inverted_dropout(h, rate, rng) + 0.5)
    assert fb.status == "fail" and "test case 1 of 4" in fb.message, fb.message
