"""MOU shortfalls in the capacity-building register (``pkcheck gaps --mou``).

The cases are data: ``tests/data/mou/gaps.yaml``. Also here: every format of the register, and
the HTML check report's, shows an MOU line's requirement.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
CASES = YAML(typ="safe", pure=True).load((REPO / "tests" / "data" / "mou" / "gaps.yaml").read_text(encoding="utf-8"))
AS_OF = "2026-11-26"
XC = ("examples/xc-inf-03-not-ready.yaml", "--mou", "examples/mous/mou-xc-inf-03.yaml", "--as-of", AS_OF)


def _key(line: dict[str, Any]) -> tuple[str, str, str]:
    return line["category"], line["kind"], line["what"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(cli: Any, case: dict[str, Any]) -> None:
    run = cli("gaps", *case["args"], "--as-of", AS_OF, "--format", "json")
    assert run.exit_code == 0, run.stderr
    register = run.json()
    lines = {_key(line): line for line in register["lines"]}
    for category, kind, what, total, requirements, illustrative in case["lines"]:
        line = lines[(category, kind, what)]
        assert (line["total"], line["requirements"], line["illustrative"]) == (total, requirements, illustrative)
    named = {tuple(entry[:3]) for entry in case["lines"]}
    with_mou = {key for key, line in lines.items() if any(r.startswith("MOU:") for r in line["requirements"])}
    assert with_mou <= named, "an MOU finding counts in a line the case does not name"
    for entry in case.get("absent", []):
        assert tuple(entry) not in lines
    coe = {total["coe_category"]: total["items_short"] for total in register["coe_categories"]}
    assert {name: coe.get(name) for name in case["coe"]} == case["coe"]


@pytest.mark.parametrize("name", ["text", "markdown", "csv"])
def test_every_format_of_the_register_names_the_mou_line(cli: Any, name: str) -> None:
    run = cli("gaps", *XC, "--format", name)
    assert run.exit_code == 0, run.stderr
    assert "MOU:B-001" in run.stdout and "MOU:C-observation-night" in run.stdout
    assert "apc-wheeled-class-ii or apc-tracked" not in run.stdout


def test_the_html_reports_register_names_the_mou_line(cli: Any) -> None:
    run = cli("check", *XC, "--format", "html")
    assert 'id="gaps"' in run.stdout
    register = run.stdout.split('id="gaps"', 1)[1]
    assert "MOU:B-001" in register and "apc-wheeled-class-ii or apc-tracked" not in register


def test_gaps_with_mous_is_deterministic(cli: Any) -> None:
    runs = [cli("gaps", *XC, "--format", "json").stdout_bytes for _ in range(2)]
    assert runs[0] == runs[1]
