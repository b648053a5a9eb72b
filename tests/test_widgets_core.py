import io

import ipywidgets as widgets
import matplotlib.image as mpimg
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.widgets.core import artist_explorer, explorer, freeze_background, render_png


def _image(box):
    return box.children[-1]


def _png(box):
    return bytes(_image(box).value)


def test_explorer_redraws_on_change():
    calls = []

    def draw(fig, lam, name):
        calls.append((lam, name))
        fig.add_subplot().plot([0, lam])

    slider = widgets.FloatSlider(value=1.0, min=0.0, max=5.0)
    box = explorer(draw, {"lam": slider, "name": widgets.Dropdown(options=["a", "b"], value="a")})
    assert calls == [(1.0, "a")]
    first = _png(box)
    assert first.startswith(b"\x89PNG")
    slider.value = 2.5
    assert calls[-1] == (2.5, "a")
    assert isinstance(_image(box), widgets.Image) and _png(box) != first


def test_artist_explorer_builds_once_and_updates_in_place():
    built = []

    def setup(fig):
        ax = fig.add_subplot()
        (line,) = ax.plot([0, 1], [0, 0])
        built.append(ax)

        def update(slope):
            line.set_ydata([0, slope])

        return update

    slider = widgets.FloatSlider(value=0.5, min=-1.0, max=1.0)
    box = artist_explorer(setup, {"slope": slider})
    first = _png(box)
    slider.value = -0.5
    assert len(built) == 1 and built[0].lines[0].get_ydata()[1] == -0.5
    assert _png(box) != first


def test_render_png_is_deterministic():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 2), dpi=50)
    fig.add_subplot().plot([1, 2])
    assert render_png(fig) == render_png(fig)


def test_bad_input():
    with pytest.raises(TypeError, match="draw must be callable"):
        explorer(None, {"a": widgets.IntSlider()})
    with pytest.raises(ValueError, match="controls is empty"):
        explorer(lambda fig: None, {})
    with pytest.raises(TypeError, match="returned by setup"):
        artist_explorer(lambda fig: None, {"a": widgets.IntSlider()})


def _pixels(fig):
    return mpimg.imread(io.BytesIO(render_png(fig)))


def _two_panel(slope):
    fig = Figure(figsize=(4, 2), dpi=50)
    left, right = fig.subplots(1, 2)
    (line,) = left.plot([0, 1], [0, slope])
    left.set(ylim=(-1, 1), xlabel="x")
    left.set_title(f"slope {slope:.1f}", fontsize=9)
    right.plot([0, 1], [1, 0], label="static")
    right.legend()
    return fig, line


def test_freeze_background_matches_a_full_redraw_after_updates():
    frozen, line = _two_panel(0.2)
    freeze_background(frozen, [line, frozen.axes[0].title])
    line.set_ydata([0, -0.7])
    frozen.axes[0].set_title("slope -0.7", fontsize=9)
    reference, _ = _two_panel(-0.7)
    assert np.mean(np.abs(_pixels(frozen) - _pixels(reference)) > 0.05) < 0.005
    title = frozen.axes[0].title.get_window_extent()  # a live title stays where it was laid out
    assert title.y1 <= frozen.bbox.y1 and title.y0 >= frozen.axes[0].bbox.y1
    # ...and a broken freeze (moving artist left out) is caught by the same comparison:
    stale, line2 = _two_panel(0.2)
    freeze_background(stale, [])
    line2.set_ydata([0, -0.7])
    stale.axes[0].set_title("slope -0.7", fontsize=9)
    assert np.mean(np.abs(_pixels(stale) - _pixels(reference)) > 0.05) > 0.001


def test_render_and_freeze_reject_what_is_not_a_figure():
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        render_png([])
    with pytest.raises(TypeError, match="moving must be a sequence of matplotlib artists"):
        freeze_background(Figure(), [1.0])


def test_plain_ticks_and_decade_labels():
    from helpers.widgets.core import _plain_ticks, decade_label

    assert [decade_label(v) for v in (1e-4, 1.0, 10.0, 1e3)] == ["10⁻⁴", "10⁰", "10¹", "10³"]
    ax = Figure().add_subplot()
    ax.set_xscale("log")
    _plain_ticks(ax.xaxis, [1e-2, 1.0, 1e2], decade_label)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["10⁻²", "10⁰", "10²"]
    assert len(ax.xaxis.get_minorticklocs()) == 0
    _plain_ticks(ax.yaxis, [0.0, 0.25], "{:.2f}")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0.00", "0.25"]


def test_plain_ticks_is_defined_once():
    """One shared helper: the explorers import it from core instead of defining their own."""
    import helpers.widgets.core as core
    import helpers.widgets.cv_explorer as cv
    import helpers.widgets.lambda_fit as lf

    assert cv._plain_ticks is core._plain_ticks and lf._plain_ticks is core._plain_ticks
