"""`pkcheck --version` and `--help` load neither the models nor the parser: the command line
imports what a command needs when it runs. (Start-up time itself is measured by the
benchmark, `bash bench/run`, not by tests.)"""

from __future__ import annotations

import subprocess
import sys

from pkcheck import __version__

HEAVY = ("pydantic", "ruamel.yaml", "rich", "jsonschema", "pkcheck.models.declaration", "pkcheck.engine", "multiprocessing")


def _modules_after(code: str) -> set[str]:
    run = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"], capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def test_importing_the_command_line_loads_nothing_heavy() -> None:
    loaded = _modules_after("import pkcheck.cli")
    assert "typer" in loaded
    assert not [name for name in HEAVY if name in loaded]


def test_help_loads_nothing_heavy() -> None:
    code = "import sys\nsys.argv = ['pkcheck', '--help']\nimport pkcheck.cli\ntry:\n    pkcheck.cli.main()\nexcept SystemExit:\n    pass"
    run = subprocess.run([sys.executable, "-c", code + "\nprint('MODULES', ' '.join(sys.modules))"], capture_output=True, text=True, check=True)
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
