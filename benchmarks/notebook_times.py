"""Seconds to execute each notebook in a fresh kernel, next to the floor (an empty notebook).

Each notebook runs as `make execute` runs it (nbclient, kernel python3, working directory
notebooks/), kernel start-up included; the empty notebook measured in the same run is the floor
that no notebook can beat. Targets: every notebook under 15 s, the whole course under 90 s.

Usage: .venv/bin/python benchmarks/notebook_times.py [--repeat N]
"""

import argparse
import os
import platform
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
TARGET_EACH, TARGET_TOTAL = 15.0, 90.0


def run_seconds(nb):
    client = NotebookClient(nb, kernel_name="python3", timeout=600, allow_errors=True,
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def best_of(make_nb, repeat):
    return min(run_seconds(make_nb()) for _ in range(repeat))


def main():
    # One BLAS thread in every kernel (inherited from this process), as `make` runs them.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per notebook; the best counts")
    args = parser.parse_args()
    empty = lambda: nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])  # noqa: E731
    floor = best_of(empty, args.repeat)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"{'notebook':<36} {'seconds':>8} {'above floor':>12}")
    print(f"{'(empty notebook: the floor)':<36} {floor:8.2f} {0.0:12.2f}")
    total, slow = 0.0, []
    paths = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        seconds = best_of(lambda p=path: nbformat.read(p, as_version=4), args.repeat)
        total += seconds
        if seconds >= TARGET_EACH:
            slow.append(path.name)
        print(f"{path.name:<36} {seconds:8.2f} {seconds - floor:12.2f}")
    print(f"{'total':<36} {total:8.2f} {total - floor * len(paths):12.2f}")
    each = "met" if not slow else "MISSED by " + ", ".join(slow)
    whole = "met" if total < TARGET_TOTAL else "MISSED"
    print(f"target: each < {TARGET_EACH:.0f} s: {each}; total < {TARGET_TOTAL:.0f} s: {whole}")


if __name__ == "__main__":
    main()
