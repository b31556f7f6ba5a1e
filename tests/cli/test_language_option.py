"""``--lang`` on every command, and the JSON report's record of its language."""

from __future__ import annotations

from typing import Any

import pytest

COMMANDS = ["check", "lint", "list", "explain", "init", "test", "schema", "diff", "gaps"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_lang(cli: Any, command: str) -> None:
    shown = cli(command, "--help")
    assert shown.exit_code == 0
    assert "--lang LANG" in shown.stdout


@pytest.mark.parametrize(
    ("args", "env", "lang"),
    [
        (("--lang", "fr"), {}, "fr"),
        ((), {"PKCHECK_LANG": "fr"}, "fr"),
        ((), {"LANG": "fr_FR.UTF-8"}, "fr"),
        ((), {}, "en"),
        (("--lang", "en"), {"LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_the_json_report_records_its_language(cli: Any, args: tuple[str, ...], env: dict[str, str], lang: str) -> None:
    shown = cli("check", "examples/xa-inf-01-ready.yaml", "-f", "json", *args, env=env)
    assert shown.json()["lang"] == lang


def test_the_global_option_is_kept_by_the_command(cli: Any) -> None:
    shown = cli("--lang", "fr", "check", "examples/xa-inf-01-ready.yaml", "-f", "json")
    assert shown.json()["lang"] == "fr"
