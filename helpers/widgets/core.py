"""The one piece of ipywidgets wiring every explorer shares.

A control change re-renders a matplotlib figure to PNG and swaps it into an `ipywidgets.Image`:
no pyplot figure manager, no clearing of output areas, so an update costs one Agg draw and one
PNG encoding. Two ways to describe the picture:

- `explorer(draw, controls)`: draw(fig, **values) draws from scratch on a cleared figure. Simple.
- `artist_explorer(setup, controls)`: setup(fig) builds the axes and artists once and returns
  update(**values), which only changes artists in place (set_data, set_text, ...). Fastest.
"""

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .._validation import as_callable

__all__ = ["explorer", "artist_explorer", "render_png"]


def render_png(fig):
    """The figure as PNG bytes (one Agg draw at the figure's dpi)."""
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer)
    return buffer.getvalue()


def _new_figure(figsize):
    import matplotlib as mpl

    return Figure(figsize=figsize or mpl.rcParams["figure.figsize"], dpi=mpl.rcParams["figure.dpi"])


def _wire(update, fig, controls, ncols):
    """Call update(**values) and re-render on every change; return the widget box."""
    import ipywidgets as widgets  # deferred: only explorers need a widget front end

    image = widgets.Image(format="png")

    def refresh(_change=None):
        update(**{name: control.value for name, control in controls.items()})
        image.value = render_png(fig)

    for control in controls.values():
        control.observe(refresh, names="value")
    refresh()
    items = list(controls.values())
    rows = [widgets.HBox(items[i:i + ncols]) for i in range(0, len(items), ncols)]
    return widgets.VBox([*rows, image])


def _check_controls(controls):
    if not controls:
        raise ValueError("controls is empty; give at least one widget, e.g. {'lam': FloatSlider()}")


def explorer(draw, controls, figsize=None, ncols=1):
    """Wire widgets to a drawing function that redraws the whole figure on each change.

    Parameters
    ----------
    draw : callable
        draw(fig, **values) draws into an empty matplotlib Figure (values keyed like `controls`).
    controls : dict
        name -> ipywidgets control (slider, dropdown, ...).
    figsize : (float, float), optional
    ncols : int
        Controls per row.

    Returns
    -------
    ipywidgets.VBox
        The controls above an Image holding the figure; display it (or end a cell with it).
    """
    as_callable(draw, "draw")
    _check_controls(controls)
    fig = _new_figure(figsize)

    def update(**values):
        fig.clear()
        draw(fig, **values)

    return _wire(update, fig, controls, ncols)


def artist_explorer(setup, controls, figsize=None, ncols=1):
    """Wire widgets to artists built once: the fast path for explorers.

    Parameters
    ----------
    setup : callable
        setup(fig) creates axes and artists on the empty Figure and returns update(**values),
        which changes those artists in place.
    controls, figsize, ncols
        As in `explorer`.

    Returns
    -------
    ipywidgets.VBox
    """
    as_callable(setup, "setup")
    _check_controls(controls)
    fig = _new_figure(figsize)
    update = as_callable(setup(fig), "the value returned by setup(fig)")
    return _wire(update, fig, controls, ncols)
