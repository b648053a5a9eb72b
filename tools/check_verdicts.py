"""Run every notebook top to bottom and check that each exercise check gives its stored verdict.

This is the notebook half of `make test-oldest`: on the oldest supported versions, printed digits
and figures may differ from the stored outputs (which only the pinned `make test` compares), but
every cell must run without an unexpected error, and every exercise check must reach the same
verdict as the stored output: the same first character (✅, ❌ or 📝) of each verdict line, and
the same message.

    python tools/check_verdicts.py [notebooks/03_x.ipynb ...]

With no argument, every notebook in notebooks/ and its language folders (notebooks/zh-CN/...).
Cells tagged `raises-exception` may raise, as in `make execute`. Exits 1 on any difference.
"""

import argparse
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
VERDICTS = ("✅", "❌", "📝")


def default_notebooks(root=ROOT):
    """notebooks/*.ipynb and notebooks/<language>/*.ipynb, sorted."""
    base = root / "notebooks"
    found = sorted(base.glob("*.ipynb")) + sorted(base.glob("*/*.ipynb"))
    return [p for p in found if not p.parent.name.startswith(".")]  # not .ipynb_checkpoints


def shown(path):
    """The path as the learner knows it: relative to the repository when inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def verdict_lines(cell):
    """The lines of a code cell's printed output that start with a verdict mark."""
    lines = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stdout":
            text = output.get("text", "")
            text = "".join(text) if isinstance(text, list) else text
            lines += [line.strip() for line in text.splitlines()
                      if line.strip().startswith(VERDICTS)]
    return lines


def compare(path, stored, executed):
    """Differences between the verdicts of two versions of one notebook, as readable lines."""
    problems = []
    number = 0
    for before, after in zip(stored.cells, executed.cells, strict=True):
        if before.cell_type != "code":
            continue
        number += 1
        old, new = verdict_lines(before), verdict_lines(after)
        if old == new:
            continue
        kinds_old, kinds_new = [v[0] for v in old], [v[0] for v in new]
        why = "a different verdict" if kinds_old != kinds_new else "a different message"
        problems.append(f"{shown(path)}, code cell {number}: {why}\n"
                        f"    stored:   {old}\n    executed: {new}")
    return problems


def run(path, timeout=600):
    """Execute a copy of the notebook in its own folder, as `make execute` does; return it."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    # older ipykernels start debugpy, which warns about frozen modules on every kernel start
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    paths = [p.resolve() for p in args.notebooks] or default_notebooks()
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    failures, checked = [], 0
    for path in paths:
        start = time.perf_counter()
        stored = nbformat.read(path, as_version=4)
        try:
            executed = run(path)
        except CellExecutionError as error:
            text = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip()  # no terminal colors
            failures.append(f"{shown(path)}: a cell raised an unexpected error\n"
                            f"{text[-1500:]}")
            print(f"{shown(path)}: ERROR", flush=True)
            continue
        problems = compare(path, stored, executed)
        count = sum(bool(verdict_lines(c)) for c in stored.cells if c.cell_type == "code")
        checked += count
        failures += problems
        status = "ok" if not problems else f"{len(problems)} different"
        print(f"{shown(path)}: ran in {time.perf_counter() - start:.1f} s, "
              f"{count} exercise verdicts {status}", flush=True)
    print("\n".join(failures), file=sys.stderr)
    print(f"{len(paths) - len([f for f in failures if 'unexpected error' in f])} notebooks ran; "
          f"{checked} exercise verdicts compared; {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
