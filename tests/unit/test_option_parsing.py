"""The command line's option parsers (``pkcheck.cli.parse``), called directly: pure functions
that return what a value means or raise the usage error the command line shows, word for word.

The cases are data in ``tests/cases/options.yaml``; this file adds the declaration of the
``--max-*`` options, shared by every command that reads files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pkcheck.cli import parse
from pkcheck.cli.commands import COMMANDS
from pkcheck.cli.options import limit_options
from pkcheck.cli.parse import BadValue
from pkcheck.diagnostics import UsageError
from pkcheck.formats import DiffFormat, FormatChoice, GapsFormat, OutputFormat, SuiteFormat
from pkcheck.load.limits import DEFAULT_LIMITS

CASES_FILE = Path(__file__).parent.parent / "cases" / "options.yaml"
CASES: dict[str, list[dict[str, Any]]] = YAML(typ="safe", pure=True).load(CASES_FILE.read_text(encoding="utf-8"))
FAMILIES: dict[str, type[FormatChoice]] = {
    "check": OutputFormat,
    "gaps": GapsFormat,
    "diff": DiffFormat,
    "test": SuiteFormat,
}


def _cases(section: str) -> Any:
    return pytest.mark.parametrize("case", CASES[section], ids=lambda case: repr(case.get("value", case)))


def test_the_cases_file_has_every_parser() -> None:
    assert set(CASES) == {"size", "count", "jobs", "as_of", "fail_on", "upcoming", "limits", "destinations"}


def _outcome(case: dict[str, Any], parse_it: Any) -> None:
    """``parse_it()`` gives the case's ``expect``, or raises its ``error`` (a ``BadValue`` for
    the option the case names)."""
    if "error" not in case:
        assert parse_it() == case["expect"]
        return
    with pytest.raises(UsageError) as raised:
        parse_it()
    if "option" in case:
        assert isinstance(raised.value, BadValue)
        assert (raised.value.option, raised.value.reason) == (case["option"], case["error"])
    else:
        assert not isinstance(raised.value, BadValue)
        assert str(raised.value) == case["error"]


@_cases("size")
def test_size(case: dict[str, Any]) -> None:
    _outcome(case, lambda: parse.size(case["value"], case.get("source", "--max-file-size")))


@_cases("count")
def test_count(case: dict[str, Any]) -> None:
    _outcome(case, lambda: parse.count(case["value"], case.get("source", "--max-nodes")))


@_cases("jobs")
def test_jobs(case: dict[str, Any]) -> None:
    _outcome(case, lambda: parse.jobs(case["value"], lambda: case["cpus"]))


@_cases("as_of")
def test_as_of(case: dict[str, Any]) -> None:
    today = dt.date.fromisoformat(case["today"])
    _outcome(case, lambda: parse.as_of(case["value"], today).isoformat())


@_cases("fail_on")
def test_fail_on(case: dict[str, Any]) -> None:
    _outcome(case, lambda: parse.fail_on(case["value"], ("critical", "major", "minor", "advisory", "never")))


@_cases("upcoming")
def test_upcoming(case: dict[str, Any]) -> None:
    start = dt.date.fromisoformat(case["start"])
    _outcome(case, lambda: parse.upcoming(case["value"], start).isoformat())


@_cases("limits")
def test_limits(case: dict[str, Any]) -> None:
    if "expect" in case:
        case = {**case, "expect": dataclasses.replace(DEFAULT_LIMITS, **case["expect"])}
    _outcome(case, lambda: parse.limits(case["given"], case["environ"]))


@_cases("destinations")
def test_destinations(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the files are compared by name only: none of them exists
    family = FAMILIES[case["family"]]

    def chosen() -> list[list[str | None]]:
        return [[f.value, target] for f, target in parse.destinations(case["specs"], case["output"], family)]

    _outcome(case, chosen)
    assert list(tmp_path.iterdir()) == []


def test_one_file_is_one_file_however_it_is_spelt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.json").write_text("", encoding="utf-8")
    (tmp_path / "latest.json").symlink_to("report.json")
    with pytest.raises(UsageError) as raised:
        parse.destinations(["json=report.json", "sarif=latest.json"], None, OutputFormat)
    assert str(raised.value) == "--format: report.json and latest.json are one file, named for more than one format"


def test_each_limit_reads_its_own_environment_variable() -> None:
    assert [limit.variable for limit in parse.LIMITS] == [
        "PKCHECK_MAX_FILE_SIZE",
        "PKCHECK_MAX_NODES",
        "PKCHECK_MAX_DEPTH",
        "PKCHECK_MAX_LINE_LENGTH",
    ]
    assert {limit.field for limit in parse.LIMITS} == {field.name for field in dataclasses.fields(DEFAULT_LIMITS)}


def test_limit_options_give_the_command_its_limits_as_written() -> None:
    received: dict[str, Any] = {}

    def command(path: str, verbose: bool = False, *, limits: parse.LimitTexts) -> None:
        received.update(path=path, verbose=verbose, limits=limits)

    decorated = limit_options(command)
    names = list(inspect.signature(decorated).parameters)
    assert names == ["path", "verbose", "max_file_size", "max_nodes", "max_depth", "max_line_length"]
    decorated(path="a.yaml", verbose=True, max_file_size="1KB", max_nodes=None, max_depth="3", max_line_length=None)
    assert received == {
        "path": "a.yaml",
        "verbose": True,
        "limits": {"--max-file-size": "1KB", "--max-nodes": None, "--max-depth": "3", "--max-line-length": None},
    }


def test_every_command_that_reads_files_takes_the_limits_last() -> None:
    reading = {"check", "lint", "test", "diff", "gaps", "match", "progress"}
    for name, command in COMMANDS.items():
        parameters = list(inspect.signature(command).parameters)
        has_limits = [p for p in parameters if p.startswith("max_")]
        if name in reading:
            assert parameters[-4:] == ["max_file_size", "max_nodes", "max_depth", "max_line_length"], name
        else:
            assert has_limits == [], name
