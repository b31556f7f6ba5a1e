"""The engineer company and EOD company examples: the verdict and the findings not met that
the README and each example's header give, as of 2026-11-26, with and without the waivers
file (none of its waivers concerns these units)."""

from __future__ import annotations

from typing import Any

import pytest

Gap = tuple[str, Any, Any, Any]  # criterion, required, declared, shortfall
EXISTS: list[Gap] = [("exists", "present", "absent", None)]
# A CASEVAC plan declared without its rehearsal (CORE-MED-001).
NO_REHEARSAL: list[Gap] = [("includes", ["casevac-plan", "casevac-rehearsal"], ["casevac-plan"], ["casevac-rehearsal"])]

# Requirement id -> (status, gaps) for every requirement that is not met; from the headers.
NOT_MET: dict[str, dict[str, tuple[str, list[Gap]]]] = {
    "xv-eng-01-ready": {},
    "xv-eng-02-conditional": {
        "ENG-TRN-002": ("shortfall", [("coverage", 26, 22, 4)]),
        "ENG-EQP-002": ("shortfall", [("quantity", 4, 3, 1)]),
        "ENG-MED-002": ("shortfall", [("supply_days", 60, 45, 15)]),
        "ENG-TRN-005": ("shortfall", [("coverage", 160, 120, 40)]),
        "CORE-PER-001": ("shortfall", [("min", 13, 8, 5)]),
    },
    "xv-eng-03-not-ready": {
        "ENG-EQP-001": ("shortfall", [("serviceable", 8, 6, 2)]),
        "ENG-MED-001": ("shortfall", [("staff.medical-officer", 2, 1, 1)]),
        "CORE-CND-002": ("shortfall", EXISTS),
        "ENG-PER-003": ("shortfall", [("min", 24, 20, 4)]),
        "CORE-MED-001": ("shortfall", NO_REHEARSAL),
        "CORE-SUS-001": ("no-evidence", []),
        "CORE-SUS-002": ("no-evidence", []),
        "CORE-SUS-003": ("no-evidence", []),
    },
    "xw-eod-01-ready": {},
    "xw-eod-02-conditional": {
        "EOD-TRN-003": ("shortfall", [("coverage", 12, 6, 6)]),
        "EOD-EQP-005": ("shortfall", [("serviceable", 11, 9, 2)]),
        "EOD-MED-003": ("shortfall", [("quantity", 4, 3, 1)]),
        "CORE-PER-001": ("shortfall", [("min", 7, 4, 3)]),
    },
    "xw-eod-03-not-ready": {
        "EOD-TRN-001": ("shortfall", [("coverage", 4, 2, 2)]),
        "EOD-EQP-002": ("shortfall", [("quantity", 2, 1, 1)]),
        "CORE-MED-001": ("shortfall", NO_REHEARSAL),
        "EOD-PER-004": ("shortfall", [("min", 12, 10, 2)]),
    },
}
VERDICT = {
    "xv-eng-01-ready": "ready",
    "xv-eng-02-conditional": "conditional",
    "xv-eng-03-not-ready": "not-ready",
    "xw-eod-01-ready": "ready",
    "xw-eod-02-conditional": "conditional",
    "xw-eod-03-not-ready": "not-ready",
}
# The standard each example is checked against (selected by unit type), with its size.
STANDARD = {
    "eng": ("un-engineer-company", 38),
    "eod": ("un-eod-company", 38),
}


@pytest.mark.parametrize("waivers", [None, set()], ids=["no-waivers", "waivers"])
@pytest.mark.parametrize("name", list(VERDICT))
def test_example(examples: Any, name: str, waivers: set[str] | None) -> None:
    examples.assert_documented(name, STANDARD[name.split("-")[1]], VERDICT[name], NOT_MET[name], waivers)


def test_detectors_follow_the_declared_searchers(examples: Any) -> None:
    """XW-EOD-03 declares ten searchers, so ten detectors are required, not the twelve the
    team parameters would give (EOD-EQP-005 reads personnel.roles.searcher)."""
    finding = examples.finding(examples.result("xw-eod-03-not-ready"), "EOD-EQP-005")
    assert finding["status"] == "met"
    assert finding["message"].endswith("; 10 required")


def test_the_folder_reports_them_in_name_order(examples: Any) -> None:
    assert examples.in_folder(list(VERDICT)) == [
        (f"examples/{name}.yaml", verdict) for name, verdict in VERDICT.items()
    ]
