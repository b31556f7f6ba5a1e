"""The Formed Police Unit, hospital, helicopter unit and military police company examples give the
results their documentation promises.

``examples/README.md`` and the comment at the top of each example list the verdict, with and
without ``examples/waivers.yaml``, and every requirement that is not ``met`` with its status
and gaps, as of 2026-11-26. These tests pin them, as ``test_examples.py`` does for the infantry
examples.
"""

from __future__ import annotations

from typing import Any

import pytest

AS_OF = "2026-11-26"
WAIVERS = "examples/waivers.yaml"
Gap = tuple[str, Any, Any, Any]  # criterion, required, declared, shortfall
ANY = ...  # a gap value the documentation does not give
EXISTS: list[Gap] = [("exists", "present", "absent", None)]
# A CASEVAC plan declared without its rehearsal (CORE-MED-001).
NO_REHEARSAL: list[Gap] = [("includes", ["casevac-plan", "casevac-rehearsal"], ["casevac-plan"], ["casevac-rehearsal"])]

# Requirement id -> (status, gaps) for every requirement that is not met; from the headers.
NOT_MET: dict[str, dict[str, tuple[str, list[Gap]]]] = {
    "xf-fpu-01-ready": {},
    "xg-fpu-02-conditional": {
        "FPU-TRN-006": ("shortfall", [("coverage", 150, 110, 40)]),
        "FPU-EQP-002": ("shortfall", [("serviceable", 108, 96, 12)]),
        "FPU-TRN-007": ("shortfall", [("coverage", 14, 8, 6)]),
        "CORE-PER-001": ("shortfall", [("min", 18, 12, 6)]),
    },
    "xh-fpu-03-not-ready": {
        "FPU-PER-002": ("shortfall", [("min", 120, 104, 16)]),
        "FPU-TRN-002": ("shortfall", [("coverage", 104, 86, 18)]),
        "FPU-TRN-008": ("shortfall", [("exists", "present", "absent", None)]),
        "FPU-EQP-001": ("shortfall", [("serviceable", 9, 5, 4)]),
        "FPU-MED-002": ("no-evidence", []),
        "FPU-PER-001": ("shortfall", [("min", 140, 132, 8)]),
        "FPU-PER-003": ("shortfall", [("min", 12, 10, 2)]),
        "FPU-PER-004": ("shortfall", [("min", 10, 7, 3)]),
        "FPU-MED-001": ("shortfall", [("staff.paramedic", 2, 1, 1)]),
        "CORE-SUS-001": ("no-evidence", []),
        "CORE-SUS-002": ("no-evidence", []),
        "CORE-SUS-003": ("no-evidence", []),
        "CORE-PER-001": ("shortfall", [("min", 16, 5, 11)]),
    },
    "xj-l1h-01-ready": {},
    "xk-l2h-01-conditional": {
        "L2H-MED-005": ("shortfall", [("supply_days", 60, 45, 15)]),
        "L2H-EQP-004": ("shortfall", [("serviceable", 2, 1, 1)]),
        "L2H-TRN-003": ("shortfall", [("coverage", 7, 5, 2)]),
        "L2H-MED-010": ("shortfall", [("capabilities", ANY, ANY, ["gynaecology", "internal-medicine"])]),
    },
    "xm-l2h-02-not-ready": {
        "L2H-MED-001": ("shortfall", [("staff.anaesthetist", 1, 0, 1)]),
        "L2H-MED-003": ("shortfall", [("surgeries_per_day", 3, 2, 1)]),
        "L2H-MED-007": ("shortfall", [("capabilities", ANY, ANY, ["blood-transfusion"])]),
        "L2H-MED-008": ("shortfall", [("casevac_minutes.surgery", 120, 150, 30)]),
        "CORE-CND-002": ("shortfall", [("exists", "present", "absent", None)]),
        "L2H-PER-001": ("shortfall", [("min", 57, 51, 6)]),
        "L2H-MED-002": ("shortfall", [("staff.nurse", 12, 9, 3), ("staff.radiographer", 1, 0, 1)]),
        "L2H-MED-006": ("shortfall", [("capabilities", ANY, ANY, ["x-ray"])]),
        "L2H-TRN-002": ("shortfall", [("coverage", 2, 1, 1)]),
        "L2H-EQP-002": ("shortfall", [("quantity", 1, 0, 1)]),
        "CORE-SUS-001": ("no-evidence", []),
        "L2H-TRN-003": ("shortfall", [("coverage", 5, 3, 2)]),
        "L2H-MED-010": (
            "shortfall",
            [("capabilities", ANY, ANY, ["gynaecology", "internal-medicine", "diagnostic-radiology"])],
        ),
        "CORE-PER-001": ("shortfall", [("min", 5, 3, 2)]),
    },
    "xn-l1h-02-conditional": {
        "L1H-TRN-002": ("shortfall", [("coverage", 5, 3, 2)]),
        "L1H-EQP-001": ("shortfall", [("serviceable", 2, 1, 1)]),
        "L1H-MED-003": ("shortfall", [("supply_days", 60, 40, 20)]),
        "L1H-MED-007": ("shortfall", [("capabilities", ANY, ANY, ["laboratory"])]),
    },
    "xp-l1h-03-not-ready": {
        "CORE-TRN-001": ("shortfall", [("coverage", 10, 7, 3)]),
        "L1H-MED-001": ("shortfall", [("staff.medical-officer", 2, 1, 1)]),
        "L1H-MED-005": ("shortfall", [("casevac_minutes.resuscitation", 60, 75, 15)]),
        "L1H-PER-001": ("shortfall", [("min", 11, 10, 1)]),
        "L1H-MED-004": ("shortfall", [("capabilities", ANY, ANY, ["forward-medical-team"])]),
        "L1H-EQP-002": ("shortfall", [("serviceable", 1, 0, 1)]),
        "CORE-SUS-002": ("shortfall", [("min", 30, 21, 9)]),
        "CORE-PER-001": ("shortfall", [("min", 1, 0, 1)]),
    },
    "xq-l2h-03-ready": {},
    "xw-hel-01-ready": {},
    "xw-hel-02-conditional": {
        "HEL-TRN-002": ("shortfall", [("count", 6, 4, 2)]),
        "HEL-EQP-005": ("shortfall", [("serviceable", 3, 2, 1)]),
        "HEL-TRN-008": ("shortfall", [("coverage", 6, 4, 2)]),
        "CORE-PER-001": ("shortfall", [("min", 10, 6, 4)]),
    },
    "xw-hel-03-not-ready": {
        "HEL-PER-001": ("shortfall", [("min", 12, 10, 2)]),
        "HEL-TRN-001": ("shortfall", [("coverage", 10, 8, 2)]),
        "HEL-MED-001": ("shortfall", [("coverage", 10, 7, 3)]),
        "HEL-EQP-001": ("shortfall", [("serviceable", 3, 2, 1)]),
        "HEL-EQP-002": ("shortfall", EXISTS),
        "HEL-PER-005": ("shortfall", [("min", 10, 6, 4)]),
        "HEL-EQP-003": ("shortfall", [("serviceable", 9, 8, 1)]),
        "CORE-MED-001": ("shortfall", NO_REHEARSAL),
    },
    "xy-mpc-01-ready": {},
    "xy-mpc-02-conditional": {
        "MP-TRN-003": ("shortfall", [("coverage", 8, 5, 3)]),
        "MP-EQP-001": ("shortfall", [("serviceable", 15, 12, 3)]),
        "MP-EQP-002": ("shortfall", [("quantity", 6, 4, 2)]),
        "MP-PER-004": ("shortfall", [("min", 8, 5, 3)]),
    },
    "xy-mpc-03-not-ready": {
        "MP-TRN-002": ("shortfall", [("coverage", 90, 72, 18)]),
        "MP-TRN-004": ("shortfall", [("coverage", 118, 100, 18)]),
        "MP-PER-001": ("shortfall", [("min", 120, 118, 2)]),
        "MP-PER-002": ("shortfall", [("min", 8, 6, 2)]),
        "MP-EQP-005": ("shortfall", [("quantity", 1, 0, 1)]),
        "CORE-MED-001": ("shortfall", NO_REHEARSAL),
        "CORE-SUS-001": ("no-evidence", []),
        "CORE-SUS-002": ("no-evidence", []),
        "CORE-SUS-003": ("no-evidence", []),
        "CORE-PER-001": ("shortfall", [("min", 10, 4, 6)]),
    },
}
VERDICT = {
    "xf-fpu-01-ready": "ready",
    "xg-fpu-02-conditional": "conditional",
    "xh-fpu-03-not-ready": "not-ready",
    "xj-l1h-01-ready": "ready",
    "xk-l2h-01-conditional": "conditional",
    "xm-l2h-02-not-ready": "not-ready",
    "xn-l1h-02-conditional": "conditional",
    "xp-l1h-03-not-ready": "not-ready",
    "xq-l2h-03-ready": "ready",
    "xw-hel-01-ready": "ready",
    "xw-hel-02-conditional": "conditional",
    "xw-hel-03-not-ready": "not-ready",
    "xy-mpc-01-ready": "ready",
    "xy-mpc-02-conditional": "conditional",
    "xy-mpc-03-not-ready": "not-ready",
}
# The standard each example is checked against (selected by unit type), with its chain and size.
STANDARD = {
    "fpu": ("un-formed-police-unit", 41),
    "l1h": ("un-level-1-hospital", 30),
    "l2h": ("un-level-2-hospital", 35),
    "hel": ("un-utility-helicopter-unit", 42),
    "mpc": ("un-military-police-company", 39),
}
# What examples/waivers.yaml changes: one finding waived in XG, XH, XK, XW-HEL-02 and XY-MPC-02
# (gaps still reported); XM's waiver expired on 2026-10-31 and is ignored.
WAIVED = {
    "xg-fpu-02-conditional": {"FPU-EQP-002"},
    "xh-fpu-03-not-ready": {"FPU-PER-003"},
    "xk-l2h-01-conditional": {"L2H-EQP-004"},
    "xw-hel-02-conditional": {"HEL-EQP-005"},
    "xy-mpc-02-conditional": {"MP-EQP-001"},
}


