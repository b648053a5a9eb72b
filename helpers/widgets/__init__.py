"""Interactive explorers for the notebooks.

Each explorer module keeps a pure `*_update` / compute function (tested in tests/ without a
browser) apart from its ipywidgets wiring, which goes through `helpers.widgets.core.explorer`.
Import explorers from their modules, e.g. ``from helpers.widgets.core import explorer``.
"""
