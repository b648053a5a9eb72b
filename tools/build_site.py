"""Build the static, offline HTML version of the course into site/ (`make html`).

One edition per folder: `notebooks/` becomes site/ (English) and, when it exists, `notebooks/zh-CN/`
becomes site/zh-CN/ (Chinese); every page links to the same page of the other edition when there is
one. Every notebook is exported as it is stored (already executed; nbval proves the outputs current)
with figures embedded, maths rendered by a bundled copy of MathJax 2.7 (from the
jupyter-server-mathjax package, which ships the STIX-Web fonts only, so the configuration asks for
those), no script fetched from the network, and widget cells replaced by a note pointing to the
static figure beside them. For readers, the build also

- hides the nbval markers (`# NBVAL_...` and the comment line giving its reason) in code cells;
- gives every figure an alt text: the cell's `metadata.alt` if set, else the figure titles found in
  the cell's code (`title=`, `set_title`, `suptitle`) and the section it belongs to;
- turns links into site links: `NN_x.ipynb` -> `NN_x.html`, `references.md` -> `references.html`
  (built from the edition's `references.md`), and any other file of the repository (such as
  `../solutions/ch03.py`) -> a rendered page of that file inside the site.

An index page per edition lists the notebooks with their learning goals, and the slide decks and
PDF handouts when `make slides` / `make pdf` have built them.

Usage: python tools/build_site.py [OUTPUT_DIR]   (default: site)
"""

import argparse
import ast
import html
import os
import posixpath
import re
import shutil
import sys
from pathlib import Path

import jupyter_server_mathjax
import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown import markdown2html
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer, TextLexer

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"
# The bundled MathJax has the STIX-Web fonts only: asking for TeX fonts (the default) makes it
# request fonts/TeX/fontdata.js, which does not exist, and breaks every formula with a prime.
MATHJAX_SETTINGS = """{
  TeX: {equationNumbers: {autoNumber: "AMS", useLabelIds: true}},
  tex2jax: {inlineMath: [['$','$'], ["\\\\(","\\\\)"]],
            displayMath: [['$$','$$'], ["\\\\[","\\\\]"]],
            processEscapes: true, processEnvironments: true},
  // No automatic line breaks: they break maths inside table cells (and move it off its line).
  "HTML-CSS": {availableFonts: ["STIX-Web"], preferredFont: "STIX-Web", webFont: "STIX-Web",
               imageFont: null, linebreaks: {automatic: false}},
  SVG: {font: "STIX-Web", linebreaks: {automatic: false}},
  CommonHTML: {linebreaks: {automatic: false}},
  // The hidden MathML kept for screen readers would otherwise ask for the TeX fonts (not bundled)
  // for \\mathbb and other variants.
  styles: {".MJX_Assistive_MathML, .MJX_Assistive_MathML *": {"font-family": "serif !important"}},
  displayAlign: "center",
  messageStyle: "none",
  menuSettings: {zoom: "None"}
}"""

