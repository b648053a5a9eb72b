"""The learner's own copies of the notebooks, in the git-ignored my_notebooks/ (`make lab`).

A learner works in my_notebooks/, never in notebooks/: the course's notebooks keep the stored
outputs that `make test` compares, and `git pull` can update them without touching the learner's
answers. my_notebooks/ sits at the same depth as notebooks/, so relative links
(`../solutions/ch03.py`, `references.md`) work the same from both.

    python tools/learner_copy.py init [--lang zh]   # copy what is missing; print the file to open
    python tools/learner_copy.py fresh 03 [--lang zh]  # restart one notebook, keep the old copy

`init` copies every course notebook (and references.md) that the learner does not have yet, and
never overwrites a file. `fresh` renames the learner's copy to `<name>-old-<timestamp>.ipynb` and
copies the course version in its place.
"""

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START = "00_start_here.ipynb"
EXTRA_FILES = ("references.md",)
CHINESE = {"zh", "zh-cn", "zh_cn", "cn", "chinese"}
ENGLISH = {"", "en", "english"}
LAB_LOCALE = {"zh": "zh_CN"}  # JupyterLab's own interface language for each route


def language(lang):
    """'en' or 'zh' from what a learner may type (zh, zh-CN, zh_CN...); ValueError otherwise."""
    key = (lang or "").strip().lower()
    if key in ENGLISH or key.startswith(("c.", "en_", "posix")) or key == "c":
        return "en"  # an ordinary locale from the environment means the English course
    if key in CHINESE or key.startswith("zh"):
        return "zh"
    raise ValueError(f"unknown course language {lang!r}: use LANG=en or LANG=zh")


def folders(lang, root=ROOT):
    """(course folder, learner folder) for a language: notebooks[/zh-CN], my_notebooks[/zh-CN]."""
    sub = "zh-CN" if language(lang) == "zh" else ""
    return root / "notebooks" / sub, root / "my_notebooks" / sub


def course_files(source):
    """The files a learner gets: every notebook of `source` (not its subfolders), references.md."""
    files = sorted(source.glob("*.ipynb"))
    files += [source / name for name in EXTRA_FILES if (source / name).is_file()]
    return files


def copy_course(source, target):
    """Copy each course file that `target` lacks; never overwrite. Return the copied paths."""
    source, target = Path(source), Path(target)
    files = course_files(source)
    if not files:
        raise FileNotFoundError(f"no notebooks in {source}")
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for path in files:
        destination = target / path.name
        if not destination.exists():
            shutil.copy2(path, destination)
            copied.append(destination)
    return copied


def find_notebook(source, name):
    """The course notebook that `name` means: '03', '3', '03_gradient_derivation' or a file name."""
    name = Path(name).name
    candidates = sorted(source.glob("*.ipynb"))
    exact = [p for p in candidates if name in (p.name, p.stem)]
    if exact:
        return exact[0]
    if name.isdigit():
        matches = [p for p in candidates if p.name.split("_", 1)[0] == f"{int(name):02d}"]
    else:
        matches = [p for p in candidates if p.name.startswith(name)]
    if len(matches) != 1:
        found = ", ".join(p.name for p in matches) or "none"
        raise FileNotFoundError(f"no single notebook in {source} matches {name!r} (found: {found})")
    return matches[0]


def fresh(source, target, name, now=None):
    """Restart one notebook from the course version; keep the learner's copy beside it.

    Returns (old, new): the path the learner's copy was renamed to (None if there was none) and
    the fresh copy. The old copy is named `<stem>-old-<YYYYmmdd-HHMMSS>.ipynb`, never overwritten.
    """
    original = find_notebook(Path(source), name)
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    new = target / original.name
    old = None
    if new.exists():
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
        old = target / f"{original.stem}-old-{stamp}{original.suffix}"
        counter = 1
        while old.exists():
            old = target / f"{original.stem}-old-{stamp}-{counter}{original.suffix}"
            counter += 1
        new.rename(old)
    shutil.copy2(original, new)
    return old, new


def write_lab_locale(config_dir, locale):
    """A Jupyter config folder whose labconfig makes `locale` JupyterLab's default language.

    Point JUPYTER_CONFIG_PATH at the folder for one server only: it changes the default of the
    translation setting, so a language the learner chose in Settings > Language still wins.
    """
    path = Path(config_dir) / "labconfig" / "default_setting_overrides.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    overrides = {"@jupyterlab/translation-extension:plugin": {"locale": locale}}
    path.write_text(json.dumps(overrides, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["init", "fresh"])
    parser.add_argument("notebook", nargs="?", help="for fresh: 03, or the notebook's file name")
    parser.add_argument("--lang", default="en", help="en (default) or zh")
    parser.add_argument("--lab-config", help="for init --lang zh: write JupyterLab's Chinese "
                        "interface setting into this Jupyter config folder")
    parser.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        lang = language(args.lang)
        source, target = folders(lang, root)
        if lang == "zh" and not course_files(source):
            print(f"The Chinese edition is not there yet ({source.relative_to(root)}/ has no "
                  "notebooks): opening the English notebooks.", file=sys.stderr)
            source, target = folders("en", root)
        if args.command == "fresh":
            if not args.notebook:
                parser.error("fresh needs a notebook: make fresh NB=03")
            old, new = fresh(source, target, args.notebook)
            if old is not None:
                print(f"Your previous copy is kept as {old.relative_to(root)}.", file=sys.stderr)
            print(f"{new.relative_to(root)} is the course version again.", file=sys.stderr)
            print(new.relative_to(root).as_posix())
            return 0
        copied = copy_course(source, target)
        rel = target.relative_to(root)
        if copied:
            print(f"Copied {len(copied)} course file(s) into {rel}/: your work lives there "
                  "(git ignores it; `make fresh NB=03` restarts one notebook).", file=sys.stderr)
        else:
            print(f"Opening your own copies in {rel}/ (none overwritten).", file=sys.stderr)
        if args.lab_config and lang in LAB_LOCALE:
            write_lab_locale(args.lab_config, LAB_LOCALE[lang])
        print((rel / START).as_posix())
        return 0
    except (ValueError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
