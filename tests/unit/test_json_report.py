"""The JSON report written in pieces is the document dumped whole, byte for byte."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

import pkcheck
from pkcheck.formats import OutputFormat, pieces
from pkcheck.formats.json_report import render, render_pieces, to_dict

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report() -> pkcheck.Report:
    # Waivers, warnings and a bad file too: waived findings, warnings and an invalid result.
    data = REPO / "tests" / "data"
    paths = [str(REPO / "examples"), str(data / "yaml11" / "traps.yaml"), str(data / "inputs" / "duplicate-key.yaml")]
    return pkcheck.check(paths, waivers=str(REPO / "examples" / "waivers.yaml"), as_of=dt.date(2026, 11, 26))


@pytest.mark.parametrize("count", [0, 1, 2, None])
def test_pieces_join_to_the_whole_document(report: pkcheck.Report, count: int | None) -> None:
    part = dataclasses.replace(report, results=report.results[:count])
    whole = json.dumps(to_dict(part), indent=2, ensure_ascii=False) + "\n"
    written = list(render_pieces(part))
    assert "".join(written) == whole == render(part)
    assert len(written) >= len(part.results)  # one result at a time, never the whole text at once


def test_the_report_has_every_kind_of_content(report: pkcheck.Report) -> None:
    assert len(report.results) == 32  # the 30 examples and the two files of tests/data
    assert {r.verdict.value for r in report.results} == {"ready", "conditional", "not-ready", "invalid"}
    assert any(r.warnings for r in report.results)
    assert any(f.waiver is not None for r in report.results for f in r.findings)


def test_the_json_format_is_written_in_pieces_that_join_to_its_rendered_text(report: pkcheck.Report) -> None:
    """The one format with a ``render_pieces``: what the command line writes comes from it,
    one result at a time, and is the text ``render`` gives. (The other formats come whole.)"""
    written = list(pieces(OutputFormat.JSON)(report))
    assert len(written) > len(report.results) > 1
    assert "".join(written) == pkcheck.render(report, OutputFormat.JSON.value)
