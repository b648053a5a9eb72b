"""Check that the installed packages meet the versions this course declares."""

import sys
from importlib import metadata

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

__all__ = ["DIST_NAME", "environment_report", "check_environment"]

DIST_NAME = "l1l2-course"


def environment_report():
    """Each runtime requirement of the course with the installed version.

    The requirements, Python's included, are read from the installed package's metadata
    (pyproject.toml), so they never drift from what `pip install -e .` was asked for.

    Returns
    -------
    list of (name, installed or None, specifier, ok)
    """
    python = SpecifierSet(metadata.metadata(DIST_NAME)["Requires-Python"] or "")
    version = ".".join(map(str, sys.version_info[:3]))
    rows = [("python", version, str(python), python.contains(version))]
    for text in metadata.requires(DIST_NAME) or []:
        req = Requirement(text)
        if req.marker is not None:  # extras such as the test tools
            continue
        try:
            installed = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            installed = None
        ok = installed is not None and req.specifier.contains(Version(installed), prereleases=True)
        rows.append((req.name, installed, str(req.specifier), ok))
    return rows


def check_environment():
    """Return the report as text; raise RuntimeError naming what is missing or too old."""
    rows = environment_report()
    lines = [f"{name:<11} {installed or 'missing':<10} (need {spec}) {'ok' if ok else 'PROBLEM'}"
             for name, installed, spec, ok in rows]
    bad = [name for name, _, _, ok in rows if not ok]
    if bad:
        raise RuntimeError("these packages are missing or too old: " + ", ".join(bad)
                           + "; run `make lab` (or `pip install -e .`) again\n" + "\n".join(lines))
    return "\n".join(lines)
