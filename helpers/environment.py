"""Check that the installed packages are in the range this course supports, and say what differs.

Two sets of versions matter, and they are kept apart:

- the *supported* range, the `dependencies` of pyproject.toml (read here from the installed
  package's metadata): every lower bound is installed exactly and run by CI (`make test-oldest`);
- the *tested* versions, pinned in requirements/tested.txt, with which the stored outputs of the
  notebooks were made; `make lab` and `make test` install exactly these.

Anything in the supported range works. A version newer than the tested one is fine too, but a few
printed digits or figures may differ from the stored outputs (only `make test` compares them).
A version older than the range, or a missing package, is an error that says what to do.
"""

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

# tested_versions and TOO_OLD stay in this module (helpers.environment), out of `helpers.*`.
__all__ = ["DIST_NAME", "environment_report", "check_environment"]

DIST_NAME = "l1l2-course"
_ROOT = Path(__file__).resolve().parents[1]

# What goes wrong below each lower bound, as far as it is known; the bounds themselves are the
# oldest versions that CI installs and runs (requirements/oldest.txt).
TOO_OLD = {
    "python": "CI runs Python 3.11 and newer only, and this check and the tests read "
              "pyproject.toml with tomllib (new in 3.11)",
    "numpy": "numpy before 1.26 is not tested, and it has no wheels for Python 3.12",
    "matplotlib": "matplotlib before 3.8 is not tested; the explorers' drawing code may fail",
    "ipywidgets": "JupyterLab 4 cannot show ipywidgets 7 explorers (its widget front end, "
                  "jupyterlab_widgets 3, speaks the ipywidgets 8 protocol)",
    "packaging": "packaging before 23.0 is not tested (this check reads the ranges with it)",
}


def _requirements():
    """Requires-Python and the runtime requirements, from the installed metadata or pyproject."""
    try:
        python = metadata.metadata(DIST_NAME)["Requires-Python"] or ""
        texts = [t for t in metadata.requires(DIST_NAME) or [] if Requirement(t).marker is None]
    except metadata.PackageNotFoundError:  # helpers imported from a checkout, not installed
        project = tomllib.loads((_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        python, texts = project["requires-python"], project["dependencies"]
    return SpecifierSet(python), [Requirement(t) for t in texts]


def tested_versions(path=None):
    """The exact versions the stored outputs were made with: {lowercase name: version}.

    Read from requirements/tested.txt (pip constraints) beside the package; empty when the file is
    not there (an installed wheel without the repository).
    """
    path = Path(path) if path is not None else _ROOT / "requirements" / "tested.txt"
    if not path.is_file():
        return {}
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s;#]+)", line)
        if match:
            pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    if "python" not in pins:  # recorded in the file's header: "# python==3.11.7"
        match = re.search(r"#\s*python\s*==\s*([\d.]+)", path.read_text(encoding="utf-8"))
        if match:
            pins["python"] = match.group(1)
    return pins


def environment_report():
    """Each runtime requirement of the course with the installed and the tested version.

    The supported ranges, Python's included, are read from the installed package's metadata
    (pyproject.toml), so they never drift from what `pip install -e .` was asked for.

    Returns
    -------
    list of (name, installed or None, supported specifier, ok, tested version or None)
        `ok` is True when the installed version is in the supported range.
    """
    python, requirements = _requirements()
    tested = tested_versions()
    version = ".".join(map(str, sys.version_info[:3]))
    rows = [("python", version, str(python), python.contains(version), tested.get("python"))]
    for req in requirements:
        try:
            installed = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            installed = None
        ok = installed is not None and req.specifier.contains(Version(installed), prereleases=True)
        key = re.sub(r"[-_.]+", "-", req.name).lower()
        rows.append((req.name, installed, str(req.specifier), ok, tested.get(key)))
    return rows


def _newer(installed, tested):
    try:
        return tested is not None and Version(installed) > Version(tested)
    except InvalidVersion:
        return False


def check_environment():
    """Return the report as text, one line per package; raise RuntimeError if one is unusable.

    A package that is missing, or older than the supported range, raises an error naming it, with
    what goes wrong below the range and how to fix it. A version newer than the tested one passes,
    with a note that stored outputs may differ in a few digits.
    """
    lines, problems, newer = [], [], []
    for name, installed, spec, ok, tested in environment_report():
        if installed is None:
            verdict = "MISSING"
            problems.append(f"{name} is not installed")
        elif not ok:
            verdict = "TOO OLD"
            problems.append(f"{name} {installed} is outside the supported range {spec}: "
                            + TOO_OLD.get(name, "this version is not supported"))
        elif _newer(installed, tested):
            verdict = "ok, newer than tested"
            newer.append(name)
        else:
            verdict = "ok"
        lines.append(f"{name:<11} {installed or '-':<10} supported {spec:<8} "
                     f"tested {tested or '?':<8} {verdict}")
    if problems:
        raise RuntimeError(
            "these packages are missing or too old: " + "; ".join(problems)
            + ". Run `make lab` again (it installs the tested versions), or "
            "`pip install -e .` in your own environment.\n" + "\n".join(lines))
    if newer:
        lines.append(f"Note: {', '.join(newer)} newer than the tested versions is supported; a few "
                     "printed digits or figures may differ from the stored outputs.")
    return "\n".join(lines)
