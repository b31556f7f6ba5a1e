"""``pkcheck gaps``: the capacity-building register agrees with ``pkcheck check`` on the examples.

Expected totals are computed here from the JSON report of ``pkcheck check`` on the same inputs,
never written down, so a change to the examples or the standards cannot leave them stale.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

RUN = ("examples/", "--waivers", "examples/waivers.yaml", "--as-of", "2026-11-26")
RANK = {"advisory": 1, "minor": 2, "major": 3, "critical": 4}
CASES = YAML(typ="safe").load(
    Path(__file__).parents[1].joinpath("data", "gaps", "filters.yaml").read_text(encoding="utf-8")
)


def _open_findings(report: dict[str, Any], status: str = "shortfall") -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(unit, finding) for every finding of ``status`` (waived ones have their own status)."""
    return [
        (result["declaration"]["unit"], finding)
        for result in report["results"]
        for finding in result["findings"]
        if finding["status"] == status
    ]


def _amounts(report: dict[str, Any], check: str, criterion: str = "") -> dict[str, float]:
    """Per country, the numeric gaps of unwaived shortfalls of one check kind."""
    found: dict[str, float] = defaultdict(float)
    for unit, finding in _open_findings(report):
        if finding["check"] == check:
            for gap in finding["gaps"]:
                if isinstance(gap["shortfall"], (int, float)) and gap["criterion"].startswith(criterion):
                    found[unit["country"]] += gap["shortfall"]
    return found


def _register_amounts(register: dict[str, Any], kind: str) -> dict[str, float]:
    found: dict[str, float] = defaultdict(float)
    for view in register["countries"]:
        for line in view["lines"]:
            if line["kind"] == kind:
                found[view["country"]] += line["short"]
    return found


@pytest.fixture()
def both(cli):
    report = cli("check", *RUN, "-f", "json").json()
    register = cli("gaps", *RUN, "-f", "json")
    assert register.exit_code == 0, register.stderr
    return report, register.json()


@pytest.mark.parametrize(
    ("check", "kind", "criterion"),
    [
        ("training", "training", ""),
        ("equipment", "equipment", ""),
        ("medical", "medical-staff", "staff."),
    ],
)
def test_totals_per_country_match_the_check_report(both, check: str, kind: str, criterion: str) -> None:
    report, register = both
    expected = _amounts(report, check, criterion)
    assert expected, f"the examples have no open {check} gaps: the test would prove nothing"
    assert _register_amounts(register, kind) == expected
    lines = [line for line in register["lines"] if line["kind"] == kind]
    assert sum(line["total"] for line in lines) == sum(expected.values())


def test_evidence_missing_counts_every_unwaived_no_evidence_finding(both) -> None:
    report, register = both
    expected = sorted((u["id"], f["requirement"]) for u, f in _open_findings(report, "no-evidence"))
    listed = sorted((u["unit"], e["requirement"]) for e in register["evidence_missing"] for u in e["units"])
    assert expected and listed == expected
    assert sum(v["evidence_missing"] for v in register["countries"]) == len(expected)


def test_waived_shortfalls_are_not_needs(both) -> None:
    report, register = both
    waived = {(u["id"], f["requirement"]) for u, f in _open_findings(report, "waived")}
    listed = {(s["unit"], r) for line in register["lines"] for s in line["units"] for r in s["requirements"]}
    assert waived and not waived & listed


def test_equipment_lines_carry_the_coe_category(both) -> None:
    _, register = both
    equipment = [line for line in register["lines"] if line["kind"] == "equipment"]
    assert equipment and all(line["coe_category"] for line in equipment)
    by_category: dict[str, float] = defaultdict(float)
    for line in equipment:
        by_category[line["coe_category"]] += line["total"]
    assert {c["coe_category"]: c["items_short"] for c in register["coe_categories"]} == by_category


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_filters_keep_exactly_the_matching_shortfalls(cli, case: dict[str, Any]) -> None:
    report = cli("check", *RUN, "-f", "json").json()
    register = cli("gaps", *RUN, *case["args"], "-f", "json").json()
    categories, countries = case.get("categories"), case.get("countries")
    floor = RANK[case.get("severity", "advisory")]
    expected = {
        (u["id"], f["requirement"])
        for u, f in _open_findings(report)
        if (not categories or f["category"] in categories)
        and (not countries or u["country"] in countries)
        and RANK[f["severity"]] >= floor
        and f["gaps"]
    }
    listed = {(s["unit"], r) for line in register["lines"] for s in line["units"] for r in s["requirements"]}
    assert listed == expected
    assert register["filters"]["categories"] == (categories or [])
    assert register["filters"]["severity"] == case.get("severity", "advisory")