EDITIONS = {  # language code -> (folder of notebooks, site sub-folder, name in the switch link)
    "en": ("", "", "English"),
    "zh-CN": ("zh-CN", "zh-CN", "中文"),
}
TEXTS = {
    "en": {
        "title": "L1/L2 regularization, executable",
        "intro": ("The course notebooks as executed and tested. Every number on these pages is "
                  "re-checked by the test suite. To run them and move the sliders, clone the "
                  "repository and run <code>make lab</code>."),
        "index": "Course index", "references": "References", "slides": "slides",
        "pdf": "PDF handout", "exercises": "exercise sheet",
        "widget": ("Interactive explorer: open this notebook in JupyterLab (<code>make lab</code>)"
                   " to move its controls. The static figure next to it shows the same picture "
                   "for a few fixed settings."),
        "figure": "Figure", "section": "section", "titled": "titled",
        "source": "Source file", "of": "of",
        "guide": "For lecturers", "guide_link": ("the instructor guide: a plan for two "
                                                  "90-minute lectures, misconceptions, questions"),
    },
    "zh-CN": {
        "title": "L1/L2 正则化：可执行课程",
        "intro": ("这些页面是已执行并经过测试的课程笔记本，页面上的每个数字都由测试套件重新核对。"
                  "要运行笔记本并拖动滑块，请克隆仓库并运行 <code>make lab LANG=zh</code>。"),
        "index": "课程目录", "references": "参考文献", "slides": "幻灯片",
        "pdf": "PDF 讲义", "exercises": "练习单",
        "widget": ("交互式探索器：在 JupyterLab 中打开本笔记本（<code>make lab</code>）"
                   "即可拖动控件。旁边的静态图展示了几组固定设置下的同一画面。"),
        "figure": "图", "section": "小节", "titled": "标题",
        "source": "源文件", "of": "/",
        "guide": "教师用",
        "guide_link": "教学指南（英文）：两次 90 分钟讲课的安排、常见误解与思考题",
    },
}
WIDGET_NOTE = "<p class='widget-note'><em>{}</em></p>"
GUIDE_PAGES = ("docs/instructor_guide.md", "docs/questions.md")
NBVAL_MARKER = re.compile(r"^\s*#\s*NBVAL_[A-Z_]+.*$")
DEFAULT_ALT = "No description has been provided for this image"
# Latin fonts first, then fonts with the Chinese glyphs (named, so that zh-CN pages never depend on
# the system's fallback), then color emoji (the exercise checks print some).
CJK_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"'
EMOJI_FONTS = '"Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"'
SANS = (f'system-ui, -apple-system, "Segoe UI", Helvetica, Arial, {CJK_FONTS}, sans-serif, '
        f'{EMOJI_FONTS}')
MONO = ('"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", '
        f'{CJK_FONTS}, monospace, {EMOJI_FONTS}')
FONT_CSS = (f":root:root{{--jp-content-font-family:{SANS};--jp-ui-font-family:{SANS};"
            f"--jp-code-font-family:{MONO}}} body{{font-family:{SANS}}} "
            f"pre,code,kbd,samp{{font-family:{MONO}}}")
SITE_CSS = """body{max-width:52rem;margin:2rem auto;padding:0 1rem;
line-height:1.5} h2{margin-bottom:0.2rem} section{border-bottom:1px solid #ddd;padding-bottom:.5rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere} .site-nav{font-size:.9rem;margin:0 0 1rem 0}
.site-nav a{margin-right:1rem} .extras a{margin-right:1rem}""" + "\n" + FONT_CSS
# A notebook page keeps lines to a readable length on a wide screen: paragraphs and lists at
# 48rem; tables, code and figures at 64rem (figures scale down; a longer code line scrolls).
NAV_CSS = (".site-nav{font-size:.9rem;padding:.5rem 1rem;"
           "border-bottom:1px solid #ddd} .site-nav a{margin-right:1rem}\n"
           ".jp-Notebook{max-width:64rem;margin-left:auto;margin-right:auto}\n"
           ".jp-RenderedMarkdown>:is(p,ul,ol,blockquote,details){max-width:48rem}\n"
           ".jp-InputArea-editor{overflow-x:auto}\n" + FONT_CSS)
PRINT_CSS = """@media print {
  .site-nav, .lang-switch, .extras {display: none !important}
  pre, code, .highlight pre {white-space: pre-wrap !important; overflow-wrap: anywhere;
                             word-break: break-word}
  .jp-RenderedImage, img, figure, .MathJax_Display, table {break-inside: avoid;
                                                            page-break-inside: avoid}
  img {max-width: 100% !important; height: auto}
  h1, h2, h3, h4 {break-after: avoid; page-break-after: avoid; break-inside: avoid}
  .jp-InputPrompt, .jp-OutputPrompt {display: none !important}
  /* a code cell's source, a paragraph or a list item is not cut in two (longer than a page:
     Chromium cuts it anyway) */
  .jp-InputArea, p, li, blockquote {break-inside: avoid; page-break-inside: avoid}
  body, .jp-Notebook, .jp-RenderedMarkdown > * {max-width: none !important}
}"""


# --------------------------------------------------------------------------------------------
# Editions and pages
# --------------------------------------------------------------------------------------------

