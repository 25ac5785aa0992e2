"""Every command has help with an example and is in the README; the CLI imports light."""

import subprocess
import sys

import pytest
import typer.main

from aligner.cli.main import app
from tests.conftest import ROOT


def command_names():
    group = typer.main.get_command(app)
    names = []
    for name, cmd in group.commands.items():
        sub = getattr(cmd, "commands", None)
        names.extend(f"{name} {s}" for s in sub) if sub else names.append(name)
    return sorted(names)


@pytest.mark.parametrize("name", command_names())
def test_command_has_example_and_is_documented(name):
    group = typer.main.get_command(app)
    cmd = group
    for part in name.split():
        cmd = cmd.commands[part]
    assert "Example: aligner " in (cmd.help or ""), name
    assert f"aligner {name}" in (ROOT / "README.md").read_text(encoding="utf-8"), name


def test_importing_the_cli_leaves_heavy_libraries_unloaded():
    code = "import sys, aligner.cli.main; print(','.join(m for m in ('polars', 'numpy', 'pymorphy3', 'sentencepiece', 'deltalake') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_packages_listed_in_pyproject_match_folders():
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {"aligner." + p.parent.relative_to(ROOT / "aligner").as_posix().replace("/", ".")
             for p in (ROOT / "aligner").rglob("__init__.py")}
    found = {f.rstrip(".") if f != "aligner.." else "aligner" for f in found}
    found = {"aligner" if f == "aligner.." or f == "aligner." else f for f in found}
    found.add("aligner.cli")
    assert listed == found


def test_version_and_help():
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0 and "align" in result.stdout