def test_csv_is_one_row_per_line_per_unit(cli, both) -> None:
    _, register = both
    run = cli("gaps", *RUN, "-f", "csv")
    assert run.exit_code == 0 and run.stdout_bytes.count(b"\r\n") == run.stdout_bytes.count(b"\n")
    rows = list(csv.DictReader(io.StringIO(run.stdout_bytes.decode("utf-8"), newline="")))
    shares = [(line, s) for line in register["lines"] for s in line["units"]]
    missing = [(e, u) for e in register["evidence_missing"] for u in e["units"]]
    women = register["women_by_country"]
    assert len(rows) == len(shares) + len(missing) + len(women)
    for row, (line, share) in zip(rows[: len(shares)], shares, strict=True):
        assert (row["kind"], row["what"], row["unit"]) == (line["kind"], line["what"], share["unit"])
        assert float(row["short"]) == share["short"] and float(row["line_total"]) == line["total"]
    assert {row["kind"] for row in rows[len(shares) : len(shares) + len(missing)]} == {"evidence-missing"}
    for row, country in zip(rows[len(shares) + len(missing) :], women, strict=True):
        expected = ("women-share", country["country"], country["short"])
        assert (row["kind"], row["country"], float(row["short"])) == expected


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
def test_each_format_is_deterministic_and_writes_the_same_to_a_file(cli, tmp_path: Path, fmt: str) -> None:
    first = cli("gaps", *RUN, "-f", fmt, fresh=True)
    second = cli("gaps", *RUN, "-f", fmt, fresh=True)
    assert first.exit_code == 0 and first.stdout_bytes == second.stdout_bytes
    target = tmp_path / f"register.{fmt}"
    written = cli("gaps", *RUN, "-f", fmt, "-o", str(target))
    assert written.exit_code == 0 and written.stdout == ""
    assert target.read_bytes() == first.stdout_bytes
    assert "XC-INF-03" in first.stdout


def test_several_formats_in_one_run_write_what_each_writes_alone(cli, tmp_path: Path) -> None:
    csv_file, json_file, markdown_file = tmp_path / "needs.csv", tmp_path / "needs.json", tmp_path / "needs.md"
    run = cli("gaps", *RUN, "-f", "text", "-f", f"csv={csv_file},json={json_file}", "-f", f"markdown={markdown_file}")
    assert run.exit_code == 0
    assert run.stdout_bytes == cli("gaps", *RUN).stdout_bytes
    for path, fmt in ((csv_file, "csv"), (json_file, "json"), (markdown_file, "markdown")):
        assert path.read_bytes() == cli("gaps", *RUN, "-f", fmt).stdout_bytes, fmt
    text_file = tmp_path / "needs.txt"
    files_only = cli(
        "gaps", *RUN, "-f", f"csv={csv_file},text", "-o", str(text_file)
    )  # -o takes the format without a file
    assert files_only.exit_code == 0 and files_only.stdout == ""
    assert text_file.read_bytes() == run.stdout_bytes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-f", "text,csv"), "only one format can go to standard output"),
        (("-f", "csv=same.out,json=same.out"), "same.out is named for more than one format"),
        (("-f", "csv", "-f", "json", "-o", "x.out"), "--output names one file"),
        (("-f", "sarif"), "unknown format `sarif`; choose from text, json, csv, markdown"),
    ],
)
def test_format_destinations_are_checked_before_anything_is_read(
    cli, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    run = cli(
        "gaps",
        *RUN,
        *(a.replace("same.out", str(tmp_path / "same.out")).replace("x.out", str(tmp_path / "x.out")) for a in args),
    )
    assert run.exit_code == 2
    assert message.replace("same.out", str(tmp_path / "same.out")) in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_text_and_markdown_name_lines_by_title_and_show_each_country(cli) -> None:
    for fmt in ("text", "markdown"):
        out = cli("gaps", *RUN, "-f", fmt).stdout
        assert "UN Core Pre-deployment Training Materials (un-cptm)" in out
        assert "Capacity-building needs as of 2026-11-26" in out
    markdown = cli("gaps", *RUN, "-f", "markdown").stdout
    assert "## XC" in markdown and "## XA" not in markdown  # XA is ready: nothing to close


def test_an_invalid_declaration_is_listed_and_exits_2(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("pkcheck: declaration/v1\nunit: 3\n", encoding="utf-8")
    run = cli("gaps", "examples/xc-inf-03-not-ready.yaml", str(bad), "--as-of", "2026-11-26", "-f", "json")
    assert run.exit_code == 2
    register = run.json()
    assert [i["declaration"] for i in register["invalid"]] == [str(bad)]
    assert register["invalid"][0]["errors"][0].startswith(f"{bad}:2:")
    assert register["lines"]


@pytest.mark.parametrize(
    "args",
    [
        ("--category", "logistics"),
        ("--severity", "serious"),
        ("--format", "xlsx"),
    ],
)
def test_bad_options_exit_2(cli, args: tuple[str, ...]) -> None:
    assert cli("gaps", *RUN, *args).exit_code == 2


def test_no_declarations_exits_2(cli, tmp_path: Path) -> None:
    run = cli("gaps", str(tmp_path))
    assert run.exit_code == 2 and "no declaration files" in run.stderr


def test_gaps_reads_the_limits_from_the_environment(cli: Any) -> None:
    """Like every command that reads files, `gaps` applies the PKCHECK_MAX_* limits."""
    run = cli("gaps", "examples/xa-inf-01-ready.yaml", env={"PKCHECK_MAX_FILE_SIZE": "1KB"})
    assert run.exit_code == 2
    assert "the limit is 1,024 (--max-file-size)" in run.stdout + run.stderr


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--max-file-size", "1KB", "the limit is 1,024 (--max-file-size)"),
        ("--max-nodes", "50", "(--max-nodes)"),
        ("--max-depth", "2", "(--max-depth)"),
        ("--max-line-length", "20", "(--max-line-length)"),
    ],
)
def test_gaps_takes_the_limit_options_its_messages_name(cli: Any, option: str, value: str, message: str) -> None:
    """A limit's message names the option that raises it, and `gaps` takes that option too;
    the option wins over the environment."""
    run = cli("gaps", "examples/xa-inf-01-ready.yaml", option, value)
    assert run.exit_code == 2
    assert message in run.stdout + run.stderr
    variable = "PKCHECK_" + option.lstrip("-").upper().replace("-", "_")
    raised = cli("gaps", "examples/xa-inf-01-ready.yaml", option, "100000000", env={variable: value})
    assert raised.exit_code == 0, raised.stdout + raised.stderr