def editions(src=NOTEBOOK_DIR):
    """{lang: folder of its notebooks} for the editions that exist (English always)."""
    found = {}
    for lang, (sub, _, _) in EDITIONS.items():
        folder = Path(src) / sub if sub else Path(src)
        if folder.is_dir() and any(folder.glob("[0-9][0-9]_*.ipynb")):
            found[lang] = folder
    return found


def notebooks(folder=NOTEBOOK_DIR):
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))


def site_prefix(lang):
    sub = EDITIONS[lang][1]
    return f"{sub}/" if sub else ""


def mathjax_head(depth):
    """The MathJax configuration (STIX-Web, as bundled) and loader for a page `depth` folders
    below the site root."""
    url = "../" * depth + f"mathjax/MathJax.js?config={MATHJAX_CONFIG}"
    return (f'<script type="text/x-mathjax-config">\nMathJax.Hub.Config({MATHJAX_SETTINGS});\n'
            f"</script>\n<script src=\"{url}\"></script>\n")


class Site:
    """Everything one build needs: the editions, their pages, and how source files map to pages."""

    def __init__(self, out_dir, src=NOTEBOOK_DIR, root=ROOT):
        self.out = Path(out_dir)
        self.src = Path(src)
        self.root = Path(root)
        self.editions = editions(self.src)
        self.extra = {lang: {} for lang in self.editions}  # repo file -> site page (rel. to out)

    # Page of a source file, relative to the site root; None if it has no page.
    def page_of(self, source, lang):
        source = Path(os.path.normpath(source))
        folder = self.editions[lang]
        prefix = site_prefix(lang)
        if source.parent == folder and source.suffix in (".ipynb", ".md"):
            if source.is_file():
                return f"{prefix}{source.stem}.html"
            # Not translated yet: the page of the English edition, if there is one.
            english = self.editions.get("en")
            if lang != "en" and english is not None and (english / source.name).is_file():
                return f"{source.stem}.html"
            return None
        try:
            rel = source.relative_to(self.root)
        except ValueError:
            return None
        if (source.is_file() and not rel.parts[0].startswith(".")
                and rel.parts[0] != Path(self.src).name):
            page = f"{prefix}{rel.with_suffix('').as_posix()}.html"
            self.extra[lang][source] = page
            return page
        return None

    def other_edition_page(self, page, lang):
        """The same page in the other edition, if it exists (relative to the site root)."""
        out = []
        base = page[len(site_prefix(lang)):]
        for other in self.editions:
            if other == lang:
                continue
            candidate = site_prefix(other) + base
            if (self.out / candidate).is_file() or candidate in self.planned:
                out.append((other, candidate))
        return out

    def rewrite_links(self, text, page, lang, base=None):
        """Point the links of a rendered page (at `page`, relative to the site root) to site
        pages; links are written relative to `base`, by default the source folder of the
        edition."""
        folder = Path(base) if base is not None else self.editions[lang]

        def fix(m):
            attr, quote, target = m.group(1), m.group(2), m.group(3)
            if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.I):
                return m.group(0)
            path, _, frag = target.partition("#")
            dest = self.page_of(folder / path, lang) if path else None
            if dest is None:
                return m.group(0)
            rel = posixpath.relpath(dest, posixpath.dirname(page) or ".")
            return f"{attr}={quote}{rel}{'#' + frag if frag else ''}{quote}"

        return re.sub(r"""(href)=(["'])([^"']+)\2""", fix, text)

    def nav(self, page, lang):
        """Top bar: back to the index, the references, and the language switch."""
        here = posixpath.dirname(page) or "."
        texts = TEXTS[lang]
        links = [f"<a href='{posixpath.relpath(site_prefix(lang) + 'index.html', here)}'>"
                 f"{texts['index']}</a>"]
        refs = site_prefix(lang) + "references.html"
        if refs in self.planned and page != refs:
            links.append(f"<a href='{posixpath.relpath(refs, here)}'>{texts['references']}</a>")
        for other, target in self.other_edition_page(page, lang):
            links.append(f"<a class='lang-switch' hreflang='{other}' lang='{other}' "
                         f"href='{posixpath.relpath(target, here)}'>{EDITIONS[other][2]}</a>")
        return f"<nav class='site-nav'>{' '.join(links)}</nav>"

    def depth(self, page):
        return page.count("/")


