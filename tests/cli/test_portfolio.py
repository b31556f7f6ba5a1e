"""The portfolio summary: the text report of several declarations is one row per unit, worst
first, with its open findings by severity, then totals by verdict and by country. One
declaration, or `--details`, shows each unit's findings as before."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

AS_OF = "2026-11-26"
FOLDER = ("examples/", "--waivers", "examples/waivers.yaml", "--as-of", AS_OF)
WORST = {"invalid": 0, "not ready": 1, "conditional": 2, "ready": 3}


def _rows(text: str) -> list[list[str]]:
    lines = text.splitlines()
    start = lines.index(next(line for line in lines if line.split()[:2] == ["Country", "Unit"])) + 2
    rows = []
    for line in lines[start:]:
        if not line.strip():
            break
        if line[:2].strip():  # a unit's standard, on its own line where the row is too wide, starts with spaces
            rows.append(re.split(r"\s{2,}", line.strip()))  # cells are apart by two spaces or more
    return rows


def _expected(cli: Any, *args: str) -> list[tuple[str, str, str, int, int, int]]:
    results = cli("check", *args, "-f", "json").json()["results"]
    rows = []
    for result in results:
        if result["verdict"] == "invalid":
            continue
        open_by = Counter(f["severity"] for f in result["findings"] if f["status"] in ("shortfall", "no-evidence"))
        unit = result["declaration"]["unit"]
        rows.append(
            (
                unit["country"],
                unit["id"],
                result["verdict"].replace("-", " "),
                open_by["critical"],
                open_by["major"],
                open_by["minor"],
            )
        )
    return sorted(rows, key=lambda r: (WORST[r[2]], -r[3], -r[4], -r[5], r[1]))


def test_one_row_per_unit_worst_first_with_open_counts(cli: Any) -> None:
    run = cli("check", *FOLDER)
    assert run.exit_code == 1
    rows = _rows(run.stdout)
    shown = [(r[0], r[1], r[-4], int(r[-3]), int(r[-2]), int(r[-1])) for r in rows]
    assert shown == _expected(cli, *FOLDER)
    assert [r[2] for r in rows] == [
        r["declaration"]["unit"]["type"]
        for r in sorted(
            cli("check", *FOLDER, "-f", "json").json()["results"],
            key=lambda r: [row[1] for row in shown].index(r["declaration"]["unit"]["id"]),
        )
    ]


def test_totals_by_verdict_and_by_country(cli: Any, tmp_path: Path) -> None:
    # Two units of one country (a copy of a not-ready one under another id) and one of another.
    source = Path("examples/xc-inf-03-not-ready.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(source.replace("id: XC-INF-03", "id: XC-INF-09"), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        Path("examples/xa-inf-01-ready.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    run = cli("check", str(tmp_path), "--as-of", AS_OF)
    lines = run.stdout.splitlines()
    assert "3 declarations: 1 ready, 0 conditional, 2 not ready, 0 invalid" in lines
    start = lines.index(next(row for row in lines if row.startswith("Country   Units"))) + 2
    country_rows = [line.split() for line in lines[start : lines.index("", start)]]
    assert country_rows == [["XC", "2", "0", "0", "2", "0"], ["XA", "1", "1", "0", "0", "0"]]


def test_files_that_cannot_be_checked_come_first_with_their_errors_under_them(cli: Any) -> None:
    run = cli("check", "examples/xa-inf-01-ready.yaml", "tests/data/inputs/empty.yaml", "--as-of", AS_OF)
    assert run.exit_code == 2
    rows = _rows(run.stdout)
    assert [r[:3] for r in rows] == [["-", "-", "-"], ["XA", "XA-INF-01", "infantry-battalion"]]
    assert rows[0][-4:] == ["invalid", "-", "-", "-"]  # nothing counted in a file not checked
    lines = run.stdout.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("-  ")))
    assert lines[at + 1].split()[0] == "tests/data/inputs/empty.yaml:1:1:"  # under its row, located
    assert "the file is empty" in lines[at + 1]


# A declaration whose `unit` can be read keeps its identity when a value elsewhere is bad.
IDENTITIES = {
    "bad-total.yaml": ("XV-INF-11", "XV", "infantry-battalion"),
    "bad-name.yaml": ("XW-INF-12", "XW", "infantry-battalion"),  # its name is the bad value
    "bad-country.yaml": None,  # its country is the bad value: the unit cannot be told
}


def test_an_invalid_declaration_keeps_the_identity_its_unit_gives(cli: Any) -> None:
    args = ("tests/data/portfolio/", "examples/xa-inf-01-ready.yaml", "--as-of", AS_OF)
    results = {Path(r["declaration"]["path"]).name: r for r in cli("check", *args, "-f", "json").json()["results"]}
    for name, identity in IDENTITIES.items():
        unit = results[name]["declaration"]["unit"]
        assert results[name]["verdict"] == "invalid"
        assert (unit["id"], unit["country"], unit["type"]) == identity if identity else unit is None, name
        assert results[name]["errors"]
    assert "name" not in results["bad-name.yaml"]["declaration"]["unit"]
    assert results["bad-total.yaml"]["declaration"]["unit_titles"] == {"type": "Infantry battalion"}
    text = cli("check", *args).stdout
    rows = _rows(text)
    assert [tuple(r[:3]) for r in rows] == [
        ("-", "-", "-"),
        ("XV", "XV-INF-11", "infantry-battalion"),  # sorted by unit id among the invalid
        ("XW", "XW-INF-12", "infantry-battalion"),
        ("XA", "XA-INF-01", "infantry-battalion"),
    ]
    assert "personnel.total`: must be at least 0, got -5" in text
    lines = text.splitlines()
    start = lines.index(next(row for row in lines if row.startswith("Country   Units"))) + 2
    by_country = lines[start : lines.index("", start)]
    assert [line.split() for line in by_country] == [
        ["-", "1", "0", "0", "0", "1"],
        ["XV", "1", "0", "0", "0", "1"],
        ["XW", "1", "0", "0", "0", "1"],
        ["XA", "1", "1", "0", "0", "0"],
    ]
    markdown = cli("check", *args, "-f", "markdown").stdout
    assert (
        "| `XV-INF-11` | XV | infantry-battalion | - | **invalid** | - | - | - | - | `tests/data/portfolio/bad-total.yaml` |"
        in markdown
    )
    assert "| - | - | - | - | **invalid** | - | - | - | - | `tests/data/portfolio/bad-country.yaml` |" in markdown


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_two_units_with_one_id_are_told_apart_by_their_file(cli: Any, tmp_path: Path, columns: int) -> None:
    """The file is a column where the table fits, else under the unit's row: each row with its own."""
    source = Path("examples/xa-inf-01-ready.yaml").read_text(encoding="utf-8")
    (tmp_path / "first.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "second.yaml").write_text(source.replace("total: 850", "total: 900"), encoding="utf-8")
    lines = cli("check", str(tmp_path), "--as-of", AS_OF, env={"COLUMNS": str(columns)}).stdout.splitlines()
    rows = [i for i, line in enumerate(lines) if line.split()[:2] == ["XA", "XA-INF-01"]]
    assert len(rows) == 2
    files = []
    for at in rows:
        # The row and the lines under it (which start with spaces) up to the next row.
        under = [line for line in lines[at + 1 : at + 3] if line.startswith(" ")]
        files.append([Path(word).name for line in (lines[at], *under) for word in line.split() if "/" in word])
    assert sorted(files) == [["first.yaml"], ["second.yaml"]]
    table = lines[: lines.index("", 2)]
    assert all(len(line) <= columns or len(line.split()) == 1 for line in table), table  # a long path stays whole
    header = next(line for line in lines if line.startswith("Country"))
    assert ("File" in header.split()) == (columns == 200)


def test_details_and_single_files_show_each_units_findings(cli: Any) -> None:
    single = cli("check", "examples/xb-inf-02-conditional.yaml", "--as-of", AS_OF).stdout
    assert "Portfolio" not in single and "CORE-TRN-002" in single
    both = ("examples/xa-inf-01-ready.yaml", "examples/xb-inf-02-conditional.yaml", "--as-of", AS_OF)
    summary, details = cli("check", *both).stdout, cli("check", *both, "--details").stdout
    assert "CORE-TRN-002" not in summary and "Portfolio as of 2026-11-26" in summary
    assert single in details
    assert "Portfolio" not in details


def test_one_line_per_unit_never_wrapped(cli: Any) -> None:
    # The longest standard id (un-infantry-battalion-high-threat) would have wrapped a table
    # cell; where the table fits the width, each unit stays on one line, so grep finds it whole.
    run = cli("check", *FOLDER, env={"COLUMNS": "200"})
    lines = run.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.split()[:2] == ["Country", "Unit"])) + 2
    table = lines[start : lines.index("", start)]
    units = {
        r["declaration"]["unit"]["id"]
        for r in cli("check", *FOLDER, "-f", "json").json()["results"]
        if r["verdict"] != "invalid"
    }
    assert len(table) == len(units)
    assert all(line.split()[1] in units for line in table)
    assert any("un-infantry-battalion-high-threat 2.0.0" in line for line in table)
    header = lines[start - 2]
    assert lines[start - 1] == "─" * max(len(line) for line in (header, *table))
    assert all(line.index(verdict) == header.index("Verdict") for line in table for verdict in line.split()[5:6])


