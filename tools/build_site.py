"""Build the static, offline HTML version of the course into site/ (`make html`).

Every notebook is exported as it is stored (already executed; nbval proves the outputs current)
with figures embedded, maths rendered by a bundled copy of MathJax 2.7 (from the
jupyter-server-mathjax package), no script fetched from the network, and widget cells replaced by
a note pointing to the static figure beside them. An index page lists the notebooks with their
learning goals.

Usage: python tools/build_site.py [OUTPUT_DIR]   (default: site)
"""

import html
import re
import shutil
import sys
from pathlib import Path

import jupyter_server_mathjax
import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown import markdown2html

ROOT = Path(__file__).resolve().parents[1]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
WIDGET_NOTE = ("<p class='widget-note'><em>Interactive explorer: open this notebook in JupyterLab "
               "(<code>make lab</code>) to move its controls. The static figure next to it shows "
               "the same picture for a few fixed settings.</em></p>")


def notebooks():
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _static_widgets(nb):
    """Drop widget state and replace live widget views by a short note."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if WIDGET_MIME in out.get("data", {}):
                out["data"] = {"text/html": WIDGET_NOTE}
    return nb


def _local_links(page):
    """Links between notebooks point to the HTML pages of the site."""
    return re.sub(r'href="(\d\d_[A-Za-z0-9_]+)\.ipynb(#[^"]*)?"',
                  lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', page)


def export(path, exporter):
    nb = _static_widgets(nbformat.read(path, as_version=4))
    page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    return _local_links(page)


def title_and_goals(path):
    """The notebook's first heading and the text of its 'Learning goals' section (markdown)."""
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "markdown")
    title = re.search(r"^#\s+(.+)$", text, re.M)
    goals = re.search(r"^##+\s*Learning goals\s*\n(.*?)(?=^#|\Z)", text, re.M | re.S)
    return (title.group(1).strip() if title else path.stem,
            goals.group(1).strip() if goals else "")


def index_page(entries):
    items = "\n".join(
        f"<section><h2><a href='{html.escape(stem)}.html'>{html.escape(title)}</a></h2>"
        f"{markdown2html(goals)}</section>" for stem, title, goals in entries)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>L1/L2 regularization, executable</title>
<style>body{{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
line-height:1.5}} h2{{margin-bottom:0.2rem}}
section{{border-bottom:1px solid #ddd;padding-bottom:0.5rem}}
</style>
<script src="{MATHJAX_URL}"></script>
<script type="text/x-mathjax-config">MathJax.Hub.Config({{tex2jax: {{inlineMath: [['$','$']]}}}});
</script></head>
<body><h1>L1/L2 regularization, executable</h1>
<p>The course notebooks as executed and tested. Every number on these pages is re-checked by the
test suite. To run them and move the sliders, clone the repository and run
<code>make lab</code>.</p>
{items}
</body></html>
"""


def build(out_dir):
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    shutil.copytree(Path(jupyter_server_mathjax.__file__).parent / "static", out_dir / "mathjax")
    exporter = HTMLExporter(template_name="lab", template_file="offline.html.j2",
                            mathjax_url=MATHJAX_URL,
                            extra_template_paths=[str(ROOT / "tools" / "site_template")])
    entries = []
    for path in notebooks():
        (out_dir / f"{path.stem}.html").write_text(export(path, exporter), encoding="utf-8")
        entries.append((path.stem, *title_and_goals(path)))
    (out_dir / "index.html").write_text(index_page(entries), encoding="utf-8")
    return out_dir


if __name__ == "__main__":
    target = build(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    print(f"built {len(notebooks())} notebook pages and index.html in {target}")
