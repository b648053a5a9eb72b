"""Translations of the course, kept in step with the English source.

English is the source. Each other edition (today: zh-CN) has
- one gettext catalogue per notebook, ``locale/<lang>/notebooks/<notebook>.po``: one entry per
  English markdown cell (msgctxt = the cell id, msgid = the English text, msgstr = the translation);
- the translated notebooks ``notebooks/<lang>/<notebook>.ipynb``, BUILT from the English notebook
  and the catalogue: the same cells in the same order with the same ids, the code cells copied
  from the English ones (their comments may be translated), each markdown cell recording in its
  metadata which English cell and which version of it (a hash of its text) it translates;
- translated Markdown pages (``notebooks/<lang>/references.md``...) and worked solutions
  (``solutions/<lang>/chNN.py``), whose first line records the hash of the English file;
- the exercise messages, ``helpers/exercises/locale/<ll_CC>/LC_MESSAGES/exercises.po`` (+ .mo).

Commands (``python tools/i18n.py <command> [--lang zh-CN] [notebook ...]``):
  update    refresh the catalogues from the English text: new cells get empty entries, an edited
            English cell turns its entry fuzzy (the old English kept as ``#| msgid``), deleted
            cells' entries become obsolete; with no notebook named, also the exercise messages;
  build     write the translated notebooks from English + catalogue (outputs of code cells whose
            code did not change are kept; re-execute with ``make execute`` after code changes);
  messages  refresh the exercise-message catalogue and compile its .mo;
  check     list everything out of step (exit status 1 if anything is): missing, untranslated or
            stale entries, cells whose structure or code differ, translated pages whose English
            changed. Each line says which cell or file to revisit and how.

The workflow after editing English: ``make i18n-check`` (lists what changed), ``make i18n-update``,
translate the fuzzy/empty entries in the .po (any PO editor, or polib), ``make i18n-build``,
re-execute the translated notebook if code changed, ``make test``.
"""

import argparse
import ast
import hashlib
import io
import re
import sys
import tokenize
from pathlib import Path

import nbformat
import polib

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LOCALE = ROOT / "locale"
EXERCISES = ROOT / "helpers" / "exercises"
LANGS = {"zh-CN": "zh_CN"}  # course language code -> gettext locale
PAGES = ("references.md",)   # Markdown pages beside the notebooks that are translated too
HASH_LINE = re.compile(r"(?:<!--|#) i18n-source: (\S+) sha=([0-9a-f]{12})")


def sha(text):
    """Short hash of an English text: the version a translation records."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def english_notebooks():
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def catalogue_path(lang, nb_path):
    return LOCALE / lang / "notebooks" / (nb_path.stem + ".po")


def translated_path(lang, nb_path):
    return NOTEBOOKS / lang / nb_path.name


def strip_comments(code):
    """Python code without comments and trailing blanks: what must match across editions."""
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(code).readline)
                  if t.type != tokenize.COMMENT]
        code = tokenize.untokenize(tokens)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        code = "\n".join(line.split("#", 1)[0] for line in code.splitlines())
    return "\n".join(line.rstrip() for line in code.splitlines() if line.strip())


def _has_comment(code):
    return strip_comments(code) != "\n".join(line.rstrip() for line in code.splitlines()
                                             if line.strip())


def deeper_links(text):
    """Relative links written for notebooks/ (``../solutions/x``) work one folder deeper."""
    return re.sub(r"(\]\(|href=\"|src=\")\.\./", r"\1../../", text)


# --- notebook catalogues ------------------------------------------------------------------------

def _new_catalogue(lang, nb_path):
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Project-Id-Version": "l1l2-course", "Language": lang,
                   "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit"}
    po.header = f"Translation of notebooks/{nb_path.name} into {lang}."
    return po


def update_catalogue(lang, nb_path):
    """Bring one notebook's catalogue in line with the English notebook; return the PO file."""
    path = catalogue_path(lang, nb_path)
    po = polib.pofile(str(path), wrapwidth=0) if path.exists() else _new_catalogue(lang, nb_path)
    nb = nbformat.read(nb_path, as_version=4)
    old = {e.msgctxt: e for e in po if not e.obsolete}
    entries = []
    for k, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        entry = old.pop(cell.id, None)
        if entry is None:
            entry = polib.POEntry(msgctxt=cell.id, msgid=cell.source, msgstr="")
        elif entry.msgid != cell.source:
            entry.previous_msgid = entry.msgid
            entry.msgid = cell.source
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
        entry.comment = f"cell {k} of {nb_path.name}"
        entry.occurrences = [(f"notebooks/{nb_path.name}", str(k))]
        entries.append(entry)
    for entry in old.values():
        entry.obsolete = True
        entries.append(entry)
    fresh = _new_catalogue(lang, nb_path)
    fresh.metadata.update(po.metadata)
    fresh.extend(entries)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh.save(str(path))
    return fresh


