"""Exercise checks for notebook 06 (deep networks): the L2 term in a dense layer's backward
pass, one AdamW step, and inverted dropout."""

import numpy as np

from ._core import Exercise, Mistake

__all__ = ["check_dense_backward_l2", "check_adamw_step", "check_inverted_dropout"]


# ----- 1. the L2 term in the gradient of a dense layer --------------------------------------
def _dense_backward_l2(H, W, b, grad_out, lam, m):
    return H.T @ grad_out + (lam / m) * W, grad_out.sum(axis=0)


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
        Mistake(lambda H, W, b, G, lam, m: (H.T @ G + (lam / m) * W, G.sum(0) + (lam / m) * b),
                "the bias is being penalized: the L2 term lam/(2m)||W||^2 has no b in it, so "
                "grad_b is just the sum of grad_out over the batch."),
        Mistake(lambda H, W, b, G, lam, m: (H.T @ G + lam * W, G.sum(0)),
                "the L2 term is missing its 1/m: the derivative of lam/(2m)||W||^2 is "
                "(lam/m) W."),
        Mistake(lambda H, W, b, G, lam, m: (H.T @ G + (2 * lam / m) * W, G.sum(0)),
                "the L2 term is off by a factor of 2: the 1/2 in lam/(2m)||W||^2 cancels the 2 "
                "from the square, leaving (lam/m) W."),
        Mistake(lambda H, W, b, G, lam, m: (H.T @ G + (lam / (2 * m)) * W, G.sum(0)),
                "the L2 term is half what it should be: differentiate ||W||^2 to 2W, so "
                "lam/(2m)||W||^2 gives (lam/m) W."),
        Mistake(lambda H, W, b, G, lam, m: (H.T @ G, G.sum(0)),
                "the L2 term is missing: add (lam/m) W to the weight gradient."),
        Mistake(lambda H, W, b, G, lam, m: (H.T @ G + (lam / H.shape[0]) * W, G.sum(0)),
                "the L2 term divides by the batch size H.shape[0]: the penalty is "
                "lam/(2m)||W||^2 with m the size of the whole training set (the argument m), "
                "so its gradient is (lam/m) W whatever the batch."),
        Mistake(lambda H, W, b, G, lam, m: (H.T @ G + (lam / m) * W, G.mean(0)),
                "grad_b averages grad_out over the batch: grad_out already carries the 1/m_b of "
                "the mean loss, so sum it (as H^T grad_out does for W)."),
    ],
)


