"""Shared fixtures: tiny seeded problems in both shapes the course cares about."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")  # tests never open windows


@pytest.fixture(params=[(40, 5), (8, 15)], ids=["m>n", "m<n"])
def problem(request):
    """A small linear problem (X, y) with non-centered features, for m > n and m < n."""
    m, n = request.param
    rng = np.random.default_rng(m * 100 + n)
    X = rng.normal(size=(m, n)) * np.linspace(0.5, 3, n) + np.linspace(-1, 1, n)
    y = X @ rng.normal(size=n) + 2.0 + 0.5 * rng.normal(size=m)
    return X, y