def build_notebook(lang, nb_path):
    """Write notebooks/<lang>/<name>.ipynb from the English notebook and its catalogue."""
    po = polib.pofile(str(catalogue_path(lang, nb_path)), wrapwidth=0)
    by_id = {e.msgctxt: e for e in po if not e.obsolete}
    nb = nbformat.read(nb_path, as_version=4)
    out_path = translated_path(lang, nb_path)
    previous = nbformat.read(out_path, as_version=4) if out_path.exists() else None
    kept = {c.id: c for c in previous.cells} if previous else {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            entry = by_id.get(cell.id)
            english = cell.source
            if entry and entry.msgstr and entry.msgid == english and "fuzzy" not in entry.flags:
                cell.source = deeper_links(entry.msgstr)
                cell.metadata["i18n"] = {"source_sha": sha(english)}
            else:  # untranslated: English text, marked so that `check` lists it
                cell.source = deeper_links(english)
                cell.metadata["i18n"] = {"source_sha": sha(english), "untranslated": True}
        elif cell.cell_type == "code":
            old = kept.get(cell.id)
            if old is not None and strip_comments(old.source) == strip_comments(cell.source):
                cell.source = old.source  # keep translated comments
                cell.outputs = old.outputs
                cell.execution_count = old.execution_count
            else:
                cell.outputs, cell.execution_count = [], None
                if old is not None and _has_comment(old.source) and old.source != cell.source:
                    print(f"{out_path}: cell {cell.id}: its code changed, so it was copied from "
                          f"English with English comments; translate them again (the previous "
                          f"translation is in git), then re-execute the notebook")
    nb.metadata["i18n"] = {"language": lang, "source": f"../{nb_path.name}"}
    if previous is not None and "widgets" in previous.metadata:
        nb.metadata["widgets"] = previous.metadata["widgets"]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out_path)
    return out_path


# --- exercise messages --------------------------------------------------------------------------

TRANSLATING_CALLS = ("_", "N_", "translate")


def _call_name(node):
    return getattr(node.func, "id", getattr(node.func, "attr", "")) if isinstance(
        node, ast.Call) else ""


def _untranslated_text(expr, constants=None):
    """English text in `expr` that no `_()`/`N_()`/`translate()` call translates: literal words,
    and module or class constants holding English that are put into the message as they are."""
    constants = constants or {}
    if _call_name(expr) in TRANSLATING_CALLS:
        return []
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value] if re.search(r"[A-Za-z]{2,}", expr.value) else []
    held = getattr(expr, "id", None) or getattr(expr, "attr", None)
    if isinstance(expr, (ast.Name, ast.Attribute)) and held in constants:
        return [constants[held]]
    found = []
    for child in ast.iter_child_nodes(expr):
        if isinstance(child, ast.Call) and _call_name(child) == "format" and isinstance(
                child.func, ast.Attribute):
            found += _untranslated_text(child.func.value, constants)
            for arg in [*child.args, *(k.value for k in child.keywords)]:
                found += _untranslated_text(arg, constants)
        else:
            found += _untranslated_text(child, constants)
    return found


def exercise_messages():
    """Every English message of helpers/exercises, and every message that cannot be translated.

    Messages: the literals in `_()`/`N_()` calls and the hints of `Mistake` (a literal, or a
    module constant assigned a literal). Problems: a hint that is neither, and a `Feedback`
    message with English text outside `_()` (an f-string, say), which would stay English in
    every edition. Returns ({message: [file:line, ...]}, [problem, ...]).
    """
    found, problems = {}, []
    for path in sorted(EXERCISES.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {}  # module and class constants that hold a message
        for node in [*tree.body, *(n for c in tree.body if isinstance(c, ast.ClassDef)
                                   for n in c.body)]:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                    node.targets[0], ast.Name):
                value = node.value
                if _call_name(value) == "N_" and value.args:
                    value = value.args[0]
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    constants[node.targets[0].id] = value.value
        rel = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, where = _call_name(node), f"{rel}:{node.lineno}"
            if name in ("_", "N_") and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, []).append(where)
                else:
                    problems.append(f"{where}: {name}() needs one string literal (use "
                                    f".format for values, `translate` for a variable)")
            elif name == "Mistake":
                arg = node.args[1] if len(node.args) > 1 else next(
                    (k.value for k in node.keywords if k.arg == "hint"), None)
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, []).append(where)
                elif isinstance(arg, ast.Name) and arg.id in constants:
                    found.setdefault(constants[arg.id], []).append(where)
                elif arg is not None and _call_name(arg) != "N_":
                    problems.append(f"{where}: a Mistake hint must be one string literal or a "
                                    f"module constant holding one, to be translated")
            elif name == "Feedback" and len(node.args) > 1:
                for text in _untranslated_text(node.args[1], constants):
                    problems.append(f"{where}: feedback text outside _() stays English in every "
                                    f"edition: {text[:50]!r}; write _(\"...\").format(...)")
    return found, problems


