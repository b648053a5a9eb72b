"""Build one reveal.js deck per notebook (and per edition) into site/slides/ (`make slides`).

The decks come from the notebooks themselves, through Jupyter's standard cell metadata
`metadata.slideshow.slide_type`:

    slide     starts a new slide            subslide  starts a slide below the current one
    fragment  appears on the next click     notes     speaker notes (press S)
    skip      left out of the deck          -         continues the current slide

A notebook without any slideshow metadata gets a slide at each `#` / `##` heading. In decks, code
cells show only their outputs, unless tagged `slide-code`; question cells (tag `question`) lose
their `<details>` answer; widget outputs become a note (the static figures beside them stay);
figures keep the alt text of the site. reveal.js comes from the `sphinx-revealjs` wheel (its
`_static/revealjs` folder: `dist/` and `plugin/`) and MathJax from `jupyter-server-mathjax`, both
copied next to the decks: nothing is fetched from the network. Slides are 1280x720.

Usage: python tools/build_slides.py [SITE_DIR]   (default: site; builds the site first if needed)
"""

import argparse
import html
import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert.filters.markdown import markdown2html
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_site  # noqa: E402

ROOT = build_site.ROOT
TEMPLATE = ROOT / "tools" / "slides_template" / "deck.html"
WIDTH, HEIGHT = 1280, 720
IMAGE_TYPES = ("image/png", "image/jpeg")
REVEAL_PARTS = ("dist", "plugin")


def reveal_dir():
    """reveal.js as shipped by the sphinx-revealjs wheel (found without importing Sphinx)."""
    spec = importlib.util.find_spec("sphinx_revealjs")
    if spec is None or spec.origin is None:
        raise SystemExit("reveal.js not found: install the test extra (`pip install -e '.[test]'`,"
                         " which brings sphinx-revealjs) and run `make slides` again.")
    path = Path(spec.origin).parent / "_static" / "revealjs"
    if not (path / "dist" / "reveal.js").is_file():
        raise SystemExit(f"sphinx-revealjs has no reveal.js dist/ in {path}")
    return path


def copy_reveal(target):
    """Copy reveal.js's dist/ and plugin/ (without source maps) to target."""
    if target.exists():
        shutil.rmtree(target)
    source = reveal_dir()
    for part in REVEAL_PARTS:
        shutil.copytree(source / part, target / part,
                        ignore=shutil.ignore_patterns("*.map", "*.esm.js"))
    license_file = source / "LICENSE"
    if license_file.is_file():
        shutil.copy(license_file, target / "LICENSE")
    return target


# ------------------------------------------------------------------------------------------
# Cells -> slides
# ------------------------------------------------------------------------------------------

def slide_type(cell):
    return (cell.metadata.get("slideshow") or {}).get("slide_type", "-") or "-"


def tags(cell):
    return set(cell.metadata.get("tags") or [])


def auto_slide_types(nb):
    """Slide types for a notebook without slideshow metadata: a new slide at each # / ## heading,
    code without output skipped."""
    types = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.match(r"\s*#{1,2}\s", cell.source):
            types.append("slide")
        elif cell.cell_type == "code" and not cell.get("outputs"):
            types.append("skip")
        else:
            types.append("-")
    return types


def drop_answers(markdown):
    """A question cell without its <details> answer."""
    return re.sub(r"<details>.*?</details>", "", markdown, flags=re.S | re.I).strip()


def render_markdown(cell):
    source = cell.source
    if "question" in tags(cell):
        source = drop_answers(source)
    return markdown2html(source)


def _img(mime, data, alt, css=""):
    cls = f" class='{css}'" if css else ""
    return (f"<img{cls} src='data:{mime};base64,{data.strip()}' "
            f"alt='{html.escape(alt, quote=True)}'>")


def render_outputs(cell, alts, index, widget_note):
    """HTML of a code cell's outputs, and the number of images among them."""
    parts, k, printed = [], 0, []

    def flush():  # consecutive prints make one box, as in the notebook
        if printed:
            parts.append(f"<pre class='output'>{html.escape(''.join(printed).rstrip())}</pre>")
            printed.clear()

    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        data = out.get("data", {})
        if kind == "stream":
            text = out.get("text", "")
            if out.get("name") != "stderr" and text.strip():
                printed.append(text)
            continue
        flush()
        if kind == "error":
            parts.append(f"<pre class='output error'>{html.escape(out.get('ename', ''))}: "
                         f"{html.escape(out.get('evalue', ''))}</pre>")
        elif build_site.WIDGET_MIME in data:
            parts.append(widget_note)
        elif any(m in data for m in IMAGE_TYPES):
            mime = next(m for m in IMAGE_TYPES if m in data)
            parts.append(("IMG", mime, data[mime], alts.get((index, k), "")))
            k += 1
        elif "text/html" in data:
            parts.append(f"<div class='output html'>{data['text/html']}</div>")
        elif "text/markdown" in data:
            parts.append(markdown2html(data["text/markdown"]))
        elif "text/latex" in data:
            parts.append(f"<div class='output latex'>{data['text/latex']}</div>")
        elif "text/plain" in data:
            parts.append(f"<pre class='output'>{html.escape(data['text/plain'])}</pre>")
    flush()
    return parts, k


