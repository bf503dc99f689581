"""The repository's own contracts: one source of dependencies, git hygiene, the CLI surface."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from pace_qi import __version__
from pace_qi.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]


def test_environment_yml_installs_exactly_what_pyproject_declares():
    """conda users get pyproject's dependencies through pip, so the two cannot drift apart."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert env["channels"] == ["conda-forge"]
    assert sorted(name.split(">")[0].split("=")[0] for name in conda) == ["pip", "python"]
    python_pin = next(d for d in conda if d.startswith("python"))
    assert python_pin.removeprefix("python") == project["requires-python"]
    assert pip == ["-e .[" + ",".join(project["optional-dependencies"]) + "]"]


def test_pyproject_declares_pandas_3_and_the_console_script():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert any(d.startswith("pandas>=3") for d in project["dependencies"])
    assert project["scripts"]["pace-qi"] == "pace_qi.cli:main"
    assert project["version"] == __version__


@pytest.mark.parametrize("path", ["data/extract.csv", "outputs/index.html", ".pace_qi_key"])
def test_private_paths_are_git_ignored(path):
    result = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False)
    assert result.returncode == 0, f"{path} would be committed"


@pytest.mark.parametrize("path", ["pace_qi/data/__init__.py", "pace_qi/build/__init__.py",
                                  "outputs/README.md"])
def test_package_paths_are_not_ignored(path):
    result = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False)
    assert result.returncode == 1, f"{path} is wrongly ignored"


def test_every_subcommand_has_help(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001
    assert set(commands) >= {"validate", "demo-data", "reminders", "build", "new-cycle"}
    for name in commands:
        with pytest.raises(SystemExit) as info:
            main([name, "--help"])
        assert info.value.code == 0
        assert "usage: pace-qi " + name in capsys.readouterr().out


def test_version_flag(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"pace-qi {__version__}"