def messages_catalogue_path(lang):
    return EXERCISES / "locale" / LANGS[lang] / "LC_MESSAGES" / "exercises.po"


def update_messages(lang):
    path = messages_catalogue_path(lang)
    po = polib.pofile(str(path), wrapwidth=0) if path.exists() else None
    old = {e.msgid: e for e in po if not e.obsolete} if po else {}
    fresh = polib.POFile(wrapwidth=0)
    fresh.metadata = {"Project-Id-Version": "l1l2-course exercises", "Language": LANGS[lang],
                      "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                      "Content-Transfer-Encoding": "8bit"}
    found, _ = exercise_messages()
    for msgid, places in found.items():
        entry = old.pop(msgid, None) or polib.POEntry(msgid=msgid, msgstr="")
        entry.occurrences = [tuple(p.rsplit(":", 1)) for p in places]
        fresh.append(entry)
    for entry in old.values():
        entry.obsolete = True
        fresh.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh.save(str(path))
    fresh.save_as_mofile(str(path.with_suffix(".mo")))
    return fresh


def placeholders(text):
    return sorted(re.findall(r"\{(\w*)[^{}]*\}", text))


# --- checks -------------------------------------------------------------------------------------

def check_notebook(lang, nb_path):
    """Problems of one translated notebook, as lines that say what to revisit."""
    problems = []
    name = nb_path.name
    po_path, out_path = catalogue_path(lang, nb_path), translated_path(lang, nb_path)
    if not po_path.exists() or not out_path.exists():
        return [f"{name}: no {lang} translation yet (run `python tools/i18n.py update` and "
                f"translate {po_path.relative_to(ROOT)}, then `build`)"]
    english = nbformat.read(nb_path, as_version=4)
    translated = nbformat.read(out_path, as_version=4)
    po = polib.pofile(str(po_path), wrapwidth=0)
    entries = {e.msgctxt: e for e in po if not e.obsolete}
    if [(c.id, c.cell_type) for c in english.cells] != [(c.id, c.cell_type)
                                                        for c in translated.cells]:
        problems.append(f"{lang}/{name}: its cells no longer match the English notebook's (ids "
                        f"or types differ): run `python tools/i18n.py update` and `build`")
        return problems
    for k, (en, tr) in enumerate(zip(english.cells, translated.cells)):
        where = f"{lang}/{name} cell {k} (id {en.id}, English starts {en.source[:50]!r})"
        if en.cell_type == "code":
            if strip_comments(en.source) != strip_comments(tr.source):
                problems.append(f"{where}: code differs from the English cell: run `build` "
                                f"and re-execute the notebook")
            continue
        if en.cell_type != "markdown":
            continue
        entry = entries.get(en.id)
        recorded = tr.metadata.get("i18n", {})
        if entry is None or not entry.msgstr:
            problems.append(f"{where}: not translated: fill its msgstr in "
                            f"{po_path.relative_to(ROOT)}, then `build`")
        elif entry.msgid != en.source or "fuzzy" in entry.flags:
            problems.append(f"{where}: the English text changed since it was translated: "
                            f"update its msgstr in {po_path.relative_to(ROOT)} (run `update` "
                            f"first; the old English is kept as #| msgid), then `build`")
        elif recorded.get("source_sha") != sha(en.source) or recorded.get("untranslated"):
            problems.append(f"{where}: the translated notebook is older than its catalogue "
                            f"or the English text: run `build`")
        elif tr.source != deeper_links(entry.msgstr):
            problems.append(f"{where}: the notebook's text differs from the catalogue's: edit "
                            f"the .po, not the notebook, then `build`")
    return problems


def check_page(lang, english_path, translated_path):
    """A translated page or solution file records the English file's hash on its first line."""
    rel = english_path.relative_to(ROOT)
    if not translated_path.exists():
        return [f"{translated_path.relative_to(ROOT)}: missing (translate {rel})"]
    first = translated_path.read_text(encoding="utf-8").splitlines()[:1]
    match = HASH_LINE.search(first[0]) if first else None
    current = sha(english_path.read_text(encoding="utf-8"))
    if not match:
        return [f"{translated_path.relative_to(ROOT)}: its first line must record the English "
                f"version: `i18n-source: {rel} sha={current}` in a comment"]
    if match.group(2) != current:
        return [f"{translated_path.relative_to(ROOT)}: {rel} changed since it was translated "
                f"(recorded sha={match.group(2)}, now sha={current}): update the translation, "
                f"then its first line"]
    return []


def check_solution(lang, english_path, translated_path):
    problems = check_page(lang, english_path, translated_path)
    if translated_path.exists() and strip_comments(_drop_docstrings(english_path)) != \
            strip_comments(_drop_docstrings(translated_path)):
        problems.append(f"{translated_path.relative_to(ROOT)}: its code differs from "
                        f"{english_path.relative_to(ROOT)} (only comments and docstrings may "
                        f"differ)")
    return problems


def _drop_docstrings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and \
                isinstance(getattr(body[0], "value", None), ast.Constant) and \
                isinstance(body[0].value.value, str):
            body[0] = ast.Pass()
    return ast.unparse(tree)


def check_messages(lang):
    problems = []
    found, bad = exercise_messages()
    problems.extend(bad)
    path = messages_catalogue_path(lang)
    if not path.exists():
        return problems + [f"{path.relative_to(ROOT)}: missing (run `messages`)"]
    po = polib.pofile(str(path), wrapwidth=0)
    entries = {e.msgid: e for e in po if not e.obsolete}
    for msgid, places in found.items():
        entry = entries.get(msgid)
        if entry is None or not entry.msgstr or "fuzzy" in entry.flags:
            problems.append(f"{places[0]}: exercise message not translated into {lang}: "
                            f"{msgid[:60]!r} (run `messages`, translate it in "
                            f"{path.relative_to(ROOT)}, run `messages` again)")
        elif placeholders(entry.msgstr) != placeholders(msgid):
            problems.append(f"{places[0]}: the {lang} message must use the same {{placeholders}} "
                            f"as the English: {msgid[:60]!r}")
    for msgid in set(entries) - set(found):
        problems.append(f"{path.relative_to(ROOT)}: {msgid[:60]!r} is no longer used in the code "
                        f"(run `messages` to mark it obsolete)")
    mo = path.with_suffix(".mo")
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(mo))} if mo.exists() else {}
    wanted = {e.msgid: e.msgstr for e in po.translated_entries()}
    if {k: v for k, v in compiled.items() if k} != wanted:
        problems.append(f"{mo.relative_to(ROOT)}: out of date with its .po (run `messages`)")
    return problems


