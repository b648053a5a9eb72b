"""Keep the instructor guide in step with the notebooks (`make guide`).

The guide (docs/instructor_guide.md) is written by hand, except for what the notebooks already say,
which is generated here so that nothing is copied by hand:

- docs/questions.md: every markdown cell tagged "question" (a question followed by
  ``<details><summary>Answer</summary> ... </details>``), with its answer, notebook by notebook;
- the block between ``<!-- generated:notebooks -->`` and ``<!-- /generated:notebooks -->`` in the
  guide: each notebook's title, its study time (the "Study time: about N minutes" line under its
  learning goals), its number of slides and of questions;
- the block between ``<!-- generated:deck-map -->`` and ``<!-- /generated:deck-map -->``: for
  every notebook section the lecture plans link to, the slide of its deck where it starts;
- links from the guide to notebook sections: a link whose ``#anchor`` no longer exists is pointed
  at the heading that now carries the same section number ("4." or "6c."), since headings get
  re-worded; a link that cannot be repaired is reported and makes ``--check`` fail.

Usage: python tools/build_guide.py           (rewrite docs/questions.md and the guide's blocks)
       python tools/build_guide.py --check   (exit 1 if either is stale or a link is broken)
"""

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import quote, unquote

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
GUIDE = ROOT / "docs" / "instructor_guide.md"
QUESTIONS = ROOT / "docs" / "questions.md"
BLOCK = re.compile(r"(<!-- generated:notebooks -->\n)(.*?)(<!-- /generated:notebooks -->)", re.S)
DECK_BLOCK = re.compile(r"(<!-- generated:deck-map -->\n)(.*?)(<!-- /generated:deck-map -->)",
                        re.S)
DETAILS = re.compile(r"<details>\s*<summary>(.*?)</summary>(.*?)</details>", re.S | re.I)
STUDY_TIME = re.compile(r"Study time:\s*about\s+(\d+)\s+minutes", re.I)
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)
EXPLICIT_ID = re.compile(r"<a\s+id=[\"']([^\"']+)[\"']", re.I)
LINK = re.compile(r"(\]\()([^)\s]+(?:\([^)\s]*\)[^)\s]*)*)(\))")
LABEL = re.compile(r"^\*\*(?:Q|Question)\s*\d+\s*(\([^)]*\))?\s*[.:]?\s*\*\*\s*[.:]?\s*")
NOTEBOOK_LINK = re.compile(r"^(?:\.\./notebooks/)?(\d\d_[\w-]+\.ipynb)(?:#(.*))?$")


def course_notebooks(folder=NOTEBOOK_DIR):
    """The numbered notebooks of the English edition, in order."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))


def heading_anchor(text):
    """The id JupyterLab and nbconvert give a heading: its text, spaces replaced by '-'.

    Markdown emphasis, code marks and link targets do not count; maths is kept as typed.
    """
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)         # [text](url) -> text
    text = re.sub(r"<[^>]+>", "", text)                           # inline HTML tags
    text = re.sub(r"(\*\*|__|\*|`)", "", text)                    # emphasis and code marks
    return re.sub(r"\s+", "-", text.strip())


def encode_anchor(anchor):
    """An anchor as written in a markdown link (parentheses and spaces escaped)."""
    return quote(anchor, safe="!$&'*+,-./:;=?@_~\\")


def notebook_anchors(nb):
    """Every anchor of a notebook: heading ids and explicit <a id=...> targets."""
    anchors = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        anchors += [heading_anchor(text) for _, text in HEADING.findall(cell.source)]
        anchors += EXPLICIT_ID.findall(cell.source)
    return anchors


def notebook_title(nb):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return "?"


def study_time(nb):
    """Minutes from the notebook's "Study time: about N minutes" line, or None."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = STUDY_TIME.search(cell.source)
            if match:
                return int(match.group(1))
    return None


def slide_count(nb):
    """Slides of the notebook's deck: cells starting a slide or a sub-slide."""
    return sum(cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
               in ("slide", "subslide") for cell in nb.cells)


def questions(nb):
    """[(cell index, question markdown, answer markdown or None)] for cells tagged "question"."""
    found = []
    for index, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type != "markdown" or "question" not in tags:
            continue
        match = DETAILS.search(cell.source)
        if match is None:
            found.append((index, cell.source.strip(), None))
            continue
        question = (cell.source[:match.start()] + cell.source[match.end():]).strip()
        found.append((index, question, match.group(2).strip() or None))
    return found


