"""An unexpected exception (a bug in pkcheck) costs a batch one file's result, never the others.

Faults are injected (a check kind, a step of the register, of the comparison, of linting or
of a test suite raises for one of three inputs) and every command must still report the other
two exactly as without the fault, list the faulty one as invalid with a located "internal
error" that says it is a bug, write every format asked for, and exit 2. Outside the work on one
file, an internal error is one line on standard error and exit 3, with the traceback only under
``PKCHECK_DEBUG=1``: CI can tell a crash from a shortfall (1) and from bad input (2).
"""

from __future__ import annotations

import gc
import json
import signal
import subprocess
import sys
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pkcheck import api, checks, cli
from pkcheck.analyses import diff, gaps, lint, suites
from pkcheck.checks.base import Context
from pkcheck.cli import batch, entry

REPO = Path(__file__).resolve().parents[2]
AS_OF = ("--as-of", "2026-11-26")
A, B, C = "examples/xa-inf-01-ready.yaml", "examples/xb-inf-02-conditional.yaml", "examples/xc-inf-03-not-ready.yaml"
FAULTY_UNIT = "XB-INF-02"  # the unit of B
SUITES = "tests/data/isolation"
SUITE_B = f"{SUITES}/b.test.yaml"
FAULT = "ValueError: injected fault"


def _internal(context: str = "") -> str:
    doing = f" ({context})" if context else ""
    return f"internal error while checking this file{doing}: {FAULT}; this is a bug in pkcheck"


def _raise(*_: object, **__: object) -> Any:
    raise ValueError("injected fault")


def _fail_training(monkeypatch: pytest.MonkeyPatch) -> str:
    """The training check raises for unit XB-INF-02; the context of the error it becomes."""
    healthy = checks.KINDS["training"].check

    def training(settings: Any, context: Context) -> Any:
        if context.declaration.unit.id == FAULTY_UNIT:
            _raise()
        return healthy(settings, context)

    monkeypatch.setitem(checks.KINDS, "training", replace(checks.KINDS["training"], check=training))
    first = next(
        item
        for item in api.load_standard("un-infantry-battalion").requirements
        if item.requirement.check.kind == "training"
    )
    return f"requirement {first.requirement.id}"


def _failing_for(path: str, healthy: Callable[..., Any], which: Callable[..., str]) -> Callable[..., Any]:
    """``healthy``, raising when ``which(*args)`` is ``path``."""

    def step(*args: Any, **kwargs: Any) -> Any:
        if which(*args, **kwargs) == path:
            _raise()
        return healthy(*args, **kwargs)

    return step


