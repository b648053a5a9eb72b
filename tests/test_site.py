"""`make html`: the static site builds, links resolve, and nothing is fetched from the network."""

import re
import sys
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402
from test_site_browser import site_copy  # noqa: E402

REMOTE_SCRIPT = re.compile(r"""<script[^>]*\bsrc=["']?(https?:)?//|import[^;]*from\s+["']https?://""")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return site_copy(tmp_path_factory, "site")  # built once per session, shared


def test_every_notebook_has_a_page(site):
    stems = [p.stem for p in build_site.notebooks()]
    assert stems, "no notebooks found"
    for stem in stems:
        page = (site / f"{stem}.html").read_text(encoding="utf-8")
        assert "<h1" in page


def test_index_lists_every_notebook_with_goals_and_links_resolve(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r"<h2><a href='([^']+)'>(.*?)</a></h2>", index)
    assert [t for t, _ in titles] == [f"{p.stem}.html" for p in build_site.notebooks()]
    for _, title in titles:
        assert "*" not in title, f"markdown left in a title: {title}"
    for link in re.findall(r"href=['\"]([^'\"#]+)", index):
        if "://" not in link:
            assert (site / link).is_file(), link
    assert ".ipynb" not in index
    assert index.count("<li>") >= len(titles)  # each notebook's learning goals are listed


def _pages(site):
    return [p for p in site.rglob("*.html") if "mathjax" not in p.parts]


def test_links_between_pages_resolve(site):
    """Every link to another page of the course, and every #anchor in it, exists (the browser
    test checks the same in Chromium; this one runs without a browser)."""
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        links = re.findall(r"""href=["']([^"'#:]+)(?:#([^"']*))?["']""", text)
        for target, anchor in links:
            path = (page.parent / unquote(target)).resolve()
            assert path.is_file(), f"{page.relative_to(site)} links to missing {target}"
            assert not target.endswith((".ipynb", ".md", ".py")), (
                f"{page.relative_to(site)} links to the source file {target}, not its page")
            if anchor and path.suffix == ".html":
                ids = re.findall(r'id="([^"]+)"', path.read_text(encoding="utf-8"))
                assert unquote(anchor) in {unquote(i) for i in ids}, (
                    f"{page.relative_to(site)} links to {target}#{anchor}: no such anchor")


def test_readers_see_no_test_plumbing_and_every_figure_has_alt_text(site):
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert "NBVAL_" not in text, f"{page.relative_to(site)} shows an nbval marker"
        for img in re.findall(r"<img[^>]*>", text):
            alt = re.search(r'alt="([^"]*)"', img)
            assert alt and len(alt.group(1)) >= 12, f"{page.relative_to(site)}: {img[:120]}"
            assert "No description" not in alt.group(1)


def test_mathjax_asks_for_the_bundled_stix_web_fonts(site):
    assert (site / "mathjax" / "fonts" / "HTML-CSS" / "STIX-Web").is_dir()
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        if "MathJax.js" in text:
            assert 'preferredFont: "STIX-Web"' in text and "imageFont: null" in text, page.name


def test_alt_text_comes_from_the_figure_titles():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("## 3. Shrinkage\nText."),
                nbformat.v4.new_code_cell('ax.set(title="Ridge path")\nfig.suptitle(f"λ = {lam}")'),
                nbformat.v4.new_code_cell("plot_something()")]
    png = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})
    nb.cells[1].outputs = [png]
    nb.cells[2].outputs = [png]
    alts = build_site.figure_alts(nb)
    assert "“Ridge path”" in alts[1, 0] and "3. Shrinkage" in alts[1, 0]
    assert "Text." in alts[2, 0]  # no title: the section and the text before the figure


def test_nbval_markers_and_their_reason_are_hidden():
    code = "# NBVAL_IGNORE_OUTPUT\n# timings vary from run to run\nx = 1\n# a real comment"
    assert build_site.strip_nbval_markers(code) == "x = 1\n# a real comment"


def test_no_page_needs_a_remote_script(site):
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert not REMOTE_SCRIPT.search(text), f"{page.name} loads a script from the network"
        for src in re.findall(r'<script[^>]*src="([^"?]+)', text):
            assert (page.parent / src).is_file(), f"{page.name} needs {src}, not bundled"


def test_figures_are_embedded_and_widgets_replaced(site):
    for path in build_site.notebooks():
        text = (site / f"{path.stem}.html").read_text(encoding="utf-8")
        raw = path.read_text(encoding="utf-8")
        if '"image/png"' in raw:
            assert "data:image/png;base64," in text, path.name
        assert "application/vnd.jupyter.widget-view+json" not in text
        if "application/vnd.jupyter.widget-view+json" in raw:
            assert "Interactive explorer" in text, path.name


def test_detects_a_remote_script():
    assert REMOTE_SCRIPT.search('<script src="https://cdn.example/x.js"></script>')
    assert REMOTE_SCRIPT.search("import m from 'https://cdn.example/m.mjs';")
    assert not REMOTE_SCRIPT.search('<script src="mathjax/MathJax.js"></script>')


def test_mathjax_never_breaks_lines_automatically(site):
    """Automatic line breaks break maths inside table cells: every page turns them off."""
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        if "MathJax.js" in text:
            assert "automatic: true" not in text, page.name
            assert text.count("linebreaks: {automatic: false}") >= 2, page.name


def test_pages_name_a_font_with_chinese_glyphs(site):
    for page in [site / "index.html", *sorted((site / "zh-CN").glob("*.html"))]:
        if page.is_file():
            assert "Noto Sans CJK SC" in page.read_text(encoding="utf-8"), page.name


@pytest.mark.parametrize("tool", ["build_site", "build_slides", "build_pdf"])
def test_tools_refuse_an_option_as_a_folder(tool, tmp_path, monkeypatch, capsys):
    """`build_slides.py --help` prints help; it must never build into a folder named --help."""
    module = __import__(tool)
    monkeypatch.chdir(tmp_path)
    for argv in (["--bogus"], ["-x"], ["--", "--help"]):
        with pytest.raises(SystemExit) as stop:
            module.main(argv)
        assert stop.value.code == 2, argv
    with pytest.raises(SystemExit) as stop:
        module.main(["--help"])
    assert stop.value.code == 0 and "usage:" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == [], "a tool created a file from an option"


def test_the_instructor_guide_is_on_the_site_and_linked_from_every_index(site):
    """Offline, a lecturer finds the guide (and its questions with answers) from the index; the
    browser test checks every link of the guide, notebook section anchors included."""
    for name in ("instructor_guide", "questions"):
        assert (site / "docs" / f"{name}.html").is_file(), name
    for lang in build_site.editions():
        index = (site / build_site.site_prefix(lang) / "index.html").read_text(encoding="utf-8")
        assert "docs/instructor_guide.html" in index, lang
    guide = (site / "docs" / "instructor_guide.html").read_text(encoding="utf-8")
    assert ".ipynb" not in re.sub(r"<code>.*?</code>", "", guide), "a link to a notebook file"
