"""Every usage error reads alike, whoever finds it (click parsing the command line, or pkcheck
checking a value): ``pkcheck: error: ...`` on standard error, exit 2; click's ones keep their
usage line and help hint after it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# (arguments, the error line, the command whose usage follows, or None when pkcheck's own)
CASES = [
    (("check", "examples", "--bogus"), "pkcheck: error: no such option: --bogus", "pkcheck check"),
    (
        ("check", "examples", "--as-of", "someday"),
        "pkcheck: error: invalid value for --as-of: 'someday' is not a date YYYY-MM-DD",
        "pkcheck check",
    ),
    (("check",), "pkcheck: error: missing argument 'PATH'", "pkcheck check"),
    (("chek",), "pkcheck: error: no such command 'chek'", "pkcheck"),
    (
        ("gaps", "examples", "--category", "food"),
        "pkcheck: error: invalid value for '--category': 'food' is not one of 'training'",
        "pkcheck gaps",
    ),
    (("check", "examples", "-f", "pdf"), "pkcheck: error: --format: unknown format `pdf`", None),
]


PKCHECK = str(Path(sys.executable).with_name("pkcheck"))  # the installed command, named as users type it


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PKCHECK, *args], capture_output=True, text=True, check=False)


@pytest.mark.parametrize(("args", "error", "command"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_one_style_for_every_usage_error(args: tuple[str, ...], error: str, command: str | None) -> None:
    run = _run(*args)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert lines[0].startswith(error), run.stderr
    assert "Error:" not in run.stderr  # click's own style is gone
    if command is None:
        assert lines == [lines[0]]
    else:
        assert lines[1].startswith(f"Usage: {command} ")
        assert lines[2:] == [f"Try '{command} --help' for help."]
