"""Every public function of the compute modules documents its parameters and returns (numpydoc).

Walks ``helpers.__all__``: functions need a Parameters section when they take arguments and a
Returns section; classes need Parameters or Attributes; their public methods that take arguments
need Parameters. Widgets, exercises, plotting and environment are checked by their own owners.
"""

import inspect

import pytest

import helpers

COMPUTE = ("helpers.linear", "helpers.selection", "helpers.nn", "helpers.studies",
           "helpers.data", "helpers.gradcheck", "helpers.errors")


def _public_objects():
    for name in helpers.__all__:
        obj = getattr(helpers, name)
        if callable(obj) and getattr(obj, "__module__", "").startswith(COMPUTE):
            yield name, obj


def _section(doc, title):
    return f"{title}\n{'-' * len(title)}" in doc


def _takes_arguments(fn, skip_self=False):
    params = list(inspect.signature(fn).parameters.values())
    return len(params) > (1 if skip_self else 0)


FUNCTIONS = [(n, o) for n, o in _public_objects() if not inspect.isclass(o)]
CLASSES = [(n, o) for n, o in _public_objects()
           if inspect.isclass(o) and not issubclass(o, Exception)]


def test_the_walk_finds_the_package():
    assert len(FUNCTIONS) > 80 and len(CLASSES) > 10
    assert "ridge_closed_form" in dict(FUNCTIONS) and "MLP" in dict(CLASSES)


@pytest.mark.parametrize("name, fn", FUNCTIONS, ids=[n for n, _ in FUNCTIONS])
def test_function_has_parameters_and_returns(name, fn):
    doc = inspect.getdoc(fn) or ""
    if _takes_arguments(fn):
        assert _section(doc, "Parameters"), f"{name}: no numpydoc Parameters section"
    assert _section(doc, "Returns"), f"{name}: no numpydoc Returns section"
    for arg in inspect.signature(fn).parameters:
        assert arg in doc, f"{name}: argument {arg!r} is not documented"


@pytest.mark.parametrize("name, cls", CLASSES, ids=[n for n, _ in CLASSES])
def test_class_documents_its_fields_and_methods(name, cls):
    doc = inspect.getdoc(cls) or ""
    assert _section(doc, "Parameters") or _section(doc, "Attributes"), name
    for meth_name, meth in vars(cls).items():
        if meth_name.startswith("_") or not callable(getattr(cls, meth_name)):
            continue
        fn = meth.__func__ if isinstance(meth, (classmethod, staticmethod)) else meth
        if not inspect.isfunction(fn) or not _takes_arguments(fn, skip_self=True):
            continue
        mdoc = inspect.getdoc(fn) or ""
        assert _section(mdoc, "Parameters"), f"{name}.{meth_name}: no Parameters section"


@pytest.mark.parametrize("old", ["GDResult", "LassoPath"])
def test_the_result_classes_of_0_1_still_import_with_a_warning(old):
    with pytest.warns(FutureWarning, match=f"helpers.{old} is the old name of "
                                           f"helpers.DescentResult and will be removed"):
        cls = getattr(helpers, old)
    assert cls is helpers.DescentResult
    with pytest.raises(AttributeError, match="module 'helpers' has no attribute 'NoSuchName'"):
        helpers.NoSuchName  # noqa: B018
