import itertools
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import (
    COURSE_COLORS,
    COURSE_STYLE,
    SLIDE_SIZE_IN,
    add_markers,
    plot_coefficients,
    plot_fit_1d,
    plot_geometry,
    plot_loss_curve,
    slide_font_scale,
    use_course_style,
)

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------------------------------------
# Colour vision deficiency: Machado, Oliveira & Fernandes (2009), "A physiologically-based model
# for simulation of color vision deficiency", IEEE TVCG 15(6); the severity-1.0 matrices of their
# supplementary table, applied to linear RGB. Distances are CIE 1976 ΔE*ab in CIELAB (D65).
MACHADO_2009 = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
}
SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])
OLD_CYCLE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"]
# (number of leading cycle colours, smallest ΔE allowed between any two of them)
REQUIRED_SEPARATION = [(4, 40.0), (5, 20.0), (7, 15.0)]


def _linear_rgb(color):
    c = np.asarray(mpl.colors.to_rgb(color))
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(rgb_linear):
    xyz = SRGB_TO_XYZ @ np.clip(rgb_linear, 0.0, 1.0) / (SRGB_TO_XYZ @ np.ones(3))
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def min_delta_e(colors, deficiency=None):
    """Smallest CIELAB ΔE between two of `colors`, as seen with `deficiency` (None: normal)."""
    M = np.eye(3) if deficiency is None else MACHADO_2009[deficiency]
    labs = [_lab(M @ _linear_rgb(c)) for c in colors]
    return min(float(np.linalg.norm(a - b)) for a, b in itertools.combinations(labs, 2))


def cycle_colors(style):
    return [p["color"] for p in style["axes.prop_cycle"]]


def test_colour_science_matches_known_values():
    # white and black are ΔE 100 apart; a deuteranope sees pure red and green as close
    assert min_delta_e(["#ffffff", "#000000"]) == pytest.approx(100.0, abs=0.01)
    assert _lab(_linear_rgb("#ff0000")) == pytest.approx([53.24, 80.09, 67.20], abs=0.05)
    assert min_delta_e(["#ff0000", "#00ff00"]) > 80
    assert min_delta_e(["#d62728", "#2ca02c"], "deuteranopia") < 10
    # the matrices keep white white (rows sum to 1)
    for M in MACHADO_2009.values():
        np.testing.assert_allclose(M.sum(axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("deficiency", [None, "deuteranopia", "protanopia"])
@pytest.mark.parametrize("k, required", REQUIRED_SEPARATION)
def test_course_cycle_stays_distinguishable(deficiency, k, required):
    colors = cycle_colors(COURSE_STYLE)
    assert colors == list(COURSE_COLORS)
    assert min_delta_e(colors[:k], deficiency) >= required


@pytest.mark.parametrize("deficiency", ["deuteranopia", "protanopia"])
def test_palette_test_fails_for_the_old_red_green_cycle(deficiency):
    # the test above must be able to fail: the previous cycle (blue, red, green, ...) does
    assert any(min_delta_e(OLD_CYCLE[:k], deficiency) < required
               for k, required in REQUIRED_SEPARATION)
    assert min_delta_e(OLD_CYCLE[:3], "deuteranopia") < 10  # red and green merge


def test_each_colour_has_its_own_line_style_and_no_white():
    cycle = list(COURSE_STYLE["axes.prop_cycle"])
    styles = [str(p["linestyle"]) for p in cycle]
    assert len(set(styles)) == len(styles) == len(cycle)
    # nothing too light to see on a white slide (yellow #F0E442 would fail this)
    for c in COURSE_COLORS:
        assert _lab(_linear_rgb(c))[0] < 80


def test_fonts_are_legible_on_a_slide():
    # the smallest text of a default figure, scaled to fill a 1280x720 slide, is >= 14 pt
    sizes = [COURSE_STYLE[k] for k in ("font.size", "axes.titlesize", "axes.labelsize",
                                       "xtick.labelsize", "ytick.labelsize", "legend.fontsize",
                                       "legend.title_fontsize", "figure.titlesize")]
    scale = slide_font_scale(COURSE_STYLE["figure.figsize"])
    assert scale == pytest.approx(min(13.333 / 6.4, 7.5 / 3.6), rel=1e-3)
    assert min(sizes) * scale >= 14
    # and the limit stated in the module docstring: up to 10.4 in x 5.8 in still passes
    assert min(sizes) * slide_font_scale((10.4, 5.8)) >= 14
    assert min(sizes) * slide_font_scale((11.0, 3.8)) < 14
    assert SLIDE_SIZE_IN == pytest.approx((13.333, 7.5), abs=1e-3)


def test_fonts_render_at_the_stated_size():
    # the rcParams really reach the text matplotlib draws
    with plt.rc_context(COURSE_STYLE):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1], label="a")
        ax.set(xlabel="$w_1$", title="t")
        legend = ax.legend()
        fig.canvas.draw()
        assert tuple(fig.get_size_inches()) == pytest.approx(COURSE_STYLE["figure.figsize"])
        assert ax.xaxis.label.get_size() == COURSE_STYLE["axes.labelsize"]
        assert ax.get_xticklabels()[0].get_size() == COURSE_STYLE["xtick.labelsize"]
        assert legend.get_texts()[0].get_size() == COURSE_STYLE["legend.fontsize"]
        plt.close(fig)


