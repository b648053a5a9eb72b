"""The offline site in a real browser: every page renders its maths, loads nothing from the network,
and has no broken link, no missing #anchor and no figure without alt text.

The site (both editions, the references and the rendered solutions) is built
into a temporary folder and every page is opened from file:// in headless Chromium, with every
request that is not file:// (or data:) aborted and recorded. Needs Debian's Chromium
(`apt-get install chromium`) or CHROMIUM=/path/to/chrome; Playwright drives it with no browser
download. Without a browser the test is skipped with a message saying so. The decks are audited
the same way, slide by slide, by test_slides_browser.py, which imports the audit from here.

The `test_audit_catches_*` tests feed deliberately broken pages to the same audit, so that a pass
means something: a broken equation, a broken link or anchor, a missing alt text and a request to
the network each make it fail.
"""

import os
import re
import shutil
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

CHROMIUM = (os.environ.get("CHROMIUM") or shutil.which("chromium")
            or shutil.which("chromium-browser"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SKIP_REASON = ("browser test skipped: no Chromium found. Install it (Debian/Ubuntu: "
               "`sudo apt-get install chromium`) or set CHROMIUM=/path/to/chromium to enable it.")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)

DEFAULT_ALTS = {"", "no description has been provided for this image", "image", "figure", "plot"}
MIN_ALT = 12  # characters: "Figure" alone says nothing

# Resolves once MathJax 2 has finished every typesetting job queued so far (or at once without it).
WAIT_FOR_MATHJAX = """() => new Promise(done => {
  if (!window.MathJax || !window.MathJax.Hub) { done('no mathjax'); return; }
  const queue = () => MathJax.Hub.Queue(() => done('typeset'));
  if (MathJax.isReady) queue(); else MathJax.Hub.Register.StartupHook('End', queue);
})"""

# Runs before any script of the page: MathJax 2 reads this object as configuration, and the hooks
# record every TeX parse error (shown as raw TeX by the noErrors extension) and processing error.
RECORD_MATH_ERRORS = """
window.__mathErrors = [];
window.MathJax = {AuthorInit: function () {
  MathJax.Hub.Register.MessageHook('TeX Jax - parse error', function (m) {
    window.__mathErrors.push('TeX error: ' + m[1] + ' in ' + String(m[2]).slice(0, 100)); });
  MathJax.Hub.Register.MessageHook('Math Processing Error', function (m) {
    window.__mathErrors.push('Math Processing Error: ' + (m[2] && m[2].message)); });
}};
"""

# Problems the page shows once rendered: maths errors, images that failed, bad alt text, links.
PAGE_FACTS = """() => {
  const text = document.body ? document.body.innerText : '';
  const mathErrors = [...(window.__mathErrors || [])];
  if (text.includes('Math Processing Error')) mathErrors.push('[Math Processing Error]');
  // merror: TeX errors without noErrors; red text: an undefined macro (noUndefined extension).
  const bad = '.merror, .MathJax_Error, .MathJax span[style*="color: red"]';
  for (const el of document.querySelectorAll(bad)) {
    mathErrors.push('TeX error: ' + el.textContent.slice(0, 120));
  }
  const images = [...document.images].map(img => ({
      src: img.getAttribute('src') ? img.getAttribute('src').slice(0, 80) : '',
      alt: img.getAttribute('alt'), ok: img.complete && img.naturalWidth > 0}));
  const links = [...document.querySelectorAll('a[href]')].map(a => ({
      raw: a.getAttribute('href'), url: a.href}));
  const ids = [...document.querySelectorAll('[id], a[name]')]
      .map(e => e.id || e.getAttribute('name'));
  return {mathErrors, images, links, ids};
}"""


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key == "id" or (tag == "a" and key == "name"):
                self.ids.add(value)


_ID_CACHE = {}


def static_ids(path):
    """The ids (and <a name>s) in an HTML file, as written."""
    path = Path(path)
    if path not in _ID_CACHE:
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        _ID_CACHE[path] = {unquote(i) for i in parser.ids}
    return _ID_CACHE[path]


def _file_path(url):
    return Path(unquote(urlsplit(url).path))


def check_links(here, links, ids_here):
    """Problems with the links of the page at `here` (a file path)."""
    problems = []
    for link in links:
        parts = urlsplit(link["url"])
        if parts.scheme in ("http", "https", "mailto"):
            continue  # external: not followed offline (and never requested)
        if parts.scheme != "file":
            problems.append(f"link {link['raw']!r} uses scheme {parts.scheme!r}")
            continue
        target = _file_path(link["url"])
        if not target.is_file():
            problems.append(f"broken link {link['raw']!r} (no file {target.name})")
            continue
        frag = unquote(parts.fragment)
        if not frag or frag.startswith("/"):
            continue  # no fragment, or a reveal.js route (#/3/1) inside a deck
        if target == here:
            known = ids_here | static_ids(target)
        elif target.suffix == ".html":
            known = static_ids(target)
        else:
            continue
        if frag not in known:
            problems.append(f"link {link['raw']!r}: {target.name} has no anchor #{frag}")
    return problems


def check_images(images):
    problems = []
    for img in images:
        alt = (img["alt"] or "").strip()
        if alt.lower() in DEFAULT_ALTS or len(alt) < MIN_ALT:
            problems.append(f"image {img['src']!r}… has no meaningful alt text ({alt!r})")
        if not img["ok"]:
            problems.append(f"image {img['src']!r}… failed to load")
    return problems


class Tab:
    """One page of the browser and what went wrong while it loaded."""

    def __init__(self, context):
        self.page = context.new_page()
        self.blocked, self.failed, self.errors = [], [], []
        self.page.on("requestfailed", self._failed)
        self.page.on("pageerror", lambda e: self.errors.append(f"script error: {e}"))

    def _failed(self, request):
        if not request.url.startswith(("file:", "data:", "blob:")):
            return  # aborted by the route (reported as blocked), or MathJax's about:blank frame
        self.failed.append(f"request failed: {request.url[:160]} ({request.failure})")

    def start(self, path):
        """Begin loading a file and return at once (the page loads while others are read)."""
        self.blocked.clear()
        self.failed.clear()
        self.errors.clear()
        self.page.goto(Path(path).resolve().as_uri(), wait_until="commit")

    def finish(self, timeout=60_000):
        """Wait for the load and the maths of the page started; returns (facts, problems)."""
        self.page.wait_for_load_state("load", timeout=timeout)
        self.page.evaluate(WAIT_FOR_MATHJAX)
        facts = self.page.evaluate(PAGE_FACTS)
        return facts, list(dict.fromkeys(self.blocked + self.failed + self.errors))


class Browser:
    """One headless Chromium whose pages may load file:// and data: URLs only.

    `tabs` pages share one context; `audit_all` keeps all of them loading at once, so that one
    page's maths is typeset while another is read (each page has its own problem lists)."""

    def __init__(self, viewport=(1280, 900), tabs=1):
        from playwright.sync_api import sync_playwright
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                args=CHROMIUM_ARGS)
        self.context = self.browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]})
        self.context.route("**/*", self._route)
        self.context.add_init_script(RECORD_MATH_ERRORS)
        self.tabs = [Tab(self.context) for _ in range(tabs)]
        self.page = self.tabs[0].page

    # The first tab's lists, for callers that drive self.page themselves (the deck test).
    blocked = property(lambda self: self.tabs[0].blocked)
    failed = property(lambda self: self.tabs[0].failed)
    errors = property(lambda self: self.tabs[0].errors)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
            return
        try:
            page = route.request.frame.page
        except Exception:  # a request without a frame (a worker): charge it to the first tab
            page = self.page
        tab = next((t for t in self.tabs if t.page == page), self.tabs[0])
        tab.blocked.append(f"blocked request to the network: {url[:120]}")
        route.abort()

    def open(self, path, timeout=60_000):
        """Open a file in the first tab, wait for its maths; returns (facts, problems so far)."""
        self.tabs[0].start(path)
        return self.tabs[0].finish(timeout)

    def audit_all(self, paths):
        """{path: problems} for every path, loaded `len(self.tabs)` at a time."""
        paths, report, running = list(paths), {}, []
        while paths or running:
            while paths and len(running) < len(self.tabs):
                tab = next(t for t in self.tabs if all(t is not r for r, _ in running))
                path = Path(paths.pop(0)).resolve()
                tab.start(path)
                running.append((tab, path))
            tab, path = running.pop(0)
            facts, problems = tab.finish()
            report[path] = problems + problems_of(path, facts)
        return report

    def close(self):
        self.context.close()
        self.browser.close()
        self._pw.stop()


