"""The environment check, and pyproject.toml and environment.yml declaring the same packages."""

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from helpers import check_environment, environment_report
from helpers.environment import tested_versions as read_pins

ROOT = Path(__file__).resolve().parents[1]
CONDA_NAMES = {"pyyaml": "pyyaml"}  # pip name -> conda-forge name where they differ


def _name(requirement):
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower()


def _project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _pip_requirements():
    """Every requirement of pyproject.toml, runtime and every extra, by name."""
    project = _project()
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    return {_name(r): r for r in reqs
            if "python_version" not in r and _name(r) != project["name"]}


def _conda_requirements():
    """environment.yml's packages, conda's and those of its pip section, by name."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = [d for d in env["dependencies"] if isinstance(d, str)]
    for section in (d for d in env["dependencies"] if isinstance(d, dict)):
        deps += [d for d in section.get("pip", []) if not d.startswith("-")]
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
    assert names == {"python"} | {_name(r) for r in _project()["dependencies"]}
    text = check_environment()
    assert all(name in text for name in names)
    assert text.count("\n") in (len(names) - 1, len(names))  # one line each, maybe a note


def test_runtime_needs_no_jupyterlab_and_extras_hold_the_rest():
    project = _project()
    runtime = {_name(r) for r in project["dependencies"]}
    assert runtime == {"numpy", "matplotlib", "ipywidgets", "packaging"}
    extras = project["optional-dependencies"]
    assert "jupyterlab" in {_name(r) for r in extras["lab"]}
    unit = {_name(r) for r in extras["unit"]}
    assert "scikit-learn" in unit and not unit & {"playwright", "jupyter-server-mathjax"}


def test_every_requirement_is_pinned_in_tested_txt():
    """`make lab` and `make test` install requirements/tested.txt; it must pin all they need."""
    pins = read_pins(ROOT / "requirements" / "tested.txt")
    assert pins, "requirements/tested.txt is missing or pins nothing"
    for name, req in _pip_requirements().items():
        assert name in pins, f"{name} is not pinned in requirements/tested.txt"
        assert Requirement(req).specifier.contains(pins[name], prereleases=True), (
            f"the tested {name} {pins[name]} is outside pyproject's {req}")


def test_oldest_txt_pins_each_lower_bound_exactly():
    """`make test-oldest` installs requirements/oldest.txt: == on every floor of pyproject."""
    pins = read_pins(ROOT / "requirements" / "oldest.txt")
    for name, req in _pip_requirements().items():
        floor = re.search(r">=\s*([\w.]+)", req)
        if floor and name in pins:
            assert Version(pins[name]) == Version(floor.group(1)), (
                f"oldest.txt pins {name}=={pins[name]} but pyproject's floor is {req}")
    for name in ("numpy", "matplotlib", "ipywidgets", "packaging"):
        assert name in pins, f"requirements/oldest.txt does not pin {name}"


def _fake_versions(monkeypatch, **versions):
    from importlib import metadata

    real_version = metadata.version

    def fake_version(name):
        if name in versions:
            if versions[name] is None:
                raise metadata.PackageNotFoundError(name)
            return versions[name]
        return real_version(name)

    monkeypatch.setattr(metadata, "version", fake_version)


def test_missing_package_is_reported(monkeypatch):
    _fake_versions(monkeypatch, numpy=None)
    with pytest.raises(RuntimeError, match="missing or too old: numpy is not installed"):
        check_environment()


def test_too_old_package_says_what_breaks(monkeypatch):
    _fake_versions(monkeypatch, ipywidgets="7.8.1")
    with pytest.raises(RuntimeError, match="ipywidgets 7.8.1 is outside the supported range") as e:
        check_environment()
    assert "JupyterLab 4" in str(e.value) and "make lab" in str(e.value)


def test_oldest_supported_versions_pass(monkeypatch):
    _fake_versions(monkeypatch, numpy="1.26.0", matplotlib="3.8.0", ipywidgets="8.0.0")
    text = check_environment()
    assert "numpy       1.26.0" in text and "TOO OLD" not in text
    assert not any(line.startswith("Note") and "numpy" in line for line in text.splitlines())


def test_newer_than_tested_passes_with_a_note(monkeypatch):
    _fake_versions(monkeypatch, numpy="99.0")
    text = check_environment()
    assert "ok, newer than tested" in text
    assert "stored outputs" in text.splitlines()[-1]


def test_tested_versions_reads_pins_and_python(tmp_path):
    path = tmp_path / "tested.txt"
    path.write_text("# python==3.11.7\nNumPy==2.4.6\njupyterlab_server==2.28.1  # comment\n")
    assert read_pins(path) == {"numpy": "2.4.6", "jupyterlab-server": "2.28.1",
                                     "python": "3.11.7"}
    assert read_pins(tmp_path / "absent.txt") == {}
