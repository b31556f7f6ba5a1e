"""docs/authoring-standards.md works as written: its files are written and its commands run in
the order a reader meets them, in an empty folder, and every command succeeds."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkcheck.cli import app

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "authoring-standards.md"
BLOCK = re.compile(r"```(yaml|console)\n(.*?)```", re.S)


def _steps() -> list[tuple[str, str]]:
    """("file", path + text) and ("run", command) steps in reading order."""
    steps = []
    for kind, body in BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        if kind == "yaml":
            first = body.splitlines()[0]
            if first.startswith("# file: "):
                steps.append(("file", body))
        else:
            steps += [("run", line.split("  #")[0].strip()) for line in body.splitlines() if line.strip()]
    return steps


def test_the_guide_has_files_and_commands() -> None:
    steps = _steps()
    assert sum(kind == "file" for kind, _ in steps) >= 4
    commands = [text.split()[1] for kind, text in steps if kind == "run"]
    assert {"lint", "list", "explain", "init", "check", "test", "diff"} <= set(commands)


def test_every_command_of_the_guide_succeeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PKCHECK_STANDARDS_PATH", raising=False)
    for kind, text in _steps():
        if kind == "file":
            path = Path(text.splitlines()[0].removeprefix("# file: ").strip())
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            continue
        words = shlex.split(text)
        assert words[0] == "pkcheck"
        result = CliRunner().invoke(app, words[1:])
        assert result.exit_code == 0, f"{text}\n{result.output}"
        if words[1] == "lint":
            assert "0 error(s), 0 warning(s)" in result.output
        if words[1] == "check":
            assert "READY" in result.output
        if words[1] == "test":
            assert "2 case(s): 2 passed" in result.output