def problems_of(path, facts):
    """The problems a rendered page shows: maths, images, links and anchors."""
    return (facts["mathErrors"] + check_images(facts["images"])
            + check_links(Path(path).resolve(), facts["links"], set(facts["ids"])))


def audit(browser, path):
    """Every problem of one page: maths, requests, links, anchors, images."""
    path = Path(path).resolve()
    facts, problems = browser.open(path)
    return problems + problems_of(path, facts)


def site_pages(site):
    """Every page of a built site, the bundled MathJax excepted."""
    return sorted(p for p in Path(site).rglob("*.html") if "mathjax" not in p.parts)


TABS = 4  # pages loading at once: 36 pages took 61 s with 1, 29-32 s with 4 or 6 (2 busy cores)


@pytest.fixture(scope="module")
def browser():
    b = Browser(tabs=TABS)
    yield b
    b.close()


_BUILT = {}


def site_copy(tmp_path_factory, name):
    """A fresh copy of the site (both editions) for one test module. The site is built once per
    test session (20-40 s) and copied (well under a second), so that test_site.py, this file,
    test_slides_browser.py and test_pdf.py neither rebuild it nor see each other's decks and PDFs.
    """
    if "site" not in _BUILT:
        _BUILT["site"] = build_site.build(tmp_path_factory.mktemp("built") / "site")
    target = tmp_path_factory.mktemp(name) / "site"
    shutil.copytree(_BUILT["site"], target)
    return target


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    return site_copy(tmp_path_factory, "browser")  # decks: audited by test_slides_browser.py


