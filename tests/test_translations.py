"""The Chinese edition is complete and in step with the English source (tools/i18n.py).

A failure names the cell or file to revisit and what to run; CONTRIBUTING ("Translations") gives
the workflow: edit English, `make i18n-check`, `make i18n-update`, translate, `make i18n-build`.
"""

import importlib.util
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
i18n = importlib.util.module_from_spec(spec)
sys.modules["i18n_tool"] = i18n
spec.loader.exec_module(i18n)

LANG = "zh-CN"
ENGLISH = i18n.english_notebooks()


@pytest.mark.parametrize("nb_path", ENGLISH, ids=lambda p: p.name)
def test_notebook_translation_is_complete_and_current(nb_path):
    problems = i18n.check_notebook(LANG, nb_path)
    assert not problems, "\n".join(problems)


def test_pages_and_solutions_are_translated_and_current():
    problems = []
    for page in i18n.PAGES:
        if (i18n.NOTEBOOKS / page).exists():
            problems += i18n.check_page(LANG, i18n.NOTEBOOKS / page, i18n.NOTEBOOKS / LANG / page)
    for solution in sorted((ROOT / "solutions").glob("ch[0-9][0-9].py")):
        problems += i18n.check_solution(LANG, solution, ROOT / "solutions" / LANG / solution.name)
    assert not problems, "\n".join(problems)


def test_every_exercise_message_exists_in_both_languages():
    problems = i18n.check_messages(LANG)
    assert not problems, "\n".join(problems)


def test_no_translated_notebook_without_an_english_source():
    names = {p.name for p in ENGLISH}
    orphans = [p.name for p in (i18n.NOTEBOOKS / LANG).glob("*.ipynb") if p.name not in names]
    assert not orphans


# --- the mechanism itself, on a copy: it must catch an edited English cell -------------------

@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A copy of notebook 00 with a complete translation, in a throw-away tree."""
    (tmp_path / "notebooks").mkdir()
    shutil.copy(ENGLISH[0], tmp_path / "notebooks" / ENGLISH[0].name)
    monkeypatch.setattr(i18n, "ROOT", tmp_path)
    monkeypatch.setattr(i18n, "NOTEBOOKS", tmp_path / "notebooks")
    monkeypatch.setattr(i18n, "LOCALE", tmp_path / "locale")
    nb_path = tmp_path / "notebooks" / ENGLISH[0].name
    po = i18n.update_catalogue(LANG, nb_path)
    for entry in po:
        entry.msgstr = "译文：" + entry.msgid
    po.save(str(i18n.catalogue_path(LANG, nb_path)))
    i18n.build_notebook(LANG, nb_path)
    return nb_path


def test_a_complete_translation_passes(sandbox):
    assert i18n.check_notebook(LANG, sandbox) == []


def test_editing_an_english_markdown_cell_makes_its_translation_stale(sandbox):
    nb = nbformat.read(sandbox, as_version=4)
    k = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and i > 0)
    nb.cells[k].source += "\nOne more English sentence."
    nbformat.write(nb, sandbox)
    problems = i18n.check_notebook(LANG, sandbox)
    assert len(problems) == 1 and f"cell {k} (id {nb.cells[k].id}" in problems[0]
    assert "English text changed" in problems[0]
    # the workflow: update turns the entry fuzzy and keeps the old English beside it
    po = i18n.update_catalogue(LANG, sandbox)
    entry = next(e for e in po if e.msgctxt == nb.cells[k].id)
    assert "fuzzy" in entry.flags and entry.previous_msgid
    entry.msgstr, entry.flags = "新译文", []
    po.save(str(i18n.catalogue_path(LANG, sandbox)))
    i18n.build_notebook(LANG, sandbox)
    assert i18n.check_notebook(LANG, sandbox) == []


def test_a_changed_code_cell_or_structure_is_caught(sandbox):
    translated = i18n.translated_path(LANG, sandbox)
    tr = nbformat.read(translated, as_version=4)
    k = next(i for i, c in enumerate(tr.cells) if c.cell_type == "code")
    tr.cells[k].source = "# 中文注释\n" + tr.cells[k].source  # a translated comment is fine
    nbformat.write(tr, translated)
    assert i18n.check_notebook(LANG, sandbox) == []
    tr.cells[k].source += "\nx = 1"
    nbformat.write(tr, translated)
    assert "code differs" in " ".join(i18n.check_notebook(LANG, sandbox))
    del tr.cells[k]
    nbformat.write(tr, translated)
    assert "no longer match" in " ".join(i18n.check_notebook(LANG, sandbox))


def test_editing_the_translated_notebook_instead_of_the_catalogue_is_caught(sandbox):
    translated = i18n.translated_path(LANG, sandbox)
    tr = nbformat.read(translated, as_version=4)
    k = next(i for i, c in enumerate(tr.cells) if c.cell_type == "markdown")
    tr.cells[k].source += " 手改"
    nbformat.write(tr, translated)
    assert "edit the .po" in " ".join(i18n.check_notebook(LANG, sandbox))


def test_a_page_records_the_english_version(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "ROOT", tmp_path)
    english, translated = tmp_path / "references.md", tmp_path / "zh" / "references.md"
    english.write_text("# References\n", encoding="utf-8")
    translated.parent.mkdir()
    translated.write_text(f"<!-- i18n-source: references.md sha={i18n.sha(english.read_text())}"
                          f" -->\n# 参考文献\n", encoding="utf-8")
    assert i18n.check_page(LANG, english, translated) == []
    english.write_text("# References\n\nA new entry.\n", encoding="utf-8")
    assert "changed since it was translated" in i18n.check_page(LANG, english, translated)[0]


def test_links_written_for_notebooks_work_one_folder_deeper():
    text = "[sol](../solutions/ch01.py) and [next](02_loss_formula.ipynb)"
    assert i18n.deeper_links(text) == ("[sol](../../solutions/ch01.py) and "
                                       "[next](02_loss_formula.ipynb)")


def test_strip_comments_keeps_code_and_drops_comments():
    assert i18n.strip_comments("x = 1  # one\n# 注释\ny = '#not a comment'\n") == \
        "x = 1\ny = '#not a comment'"


def test_the_message_extractor_finds_hints_and_refuses_untranslatable_feedback(tmp_path,
                                                                                monkeypatch):
    (tmp_path / "ex.py").write_text(
        'HINT = N_("a constant hint.")\n'
        'def f(name):\n'
        '    Mistake(g, "a literal hint.")\n'
        '    Mistake(g, HINT)\n'
        '    Feedback("fail", "x " + _("{name}: translated.").format(name=name))\n'
        '    Feedback("fail", f"{name}: stays English")\n'
        '    Feedback("fail", f"{name}: {HINT}")\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "EXERCISES", tmp_path)
    monkeypatch.setattr(i18n, "ROOT", tmp_path)
    found, problems = i18n.exercise_messages()
    assert set(found) == {"a constant hint.", "a literal hint.", "{name}: translated."}
    assert len(problems) == 2 and all("stays English" in p for p in problems)