def section_of(nb, index):
    """The text of the last level-2 heading at or above cell `index`."""
    section = None
    for cell in nb.cells[:index + 1]:
        if cell.cell_type == "markdown":
            for hashes, text in HEADING.findall(cell.source):
                if len(hashes) == 2:
                    section = text
    return section


def relink(markdown, notebook_name):
    """Rewrite a notebook cell's relative links so that they work from docs/."""
    def fix(match):
        target = match.group(2)
        if re.match(r"^(?:[a-z]+:|/|\.\./)", target):
            new = target  # absolute, or already relative to the repository root's sub-folders
        elif target.startswith("#"):
            new = f"../notebooks/{notebook_name}{target}"
        else:
            new = f"../notebooks/{target}"
        return f"{match.group(1)}{new}{match.group(3)}"
    markdown = LINK.sub(fix, markdown)
    return re.sub(r'(href=")(?![a-z]+:|/|\.\./|#)([^"]+)"', r'\1../notebooks/\2"', markdown)


def answer_block(answer):
    """'**Answer.** text', or the label on its own line when the answer opens with a block."""
    if answer is None:
        return "**Answer.** *(missing: the cell has no `<details>` answer block)*"
    if re.match(r"^(\$\$|[-*+>|]\s|\d+\.\s|```|<)", answer):
        return "**Answer.**\n\n" + answer
    return "**Answer.** " + answer


def render_questions(paths):
    """The text of docs/questions.md."""
    lines = ["# Conceptual questions, with answers", "",
             "Generated by `make guide` (`tools/build_guide.py`) from the cells tagged "
             "`question` in the notebooks: edit the notebooks, not this file. Learners meet the "
             "same questions at the end of each notebook, with the answers folded away; the "
             "[instructor guide](instructor_guide.md) says when to use them in class.", ""]
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        found = questions(nb)
        number = path.name[:2]
        anchor = next((a for a in notebook_anchors(nb) if a.lower() == "questions"), None)
        target = f"../notebooks/{path.name}" + (f"#{encode_anchor(anchor)}" if anchor else "")
        lines += [f"## {notebook_title(nb)}", "",
                  f"{len(found)} questions, from [the notebook]({target}).", ""]
        for k, (_, question, answer) in enumerate(found, start=1):
            # the notebook's own label ("**Q2 (prediction).**") becomes "**Q05.2 (prediction).**"
            label = LABEL.match(question)
            kind = f" {label.group(1)}" if label and label.group(1) else ""
            question = question[label.end():] if label else question
            lines += [f"**Q{number}.{k}{kind}.** {relink(question, path.name)}", "",
                      answer_block(relink(answer, path.name) if answer else None), ""]
    return "\n".join(lines).rstrip() + "\n"


def render_notebook_table(paths):
    """The guide's generated table: title, study time, slides and questions per notebook."""
    rows = ["| notebook | study time on the core path (reading + exercises) | slides | questions |",
            "|---|---|---|---|"]
    total = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        minutes = study_time(nb)
        total += minutes or 0
        shown = f"about {minutes} min" if minutes else "*(not stated yet)*"
        rows.append(f"| [{notebook_title(nb)}](../notebooks/{path.name}) | {shown} | "
                    f"{slide_count(nb)} | {len(questions(nb))} |")
    hours = f"{total / 60:.1f} h"
    rows.append(f"| **all notebooks** | **about {total} min ({hours}) on the core paths** | | |")
    return "\n".join(rows) + "\n"


def deck_slide_cells(nb):
    """The notebook's deck as built by tools/build_slides.py: the cell indices of each slide, in
    the order of the deck's slide counter."""
    tools = str(ROOT / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)
    import build_slides  # noqa: PLC0415  (nbconvert and friends: only when a map is made)

    return [[cell[3] for cell in slide] for column in build_slides.slides(nb) for slide in column]


