"""Every public function of helpers.widgets documents its parameters and returns (numpydoc).

tests/test_docstrings.py walks ``helpers.__all__`` (the compute modules); the explorers are not
exported there, so this walks the ``__all__`` of each module of ``helpers.widgets``: functions
need a Parameters section (when they take arguments) naming every argument, and a Returns
section; classes need Attributes or Parameters.
"""

import importlib
import inspect
import pkgutil

import pytest

import helpers.widgets


def _public_objects():
    for info in pkgutil.iter_modules(helpers.widgets.__path__):
        module = importlib.import_module(f"helpers.widgets.{info.name}")
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if callable(obj) and getattr(obj, "__module__", "") == module.__name__:
                yield f"{info.name}.{name}", obj


def _section(doc, title):
    return f"{title}\n{'-' * len(title)}" in doc


OBJECTS = list(_public_objects())
FUNCTIONS = [(n, o) for n, o in OBJECTS if inspect.isfunction(o)]
CLASSES = [(n, o) for n, o in OBJECTS if inspect.isclass(o)]


def test_the_walk_finds_every_explorer_module():
    modules = {name.split(".")[0] for name, _ in OBJECTS}
    assert modules == {"core", "cv_explorer", "deep_explorer", "first_fit", "gd_path", "geometry",
                       "lambda_fit", "polyfit", "risk_explorer"}
    assert len(FUNCTIONS) > 40 and len(CLASSES) >= 5


@pytest.mark.parametrize("name, fn", FUNCTIONS, ids=[n for n, _ in FUNCTIONS])
def test_function_has_parameters_and_returns(name, fn):
    doc = inspect.getdoc(fn) or ""
    params = inspect.signature(fn).parameters
    if params:
        assert _section(doc, "Parameters"), f"{name}: no numpydoc Parameters section"
    assert _section(doc, "Returns"), f"{name}: no numpydoc Returns section"
    for arg in params:
        assert arg in doc.split("Returns\n-------")[0], f"{name}: argument {arg!r} not documented"


@pytest.mark.parametrize("name, cls", CLASSES, ids=[n for n, _ in CLASSES])
def test_class_documents_its_fields(name, cls):
    doc = inspect.getdoc(cls) or ""
    assert _section(doc, "Attributes") or _section(doc, "Parameters"), name
