"""``pkcheck progress``: units followed over several dated reports. The dated runs and what the
progress says of them are in ``tests/cases/progress.yaml``; the bad inputs, the formats and the
shipped example are below. (``test_progress.py`` is the progress bar's.)"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).parents[2]
CASES = YAML(typ="safe", pure=True).load((REPO / "tests" / "cases" / "progress.yaml").read_text("utf-8"))["cases"]
EXAMPLE = REPO / "examples" / "progress"
XB = "examples/xb-inf-02-conditional.yaml"
SCHEMA = json.loads((REPO / "pkcheck" / "schemas" / "progress.schema.json").read_text("utf-8"))


def _reports(cli: Any, tmp_path: Path, case: dict[str, Any]) -> list[str]:
    """Each run of the case written as a report; their files, in the case's order."""
    copies = {}
    for name, copy in case.get("copies", {}).items():
        text = (REPO / copy["from"]).read_text("utf-8")
        for old, new in copy["replace"]:
            assert text.count(old) == 1, (name, old)
            text = text.replace(old, new)
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        copies[name] = str(path)
    paths = []
    for index, args in enumerate(case["runs"]):
        path = tmp_path / f"report-{index}.json"
        run = cli("check", *(a.format(**copies) for a in args), "-f", f"json={path}")
        assert run.exit_code in (0, 1, 2), run.stderr
        paths.append(str(path))
    order = case.get("order", list(range(len(paths)))[::-1])
    return [paths[i] for i in order]


def _report(cli: Any, *args: str, name: Path) -> str:
    run = cli("check", *args, "-f", f"json={name}")
    assert run.exit_code in (0, 1), run.stderr
    return str(name)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_each_unit_over_the_dates(cli: Any, tmp_path: Path, case: dict[str, Any]) -> None:
    reports = _reports(cli, tmp_path, case)
    run = cli("progress", *reports, "-f", "json")
    assert run.exit_code == 0, run.stderr
    progress = run.json()
    jsonschema.validate(progress, SCHEMA)
    dates = [a["as_of"] for a in progress["assessments"]]
    assert dates == sorted(dates) and len(dates) == len(case["runs"])
    units = {u["unit"]: u for u in progress["units"]}
    for unit, verdicts in case.get("verdicts", {}).items():
        assert [d["verdict"] for d in units[unit]["dates"]] == verdicts
        assert [d["assessed"] for d in units[unit]["dates"]] == [v is not None for v in verdicts]
    for unit, counts in case.get("open", {}).items():
        assert [d["open"] for d in units[unit]["dates"]] == counts
        for day in units[unit]["dates"]:
            if day["assessed"]:
                assert sum(day["by_severity"].values()) == sum(day["by_category"].values()) == day["open"]
                assert [f["requirement"] for f in day["findings"]] == [
                    f["requirement"]
                    for f in sorted(day["findings"], key=lambda f: (SEVERITY_RANK[f["severity"]], f["requirement"]))
                ]
    for unit, changes in case.get("changes", {}).items():
        found = []
        for change in units[unit]["changes"]:
            if not change["compared"]:
                assert change["closed"] == change["opened"] == []
                found.append("not-compared")
            else:
                found.append(
                    [
                        change["verdict_before"],
                        change["verdict_after"],
                        sorted(f["requirement"] for f in change["closed"]),
                        sorted(f["requirement"] for f in change["opened"]),
                    ]
                )
        assert found == changes
    countries = {c["country"]: c for c in progress["countries"]}
    for country, per_date in case.get("countries", {}).items():
        assert [[d["units"], d["open"]] for d in countries[country]["dates"]] == per_date
    # The order the reports are given in does not matter, to the byte.
    again = cli("progress", *reversed(reports), "-f", "json")
    assert again.stdout == run.stdout


SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2, "advisory": 3}


