"""Milliseconds from a slider move to the new image on screen, for every explorer, in Chromium.

What a learner feels, measured in the browser, not in the kernel: JupyterLab runs on a free
localhost port with a copy of the notebooks (outputs cleared); headless Chromium, driven by
Playwright as in tests/test_browser.py (the system's Chromium, no browser download), opens each
notebook with an explorer and runs all its cells. Then every slider of every explorer is moved
with the keyboard, one step at a time, MOVES times (default 24; a move that changes nothing, at
the end of the range, turns the direction round and is not counted).

For each move, the page records the time of the key press (a keydown listener) and of the first
animation frame after the explorer's image has a new `src` and has decoded (a MutationObserver on
`img.widget-image`, then `img.decode()` and `requestAnimationFrame`): from the key to the pixels,
kernel round trip, compute, PNG encoding and drawing included. The first move of each slider is a
warm-up and is not counted. Target: a median of at most 50 ms per explorer.

Usage: .venv/bin/python benchmarks/slider_latency.py [--moves N] [notebooks/NN_x.ipynb ...]
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, _free_port, _run_all  # noqa: E402

TARGET_MS = 50.0

OBSERVE_JS = """() => {
    if (window.__latency) return;
    const state = window.__latency = {t0: null, results: []};
    document.addEventListener('keydown', () => { state.t0 = performance.now(); }, true);
    new MutationObserver(mutations => {
        for (const m of mutations) {
            const img = m.target;
            if (state.t0 === null || !img.matches || !img.matches('img.widget-image')) continue;
            const t0 = state.t0;
            state.t0 = null;
            img.decode().catch(() => {}).then(() => requestAnimationFrame(
                () => state.results.push(performance.now() - t0)));
        }
    }).observe(document.body, {attributes: true, attributeFilter: ['src'], subtree: true});
}"""


def start_lab(workdir):
    """JupyterLab serving `workdir`, every cell rendered; returns (process, base, token)."""
    settings = workdir / "settings" / "@jupyterlab"
    (settings / "notebook-extension").mkdir(parents=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        '{"windowingMode": "none"}')
    (settings / "apputils-extension").mkdir(parents=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false"}')
    port, token = _free_port(), "slider-latency"
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
           "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={workdir}", f"--LabApp.user_settings_dir={workdir / 'settings'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            return server, base, token
        except OSError:
            if server.poll() is not None or time.time() > deadline:
                server.kill()
                raise SystemExit("JupyterLab did not start") from None
            time.sleep(0.5)


def copy_notebook(path, workdir):
    """A copy of the notebook with its outputs cleared, beside the course's other folders."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    target = workdir / path.parent.relative_to(ROOT) / path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return target.relative_to(workdir).as_posix()


def shutdown_kernels(base, token):
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}",
                                         method="DELETE")
        urllib.request.urlopen(request, timeout=30)


def move(page, handle, key, timeout=5.0):
    """Press `key` on a slider handle; the latency in ms, or None if no image changed."""
    count = page.evaluate("() => window.__latency.results.length")
    handle.press(key)
    try:
        page.wait_for_function(f"() => window.__latency.results.length > {count}",
                               timeout=timeout * 1000)
    except Exception:  # the slider was at the end of its range: nothing to draw
        page.evaluate("() => { window.__latency.t0 = null; }")
        return None
    return page.evaluate(f"() => window.__latency.results[{count}]")


def direction(handle, key):
    """Keep moving the same way, and turn round at either end of the slider's range."""
    try:
        now, low, high = (float(handle.get_attribute(a))
                          for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax"))
    except (TypeError, ValueError):
        return key
    if now >= high:
        return "ArrowLeft"
    if now <= low:
        return "ArrowRight"
    return key


def measure_notebook(page, base, token, rel, moves):
    """Run the notebook in the page; {explorer label: [latencies in ms]} for each slider."""
    page.goto(f"{base}/lab/tree/{rel}?reset&token={token}")
    _run_all(page)
    page.evaluate(OBSERVE_JS)
    results = {}
    cells = page.locator(".jp-CodeCell", has=page.locator("img.widget-image"))
    for c in range(cells.count()):
        cell = cells.nth(c)
        handles = cell.locator(".noUi-handle")
        labels = cell.locator(".widget-slider .widget-label")
        for h in range(handles.count()):
            handle = handles.nth(h)
            handle.scroll_into_view_if_needed()
            name = labels.nth(h).inner_text().strip() if labels.count() > h else f"slider {h}"
            times, key, misses = [], "ArrowRight", 0
            while len(times) < moves + 1 and misses < 4:
                key = direction(handle, key)
                latency = move(page, handle, key)
                if latency is None:
                    key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
                    misses += 1
                    continue
                times.append(latency)
            results[f"explorer {c + 1}, {name or f'slider {h}'}"] = times[1:]  # 1st: warm-up
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--moves", type=int, default=24, help="counted moves per slider")
    args = parser.parse_args()
    if CHROMIUM is None:
        raise SystemExit("no Chromium: apt-get install chromium, or set CHROMIUM=/path")
    from playwright.sync_api import sync_playwright

    paths = [p.resolve() for p in args.notebooks] or sorted(
        p for p in (ROOT / "notebooks").glob("**/[0-9][0-9]_*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
        and "helpers.widgets" in p.read_text(encoding="utf-8"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, Chromium at {CHROMIUM}; {args.moves} moves per slider")
    print(f"{'notebook':<36} {'slider':<34} {'moves':>5} {'median ms':>10} {'p90 ms':>8}")
    medians = []
    with tempfile.TemporaryDirectory(prefix="slider-latency-") as tmp:
        workdir = Path(tmp)
        for path in paths:
            copy_notebook(path, workdir)
        server, base, token = start_lab(workdir)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                            args=CHROMIUM_ARGS)
                for path in paths:
                    rel = path.relative_to(ROOT).as_posix()
                    page = browser.new_page(viewport={"width": 1300, "height": 1000})
                    try:
                        found = measure_notebook(page, base, token, rel, args.moves)
                    finally:
                        page.close()
                        shutdown_kernels(base, token)
                    name = rel.removeprefix("notebooks/")
                    for label, times in found.items():
                        if not times:
                            print(f"{name:<36} {label:<34} no move changed the image")
                            continue
                        median = statistics.median(times)
                        p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else median
                        medians.append((median, f"{name}: {label}"))
                        print(f"{name:<36} {label:<34} {len(times):5d} {median:10.1f} "
                              f"{p90:8.1f}", flush=True)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    slow = [label for median, label in medians if median > TARGET_MS]
    verdict = f"met by all {len(medians)} sliders" if not slow else "MISSED by " + "; ".join(slow)
    print(f"target: median at most {TARGET_MS:.0f} ms from key press to pixels: {verdict}")


if __name__ == "__main__":
    main()
