"""Each country's share of women against its units' gender parity target, added up once
(``pkcheck.analyses.parity``) and shown by the check report and the gaps register. The cases are
in ``tests/cases/women-by-country.yaml``."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pkcheck import api
from pkcheck.analyses import gaps, parity
from pkcheck.enums import Category
from pkcheck.formats import gaps_csv, gaps_json, gaps_markdown, gaps_text, json_report, markdown, text

ROOT = Path(__file__).resolve().parents[2]
CASES_FILE = ROOT / "tests" / "cases" / "women-by-country.yaml"
CASES = YAML(typ="safe", pure=True).load(CASES_FILE.read_text("utf-8"))["cases"]
AS_OF = dt.date(2026, 11, 26)


def _declaration(example: str, changes: dict[str, Any]) -> str:
    source = (ROOT / "examples" / example).read_text("utf-8")
    for key, value in changes.items():
        pattern = re.compile(rf"^(  {key}: ).*\n", re.MULTILINE)
        assert pattern.search(source), (example, key)
        source = pattern.sub("" if value == "none" else rf"\g<1>{value}\n", source, count=1)
    return source


def _report(units: list[dict[str, Any]], folder: Path) -> api.Report:
    paths = []
    for index, unit in enumerate(units):
        path = folder / f"{index}-{unit['example']}"
        path.write_text(_declaration(unit["example"], unit.get("set", {})), "utf-8")
        paths.append(str(path))
    return api.check(paths, as_of=AS_OF)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_lines(case: dict[str, Any], tmp_path: Path) -> None:
    found = [parity.to_json(line) for line in parity.country_shares(_report(case["units"], tmp_path))]
    expected = [{**line, "target_from": str(line["target_from"])} for line in case["lines"]]
    assert [{key: line[key] for key in expected[0]} for line in found] == expected


def test_every_format_shows_the_lines(tmp_path: Path) -> None:
    report = _report(CASES[0]["units"], tmp_path)
    register = gaps.build(report)
    assert len(register.women) == 2
    for output in (text.render(report, width=80), markdown.render(report), gaps_text.render(register, width=80)):
        assert "8 % from 2021-01-01" in output and "12 % from 2022-01-01" in output
        assert "DPO measures the targets per contributing country" in output
    assert gaps_markdown.render(register).count("| ZZ |") == 2
    assert '"women-share","women","50 women of 850 (5.9 %), target 8 % from 2021-01-01"' in gaps_csv.render(register)
    assert '"women_by_country"' in json_report.render(report) and '"women_by_country"' in gaps_json.render(register)


def test_the_register_leaves_the_lines_out_where_its_filters_leave_out_the_target(tmp_path: Path) -> None:
    report = _report(CASES[0]["units"], tmp_path)
    assert gaps.build(report, gaps.Filters(categories=(Category.TRAINING,))).women == ()
    assert gaps.build(report, gaps.Filters(countries=("XX",))).women == ()
    assert len(gaps.build(report, gaps.Filters(countries=("ZZ",), categories=(Category.PERSONNEL,))).women) == 2
