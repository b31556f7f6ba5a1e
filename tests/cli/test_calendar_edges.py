"""Dates at the ends of the calendar (0001-01-01 and 9999-12-31) through every command.

The cases are data: ``tests/data/calendar/`` holds a small standard, declarations that deploy
on 9999-12-31 or 0001-06-30 or give no date, a waiver that expires on 9999-12-31, and a test
suite (``calendar.test.yaml``) that says what each must give. Date arithmetic stops at the ends
of the calendar, so none of them is refused: ``lint`` passes them, and ``check``, ``gaps``,
``diff --against``, ``init`` and ``test`` judge them, as of any day up to 9999-12-31.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DATA = "tests/data/calendar"
STANDARD = f"{DATA}/calendar-edges.yaml"
DECLARATIONS = ("deploys-at-the-end.yaml", "expires-a-day-early.yaml", "undated.yaml", "deploys-at-the-start.yaml")
EDGES = ("9999-12-31", "0001-01-01")
FORMATS = ("text", "json", "sarif", "junit", "markdown", "html", "github")


def test_the_suite_of_calendar_cases_passes(cli: Any) -> None:
    """Each case's verdict and statuses, as ``calendar.test.yaml`` gives them."""
    run = cli("test", DATA, "--format", "json")
    assert run.exit_code == 0, run.stdout
    summary = run.json()["summary"]
    assert (summary["cases"], summary["pass"]) == (6, 6)


def test_lint_accepts_what_check_judges(cli: Any) -> None:
    """No date here is refused: ``lint`` and ``check`` agree that every file is valid, without a
    warning. (Not ``--strict``: its standard does not explain its requirements, which this test
    is not about.)"""
    lint = cli("lint", DATA)
    assert lint.exit_code == 0 and lint.stdout.splitlines() == [lint.stdout.splitlines()[-1]], lint.stdout
    assert lint.stdout.endswith(" 0 error(s), 0 warning(s)\n")
    for as_of in EDGES:
        run = cli("check", DATA, "--standard", STANDARD, "--as-of", as_of, "--format", "json")
        assert run.exit_code in (0, 1), run.stdout
        assert [r["verdict"] for r in run.json()["results"]].count("invalid") == 0


@pytest.mark.parametrize("as_of", EDGES)
def test_every_format_of_check_and_gaps(cli: Any, tmp_path: Path, as_of: str) -> None:
    outputs = ",".join(f"{name}={tmp_path / name}" for name in FORMATS)
    common = ("--standard", STANDARD, "--waivers", f"{DATA}/waivers.yaml", "--as-of", as_of)
    run = cli("check", DATA, *common, "--format", outputs)
    assert run.exit_code == 1, run.stdout + run.stderr
    report = json.loads((tmp_path / "json").read_text(encoding="utf-8"))
    assert report["as_of"] == as_of
    assert len(report["results"]) == len(DECLARATIONS)
    gaps = cli("gaps", DATA, *common, "--format", "json")
    assert gaps.exit_code == 0, gaps.stdout
    assert gaps.json()["as_of"] == as_of


def test_diff_against_declarations_at_the_end_of_the_calendar(cli: Any) -> None:
    run = cli("diff", STANDARD, STANDARD, "--against", DATA, "--as-of", "9999-12-31", "--format", "json")
    assert run.exit_code == 0, run.stdout
    against = run.json()["against"]
    assert (against["as_of"], against["checked"], against["units"]) == ("9999-12-31", len(DECLARATIONS), [])


@pytest.mark.parametrize("as_of", EDGES)
def test_an_init_template_for_the_last_or_first_day_is_ready(cli: Any, tmp_path: Path, as_of: str) -> None:
    """The template deploys on the as-of date and completes its training then: it checks
    ``ready`` as of that day, at either end of the calendar."""
    template = tmp_path / "unit.yaml"
    made = cli("init", "infantry-battalion", "--as-of", as_of, "-o", str(template))
    assert made.exit_code == 0, made.stdout + made.stderr
    assert f"deployment_date: {as_of}" in template.read_text(encoding="utf-8")
    run = cli("check", str(template), "--as-of", as_of, "--format", "json")
    assert run.exit_code == 0, run.stdout
    assert run.json()["results"][0]["verdict"] == "ready"
