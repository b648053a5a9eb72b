"""Median time of each explorer's update (compute + redraw), over a sweep of its controls.

Every notebook with an explorer is executed in a fresh kernel with the wiring of
`helpers.widgets.core` wrapped so that it records the controls of every explorer. After the
notebook has run, each control is set to a sweep of values (sliders: 12 points across their
range; choices: up to 12 options), and the time of each change is measured in the kernel. A
change runs the explorer's whole update synchronously: the compute, the matplotlib drawing
and the PNG encoding of the figure. The first value of each sweep is a warm-up and is not
counted. Target: median under 50 ms.

Usage: .venv/bin/python benchmarks/widget_times.py
"""

import json
import os
import platform
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
TARGET_MS = 50.0

RECORD = '''
import helpers.widgets.core as _bench_core
_bench_explorers = []
_bench_original = _bench_core._wire
def _bench_recording_wire(update, fig, controls, ncols):
    _bench_explorers.append(dict(controls))
    return _bench_original(update, fig, controls, ncols)
_bench_core._wire = _bench_recording_wire
'''

SWEEP = '''
import json as _json, statistics as _stats, time as _time
import numpy as _np
import matplotlib.pyplot as _plt
def _bench_values(control):
    if hasattr(control, "options") and control.options:
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        step = max(1, len(values) // 12)
        values = values[::step]
        return [control.value] + values + values[:1]
    if hasattr(control, "base"):  # FloatLogSlider: min and max are exponents
        values = list(control.base ** _np.linspace(control.min, control.max, 12))
        return [control.value] + values
    if hasattr(control, "min") and hasattr(control, "max"):
        values = list(_np.linspace(control.min, control.max, 12))
        if isinstance(control.value, int):
            values = [int(round(v)) for v in values]
        return [control.value] + values
    return []
_bench_result = []
for _i, _controls in enumerate(_bench_explorers):
    for _name, _control in _controls.items():
        _times = []
        for _k, _value in enumerate(_bench_values(_control)):
            if _value == _control.value:
                continue
            _t = _time.perf_counter()
            _control.value = _value
            _elapsed = _time.perf_counter() - _t
            if _k > 0:
                _times.append(_elapsed * 1000)
        _plt.close("all")
        if _times:
            _bench_result.append([_i, _name, len(_times), _stats.median(_times), max(_times)])
print("BENCH" + _json.dumps(_bench_result))
'''


def measure(path):
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(RECORD))
    nb.cells.append(nbformat.v4.new_code_cell(SWEEP))
    NotebookClient(nb, kernel_name="python3", timeout=600, allow_errors=True,
                   resources={"metadata": {"path": str(NOTEBOOK_DIR)}}).execute()
    for out in nb.cells[-1].outputs:
        text = out.get("text", "")
        if "BENCH" in text:
            return json.loads(text.split("BENCH", 1)[1])
    raise RuntimeError(f"{path.name}: the sweep printed nothing: {nb.cells[-1].outputs}")


def main():
    # One BLAS thread in every kernel (inherited from this process), as `make` runs them.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average {load} "
          f"(times scale with the load: compare runs made under a similar one)")
    print(f"{'notebook':<34} {'explorer.control':<22} {'moves':>5} {'median ms':>10} {'max ms':>8}")
    medians = []
    for path in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")):
        if "helpers.widgets" not in path.read_text(encoding="utf-8"):
            continue
        for index, name, moves, median, worst in measure(path):
            medians.append((median, f"{path.stem}:{index}.{name}"))
            print(f"{path.name:<34} {f'{index}.{name}':<22} {moves:5d} {median:10.1f} {worst:8.1f}")
    slow = [label for median, label in medians if median >= TARGET_MS]
    verdict = f"met by all {len(medians)} controls" if not slow else "MISSED by " + ", ".join(slow)
    print(f"target: median < {TARGET_MS:.0f} ms per update: {verdict}")


if __name__ == "__main__":
    main()
