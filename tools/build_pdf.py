"""Printable handouts (`make pdf`): one PDF per notebook and one exercise sheet per notebook.

    site/pdf/NN_x.pdf             the notebook page as on the site (figures, outputs, answers)
    site/pdf/NN_x-exercises.pdf   the exercise prompts and the conceptual questions, no answers
    site/zh-CN/pdf/...            the same for the Chinese edition, when it exists

Each PDF is printed by the system Chromium (Playwright's `page.pdf`, no browser download, no LaTeX)
from the site's HTML with the site's print stylesheet: code lines wrap, figures are not split
across pages. The network is blocked while printing, and a page whose maths fails
("Math Processing Error" or a TeX error) is refused instead of printed.

Usage: python tools/build_pdf.py [SITE_DIR] [NOTEBOOK_STEM ...]   (default: site, every notebook)
Needs Chromium: /usr/bin/chromium, or CHROMIUM=/path/to/chrome.
"""

import argparse
import copy
import html
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_site  # noqa: E402

ROOT = build_site.ROOT
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
EXERCISE = re.compile(r"^\s*\*\*(Exercise|练习|习题)\s*\d+", re.I)
SHEET_TITLE = {"en": "Exercises and questions", "zh-CN": "练习与思考题"}
MATH_CHECK = """() => new Promise(done => {
  const report = () => {
    const text = document.body.innerText;
    const errors = [...document.querySelectorAll('.merror, .MathJax_Error')].length;
    done({processing: text.includes('Math Processing Error'), tex: errors});
  };
  if (!window.MathJax || !MathJax.Hub) { report(); return; }
  const queue = () => MathJax.Hub.Queue(report);
  if (MathJax.isReady) queue(); else MathJax.Hub.Register.StartupHook('End', queue);
})"""


