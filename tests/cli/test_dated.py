"""Dated targets and requirements: a parameter scheduled by date and a requirement with
``effective_from`` / ``effective_until``, judged at the declaration's reference date (its
deployment date, else the as-of date).

The cases are data in ``tests/data/dated/``: a standard (``dated.yaml``), two standards that
extend it (a schedule of their own, a number in place of the schedule, a window moved by
``overrides``), declarations deploying in 2027 and 2028 or undated, test suites saying what
each gives on which day, and ``lint/``, standards with one problem each, whose first line is
``# expect: LINE:COLUMN MESSAGE``, the one error ``pkcheck lint`` must report.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

DATA = "tests/data/dated"
STANDARD = f"{DATA}/dated.yaml"
LINT_CASES = sorted(Path(DATA, "lint").glob("*.yaml"))
FORMATS = ("text", "markdown", "html", "sarif", "junit")


def test_the_suites_of_dated_cases_pass(cli: Any) -> None:
    run = cli("test", DATA, "--standards-path", DATA, "--format", "json")
    assert run.exit_code == 0, run.stdout
    summary = run.json()["summary"]
    assert (summary["cases"], summary["pass"]) == (10, 10)


@pytest.mark.parametrize("case", LINT_CASES, ids=lambda p: p.stem)
def test_lint_reports_the_located_error(cli: Any, case: Path) -> None:
    expected = re.fullmatch(r"# expect: (\d+:\d+) (.+)", case.read_text().splitlines()[0])
    assert expected, f"{case} does not start with `# expect: LINE:COLUMN MESSAGE`"
    run = cli("lint", str(case))
    assert run.exit_code == 2
    assert run.stdout.splitlines()[:-1] == [f"{case}:{expected[1]}: {expected[2]}"]


def test_the_dated_standards_lint_clean(cli: Any) -> None:
    run = cli("lint", STANDARD, f"{DATA}/overlay.yaml", f"{DATA}/fixed.yaml")
    assert run.exit_code == 0, run.stdout


def _findings(cli: Any, declaration: str, as_of: str = "2026-11-26", standard: str = STANDARD) -> dict[str, Any]:
    run = cli("check", f"{DATA}/{declaration}", "--standard", standard, "--as-of", as_of, "-f", "json")
    (result,) = run.json()["results"]
    return {f["requirement"]: f for f in result["findings"]}


def test_json_keeps_the_status_and_carries_the_dates(cli: Any) -> None:
    findings = _findings(cli, "undated.yaml")
    platoon = findings["DAT-PER-002"]
    assert (platoon["status"], platoon["effective_from"]) == ("not-applicable", "2027-01-01")
    assert platoon["message"] == "not applicable yet: applies from 2027-01-01"
    assert "effective_until" not in platoon
    water = _findings(cli, "deploys-2027.yaml")["DAT-SUS-001"]
    assert (water["status"], water["effective_until"]) == ("not-applicable", "2026-12-31")
    assert water["message"] == "no longer applicable: applied until 2026-12-31"
    assert "effective_from" not in findings["DAT-PER-001"]


@pytest.mark.parametrize(
    ("declaration", "as_of", "entry"),
    [
        ("deploys-2027.yaml", "2026-11-26", "women_target 0.09 from 2022-01-01"),
        ("deploys-2028.yaml", "2026-11-26", "women_target 0.15 from 2028-01-01"),
        ("undated.yaml", "2021-12-31", "women_target 0.08 from 2021-01-01"),
    ],
)
def test_findings_name_the_entry_of_the_schedule_that_applied(
    cli: Any, declaration: str, as_of: str, entry: str
) -> None:
    finding = _findings(cli, declaration, as_of)["DAT-PER-001"]
    assert finding["scheduled"] == [entry]
    assert finding["message"].endswith(f"({entry})")


def test_before_the_schedule_the_check_says_why_there_is_no_value(cli: Any) -> None:
    finding = _findings(cli, "undated.yaml", "2020-06-01")["DAT-PER-001"]
    assert finding["status"] == "no-evidence"
    assert (
        "parameter `women_target` has no value on 2020-06-01: its schedule starts on 2021-01-01" in finding["message"]
    )


def test_the_deployment_date_decides_over_the_as_of_date(cli: Any) -> None:
    """Deploying in 2027, the platoon applies whatever the as-of date."""
    for as_of in ("2020-01-01", "2026-11-26", "2030-01-01"):
        assert _findings(cli, "deploys-2027.yaml", as_of)["DAT-PER-002"]["status"] == "shortfall"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_says_when_a_requirement_applies(cli: Any, fmt: str) -> None:
    run = cli("check", f"{DATA}/undated.yaml", "--standard", STANDARD, "--as-of", "2026-11-26", "-f", fmt)
    assert "applies from 2027-01-01" in run.stdout
    run = cli("check", f"{DATA}/deploys-2027.yaml", "--standard", STANDARD, "--as-of", "2026-11-26", "-f", fmt)
    assert "applied until 2026-12-31" in run.stdout


def test_text_leaves_requirements_not_in_force_out_of_the_category_counts(cli: Any) -> None:
    run = cli("check", f"{DATA}/deploys-2027.yaml", "--standard", STANDARD, "--as-of", "2026-11-26")
    assert "By category: personnel 1/2 met, 1 open; sustainment 1 not applicable" in run.stdout


def test_a_waiver_does_not_apply_where_the_requirement_does_not(cli: Any, tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "pkcheck: waivers/v1\nwaivers:\n  - {requirement: DAT-PER-002, unit: XT-DAT-03, reason: Later,"
        " approved_by: DPO, expires: 2030-01-01}\n"
    )
    run = cli("check", f"{DATA}/undated.yaml", "-s", STANDARD, "--as-of", "2026-11-26", "--waivers", str(waivers))
    assert "not applicable yet: applies from 2027-01-01" in run.stdout
    assert "waived" not in run.stdout


@pytest.mark.parametrize(
    ("as_of", "women", "entry"),
    [("2026-06-01", 9, "0.09 from 2022-01-01"), ("2028-06-01", 15, "0.15 from 2028-01-01")],
)
def test_init_uses_the_schedule_of_the_deployment_date_and_checks_ready(
    cli: Any, tmp_path: Path, as_of: str, women: int, entry: str
) -> None:
    template = tmp_path / "unit.yaml"
    run = cli("init", "infantry-battalion", "-s", STANDARD, "--as-of", as_of, "-o", str(template))
    assert run.exit_code == 0, run.stderr
    written = template.read_text()
    assert f"  # DAT-PER-001: with women_target {entry}\n  women: {women}\n" in written
    check = cli("check", str(template), "-s", STANDARD, "--as-of", as_of, "-f", "json", fresh=True)
    assert json.loads(check.stdout)["results"][0]["verdict"] == "ready"


def test_init_notes_a_requirement_not_yet_in_force(cli: Any) -> None:
    run = cli("init", "infantry-battalion", "-s", STANDARD, "--as-of", "2026-06-01")
    assert (
        "# DAT-PER-002 (major): Engagement platoon from 2027; not yet in force on 2026-06-01: applies from 2027-01-01"
        in run.stdout
    )
    later = cli("init", "infantry-battalion", "-s", STANDARD, "--as-of", "2027-06-01")
    assert "water_days" not in later.stdout  # ended: nothing to declare
    assert "not yet in force" not in later.stdout


def test_explain_shows_the_schedule_and_the_window(cli: Any) -> None:
    run = cli("explain", "DAT-PER-001", "--standards-path", DATA, "-s", "dated-targets")
    assert "women_target (= 0.08 from 2021-01-01, 0.09 from 2022-01-01, 0.15 from 2028-01-01)" in " ".join(
        run.stdout.split()
    )
    moved = cli("explain", "DAT-PER-002", "--standards-path", DATA, "-s", "dated-overlay")
    assert "  In force     applies from 2028-01-01 (judged at the unit's deployment date" in moved.stdout
    fixed = cli("explain", "DAT-PER-001", "--standards-path", DATA, "-s", "dated-fixed")
    assert "women_target (= 0.12)" in fixed.stdout


def test_explain_for_a_unit_names_the_entry_that_applied(cli: Any) -> None:
    args = ("explain", "DAT-PER-001", "--standards-path", DATA, "-s", "dated-targets")
    run = cli(*args, "--for", f"{DATA}/deploys-2027.yaml", "--as-of", "2026-11-26")
    text = " ".join(run.stdout.split())
    assert "ceil(100 * 0.09) = 9" in text
    assert "(women_target 0.09 from 2022-01-01)" in text


UPCOMING = ("diff", "dated-targets", "dated-targets", "--standards-path", DATA, "--as-of", "2026-11-26")


@pytest.mark.parametrize(
    ("window", "listed"),
    [
        ("30d", []),
        ("36d", ["DAT-PER-002 starts 2027-01-01", "DAT-SUS-001 ends 2027-01-01"]),
        ("5w", []),
        ("6w", ["DAT-PER-002 starts 2027-01-01", "DAT-SUS-001 ends 2027-01-01"]),
        ("14m", ["DAT-PER-002 starts 2027-01-01", "DAT-SUS-001 ends 2027-01-01", "women_target value 2028-01-01"]),
    ],
)
def test_diff_upcoming_lists_what_starts_or_ends_in_the_window(cli: Any, window: str, listed: list[str]) -> None:
    run = cli(*UPCOMING, "--upcoming", window, "-f", "json")
    assert run.exit_code == 0, run.stderr
    soon = run.json()["upcoming"]
    assert soon["after"] == "2026-11-26"
    assert [f"{i['subject']} {i['event']} {i['day']}" for i in soon["items"]] == listed


def test_diff_upcoming_in_text_and_markdown(cli: Any) -> None:
    text = cli(*UPCOMING, "--upcoming", "14m").stdout
    assert "Upcoming after 2026-11-26 through 2028-01-26" in text
    assert "2027-01-01  DAT-PER-002  major  Engagement platoon from 2027: applies from 2027-01-01" in text
    assert "DAT-SUS-001  major  Water stocks until the end of 2026: applied until 2026-12-31" in text
    assert "2028-01-01  women_target 0.15 from 2028-01-01  tests/data/dated/dated.yaml:" in text
    markdown = cli(*UPCOMING, "--upcoming", "14m", "-f", "markdown").stdout
    assert "| 2027-01-01 | DAT-PER-002 Engagement platoon from 2027 | major | applies from 2027-01-01 |" in markdown
    nothing = cli(*UPCOMING, "--upcoming", "30d").stdout
    assert "Nothing starts or ends applying." in nothing


def test_diff_without_upcoming_has_no_upcoming_key(cli: Any) -> None:
    assert "upcoming" not in cli(*UPCOMING, "-f", "json").json()


def test_diff_upcoming_refuses_a_window_it_cannot_read(cli: Any) -> None:
    run = cli(*UPCOMING, "--upcoming", "2y")
    assert run.exit_code == 2
    assert run.stderr.startswith("pkcheck: error: --upcoming '2y': expected a positive number of days, weeks or months")


def test_a_report_with_windows_and_schedules_validates_against_its_schema(cli: Any) -> None:
    import jsonschema

    schema = json.loads(cli("schema", "report").stdout)
    report = cli("check", DATA, "-s", STANDARD, "--as-of", "2026-11-26", "-f", "json").json()
    findings = [f for r in report["results"] for f in r["findings"]]
    assert {"effective_from", "effective_until", "scheduled"} <= {k for f in findings for k in f}
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(report)] == []


def test_explain_for_a_unit_before_the_schedule_says_why(cli: Any) -> None:
    args = ("explain", "DAT-PER-001", "--standards-path", DATA, "-s", "dated-targets")
    run = cli(*args, "--for", f"{DATA}/undated.yaml", "--as-of", "2020-01-01")
    text = " ".join(run.stdout.split())
    assert "parameter `women_target` has no value on 2020-01-01: its schedule starts on 2021-01-01" in text
    assert "women_target: not declared" not in text  # a parameter, not a place in the declaration
