"""The register's arithmetic on hand-made findings: shares, the largest-gap rule, which amounts
are illustrative, CSV safety."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace

import pkcheck
from pkcheck.analyses.gaps import Filters, build
from pkcheck.diagnostics import Location
from pkcheck.enums import Category, Severity
from pkcheck.formats import gaps_csv, gaps_json, gaps_markdown, gaps_text
from pkcheck.report import BasisInfo, Finding, Gap, Report, Result, Status, Verdict

HERE = Location("unit.yaml", 1, 1)


def _training(
    requirement: str, short: int, severity: Severity = Severity.MAJOR, status: Status = Status.SHORTFALL
) -> Finding:
    gap = Gap("count", 10, 10 - short, short, "personnel")
    return Finding(
        requirement,
        "t",
        Category.TRAINING,
        severity,
        status,
        "training.shortfall",
        {"course": "un-cptm"},
        "m",
        (gap,),
        HERE,
        "training",
        titles={"un-cptm": "CPTM"},
    )


def _report(*units: tuple[str, str, tuple[Finding, ...]]) -> Report:
    results = tuple(
        Result(f"{uid}.yaml", {"id": uid, "country": country}, None, Verdict.NOT_READY, findings)
        for uid, country, findings in units
    )
    return Report("0", dt.date(2026, 1, 1), results)


def test_one_unit_short_on_two_requirements_for_the_same_course_counts_the_larger() -> None:
    register = build(_report(("U1", "XA", (_training("R-1", 3), _training("R-2", 5, Severity.CRITICAL)))))
    (line,) = register.lines
    assert (line.total, line.severity, line.requirements) == (5, Severity.CRITICAL, ("R-1", "R-2"))


def test_shares_of_several_units_add_up_and_split_by_country() -> None:
    register = build(
        _report(
            ("U1", "XA", (_training("R-1", 3),)),
            ("U2", "XB", (_training("R-1", 4),)),
            ("U3", "XB", (_training("R-1", 1),)),
        )
    )
    (line,) = register.lines
    assert line.total == 8 and line.title == "CPTM"
    assert [(v.country, v.lines[0].total, v.lines[0].units) for v in register.countries()] == [
        ("XA", 3, 1),
        ("XB", 5, 2),
    ]


def test_severity_filter_and_waived_findings() -> None:
    report = _report(("U1", "XA", (_training("R-1", 3, Severity.MINOR), _training("R-2", 2, status=Status.WAIVED))))
    assert build(report, Filters(severity=Severity.MAJOR)).lines == ()
    assert [line.total for line in build(report).lines] == [3]


def test_csv_cells_that_would_be_formulas_are_quoted() -> None:
    hostile = '=HYPERLINK("http://x")'
    register = build(_report((hostile, "@X", (_training("R-1", 3),)), ("-1+1", "+X", (_training("R-1", 1),))))
    rows = list(csv.reader(io.StringIO(gaps_csv.render(register), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert f"'{hostile}" in cells and "'@X" in cells and "'-1+1" in cells and "'+X" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def _minutes_over(requirement: str, over: int) -> Finding:
    gap = Gap("casevac_minutes.surgery", 120, 120 + over, over, "minutes")
    return Finding(
        requirement, "m", Category.MEDICAL, Severity.CRITICAL, Status.SHORTFALL, "medical.shortfall",
        {"criteria": ["casevac_minutes.surgery"]}, "m", (gap,), HERE, "medical",
    )  # fmt: skip


def test_amounts_that_do_not_add_up_show_the_largest_share() -> None:
    """Minutes over a limit are not summed across units: the line shows the unit furthest off."""
    register = build(
        _report(
            ("U1", "XA", (_minutes_over("R-1", 30),)),
            ("U2", "XA", (_minutes_over("R-1", 15),)),
            ("U3", "XB", (_minutes_over("R-1", 10),)),
        )
    )
    (line,) = register.lines
    assert (line.measure, line.adds, line.total) == ("minutes", False, 30)
    assert [(v.country, v.lines[0].total, v.lines[0].units) for v in register.countries()] == [
        ("XA", 30, 2),
        ("XB", 10, 1),
    ]


def test_the_codes_of_alternatives_are_read_as_data_not_from_text() -> None:
    """A course given as alternatives is one line named by both codes, titled when both are."""
    finding = replace(
        _training("R-1", 3), values={"course": ("un-cptm", "un-bfac")}, titles={"un-cptm": "CPTM", "un-bfac": "BFAC"}
    )
    (line,) = build(_report(("U1", "XA", (finding,)))).lines
    assert (line.what, line.title, line.adds, line.total) == ("un-cptm or un-bfac", "CPTM or BFAC", True, 3)


PLACEHOLDER = (BasisInfo("min", illustrative="set by the MOU"),)
SOURCED = (BasisInfo("min", reference="ref", locator="p. 1"),)


def test_a_share_is_illustrative_when_any_finding_it_gathers_is() -> None:
    """Even the smaller gap's placeholder marks the share: tuning it can change the largest.
    A line, and a country's part of it, is illustrative when one of its shares is."""
    register = build(
        _report(
            (
                "U1",
                "XA",
                (replace(_training("R-1", 5), basis=SOURCED), replace(_training("R-2", 3), basis=PLACEHOLDER)),
            ),
            ("U2", "XB", (replace(_training("R-1", 4), basis=SOURCED),)),
        )
    )
    (line,) = register.lines
    assert [(s.unit_id, s.amount, s.illustrative) for s in line.units] == [("U1", 5, True), ("U2", 4, False)]
    assert line.illustrative and register.illustrative
    assert [(v.country, v.lines[0].illustrative) for v in register.countries()] == [("XA", True), ("XB", False)]