# --------------------------------------------------------------------------------------------
# Notebook preparation: widgets, nbval markers, alt text
# --------------------------------------------------------------------------------------------

def _static_widgets(nb, lang="en"):
    """Drop widget state and replace live widget views by a short note."""
    nb.metadata.pop("widgets", None)
    note = WIDGET_NOTE.format(TEXTS.get(lang, TEXTS["en"])["widget"])
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if WIDGET_MIME in out.get("data", {}):
                out["data"] = {"text/html": note}
    return nb


def strip_nbval_markers(source):
    """Remove `# NBVAL_...` lines and the comment line right below each (its reason)."""
    lines = source.split("\n")
    kept, skip_reason = [], False
    for line in lines:
        if NBVAL_MARKER.match(line):
            skip_reason = True
            continue
        if skip_reason and line.lstrip().startswith("#"):
            skip_reason = False
            continue
        skip_reason = False
        kept.append(line)
    return "\n".join(kept).strip("\n")


_TITLE_CALL = re.compile(r"(?:\btitle\s*=\s*|set_title\(\s*|suptitle\(\s*|\bplt\.title\(\s*)"
                         r"""((?:[rRfFbBuU]{0,2})(?:"[^"\n]*"|'[^'\n]*'))""")


def _literal_text(token):
    """The text of a (possibly f-) string literal; placeholders become an ellipsis."""
    prefix = re.match(r"[rRfFbBuU]*", token).group(0)
    body = token[len(prefix):]
    if "f" in prefix.lower():
        body = re.sub(r"\{[^{}]*\}", "…", body)
        prefix = prefix.lower().replace("f", "")
    try:
        text = ast.literal_eval(prefix + body)
    except (ValueError, SyntaxError):
        text = body[1:-1]
    return " ".join(str(text).replace("\n", "; ").split())


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def strip_nbval_traceback(frame):
    """The same for a traceback frame (it quotes the cell's lines, with color codes)."""
    lines, kept, skip_reason = frame.split("\n"), [], False
    for line in lines:
        plain = _ANSI.sub("", line)
        if re.search(r"#\s*NBVAL_[A-Z_]+", plain):
            skip_reason = True
            continue
        if skip_reason and re.match(r"^\s*(?:-*>\s*)?\d+\s+#", plain):
            skip_reason = False
            continue
        skip_reason = False
        kept.append(line)
    return "\n".join(kept)


def _titles_in(code):
    titles = []
    for m in _TITLE_CALL.finditer(code):
        text = _literal_text(m.group(1))
        if re.sub(r"[\W_…]", "", text) and text not in titles:
            titles.append(text)
    return titles


_HELPER_TITLES = None


def helper_titles():
    """{function name: titles its body sets} for the plotting functions of helpers/."""
    global _HELPER_TITLES
    if _HELPER_TITLES is None:
        _HELPER_TITLES = {}
        for path in sorted((ROOT / "helpers").rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef):
                    found = _titles_in(ast.get_source_segment(source, node) or "")
                    if found:
                        _HELPER_TITLES.setdefault(node.name, found)
    return _HELPER_TITLES


def figure_titles(code):
    """Titles given to the figures in a code cell (`title=`, `set_title`, `suptitle`), and those
    set by the helpers' plotting functions that the cell calls."""
    titles = _titles_in(code)
    known = helper_titles()
    for name in dict.fromkeys(re.findall(r"\b([A-Za-z_]\w*)\s*\(", code)):
        for text in known.get(name, []):
            if text not in titles:
                titles.append(text)
    return titles