# ----- 2. one AdamW step ---------------------------------------------------------------------
def _adamw_step(w, grad, mom, vel, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    w = w - lr * weight_decay * w  # decoupled decay first, on the old weights
    mom = beta1 * mom + (1 - beta1) * grad
    vel = beta2 * vel + (1 - beta2) * grad**2
    mom_hat, vel_hat = mom / (1 - beta1**t), vel / (1 - beta2**t)
    return w - lr * mom_hat / (np.sqrt(vel_hat) + eps), mom, vel


def _adam_l2_step(w, grad, mom, vel, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    return _adamw_step(w, grad + weight_decay * w, mom, vel, t, lr, 0.0, beta1, beta2, eps)


def _adamw_no_correction(w, grad, mom, vel, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    w = w - lr * weight_decay * w
    mom = beta1 * mom + (1 - beta1) * grad
    vel = beta2 * vel + (1 - beta2) * grad**2
    return w - lr * mom / (np.sqrt(vel) + eps), mom, vel


def _adamw_decay_without_lr(w, grad, mom, vel, t, lr, weight_decay, *rest):
    w_new, mom, vel = _adamw_step(w, grad, mom, vel, t, lr, 0.0, *rest)
    return w_new - weight_decay * w, mom, vel


def _adamw_decay_after(w, grad, mom, vel, t, lr, weight_decay, *rest):
    w_new, mom, vel = _adamw_step(w, grad, mom, vel, t, lr, 0.0, *rest)
    return w_new - lr * weight_decay * w_new, mom, vel


def _adamw_cases():
    rng = np.random.default_rng(601)
    cases = []
    for n, t, lr, wd in ((4, 1, 0.1, 0.5), (6, 3, 0.05, 0.2), (3, 10, 0.2, 1.0)):
        mom_state = 0.1 * rng.normal(size=n) if t > 1 else np.zeros(n)
        vel_state = 0.01 * rng.random(n) if t > 1 else np.zeros(n)
        cases.append((3 * rng.normal(size=n), rng.normal(size=n), mom_state, vel_state, t, lr, wd))
    return cases


check_adamw_step = Exercise(
    name="adamw_step",
    reference=_adamw_step,
    cases=_adamw_cases,
    mistakes=[
        Mistake(_adam_l2_step,
                "you added weight_decay * w to the gradient: that is Adam with L2, whose decay "
                "is then divided by sqrt(v_hat). AdamW shrinks w directly: w <- w - lr * "
                "weight_decay * w, outside mom and vel."),
        Mistake(_adamw_no_correction,
                "the bias correction is missing: divide mom by (1 - beta1**t) and vel by "
                "(1 - beta2**t) before the step."),
        Mistake(_adamw_decay_without_lr,
                "your decay is not multiplied by lr: PyTorch's AdamW uses w <- w - lr * "
                "weight_decay * w (Loshchilov & Hutter's lambda is lr * weight_decay)."),
        Mistake(_adamw_decay_after,
                "you decayed the weights after the Adam step: PyTorch shrinks the old weights "
                "first, w <- w - lr * weight_decay * w, then takes the Adam step."),
    ],
)


# ----- 3. inverted dropout -------------------------------------------------------------------
_REPLAY_HINT = ("your mask keeps each unit with the right probability 1 - rate, so it is a "
                "valid dropout mask; but this check replays the exact random draws with the "
                "same seed, so it needs the mask written as rng.random(h.shape) < 1 - rate.")

def _inverted_dropout(h, rate, rng):
    keep = 1.0 - rate
    mask = rng.random(h.shape) < keep
    return h * mask / keep


def _dropout_cases():
    rng = np.random.default_rng(602)
    return [(rng.normal(size=shape), rate, np.random.default_rng(seed))
            for shape, rate, seed in (((4, 5), 0.5, 1), ((6, 3), 0.2, 2), ((3, 8), 0.7, 3))]


check_inverted_dropout = Exercise(
    name="inverted_dropout",
    reference=_inverted_dropout,
    cases=_dropout_cases,
    mistakes=[
        Mistake(lambda h, rate, rng: h * (rng.random(h.shape) < 1 - rate),
                "the kept units are not rescaled: divide by the keep probability 1 - rate so "
                "that the expected output equals h."),
        Mistake(lambda h, rate, rng: h * (rng.random(h.shape) < 1 - rate) / rate,
                "you divided by rate, the drop probability: divide by the keep probability "
                "1 - rate."),
        Mistake(lambda h, rate, rng: h * (rng.random(h.shape) < rate) / (1 - rate),
                "your mask keeps each unit with probability rate: keep it when "
                "u < 1 - rate (rate is the probability of dropping)."),
        Mistake(lambda h, rate, rng: h * (rng.random(h.shape) < 1 - rate) * (1 - rate),
                "you multiplied by the keep probability: that is the old test-time scaling. "
                "Inverted dropout divides by 1 - rate at training time instead."),
        Mistake(lambda h, rate, rng: h * (rng.random(h.shape) > rate) / (1 - rate),
                _REPLAY_HINT),
        Mistake(lambda h, rate, rng: h * (rng.random(h.shape) >= rate) / (1 - rate),
                _REPLAY_HINT),
        Mistake(lambda h, rate, rng: h * rng.binomial(1, 1 - rate, size=h.shape) / (1 - rate),
                _REPLAY_HINT),
    ],
)