def test_every_page_renders_offline(built_site, browser):
    pages = site_pages(built_site)
    assert any(p.name == "index.html" for p in pages)
    editions = build_site.editions()
    for lang in editions:
        prefix = build_site.site_prefix(lang)
        assert (built_site / prefix / "index.html").is_file(), f"no index for {lang}"
    start = time.time()
    root = Path(built_site).resolve()
    report = {str(path.relative_to(root)): problems
              for path, problems in browser.audit_all(pages).items() if problems}
    took = time.time() - start
    print(f"\nopened {len(pages)} pages in {took:.1f} s; {len(report)} with problems")
    assert not report, "\n".join(f"{page}:\n  " + "\n  ".join(probs[:20])
                                 for page, probs in report.items())


def test_every_page_has_a_language_and_a_switch_when_both_editions_exist(built_site):
    editions = build_site.editions()
    for page in site_pages(built_site):
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(built_site).as_posix()
        if rel.startswith("slides/") or "/slides/" in rel:
            continue
        lang = "zh-CN" if rel.startswith("zh-CN/") else "en"
        assert re.search(rf'<html[^>]*\blang="{lang}"', text), f"{rel}: <html lang> is not {lang}"
        if len(editions) > 1:
            other = rel.removeprefix("zh-CN/") if lang == "zh-CN" else "zh-CN/" + rel
            if (built_site / other).is_file():
                assert "lang-switch" in text, f"{rel} has no link to {other}"


# -------------------------------------------------------------------------------------------
# The audit itself fails on broken pages (so that a pass means something).
# -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("broken")
    shutil.copytree(Path(build_site.jupyter_server_mathjax.__file__).parent / "static",
                    out / "mathjax")
    head = build_site.mathjax_head(0)
    png = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
           "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")

    def page(name, body, mathjax=head):
        (out / name).write_text(f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                                f"{mathjax}</head><body>{body}</body></html>", encoding="utf-8")
        return out / name

    good_img = f"<img src='{png}' alt='Figure titled “a single grey pixel”'>"
    return {
        "good": page("good.html", f"<p id='top'>$f'(x) = \\lambda w$</p>{good_img}"
                     "<a href='good.html#top'>self</a><a href='https://example.org'>ext</a>"),
        "tex_error": page("tex.html", "<p>$\\frac{1}{$ and $\\undefinedmacro x$</p>"),
        "tex_fonts": page("fonts.html", "<p>$f'(x)$</p>", mathjax=(
            "<script type='text/x-mathjax-config'>MathJax.Hub.Config({'HTML-CSS': "
            "{availableFonts: ['TeX'], preferredFont: 'TeX', webFont: 'TeX'}});</script>"
            "<script src='mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full'></script>")),
        "link": page("link.html", "<a href='missing.html'>gone</a>"),
        "anchor": page("anchor.html", "<a href='good.html#nowhere'>no such anchor</a>"),
        "alt": page("alt.html", f"<img src='{png}'><img src='{png}' alt='No description has "
                    "been provided for this image'>"),
        "network": page("net.html", "<img src='https://example.org/x.png' alt='a remote image "
                        "that must not load'>"),
    }


def test_audit_passes_a_good_page(broken_site, browser):
    assert audit(browser, broken_site["good"]) == []


def test_audit_catches_a_broken_equation(broken_site, browser):
    problems = audit(browser, broken_site["tex_error"])
    assert any("TeX error" in p for p in problems), problems


def test_audit_catches_the_tex_font_configuration(broken_site, browser):
    """The bug this site had: TeX fonts asked for, only STIX-Web bundled."""
    problems = audit(browser, broken_site["tex_fonts"])
    assert any("fontdata" in p or "Math Processing Error" in p for p in problems), problems


def test_audit_catches_a_broken_link_and_anchor(broken_site, browser):
    assert any("broken link" in p for p in audit(browser, broken_site["link"]))
    assert any("no anchor #nowhere" in p for p in audit(browser, broken_site["anchor"]))


def test_audit_catches_missing_alt_text(broken_site, browser):
    problems = audit(browser, broken_site["alt"])
    assert sum("alt text" in p for p in problems) == 2, problems


def test_audit_catches_a_network_request(broken_site, browser):
    problems = audit(browser, broken_site["network"])
    assert any("blocked request" in p for p in problems), problems


def test_audit_all_charges_each_problem_to_its_own_page(broken_site, browser):
    """Pages audited side by side keep their problems apart."""
    names = ("good", "network", "alt", "link", "tex_error")
    report = browser.audit_all([broken_site[n] for n in names])
    by_name = {n: report[Path(broken_site[n]).resolve()] for n in names}
    assert by_name["good"] == [], by_name["good"]
    assert any("blocked request" in p for p in by_name["network"]), by_name["network"]
    assert not any("blocked request" in p for n in names if n != "network" for p in by_name[n])
    assert sum("alt text" in p for p in by_name["alt"]) == 2, by_name["alt"]
    assert any("broken link" in p for p in by_name["link"]), by_name["link"]
    assert any("TeX error" in p for p in by_name["tex_error"]), by_name["tex_error"]
