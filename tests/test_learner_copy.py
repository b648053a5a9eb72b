"""tools/learner_copy.py: the learner's copies in my_notebooks/ are made once, never overwritten."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import learner_copy  # noqa: E402


@pytest.fixture
def course(tmp_path):
    """A tiny repository: two English notebooks and a references page, one Chinese notebook."""
    notebooks = tmp_path / "notebooks"
    (notebooks / "zh-CN").mkdir(parents=True)
    for name in ("00_start_here.ipynb", "03_gradient_derivation.ipynb"):
        (notebooks / name).write_text(f"course {name}")
        (notebooks / "zh-CN" / name).write_text(f"课程 {name}")
    (notebooks / "references.md").write_text("refs")
    (notebooks / "notes.txt").write_text("not for learners")
    return tmp_path


def test_first_use_copies_notebooks_and_references(course):
    source, target = learner_copy.folders("en", course)
    copied = learner_copy.copy_course(source, target)
    assert sorted(p.name for p in copied) == [
        "00_start_here.ipynb", "03_gradient_derivation.ipynb", "references.md"]
    assert (course / "my_notebooks" / "00_start_here.ipynb").read_text() == (
        "course 00_start_here.ipynb")
    assert not (course / "my_notebooks" / "zh-CN").exists()  # languages stay apart


def test_never_overwrites_the_learners_work(course):
    source, target = learner_copy.folders("en", course)
    learner_copy.copy_course(source, target)
    answer = target / "03_gradient_derivation.ipynb"
    answer.write_text("my answers")
    (source / "03_gradient_derivation.ipynb").write_text("course, updated by git pull")
    assert learner_copy.copy_course(source, target) == []
    assert answer.read_text() == "my answers"


def test_a_new_course_notebook_arrives_on_next_use(course):
    source, target = learner_copy.folders("en", course)
    learner_copy.copy_course(source, target)
    (source / "08_new.ipynb").write_text("new")
    assert [p.name for p in learner_copy.copy_course(source, target)] == ["08_new.ipynb"]


@pytest.mark.parametrize("lang", ["zh", "zh-CN", "zh_CN", "ZH"])
def test_chinese_route_uses_its_own_folders(course, lang):
    source, target = learner_copy.folders(lang, course)
    assert source == course / "notebooks" / "zh-CN"
    assert target == course / "my_notebooks" / "zh-CN"
    learner_copy.copy_course(source, target)
    assert (target / "00_start_here.ipynb").read_text().startswith("课程")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="LANG=zh"):
        learner_copy.language("klingon")


def test_fresh_keeps_the_old_copy_with_a_timestamp(course):
    source, target = learner_copy.folders("en", course)
    learner_copy.copy_course(source, target)
    (target / "03_gradient_derivation.ipynb").write_text("my answers")
    old, new = learner_copy.fresh(source, target, "03", now=0)
    assert new.read_text() == "course 03_gradient_derivation.ipynb"
    assert old.read_text() == "my answers"
    assert old.name.startswith("03_gradient_derivation-old-") and old.suffix == ".ipynb"
    old2, _ = learner_copy.fresh(source, target, "3", now=0)  # same second: a new name
    assert old2 != old and old.read_text() == "my answers"


def test_fresh_without_a_copy_just_copies(course):
    source, target = learner_copy.folders("en", course)
    old, new = learner_copy.fresh(source, target, "03_gradient_derivation.ipynb")
    assert old is None and new.is_file()


def test_fresh_needs_one_matching_notebook(course):
    source, target = learner_copy.folders("en", course)
    with pytest.raises(FileNotFoundError, match="'99'"):
        learner_copy.fresh(source, target, "99")


def test_cli_prints_the_notebook_to_open_and_writes_the_chinese_lab_setting(course, capsys):
    config = course / "lab-config"
    assert learner_copy.main(["init", "--lang", "zh", "--root", str(course),
                              "--lab-config", str(config)]) == 0
    assert capsys.readouterr().out.strip() == "my_notebooks/zh-CN/00_start_here.ipynb"
    overrides = json.loads((config / "labconfig" / "default_setting_overrides.json").read_text())
    assert overrides == {"@jupyterlab/translation-extension:plugin": {"locale": "zh_CN"}}
    assert learner_copy.main(["init", "--root", str(course)]) == 0
    assert capsys.readouterr().out.strip() == "my_notebooks/00_start_here.ipynb"


def test_cli_falls_back_to_english_before_the_chinese_edition_exists(course, capsys):
    for path in (course / "notebooks" / "zh-CN").iterdir():
        path.unlink()
    assert learner_copy.main(["init", "--lang", "zh", "--root", str(course)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "my_notebooks/00_start_here.ipynb"
    assert "not there yet" in captured.err


def test_the_repository_ignores_my_notebooks():
    gitignore = Path(__file__).resolve().parents[1] / ".gitignore"
    assert "my_notebooks/" in gitignore.read_text().splitlines()
