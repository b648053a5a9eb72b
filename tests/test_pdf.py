"""`make pdf`: the handouts exist, have pages, and their maths rendered before printing.

One notebook only (02, or the first one), to keep the test quick: the handout and its exercise
sheet are printed by headless Chromium (skipped, with the reason, when Chromium is missing);
`tools/build_pdf.py` refuses to print a page whose maths failed, so a PDF that exists passed the
maths check. The exercise sheet keeps the prompts and the questions and drops every answer.
"""

import re
import sys
from pathlib import Path

import nbformat
import pytest
from test_site_browser import CHROMIUM, SKIP_REASON, site_copy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_pdf  # noqa: E402
import build_site  # noqa: E402

NOTEBOOK = next((p for p in build_site.notebooks() if p.stem.startswith("02_")),
                build_site.notebooks()[0])


def _pages(pdf):
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def test_exercise_sheet_has_prompts_and_questions_but_no_answers():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    sheet = build_pdf.exercise_notebook(nb)
    text = "\n".join(c.source for c in sheet.cells)
    assert "<details>" not in text and "worked solution" not in text
    assert all(not c.get("outputs") for c in sheet.cells if c.cell_type == "code")
    n_questions = sum("question" in (c.metadata.get("tags") or []) for c in nb.cells)
    n_exercises = sum(bool(build_pdf.EXERCISE.match(c.source)) for c in nb.cells
                      if c.cell_type == "markdown")
    assert sum(c.cell_type == "markdown" for c in sheet.cells) >= n_questions + n_exercises


@pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)
def test_handout_and_exercise_sheet_are_printed(tmp_path_factory):
    site = site_copy(tmp_path_factory, "pdf")
    pdfs = build_pdf.build(site, stems=[NOTEBOOK.stem])
    names = {p.name for p in pdfs}
    assert {f"{NOTEBOOK.stem}.pdf", f"{NOTEBOOK.stem}-exercises.pdf"} <= names, names
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF"), pdf
        assert _pages(pdf) >= 1, pdf
    assert _pages(site / "pdf" / f"{NOTEBOOK.stem}.pdf") > _pages(
        site / "pdf" / f"{NOTEBOOK.stem}-exercises.pdf")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f"pdf/{NOTEBOOK.stem}.pdf" in index
