"""The example declarations give the results their documentation promises.

``examples/README.md`` and the comment at the top of each example (the ``x-about`` key of the
JSON one) list the verdict, with and
without ``examples/waivers.yaml``, and every requirement that is not ``met`` with its status
and gaps, as of 2026-11-26. These tests pin them, and ``--verbose`` and ``--version``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import pkcheck
from pkcheck.library import standards

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-26"
WAIVERS = "examples/waivers.yaml"
Gap = tuple[str, Any, Any, Any]  # criterion, required, declared, shortfall
ANY = ...  # a gap value the documentation does not give (the ``examples`` fixture's wildcard)

# Requirement id -> (status, gaps) for every requirement that is not met; from the headers.
NOT_MET: dict[str, dict[str, tuple[str, list[Gap]]]] = {
    "xa-inf-01-ready": {},
    "xb-inf-02-conditional": {
        "CORE-TRN-002": ("shortfall", [("coverage", 850, 790, 60)]),
        "INF-EQP-003": ("shortfall", [("serviceable", 9, 7, 2)]),
        "INF-PER-003": ("shortfall", [("min", 40, 35, 5)]),
        "CORE-PER-001": ("shortfall", [("min", 68, 50, 18)]),
    },
    "xc-inf-03-not-ready": {
        "CORE-TRN-001": ("shortfall", [("coverage", 812, 700, 112)]),
        "CORE-CND-001": ("shortfall", [("coverage", 812, 692, 120)]),
        "CORE-CND-003": ("shortfall", [("exists", "present", "absent", None)]),
        "INF-EQP-001": ("shortfall", [("serviceable", 23, 15, 8)]),
        "INF-MED-001": ("shortfall", [("staff.medical-officer", 2, 1, 1), ("staff.paramedic", 4, 3, 1)]),
        "INF-MED-005": ("shortfall", [("casevac_minutes.resuscitation", 60, 90, 30)]),
        "INF-PER-001": ("shortfall", [("min", 850, 812, 38)]),
        "INF-TRN-004": ("shortfall", [("count", 82, 60, 22)]),
        "INF-TRN-006": ("shortfall", [("coverage", 812, 412, 400)]),
        "INF-EQP-002": ("shortfall", [("quantity", 4, 2, 2)]),
        "INF-EQP-007": ("shortfall", [("includes", ANY, ANY, ["observation-night"])]),
        "INF-MED-004": ("shortfall", [("capabilities", ANY, ANY, ["forward-medical-team"])]),
        "CORE-SUS-001": ("no-evidence", []),
        "CORE-SUS-002": ("no-evidence", []),
        "CORE-SUS-003": ("no-evidence", []),
        "CORE-PER-001": ("shortfall", [("min", 65, 38, 27)]),
    },
    "xd-inf-04-high-threat-not-ready": {
        "INFHT-TRN-001": ("shortfall", [("coverage", 860, 600, 260)]),
        "INFHT-TRN-002": ("shortfall", [("count", 32, 16, 16)]),
        "INF-TRN-004": ("shortfall", [("count", 108, 90, 18)]),
        "INFHT-EQP-001": ("shortfall", [("quantity", 12, 6, 6)]),
        "INFHT-EQP-002": ("shortfall", [("quantity", 86, 60, 26)]),
        "INFHT-PER-001": ("shortfall", [("exists", "present", "absent", None)]),
        "INF-MED-005": ("no-evidence", []),
        "INFHT-TRN-003": ("shortfall", [("coverage", 860, 430, 430)]),
        "INFHT-EQP-003": ("shortfall", [("quantity", 2, 0, 2)]),
        "INFHT-EQP-004": ("shortfall", [("serviceable", 8, 6, 2)]),
    },
    "xe-inf-05-high-threat-ready": {},
    "xr-inf-06-high-threat-conditional": {
        "INFHT-TRN-003": ("shortfall", [("coverage", 870, 580, 290)]),
        "INFHT-EQP-003": ("shortfall", [("quantity", 2, 1, 1)]),
        "INF-MED-003": ("shortfall", [("supply_days", 60, 45, 15)]),
        "INF-PER-003": ("shortfall", [("min", 44, 38, 6)]),
    },
    # The convoy-escort overlay's `schema` checks: one gap per violation, at the node it concerns.
    "xs-inf-07-convoy-escort-conditional": {
        "CONV-SUS-002": (
            "shortfall",
            [
                ("conforming", "x-mission.routes.1.id", '"R-7" does not match `^R-[0-9]{2}$`', None),
                ("conforming", "x-mission.routes.1.reconnoitred", "false is not true", None),
            ],
        ),
    },
    "xt-inf-08-convoy-escort-not-ready": {
        "CONV-SUS-001": (
            "shortfall",
            [
                ("given", "x-mission.escort_vehicles", "must be given", None),
                ("conforming", "x-mission.convoy_escorts", "2 is less than the minimum of 4", None),
            ],
        ),
    },
    "xu-inf-09-convoy-escort-ready": {},
}
VERDICT = {
    "xa-inf-01-ready": "ready",
    "xb-inf-02-conditional": "conditional",
    "xc-inf-03-not-ready": "not-ready",
    "xd-inf-04-high-threat-not-ready": "not-ready",
    "xe-inf-05-high-threat-ready": "ready",
    "xr-inf-06-high-threat-conditional": "conditional",
    "xs-inf-07-convoy-escort-conditional": "conditional",
    "xt-inf-08-convoy-escort-not-ready": "not-ready",
    "xu-inf-09-convoy-escort-ready": "ready",
}
# The file of each example: all YAML but one, which shows that a declaration may be JSON.
FILE = {name: f"examples/{name}.{'json' if name == 'xe-inf-05-high-threat-ready' else 'yaml'}" for name in VERDICT}
# The standard chosen from unit.type and unit.mission, and its number of requirements: the
# infantry standard's 42 (17 from the core), 50 with the high-threat overlay's 8, or 44 with the
# convoy-escort overlay's 2.
INFANTRY, HIGH_THREAT = ("un-infantry-battalion", 42), ("un-infantry-battalion-high-threat", 50)
CONVOY_ESCORT = ("un-infantry-battalion-convoy-escort", 44)
STANDARD = {
    name: HIGH_THREAT if "high-threat" in name else CONVOY_ESCORT if "convoy-escort" in name else INFANTRY
    for name in VERDICT
}
# What examples/waivers.yaml changes: XB's generator shortfall is waived (its gap still
# reported); XC's APC waiver expired on 2026-01-31 and is ignored.
WAIVED = {"xb-inf-02-conditional": {"INF-EQP-003"}}


@pytest.mark.parametrize("waivers", [False, True], ids=["no-waivers", "waivers"])
@pytest.mark.parametrize("name", list(VERDICT))
def test_example(examples: Any, name: str, waivers: bool) -> None:
    """The documented verdict, and every requirement not met with its status and gaps."""
    result = examples.result(name, *(["--waivers", WAIVERS] if waivers else []))
    assert result["verdict"] == VERDICT[name]
    assert result["errors"] == [] and result["warnings"] == []
    standard, requirements = STANDARD[name]
    assert result["standard"]["id"] == standard
    assert len(result["findings"]) == requirements
    examples.assert_not_met(result, NOT_MET[name], WAIVED.get(name, set()) if waivers else set())


def test_the_fixture_finds_each_example_file(examples: Any) -> None:
    assert {name: examples.path(name) for name in VERDICT} == FILE


def test_expired_waiver_is_ignored_and_said(examples: Any) -> None:
    """XC's APC waiver expired on 2026-01-31: the finding stays a shortfall and says so."""
    finding = examples.finding(examples.result("xc-inf-03-not-ready", "--waivers", WAIVERS), "INF-EQP-001")
    assert finding["status"] == "shortfall"
    assert "waiver expired on 2026-01-31" in finding["message"]
    assert finding["waiver"]["in_force"] is False


