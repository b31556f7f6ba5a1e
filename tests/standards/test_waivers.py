"""Waivers applied by ``pkcheck check`` (spec 2.3 "Waivers" and "Dates", and 3).

tests/data/standards/waivers/waivers.yaml, judged as of 2026-11-26:
- WV-EQP-001 for XA-TRN-01, in force until 2027-06-30, and for XB-TRN-02 until 2027-01-31;
- WV-MED-001 for every unit ("*"), expiring on 2026-11-26 itself (still in force that day);
- WV-TRN-001 for XA-TRN-01, expired on 2026-11-25;
- WV-CON-001 for every unit, but that requirement is `waivable: false`;
- WV-ZZZ-999, a requirement of no standard used.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from textlines import line_of
from typer.testing import CliRunner

from pkcheck.cli import app
from pkcheck.diagnostics import Location
from pkcheck.engine import Settings, check_file
from pkcheck.library.standards import Library
from pkcheck.library.waivers import apply_waiver, find_waiver, load_waivers

DATA = Path(__file__).resolve().parent.parent / "data" / "standards" / "waivers"
WAIVERS = DATA / "waivers.yaml"
DECL_A = DATA / "decl-a.yaml"  # XA-TRN-01
DECL_B = DATA / "decl-b.yaml"  # XB-TRN-02


def waiver_line(requirement: str, unit: str) -> int:
    """The line of the waiver entry (`- requirement: ...`) for this requirement and unit."""
    lines = WAIVERS.read_text(encoding="utf-8").splitlines()
    found = [
        n
        for n, line in enumerate(lines, 1)
        if line.strip() == f"- requirement: {requirement}" and lines[n].strip() == f"unit: {unit}"
    ]
    assert len(found) == 1, (requirement, unit, found)
    return found[0]


def run(
    *declarations: Path, as_of: str = "2026-11-26", waivers: Path | None = WAIVERS, fail_on: str | None = None
) -> tuple[int, dict[str, Any]]:
    arguments = ["check", "--standards-path", str(DATA / "standards"), "--as-of", as_of, "--format", "json"]
    if waivers is not None:
        arguments += ["--waivers", str(waivers)]
    if fail_on is not None:
        arguments += ["--fail-on", fail_on]
    result = CliRunner().invoke(app, [*arguments, *map(str, declarations)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, json.loads(result.stdout)


def findings(report: dict[str, Any], index: int = 0) -> dict[str, dict[str, Any]]:
    return {f["requirement"]: f for f in report["results"][index]["findings"]}


# --- in force --------------------------------------------------------------------------------


def test_a_waiver_in_force_turns_a_shortfall_into_waived_and_keeps_its_gaps() -> None:
    _, report = run(DECL_A)
    trucks = findings(report)["WV-EQP-001"]
    assert trucks["status"] == "waived"
    assert trucks["gaps"] == [{"criterion": "quantity", "required": 10, "declared": 7, "shortfall": 3, "unit": "items"}]
    assert "waived until 2027-06-30 by Force Generation Service" in trucks["message"]
    assert trucks["waiver"]["in_force"] is True
    assert trucks["waiver"]["location"]["line"] == waiver_line("WV-EQP-001", "XA-TRN-01")


def test_a_waiver_applies_to_no_evidence_too() -> None:
    _, report = run(DECL_A)
    beds = findings(report)["WV-MED-001"]
    assert beds["status"] == "waived"
    assert "does not give" in beds["message"]


def test_waived_findings_do_not_count_toward_verdict_or_exit_code() -> None:
    # XB-TRN-02: two critical gaps, both waived, and a minor shortfall
    code, report = run(DECL_B)
    result = report["results"][0]
    assert result["verdict"] == "ready"
    assert result["counts"] == {"met": 2, "shortfall": 1, "no-evidence": 0, "waived": 2, "not-applicable": 0}
    assert code == 0
    assert run(DECL_B, fail_on="minor")[0] == 1  # the unwaived minor shortfall still counts
    # without the waivers the same declaration is not ready
    code, report = run(DECL_B, waivers=None)
    assert (code, report["results"][0]["verdict"]) == (1, "not-ready")


def test_each_unit_gets_its_own_waiver() -> None:
    _, report = run(DECL_A, DECL_B)
    a, b = findings(report, 0)["WV-EQP-001"], findings(report, 1)["WV-EQP-001"]
    assert "until 2027-06-30" in a["message"] and a["gaps"][0]["shortfall"] == 3
    assert "until 2027-01-31" in b["message"] and b["gaps"][0]["shortfall"] == 2


def test_a_waiver_for_every_unit() -> None:
    _, report = run(DECL_A, DECL_B)
    for index in (0, 1):
        beds = findings(report, index)["WV-MED-001"]
        assert beds["status"] == "waived"
        assert beds["waiver"]["location"]["line"] == waiver_line("WV-MED-001", '"*"')


# --- expiry ----------------------------------------------------------------------------------


def test_a_waiver_is_in_force_on_its_expiry_day() -> None:
    _, report = run(DECL_B, as_of="2026-11-26")
    assert findings(report)["WV-MED-001"]["status"] == "waived"


def test_the_day_after_its_expiry_the_finding_keeps_its_status_and_says_so() -> None:
    code, report = run(DECL_B, as_of="2026-11-27")
    beds = findings(report)["WV-MED-001"]
    assert beds["status"] == "no-evidence"
    assert beds["message"].endswith("(waiver expired on 2026-11-26)")
    assert beds["waiver"]["in_force"] is False
    assert (code, report["results"][0]["verdict"]) == (1, "not-ready")


def test_an_expired_waiver_leaves_a_shortfall() -> None:
    code, report = run(DECL_A)
    training = findings(report)["WV-TRN-001"]
    assert training["status"] == "shortfall"
    assert "waiver expired on 2026-11-25" in training["message"]
    assert training["gaps"] == [
        {"criterion": "coverage", "required": 100, "declared": 90, "shortfall": 10, "unit": "personnel"}
    ]
    assert report["results"][0]["verdict"] == "not-ready"
    assert code == 1


# --- waivers that cannot apply ---------------------------------------------------------------


def test_a_requirement_that_is_not_waivable_ignores_waivers() -> None:
    _code, report = run(DECL_A)
    screening = findings(report)["WV-CON-001"]
    assert screening["status"] == "shortfall"
    assert "waiv" not in screening["message"]
    assert "waiver" not in screening
    warnings = report["results"][0]["warnings"]
    assert [w["location"]["line"] for w in warnings] == [waiver_line("WV-CON-001", '"*"')]
    assert "`WV-CON-001` is not waivable" in warnings[0]["message"]
    assert warnings[0]["level"] == "warning"
    assert report["results"][0]["verdict"] == "not-ready"


def test_a_waiver_matching_no_requirement_of_the_standards_used_is_a_top_level_warning() -> None:
    _, report = run(DECL_A, DECL_B)
    assert [(w["location"]["path"], w["location"]["line"], w["level"]) for w in report["warnings"]] == [
        (str(WAIVERS), waiver_line("WV-ZZZ-999", '"*"'), "warning")
    ]
    assert "`WV-ZZZ-999`" in report["warnings"][0]["message"]


def test_the_unmatched_waiver_warning_is_in_the_text_report_too() -> None:
    result = CliRunner().invoke(
        app,
        [
            "check",
            "--standards-path",
            str(DATA / "standards"),
            "--as-of",
            "2026-11-26",
            "--waivers",
            str(WAIVERS),
            str(DECL_B),
        ],
    )
    assert result.exit_code == 0
    assert "warning: waiver for `WV-ZZZ-999`" in result.output.replace("\n", " ")


def test_a_broken_waivers_file_stops_check_with_its_lines() -> None:
    broken = DATA.parent / "lint-waivers" / "missing-fields.yaml"
    result = CliRunner().invoke(
        app,
        [
            "check",
            "--standards-path",
            str(DATA / "standards"),
            "--as-of",
            "2026-11-26",
            "--waivers",
            str(broken),
            str(DECL_B),
        ],
    )
    assert result.exit_code == 2
    assert f"{broken}:{line_of(broken, 'requirement: WV-EQP-001')}:5:" in result.stderr
    assert "missing required key `reason`" in result.stderr


# --- the functions, directly -----------------------------------------------------------------


def test_find_waiver_prefers_one_in_force_and_matches_units() -> None:
    waivers = load_waivers(str(WAIVERS))
    day = dt.date(2026, 11, 26)
    found = find_waiver(waivers, "WV-EQP-001", "XB-TRN-02", day)
    assert found is not None and found.waiver.expires == dt.date(2027, 1, 31)
    assert find_waiver(waivers, "WV-TRN-001", "XB-TRN-02", day) is None  # for XA-TRN-01 only
    expired = find_waiver(waivers, "WV-TRN-001", "XA-TRN-01", day)
    assert expired is not None and expired.waiver.expires < day
    assert find_waiver(waivers, "WV-MED-001", "ANY-UNIT", day) is not None
    assert expired.location == Location(str(WAIVERS), waiver_line("WV-TRN-001", "XA-TRN-01"), 5)


def test_a_met_finding_is_left_alone_by_a_waiver() -> None:
    library = Library([str(DATA / "standards")])
    settings = Settings(library, dt.date(2026, 11, 26), waivers=load_waivers(str(WAIVERS)))
    result = check_file(str(DECL_B), settings)
    training = next(f for f in result.findings if f.requirement == "WV-TRN-001")
    assert (training.status, training.waiver) == ("met", None)
    waiver = find_waiver(settings.waivers, "WV-EQP-001", "XB-TRN-02", settings.as_of)
    assert apply_waiver(training, waiver, settings.as_of) is training
