"""Exercise checks for notebook 06 (deep networks): the L2 term in a dense layer's backward
pass, one AdamW step, and inverted dropout."""

import numpy as np

from ._core import Exercise, Feedback, Mistake, _hinted, _quiet_call
from ._i18n import N_, _, translate

__all__ = ["check_dense_backward_l2", "check_adamw_step", "check_inverted_dropout"]


# ----- 1. the L2 term in the gradient of a dense layer --------------------------------------
def _dense_backward_l2(A, W, b, grad_out, lam, m):
    return A.T @ grad_out + (lam / m) * W, grad_out.sum(axis=0)


def _dense_cases():
    rng = np.random.default_rng(600)
    cases = []
    for m_b, n_in, n_out, lam, m in ((5, 3, 2, 2.0, 40), (3, 4, 4, 0.5, 10), (8, 2, 3, 7.0, 8)):
        cases.append((rng.normal(size=(m_b, n_in)), rng.normal(size=(n_in, n_out)),
                      rng.normal(size=n_out), rng.normal(size=(m_b, n_out)), lam, m))
    return cases


check_dense_backward_l2 = Exercise(
    name="dense_backward_l2",
    reference=_dense_backward_l2,
    cases=_dense_cases,
    mistakes=[
        Mistake(lambda A, W, b, G, lam, m: (A.T @ G + (lam / m) * W, G.sum(0) + (lam / m) * b),
                "the bias is being penalized: the L2 term lam/(2m)||W||^2 has no b in it, so "
                "grad_b is just the sum of grad_out over the batch."),
        Mistake(lambda A, W, b, G, lam, m: (A.T @ G + lam * W, G.sum(0)),
                "the L2 term is missing its 1/m: the derivative of lam/(2m)||W||^2 is "
                "(lam/m) W."),
        Mistake(lambda A, W, b, G, lam, m: (A.T @ G + (2 * lam / m) * W, G.sum(0)),
                "the L2 term is off by a factor of 2: the 1/2 in lam/(2m)||W||^2 cancels the 2 "
                "from the square, leaving (lam/m) W."),
        Mistake(lambda A, W, b, G, lam, m: (A.T @ G + (lam / (2 * m)) * W, G.sum(0)),
                "the L2 term is half what it should be: differentiate ||W||^2 to 2W, so "
                "lam/(2m)||W||^2 gives (lam/m) W."),
        Mistake(lambda A, W, b, G, lam, m: (A.T @ G, G.sum(0)),
                "the L2 term is missing: add (lam/m) W to the weight gradient."),
        Mistake(lambda A, W, b, G, lam, m: (A.T @ G + (lam / A.shape[0]) * W, G.sum(0)),
                "the L2 term divides by the batch size A.shape[0]: the penalty is "
                "lam/(2m)||W||^2 with m the size of the whole training set (the argument m), "
                "so its gradient is (lam/m) W whatever the batch."),
        Mistake(lambda A, W, b, G, lam, m: (A.T @ G + (lam / m) * W, G.mean(0)),
                "grad_b averages grad_out over the batch: grad_out already carries the 1/m_b of "
                "the mean loss, so sum it (as A^T grad_out does for W)."),
    ],
)


