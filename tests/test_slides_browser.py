"""The reveal.js decks (`make slides`) in a real browser, at 1280x720.

Every deck of both editions is built into a temporary folder, opened from file:// in headless
Chromium with the network blocked (see test_site_browser.py), and stepped through slide by slide.
A slide fails when its content is taller or wider than the 1280x720 slide box (something would be
cut off) or when an element inside it scrolls; a deck fails on any maths error, image that does
not load or lacks alt text, and any failed or blocked request. The deck lengths are printed.
`test_audit_catches_an_overlong_slide` builds a deck from a synthetic notebook with one overlong
cell, so that a pass means something. Skipped, with the reason, when Chromium is missing.
"""

import shutil
import sys
import time
from pathlib import Path

import nbformat
import pytest
from test_site_browser import (
    CHROMIUM,
    SKIP_REASON,
    TABS,
    Browser,
    audit,
    problems_of,
    site_copy,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402
import build_slides  # noqa: E402

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)

MEASURE_SLIDE = """(i) => {
  const slide = Reveal.getSlides()[i];
  const at = Reveal.getIndices(slide);
  Reveal.slide(at.h, at.v, 1000);  // every fragment shown
  const cfg = Reveal.getConfig();
  const scrollers = [...slide.querySelectorAll('*')].filter(e => {
    const st = getComputedStyle(e);
    return /(auto|scroll)/.test(st.overflowX + st.overflowY)
      && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1);
  }).map(e => e.tagName.toLowerCase());
  return {current: Reveal.getCurrentSlide() === slide, height: slide.scrollHeight,
          width: slide.scrollWidth, maxHeight: cfg.height, maxWidth: cfg.width,
          cells: slide.dataset.cells || '', scrollers};
}"""


def _measure_deck(tab, path, facts, problems):
    """(number of slides, problems) of a deck loaded in `tab`, stepping through every slide."""
    tab.page.wait_for_function("window.deckReady === true", timeout=60_000)
    problems = problems + problems_of(path, facts)
    n = tab.page.evaluate("Reveal.getSlides().length")
    for i in range(n):
        m = tab.page.evaluate(MEASURE_SLIDE, i)
        where = f"slide {i + 1} (notebook cells {m['cells']})"
        if not m["current"]:
            problems.append(f"{where}: could not be reached")
        if m["height"] > m["maxHeight"] + 1 or m["width"] > m["maxWidth"] + 1:
            problems.append(f"{where}: overflows, content {m['width']}x{m['height']} px in a "
                            f"{m['maxWidth']}x{m['maxHeight']} slide")
        if m["scrollers"]:
            problems.append(f"{where}: scrolls inside ({', '.join(m['scrollers'])})")
    problems += tab.blocked + tab.failed + tab.errors
    return n, list(dict.fromkeys(problems))


def audit_deck(browser, path):
    """(number of slides, problems) of one deck."""
    tab = browser.tabs[0]
    path = Path(path).resolve()
    tab.start(path)
    return _measure_deck(tab, path, *tab.finish())


def audit_decks(browser, paths):
    """{path: (number of slides, problems)}, the next decks loading (and typesetting their
    maths) in the other tabs while one is stepped through."""
    paths, report, running = [Path(p).resolve() for p in paths], {}, []
    while paths or running:
        while paths and len(running) < len(browser.tabs):
            tab = next(t for t in browser.tabs if all(t is not r for r, _ in running))
            tab.start(paths[0])
            running.append((tab, paths.pop(0)))
        tab, path = running.pop(0)
        report[path] = _measure_deck(tab, path, *tab.finish())
    return report


def _site_with_assets(folder):
    """A folder with the bundled MathJax, ready for decks."""
    shutil.copytree(Path(build_site.jupyter_server_mathjax.__file__).parent / "static",
                    folder / "mathjax")
    return folder


@pytest.fixture(scope="module")
def browser():
    b = Browser(viewport=(1280, 720), tabs=TABS)
    yield b
    b.close()


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    site = site_copy(tmp_path_factory, "slides")  # decks link to the site's pages
    return site, build_slides.build(site)


def test_every_deck_fits_1280x720(decks, browser):
    site, paths = decks
    assert paths, "no deck was built"
    report, lengths, start = {}, {}, time.time()
    root = Path(site).resolve()
    for path, (n, problems) in audit_decks(browser, paths).items():
        name = path.relative_to(root).as_posix()
        lengths[name] = n
        if problems:
            report[name] = problems
    for lang in build_site.editions():  # the index pages link to every deck
        index = site / build_site.site_prefix(lang) / "index.html"
        text = index.read_text(encoding="utf-8")
        missing = [p.name for p in paths if p.parent.parent == index.parent
                   and f"slides/{p.name}" not in text]
        problems = audit(browser, index) + [f"no link to the deck {m}" for m in missing]
        if problems:
            report[index.relative_to(site).as_posix()] = problems
    print(f"\nstepped through {sum(lengths.values())} slides of {len(paths)} decks in "
          f"{time.time() - start:.1f} s")
    for name, n in lengths.items():
        print(f"  {name}: {n} slides")
    assert not report, "\n".join(f"{deck}:\n  " + "\n  ".join(probs)
                                 for deck, probs in report.items())


def _notebook(cells):
    nb = nbformat.v4.new_notebook()
    for kind, source, slide in cells:
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        cell = make(source)
        cell.metadata["slideshow"] = {"slide_type": slide}
        nb.cells.append(cell)
    return nb


def test_audit_catches_an_overlong_slide(tmp_path, browser):
    site = _site_with_assets(tmp_path / "site")
    build_slides.copy_reveal(site / "slides" / "reveal")
    short = "\n".join(f"- point {k}: $f'(x) = {k}x$" for k in range(5))
    long = "\n".join(f"- point {k}: $\\lambda_{{{k}}} w$" for k in range(40))
    nb = _notebook([("markdown", "# A synthetic deck", "slide"),
                    ("markdown", short, "fragment"),
                    ("markdown", "## Too long\n" + long, "slide"),
                    ("markdown", "## Fine again", "slide")])
    path = site / "slides" / "synthetic.html"
    path.write_text(build_slides.deck_html(nb, "synthetic", assets=".", mathjax="../mathjax"),
                    encoding="utf-8")
    n, problems = audit_deck(browser, path)
    assert n == 3
    assert len(problems) == 1 and "slide 2 (notebook cells 2)" in problems[0], problems


def test_decks_follow_the_slideshow_metadata():
    nb = _notebook([("markdown", "# Title", "slide"), ("markdown", "SKIPPED-CELL", "skip"),
                    ("markdown", "below", "subslide"), ("markdown", "later", "fragment"),
                    ("markdown", "**Q1.** Why?\n<details><summary>Answer</summary>Because."
                                 "</details>", "slide"),
                    ("code", "print('x')", "-")])
    nb.cells[4].metadata["tags"] = ["question"]
    nb.cells[5].outputs = [nbformat.v4.new_output("stream", name="stdout", text="x\n")]
    page = build_slides.deck_html(nb, "t")
    assert "SKIPPED-CELL" not in page and "Because" not in page and "Why?" in page
    assert "class='fragment'" in page and "print(" not in page and ">x</pre>" in page
    columns = build_slides.slides(nb)
    assert [len(c) for c in columns] == [2, 1]  # a slide with a subslide, then the question