def cell_fragments(nb, lang="en"):
    """[(slide type, html, n_images)] for every cell that shows something in the deck."""
    alts = build_site.figure_alts(nb, lang)
    widget_note = build_site.WIDGET_NOTE.format(build_site.TEXTS.get(lang, build_site.TEXTS["en"])
                                                ["widget"])
    has_meta = any("slideshow" in c.metadata for c in nb.cells)
    types = [slide_type(c) for c in nb.cells] if has_meta else auto_slide_types(nb)
    formatter = HtmlFormatter(nowrap=False, cssclass="highlight")
    items = []
    for i, (cell, kind) in enumerate(zip(nb.cells, types)):
        if kind == "skip":
            continue
        if cell.cell_type == "markdown":
            items.append((kind, [render_markdown(cell)], 0, i))
        elif cell.cell_type == "code":
            parts = []
            if "slide-code" in tags(cell):
                code = build_site.strip_nbval_markers(cell.source)
                parts.append(highlight(code, PythonLexer(), formatter))
            outputs, n_img = render_outputs(cell, alts, i, widget_note)
            parts.extend(outputs)
            if parts:
                items.append((kind, parts, n_img, i))
        # raw cells are not shown
    return items


def _emit(parts, images_on_slide, fragment):
    """HTML of one cell's parts; a lone figure on its slide stretches to the space left."""
    out = []
    for part in parts:
        if isinstance(part, tuple):
            _, mime, data, alt = part
            css = "r-stretch" if images_on_slide == 1 else "figure"
            if fragment:
                css += " fragment"
            out.append(_img(mime, data, alt, css))
        else:
            out.append(f"<div class='fragment'>{part}</div>" if fragment else part)
    return "\n".join(out)


def slides(nb, lang="en"):
    """The deck as nested lists: [[slide [cells (type, parts, n_img, index)]...] per column]."""
    columns = []
    for kind, parts, n_img, index in cell_fragments(nb, lang):
        if kind == "slide" or not columns:
            columns.append([[]])
        elif kind == "subslide":
            columns[-1].append([])
        columns[-1][-1].append((kind, parts, n_img, index))
    return columns


def section_html(cells):
    images = sum(n for _, _, n, _ in cells)
    body, notes = [], []
    for kind, parts, _, _ in cells:
        if kind == "notes":
            notes.append("\n".join(p for p in parts if not isinstance(p, tuple)))
            continue
        body.append(_emit(parts, images, kind == "fragment"))
    cells_attr = ",".join(str(i) for _, _, _, i in cells)
    aside = f"<aside class='notes'>{''.join(notes)}</aside>" if notes else ""
    return f"<section data-cells='{cells_attr}'>\n" + "\n".join(body) + aside + "\n</section>"


def deck_html(nb, title, lang="en", assets="..", mathjax="../mathjax"):
    columns = slides(nb, lang)
    sections = []
    for column in columns:
        if len(column) == 1:
            sections.append(section_html(column[0]))
        else:
            sections.append("<section>\n" + "\n".join(section_html(s) for s in column)
                            + "\n</section>")
    mathjax_url = f"{mathjax}/MathJax.js?config={build_site.MATHJAX_CONFIG}"
    template = TEMPLATE.read_text(encoding="utf-8")
    replacements = {
        "{{lang}}": lang, "{{title}}": html.escape(title), "{{reveal}}": f"{assets}/reveal",
        "{{mathjax_settings}}": build_site.MATHJAX_SETTINGS, "{{mathjax_url}}": mathjax_url,
        "{{pygments_css}}": HtmlFormatter().get_style_defs(".highlight"),
        "{{config}}": json.dumps({"width": WIDTH, "height": HEIGHT}),
        "{{slides}}": "\n".join(sections),
    }
    for key, value in replacements.items():
        template = template.replace(key, value)
    return template


def deck_title(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return build_site._plain(m.group(1))
    return fallback


def build_deck(path, out_file, lang="en", depth=1, site=None):
    """One notebook's deck at out_file, `depth` folders below the site root; with a
    build_site.Site, links go to the site's pages (notebooks, references, solutions)."""
    nb = nbformat.read(path, as_version=4)
    up = "/".join([".."] * depth)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    page = deck_html(nb, deck_title(nb, path.stem), lang,
                     assets=f"{up}/slides" if depth > 1 else ".", mathjax=f"{up}/mathjax")
    if site is not None:
        page = site.rewrite_links(page, out_file.relative_to(site.out).as_posix(), lang)
    out_file.write_text(page, encoding="utf-8")
    return out_file


def build(site_dir, src=build_site.NOTEBOOK_DIR):
    """Decks for every edition into site_dir/[zh-CN/]slides/. Returns the deck paths."""
    site_dir = Path(site_dir)
    if not (site_dir / "mathjax").is_dir():
        build_site.build(site_dir, src)
    copy_reveal(site_dir / "slides" / "reveal")
    site = build_site.Site(site_dir, src)
    site.planned = set()
    decks = []
    for lang, folder in build_site.editions(src).items():
        prefix = build_site.site_prefix(lang)
        depth = 1 + prefix.count("/")
        for path in build_site.notebooks(folder):
            decks.append(build_deck(path, site_dir / prefix / "slides" / f"{path.stem}.html",
                                    lang, depth, site))
    build_site.write_indexes(site_dir, src)
    return decks


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=build_site.folder_argument, default=ROOT / "site",
                        metavar="SITE_DIR", help="the site folder (default: site)")
    args = parser.parse_args(argv)
    built = build(args.site)
    print(f"built {len(built)} decks in {args.site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
