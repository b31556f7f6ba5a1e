"""The Python API: the README's example runs and prints what the README says, and the API gives
the same report, bytes and exit code as the command line."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import pkcheck
from pkcheck.cli import app
from pkcheck.diagnostics import InputError, UsageError

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 26)


def _readme_example() -> tuple[str, str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Using pkcheck from Python") :]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    output = re.search(r"prints\n\n```text\n(.*?)```", section, re.S)
    assert code and output
    return code.group(1), output.group(1)


def test_readme_example_prints_what_the_readme_says() -> None:
    code, expected = _readme_example()
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == expected


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit", "markdown", "github", "html"])
def test_api_and_command_line_give_the_same_bytes(output_format: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("PKCHECK_STANDARDS_PATH", raising=False)
    report = pkcheck.check(["examples/"], waivers="examples/waivers.yaml", as_of=AS_OF)
    args = [
        "check",
        "examples/",
        "--waivers",
        "examples/waivers.yaml",
        "--as-of",
        AS_OF.isoformat(),
        "-f",
        output_format,
    ]
    result = CliRunner().invoke(app, args, env={"NO_COLOR": "1"})  # drawn at 100 columns, as render draws
    assert pkcheck.render(report, output_format) == result.stdout
    assert pkcheck.exit_code(report) == result.exit_code


def test_invalid_declarations_are_results_not_exceptions(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "pkcheck: declaration/v1\nunit: {id: XQ-1, country: XQ, type: infantry-battalion, size: 3}\n", encoding="utf-8"
    )
    report = pkcheck.check([str(broken)], as_of=AS_OF)
    (result,) = report.results
    assert result.verdict.value == "invalid"
    assert [(e.location.line, e.location.column) for e in result.errors] == [(2, 57)]  # the unknown key `size`
    assert pkcheck.exit_code(report) == 2


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: pkcheck.check(["examples/"], standard="no-such"), UsageError, "unknown standard `no-such`"),
        (lambda: pkcheck.check(["examples/"], standards_path=["no/such/folder"]), UsageError, "no such folder"),
        (lambda: pkcheck.check(["tests/api"]), UsageError, "no declaration files found"),
        (
            lambda: pkcheck.check(["examples/"], standards_path=["tests/data/standards/dup-in-folder"]),
            InputError,
            "is also defined in",
        ),
    ],
)
def test_what_stops_a_run_raises_a_documented_error(
    call: Any, error: type[Exception], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    with pytest.raises(error) as raised:
        call()
    assert message in str(raised.value)


def test_load_standard_gives_the_effective_standard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    standard = pkcheck.load_standard("un-infantry-battalion")
    assert standard.id == "un-infantry-battalion"
    assert standard.chain[-1] == "un-infantry-battalion"
    assert standard.get("INF-EQP-001") is not None


def test_package_is_typed_and_imports_the_api_lazily() -> None:
    assert (REPO / "pkcheck" / "py.typed").is_file()
    code = "import sys, pkcheck; assert 'pkcheck.api' not in sys.modules; pkcheck.check; assert 'pkcheck.api' in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO, check=False).returncode == 0
    with pytest.raises(AttributeError):
        pkcheck.no_such_thing  # noqa: B018


def test_a_baseline_gives_what_the_command_line_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("PKCHECK_STANDARDS_PATH", raising=False)
    xb = "examples/xb-inf-02-conditional.yaml"
    before = tmp_path / "before.json"
    before.write_text(pkcheck.render(pkcheck.check(xb, as_of="2026-01-01"), "json"), encoding="utf-8")
    report = pkcheck.check(xb, as_of="2026-12-01", baseline=before)
    assert report.baseline is not None
    assert report.baseline.counts == {"new": 0, "worsened": 0, "improved": 1, "unchanged": 3, "closed": 7}
    args = ["check", xb, "--as-of", "2026-12-01", "--baseline", str(before)]
    for output_format in ("json", "github"):
        result = CliRunner().invoke(app, [*args, "-f", output_format], env={"NO_COLOR": "1"})
        assert pkcheck.render(report, output_format) == result.stdout
    # Open major findings, none new or worse since January: 1 as ever, 0 with fail_on_new.
    assert pkcheck.exit_code(report) == 1
    assert pkcheck.exit_code(report, fail_on_new=True) == 0
    assert CliRunner().invoke(app, [*args, "--fail-on-new"]).exit_code == 0
    backwards = pkcheck.check(xb, as_of="2026-01-01", baseline=tmp_path / "before.json")
    assert pkcheck.exit_code(backwards, fail_on_new=True) == 0  # January against itself: nothing new
    december = tmp_path / "december.json"
    december.write_text(pkcheck.render(pkcheck.check(xb, as_of="2026-12-01"), "json"), encoding="utf-8")
    worse = pkcheck.check(xb, as_of="2026-01-01", baseline=december)
    assert pkcheck.exit_code(worse, fail_on_new=True) == 1
    assert pkcheck.exit_code(worse, "never", fail_on_new=True) == 0


def test_a_bad_baseline_or_fail_on_new_without_one_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    xb = "examples/xb-inf-02-conditional.yaml"
    bad = tmp_path / "bad.json"
    bad.write_text('{"pkcheck": "gaps/v1"}', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        pkcheck.check(xb, baseline=bad)
    assert raised.value.diagnostics[0].location.line == 1
    with pytest.raises(TypeError, match="baseline must be a path"):
        pkcheck.check(xb, baseline=3)  # type: ignore[arg-type]
    report = pkcheck.check(xb)
    with pytest.raises(UsageError, match="--fail-on-new needs --baseline"):
        pkcheck.exit_code(report, fail_on_new=True)
    with pytest.raises(TypeError, match="fail_on_new must be a bool"):
        pkcheck.exit_code(report, fail_on_new="yes")  # type: ignore[arg-type]