@pytest.mark.parametrize("waivers", [False, True], ids=["no-waivers", "waivers"])
@pytest.mark.parametrize("name", list(VERDICT))
def test_example(examples: Any, name: str, waivers: bool) -> None:
    """The documented verdict, and every requirement not met with its status and gaps."""
    waived = WAIVED.get(name, set()) if waivers else None
    examples.assert_documented(name, STANDARD[name.split("-")[1]], VERDICT[name], NOT_MET[name], waived)


def test_fpu_women_target_is_the_fpu_one(examples: Any) -> None:
    """The FPU standard's women_target (12 % in 2027) replaces the core's troop target (8 %)."""
    finding = examples.finding(examples.result("xg-fpu-02-conditional"), "CORE-PER-001")
    assert finding["gaps"][0]["required"] == 18  # ceil(150 x 0.12), not ceil(150 x 0.08) = 12
    assert finding["scheduled"] == ["women_target 0.12 from 2022-01-01"]


@pytest.mark.parametrize(
    ("name", "requirement", "expires"),
    [
        ("xg-fpu-02-conditional", "FPU-EQP-002", "2027-05-31"),
        ("xh-fpu-03-not-ready", "FPU-PER-003", "2027-04-30"),
        ("xk-l2h-01-conditional", "L2H-EQP-004", "2027-04-30"),
        ("xw-hel-02-conditional", "HEL-EQP-005", "2027-05-31"),
        ("xy-mpc-02-conditional", "MP-EQP-001", "2027-04-30"),
    ],
)
def test_waiver_in_force(examples: Any, name: str, requirement: str, expires: str) -> None:
    finding = examples.finding(examples.result(name, "--waivers", WAIVERS), requirement)
    assert finding["status"] == "waived"
    assert finding["waiver"]["in_force"] is True
    assert finding["waiver"]["expires"] == expires
    assert finding["gaps"], "a waived finding still reports its gaps"