def test_waiver_in_force(examples: Any) -> None:
    finding = examples.finding(examples.result("xb-inf-02-conditional", "--waivers", WAIVERS), "INF-EQP-003")
    assert finding["status"] == "waived"
    assert finding["waiver"]["in_force"] is True
    assert finding["waiver"]["expires"] == "2027-06-30"
    assert finding["waiver"]["location"] == {"path": WAIVERS, "line": 18, "column": 5}


def test_examples_folder(cli: Any) -> None:
    """The README's command: the folder is checked in name order; the waivers file in it is skipped."""
    run = cli("check", "examples/", "--as-of", AS_OF, "--format", "json")
    assert run.exit_code == 1
    results = [(r["declaration"]["path"], r["verdict"]) for r in run.json()["results"]]
    assert results == sorted(results)
    assert [r for r in results if r[0] in FILE.values()] == [(FILE[name], verdict) for name, verdict in VERDICT.items()]
    assert run.json()["warnings"] == []


def test_every_standard_for_a_unit_type_has_each_verdict(cli: Any) -> None:
    """Each shipped standard that applies to a unit type (overlays included) has a ready, a
    conditional and a not-ready example; the core, which applies to none, has none."""
    library = standards.Library([str(standards.shipped_folder())])
    for_unit_types = {sid for sid, loaded in library.standards.items() if loaded.model.unit_types}
    run = cli("check", "examples/", "--as-of", AS_OF, "--format", "json")
    verdicts: dict[str, set[str]] = {}
    for result in run.json()["results"]:
        verdicts.setdefault(result["standard"]["id"], set()).add(result["verdict"])
    assert set(verdicts) == for_unit_types
    assert all(found == {"ready", "conditional", "not-ready"} for found in verdicts.values()), verdicts


