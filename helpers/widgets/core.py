"""The one piece of ipywidgets wiring every explorer shares."""

import matplotlib.pyplot as plt

from .._validation import as_callable

__all__ = ["explorer"]


def explorer(draw, controls, figsize=None, ncols=1):
    """Wire widgets to a drawing function: each change redraws the figure below the controls.

    Parameters
    ----------
    draw : callable
        draw(fig, **values) draws into a fresh matplotlib Figure (values keyed like `controls`).
    controls : dict
        name -> ipywidgets control (slider, dropdown, ...).
    figsize : (float, float), optional
    ncols : int
        Controls per row.

    Returns
    -------
    ipywidgets.VBox
        The controls above an Output area holding the figure; display it (or end a cell with it).
    """
    import ipywidgets as widgets  # deferred: only explorers need a widget front end

    as_callable(draw, "draw")
    if not controls:
        raise ValueError("controls is empty; give at least one widget, e.g. {'lam': FloatSlider()}")
    out = widgets.Output()

    def redraw(_change=None):
        values = {name: control.value for name, control in controls.items()}
        with out:
            out.clear_output(wait=True)
            fig = plt.figure(figsize=figsize)
            draw(fig, **values)
            plt.show()

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    items = list(controls.values())
    rows = [widgets.HBox(items[i:i + ncols]) for i in range(0, len(items), ncols)]
    return widgets.VBox([*rows, out])
