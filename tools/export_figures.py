"""Export every figure of the course as SVG and 200-dpi PNG (`make figures`).

Each notebook is executed afresh (its stored file is not touched) in a kernel where
`matplotlib.pyplot.show` is replaced by a hook that saves every open figure before closing it.
Before each code cell a one-line cell tells the hook which section the figures belong to, so the
files are named by notebook and section:

    build/figures/NN_section-slug_k.svg  and  NN_section-slug_k.png   (k = 1, 2, ... per section)

The section is the last heading (level 2 or 3) above the cell. Figures of widget cells (whose
stored output is a live widget, or whose last statement calls ``..._explorer(...)``) are
skipped: each explorer has a static figure beside it, which is exported; the cells still run,
since later cells may use what they define. Cells tagged ``raises-exception`` (or marked
``NBVAL_RAISES_EXCEPTION``) may fail; any other failing cell makes the export fail. Figures still
open at the end of a cell (a cell that forgot ``plt.show()``) are saved too.

The folder also gets ``index.md`` (a table: file, notebook, section, titles, size, and the
smallest text in points when the figure fills a 1280 x 720 slide, flagged when under 14 pt) and
``index.json`` (the same, for tools). The exit status is 1 if a notebook cell failed.

Usage: python tools/export_figures.py [--out DIR] [--dpi 200] [notebooks/NN_x.ipynb ...]
"""

import argparse
import ast
import json
import re
import sys
import unicodedata
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$", re.MULTILINE)
MIN_SLIDE_PT = 14.0
GREEK = {"λ": "lambda", "η": "eta", "ρ": "rho", "κ": "kappa", "μ": "mu", "ν": "nu", "σ": "sigma",
         "τ": "tau", "γ": "gamma", "α": "alpha", "β": "beta", "ε": "epsilon", "★": "star"}


def slugify(text, max_len=40):
    """A file-name slug: lower-case ASCII words joined by '-', at most max_len characters."""
    text = re.sub(r"<[^>]+>|\$|`|\*|\[|\]\([^)]*\)", " ", text)  # tags, maths marks, links
    text = "".join(GREEK.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    return slug or "figure"


def is_widget_cell(cell):
    """A cell whose stored output is a live widget, or whose last statement calls an explorer."""
    outputs = cell.get("outputs", [])
    if any(WIDGET_MIME in output.get("data", {}) for output in outputs):
        return True
    try:
        body = ast.parse(cell.source).body
    except SyntaxError:  # IPython magics: not a widget cell of this course
        return False
    last = body[-1] if body else None
    if not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)):
        return False
    func = last.value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name.endswith("_explorer")


# The hook, run inside the notebook's kernel. It is plain source so the kernel needs nothing
# but matplotlib; `{out}`, `{prefix}` and `{dpi}` are filled in per notebook.
HOOK = r'''
import json as _json
import os as _os

import matplotlib as _mpl

import matplotlib.pyplot as _plt  # noqa: E402

_plt.switch_backend("Agg")  # resolve the backend now: switching later would reset plt.show


class _FigureExport:
    out, prefix, dpi = {out!r}, {prefix!r}, {dpi!r}

    def __init__(self):
        self.section, self.skip, self.counts, self.records = "intro", False, {{}}, []

    def set_section(self, section, skip=False):
        self.save_open()  # figures left open by the previous cell belong to its section
        self.section, self.skip = section, skip

    def save_open(self, *args, **kwargs):
        for num in _plt.get_fignums():
            fig = _plt.figure(num)
            if not self.skip:
                self.save(fig)
            _plt.close(fig)

    def save(self, fig):
        k = self.counts[self.section] = self.counts.get(self.section, 0) + 1
        stem = f"{{self.prefix}}_{{self.section}}_{{k}}"
        fig.canvas.draw()
        texts = [t for t in fig.findobj(_mpl.text.Text) if t.get_visible() and t.get_text().strip()]
        titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
        if fig._suptitle is not None and fig._suptitle.get_text():
            titles.insert(0, fig._suptitle.get_text())
        width, height = (float(v) for v in fig.get_size_inches())
        fig.savefig(_os.path.join(self.out, stem + ".svg"), bbox_inches="tight")
        fig.savefig(_os.path.join(self.out, stem + ".png"), dpi=self.dpi, bbox_inches="tight")
        self.records.append({{"stem": stem, "section": self.section, "titles": titles,
                              "size_in": [round(width, 2), round(height, 2)],
                              "min_font_pt": min((round(float(t.get_fontsize()), 1) for t in texts),
                                                 default=None)}})

    def finish(self):
        self.save_open()
        with open(_os.path.join(self.out, self.prefix + ".json"), "w", encoding="utf-8") as f:
            _json.dump(self.records, f)


_figure_export = _FigureExport()


def _show(*args, **kwargs):
    _figure_export.save_open()


_plt.show = _show
'''