def _invoke(*args: str) -> tuple[int, str, str]:
    """Run pkcheck in-process, bypassing the session cache of the ``cli`` fixture, whose runs
    must never be faulty ones (each test asks it for the healthy run before injecting its
    fault); pkcheck must report, never raise or print a traceback."""
    result = CliRunner().invoke(cli.app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        pytest.fail("".join(traceback.format_exception(result.exception)))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def _line_of(path: str, key: str) -> int:
    lines = (REPO / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(f"{key}:"))


def _results(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {result["declaration"]["path"]: result for result in report["results"]}


# `check`: every format written, the other results intact, exit 2.

FORMATS = ("text", "json", "sarif", "junit", "markdown", "github", "html")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_reports_the_others_and_writes_every_format(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, jobs: str
) -> None:
    healthy = _results(cli("check", A, B, C, *AS_OF, "-f", "json").json())
    context = _fail_training(monkeypatch)
    specs = [f"{name}={tmp_path / name}" for name in FORMATS]
    code, stdout, _ = _invoke("check", A, B, C, *AS_OF, "--jobs", jobs, *(f"-f{spec}" for spec in specs))
    assert code == 2
    assert stdout == ""
    written = {name: (tmp_path / name).read_text(encoding="utf-8") for name in FORMATS}
    for name, text in written.items():
        assert "internal error while checking this file" in text, name
    json.loads(written["sarif"])
    ET.fromstring(written["junit"])
    faulty = _results(json.loads(written["json"]))
    assert faulty[A] == healthy[A] and faulty[C] == healthy[C]
    assert faulty[B]["verdict"] == "invalid" and faulty[B]["findings"] == []
    assert faulty[B]["declaration"] == healthy[B]["declaration"]  # the unit is known: it was validated
    (error,) = faulty[B]["errors"]
    assert error["message"] == _internal(context)
    assert error["location"] == {"path": B, "line": _line_of(B, "training"), "column": 1}  # where training checks look


def test_jobs_give_the_same_report_with_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_training(monkeypatch)
    one = _invoke("check", A, B, C, *AS_OF, "-f", "json")
    two = _invoke("check", A, B, C, *AS_OF, "-f", "json", "--jobs", "2")
    assert one == two
    assert one[0] == 2


def test_an_internal_error_in_a_value_check_is_located_at_the_value_it_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """A path through a list (``equipment.0.item``) is followed into the list, to the entry."""
    healthy = checks.KINDS["value"].check

    def value(settings: Any, context: Context) -> Any:
        if settings.path == "equipment.0.item":
            _raise()
        return healthy(settings, context)

    monkeypatch.setitem(checks.KINDS, "value", replace(checks.KINDS["value"], check=value))
    standard = ("--standards-path", "tests/data/standards/template-paths", "--standard", "tmpl-paths")
    code, stdout, _ = _invoke("check", B, *standard, *AS_OF, "-f", "json")
    assert code == 2
    (error,) = json.loads(stdout)["results"][0]["errors"]
    assert error["message"] == _internal("requirement PTH-LST-001")
    first_item = _line_of(B, "equipment") + 1
    assert (REPO / B).read_text(encoding="utf-8").splitlines()[first_item - 1].startswith("  - item:")
    assert error["location"] == {"path": B, "line": first_item, "column": 5}  # the entry, after its dash


@pytest.mark.parametrize("stage", ["choose", "pack"])
def test_an_exception_anywhere_in_a_file_is_its_error_located_at_the_file(
    monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    """Outside a requirement's check (here, in choosing the standard, or in packing the
    findings of a batch) nothing better than the file's first line is known."""
    from pkcheck import engine
    from pkcheck.report import Result

    if stage == "choose":
        monkeypatch.setattr(
            engine, "choose_standard", _failing_for(B, engine.choose_standard, lambda document, *_: document.path)
        )
    else:
        monkeypatch.setattr(Result, "packed", _failing_for(B, Result.packed, lambda result, *_: result.path))
    code, stdout, _ = _invoke("check", A, B, C, *AS_OF, "-f", "json")
    assert code == 2
    results = _results(json.loads(stdout))
    assert [results[path]["verdict"] for path in (A, B, C)] == ["ready", "invalid", "not-ready"]
    assert results[B]["errors"] == [
        {"message": _internal(), "level": "error", "location": {"path": B, "line": 1, "column": 1}}
    ]


def test_bad_input_a_check_finds_is_its_located_error_not_an_internal_one(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ``InputError`` is the input's fault, wherever it is raised: reported as it is."""
    from pkcheck.diagnostics import InputError

    healthy = _results(cli("check", A, B, C, *AS_OF, "-f", "json").json())
    training = checks.KINDS["training"].check

    def located(settings: Any, context: Context) -> Any:
        if context.declaration.unit.id == FAULTY_UNIT:
            raise InputError.at(B, "a date this check cannot use", 30, 20)
        return training(settings, context)

    monkeypatch.setitem(checks.KINDS, "training", replace(checks.KINDS["training"], check=located))
    code, stdout, _ = _invoke("check", A, B, C, *AS_OF, "-f", "json")
    assert code == 2
    results = _results(json.loads(stdout))
    assert results[A] == healthy[A] and results[C] == healthy[C]
    assert results[B]["declaration"] == healthy[B]["declaration"]
    assert results[B]["errors"] == [
        {"message": "a date this check cannot use", "level": "error", "location": {"path": B, "line": 30, "column": 20}}
    ]


# `gaps`: the register of the others, the faulty file listed as invalid.

REGISTER = ("lines", "coe_categories", "evidence_missing", "countries")


def _register_of_the_others(cli: Any) -> dict[str, Any]:
    healthy = cli("gaps", A, C, *AS_OF, "-f", "json").json()
    return {key: healthy[key] for key in REGISTER}


def test_gaps_counts_the_others_when_checking_one_fails(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    others = _register_of_the_others(cli)
    context = _fail_training(monkeypatch)
    code, stdout, _ = _invoke("gaps", A, B, C, *AS_OF, "-f", "json")
    assert code == 2
    register = json.loads(stdout)
    assert {key: register[key] for key in REGISTER} == others
    line = _line_of(B, "training")
    assert register["invalid"] == [
        {"declaration": B, "unit": "XB-INF-02", "country": "XB", "errors": [f"{B}:{line}:1: {_internal(context)}"]}
    ]


def test_gaps_counts_the_others_when_the_register_fails_on_one(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    others = _register_of_the_others(cli)
    monkeypatch.setattr(gaps, "pieces", _failing_for(B, gaps.pieces, lambda finding: finding.location.path))
    code, stdout, _ = _invoke("gaps", A, B, C, *AS_OF, "-f", "json")
    assert code == 2
    register = json.loads(stdout)
    assert {key: register[key] for key in REGISTER} == others
    assert register["invalid"] == [
        {"declaration": B, "unit": "XB-INF-02", "country": "XB", "errors": [f"{B}:1:1: {_internal()}"]}
    ]


# `diff --against`: the other units compared, the faulty one listed as invalid.

DIFF = (
    "diff",
    "un-infantry-battalion",
    "un-infantry-battalion-high-threat",
    "--against",
    A,
    "--against",
    B,
    "--against",
    C,
    *AS_OF,
    "-f",
    "json",
)


def _units(against: dict[str, Any]) -> dict[str, Any]:
    return {unit["path"]: unit for unit in against["units"]}


@pytest.mark.parametrize("stage", ["check", "compare"])
def test_diff_against_compares_the_others(cli: Any, monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    healthy = cli(*DIFF).json()["against"]
    if stage == "check":
        context = _fail_training(monkeypatch)
        where = f"{B}:{_line_of(B, 'training')}:1"
    else:
        monkeypatch.setattr(
            diff, "_status_changes", _failing_for(B, diff._status_changes, lambda before, after: after.path)
        )
        context, where = "", f"{B}:1:1"
    code, stdout, _ = _invoke(*DIFF)
    assert code == 2
    against = json.loads(stdout)["against"]
    assert against["checked"] == 3
    assert _units(against) == {path: unit for path, unit in _units(healthy).items() if path != B}
    (invalid,) = against["invalid"]
    assert invalid["path"] == B
    assert [
        f"{e['location']['path']}:{e['location']['line']}:{e['location']['column']}: {e['message']}"
        for e in invalid["errors"]
    ] == [f"{where}: {_internal(context)}"]


# `lint`: every other file linted.

BROKEN = "tests/data/inputs/duplicate-key.yaml"


@pytest.mark.parametrize("stage", ["read", "lint"])
def test_lint_lints_the_others(cli: Any, monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    healthy = cli("lint", A, BROKEN)
    assert healthy.exit_code == 2 and healthy.stdout  # the broken file's errors
    if stage == "read":
        monkeypatch.setattr(lint, "document_kind", _failing_for(B, lint.document_kind, lambda document: document.path))
    else:
        monkeypatch.setattr(lint, "code_warnings", _failing_for(B, lint.code_warnings, lambda path, *_: path))
    code, stdout, stderr = _invoke("lint", A, B, BROKEN)
    assert code == 2
    *lines, summary = stdout.splitlines()
    assert sorted(lines) == sorted([*healthy.stdout.splitlines()[:-1], f"{B}:1:1: {_internal()}"])
    assert summary.startswith("3 file(s) linted")
    assert "linted" not in stderr


# `test`: every other case and suite run.


def _suites(run: dict[str, Any]) -> dict[str, Any]:
    return {suite["path"]: suite for suite in run["suites"]}


def _others_intact(faulty: dict[str, Any], healthy: dict[str, Any]) -> None:
    assert list(faulty) == [f"{SUITES}/{name}.test.yaml" for name in "abc"]
    assert {path: suite for path, suite in faulty.items() if path != SUITE_B} == {
        path: s for path, s in healthy.items() if path != SUITE_B
    }


def test_test_runs_the_other_cases_and_suites(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    healthy = _suites(cli("test", SUITES, "-f", "json").json())
    context = _fail_training(monkeypatch)
    code, stdout, _ = _invoke("test", SUITES, "-f", "json")
    assert code == 2
    faulty = _suites(json.loads(stdout))
    _others_intact(faulty, healthy)
    line = _line_of(B, "training")
    for case in faulty[SUITE_B]["cases"]:  # the second expects `invalid`: an internal error is not that
        assert case["outcome"] == "error", case["name"]
        assert [(e["message"], e["location"]["line"]) for e in case["errors"]] == [(_internal(context), line)]


def test_test_runs_the_other_cases_of_the_suite(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception in comparing one case's outcome, outside the check of its declaration."""
    healthy = _suites(cli("test", SUITES, "-f", "json").json())
    monkeypatch.setattr(
        suites, "_mismatches", _failing_for("XB is conditional", suites._mismatches, lambda case, *_: case.name)
    )
    code, stdout, _ = _invoke("test", SUITES, "-f", "json")
    assert code == 2
    faulty = _suites(json.loads(stdout))
    _others_intact(faulty, healthy)
    first, second = faulty[SUITE_B]["cases"]
    assert first["outcome"] == "error"
    case_line = healthy[SUITE_B]["cases"][0]["location"]["line"]
    assert [(e["message"], e["location"]["path"], e["location"]["line"]) for e in first["errors"]] == [
        (_internal(), SUITE_B, case_line)
    ]
    assert second == healthy[SUITE_B]["cases"][1]


def test_test_runs_the_other_suites(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    healthy = _suites(cli("test", SUITES, "-f", "json").json())
    monkeypatch.setattr(
        suites, "_standard", _failing_for(SUITE_B, suites._standard, lambda document, *_: document.path)
    )
    code, stdout, _ = _invoke("test", SUITES, "-f", "json")
    assert code == 2
    faulty = _suites(json.loads(stdout))
    _others_intact(faulty, healthy)
    assert faulty[SUITE_B]["cases"] == []
    assert [(e["message"], e["location"]["line"]) for e in faulty[SUITE_B]["errors"]] == [(_internal(), 1)]


# Outside the work on one file: one line, exit 3, the traceback only with PKCHECK_DEBUG=1.


@pytest.fixture
def entry_point(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., tuple[int, str, str]]]:
    """``cli.main`` as the installed command runs it (``console`` without its ``os._exit``):
    ``run(*args)`` gives the exit code, standard output and standard error."""
    handler, thresholds = signal.getsignal(signal.SIGINT), gc.get_threshold()

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["pkcheck", *args])
        try:
            cli.main()
            code = 0
        except SystemExit as exc:
            code = entry.exit_status(exc.code)
        out, err = capsys.readouterr()
        return code, out, err

    yield run
    signal.signal(signal.SIGINT, handler)
    gc.set_threshold(*thresholds)


def _fault_in_a_formatter(monkeypatch: pytest.MonkeyPatch) -> tuple[str, ...]:
    from pkcheck.formats import sarif

    monkeypatch.setattr(sarif, "render", _raise)
    return ("check", A, *AS_OF, "-f", "sarif")


def _fault_in_the_standards(monkeypatch: pytest.MonkeyPatch) -> tuple[str, ...]:
    from pkcheck.library import standards

    monkeypatch.setattr(standards.Library, "__init__", _raise)
    return ("check", A, *AS_OF)


def _end_of_input_in_lint(monkeypatch: pytest.MonkeyPatch) -> tuple[str, ...]:
    """click turns an EOFError into "Aborted!" and exit 1: it must be an internal error too."""

    def end_of_input(*_: object) -> Any:
        raise EOFError("injected fault")

    monkeypatch.setattr(lint, "Library", end_of_input)
    return ("lint", A)


@pytest.mark.parametrize("inject", [_fault_in_a_formatter, _fault_in_the_standards, _end_of_input_in_lint])
def test_an_internal_error_outside_one_file_is_one_line_and_exit_3(
    entry_point: Any, monkeypatch: pytest.MonkeyPatch, inject: Callable[[pytest.MonkeyPatch], tuple[str, ...]]
) -> None:
    args = inject(monkeypatch)
    error = "EOFError" if inject is _end_of_input_in_lint else "ValueError"
    # On an EOFError click first ends the line a prompt might have left open.
    blank = "\n" if error == "EOFError" else ""
    code, stdout, stderr = entry_point(*args)
    assert code == 3
    assert stdout == ""
    assert stderr == (
        f"{blank}pkcheck: internal error: {error}: injected fault; this is a bug in pkcheck, please report it (set PKCHECK_DEBUG=1 for the traceback)\n"
    )
    monkeypatch.setenv("PKCHECK_DEBUG", "1")
    code, _, stderr = entry_point(*args)
    assert code == 3
    assert stderr.startswith(f"{blank}Traceback (most recent call last):\n")
    assert stderr.endswith(
        f"pkcheck: internal error: {error}: injected fault; this is a bug in pkcheck, please report it\n"
    )


def test_a_bug_in_one_format_costs_no_other_format(
    entry_point: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pkcheck.formats import sarif

    monkeypatch.setattr(sarif, "render", _raise)
    kept = tmp_path / "report.sarif"
    kept.write_text("the previous run's\n", encoding="utf-8")
    json_file, markdown_file = tmp_path / "report.json", tmp_path / "report.md"
    code, stdout, stderr = entry_point(
        "check",
        A,
        B,
        *AS_OF,
        "-f",
        f"sarif={kept}",
        "-f",
        f"json={json_file}",
        "-f",
        "text",
        "-f",
        f"markdown={markdown_file}",
    )
    assert code == 3
    assert stderr.startswith("pkcheck: internal error: ValueError: injected fault;")
    assert kept.read_text(encoding="utf-8") == "the previous run's\n"  # never half replaced
    report = json.loads(json_file.read_text(encoding="utf-8"))
    assert [r["verdict"] for r in report["results"]] == ["ready", "conditional"]
    assert markdown_file.read_text(encoding="utf-8").startswith("# ")
    assert "XB-INF-02" in stdout


def test_per_file_tracebacks_only_with_pkcheck_debug(entry_point: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_training(monkeypatch)
    code, _, stderr = entry_point("check", A, B, C, *AS_OF, "-f", "json")
    assert (code, stderr) == (2, "")
    monkeypatch.setenv("PKCHECK_DEBUG", "1")
    code, stdout, stderr = entry_point("check", A, B, C, *AS_OF, "-f", "json")
    assert code == 2
    assert "Traceback" not in stdout  # the report never carries it
    assert stderr.startswith(
        f"pkcheck: internal error at {B}:{_line_of(B, 'training')}:1:\nTraceback (most recent call last):\n"
    )
    assert stderr.endswith(f"{FAULT}\n")


def test_click_errors_never_exit_1(entry_point: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """click's own errors exit 1 unless they say otherwise; 1 is a shortfall's."""

    def click_error(*_: object) -> Any:
        raise entry.CLICK_ERROR("injected fault")

    monkeypatch.setattr(batch, "check_batch", click_error)
    code, _, stderr = entry_point("check", A, *AS_OF)
    assert code == 2
    assert "injected fault" in stderr


def test_a_closed_standard_output_is_141_not_1(entry_point: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a program stopped by SIGPIPE (``pkcheck check ... | head``), never a shortfall's 1."""

    class ClosedPipe:
        def isatty(self) -> bool:
            return False

        def write(self, _: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def writelines(self, _: object) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code, _, stderr = entry_point("check", B, *AS_OF, "-f", "json")  # B has major shortfalls: 1 if written
    assert code == 141
    assert stderr == ""


def test_a_message_exit_is_an_internal_error() -> None:
    assert entry.exit_status("something went wrong") == 3
    assert [entry.exit_status(code) for code in (None, 0, 1, 2)] == [0, 0, 1, 2]


# The installed command (`console`, which ends with os._exit), in a process of its own.

_INJECT = """
import sys
from dataclasses import replace
from pkcheck import checks
healthy = checks.KINDS["training"].check
def training(settings, context):
    if context.declaration.unit.id == "XB-INF-02":
        raise ValueError("injected fault")
    return healthy(settings, context)
checks.KINDS["training"] = replace(checks.KINDS["training"], check=training)
from pkcheck.formats import sarif
def render(report):
    raise ValueError("injected fault")
sarif.render = render
from pkcheck.cli import console
sys.argv = ["pkcheck"] + sys.argv[1:]
console()
"""


def _console(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": "/usr/bin:/bin", **env}
    return subprocess.run(
        [sys.executable, "-c", _INJECT, *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_installed_command_contains_a_file_s_internal_error(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    run = _console(
        "check", A, B, C, *AS_OF, "-f", f"json={report}", "-f", f"junit={tmp_path / 'report.xml'}", PKCHECK_DEBUG="1"
    )
    assert run.returncode == 2
    results = _results(json.loads(report.read_text(encoding="utf-8")))
    assert [results[path]["verdict"] for path in (A, B, C)] == ["ready", "invalid", "not-ready"]
    ET.parse(tmp_path / "report.xml")
    assert f"pkcheck: internal error at {B}:" in run.stderr and "Traceback (most recent call last):" in run.stderr


def test_the_installed_command_exits_3_with_one_line(tmp_path: Path) -> None:
    run = _console("check", A, *AS_OF, "-f", "sarif")
    assert run.returncode == 3
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        "pkcheck: internal error: ValueError: injected fault; this is a bug in pkcheck, please report it (set PKCHECK_DEBUG=1 for the traceback)"
    ]
