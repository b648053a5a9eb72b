import numpy as np
import pytest

from helpers.exercises import check_adamw_step, check_dense_backward_l2, check_inverted_dropout
from helpers.nn import AdamW, Dense, Dropout
from solutions import ch06


def test_solutions_pass():
    assert check_dense_backward_l2.grade(ch06.dense_backward_l2).passed
    assert check_adamw_step.grade(ch06.adamw_step).passed
    assert check_inverted_dropout.grade(ch06.inverted_dropout).passed


def test_solutions_agree_with_the_package():
    rng = np.random.default_rng(0)
    layer = Dense(3, 2, rng=rng)
    H, G = rng.normal(size=(4, 3)), rng.normal(size=(4, 2))
    layer.forward(H)
    layer.backward(G)
    gW, gb = ch06.dense_backward_l2(H, layer.params["W"], layer.params["b"], G, lam=2.0, m=10)
    np.testing.assert_allclose(gW, layer.grads["W"] + 0.2 * layer.params["W"])
    np.testing.assert_allclose(gb, layer.grads["b"])

    w, g = rng.normal(size=5), rng.normal(size=5)
    params = {"w": w.copy()}
    AdamW(lr=0.1, weight_decay=0.3).step(params, {"w": g}, decay=("w",))
    w1, _, _ = ch06.adamw_step(w, g, np.zeros(5), np.zeros(5), 1, lr=0.1, weight_decay=0.3)
    np.testing.assert_allclose(w1, params["w"], rtol=1e-13)

    h = rng.normal(size=(3, 4))
    np.testing.assert_array_equal(ch06.inverted_dropout(h, 0.4, np.random.default_rng(5)),
                                  Dropout(0.4).forward(h, training=True, rng=5))


@pytest.mark.parametrize("phrase,wrong", [
    ("bias is being penalized",
     lambda H, W, b, G, lam, m: (H.T @ G + lam / m * W, G.sum(0) + lam / m * b)),
    ("missing its 1/m", lambda H, W, b, G, lam, m: (H.T @ G + lam * W, G.sum(0))),
    ("factor of 2", lambda H, W, b, G, lam, m: (H.T @ G + 2 * lam / m * W, G.sum(0))),
    ("half what it should be", lambda H, W, b, G, lam, m: (H.T @ G + lam / (2 * m) * W, G.sum(0))),
    ("L2 term is missing", lambda H, W, b, G, lam, m: (H.T @ G, G.sum(0))),
    ("sum it", lambda H, W, b, G, lam, m: (H.T @ G + lam / m * W, G.mean(0))),
    ("batch size A.shape[0]",
     lambda H, W, b, G, lam, m: (H.T @ G + lam / H.shape[0] * W, G.sum(0))),
])
def test_dense_mistakes_get_their_hints(phrase, wrong):
    fb = check_dense_backward_l2.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


def _adam_core(w, grad, mom, vel, t, lr, b1=0.9, b2=0.999, eps=1e-8, correct=True):
    mom = b1 * mom + (1 - b1) * grad
    vel = b2 * vel + (1 - b2) * grad**2
    mom_hat, vel_hat = (mom / (1 - b1**t), vel / (1 - b2**t)) if correct else (mom, vel)
    return w - lr * mom_hat / (np.sqrt(vel_hat) + eps), mom, vel


@pytest.mark.parametrize("phrase,wrong", [
    ("Adam with L2",
     lambda w, g, mom, vel, t, lr, wd, *c: _adam_core(w, g + wd * w, mom, vel, t, lr, *c)),
    ("bias correction is missing",
     lambda w, g, mom, vel, t, lr, wd, *c: _adam_core(w - lr * wd * w, g, mom, vel, t, lr, *c,
                                                      correct=False)),
    ("not multiplied by lr",
     lambda w, g, mom, vel, t, lr, wd, *c: _adam_core(w - wd * w, g, mom, vel, t, lr, *c)),
    ("after the Adam step",
     lambda w, g, mom, vel, t, lr, wd, *c: (lambda r: (r[0] * (1 - lr * wd), r[1], r[2]))(
         _adam_core(w, g, mom, vel, t, lr, *c))),
])
def test_adamw_mistakes_get_their_hints(phrase, wrong):
    fb = check_adamw_step.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


@pytest.mark.parametrize("phrase,wrong", [
    ("not rescaled", lambda h, rate, rng: h * (rng.random(h.shape) < 1 - rate)),
    ("divided by rate", lambda h, rate, rng: h * (rng.random(h.shape) < 1 - rate) / rate),
    ("probability rate", lambda h, rate, rng: h * (rng.random(h.shape) < rate) / (1 - rate)),
    ("multiplied by the keep",
     lambda h, rate, rng: h * (rng.random(h.shape) < 1 - rate) * (1 - rate)),
    ("replays the exact random draws",
     lambda h, rate, rng: np.where(rng.random(h.shape) > rate, h / (1 - rate), 0.0)),
    ("replays the exact random draws",
     lambda h, rate, rng: h * (rng.random(h.shape) >= rate) / (1 - rate)),
    ("replays the exact random draws",
     lambda h, rate, rng: h * rng.binomial(1, 1 - rate, h.shape) / (1 - rate)),
])
def test_dropout_mistakes_get_their_hints(phrase, wrong):
    fb = check_inverted_dropout.grade(wrong)
    assert fb.status == "fail" and phrase in fb.message, fb.message


def test_stub_gets_the_friendly_line():
    def stub(*args):
        raise NotImplementedError

    for check in (check_dense_backward_l2, check_adamw_step, check_inverted_dropout):
        assert check.grade(stub).status == "todo"
