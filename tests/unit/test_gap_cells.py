"""The Shortfall cells of the check reports: several gaps are each labelled with their
criterion, and a list check names what is missing rather than counting entries."""

from __future__ import annotations

import dataclasses
import re

import pytest

from pkcheck.diagnostics import Location
from pkcheck.enums import Category, Severity
from pkcheck.formats import amounts, html, markdown, text
from pkcheck.report import BasisInfo, Finding, Gap, Status

MEDICAL_GAPS = (
    (Gap("staff.surgeon", 2, 1, 1, "personnel"), "Surgeon: 1 personnel"),
    (Gap("staff.x-role", 3, 1, 2, "personnel"), "x-role: 2 personnel"),  # no title: the code
    (Gap("beds", 10, 6, 4, "beds"), "beds: 4 beds"),
    (Gap("supply_days", 15, 10, 5, "days"), "supply days: 5 days"),
    (Gap("casevac_minutes.first_aid", 10, 25, 15, "minutes"), "casevac first aid: 15 minutes"),
    (
        Gap("capabilities", ("x-ray", "laboratory"), ("laboratory",), ("x-ray",), "capabilities"),
        "capabilities: missing: X-ray (x-ray)",
    ),
)


def _finding(kind: str, gaps: tuple[Gap, ...]) -> Finding:
    return Finding(
        "MED-1",
        "Medical support",
        Category.MEDICAL,
        Severity.MAJOR,
        Status.SHORTFALL,
        f"{kind}.shortfall",
        {},
        "falls short",
        gaps,
        Location("unit.yaml", 1, 1),
        kind,
        titles={"surgeon": "Surgeon", "x-ray": "X-ray"},
    )


def test_each_medical_gap_is_labelled_with_its_criterion() -> None:
    finding = _finding("medical", tuple(g for g, _ in MEDICAL_GAPS))
    assert amounts.shortfalls(finding) == [label for _, label in MEDICAL_GAPS]


def test_a_single_gap_needs_no_label() -> None:
    finding = _finding("medical", (Gap("beds", 10, 6, 4, "beds"),))
    assert amounts.shortfalls(finding) == ["4 beds"]


def test_a_kind_without_labels_keeps_its_cells() -> None:
    gaps = (Gap("includes", ("a", "b"), (), ("a", "b"), "entries"), Gap("min", 3, 1, 2, "days"))
    assert amounts.shortfalls(_finding("value", gaps)) == ["missing: a, b", "2 days"]


@pytest.mark.parametrize(
    "row",
    [
        lambda f: markdown._finding_row(f),
        lambda f: html._finding_row(f),
    ],
    ids=["markdown", "html"],
)
def test_every_human_format_shows_the_labels(row) -> None:  # type: ignore[no-untyped-def]
    finding = _finding("medical", (MEDICAL_GAPS[0][0], MEDICAL_GAPS[2][0], MEDICAL_GAPS[5][0]))
    shown = " ".join(re.sub(r"<[^>]+>", " ", row(finding)).split())  # as read: a list's entries follow its label
    for label in ("Surgeon: 1 personnel", "beds: 4 beds", "missing: X-ray (x-ray)"):
        assert label in shown


def test_the_text_report_labels_each_gap_with_its_amounts() -> None:
    """The text report stacks a finding: each gap on a line of its own, its label first."""
    finding = _finding("medical", (MEDICAL_GAPS[0][0], MEDICAL_GAPS[2][0], MEDICAL_GAPS[5][0]))
    assert text.gap_lines(finding) == [
        "Surgeon: required 2, declared 1, short 1 personnel",
        "beds: required 10, declared 6, short 4 beds",
        "capabilities: required 2, declared 1, short missing: X-ray (x-ray)",
    ]


