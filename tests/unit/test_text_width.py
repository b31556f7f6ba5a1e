"""The terminal reports fit their width whatever the text: wrapped at spaces under itself, a
word never broken, ``path:line`` whole on its own line, and the portfolio drawn without italics."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

import pkcheck
from pkcheck.formats import text
from pkcheck.formats.lines import hanging, packed, wrapped
from pkcheck.report import Gap, Report

AS_OF = datetime.date(2026, 11, 26)
LONG_CODE = "self_sustainment.observation-night-and-day-with-thermal-imaging-and-more"


def test_wraps_at_spaces_under_the_first_line() -> None:
    lines = wrapped("one two three four five six seven eight nine ten", 30, 6, first="  ab  ")
    assert lines == ["  ab  one two three four five", "      six seven eight nine ten"]


def test_never_breaks_a_word_longer_than_the_width() -> None:
    lines = wrapped(f"short {LONG_CODE} tail", 40, 4)
    assert lines == ["    short", f"    {LONG_CODE}", "    tail"]


def test_a_first_word_too_long_for_its_label_line_goes_under_the_label() -> None:
    """A long path beside its label would overflow the label's line (the path of a standard
    deep in a folder): the label keeps its line and the path has one of its own."""
    path = "/a/folder/deep/down/standards/un-infantry-battalion.yaml:388:5"
    assert hanging(f"  Source       {path}", 60, 15) == ["  Source", f"{' ' * 15}{path}"]
    assert hanging(f"  Source       {path[-40:]}", 60, 15) == [f"  Source       {path[-40:]}"]


def test_packed_items_are_never_split() -> None:
    """A unit and its share stay on one line: lines break only between items."""
    items = [f"NP-FPU-{n} (NP) {n}" for n in range(20, 26)]
    lines = packed(items, "; ", 46, 6, first="    ")
    assert lines == [
        "    NP-FPU-20 (NP) 20; NP-FPU-21 (NP) 21;",
        "      NP-FPU-22 (NP) 22; NP-FPU-23 (NP) 23;",
        "      NP-FPU-24 (NP) 24; NP-FPU-25 (NP) 25",
    ]


def test_hanging_keeps_a_label_and_wraps_its_value_under_itself() -> None:
    lines = hanging("  Rationale    " + "word " * 20, 40, 15)
    assert lines[0].startswith("  Rationale    word")
    assert all(line.startswith(" " * 15 + "word") for line in lines[1:])
    assert all(len(line) <= 40 for line in lines)


@pytest.fixture(scope="module")
def report() -> Report:
    return pkcheck.check(["examples/xc-inf-03-not-ready.yaml"], as_of=AS_OF)


@pytest.mark.parametrize("width", [50, 80, 120, 200])
def test_long_titles_messages_and_shortfalls_fit_and_keep_their_location(report: Report, width: int) -> None:
    """One finding with a long title, message and shortfall: every line fits, no other
    finding is narrowed by it, and its `path:line` is whole on a line of its own."""
    (result,) = report.results
    first = next(f for f in result.findings if f.failing)
    gap = Gap(criterion="x", required=4, declared=1, shortfall=[LONG_CODE] * 3, unit="entries")
    long = dataclasses.replace(first, title="Title " * 40, message="Found " * 60, gaps=(gap,))
    findings = tuple(long if f is first else f for f in result.findings)
    changed = dataclasses.replace(report, results=(dataclasses.replace(result, findings=findings),))
    drawn = text.render(changed, width=width).splitlines()
    for line in drawn:
        assert len(line) <= width or len(line.split()) == 1, line
    where = f"    {long.location.path}:{long.location.line}"
    assert where in drawn
    assert any(LONG_CODE in line and len(line.split()) <= 3 for line in drawn)


def test_the_portfolio_is_drawn_without_italics() -> None:
    report = pkcheck.check(["examples/xa-inf-01-ready.yaml", "examples/xb-inf-02-conditional.yaml"], as_of=AS_OF)
    drawn = text.render(report, color=True, width=120)
    assert "Portfolio as of" in drawn
    assert "\x1b[3m" not in drawn and ";3m" not in drawn