def check(lang, names=None):
    problems = []
    for nb_path in english_notebooks():
        if names and nb_path.stem[:2] not in names:
            continue
        problems.extend(check_notebook(lang, nb_path))
    if not names:
        for page in PAGES:
            if (NOTEBOOKS / page).exists():
                problems.extend(check_page(lang, NOTEBOOKS / page, NOTEBOOKS / lang / page))
        for solution in sorted((ROOT / "solutions").glob("ch[0-9][0-9].py")):
            problems.extend(check_solution(lang, solution, ROOT / "solutions" / lang /
                                           solution.name))
        problems.extend(check_messages(lang))
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["update", "build", "messages", "check"])
    parser.add_argument("notebooks", nargs="*", help="two-digit numbers, e.g. 03 (default: all)")
    parser.add_argument("--lang", default="zh-CN", choices=sorted(LANGS))
    args = parser.parse_args(argv)
    chosen = [p for p in english_notebooks() if not args.notebooks or p.stem[:2] in args.notebooks]
    if args.command == "update":
        for nb_path in chosen:
            po = update_catalogue(args.lang, nb_path)
            todo = len(po.untranslated_entries()) + len(po.fuzzy_entries())
            print(f"{catalogue_path(args.lang, nb_path).relative_to(ROOT)}: {todo} to translate")
        if not args.notebooks:  # `update 03` touches notebook 03's catalogue only
            update_messages(args.lang)
    elif args.command == "build":
        for nb_path in chosen:
            print(build_notebook(args.lang, nb_path).relative_to(ROOT))
    elif args.command == "messages":
        po = update_messages(args.lang)
        print(f"{messages_catalogue_path(args.lang).relative_to(ROOT)}: "
              f"{len(po.untranslated_entries()) + len(po.fuzzy_entries())} to translate")
    else:
        problems = check(args.lang, args.notebooks)
        print("\n".join(problems) if problems else f"{args.lang}: everything is in step")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