def render_deck_map(guide_text, paths):
    """Rows of the guide's generated deck map: for each notebook section the lecture plans link
    to, the deck slide where it starts (the number reveal.js shows, and that G + number + Enter
    jumps to)."""
    start = guide_text.find("## The two lectures")
    end = guide_text.find("<!-- generated:deck-map -->")
    if start < 0 or end < start:
        return ""
    by_name = {p.name: p for p in paths}
    decks, rows, seen, lecture = {}, [], set(), ""
    for line in guide_text[start:end].splitlines():
        heading = re.match(r"^### Lecture (\d+)", line)
        if heading:
            lecture = heading.group(1)
        for match in LINK.finditer(line):
            link = NOTEBOOK_LINK.match(match.group(2))
            if link is None or not link.group(2) or link.group(1) not in by_name:
                continue
            name, anchor = link.group(1), unquote(link.group(2))
            if (name, anchor) in seen:
                continue
            seen.add((name, anchor))
            if name not in decks:
                nb = nbformat.read(by_name[name], as_version=4)
                decks[name] = (nb, deck_slide_cells(nb))
            nb, slides = decks[name]
            cell = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
                         and anchor in [heading_anchor(t) for _, t in HEADING.findall(c.source)]),
                        None)
            if cell is None:
                continue  # a broken link: repair_links reports it
            number = next((k for k, cells in enumerate(slides, start=1)
                           if any(i >= cell for i in cells)), None)
            label = re.match(r"^(\d+[a-z]?)\.-", anchor)
            label = (f"{name[:2]} §{label.group(1)}" if label
                     else f"{name[:2]} · {anchor.replace('-', ' ')}")
            where = f"{number} of {len(slides)}" if number else "not in the deck"
            use = "planned" if line.startswith("|") else "skipped or reading"
            rows.append(f"| {lecture} | [{label}](../notebooks/{name}#{encode_anchor(anchor)}) | "
                        f"{use} | `slides/{name[:-6]}.html` | {where} |")
    return "\n".join(["| lecture | section | in the plan | deck | starts at slide |",
                      "|---|---|---|---|---|", *rows, ""])


def repair_links(text, anchors_by_notebook):
    """Point stale section links at the heading with the same number; return (text, broken)."""
    broken = []

    def fix(match):
        target = match.group(2)
        link = NOTEBOOK_LINK.match(target)
        if link is None:
            return match.group(0)
        name, anchor = link.group(1), link.group(2)
        if name not in anchors_by_notebook:
            broken.append(target)
            return match.group(0)
        anchors = anchors_by_notebook[name]
        if anchor is None or unquote(anchor) in anchors:
            return match.group(0)
        number = re.match(r"^(\d+[a-z]?)\.-", unquote(anchor))
        same = [a for a in anchors if number and a.startswith(number.group(1) + ".-")]
        if len(same) == 1:
            prefix = target[:target.index("#") + 1]
            return f"{match.group(1)}{prefix}{encode_anchor(same[0])}{match.group(3)}"
        broken.append(target)
        return match.group(0)

    return LINK.sub(fix, text), broken


def build(paths=None, guide_text=None):
    """Return (questions.md text, new guide text, broken links)."""
    paths = course_notebooks() if paths is None else paths
    guide_text = GUIDE.read_text(encoding="utf-8") if guide_text is None else guide_text
    anchors = {p.name: notebook_anchors(nbformat.read(p, as_version=4)) for p in paths}
    table = render_notebook_table(paths)
    guide_text = BLOCK.sub(lambda m: m.group(1) + table + m.group(3), guide_text)
    guide_text, broken = repair_links(guide_text, anchors)
    deck_map = render_deck_map(guide_text, paths)
    guide_text = DECK_BLOCK.sub(lambda m: m.group(1) + deck_map + m.group(3), guide_text)
    return render_questions(paths), guide_text, broken


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a file is stale or a link is broken")
    args = parser.parse_args(argv)
    questions_text, guide_text, broken = build()
    stale = []
    for path, text in ((QUESTIONS, questions_text), (GUIDE, guide_text)):
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path.relative_to(ROOT).as_posix())
            if not args.check:
                path.write_text(text, encoding="utf-8")
    for target in broken:
        print(f"broken link in the guide: {target} (no such notebook or section)", file=sys.stderr)
    if args.check:
        for name in stale:
            print(f"{name} is out of date: run make guide", file=sys.stderr)
        return 1 if stale or broken else 0
    print("updated: " + (", ".join(stale) if stale else "nothing (already up to date)"))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
