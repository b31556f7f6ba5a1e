"""Every report format shows where a finding's thresholds come from: a field in JSON and SARIF,
a mark on an illustrative required amount in text, Markdown and HTML with a line saying what it
means, the words in JUnit and GitHub messages; and the gaps register, in every format and in the
HTML report, marks the totals that rest on one. The cases are in
``tests/cases/basis-reports.yaml``."""

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


def _id(case: dict[str, Any]) -> str:
    command = case.get("command", "check")
    return case["format"] if command == "check" else f"{command}-{case['format']}"


IDS = [_id(case) for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_format_marks_an_illustrative_threshold(cli: Any, case: dict[str, Any]) -> None:
    output = cli(case.get("command", "check"), EXAMPLE, "--as-of", AS_OF, "-f", case["format"]).stdout
    for text in case.get("contains", []):
        assert text in output
    for text in case.get("once", []):
        assert output.count(text) == 1, text
    for text in case.get("lacks", []):
        assert text not in output


def test_the_cases_are_each_a_command_and_format_once() -> None:
    assert len(set(IDS)) == len(IDS)


def test_the_gaps_json_says_which_amounts_are_illustrative(cli: Any) -> None:
    """Each line, unit share, country line and COE category: true where a placeholder sets or
    may set the amount, false where a source does."""
    register = cli("gaps", EXAMPLE, "--as-of", AS_OF, "-f", "json").json()
    lines = {line["what"]: line for line in register["lines"]}
    casevac, strength = lines["casevac_minutes.surgery"], lines["personnel.total"]
    assert casevac["illustrative"] is True and [u["illustrative"] for u in casevac["units"]] == [True]
    assert strength["illustrative"] is False and [u["illustrative"] for u in strength["units"]] == [False]
    (country,) = register["countries"]
    parts = {line["what"]: line["illustrative"] for line in country["lines"]}
    assert parts["casevac_minutes.surgery"] is True and parts["personnel.total"] is False
    assert register["coe_categories"] == [
        {"coe_category": "medical-dental-equipment", "items_short": 1, "units": 1, "illustrative": True}
    ]


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
