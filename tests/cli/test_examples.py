"""The example declarations give the results their documentation promises.

``examples/README.md`` and the comment at the top of each example list the verdict, with and
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

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-26"
WAIVERS = "examples/waivers.yaml"
Gap = tuple[str, Any, Any, Any]  # criterion, required, declared, shortfall
ANY = ...  # a gap value the documentation does not give

# Requirement id -> (status, gaps) for every requirement that is not met; from the headers.
NOT_MET: dict[str, dict[str, tuple[str, list[Gap]]]] = {
    "xa-inf-01-ready": {},
    "xb-inf-02-conditional": {
        "INF-TRN-003": ("shortfall", [("coverage", 850, 790, 60)]),
        "INF-EQP-003": ("shortfall", [("serviceable", 9, 7, 2)]),
        "INF-PER-003": ("shortfall", [("min", 40, 35, 5)]),
        "INF-PER-002": ("shortfall", [("min", 128, 110, 18)]),
    },
    "xc-inf-03-not-ready": {
        "INF-TRN-001": ("shortfall", [("coverage", 812, 700, 112)]),
        "INF-CND-001": ("shortfall", [("coverage", 812, 692, 120)]),
        "INF-CND-003": ("shortfall", [("exists", "present", "absent", None)]),
        "INF-EQP-001": ("shortfall", [("serviceable", 23, 15, 8)]),
        "INF-MED-001": ("shortfall", [("staff.medical-officer", 2, 1, 1), ("staff.paramedic", 4, 3, 1)]),
        "INF-MED-005": ("shortfall", [("casevac_minutes.resuscitation", 60, 90, 30)]),
        "INF-PER-001": ("shortfall", [("min", 850, 812, 38)]),
        "INF-TRN-004": ("shortfall", [("count", 82, 60, 22)]),
        "INF-TRN-006": ("shortfall", [("coverage", 812, 412, 400)]),
        "INF-EQP-002": ("shortfall", [("quantity", 4, 2, 2)]),
        "INF-EQP-007": ("shortfall", [("includes", ANY, ANY, ["observation-night"])]),
        "INF-MED-004": ("shortfall", [("capabilities", ANY, ANY, ["forward-medical-team"])]),
        "INF-SUS-001": ("no-evidence", []),
        "INF-SUS-002": ("no-evidence", []),
        "INF-SUS-003": ("no-evidence", []),
        "INF-PER-002": ("shortfall", [("min", 122, 95, 27)]),
    },
}
VERDICT = {"xa-inf-01-ready": "ready", "xb-inf-02-conditional": "conditional", "xc-inf-03-not-ready": "not-ready"}
# What examples/waivers.yaml changes: XB's generator shortfall is waived (its gap still
# reported); XC's APC waiver expired on 2026-01-31 and is ignored.
WAIVED = {"xb-inf-02-conditional": {"INF-EQP-003"}}
REQUIREMENTS = 31


@pytest.mark.parametrize("waivers", [False, True], ids=["no-waivers", "waivers"])
@pytest.mark.parametrize("name", list(VERDICT))
def test_example(examples: Any, name: str, waivers: bool) -> None:
    """The documented verdict, and every requirement not met with its status and gaps."""
    result = examples.result(name, *(["--waivers", WAIVERS] if waivers else []))
    assert result["verdict"] == VERDICT[name]
    assert result["errors"] == []
    assert len(result["findings"]) == REQUIREMENTS
    waived = WAIVED.get(name, set()) if waivers else set()
    examples.assert_not_met(result, NOT_MET[name], waived)


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
    assert [r for r in results if r[0].removeprefix("examples/").removesuffix(".yaml") in VERDICT] == [
        (f"examples/{name}.yaml", verdict) for name, verdict in VERDICT.items()
    ]
    assert run.json()["warnings"] == []


def test_verbose_lists_met_requirements(cli: Any) -> None:
    """A met requirement appears in the text report only with ``--verbose``."""
    path = "examples/xb-inf-02-conditional.yaml"
    quiet = cli("check", path, "--as-of", AS_OF).stdout
    verbose = cli("check", path, "--as-of", AS_OF, "--verbose").stdout
    short = cli("check", path, "--as-of", AS_OF, "-v").stdout
    assert verbose == short
    for requirement in ("INF-TRN-001", "INF-MED-005", "INF-SUS-001"):  # met
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
