"""Every report format shows where a finding's thresholds come from: a field in JSON and SARIF,
a mark on an illustrative required amount in text, Markdown and HTML with a line saying what it
means, the words in JUnit and GitHub messages. The cases are in ``tests/cases/basis-reports.yaml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

CASES = YAML(typ="safe", pure=True).load(
    (Path(__file__).parents[1] / "cases" / "basis-reports.yaml").read_text("utf-8")
)["cases"]
EXAMPLE = "examples/xm-l2h-02-not-ready.yaml"
AS_OF = "2026-11-26"


@pytest.mark.parametrize("case", CASES, ids=[case["format"] for case in CASES])
def test_each_format_marks_an_illustrative_threshold(cli: Any, case: dict[str, Any]) -> None:
    output = cli("check", EXAMPLE, "--as-of", AS_OF, "-f", case["format"]).stdout
    for text in case.get("contains", []):
        assert text in output
    for text in case.get("lacks", []):
        assert text not in output


def _findings(cli: Any) -> dict[str, dict[str, Any]]:
    report = cli("check", EXAMPLE, "--as-of", AS_OF, "-f", "json").json()
    return {f["requirement"]: f for f in report["results"][0]["findings"]}


def test_json_gives_each_threshold_its_basis(cli: Any) -> None:
    findings = _findings(cli)
    assert findings["L2H-PER-001"]["illustrative"] is False
    assert findings["L2H-PER-001"]["basis"] == [
        {
            "threshold": "min",
            "parameter": "l2_strength",
            "reference": "msm-levels",
            "locator": "Level 2, staffing: 57, or 67 with an aeromedical evacuation team",
        }
    ]
    assert findings["L2H-MED-008"]["illustrative"] is True
    assert [b["threshold"] for b in findings["L2H-MED-008"]["basis"]] == ["casevac_minutes"]
    assert findings["L2H-MED-008"]["basis"][0]["illustrative"].startswith("set by the mission's CASEVAC plan")
    # a check without thresholds has no basis, and nothing illustrative
    assert findings["CORE-CND-002"]["basis"] == [] and findings["CORE-CND-002"]["illustrative"] is False


def test_sarif_properties_carry_the_same(cli: Any) -> None:
    findings = _findings(cli)
    sarif = cli("check", EXAMPLE, "--as-of", AS_OF, "-f", "sarif").json()
    for result in sarif["runs"][0]["results"]:
        finding = findings[result["ruleId"]]
        assert result["properties"]["basis"] == finding["basis"]
        assert result["properties"]["illustrative"] == finding["illustrative"]


def test_a_report_without_illustrative_amounts_has_no_legend(cli: Any) -> None:
    output = cli("check", "examples/xa-inf-01-ready.yaml", "--as-of", AS_OF).stdout
    assert "(illustrative)" not in output
