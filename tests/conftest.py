"""Shared fixtures (tiny seeded problems in both shapes the course cares about) and test groups.

Test groups are pytest markers given here from the file name, so that no test file needs a
decorator: `browser` (tests/test_browser*.py), `site` (test_site*.py, test_slides*.py,
test_pdf*.py, test_guide*.py: they build pages or decks) and `notebooks` (every nbval cell).
`make unit` runs `pytest tests -m "not browser and not site"`; `make test` runs everything.
"""

import fnmatch

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")  # tests never open windows

GROUPS = {
    "browser": ("test_browser*.py",),
    "site": ("test_site*.py", "test_slides*.py", "test_pdf*.py", "test_guide*.py"),
}


def group_of(filename):
    """The marker that a test file's name puts its tests in, or None for unit tests."""
    for marker, patterns in GROUPS.items():
        if any(fnmatch.fnmatch(filename, pattern) for pattern in patterns):
            return marker
    return None


def _deselected(config, marker):
    """True when the -m expression leaves out every test carrying `marker` (and only it)."""
    expression = config.getoption("markexpr", "")
    if not expression:
        return False
    try:
        from _pytest.mark.expression import Expression

        return not Expression.compile(expression).evaluate(lambda name, **_: name == marker)
    except Exception:  # an unknown pytest version: collect the file and let -m deselect it
        return False


def pytest_ignore_collect(collection_path, config):
    """Do not even import a group's files that -m leaves out (their imports need more packages:
    Playwright, jupyter-server-mathjax), so `make unit` runs with the `unit` extra alone."""
    marker = group_of(collection_path.name) if collection_path.suffix == ".py" else None
    if marker is not None and _deselected(config, marker):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = getattr(item, "path", None)
        if path is None:
            continue
        if path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebooks)
        elif (marker := group_of(path.name)) is not None:
            item.add_marker(getattr(pytest.mark, marker))


@pytest.fixture(params=[(40, 5), (8, 15)], ids=["m>n", "m<n"])
def problem(request):
    """A small linear problem (X, y) with non-centered features, for m > n and m < n."""
    m, n = request.param
    rng = np.random.default_rng(m * 100 + n)
    X = rng.normal(size=(m, n)) * np.linspace(0.5, 3, n) + np.linspace(-1, 1, n)
    y = X @ rng.normal(size=n) + 2.0 + 0.5 * rng.normal(size=m)
    return X, y


@pytest.fixture
def imbalanced():
    """A binary problem with about 15 % positives, shifted by 1.2 in every feature."""
    rng = np.random.default_rng(0)
    y = (rng.random(120) < 0.15).astype(float)
    X = rng.normal(size=(120, 3)) + 1.2 * y[:, None]
    return X, y