def test_two_reports_of_the_same_date_are_a_located_error(cli: Any, tmp_path: Path) -> None:
    first = _report(cli, XB, "--as-of", "2026-11-26", name=tmp_path / "a.json")
    second = _report(cli, XB, "--as-of", "2026-11-26", name=tmp_path / "b.json")
    run = cli("progress", first, second)
    assert run.exit_code == 2 and run.stdout == ""
    line = next(n for n, text in enumerate(Path(second).read_text("utf-8").splitlines(), 1) if '"as_of"' in text)
    assert run.stderr == (
        f"{second}:{line}:3: this report is as of 2026-11-26, as {first} is: give one report per date\n"
    )
    assert cli("progress", first, first).exit_code == 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("pkcheck: declaration/v1\n", "not JSON from here on"),
        ('{"pkcheck": "gaps/v1"}', "this is not a `report/v1` report"),
        ('{"pkcheck": "report/v1", "as_of": "2026-13-01"}', "report.json:1:"),
    ],
    ids=["yaml", "another-kind", "bad-date"],
)
def test_a_file_that_is_not_a_report_is_exit_2(cli: Any, tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "report.json"
    path.write_text(content, encoding="utf-8")
    good = _report(cli, XB, "--as-of", "2026-11-26", name=tmp_path / "good.json")
    run = cli("progress", good, str(path))
    assert run.exit_code == 2 and run.stdout == ""
    assert expected in run.stderr and "Traceback" not in run.stderr


def test_reports_of_other_versions_are_accepted_with_a_warning(cli: Any, tmp_path: Path) -> None:
    first = _report(cli, XB, "--as-of", "2026-06-01", name=tmp_path / "a.json")
    second = _report(cli, XB, "--as-of", "2026-11-26", name=tmp_path / "b.json")
    data = json.loads(Path(first).read_text("utf-8"))
    data["tool"]["version"] = "0.0.1"
    Path(first).write_text(json.dumps(data), encoding="utf-8")
    run = cli("progress", first, second, "-f", "json")
    assert run.exit_code == 0
    assert "pkcheck: warning: the reports were written by different versions of pkcheck (0.0.1, " in run.stderr
    assert run.json()["notes"] and run.json()["assessments"][0]["tool_version"] == "0.0.1"


def test_the_output_never_replaces_a_report(cli: Any, tmp_path: Path) -> None:
    first = _report(cli, XB, "--as-of", "2026-06-01", name=tmp_path / "a.json")
    before = Path(first).read_bytes()
    run = cli("progress", first, "-f", f"json={first}")
    assert run.exit_code == 2 and "is also an input of this run (a report)" in run.stderr
    assert Path(first).read_bytes() == before


def _example(cli: Any, *args: str) -> Any:
    reports = sorted(str(p.relative_to(REPO)) for p in EXAMPLE.glob("*.json"))
    return cli("progress", *reports, *args)


def test_the_csv_has_a_row_per_unit_and_date(cli: Any, tmp_path: Path) -> None:
    written = tmp_path / "progress.csv"
    assert _example(cli, "-f", f"csv={written}").exit_code == 0
    text = written.read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 3 * 3
    xg = [r for r in rows if r["unit"] == "XG-FPU-02"]
    assert [r["assessed"] for r in xg] == ["false", "true", "true"]
    assert xg[0]["verdict"] == xg[0]["open_findings"] == ""
    assert (xg[2]["previous"], xg[2]["opened"], xg[2]["closed"]) == ("2026-11-26", "FPU-EQP-002", "")
    xb = [r for r in rows if r["unit"] == "XB-INF-02"]
    assert [(r["open_findings"], r["critical"], r["major"], r["training"]) for r in xb] == [
        ("9", "2", "5", "6"),
        ("3", "0", "1", "1"),
        ("4", "0", "2", "1"),
    ]
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")


def test_the_html_page_draws_a_chart_per_unit_and_country_without_scripts(cli: Any) -> None:
    page = _example(cli, "-f", "html").stdout
    assert page.count("<svg ") == 3 + 3  # three units, three countries
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "<title>2026-06-01: critical: 2</title>" in page  # XB-INF-02's critical shortfalls in June


def test_the_shipped_example_is_what_its_command_writes_today(cli: Any, tmp_path: Path) -> None:
    """examples/progress/ holds the reports of the command its README gives: they are written
    again and compared (the version of pkcheck aside)."""
    readme = (EXAMPLE / "README.md").read_text("utf-8")
    commands = [
        line.removeprefix("pkcheck ").split() for line in readme.splitlines() if line.startswith("pkcheck check")
    ]
    assert len(commands) == 3
    for args in commands:
        target = args[-1].removeprefix("json=")
        assert args[-2] == "-f" and target.startswith("examples/progress/")
        written = tmp_path / Path(target).name
        run = cli(*args[:-1], f"json={written}")
        assert run.exit_code in (0, 1), run.stderr
        shipped = json.loads((REPO / target).read_text("utf-8"))
        today = json.loads(written.read_text("utf-8"))
        shipped["tool"]["version"] = today["tool"]["version"]
        assert today == shipped, target
    progress = [line for line in readme.splitlines() if line.startswith("pkcheck progress")]
    assert progress and cli(*progress[0].removeprefix("pkcheck ").split()).exit_code == 0


def test_a_copy_of_a_report_is_read_as_the_original(cli: Any, tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    shutil.copy(EXAMPLE / "2026-06-01.json", copy)
    run = cli("progress", str(copy), "-f", "json")
    assert run.exit_code == 0 and run.json()["assessments"][0]["report"] == str(copy)


def test_a_report_without_categories_counts_its_findings_apart(cli: Any, tmp_path: Path) -> None:
    """A report that gives no category (an earlier version's) is read: its open findings are
    counted under `-`, and every format writes them."""
    path = Path(_report(cli, XB, "--as-of", "2026-11-26", name=tmp_path / "a.json"))
    data = json.loads(path.read_text("utf-8"))
    for result in data["results"]:
        for finding in result["findings"]:
            del finding["category"]
    path.write_text(json.dumps(data), encoding="utf-8")
    run = cli("progress", str(path), "-f", "json")
    assert run.exit_code == 0, run.stderr
    day = run.json()["units"][0]["dates"][0]
    assert day["by_category"]["-"] == day["open"] == 4
    assert all(f["category"] is None for f in day["findings"])
    jsonschema.validate(run.json(), SCHEMA)
    assert "no category: 4" in cli("progress", str(path)).stdout
    for output_format in ("csv", "markdown", "html"):
        assert cli("progress", str(path), "-f", output_format).exit_code == 0
