import numpy as np
import pytest

from helpers import (
    Standardizer,
    make_linear_data,
    make_poly_data,
    ridge_closed_form,
    train_val_test_split,
)


def test_linear_data_is_seeded_and_consistent():
    a = make_linear_data(200, 4, rng=0, noise=0.5, b=3.0)
    b = make_linear_data(200, 4, rng=np.random.default_rng(0), noise=0.5, b=3.0)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    assert a.X.shape == (200, 4) and a.y.shape == (200,) and a.w.shape == (4,)
    np.testing.assert_allclose(np.std(a.y - a.X @ a.w - a.b), 0.5, rtol=0.15)
    assert np.abs(a.X.mean(axis=0)).max() > 0.5  # not centered, on purpose


def test_linear_data_recovers_truth_with_plenty_of_samples():
    d = make_linear_data(5000, 3, rng=1, noise=0.1, w=np.array([1.0, -2.0, 0.5]))
    w, b = ridge_closed_form(d.X, d.y, 0.0)
    np.testing.assert_allclose(w, d.w, atol=0.01)
    assert b == pytest.approx(d.b, abs=0.02)


def test_poly_data():
    x, y = make_poly_data(50, rng=2, coefs=(1.0, 0.0, 2.0), noise=0.0, x_range=(0, 2))
    assert np.all(np.diff(x) >= 0) and x.min() >= 0 and x.max() <= 2
    np.testing.assert_allclose(y, 1 + 2 * x**2)


def test_split_is_a_partition():
    X, y = np.arange(20.0).reshape(10, 2), np.arange(10.0)
    X_tr, X_va, X_te, y_tr, y_va, y_te = train_val_test_split(X, y, rng=3, val=0.2, test=0.3)
    assert (len(y_tr), len(y_va), len(y_te)) == (5, 2, 3)
    np.testing.assert_array_equal(np.sort(np.concatenate([y_tr, y_va, y_te])), y)
    np.testing.assert_array_equal(X_tr[:, 1] / 2 - 0.5, y_tr)  # rows stay paired


def test_standardizer_uses_training_statistics_only():
    rng = np.random.default_rng(4)
    X_train = rng.normal(3.0, 2.0, size=(100, 3))
    X_test = rng.normal(10.0, 1.0, size=(20, 3))
    scaler = Standardizer.fit(X_train)
    Z = scaler.transform(X_train)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1, atol=1e-12)
    expected = (X_test - X_train.mean(0)) / X_train.std(0)
    np.testing.assert_allclose(scaler.transform(X_test), expected)


def test_standardizer_constant_column():
    X = np.column_stack([np.ones(5), np.arange(5.0)])
    Z = Standardizer.fit(X).transform(X)
    assert np.all(np.isfinite(Z)) and np.all(Z[:, 0] == 0)


def test_bad_input():
    with pytest.raises(ValueError, match="m == 0, must be >= 1"):
        make_linear_data(0, 2, rng=0)
    with pytest.raises(TypeError, match="rng must be a numpy Generator"):
        make_linear_data(5, 2, rng="seed")
    with pytest.raises(ValueError, match="scales has length 3 but must have length 2"):
        make_linear_data(5, 2, rng=0, scales=np.ones(3))
    with pytest.raises(ValueError, match="noise == -1.0"):
        make_poly_data(5, rng=0, noise=-1.0)
    with pytest.raises(ValueError, match="x_range"):
        make_poly_data(5, rng=0, x_range=(1.0, 0.0))
    with pytest.raises(ValueError, match="must leave at least one training sample"):
        train_val_test_split(np.ones((4, 1)), np.ones(4), rng=0, val=0.5, test=0.5)
    with pytest.raises(ValueError, match="same number of samples"):
        train_val_test_split(np.ones((4, 1)), np.ones(3), rng=0)
    with pytest.raises(ValueError, match="fitted on 3"):
        Standardizer.fit(np.ones((4, 3))).transform(np.ones((4, 2)))


def test_constant_column_with_round_off_std_is_constant():
    # 0.1 repeated: its float std is ~1e-17, not 0. Dividing by it would give +-1 or 1e15.
    X = np.column_stack([np.full(7, 0.1), np.arange(7.0)])
    assert 0 < X[:, 0].std() < 1e-15
    scaler = Standardizer.fit(X)
    assert scaler.scale[0] == 1.0                      # constant: scale 1
    Z = scaler.transform(X)
    assert np.max(np.abs(Z[:, 0])) < 1e-15             # centred to 0 and stays 0
    np.testing.assert_allclose(Z[:, 1], (X[:, 1] - 3) / X[:, 1].std())
    # relative, not absolute: a column of tiny but varying values is not constant
    tiny = np.column_stack([1e-20 * np.arange(7.0)])
    np.testing.assert_allclose(Standardizer.fit(tiny).transform(tiny)[:, 0],
                               (np.arange(7.0) - 3) / np.arange(7.0).std())
    # all zeros is constant too
    assert Standardizer.fit(np.zeros((3, 1))).scale[0] == 1.0
