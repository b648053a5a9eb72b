"""The one piece of ipywidgets wiring every explorer shares.

A control change re-renders a matplotlib figure to PNG and swaps it into an `ipywidgets.Image`:
no pyplot figure manager, no clearing of output areas, so an update costs one Agg draw and one
PNG encoding. Two ways to describe the picture:

- `explorer(draw, controls)`: draw(fig, **values) draws from scratch on a cleared figure. Simple.
- `artist_explorer(setup, controls)`: setup(fig) builds the axes and artists once and returns
  update(**values), which only changes artists in place (set_data, set_text, ...). Fastest.

`freeze_background(fig, moving)` makes the fast path faster still: the parts that never move
(axes, ticks, labels, legends, reference curves) are drawn once and pasted back as pixels.

Layout lives in data: each explorer describes its figure with a `Layout` (size, margins, font
sizes) and `apply_layout` applies it. A layout stays projector-ready: at most 10.4 in x 5.8 in
with text of at least 11 pt, so its smallest text shows at 14 pt or more when the figure fills a
1280 x 720 slide (`helpers.plotting.slide_font_scale`; tests/test_widgets_layout.py checks it).
"""

import io
from dataclasses import dataclass, field

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .._validation import as_callable

__all__ = ["Layout", "apply_layout", "explorer", "artist_explorer", "render_png",
           "freeze_background", "decade_label"]


@dataclass(frozen=True)
class Layout:
    """The size, margins and font sizes of an explorer's figure (layout as data, not code).

    Attributes
    ----------
    figsize : (float, float)
        Width and height in inches; at most 10.4 x 5.8 keeps 11-pt text at 14 pt or more on a
        1280 x 720 slide.
    margins : dict
        Keyword arguments of ``Figure.subplots_adjust`` (left, right, bottom, top, wspace,
        hspace), as fractions of the figure.
    font : float
        Size in points of the smallest text: ticks, legends, small titles (>= 11).
    title : float
        Size in points of the panel titles (>= font).
    """

    figsize: tuple = (10.4, 3.6)
    margins: dict = field(default_factory=dict)
    font: float = 11.0
    title: float = 12.0


def apply_layout(fig, layout):
    """Give `fig` the layout's size (a top-level figure only) and margins.

    A sub-figure keeps the size its parent gives it; only its margins are set.

    Parameters
    ----------
    fig : matplotlib Figure or SubFigure
    layout : Layout

    Returns
    -------
    fig : the same figure
    """
    if not isinstance(layout, Layout):
        raise TypeError(f"layout must be a Layout, got {type(layout).__name__}")
    if isinstance(fig, Figure):
        fig.set_size_inches(layout.figsize)
    fig.subplots_adjust(**layout.margins)
    return fig


def _plain_ticks(axis, values, fmt="{:g}"):
    """Fixed ticks with plain-text labels, shared by the explorers.

    Log-scale labels such as 10^-4 are typeset as mathtext, which is re-parsed on every draw and
    would dominate the cost of a slider move; fixed ticks with plain labels (and no minor ticks)
    avoid that work. `fmt` is a format string, or a callable value -> label.
    """
    from matplotlib.ticker import NullLocator

    label = fmt if callable(fmt) else fmt.format
    axis.set_ticks(values, labels=[label(v) for v in values])
    axis.set_minor_locator(NullLocator())


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_label(value):
    """A power of ten as plain text with Unicode superscripts: 1e-4 -> '10⁻⁴', 1000 -> '10³'.

    Parameters
    ----------
    value : float > 0
        A power of ten (rounded to the nearest one).

    Returns
    -------
    str
    """
    exponent = int(round(float(np.log10(value))))
    return "10" + str(exponent).translate(_SUPERSCRIPTS)


PNG_COMPRESS_LEVEL = 1  # fast zlib: the live image is re-encoded on every slider move


def _as_figure(fig):
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    return fig


def render_png(fig):
    """The figure as PNG bytes (one Agg draw at the figure's dpi).

    Parameters
    ----------
    fig : matplotlib Figure

    Returns
    -------
    bytes
        A PNG image of fig.bbox.width x fig.bbox.height pixels.
    """
    _as_figure(fig)
    buffer = io.BytesIO()
    # zlib level 1: the image is about 3% larger than at PIL's default level 6, and encoding
    # it (most of a slider move's cost for a 1040-px-wide figure) takes about half the time.
    FigureCanvasAgg(fig).print_png(buffer, pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})
    return buffer.getvalue()


def _new_figure(figsize):
    import matplotlib as mpl

    return Figure(figsize=figsize or mpl.rcParams["figure.figsize"], dpi=mpl.rcParams["figure.dpi"])


def _wire(update, fig, controls, ncols):
    """Call update(**values) and re-render on every change; return the widget box."""
    import ipywidgets as widgets  # deferred: only explorers need a widget front end

    # Shown at its own pixel size: stretched to the cell's width it would look blurred.
    image = widgets.Image(format="png", layout=widgets.Layout(width=f"{round(fig.bbox.width)}px"))

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
        Figure width and height in inches (default: the course style's).
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
    controls : dict
        name -> ipywidgets control, as in `explorer`.
    figsize : (float, float), optional
        Figure width and height in inches, as in `explorer`.
    ncols : int
        Controls per row.

    Returns
    -------
    ipywidgets.VBox
        The controls above an Image holding the figure.
    """
    as_callable(setup, "setup")
    _check_controls(controls)
    fig = _new_figure(figsize)
    update = as_callable(setup(fig), "the value returned by setup(fig)")
    return _wire(update, fig, controls, ncols)


class _Background(Artist):
    """Pastes a saved Agg region (the static parts of the figure) before anything else draws."""

    def __init__(self, region):
        super().__init__()
        self._region = region
        self.set_zorder(-10)

    def draw(self, renderer):
        renderer.restore_region(self._region)


def freeze_background(fig, moving):
    """Render `fig` once without `moving`; afterwards only `moving` is drawn, over that image.

    Every other artist of every axes (axis, spines, patch, legend, static data, titles not in
    `moving`) is hidden, and a background artist restores the saved pixels first: one memory copy
    instead of re-laying out text, ticks and legends on every move. For live explorers rendered
    with `render_png` only: the figure must not be resized or saved with a tight bounding box
    afterwards (static figures should be drawn without freezing).

    Parameters
    ----------
    fig : matplotlib Figure
    moving : sequence of Artist
        The artists an update changes (lines, patches, texts, titles, ...).

    Returns
    -------
    None
    """
    _as_figure(fig)
    moving = list(moving)
    if not all(isinstance(artist, Artist) for artist in moving):
        raise TypeError("moving must be a sequence of matplotlib artists (lines, patches, texts)")
    for artist in moving:
        artist.set_visible(False)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    region = canvas.copy_from_bbox(fig.bbox)
    for ax in fig.axes:
        # Pin each title where it was laid out: matplotlib re-places titles from the (now hidden)
        # axis decorations on every draw, which would push them off the figure.
        ax.set_title(ax.get_title(), y=ax.title.get_position()[1],
                     fontsize=ax.title.get_fontsize())
    keep = {id(artist) for artist in moving}
    for ax in fig.axes:
        for child in ax.get_children():
            if id(child) not in keep:
                child.set_visible(False)
    for text in fig.texts:
        if id(text) not in keep:
            text.set_visible(False)
    fig.add_artist(_Background(region))
    for artist in moving:
        artist.set_visible(True)