# Before printing: answers unfolded (the handout is for reading, not for self-testing), and every
# display equation wider than the printable width scaled down to fit it (MathJax does not break
# lines, so a wide equation would be cut off at the margin). Returns the number scaled.
PREPARE_PRINT = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  let scaled = 0;
  for (const box of document.querySelectorAll('.MathJax_Display')) {
    const math = box.querySelector('.MathJax');
    if (!math) continue;
    const room = box.getBoundingClientRect().width, need = math.getBoundingClientRect().width;
    if (need > room + 0.5 && room > 0) {
      box.style.fontSize = Math.floor(96 * room / need) + '%';
      scaled += 1;
    }
  }
  return scaled;
}"""
PAPER = {"format": "A4",
         "margin": {"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}}
PRINT_WIDTH = round((210 - 14 - 14) / 25.4 * 96)  # CSS px between the A4 side margins
ANSWER_SPACE = ("<style>.answer-space{height:7em;border-bottom:1px dotted #bbb;margin-bottom:1em}"
                " .jp-Cell:has(.answer-space){break-inside:avoid}</style>")


def chromium():
    path = (os.environ.get("CHROMIUM") or shutil.which("chromium")
            or shutil.which("chromium-browser"))
    if path is None:
        raise SystemExit("make pdf needs Chromium: `sudo apt-get install chromium` (Debian/Ubuntu)"
                         " or set CHROMIUM=/path/to/chromium.")
    return path


def exercise_notebook(nb):
    """Title, learning goals, exercise prompts (with the code stub below each) and question cells
    without their answers; no outputs, no links to worked solutions."""
    sheet = copy.deepcopy(nb)
    cells, title_done = [], False
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        tags = set(cell.metadata.get("tags") or [])
        source = cell.source
        if not title_done and re.match(r"\s*#\s", source):
            heading = re.match(r"\s*(#\s+.+)", source).group(1)
            goals = re.search(r"^##+\s*(?:Learning goals|学习目标)\s*\n(.*?)(?=^#|\Z)", source,
                              re.M | re.S)
            text = heading + "\n\n" + (goals.group(0) if goals else "")
            cells.append(nbformat.v4.new_markdown_cell(text))
            title_done = True
        elif "question" in tags:
            question = re.sub(r"<details>.*?</details>", "", source, flags=re.S | re.I).strip()
            # room to write the answer on the printed sheet
            cells.append(nbformat.v4.new_markdown_cell(
                question + "\n\n<div class='answer-space'></div>"))
        elif EXERCISE.match(source):
            prompt = re.sub(r"\s*\[[^\]]*\]\([^)]*solutions/[^)]*\)\.?", "", source)
            cells.append(nbformat.v4.new_markdown_cell(prompt))
            following = nb.cells[i + 1] if i + 1 < len(nb.cells) else None
            if following is not None and following.cell_type == "code" and "def " in \
                    following.source:
                stub = nbformat.v4.new_code_cell(
                    build_site.strip_nbval_markers(following.source))
                cells.append(stub)
    sheet.cells = cells
    sheet.metadata.pop("widgets", None)
    return sheet


def write_exercise_page(path, site, lang, page):
    nb = exercise_notebook(nbformat.read(path, as_version=4))
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(f"## {SHEET_TITLE.get(lang, 'Exercises')}"))
    exporter = build_site.make_exporter(lang)
    body = build_site.export(path, exporter, site, page, lang, nb=nb)
    body = body.replace("</head>", ANSWER_SPACE + "\n</head>", 1)
    target = site.out / page
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def print_pdf(page, html_path, pdf_path, title):
    """Open html_path (network blocked), check its maths, print it to pdf_path."""
    page.goto(Path(html_path).resolve().as_uri(), wait_until="load", timeout=120_000)
    maths = page.evaluate(MATH_CHECK)
    if maths["processing"] or maths["tex"]:
        raise RuntimeError(f"{html_path}: maths failed to render ({maths}); not printed")
    page.emulate_media(media="print")
    page.evaluate(PREPARE_PRINT)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(pdf_path), print_background=True, **PAPER,
             display_header_footer=True,
             header_template=f"<div style='font-size:8px;width:100%;text-align:center;"
                             f"color:#777'>{title}</div>",
             footer_template="<div style='font-size:8px;width:100%;text-align:center;"
                             "color:#777'><span class='pageNumber'></span> / "
                             "<span class='totalPages'></span></div>")
    return pdf_path


def build(site_dir, stems=None, src=build_site.NOTEBOOK_DIR):
    """PDFs for every edition (or only the notebooks named in `stems`). Returns their paths."""
    from playwright.sync_api import sync_playwright

    site_dir = Path(site_dir)
    if not (site_dir / "mathjax").is_dir() or not (site_dir / "index.html").is_file():
        build_site.build(site_dir, src)
    site = build_site.Site(site_dir, src)
    site.planned = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")}
    jobs = []
    for lang, folder in site.editions.items():
        prefix = build_site.site_prefix(lang)
        for path in build_site.notebooks(folder):
            if stems and path.stem not in stems:
                continue
            page_html = site_dir / prefix / f"{path.stem}.html"
            sheet_html = write_exercise_page(path, site, lang,
                                             f"{prefix}pdf/{path.stem}-exercises.html")
            title = html.escape(build_site._plain(build_site.title_and_goals(path)[0]))
            jobs.append((page_html, site_dir / prefix / "pdf" / f"{path.stem}.pdf", title))
            jobs.append((sheet_html, site_dir / prefix / "pdf" / f"{path.stem}-exercises.pdf",
                         f"{title}: {SHEET_TITLE.get(lang, 'Exercises')}"))
    done = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), headless=True,
                                    args=CHROMIUM_ARGS)
        # The page is laid out at the printable width, so that what PREPARE_PRINT measures is
        # what will be printed.
        context = browser.new_context(viewport={"width": PRINT_WIDTH, "height": 1000})
        context.route("**/*", lambda route: route.continue_()
                      if route.request.url.startswith(("file:", "data:", "blob:", "about:"))
                      else route.abort())
        page = context.new_page()
        for html_path, pdf_path, title in jobs:
            done.append(print_pdf(page, html_path, pdf_path, title))
        browser.close()
    build_site.write_indexes(site_dir, src)
    return done


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=build_site.folder_argument, default=ROOT / "site",
                        metavar="SITE_DIR", help="the site folder (default: site)")
    parser.add_argument("stems", nargs="*", metavar="NOTEBOOK_STEM",
                        help="only these notebooks, e.g. 02_loss_formula (default: every one)")
    args = parser.parse_args(argv)
    known = {p.stem for folder in build_site.editions().values()
             for p in build_site.notebooks(folder)}
    unknown = [s for s in args.stems if s not in known]
    if unknown:
        parser.error(f"no notebook named {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    pdfs = build(args.site, args.stems or None)
    print(f"wrote {len(pdfs)} PDFs under {args.site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