def instrument(nb, out_dir, prefix, dpi):
    """A copy of `nb` with the hook first, a section marker before each code cell, widget cells
    emptied, and a last cell that writes the records. Returns (notebook, n_widget_cells)."""
    cells = [nbformat.v4.new_code_cell(HOOK.format(out=str(out_dir), prefix=prefix, dpi=dpi))]
    section, n_widgets = "intro", 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            headings = HEADING.findall(cell.source)
            if headings:
                section = slugify(headings[-1][1])
            continue
        if cell.cell_type != "code":
            continue
        widget = is_widget_cell(cell)
        n_widgets += widget
        cells.append(nbformat.v4.new_code_cell(
            f"_figure_export.set_section({section!r}, skip={widget!r})"))
        # widget cells still run (later cells may use what they define); their figures are dropped
        expected = ("raises-exception" in cell.get("metadata", {}).get("tags", [])
                    or "NBVAL_RAISES_EXCEPTION" in cell.source)
        cells.append(nbformat.v4.new_code_cell(cell.source,
                                               metadata={"expect_error": expected}))
    cells.append(nbformat.v4.new_code_cell("_figure_export.finish()"))
    copy = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    return copy, n_widgets


def slide_scale(size_in, slide=(1280 / 96, 720 / 96)):
    """Magnification of a figure of size_in (inches) scaled to fill a 1280 x 720 slide."""
    return min(slide[0] / size_in[0], slide[1] / size_in[1])


def export_notebook(path, out_dir, dpi=200, timeout=600):
    """Execute one notebook with the hook; return (records, errors)."""
    path = Path(path).resolve()
    prefix = path.name.split("_", 1)[0] if re.match(r"\d\d_", path.name) else path.stem
    nb = nbformat.read(path, as_version=4)
    copy, _ = instrument(nb, Path(out_dir).resolve(), prefix, dpi)
    client = NotebookClient(copy, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [f"{path.name}: {out.get('ename')}: {out.get('evalue')}"
              for cell in copy.cells for out in cell.get("outputs", [])
              if out.get("output_type") == "error" and not cell.metadata.get("expect_error")]
    record_file = Path(out_dir) / f"{prefix}.json"
    records = json.loads(record_file.read_text(encoding="utf-8"))
    record_file.unlink()
    for record in records:
        record["notebook"] = path.name
        font = record["min_font_pt"]
        record["min_slide_pt"] = None if font is None else round(
            font * slide_scale(record["size_in"]), 1)
    return records, errors


def write_index(records, out_dir):
    """index.json and index.md of out_dir; records of notebooks not re-exported are kept."""
    index = Path(out_dir) / "index.json"
    exported = {r["notebook"] for r in records}
    if index.exists():
        kept = [r for r in json.loads(index.read_text(encoding="utf-8"))
                if r["notebook"] not in exported]
        records = sorted(kept + records, key=lambda r: (r["notebook"], r["stem"]))
    (Path(out_dir) / "index.json").write_text(json.dumps(records, indent=1, ensure_ascii=False),
                                              encoding="utf-8")
    lines = ["# Figures of the course", "",
             "Each figure as SVG (for slides and print) and PNG. *Slide pt*: the smallest text of "
             f"the figure when it fills a 1280 x 720 slide; under {MIN_SLIDE_PT:.0f} pt is flagged "
             "with ⚠ (make that figure narrower or split it before projecting it).", "",
             "| file | notebook | section | titles | size (in) | slide pt |",
             "|---|---|---|---|---|---|"]
    for r in records:
        small = r["min_slide_pt"] is not None and r["min_slide_pt"] < MIN_SLIDE_PT
        titles = re.sub(r"\s+", " ", "; ".join(r["titles"])).replace("|", "\\|")
        lines.append(f"| [{r['stem']}]({r['stem']}.svg) | {r['notebook']} | {r['section']} | "
                     f"{titles} | {r['size_in'][0]} × {r['size_in'][1]} | "
                     f"{r['min_slide_pt']}{' ⚠' if small else ''} |")
    (Path(out_dir) / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "figures")
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    args.out.mkdir(parents=True, exist_ok=True)
    for old in [*args.out.glob("*.svg"), *args.out.glob("*.png")]:
        if any(old.name.startswith(Path(nb).name.split("_", 1)[0] + "_") for nb in notebooks):
            old.unlink()  # a figure removed from a notebook disappears from the folder
    all_records, all_errors = [], []
    for path in notebooks:
        records, errors = export_notebook(path, args.out, args.dpi)
        print(f"{Path(path).name}: {len(records)} figures")
        all_records += records
        all_errors += errors
    write_index(all_records, args.out)
    small = [r["stem"] for r in all_records
             if r["min_slide_pt"] is not None and r["min_slide_pt"] < MIN_SLIDE_PT]
    print(f"{len(all_records)} figures in {args.out} (SVG and {args.dpi}-dpi PNG); "
          f"{len(small)} with text under {MIN_SLIDE_PT:.0f} pt at slide size"
          + (f": {', '.join(small)}" if small else ""))
    for error in all_errors:
        print("error:", error, file=sys.stderr)
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main())
