"""The Python API checks its arguments when it is called: a single path is one path, ``as_of``
may be an ISO string, and anything else wrong raises a ``TypeError`` (wrong type) or a
``UsageError`` (impossible value) naming the parameter, before any file is read."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import pkcheck
from pkcheck import api
from pkcheck.diagnostics import UsageError
from pkcheck.load.limits import Limits
from pkcheck.report import Report

REPO = Path(__file__).resolve().parents[2]
READY = "examples/xa-inf-01-ready.yaml"
AS_OF = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("PKCHECK_STANDARDS_PATH", raising=False)


@pytest.fixture(autouse=True)
def walked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders searched for declarations: none here, where every path is a file. Taken as
    its characters, a path searched "/" for hours; here it is only noted."""
    searched: list[str] = []
    monkeypatch.setattr(Path, "rglob", lambda self, pattern: searched.append(str(self)) or iter(()))
    return searched


@pytest.fixture(scope="module")
def report() -> Report:
    return pkcheck.check([READY], as_of=AS_OF)


@pytest.mark.parametrize("path", [READY, Path(READY)], ids=["str", "pathlib"])
def test_a_single_path_is_one_path_and_as_of_may_be_a_string(path: Any, report: Any) -> None:
    alone = pkcheck.check(path, as_of="2026-11-26")
    assert [result.path for result in alone.results] == [READY]
    assert pkcheck.render(alone, "json") == pkcheck.render(report, "json")


def test_a_datetime_counts_as_its_date() -> None:
    assert api.settings(as_of=dt.datetime(2026, 11, 26, 23, 59)).as_of == AS_OF


def test_a_single_against_path_and_standards_folder_are_one_each() -> None:
    result = api.diff(
        "un-infantry-battalion", "un-infantry-battalion", against=READY, standards_path="standards", as_of="2026-11-26"
    )
    assert result.against is not None and result.against.checked == 1


def test_a_file_descriptor_is_not_a_waivers_file(tmp_path: Path) -> None:
    """``waivers=3`` was read as file descriptor 3, and closed."""
    with open(tmp_path / "open.txt", "w", encoding="utf-8") as handle:
        with pytest.raises(TypeError, match=r"^waivers must be a path"):
            pkcheck.check([READY], waivers=handle.fileno(), as_of=AS_OF)  # type: ignore[arg-type]
        os.fstat(handle.fileno())  # still open


