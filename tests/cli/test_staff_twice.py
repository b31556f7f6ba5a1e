"""Medical staff are declared in ``medical.staff`` and, as roles of the unit, in
``personnel.roles``: where the two disagree, ``check`` and ``lint`` warn at the medical role,
and the declaration is still checked as written. The cases are in ``tests/cases/staff.yaml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

CASES = YAML(typ="safe", pure=True).load((Path(__file__).parents[1] / "cases" / "staff.yaml").read_text("utf-8"))
AS_OF = "2026-11-26"


def _write(tmp_path: Path, case: dict[str, Any]) -> str:
    path = tmp_path / "hospital.yaml"
    path.write_text(case["declaration"], encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("case", CASES["cases"], ids=[case["name"] for case in CASES["cases"]])
def test_check_warns_where_the_sections_disagree_and_checks_as_written(
    cli: Any, tmp_path: Path, case: dict[str, Any]
) -> None:
    path = _write(tmp_path, case)
    result = cli("check", path, "--as-of", AS_OF, "-f", "json").json()["results"][0]
    warned = [f"{w['location']['line']}:{w['location']['column']}: {w['message']}" for w in result["warnings"]]
    assert warned == case["warnings"]
    assert all(w["level"] == "warning" for w in result["warnings"])
    statuses = {f["requirement"]: f["status"] for f in result["findings"]}
    assert {key: statuses[key] for key in case.get("statuses", {})} == case.get("statuses", {})


@pytest.mark.parametrize("case", CASES["cases"], ids=[case["name"] for case in CASES["cases"]])
def test_lint_gives_the_same_warnings(cli: Any, tmp_path: Path, case: dict[str, Any]) -> None:
    path = _write(tmp_path, case)
    run = cli("lint", path)
    assert run.exit_code == 0
    assert [line for line in run.stdout.splitlines() if line.startswith(path)] == [
        f"{path}:{warning.replace(': ', ': warning: ', 1)}" for warning in case["warnings"]
    ]
    strict = cli("lint", "--strict", path)
    assert strict.exit_code == (2 if case["warnings"] else 0)


def test_the_text_report_shows_the_warning_at_its_line(cli: Any, tmp_path: Path) -> None:
    case = CASES["cases"][1]
    path = _write(tmp_path, case)
    run = cli("check", path, "--as-of", AS_OF)
    assert f"{path}:11:5: warning: `medical.staff.surgeon` is 2 but `personnel.roles.surgeon` is 1" in run.stdout