def test_values_allowed_are_named_not_counted() -> None:
    """A value that is not one of those allowed counts nothing short: its required cell names
    the values (a PCRS level of 1 where 2, 3 or rdl is allowed), where a count (`3`) would
    read as a level 3 required. A list of entries required is still counted."""
    not_allowed = Gap("one_of", ("2", "3", "rdl"), 1, None, "value")
    finding = _finding("value", (not_allowed,))
    assert text.gap_lines(finding) == ["required one of 2, 3, rdl, declared 1, short not allowed"]
    for row in (markdown._finding_row(finding), html._finding_row(finding)):
        assert "one of 2, 3, rdl" in row
    entries = Gap("includes", ("a", "b", "c"), ("a",), ("b", "c"), "entries")
    assert amounts.required(entries, _finding("value", (entries,))) == "3"


def test_a_value_with_no_amount_short_says_what_is_wrong_in_words() -> None:
    """A value with no amount short reads as what is wrong with it: not allowed, or differs
    (never "short not one of"); the other criteria read as "not <criterion>"."""
    assert amounts.short(Gap("one_of", ("2", "3"), 1, None, "value")) == "not allowed"
    assert amounts.short(Gap("equals", "yes", "no", None, "value")) == "differs"
    assert amounts.short(Gap("exists", "x", None, None, "value")) == "missing"
    assert amounts.short(Gap("conforming", "schema", "x", None, "value")) == "not conforming"


def test_a_value_register_line_is_titled_by_the_requirement_where_no_code_names_it() -> None:
    from pkcheck.checks import value

    short = Gap("min", 850, 812, 38, "personnel")
    finding = _finding("value", (short,))
    finding = Finding(**{**finding.__dict__, "values": {"path": "personnel.total"}, "titles": {}})
    (piece,) = value.pieces(finding)
    assert (piece.what, piece.title) == ("personnel.total", "Medical support")


def test_a_value_register_line_is_titled_by_the_vocabulary_where_a_code_names_it() -> None:
    from pkcheck.checks import value

    finding = _finding("value", (Gap("min", 10, 4, 6, "personnel"),))
    finding = Finding(**{**finding.__dict__, "values": {"path": "personnel.languages.en"}, "titles": {"en": "English"}})
    (piece,) = value.pieces(finding)
    assert piece.title == "English"


def test_one_of_a_thing_short_is_in_the_singular() -> None:
    assert amounts.short(Gap("min", 2, 1, 1, "items")) == "1 item"
    assert amounts.short(Gap("min", 3, 1, 2, "items")) == "2 items"
    assert amounts.short(Gap("min", 3, 2, 1, "surgeries/day")) == "1 surgery/day"
    assert amounts.short(Gap("min", 9, 8, 1, "personnel")) == "1 personnel"


QUANTITY = Gap("quantity", 25, 18, 7, "items")
SERVICEABLE = Gap("serviceable", 23, 15, 8, "items")


@pytest.mark.parametrize(
    ("bases", "marks"),
    [
        # An MOU line: the quantity is the MOU's, the serviceable share a placeholder.
        (
            (BasisInfo("quantity", reference="mou-xc"), BasisInfo("serviceable", illustrative="the SUR")),
            ["25", "23 (illustrative)"],
        ),
        # A placeholder that is no gap's own (a course valid for the whole tour) bears on every gap.
        (
            (BasisInfo("quantity", reference="mou-xc"), BasisInfo("valid_through", illustrative="policy")),
            ["25 (illustrative)", "23 (illustrative)"],
        ),
        # Every threshold from a source: nothing is marked.
        ((BasisInfo("quantity", reference="a"), BasisInfo("serviceable", reference="b")), ["25", "23"]),
    ],
)
def test_a_required_amount_is_marked_when_its_threshold_may_be_a_placeholder(
    bases: tuple[BasisInfo, ...], marks: list[str]
) -> None:
    finding = dataclasses.replace(_finding("equipment", (QUANTITY, SERVICEABLE)), basis=bases)
    assert [amounts.required(g, finding) for g in finding.gaps] == marks
    assert amounts.marked([finding]) == any("illustrative" in m for m in marks)