def test_a_register_without_placeholders_marks_nothing() -> None:
    """No mark and no legend in text, Markdown or the HTML report; `false` in CSV and JSON."""
    report = _report(("U1", "XA", (replace(_training("R-1", 3), basis=SOURCED),)), ("U2", "XB", (_training("R-1", 1),)))
    register = build(report)
    assert not register.illustrative
    for output in (gaps_text.render(register), gaps_markdown.render(register), pkcheck.render(report, "html")):
        assert "(illustrative)" not in output
    rows = list(csv.DictReader(io.StringIO(gaps_csv.render(register), newline="")))
    assert [row["illustrative"] for row in rows] == ["false", "false"]
    (line,) = gaps_json.to_dict(register)["lines"]
    assert line["illustrative"] is False and [u["illustrative"] for u in line["units"]] == [False, False]


def test_the_csv_column_comes_last_so_the_others_keep_their_places() -> None:
    assert gaps_csv.HEADER == (
        "category", "kind", "what", "title", "coe_category", "measure", "line_total", "line_units", "line_severity",
        "country", "unit", "declaration", "short", "severity", "requirements", "illustrative",
    )  # fmt: skip


def _items(requirement: str, items: list[str], short: int, check: str = "equipment") -> Finding:
    """A shortfall of items: a standard's ``equipment`` requirement, or an MOU's Annex B line."""
    values: dict[str, object] = {"item": items if check == "equipment" else items[0], "shortfall": short}
    return Finding(
        requirement,
        "t",
        Category.EQUIPMENT,
        Severity.MAJOR,
        Status.SHORTFALL,
        f"{check}.shortfall",
        values,
        "m",
        (Gap("quantity", 10, 10 - short, short, "items"),),
        HERE,
        check,
        coe_categories=dict.fromkeys(items, "vehicles"),
    )


def test_mou_lines_close_a_requirement_of_items_of_which_any_counts_in_the_mous_order() -> None:
    """5 of a or b short, and the MOU's lines 2 of a and 1 of b: those 3 close part of the 5,
    and 2 of either remain; 5 in all, never 8."""
    findings = (
        _items("R-1", ["a", "b"], 5),
        _items("MOU:B-001", ["a"], 2, "mou"),
        _items("MOU:B-002", ["b"], 1, "mou"),
    )
    register = build(_report(("U1", "XA", findings)))
    assert [(line.what, line.total, line.requirements) for line in register.lines] == [
        ("a", 2, ("MOU:B-001", "R-1")),
        ("a or b", 2, ("R-1",)),
        ("b", 1, ("MOU:B-002", "R-1")),
    ]
    assert [(t.coe_category, t.items_short) for t in register.coe_totals()] == [("vehicles", 5)]


def test_an_mou_line_larger_than_the_requirement_closes_it_whole() -> None:
    findings = (_items("R-1", ["a", "b"], 1), _items("MOU:B-001", ["a"], 4, "mou"))
    register = build(_report(("U1", "XA", findings)))
    assert [(line.what, line.total, line.requirements) for line in register.lines] == [("a", 4, ("MOU:B-001", "R-1"))]
