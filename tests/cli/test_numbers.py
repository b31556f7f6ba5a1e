"""Numbers pkcheck cannot compute with (NaN, infinities, beyond 10^308) through every command.

Two sides, as data files:

- in a standard (``tests/data/standards/non-finite-thresholds/``), such a number is an error at
  its line: ``lint`` reports it, and ``check``, ``gaps``, ``init``, ``diff`` and ``explain`` stop
  on the same located message (exit 2);
- in a declaration's own ``x-`` values (``tests/data/numbers/unit.yaml``, read by
  ``x-values.yaml``), the declaration is valid and the requirements that read them lack
  evidence at the value's line (``numbers.test.yaml`` says which); every format of every
  command is written, and no JSON output holds a NaN or Infinity token.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DATA = "tests/data/numbers"
STANDARD = f"{DATA}/x-values.yaml"
UNIT = f"{DATA}/unit.yaml"
BAD = "tests/data/standards/non-finite-thresholds/standard.yaml"
AS_OF = ("--as-of", "2026-11-26")


def _strict_json(text: str) -> Any:
    """JSON as the standard defines it: ``NaN``, ``Infinity`` and ``-Infinity`` are not numbers."""

    def refuse(token: str) -> None:
        raise AssertionError(f"{token} in JSON output")

    return json.loads(text, parse_constant=refuse)


def test_the_suite_of_number_cases_passes(cli: Any) -> None:
    run = cli("test", DATA, "--format", "json")
    assert run.exit_code == 0, run.stdout
    assert _strict_json(run.stdout)["summary"]["pass"] == 1


def test_lint_accepts_what_check_checks(cli: Any) -> None:
    """The free values are the unit's own: the declaration is valid for `lint` and `check` alike,
    without a warning. (Not `--strict`: its standard does not explain its requirements, which
    this test is not about.)"""
    run = cli("lint", DATA)
    assert run.exit_code == 0 and run.stdout.endswith(" 0 error(s), 0 warning(s)\n"), run.stdout


def test_every_format_of_check(cli: Any, tmp_path: Path) -> None:
    formats = ("text", "json", "sarif", "junit", "markdown", "html", "github")
    outputs = ",".join(f"{name}={tmp_path / name}" for name in formats)
    run = cli("check", UNIT, "examples/xa-inf-01-ready.yaml", "--standard", STANDARD, *AS_OF, "--format", outputs)
    assert run.exit_code == 1, run.stdout + run.stderr
    report = _strict_json((tmp_path / "json").read_text(encoding="utf-8"))
    unit, other = report["results"]
    assert [unit["verdict"], other["verdict"]] == ["conditional", "conditional"]
    lines = {f["requirement"]: f["location"]["line"] for f in unit["findings"]}
    assert (lines["NUM-VAL-001"], lines["NUM-VAL-005"], lines["NUM-EQP-001"]) == (22, 22, 26)
    _strict_json((tmp_path / "sarif").read_text(encoding="utf-8"))
    for name in formats:
        assert (tmp_path / name).stat().st_size > 0, name


def test_gaps_diff_explain_and_init(cli: Any, tmp_path: Path) -> None:
    gaps = cli("gaps", UNIT, "--standard", STANDARD, *AS_OF, "--format", "json")
    assert gaps.exit_code == 0, gaps.stdout
    assert _strict_json(gaps.stdout)["evidence_missing"]
    for name in ("csv", "markdown", "text"):
        assert cli("gaps", UNIT, "--standard", STANDARD, *AS_OF, "--format", name).exit_code == 0
    diff = cli("diff", STANDARD, STANDARD, "--against", UNIT, *AS_OF, "--format", "json")
    assert diff.exit_code == 0, diff.stdout
    assert _strict_json(diff.stdout)["against"]["checked"] == 1
    explained = cli("explain", "NUM-VAL-006", "--standards-path", DATA)
    assert explained.exit_code == 0
    assert 'value("x-national.scale")' in explained.stdout
    template = tmp_path / "unit.yaml"
    assert cli("init", "infantry-battalion", "--standard", STANDARD, "-o", str(template)).exit_code == 0


def _lint_errors(cli: Any) -> list[str]:
    run = cli("lint", BAD)
    assert run.exit_code == 2
    return run.stdout.splitlines()[:-1]  # the last line counts the files linted


@pytest.mark.parametrize(
    "command",
    [
        ("check", UNIT, "--standard", BAD, *AS_OF),
        ("gaps", UNIT, "--standard", BAD, *AS_OF),
        ("init", "infantry-battalion", "--standard", BAD),
        ("diff", "un-infantry-battalion", BAD),
        ("diff", STANDARD, BAD, "--against", UNIT, *AS_OF),
    ],
    ids=["check", "gaps", "init", "diff", "diff-against"],
)
def test_a_standard_with_such_numbers_is_refused_as_lint_refuses_it(cli: Any, command: tuple[str, ...]) -> None:
    """Each command stops with the errors `lint` gives, at the same lines (exit 2)."""
    errors = _lint_errors(cli)
    assert len(errors) == 11
    run = cli(*command)
    assert run.exit_code == 2, run.stdout + run.stderr
    printed = run.lines()
    assert [line for line in errors if line not in printed] == []
