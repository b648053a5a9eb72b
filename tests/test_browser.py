"""JupyterLab in a real browser: open a notebook, Run All, no errors, a slider moves the figure.

Needs Debian's Chromium (`apt-get install chromium`) or CHROMIUM=/path/to/chrome; Playwright drives
it with no browser download. Without a browser the test is skipped with a message saying so.
Set SCREENSHOT=path.png to save a screenshot of the moved explorer (`make screenshot`).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "00_start_here.ipynb"
CHROMIUM = (os.environ.get("CHROMIUM") or shutil.which("chromium")
            or shutil.which("chromium-browser"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="browser test skipped: no Chromium found. Install it (Debian/Ubuntu: "
           "`sudo apt-get install chromium`) or set CHROMIUM=/path/to/chromium to enable it.")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_session(base, token):
    """Start the notebook's kernel through the REST API, so JupyterLab attaches to it."""
    body = json.dumps({"path": f"notebooks/{NOTEBOOK}", "type": "notebook", "name": NOTEBOOK,
                       "kernel": {"name": "python3"}}).encode()
    request = urllib.request.Request(f"{base}/api/sessions?token={token}", data=body,
                                     headers={"Content-Type": "application/json"}, method="POST")
    urllib.request.urlopen(request, timeout=60)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free localhost port, serving a copy of the notebooks."""
    workdir = tmp_path_factory.mktemp("lab")
    (workdir / "notebooks").mkdir()
    nb = nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4)
    nb.metadata.pop("widgets", None)  # start from a clean slate: outputs come from this run
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, workdir / "notebooks" / NOTEBOOK)
    # Render every cell (JupyterLab 4 otherwise virtualizes off-screen cells).
    settings = workdir / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    news = workdir / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    port, token = _free_port(), "course-browser-test"
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
           "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={workdir}", f"--LabApp.user_settings_dir={workdir / 'settings'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.time() > deadline:
                server.kill()
                pytest.fail(f"JupyterLab did not start: {server.stderr.read()[-2000:]}")
            time.sleep(0.5)
    _start_session(base, token)
    yield base, token
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


@pytest.fixture(scope="module")
def page(lab):
    playwright_api = pytest.importorskip("playwright.sync_api")
    base, token = lab
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.goto(f"{base}/lab/tree/notebooks/{NOTEBOOK}?token={token}")
        yield page
        browser.close()


DONE_JS = """() => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


STARTED_JS = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .some(p => /\\[(\\d+|\\*)\\]/.test(p.textContent))"""
IDLE_JS = """() => document.querySelector(
    ".jp-Notebook-ExecutionIndicator[data-status='idle']") !== null"""


def _fail(page, why):
    page.screenshot(path=str(ROOT / "browser-test-failure.png"))
    pytest.fail(f"{why}; screenshot in browser-test-failure.png")


def _wait(page, condition_js, timeout, accept_kernel_dialog=False):
    """Poll for a JS condition; a dialog fails the test, except the kernel choice when allowed."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        dialog = page.locator(".jp-Dialog")
        if dialog.count():
            if not (accept_kernel_dialog and "Select Kernel" in dialog.first.inner_text()):
                _fail(page, f"unexpected dialog: {dialog.first.inner_text()[:200]!r}")
            page.click(".jp-Dialog button.jp-mod-accept")  # the notebook's own kernel, python3
        elif page.evaluate(condition_js):
            return True
        time.sleep(0.5)
    return False


def _run_all(page):
    if not _wait(page, IDLE_JS, 90, accept_kernel_dialog=True):
        _fail(page, "the kernel did not become idle within 90 s")
    time.sleep(2.0)  # let JupyterLab finish restoring the session before commands reach it
    for _ in range(3):  # nothing runs until a click lands, so clicking again is safe
        page.click("li.lm-MenuBar-item:has-text('Run')")
        page.click("li.lm-Menu-item:has-text('Run All Cells')")
        if _wait(page, STARTED_JS, 30):
            break
    else:
        _fail(page, "Run All Cells never started a cell")
    if not _wait(page, DONE_JS, 180):
        _fail(page, "the notebook did not finish within 180 s")


def _figure_src(page):
    """The explorer's figure: an ipywidgets Image whose src is a blob URL of the PNG."""
    img = page.locator("img.widget-image").first
    img.wait_for(timeout=30_000)
    return img.get_attribute("src")


def test_run_all_then_move_a_slider(page):
    _run_all(page)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.first.inner_text()[:500]
    assert page.locator(".jp-RenderedText:has-text('Traceback')").count() == 0

    before = _figure_src(page)
    handle = page.locator(".widget-slider .noUi-handle, .jupyter-widgets .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(40):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        """(before) => {
            const img = document.querySelector(
                'img.widget-image');
            return img && img.getAttribute('src') !== before;
        }""", arg=before, timeout=30_000)
    after = _figure_src(page)
    assert after != before
    # Let the redraws triggered by each key press settle before the screenshot.
    for _ in range(20):
        time.sleep(1.0)
        latest = _figure_src(page)
        if latest == after:
            break
        after = latest
    if os.environ.get("SCREENSHOT"):
        cell = page.locator(".jp-CodeCell", has=page.locator("img.widget-image")).first
        cell.screenshot(path=os.environ["SCREENSHOT"])