def test_high_threat_example_is_ready_for_an_ordinary_mission(examples: Any) -> None:
    """XD's header: forced onto the plain infantry standard, it meets all 42 requirements, and
    the report warns that its mission would have chosen the overlay."""
    result = examples.result("xd-inf-04-high-threat-not-ready", "--standard", "un-infantry-battalion")
    assert result["verdict"] == "ready"
    assert {f["status"] for f in result["findings"]} == {"met"} and len(result["findings"]) == 42
    (warning,) = result["warnings"]
    assert "would select the overlay `un-infantry-battalion-high-threat`" in warning["message"]


def test_a_standard_forced_onto_another_kind_of_unit_is_warned_about_at_its_type(examples: Any) -> None:
    """XF, a Formed Police Unit, forced onto the infantry standard is checked as asked, with a
    warning at `unit.type`; forced onto its own standard, it is not warned about."""
    result = examples.result("xf-fpu-01-ready", "--standard", "un-infantry-battalion")
    (warning,) = result["warnings"]
    expected = "`un-infantry-battalion` is a standard for `infantry-battalion`, not `formed-police-unit`"
    assert warning["message"].startswith(expected)
    text = Path("examples/xf-fpu-01-ready.yaml").read_text(encoding="utf-8").splitlines()
    assert "type: formed-police-unit" in text[warning["location"]["line"] - 1]
    assert result["standard"]["id"] == "un-infantry-battalion"
    assert examples.result("xf-fpu-01-ready", "--standard", "un-formed-police-unit")["warnings"] == []


def test_verbose_lists_met_requirements(cli: Any) -> None:
    """A met requirement appears in the text report only with ``--verbose``."""
    path = "examples/xb-inf-02-conditional.yaml"
    quiet = cli("check", path, "--as-of", AS_OF).stdout
    verbose = cli("check", path, "--as-of", AS_OF, "--verbose").stdout
    short = cli("check", path, "--as-of", AS_OF, "-v").stdout
    assert verbose == short
    for requirement in ("CORE-TRN-001", "INF-MED-005", "CORE-SUS-001"):  # met
        assert requirement not in quiet
        assert any(line.startswith(requirement) for line in verbose.splitlines()), requirement
    for requirement in NOT_MET["xb-inf-02-conditional"]:
        assert requirement in quiet
        assert requirement in verbose


def test_verbose_does_not_change_json(cli: Any) -> None:
    """JSON always lists every finding, met ones included."""
    path = "examples/xb-inf-02-conditional.yaml"
    args = ("check", path, "--as-of", AS_OF, "-f", "json")
    assert cli(*args).stdout == cli(*args, "-v").stdout


def test_version_via_python_m() -> None:
    """``python -m pkcheck --version`` works and prints the package version."""
    completed = subprocess.run(
        [sys.executable, "-m", "pkcheck", "--version"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"pkcheck {pkcheck.__version__}\n"