def test_an_invalid_declaration_is_listed_as_its_unit_where_that_can_be_read(cli: Any) -> None:
    args = ("gaps", "tests/data/portfolio/", "--as-of", "2026-11-26")
    invalid = {Path(i["declaration"]).name: i for i in cli(*args, "-f", "json").json()["invalid"]}
    assert (invalid["bad-total.yaml"]["unit"], invalid["bad-total.yaml"]["country"]) == ("XV-INF-11", "XV")
    assert (invalid["bad-country.yaml"]["unit"], invalid["bad-country.yaml"]["country"]) == (None, None)
    assert "tests/data/portfolio/bad-total.yaml (XV-INF-11, XV): invalid, not counted" in cli(*args).stdout
    assert "- `tests/data/portfolio/bad-name.yaml` (XW-INF-12, XW)" in cli(*args, "-f", "markdown").stdout
    # Filtered by country like the units that could be checked; one whose country could not be
    # read may be of the country asked for, so it stays; the others are counted, since they make
    # the run exit 2.
    filtered = cli(*args, "--country", "xv", "-f", "json")
    assert filtered.exit_code == 2
    assert sorted(Path(i["declaration"]).name for i in filtered.json()["invalid"]) == [
        "bad-country.yaml",
        "bad-total.yaml",
    ]
    assert filtered.json()["invalid_other_countries"] == 1  # bad-name.yaml, of XW
    text = cli(*args, "--country", "XW").stdout
    assert "(and 1 invalid declaration of other countries, not listed)" in " ".join(text.split())
    assert cli(*args, "-f", "json").json()["invalid_other_countries"] == 0


LONG = "armoured-personnel-carrier-wheeled-with-remote-weapon-station-and-mine-protection"


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_a_code_longer_than_a_column_is_never_cut(cli: Any, columns: int) -> None:
    """The by-country table is a table where each column can hold its longest word, else a block
    per line; either way the long code stands whole, and every other line fits the width."""
    folder = "tests/data/gaps/long-codes"
    args = ("gaps", f"{folder}/declaration.yaml", "--standards-path", folder, "--as-of", "2026-11-26")
    lines = cli(*args, env={"COLUMNS": str(columns)}).stdout.splitlines()
    assert sum(LONG in line for line in lines) == 2  # the register's line and the country's
    assert all(len(line) <= columns or len(line.split()) == 1 for line in lines), lines
    country = lines[lines.index("By country") :]
    if columns < 120:
        assert country[1:4] == [
            "XA  equipment: Armoured carriers with remote weapon stations",
            f"    ({LONG})",
            "    short 3 items; units 1",
        ]
    else:
        assert country[1].split() == ["Country", "What", "closes", "it", "Short", "Units"]
