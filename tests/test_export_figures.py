"""tools/export_figures.py on a tiny synthetic notebook (a real kernel runs it)."""

import importlib.util
import json
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("export_figures",
                                              ROOT / "tools" / "export_figures.py")
export_figures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(export_figures)


def _tiny_notebook(path):
    cells = [
        nbformat.v4.new_markdown_cell("# Tiny\n\nIntro."),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nimport helpers as hp\n"
                                  "hp.use_course_style()"),
        nbformat.v4.new_markdown_cell("## 1. The λ path: *first* section"),
        nbformat.v4.new_code_cell("fig, ax = plt.subplots()\nax.plot([0, 1], [0, 1])\n"
                                  "ax.set_title('first')\nplt.show()\n"
                                  "fig, ax = plt.subplots(figsize=(12, 3))\n"
                                  "ax.plot([0, 1], [1, 0])\nax.set_title('second')\nplt.show()"),
        nbformat.v4.new_code_cell("def fake_explorer():\n    plt.plot([0, 1])\n    return 7"),
        # a widget cell: it runs (a later cell uses `seven`), but its figure is not exported
        nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\n# live widget\n"
                                  "seven = 7\nfake_explorer()"),
        # an error that is the point of the cell does not fail the export
        nbformat.v4.new_code_cell("1 / 0", metadata={"tags": ["raises-exception"]}),
        nbformat.v4.new_markdown_cell("### Sub-part"),
        # no plt.show(): the figure left open is saved too
        nbformat.v4.new_code_cell("fig, ax = plt.subplots()\nax.plot([0, 1], [seven, seven])"),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("figures")
    notebook = tmp / "01_tiny.ipynb"
    _tiny_notebook(notebook)
    out = tmp / "out"
    status = export_figures.main([str(notebook), "--out", str(out), "--dpi", "50"])
    return out, status


def test_every_figure_is_exported_by_notebook_and_section(exported):
    out, status = exported
    assert status == 0
    stems = sorted(p.stem for p in out.glob("*.svg"))
    assert stems == ["01_1-the-lambda-path-first-section_1", "01_1-the-lambda-path-first-section_2",
                     "01_sub-part_1"]
    assert sorted(p.stem for p in out.glob("*.png")) == stems
    assert (out / f"{stems[0]}.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert (out / f"{stems[0]}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_index_reports_titles_and_slide_font_size(exported):
    out, _ = exported
    records = json.loads((out / "index.json").read_text(encoding="utf-8"))
    by_stem = {r["stem"]: r for r in records}
    first = by_stem["01_1-the-lambda-path-first-section_1"]
    assert first["titles"] == ["first"] and first["notebook"] == "01_tiny.ipynb"
    assert first["size_in"] == [6.4, 3.6]
    # default figure, 11-pt ticks, magnified 13.33/6.4: about 23 pt on the slide
    assert first["min_slide_pt"] == pytest.approx(11 * 1280 / 96 / 6.4, abs=0.1)
    second = by_stem["01_1-the-lambda-path-first-section_2"]
    assert second["min_slide_pt"] < export_figures.MIN_SLIDE_PT  # 12 in wide: flagged
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "01_1-the-lambda-path-first-section_2 |" not in index  # links, not bare stems
    assert "⚠" in index.split("first-section_2.svg")[1].splitlines()[0]


def test_a_failing_cell_makes_the_export_fail(tmp_path):
    notebook = tmp_path / "02_broken.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")]), notebook)
    assert export_figures.main([str(notebook), "--out", str(tmp_path / "out")]) == 1


@pytest.mark.parametrize("heading, slug", [
    ("4. Geometry: disks, diamonds and corners", "4-geometry-disks-diamonds-and-corners"),
    ("Choosing $\\lambda$ with `KFold`", "choosing-lambda-with-kfold"),
    ("λ and η (optional deep dive)", "lambda-and-eta-optional-deep-dive"),
    ("[Link](x.ipynb) ★", "link-star"),
    ("???", "figure"),
])
def test_slugify(heading, slug):
    assert export_figures.slugify(heading) == slug
