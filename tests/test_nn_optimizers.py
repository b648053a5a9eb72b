import numpy as np
import pytest

from helpers.nn import MLP, SGD, Adam, AdamW, decay_from_lam


def _params_and_grads(seed=0):
    rng = np.random.default_rng(seed)
    params = {"dense1.W": rng.normal(size=(3, 2)), "dense1.b": rng.normal(size=2)}
    grads = [{k: rng.normal(size=v.shape) for k, v in params.items()} for _ in range(4)]
    return params, grads


def _adam_reference(theta, grads, lr, b1=0.9, b2=0.999, eps=1e-8, wd=0.0):
    """Written out step by step, one scalar at a time (independent of the vectorized code)."""
    theta = theta.astype(float).copy().ravel()
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    for t, g in enumerate(grads, start=1):
        g = g.ravel()
        for i in range(theta.size):
            theta[i] = theta[i] - lr * wd * theta[i]
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] ** 2
            theta[i] -= lr * (m[i] / (1 - b1**t)) / (np.sqrt(v[i] / (1 - b2**t)) + eps)
    return theta


def test_sgd_and_momentum_follow_their_formulas():
    params, grads = _params_and_grads()
    start = {k: v.copy() for k, v in params.items()}
    opt = SGD(lr=0.1, momentum=0.9)
    for g in grads:
        opt.step(params, g)
    v = np.zeros_like(start["dense1.W"])
    theta = start["dense1.W"].copy()
    for g in grads:
        v = 0.9 * v + g["dense1.W"]
        theta -= 0.1 * v
    np.testing.assert_allclose(params["dense1.W"], theta, rtol=1e-13)
    plain = {k: v.copy() for k, v in start.items()}
    SGD(lr=0.1).step(plain, grads[0])
    np.testing.assert_allclose(plain["dense1.b"], start["dense1.b"] - 0.1 * grads[0]["dense1.b"])


def test_adam_and_adamw_match_a_scalar_reference():
    for opt, wd in ((Adam(lr=0.05), 0.0), (AdamW(lr=0.05, weight_decay=0.3), 0.3)):
        params, grads = _params_and_grads(1)
        start = params["dense1.W"].copy()
        for g in grads:
            opt.step(params, g, decay=("dense1.W",))
        ref = _adam_reference(start, [g["dense1.W"] for g in grads], lr=0.05, wd=wd)
        np.testing.assert_allclose(params["dense1.W"].ravel(), ref, rtol=1e-12)


def test_decay_touches_only_the_names_given():
    params, grads = _params_and_grads(2)
    zero = {k: np.zeros_like(v) for k, v in params.items()}
    start = {k: v.copy() for k, v in params.items()}
    SGD(lr=0.1, weight_decay=0.5).step(params, zero, decay=("dense1.W",))
    np.testing.assert_allclose(params["dense1.W"], (1 - 0.05) * start["dense1.W"])
    np.testing.assert_array_equal(params["dense1.b"], start["dense1.b"])


def test_sgd_with_l2_equals_sgd_with_decay_after_rescaling():
    # L&H Prop. 1: lam/(2m)||W||^2 in the loss <=> decoupled decay wd = lam/m (PyTorch form).
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=20)
    lam, m, lr = 4.0, 20, 0.2
    a, b = MLP((3, 5, 1), rng=0), MLP((3, 5, 1), rng=0)
    opt_l2, opt_wd = SGD(lr), SGD(lr, weight_decay=decay_from_lam(lam, m))
    for _ in range(30):
        _, g = a.loss_and_grads(X, y, lam=lam)
        opt_l2.step(a.params, g)
        _, g = b.loss_and_grads(X, y, lam=0.0)
        opt_wd.step(b.params, g, decay=b.weight_names)
    for name, value in a.params.items():
        np.testing.assert_allclose(b.params[name], value, rtol=1e-10, atol=1e-13)
    assert decay_from_lam(lam, m) == pytest.approx(0.2)
    assert decay_from_lam(lam, m, lr=lr) == pytest.approx(0.04)  # L&H's per-step factor


