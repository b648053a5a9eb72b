"""The environment check, and pyproject.toml and environment.yml declaring the same packages."""

import re
import tomllib
from pathlib import Path

import pytest
import yaml

from helpers import check_environment, environment_report

ROOT = Path(__file__).resolve().parents[1]
CONDA_NAMES = {"pyyaml": "pyyaml"}  # pip name -> conda-forge name where they differ


def _name(requirement):
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower()


def _pip_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["test"]
    return {_name(r): r for r in reqs if "python_version" not in r}


def _conda_requirements():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = [d for d in env["dependencies"] if isinstance(d, str)]
    return {_name(d): d for d in deps if _name(d) not in {"python", "pip"}}, env


def test_environment_yml_lists_the_same_packages_as_pyproject():
    pip_reqs = _pip_requirements()
    conda_reqs, _ = _conda_requirements()
    assert {CONDA_NAMES.get(n, n) for n in pip_reqs} == set(conda_reqs)


def test_environment_yml_uses_the_same_lower_bounds():
    pip_reqs = _pip_requirements()
    conda_reqs, _ = _conda_requirements()
    for name, req in pip_reqs.items():
        pip_bound = re.search(r">=\s*([\d.]+)", req).group(1)
        conda_bound = re.search(r">=\s*([\d.]+)", conda_reqs[CONDA_NAMES.get(name, name)])
        assert conda_bound and conda_bound.group(1) == pip_bound, name


def test_environment_yml_installs_this_repository():
    _, env = _conda_requirements()
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert any(entry.startswith("-e") for entry in pip_section)


def test_python_requirement_comes_from_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    python_row = environment_report()[0]
    assert python_row[0] == "python" and python_row[2] == project["requires-python"]
    assert python_row[3]  # this interpreter meets it


def test_report_covers_every_runtime_dependency():
    names = {row[0] for row in environment_report()}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert names == {"python"} | {_name(r) for r in project["dependencies"]}
    assert "all ok" not in check_environment()  # the text lists packages, one line each
    assert check_environment().count("\n") == len(names) - 1


def test_missing_package_is_reported(monkeypatch):
    from importlib import metadata

    real_version = metadata.version

    def fake_version(name):
        if name == "numpy":
            raise metadata.PackageNotFoundError(name)
        return real_version(name)

    monkeypatch.setattr(metadata, "version", fake_version)
    with pytest.raises(RuntimeError, match="missing or too old: numpy"):
        check_environment()
