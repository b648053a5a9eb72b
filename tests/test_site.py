"""`make html`: the static site builds, links resolve, and nothing is fetched from the network."""

import re
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

REMOTE_SCRIPT = re.compile(r"""<script[^>]*\bsrc=["']?(https?:)?//|import[^;]*from\s+["']https?://""")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site.build(tmp_path_factory.mktemp("site") / "site")


def test_every_notebook_has_a_page(site):
    stems = [p.stem for p in build_site.notebooks()]
    assert stems, "no notebooks found"
    for stem in stems:
        page = (site / f"{stem}.html").read_text(encoding="utf-8")
        assert "<h1" in page


def test_index_lists_every_notebook_with_goals_and_links_resolve(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r"href='([^']+)'", index)
    assert sorted(links) == sorted(f"{p.stem}.html" for p in build_site.notebooks())
    for link in links:
        assert (site / link).is_file(), link
    assert index.count("<li>") >= len(links)  # each notebook's learning goals are listed


def test_links_between_pages_resolve(site):
    """Every link to another page of the course, and every #anchor in it, exists."""
    for page in site.glob("*.html"):
        links = re.findall(r'href="([^"#:]+\.html)(?:#([^"]*))?"', page.read_text(encoding="utf-8"))
        for target, anchor in links:
            assert (site / target).is_file(), f"{page.name} links to missing {target}"
            if anchor:
                ids = re.findall(r'id="([^"]+)"', (site / target).read_text(encoding="utf-8"))
                assert unquote(anchor) in {unquote(i) for i in ids}, (
                    f"{page.name} links to {target}#{anchor}, which has no such anchor")


def test_no_page_needs_a_remote_script(site):
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not REMOTE_SCRIPT.search(text), f"{page.name} loads a script from the network"
        for src in re.findall(r'<script[^>]*src="([^"?]+)', text):
            assert (site / src).is_file(), f"{page.name} needs {src}, which is not bundled"


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