# (call, error, the start of its message): each names the parameter at fault.
WRONG: list[tuple[str, Callable[[Any], Any], type[Exception], str]] = [
    ("paths-none", lambda r: pkcheck.check(None), TypeError, "paths must be a path or a list of paths, not None"),  # type: ignore[arg-type]
    ("paths-int", lambda r: pkcheck.check(3), TypeError, "paths must be a path or a list of paths, not int"),  # type: ignore[arg-type]
    (
        "paths-bytes",
        lambda r: pkcheck.check(b"unit.yaml"),
        TypeError,
        "paths must be a path or a list of paths, not bytes",
    ),  # type: ignore[arg-type]
    ("paths-set", lambda r: pkcheck.check({READY}), TypeError, "paths must be a path or a list of paths, not set"),
    ("paths-item", lambda r: pkcheck.check([READY, None]), TypeError, "paths[1] must be a path"),  # type: ignore[list-item]
    ("paths-empty", lambda r: pkcheck.check(""), UsageError, "paths is empty"),
    ("standard-int", lambda r: pkcheck.check(READY, standard=5), TypeError, "standard must be a path"),  # type: ignore[arg-type]
    (
        "standards-path-int",
        lambda r: pkcheck.check(READY, standards_path=5),
        TypeError,
        "standards_path must be a path or a list",
    ),  # type: ignore[arg-type]
    ("waivers-bytes", lambda r: pkcheck.check(READY, waivers=b"waivers.yaml"), TypeError, "waivers must be a path"),  # type: ignore[arg-type]
    (
        "as-of-bad-string",
        lambda r: pkcheck.check(READY, as_of="2026-02-30"),
        UsageError,
        "as_of '2026-02-30' is not a date YYYY-MM-DD",
    ),
    (
        "as-of-int",
        lambda r: pkcheck.check(READY, as_of=20261126),
        TypeError,
        "as_of must be a datetime.date or a date string",
    ),  # type: ignore[arg-type]
    (
        "limits-none",
        lambda r: pkcheck.check(READY, limits=None),
        TypeError,
        "limits must be a pkcheck.load.limits.Limits, not None",
    ),  # type: ignore[arg-type]
    (
        "limits-zero",
        lambda r: pkcheck.check(READY, limits=Limits(max_nodes=0)),
        UsageError,
        "limits.max_nodes must be a positive whole number, not 0",
    ),
    (
        "limits-str",
        lambda r: pkcheck.check(READY, limits=Limits(max_depth="64")),
        TypeError,
        "limits.max_depth must be an int, not str",
    ),  # type: ignore[arg-type]
    ("jobs-zero", lambda r: pkcheck.check(READY, jobs=0), UsageError, "jobs must be a positive whole number, not 0"),
    ("jobs-str", lambda r: pkcheck.check(READY, jobs="2"), TypeError, "jobs must be an int, not str"),  # type: ignore[arg-type]
    ("jobs-bool", lambda r: pkcheck.check(READY, jobs=True), TypeError, "jobs must be an int, not bool"),
    ("progress", lambda r: pkcheck.check(READY, progress=5), TypeError, "progress must be callable or None, not int"),  # type: ignore[arg-type]
    ("diff-old", lambda r: api.diff(None, "un-infantry-battalion"), TypeError, "old must be a path"),  # type: ignore[arg-type]
    ("diff-new", lambda r: api.diff("un-infantry-battalion", 2), TypeError, "new must be a path"),  # type: ignore[arg-type]
    ("diff-against", lambda r: api.diff("a", "b", against=7), TypeError, "against must be a path or a list of paths"),  # type: ignore[arg-type]
    ("diff-as-of", lambda r: api.diff("a", "b", as_of="soon"), UsageError, "as_of 'soon' is not a date"),
    ("settings-waivers", lambda r: api.settings(waivers=[READY]), TypeError, "waivers must be a path"),  # type: ignore[arg-type]
    (
        "load-standards",
        lambda r: pkcheck.load_standards(standards_path=1.5),
        TypeError,
        "standards_path must be a path or a list",
    ),  # type: ignore[arg-type]
    (
        "load-standards-limits",
        lambda r: pkcheck.load_standards(limits={}),
        TypeError,
        "limits must be a pkcheck.load.limits.Limits, not dict",
    ),  # type: ignore[arg-type]
    ("load-standard", lambda r: pkcheck.load_standard(None), TypeError, "standard must be a path"),  # type: ignore[arg-type]
    (
        "standard-id-library",
        lambda r: api.standard_id(None, "x"),
        TypeError,
        "library must be a pkcheck.library.standards.Library",
    ),  # type: ignore[arg-type]
    ("render-report", lambda r: pkcheck.render("report"), TypeError, "report must be a pkcheck.report.Report, not str"),  # type: ignore[arg-type]
    (
        "render-format",
        lambda r: pkcheck.render(r, "yaml"),
        UsageError,
        "unknown output_format `yaml`; choose one of: text, json, sarif",
    ),
    ("render-format-none", lambda r: pkcheck.render(r, None), TypeError, "output_format must be a str, not None"),  # type: ignore[arg-type]
    ("render-verbose", lambda r: pkcheck.render(r, verbose="yes"), TypeError, "verbose must be a bool, not str"),  # type: ignore[arg-type]
    ("render-width", lambda r: pkcheck.render(r, width=0), UsageError, "width must be a positive whole number, not 0"),
    (
        "exit-code-report",
        lambda r: pkcheck.exit_code(None),
        TypeError,
        "report must be a pkcheck.report.Report, not None",
    ),  # type: ignore[arg-type]
    (
        "exit-code-fail-on",
        lambda r: pkcheck.exit_code(r, "severe"),
        UsageError,
        "unknown fail_on `severe`; choose one of: critical, major",
    ),
    ("exit-code-fail-on-type", lambda r: pkcheck.exit_code(r, 1), TypeError, "fail_on must be a str, not int"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("call", "error", "message"), [case[1:] for case in WRONG], ids=[case[0] for case in WRONG])
def test_a_wrong_argument_is_refused_at_the_call(
    report: Any, call: Callable[[Any], Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as raised:
        call(report)
    assert str(raised.value).startswith(message)


def test_a_single_path_never_walks_the_filesystem(walked: list[str]) -> None:
    """``check("no/such/unit.yaml")`` took each character as a path, and "/" as a folder to search."""
    missing = pkcheck.check("no/such/unit.yaml", as_of=AS_OF)
    assert [(result.path, result.verdict.value) for result in missing.results] == [("no/such/unit.yaml", "invalid")]
    assert walked == []
