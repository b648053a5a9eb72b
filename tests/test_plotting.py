import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import COURSE_STYLE, plot_coefficients, plot_fit_1d, plot_loss_curve, use_course_style


def test_import_does_not_touch_rcparams():
    import importlib

    import helpers.plotting

    before = dict(plt.rcParams)
    importlib.reload(helpers.plotting)
    assert dict(plt.rcParams) == before


def test_style_is_applied_explicitly():
    with plt.rc_context():
        use_course_style()
        assert plt.rcParams["figure.dpi"] == COURSE_STYLE["figure.dpi"]


def test_plots_draw_what_they_are_given():
    x = np.linspace(0, 1, 5)
    ax = plot_fit_1d(x, x**2, {"fit": (x, x)})
    assert len(ax.lines) == 1 and ax.get_title()
    ax = plot_loss_curve(np.array([4.0, 2.0, 1.0]), label="lr=0.1")
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), [4.0, 2.0, 1.0])
    assert ax.get_yscale() == "log"
    ax = plot_coefficients({"a": np.ones(3), "b": -np.ones(3)})
    assert len(ax.patches) == 6
    plt.close("all")


def test_plot_reuses_given_axes():
    fig, ax = plt.subplots()
    assert plot_loss_curve(np.ones(3), ax=ax) is ax
    plt.close(fig)


def test_bad_input():
    with pytest.raises(ValueError, match=r"x has shape \(3,\) but y has shape \(2,\)"):
        plot_fit_1d(np.ones(3), np.ones(2), {})
    with pytest.raises(ValueError, match=r"curves\['a'\] has x_grid of shape \(3,\) but y_grid"):
        plot_fit_1d(np.ones(3), np.ones(3), {"a": (np.arange(3), np.arange(4))})
    with pytest.raises(ValueError, match=r"curves\['a'\] must be a pair"):
        plot_fit_1d(np.ones(3), np.ones(3), {"a": np.arange(3)})
    with pytest.raises(ValueError, match="losses has shape"):
        plot_loss_curve(np.ones((2, 2)))
    with pytest.raises(TypeError, match="curves must be a dict"):
        plot_fit_1d(np.ones(3), np.ones(3), [])
    with pytest.raises(TypeError, match="coefs must be a dict"):
        plot_coefficients(None)
    with pytest.raises(ValueError, match="lengths"):
        plot_coefficients({"a": np.ones(2), "b": np.ones(3)})
