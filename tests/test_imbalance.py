"""Class imbalance (helpers.studies.imbalance): weights, oversampling, stratified folds, metrics."""

import numpy as np
import pytest
from sklearn.metrics import balanced_accuracy_score, recall_score
from sklearn.utils.class_weight import compute_sample_weight

from helpers import (
    balanced_accuracy,
    balanced_class_weights,
    class_recall,
    oversample_minority,
    stratified_kfold_indices,
)


def test_balanced_weights_match_sklearn(imbalanced):
    _, y = imbalanced
    np.testing.assert_allclose(balanced_class_weights(y), compute_sample_weight("balanced", y))
    s = balanced_class_weights(y)
    assert s[y == 1].sum() == pytest.approx(s[y == 0].sum())


def test_oversampling_balances_and_keeps_the_originals(imbalanced):
    X, y = imbalanced
    X2, y2 = oversample_minority(X, y, rng=0)
    assert np.sum(y2 == 1) == np.sum(y2 == 0) == np.sum(y == 0)
    np.testing.assert_array_equal(X2[: y.size], X)
    extra = X2[y.size:]
    assert all(any(np.array_equal(row, x) for x in X[y == 1]) for row in extra)


def test_stratified_folds_keep_proportions_and_partition(imbalanced):
    _, y = imbalanced
    folds = stratified_kfold_indices(y, 5, rng=0)
    assert np.array_equal(np.sort(np.concatenate(folds)), np.arange(y.size))
    per_fold = [int(y[f].sum()) for f in folds]
    assert max(per_fold) - min(per_fold) <= 1
    sizes = [f.size for f in folds]
    assert max(sizes) - min(sizes) <= 1


def test_metrics_match_sklearn(imbalanced):
    _, y = imbalanced
    y_hat = np.zeros_like(y)
    y_hat[:10] = 1
    assert class_recall(y, y_hat, 1) == pytest.approx(recall_score(y, y_hat))
    assert balanced_accuracy(y, y_hat) == pytest.approx(balanced_accuracy_score(y, y_hat))
    assert balanced_accuracy(y, np.zeros_like(y)) == 0.5


def test_bad_input_imbalance(imbalanced):
    X, y = imbalanced
    with pytest.raises(ValueError, match="some fold would contain none of it"):
        stratified_kfold_indices(np.array([0, 0, 0, 0, 1]), 2, rng=0)
    with pytest.raises(ValueError, match="no sample of class 2"):
        class_recall(y, y, 2)
    with pytest.raises(ValueError, match="y_hat has 3"):
        balanced_accuracy(y, np.ones(3))