# ----- 2. one AdamW step ---------------------------------------------------------------------
# PyTorch's AdamW, in this order (t >= 1 counts the steps, this one included):
#   1. decay the old weights:      w <- w - lr * weight_decay * w
#   2. first moment:               mom <- beta1 * mom + (1 - beta1) * grad
#   3. second moment:              vel <- beta2 * vel + (1 - beta2) * grad**2
#   4. bias corrections:           mom_hat = mom / (1 - beta1**t), vel_hat = vel / (1 - beta2**t)
#   5. Adam step:                  w <- w - lr * mom_hat / (sqrt(vel_hat) + eps)
def _adamw_step(w, grad, mom, vel, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    w = w - lr * weight_decay * w  # decoupled decay first, on the old weights
    mom = beta1 * mom + (1 - beta1) * grad
    vel = beta2 * vel + (1 - beta2) * grad**2
    mom_hat, vel_hat = mom / (1 - beta1**t), vel / (1 - beta2**t)
    return w - lr * mom_hat / (np.sqrt(vel_hat) + eps), mom, vel


def _adam_variant(w, grad, mom, vel, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8, *,
                  decay="before", t_corr=None, denom="outside", lr_step=True, correct="both"):
    """The reference with one thing changed: builds every planted AdamW mistake below."""
    if decay == "before":
        w = w - lr * weight_decay * w
    elif decay == "no-lr":
        w = w - weight_decay * w
    mom_new = beta1 * mom + (1 - beta1) * grad
    vel_new = beta2 * vel + (1 - beta2) * grad**2
    tc = {None: t, "next": t + 1, "prev": t - 1}[t_corr]
    mom_hat = mom_new / (1 - beta1**tc) if correct in ("both", "mom") else mom_new
    vel_hat = vel_new / (1 - beta2**tc) if correct in ("both", "vel") else vel_new
    if denom == "outside":
        den = np.sqrt(vel_hat) + eps
    elif denom == "inside":
        den = np.sqrt(vel_hat + eps)
    elif denom == "none":
        den = np.sqrt(vel_hat)
    elif denom == "before-correction":                      # eps added to sqrt(vel), then corrected
        den = (np.sqrt(vel_new) + eps) / np.sqrt(1 - beta2**tc)
    if denom == "mom":                                      # eps added to mom_hat instead
        step = (mom_hat + eps) / np.sqrt(vel_hat)
    else:
        step = mom_hat / den
    w_new = w - (lr if lr_step else 1.0) * step
    if decay == "after":
        w_new = w_new - lr * weight_decay * w_new
    return w_new, mom_new, vel_new


def _variant(**kw):
    def wrong(w, grad, mom, vel, t, lr, weight_decay, *rest):
        return _adam_variant(w, grad, mom, vel, t, lr, weight_decay, *rest, **kw)
    return wrong


def _adam_l2_step(w, grad, mom, vel, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    return _adamw_step(w, grad + weight_decay * w, mom, vel, t, lr, 0.0, beta1, beta2, eps)


def _adamw_old_moments(w, grad, mom, vel, t, *rest):
    w_new = _adamw_step(w, grad, mom, vel, t, *rest)[0]
    return w_new, mom, vel


def _adamw_two_steps(w, grad, mom, vel, t, lr, weight_decay, *rest):
    w1, mom1, vel1 = _adamw_step(w, grad, mom, vel, t, lr, weight_decay, *rest)
    return _adamw_step(w1, grad, mom1, vel1, t + 1, lr, weight_decay, *rest)


def _adamw_cases():
    """Ordinary gradients (eps is negligible) and tiny ones (eps is comparable to sqrt(vel_hat)),
    at the first step (zero moments) and later ones, with the default and with other constants."""
    rng = np.random.default_rng(601)
    cases = []
    for n, t, lr, wd, g_scale in ((4, 1, 0.1, 0.5, 1.0), (6, 3, 0.05, 0.2, 1.0),
                                  (3, 10, 0.2, 1.0, 1.0), (5, 1, 0.1, 0.3, 1e-8),
                                  (4, 4, 0.05, 0.1, 3e-9)):
        mom_state = 0.1 * g_scale * rng.normal(size=n) if t > 1 else np.zeros(n)
        vel_state = 0.01 * g_scale**2 * rng.random(n) if t > 1 else np.zeros(n)
        cases.append((3 * rng.normal(size=n), g_scale * rng.normal(size=n), mom_state,
                      vel_state, t, lr, wd))
    # Other constants, passed explicitly: beta1, beta2 and eps must be the arguments, not 0.9...
    cases.append((rng.normal(size=4), 1e-6 * rng.normal(size=4), 1e-7 * rng.normal(size=4),
                  1e-14 * rng.random(4), 2, 0.1, 0.4, 0.8, 0.99, 1e-6))
    return cases


class _FiniteExercise(Exercise):
    """An Exercise that names non-finite outputs (nan, inf) when no planted mistake matches;
    `nonfinite_hint` (an English sentence marked with `N_`) says what usually causes them."""

    def __init__(self, *args, nonfinite_hint, **kwargs):
        super().__init__(*args, **kwargs)
        self.nonfinite_hint = nonfinite_hint

    def _diagnose(self, outputs, expected, cases):
        for i, out in enumerate(outputs, start=1):
            parts = out if isinstance(out, (tuple, list)) else (out,)
            try:
                finite = all(np.all(np.isfinite(np.asarray(p, dtype=float))) for p in parts)
            except (TypeError, ValueError):
                continue
            if not finite:
                return Feedback("fail", "❌ " + _(
                    "{name}: your function returned nan or inf on test case {case} of {count} "
                    "(t = {t}). {hint}").format(name=self.name, case=i, count=len(cases),
                                               t=cases[i - 1][4],
                                               hint=translate(self.nonfinite_hint)))
        return None


check_adamw_step = _FiniteExercise(
    name="adamw_step",
    reference=_adamw_step,
    cases=_adamw_cases,
    mistakes=[
        Mistake(_adam_l2_step,
                "you added weight_decay * w to the gradient: that is Adam with L2, whose decay "
                "is then divided by sqrt(vel_hat). AdamW shrinks w directly, w <- w - lr * "
                "weight_decay * w, and the moments see only grad."),
        Mistake(_variant(correct="none"),
                "the bias correction is missing: use mom_hat = mom / (1 - beta1**t) and vel_hat = "
                "vel / (1 - beta2**t) in the step (and return the uncorrected mom and vel)."),
        Mistake(_variant(correct="mom"),
                "only mom is bias-corrected: divide vel by (1 - beta2**t) too before the sqrt."),
        Mistake(_variant(correct="vel"),
                "only vel is bias-corrected: divide mom by (1 - beta1**t) too."),
        Mistake(_variant(t_corr="next"),
                "your bias correction uses the wrong power of beta: t already counts this "
                "step (t = 1 on the first step), so divide by 1 - beta1**t and 1 - beta2**t, "
                "not with t + 1 or t - 1."),
        Mistake(_variant(decay="no-lr"),
                "your decay is not multiplied by lr: PyTorch's AdamW uses w <- w - lr * "
                "weight_decay * w (Loshchilov & Hutter's lambda is lr * weight_decay)."),
        Mistake(_variant(lr_step=False),
                "the Adam step ignores lr: it is w <- w - lr * mom_hat / (sqrt(vel_hat) + eps)."),
        Mistake(_variant(decay="after"),
                "you decayed the weights after the Adam step: PyTorch shrinks the old weights "
                "first, w <- w - lr * weight_decay * w, then takes the Adam step."),
        Mistake(_variant(decay="none"),
                "the weight decay is missing: first shrink the old weights, w <- w - lr * "
                "weight_decay * w."),
        Mistake(_variant(denom="inside"),
                "eps is inside the square root: the denominator is sqrt(vel_hat) + eps, not "
                "sqrt(vel_hat + eps). The difference shows only for tiny gradients, where "
                "sqrt(vel_hat) is as small as eps."),
        Mistake(_variant(denom="none"),
                "eps is missing from the denominator: use sqrt(vel_hat) + eps (it matters when "
                "the gradients are tiny)."),
        Mistake(_variant(denom="mom"),
                "eps belongs to the denominator, sqrt(vel_hat) + eps, not to mom_hat."),
        Mistake(_variant(denom="before-correction"),
                "you added eps to sqrt(vel) before the bias correction (Kingma & Ba's 'efficient' "
                "form, whose eps differs): PyTorch adds eps after it, sqrt(vel_hat) + eps with "
                "vel_hat = vel / (1 - beta2**t)."),
        Mistake(_adamw_old_moments,
                "the returned mom and vel are the old ones: return the updated moments "
                "mom = beta1 * mom + (1 - beta1) * grad and vel = beta2 * vel + (1 - beta2) * "
                "grad**2, so that the next step can use them."),
        Mistake(_adamw_two_steps,
                "you took one step too many: this function makes exactly one AdamW step, from "
                "step t - 1 to step t."),
        Mistake(_variant(t_corr="prev"),  # nan at t = 1: caught by nonfinite_hint instead
                "your bias correction uses the wrong power of beta: t already counts this "
                "step (t = 1 on the first step), so divide by 1 - beta1**t and 1 - beta2**t, "
                "not with t + 1 or t - 1."),
        Mistake(lambda w, grad, mom, vel, t, lr, wd, *rest: _adamw_step(w, grad, mom, vel, t,
                                                                         lr, wd),
                "you used the default constants instead of the arguments beta1, beta2 and eps: "
                "one test case passes beta1=0.8, beta2=0.99, eps=1e-6."),
    ],
    nonfinite_hint=N_(
        "At t = 1 the moments start at zero: a bias correction 1 - beta1**(t - 1) is 0 there, so "
        "t already counts this step (divide by 1 - beta1**t and 1 - beta2**t); and without eps "
        "the denominator sqrt(vel_hat) can be 0 when a gradient is 0."),
)


# ----- 3. inverted dropout -------------------------------------------------------------------
# `rate` is the drop probability 1 - q (PyTorch's nn.Dropout(p) takes this p); q = 1 - rate is
# the keep probability of the course's notation.
_REPLAY_HINT = N_("your mask keeps each unit with the right probability q = 1 - rate, so it is "
                  "a valid dropout mask; but this check replays the exact random draws with the "
                  "same seed, so it needs the mask written as rng.random(a.shape) < 1 - rate.")

_RNG_HINT = N_("your function gives different outputs for the same seeded rng, or ignores it: "
               "draw the mask from the rng argument, rng.random(a.shape) < 1 - rate, not from the "
               "global np.random (np.random.rand, np.random.binomial...) or from a new generator "
               "you made yourself. Randomness passed in makes a run reproducible and lets the "
               "check replay it.")


def _inverted_dropout(a, rate, rng):
    keep = 1.0 - rate                       # q, the keep probability
    mask = rng.random(a.shape) < keep
    return a * mask / keep


def _dropout_cases():
    rng = np.random.default_rng(602)
    return [(rng.normal(size=shape), rate, np.random.default_rng(seed))
            for shape, rate, seed in (((4, 5), 0.5, 1), ((6, 3), 0.2, 2), ((3, 8), 0.7, 3),
                                      ((2, 3, 4), 0.1, 4))]


class _SeededExercise(Exercise):
    """An Exercise whose function must draw its randomness from the rng argument only.

    When the output matches neither the reference nor a planted mistake, the function is run
    twice on the same case with two generators of the same seed: different outputs (the global
    np.random, or a generator seeded from the clock) or outputs that do not depend on the seed
    at all get `_RNG_HINT` instead of a bare value mismatch.
    """

    def _diagnose(self, outputs, expected, cases):
        a, rate, _rng = cases[0]
        runs = []
        for seed in (1, 1, 2):
            try:
                runs.append(np.asarray(_quiet_call(self.fn_under_test,
                                                   (a, rate, np.random.default_rng(seed))),
                                       dtype=float))
            except Exception:  # noqa: BLE001 - the learner's bug was reported by the first run
                return None
        same_seed_differs = not np.array_equal(runs[0], runs[1])
        seed_ignored = np.array_equal(runs[0], runs[2])
        if same_seed_differs or seed_ignored:
            return _hinted(self.name, _RNG_HINT)
        return None

    def grade(self, fn):
        self.fn_under_test = fn
        return super().grade(fn)


check_inverted_dropout = _SeededExercise(
    name="inverted_dropout",
    reference=_inverted_dropout,
    cases=_dropout_cases,
    mistakes=[
        Mistake(lambda a, rate, rng: a * (rng.random(a.shape) < 1 - rate),
                "the kept units are not rescaled: divide by the keep probability q = 1 - rate "
                "so that the expected output equals a."),
        Mistake(lambda a, rate, rng: a * (rng.random(a.shape) < 1 - rate) / rate,
                "you divided by rate, the drop probability: divide by the keep probability "
                "q = 1 - rate."),
        Mistake(lambda a, rate, rng: a * (rng.random(a.shape) < rate) / (1 - rate),
                "your mask keeps each unit with probability rate: keep it when "
                "u < 1 - rate (rate is the probability of dropping, PyTorch's p)."),
        Mistake(lambda a, rate, rng: a * (rng.random(a.shape) < rate) / rate,
                "you used rate as the keep probability: rate is the probability of dropping "
                "a unit (PyTorch's p), so keep it when u < 1 - rate and divide by q = 1 - rate."),
        Mistake(lambda a, rate, rng: a * (rng.random(a.shape) < 1 - rate) * (1 - rate),
                "you multiplied by the keep probability: that is the old test-time scaling. "
                "Inverted dropout divides by q = 1 - rate at training time instead."),
        Mistake(lambda a, rate, rng: a * (rng.random(a.shape) > rate) / (1 - rate),
                _REPLAY_HINT),
        Mistake(lambda a, rate, rng: a * (rng.random(a.shape) >= rate) / (1 - rate),
                _REPLAY_HINT),
        Mistake(lambda a, rate, rng: a * rng.binomial(1, 1 - rate, size=a.shape) / (1 - rate),
                _REPLAY_HINT),
    ],
)