def _plain(markdown):
    """Markdown to one line of plain text (for alt attributes)."""
    text = re.sub(r"<details>.*?</details>", "", markdown, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*`#>$]+", "", text)
    for tex, char in (("\\lambda", "λ"), ("\\alpha", "α"), ("\\eta", "η"), ("\\sigma", "σ"),
                      ("\\tau", "τ"), ("\\kappa", "κ"), ("\\mu", "μ"), ("\\nu", "ν"),
                      ("\\gamma", "γ"), ("\\rho", "ρ"), ("\\|", "‖"), ("\\min", "min")):
        text = text.replace(tex, char)
    return " ".join(text.split())


def _first_sentence(text, limit=220):
    m = re.match(r"(.+?[.!?。！？])(\s|$)", text)
    sentence = m.group(1) if m else text
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"


def figure_alts(nb, lang="en"):
    """{(cell index, image number): alt text} for every image output of the notebook."""
    texts = TEXTS.get(lang, TEXTS["en"])
    alts, heading, last_md = {}, "", ""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            found = re.findall(r"^#{1,6}\s+(.+)$", cell.source, re.M)
            if found:
                heading = _plain(found[-1])
            plain = _plain(re.sub(r"^#{1,6}\s+.+$", "", cell.source, flags=re.M))
            if plain:
                last_md = plain
            continue
        images = [o for o in cell.get("outputs", [])
                  if {"image/png", "image/jpeg", "image/svg+xml"} & set(o.get("data", {}))]
        if not images:
            continue
        given = cell.metadata.get("alt")
        if isinstance(given, str):
            given = [given]
        titles = figure_titles(cell.source)
        for k in range(len(images)):
            if given:
                alt = given[min(k, len(given) - 1)]
            else:
                where = f"{texts['figure']} ({texts['section']} “{heading}”)" if heading \
                    else texts["figure"]
                if titles:
                    alt = f"{where}, {texts['titled']}: " + "; ".join(f"“{t}”" for t in titles)
                else:
                    alt = f"{where}: {_first_sentence(last_md)}" if last_md else where
                if len(images) > 1:
                    alt += f" ({k + 1} {texts['of']} {len(images)})"
            alts[i, k] = alt
    return alts


def prepare_notebook(path, lang="en"):
    """The notebook as readers see it: static widgets, no nbval markers, alt text on figures."""
    nb = _static_widgets(nbformat.read(path, as_version=4), lang)
    alts = figure_alts(nb, lang)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.source = strip_nbval_markers(cell.source)
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [strip_nbval_traceback(f) for f in out["traceback"]]
        k = 0
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if {"image/png", "image/jpeg", "image/svg+xml"} & set(data):
                out.setdefault("metadata", {})["alt"] = alts[i, k]
                k += 1
    return nb


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------

def make_exporter(lang="en"):
    return HTMLExporter(template_name="lab", template_file="offline.html.j2",
                        extra_template_paths=[str(ROOT / "tools" / "site_template")],
                        language_code=lang.split("-")[0])  # ISO 639-1 only; see export()


def export(path, exporter, site=None, page=None, lang="en", nb=None):
    nb = nb if nb is not None else prepare_notebook(path, lang)
    depth = page.count("/") if page else 0
    resources = {"metadata": {"name": path.stem}, "site_mathjax": mathjax_head(depth),
                 "site_css": NAV_CSS + "\n" + PRINT_CSS}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    # nbconvert accepts ISO 639-1 codes only ("zh-CN" becomes "en"): set the page language here.
    body = re.sub(r'<html lang="[^"]*">', f'<html lang="{lang}">', body, count=1)
    if site is not None:
        body = site.rewrite_links(body, page, lang)
        body = body.replace("<main>", "<main>\n" + site.nav(page, lang), 1)
    else:
        body = re.sub(r'href="(\d\d_[A-Za-z0-9_]+)\.ipynb(#[^"]*)?"',
                      lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
    return body


def simple_page(title, body, lang, depth, extra_css=""):
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(title)}</title>
<style>{SITE_CSS}
{extra_css}
{PRINT_CSS}</style>
{mathjax_head(depth)}</head>
<body>
{body}
</body></html>
"""


def inline_markdown(text):
    """Markdown of one line (a title) as inline HTML: no <p>, no literal asterisks."""
    rendered = markdown2html(text).strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.S)


def title_and_goals(path):
    """The notebook's first heading and the text of its 'Learning goals' section (markdown)."""
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "markdown")
    title = re.search(r"^#\s+(.+)$", text, re.M)
    goals = re.search(r"^##+\s*(?:Learning goals|学习目标)\s*\n(.*?)(?=^#|\Z)", text, re.M | re.S)
    return (title.group(1).strip() if title else path.stem,
            goals.group(1).strip() if goals else "")


def index_page(entries, site=None, lang="en"):
    """entries: (stem, title markdown, goals markdown) for each notebook."""
    texts = TEXTS[lang]
    page = site_prefix(lang) + "index.html"
    sections = []
    for stem, title, goals in entries:
        extras = []
        if site is not None:
            for label, target in (("slides", f"slides/{stem}.html"), ("pdf", f"pdf/{stem}.pdf"),
                                  ("exercises", f"pdf/{stem}-exercises.pdf")):
                if (site.out / site_prefix(lang) / target).is_file():
                    extras.append(f"<a href='{target}'>{texts[label]}</a>")
        extra = f"<p class='extras'>{' '.join(extras)}</p>" if extras else ""

        sections.append(f"<section><h2><a href='{html.escape(stem)}.html'>"
                        f"{inline_markdown(title)}</a></h2>{extra}{markdown2html(goals)}</section>")
    body = "\n".join(sections)
    guide = "docs/instructor_guide.html"
    if site is not None and (guide in site.planned or (site.out / guide).is_file()):
        here = posixpath.dirname(page) or "."
        body = (f"<p class='guide'>{texts['guide']}: <a href='{posixpath.relpath(guide, here)}'>"
                f"{texts['guide_link']}</a></p>\n" + body)
    if site is not None:
        body = site.rewrite_links(body, page, lang)
    nav = site.nav(page, lang) if site is not None else ""
    return simple_page(texts["title"], f"{nav}<h1>{texts['title']}</h1>\n<p>{texts['intro']}</p>\n"
                       f"{body}", lang, page.count("/"))


def markdown_page(path, site, page, lang):
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^#\s+(.+)$", text, re.M)
    body = markdown2html(text)
    # Headings get ids from their text, as JupyterLab does; explicit <a id=...> anchors are kept.
    body = _heading_ids(body)
    body = site.rewrite_links(body, page, lang, base=path.parent)
    return simple_page(_plain(title.group(1)) if title else path.stem,
                       site.nav(page, lang) + body, lang, page.count("/"))


def _heading_ids(body):
    def add(m):
        level, attrs, inner = m.group(1), m.group(2), m.group(3)
        if "id=" in attrs:
            return m.group(0)
        ident = re.sub(r"\s+", "-", re.sub(r"<[^>]+>", "", inner).strip())
        return f'<h{level}{attrs} id="{html.escape(ident)}">{inner}</h{level}>'
    return re.sub(r"<h([1-6])([^>]*)>(.*?)</h\1>", add, body, flags=re.S)


def source_page(path, site, page, lang):
    """A file of the repository (a worked solution, a helper) as a highlighted page."""
    rel = path.relative_to(site.root).as_posix()
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        return markdown_page(path, site, page, lang)
    lexer = PythonLexer() if path.suffix == ".py" else TextLexer()
    formatter = HtmlFormatter(linenos="table", anchorlinenos=True, lineanchors="line")
    code = highlight(text, lexer, formatter)
    body = (f"{site.nav(page, lang)}<h1><code>{html.escape(rel)}</code></h1>\n"
            f"<p>{TEXTS[lang]['source']}: <code>{html.escape(rel)}</code></p>\n{code}")
    return simple_page(rel, body, lang, page.count("/"),
                       extra_css=formatter.get_style_defs(".highlight")
                       + "\n.highlighttable{border-spacing:0} .linenos{color:#999}")


def build(out_dir, src=NOTEBOOK_DIR):
    """Build every edition into out_dir (wiped first, except slides/ and pdf/ folders, whose
    decks and handouts the index links to). Returns the output folder."""
    out_dir = Path(out_dir)
    keep = {"slides", "pdf"}
    if out_dir.exists():
        for child in out_dir.iterdir():
            if child.name in keep:
                continue
            if child.is_dir() and child.name in {e[1] for e in EDITIONS.values() if e[1]}:
                for sub in child.iterdir():
                    if sub.name not in keep:
                        shutil.rmtree(sub) if sub.is_dir() else sub.unlink()
                continue
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(Path(jupyter_server_mathjax.__file__).parent / "static", out_dir / "mathjax")
    site = Site(out_dir, src)
    # Plan the pages first, so that language links only point to pages that will exist.
    site.planned = set()
    for lang, folder in site.editions.items():
        prefix = site_prefix(lang)
        site.planned.add(prefix + "index.html")
        site.planned.update(prefix + p.stem + ".html" for p in notebooks(folder))
        site.planned.update(prefix + p.stem + ".html" for p in folder.glob("*.md"))
        for name in ("slides", "pdf"):
            if (out_dir / prefix / name).is_dir():
                site.planned.update(f"{prefix}{name}/{p.name}"
                                    for p in (out_dir / prefix / name).iterdir())
    # The instructor guide (English) and its question list, linked from every index page.
    if "en" in site.editions:
        for name in GUIDE_PAGES:
            if (site.root / name).is_file():
                site.page_of(site.root / name, "en")
    # Repository files that notebooks link to (solutions...) get pages in every edition.
    for lang, folder in site.editions.items():
        for path in notebooks(folder):
            for target in re.findall(r"\]\(([^)\s#]+)", path.read_text(encoding="utf-8")):
                site.page_of(folder / target, lang)
    for lang in site.editions:
        site.planned.update(site.extra[lang].values())

    for lang, folder in site.editions.items():
        prefix = site_prefix(lang)
        (out_dir / prefix).mkdir(parents=True, exist_ok=True)
        exporter = make_exporter(lang)
        entries = []
        for path in notebooks(folder):
            page = f"{prefix}{path.stem}.html"
            (out_dir / page).write_text(export(path, exporter, site, page, lang),
                                        encoding="utf-8")
            entries.append((path.stem, *title_and_goals(path)))
        for md in sorted(folder.glob("*.md")):
            page = f"{prefix}{md.stem}.html"
            (out_dir / page).write_text(markdown_page(md, site, page, lang), encoding="utf-8")
        (out_dir / prefix / "index.html").write_text(index_page(entries, site, lang),
                                                     encoding="utf-8")
    # Pages of linked repository files (their own links may add more: loop until none is new).
    done = set()
    while True:
        todo = [(lang, src_path, page) for lang in site.editions
                for src_path, page in list(site.extra[lang].items()) if page not in done]
        if not todo:
            break
        for lang, src_path, page in todo:
            done.add(page)
            target = out_dir / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source_page(src_path, site, page, lang), encoding="utf-8")
    return out_dir


def write_indexes(out_dir, src=NOTEBOOK_DIR):
    """Rewrite the index pages only (after `make slides` / `make pdf` added decks or PDFs)."""
    out_dir = Path(out_dir)
    site = Site(out_dir, src)
    site.planned = {str(p.relative_to(out_dir).as_posix()) for p in out_dir.rglob("*.html")}
    for lang, folder in site.editions.items():
        entries = [(p.stem, *title_and_goals(p)) for p in notebooks(folder)]
        (out_dir / site_prefix(lang) / "index.html").write_text(
            index_page(entries, site, lang), encoding="utf-8")


def folder_argument(text):
    """An output folder from the command line: never an option (`--help` is not a folder)."""
    if text.startswith("-"):
        raise argparse.ArgumentTypeError(f"{text!r} looks like an option, not a folder")
    return Path(text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=folder_argument, default=ROOT / "site",
                        metavar="OUTPUT_DIR", help="where to build the site (default: site)")
    args = parser.parse_args(argv)
    target = build(args.out)
    pages = sorted(p.relative_to(target) for p in target.rglob("*.html")
                   if "mathjax" not in p.parts)
    print(f"built {len(pages)} pages in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