def test_a_narrow_portfolio_puts_each_standard_under_its_unit(cli: Any) -> None:
    """At 80 columns the table closes up and each unit's file and standard go below its row, on
    one line where they fit: the row still holds the unit, its verdict and counts, and no line
    is wider than 80."""
    lines = cli("check", *FOLDER, env={"COLUMNS": "80"}).stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.split()[:2] == ["XD", "XD-INF-04"])
    assert re.split(r"\s{2,}", lines[at]) == ["XD", "XD-INF-04", "infantry-battalion", "not ready", "6", "3", "0"]
    assert lines[at + 1].split() == ["examples/xd-inf-04-high-threat-not-ready.yaml"]
    assert lines[at + 2].split() == ["standard", "un-infantry-battalion-high-threat", "2.0.0"]
    at = next(i for i, line in enumerate(lines) if line.split()[:2] == ["XA", "XA-INF-01"])
    assert lines[at + 1].split() == ["examples/xa-inf-01-ready.yaml", "·", "standard", "un-infantry-battalion", "3.1.0"]
    assert max(len(line) for line in lines) <= 80


def test_verbose_with_several_files_shows_each_unit_with_its_met_requirements(cli: Any) -> None:
    """--verbose asks for the met requirements, which only each unit's findings list: it means --details."""
    two = ("examples/xa-inf-01-ready.yaml", "examples/xc-inf-03-not-ready.yaml", "--as-of", AS_OF)
    verbose = cli("check", *two, "--verbose")
    assert verbose.stdout == cli("check", *two, "--details", "--verbose").stdout
    assert verbose.stdout.count("\n  Verdict  ") == 2  # each unit's header
    assert " met " in verbose.stdout
    assert cli("check", *two).stdout.count("\n  Verdict  ") == 0  # the portfolio, without it
