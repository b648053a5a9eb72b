"""Every stored notebook is a clean Restart & Run All: in order, no errors, no stderr, small."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
MAX_BYTES = 2_000_000
REQUIRED_SECTIONS = ("learning goals", "summary", "where next")
MARKERS = {"NBVAL_IGNORE_OUTPUT", "NBVAL_RAISES_EXCEPTION", "NBVAL_CHECK_OUTPUT"}


def _code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_there_are_notebooks_and_they_are_numbered_without_gaps():
    numbers = [int(re.match(r"(\d+)_", p.name).group(1)) for p in NOTEBOOKS]
    assert numbers and numbers == list(range(len(numbers)))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_hygiene(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"
    counts = [c["execution_count"] for c in _code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), "not a clean Restart & Run All"
    for i, cell in enumerate(_code_cells(nb), start=1):
        for out in cell["outputs"]:
            assert out["output_type"] != "error" or "NBVAL_RAISES_EXCEPTION" in "".join(
                cell["source"]), f"cell {i} has an unexpected error"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), (
                f"cell {i} wrote to stderr: {''.join(out['text'])[:80]}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_goals_summary_and_where_next(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for section in REQUIRED_SECTIONS:
        assert section in text.lower(), f"{path.name} has no '{section}' section"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_ignore_markers_are_explained(path):
    """nbval honours a marker only alone on its comment line: the reason goes on the next line."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in _code_cells(nb):
        lines = "".join(cell["source"]).splitlines()
        for i, line in enumerate(lines):
            if any(m in line for m in ("NBVAL_IGNORE_OUTPUT", "NBVAL_RAISES_EXCEPTION")):
                assert line.strip().lstrip("#").strip() in MARKERS, (
                    f"{path.name}: nbval ignores {line!r}; put the marker alone on its line "
                    f"('# NBVAL_IGNORE_OUTPUT') and the reason in a comment on the next line")
            if line.strip() == "# NBVAL_IGNORE_OUTPUT":
                reason = lines[i + 1].strip() if i + 1 < len(lines) else ""
                assert reason.startswith("#") and len(reason) > 10, (
                    f"{path.name}: '# NBVAL_IGNORE_OUTPUT' needs its reason in a comment on the "
                    f"next line")
            assert "NBVAL_SKIP" not in line, f"{path.name}: NBVAL_SKIP is not allowed"