def test_adam_with_l2_and_adamw_differ_on_the_same_gradients():
    # L&H Prop. 2: with Adam the L2 term is normalized by sqrt(v_hat); AdamW's decay is not.
    params_l2, grads = _params_and_grads(4)
    params_w = {k: v.copy() for k, v in params_l2.items()}
    lam_over_m = 0.5
    adam, adamw = Adam(lr=0.1), AdamW(lr=0.1, weight_decay=lam_over_m)
    for g in grads:
        g_l2 = {k: v + (lam_over_m * params_l2[k] if k == "dense1.W" else 0.0)
                for k, v in g.items()}
        adam.step(params_l2, g_l2)
        adamw.step(params_w, g, decay=("dense1.W",))
    diff = np.abs(params_l2["dense1.W"] - params_w["dense1.W"])
    assert diff.max() > 1e-2
    np.testing.assert_allclose(params_l2["dense1.b"], params_w["dense1.b"], rtol=1e-13)


def test_bad_input():
    params, grads = _params_and_grads()
    with pytest.raises(ValueError, match=r"lr == 0.0, must be > 0"):
        SGD(lr=0.0)
    with pytest.raises(ValueError, match=r"momentum == 1.0, must be < 1"):
        SGD(lr=0.1, momentum=1.0)
    with pytest.raises(ValueError, match=r"weight_decay == -0.1, must be >= 0"):
        AdamW(weight_decay=-0.1)
    with pytest.raises(ValueError, match=r"betas\[1\] == 1.0, must be < 1"):
        Adam(betas=(0.9, 1.0))
    with pytest.raises(ValueError, match="betas == "):
        Adam(betas=(0.9,))
    with pytest.raises(ValueError, match=r"eps == 0.0, must be > 0"):
        Adam(eps=0.0)
    with pytest.raises(ValueError, match="grads has names"):
        SGD(0.1).step(params, {"dense1.W": grads[0]["dense1.W"]})
    with pytest.raises(ValueError, match=r"grads\['dense1.b'\] has shape \(3,\)"):
        SGD(0.1).step(params, {**grads[0], "dense1.b": np.ones(3)})
    with pytest.raises(ValueError, match="decay names"):
        SGD(0.1).step(params, grads[0], decay=("dense9.W",))
    with pytest.raises(ValueError, match=r"m == 0.0, must be > 0"):
        decay_from_lam(1.0, 0)


def test_bad_containers_get_clear_messages():
    params, grads = _params_and_grads()
    with pytest.raises(TypeError, match="betas must be a pair .* got 0.9 \\(float\\)"):
        Adam(betas=0.9)
    with pytest.raises(TypeError, match="grads must be a dict name -> ndarray.* got list"):
        SGD(0.1).step(params, list(grads[0].values()))
    with pytest.raises(TypeError, match="params must be a dict"):
        SGD(0.1).step(list(params.values()), grads[0])
    with pytest.raises(TypeError, match=r"grads\['dense1.b'\] must be a numpy array, got list"):
        SGD(0.1).step(params, {**grads[0], "dense1.b": [0.0, 0.0]})
    with pytest.raises(TypeError, match=r"decay == 'dense1.W' is a single str.*\('dense1.W',\)"):
        AdamW(0.1).step(params, grads[0], decay="dense1.W")
    with pytest.raises(TypeError, match="decay must contain names"):
        AdamW(0.1).step(params, grads[0], decay=(0,))
    with pytest.raises(TypeError, match="decay must be a collection of names"):
        AdamW(0.1).step(params, grads[0], decay=3)


def test_defaults_are_pytorchs():
    # torch.optim.SGD: momentum 0, weight_decay 0; Adam: lr 1e-3, betas (0.9, 0.999), eps 1e-8;
    # AdamW: the same with weight_decay 0.01
    params, grads = _params_and_grads(5)
    for opt, ref in [(SGD(0.1), SGD(0.1, momentum=0.0, weight_decay=0.0)),
                     (Adam(), Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8)),
                     (AdamW(), AdamW(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01))]:
        a = {k: v.copy() for k, v in params.items()}
        b = {k: v.copy() for k, v in params.items()}
        for g in grads:
            opt.step(a, g, decay=["dense1.W"])
            ref.step(b, g, decay=["dense1.W"])
        for k in params:
            np.testing.assert_array_equal(a[k], b[k])
    first = {k: v.copy() for k, v in params.items()}
    SGD(0.1).step(first, grads[0])
    np.testing.assert_allclose(first["dense1.W"], params["dense1.W"] - 0.1 * grads[0]["dense1.W"],
                               rtol=1e-15)


def test_negative_momentum_is_refused():
    with pytest.raises(ValueError, match="momentum == -0.1, must be >= 0"):
        SGD(0.1, momentum=-0.1)
