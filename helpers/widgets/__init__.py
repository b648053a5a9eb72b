"""Interactive explorers for the notebooks.

Each explorer module keeps a pure `*_update` / compute function (tested in tests/ without a
browser) apart from its ipywidgets wiring, which goes through `helpers.widgets.core.explorer`.
Import explorers from their modules, e.g. ``from helpers.widgets.core import explorer``.

The explorers with several panels keep their layout in data: a module-level ``LAYOUT``
(`helpers.widgets.core.Layout`: figure size, margins, font sizes) and one small dict per panel
(limits, labels, ticks, legend place); the builder only draws the panels and moves artists.
Every layout is projector-ready: at most 10.4 in x 5.8 in with text of at least 11 pt, which
shows at 14 pt or more on a 1280 x 720 slide (tests/test_widgets_layout.py). The static
``draw_*`` functions resize a top-level figure to their ``LAYOUT.figsize``.
"""
