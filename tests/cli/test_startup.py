"""`pkcheck --version` and `--help` load neither the models nor the parser: the command line
imports what a command needs when it runs. (Start-up time itself is measured by the
benchmark, `bash bench/run`, not by tests.)"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from pkcheck import __version__

REPO = Path(__file__).resolve().parents[2]

HEAVY = (
    "pydantic",
    "ruamel.yaml",
    "rich",
    "jsonschema",
    "pkcheck.models.declaration",
    "pkcheck.engine",
    "multiprocessing",
)


def _modules_after(code: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(run.stdout.split())


def test_importing_the_command_line_loads_nothing_heavy() -> None:
    loaded = _modules_after("import pkcheck.cli")
    assert "typer" in loaded
    assert not [name for name in HEAVY if name in loaded]


def test_help_loads_nothing_heavy() -> None:
    code = "import sys\nsys.argv = ['pkcheck', '--help']\nimport pkcheck.cli\ntry:\n    pkcheck.cli.main()\nexcept SystemExit:\n    pass"
    run = subprocess.run(
        [sys.executable, "-c", code + "\nprint('MODULES', ' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Usage: pkcheck" in run.stdout
    loaded = set(run.stdout.split("MODULES", 1)[1].split())
    assert not [name for name in HEAVY if name in loaded]


def test_version_is_answered_at_once() -> None:
    run = subprocess.run([sys.executable, "-m", "pkcheck", "--version"], capture_output=True, text=True, check=True)
    assert run.stdout == f"pkcheck {__version__}\n"
    code = "import sys\nsys.argv = ['pkcheck', '--version']\nimport pkcheck.cli\npkcheck.cli.main()\nprint('MODULES', ' '.join(sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.startswith(f"pkcheck {__version__}\n")
    loaded = set(run.stdout.split("MODULES", 1)[1].split())
    assert "pydantic" not in loaded


# Ctrl-C while the command line is still being imported (typer and click: most of the start-up)

_CTRL_C_WHILE_IMPORTING = """
import signal, sys

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "pkcheck.cli":
            signal.raise_signal(signal.SIGINT)
        return None

sys.meta_path.insert(0, CtrlC())
sys.argv = ["pkcheck", "--version"]
"""


def _entry_point() -> str:
    """What the installed ``pkcheck`` script runs, as pip writes it from ``[project.scripts]``."""
    with (REPO / "pyproject.toml").open("rb") as project:
        module, function = tomllib.load(project)["project"]["scripts"]["pkcheck"].split(":")
    return f"from {module} import {function}\nsys.exit({function}())"


@pytest.mark.parametrize("entry", ["installed", "python -m"])
def test_ctrl_c_while_the_command_line_is_imported_is_a_clean_130(entry: str) -> None:
    start = _entry_point() if entry == "installed" else "import runpy\nrunpy.run_module('pkcheck', run_name='__main__')"
    run = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_IMPORTING + start], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert (run.returncode, run.stdout, run.stderr) == (130, "", "pkcheck: interrupted\n")
