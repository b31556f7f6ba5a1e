"""The README's section in French works: its commands run and exit as the examples do, and
its excerpt of a French report is what pkcheck prints (each line of it, in order)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SKIPPED = "[...]"  # a part of the report the excerpt leaves out


def _section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("## En français")
    return readme[start : readme.index("\n## ", start + 1)]


def _commands() -> list[list[str]]:
    """Each pkcheck command of the section, as arguments, with ``PKCHECK_LANG`` as an option."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", _section(), re.S):
        for step in (part.strip() for line in block.splitlines() for part in line.split("&&")):
            words = shlex.split(step)
            if words and words[0] == "PKCHECK_LANG=fr":
                words = [words[1], "--lang", "fr", *words[2:]]
            if words and words[0].endswith("pkcheck"):
                found.append(words[1:])
    return found


def test_the_commands_run_in_french(cli: Any) -> None:
    commands = _commands()
    assert len(commands) == 2
    for args in commands:
        run = cli(*args, "-f", "json")
        assert run.exit_code == 1, args  # the examples have units not ready
        assert run.json()["lang"] == "fr"


def test_the_excerpt_is_what_pkcheck_prints(cli: Any) -> None:
    (excerpt,) = re.findall(r"```text\n(.*?)```", _section(), re.S)
    printed = cli("--lang", "fr", "check", "examples/", "--as-of", "2026-11-26").stdout.splitlines()
    lines = excerpt.splitlines()
    assert SKIPPED in lines and len(lines) > 3
    at = 0
    for line in lines:
        if line == SKIPPED:
            continue
        assert line in printed[at:], line
        at = printed.index(line, at) + 1