def test_expired_waiver_is_ignored_and_said(examples: Any) -> None:
    """XM's anaesthetist waiver expired on 2026-10-31: the finding stays a critical shortfall."""
    finding = examples.finding(examples.result("xm-l2h-02-not-ready", "--waivers", WAIVERS), "L2H-MED-001")
    assert finding["status"] == "shortfall"
    assert "waiver expired on 2026-10-31" in finding["message"]
    assert finding["waiver"]["in_force"] is False


def test_airworthiness_cannot_be_waived(cli: Any, tmp_path: Any) -> None:
    """XW-HEL-03 has no airworthiness certificate (HEL-EQP-002, critical); the requirement is not
    waivable, so a waiver for it is a lint error at its line."""
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "pkcheck: waivers/v1\nwaivers:\n  - requirement: HEL-EQP-002\n    unit: XW-HEL-03\n"
        "    reason: certificate to follow\n    approved_by: Force Generation Service\n    expires: 2027-06-30\n",
        encoding="utf-8",
    )
    run = cli("lint", str(waivers))
    assert run.exit_code == 2
    assert any("`HEL-EQP-002` is not waivable" in line for line in run.lines())


def test_examples_folder_includes_them_in_name_order(cli: Any, examples: Any) -> None:
    """Checking the folder reports these examples, in name order, with their verdicts."""
    run = cli("check", "examples/", "--as-of", AS_OF, "--format", "json")
    results = [(r["declaration"]["path"], r["verdict"]) for r in run.json()["results"]]
    assert results == sorted(results)
    assert examples.in_folder(list(VERDICT)) == [
        (f"examples/{name}.yaml", verdict) for name, verdict in VERDICT.items()
    ]
