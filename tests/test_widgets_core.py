import ipywidgets as widgets
import matplotlib.pyplot as plt
import pytest

from helpers.widgets.core import explorer


def test_explorer_redraws_on_change():
    calls = []

    def draw(fig, lam, name):
        calls.append((lam, name))
        fig.add_subplot().plot([0, lam])

    slider = widgets.FloatSlider(value=1.0, min=0.0, max=5.0)
    box = explorer(draw, {"lam": slider, "name": widgets.Dropdown(options=["a", "b"], value="a")})
    assert calls == [(1.0, "a")]
    slider.value = 2.5
    assert calls[-1] == (2.5, "a")
    assert isinstance(box, widgets.VBox) and isinstance(box.children[-1], widgets.Output)
    plt.close("all")


def test_bad_input():
    with pytest.raises(TypeError, match="draw must be callable"):
        explorer(None, {"a": widgets.IntSlider()})
    with pytest.raises(ValueError, match="controls is empty"):
        explorer(lambda fig: None, {})