def test_png_of_a_default_figure_is_small():
    # stored notebooks must stay small: a default figure is 640 x 360 px
    import io

    with plt.rc_context(COURSE_STYLE):
        fig, ax = plt.subplots()
        x = np.linspace(0, 1, 200)
        for k in range(4):
            ax.plot(x, np.sin(5 * x + k), label=f"λ = {k}")
        ax.legend()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        plt.close(fig)
    assert fig.get_size_inches()[0] * COURSE_STYLE["savefig.dpi"] == 640
    assert len(buffer.getvalue()) < 60_000


IMPORT_CHECK = textwrap.dedent("""
    import json
    import matplotlib as mpl
    mpl.use("Agg")
    import matplotlib.pyplot as plt
    before = {k: repr(v) for k, v in mpl.rcParams.items()}
    import helpers  # the whole package, as a notebook imports it
    after = {k: repr(v) for k, v in mpl.rcParams.items()}
    changed = sorted(k for k in before if before[k] != after[k])
    print(json.dumps({"file": helpers.plotting.__file__, "changed": changed}))
""")


def _changed_at_import(root):
    """rcParams changed by `import helpers` in a fresh interpreter, helpers taken from root."""
    result = subprocess.run([sys.executable, "-c", IMPORT_CHECK], capture_output=True, text=True,
                            cwd=root, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(report["file"]).resolve().is_relative_to(Path(root).resolve())
    return report["changed"]


def test_import_does_not_touch_rcparams():
    # a fresh interpreter: a module already imported by this test session would not run its
    # top level again (the old test reloaded one and could not fail)
    assert _changed_at_import(ROOT) == []


def test_import_check_can_fail(tmp_path):
    # plant the bug the test above guards against in a copy of the package: the style applied
    # as a side effect of importing helpers.plotting
    shutil.copytree(ROOT / "helpers", tmp_path / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__"))
    with open(tmp_path / "helpers" / "plotting.py", "a", encoding="utf-8") as module:
        module.write("\nuse_course_style()\n")
    changed = _changed_at_import(tmp_path)
    assert "axes.prop_cycle" in changed and "font.size" in changed


def test_style_is_applied_explicitly():
    with plt.rc_context():
        use_course_style()
        assert plt.rcParams["figure.dpi"] == COURSE_STYLE["figure.dpi"]
        assert cycle_colors(plt.rcParams) == list(COURSE_COLORS)


def test_plots_draw_what_they_are_given():
    x = np.linspace(0, 1, 5)
    ax = plot_fit_1d(x, x**2, {"fit": (x, x)})
    assert len(ax.lines) == 1 and ax.get_title()
    ax = plot_loss_curve(np.array([4.0, 2.0, 1.0]), label="η = 0.1")
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), [4.0, 2.0, 1.0])
    assert ax.get_yscale() == "log"
    ax = plot_coefficients({"a": np.ones(3), "b": -np.ones(3)})
    assert len(ax.patches) == 6
    assert [t.get_text() for t in ax.get_xticklabels()] == ["$w_{1}$", "$w_{2}$", "$w_{3}$"]
    plt.close("all")


def test_plot_geometry_uses_the_course_notation_and_has_a_full_legend():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    y = X @ np.array([2.0, 0.5]) + 0.1 * rng.normal(size=30)
    ax = plot_geometry(X, y, np.array([0.6, 0.1]), 0.8, "l1")
    labels = [t.get_text() for t in ax.legend().get_texts()]
    assert "contour touching the region" in labels
    assert any(label.startswith("L1 region") for label in labels)
    assert ax.get_title().startswith("L1: budget B = 0.8")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("$w_1$", "$w_2$")
    text = " ".join(labels + [ax.get_title()])
    assert "l1" not in text and "lam" not in text and "w1" not in text
    plt.close("all")


def test_add_markers_gives_distinct_markers_evenly_spaced():
    fig, ax = plt.subplots()
    x = np.linspace(0, 1, 500)
    ax.plot(x, x, label="a")
    ax.plot(x, x**2, label="b")
    ax.plot(x, x**3, "s", label="c")  # already has a marker: left alone
    add_markers(ax, n_markers=8)
    markers = [line.get_marker() for line in ax.get_lines()]
    assert markers[0] != markers[1] and markers[2] == "s"
    assert ax.get_lines()[0].get_markevery() == pytest.approx(1 / 8)
    assert ax.get_lines()[2].get_markevery() is None
    with pytest.raises(ValueError, match="n_markers"):
        add_markers(ax, n_markers=0)
    plt.close(fig)


def test_slide_font_scale_refuses_bad_sizes():
    with pytest.raises(ValueError):
        slide_font_scale((0.0, 3.0))


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


def test_public_plotting_functions_have_numpydoc_sections():
    import inspect

    import helpers.plotting as plotting

    for name in plotting.__all__:
        fn = getattr(plotting, name)
        if not inspect.isfunction(fn):
            continue
        doc = inspect.getdoc(fn) or ""
        args = list(inspect.signature(fn).parameters)
        if args:
            assert "Parameters\n----------" in doc, f"{name}: no Parameters section"
        assert "Returns\n-------" in doc, f"{name}: no Returns section"
        for arg in args:
            assert arg in doc, f"{name}: argument {arg!r} is not documented"
