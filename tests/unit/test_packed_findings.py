"""A batch keeps each result's findings packed: they read back equal, in order, with the
unit's open counts kept beside them, also after crossing to another process."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

from pkcheck import api
from pkcheck.engine import check_file
from pkcheck.report import Packed, PackedFindings, Result, Status, open_counts, scheduled_entries

EXAMPLES = sorted(str(p) for p in Path("examples").glob("x*.*"))


@pytest.fixture(scope="module")
def results() -> list[Result]:
    settings = api.settings(as_of=dt.date(2026, 11, 26), waivers="examples/waivers.yaml")
    return [check_file(path, settings) for path in EXAMPLES]


def test_packed_findings_read_back_equal(results: list[Result]) -> None:
    for result in results:
        packed = result.packed()
        assert isinstance(packed.findings, PackedFindings)
        assert packed == result
        assert tuple(packed.findings) == result.findings
        assert len(packed.findings) == len(result.findings)
        assert packed.findings[0] == result.findings[0]
        assert packed.findings[-2:] == result.findings[-2:]
        assert packed.packed() is packed


def test_open_counts_are_those_of_the_findings(results: list[Result]) -> None:
    seen = set()
    for result in results:
        expected = {"critical": 0, "major": 0, "minor": 0, "advisory": 0}
        for finding in result.findings:
            if finding.status.value in ("shortfall", "no-evidence"):
                expected[finding.severity.value] += 1
        assert result.open_counts() == expected
        assert result.packed().open_counts() == expected
        assert open_counts(result.findings) == expected
        seen.add(tuple(expected.values()))
    assert len(seen) > 3  # the examples differ, so the counts were really computed


def test_the_scheduled_entries_applied_are_kept_beside_them(results: list[Result]) -> None:
    # What the women-by-country summary reads of each unit, without unpacking its findings.
    targets = set()
    for result in results:
        expected: dict[str, object] = {}
        for finding in result.findings:
            if finding.status is not Status.NOT_APPLICABLE:
                for entry in finding.scheduled:
                    expected.setdefault(entry.parameter, entry)
        assert scheduled_entries(result.findings) == expected
        packed = result.packed().findings
        assert isinstance(packed, PackedFindings)
        assert packed.scheduled == expected == scheduled_entries(packed)
        assert pickle.loads(pickle.dumps(packed)).scheduled == expected
        if "women_target" in expected:
            targets.add(expected["women_target"])
    assert len(targets) > 1  # the examples' units are judged against different entries


def test_packed_results_cross_processes_still_packed(results: list[Result]) -> None:
    packed = [result.packed() for result in results]
    copies = pickle.loads(pickle.dumps(packed))
    assert copies == packed
    assert all(isinstance(copy.findings, PackedFindings) for copy in copies)
    assert [c.open_counts() for c in copies] == [p.open_counts() for p in packed]
    # Packed, a unit's findings take a fraction of their size unpacked.
    for result in results:
        whole = len(pickle.dumps(result.findings))
        assert len(pickle.dumps(result.packed().findings)) < whole / 2


def test_a_batch_packs_and_one_declaration_does_not() -> None:
    report = api.check(EXAMPLES[:3], as_of=dt.date(2026, 11, 26))
    assert all(isinstance(r.findings, PackedFindings) for r in report.results)
    single = api.check(EXAMPLES[:1], as_of=dt.date(2026, 11, 26))
    assert isinstance(single.results[0].findings, tuple)
    assert single.results[0].findings == report.results[0].findings


def test_packed_findings_are_unhashable_as_the_tuple_they_equal(results: list[Result]) -> None:
    result = results[0]
    with pytest.raises(TypeError):
        hash(result.findings)
    with pytest.raises(TypeError, match="unhashable type: 'PackedFindings'"):
        hash(result.packed().findings)


def test_a_results_verified_mou_lines_are_packed_with_it() -> None:
    mous = sorted(str(p) for p in Path("examples/mous").glob("*.yaml"))
    settings = api.settings(as_of=dt.date(2026, 11, 26), mous=mous)
    verified = [r for r in (check_file(path, settings) for path in EXAMPLES) if r.mou is not None and r.mou.lines]
    assert verified
    for result in verified:
        assert result.mou is not None
        packed = result.packed()
        assert packed.mou is not None
        assert isinstance(packed.mou.lines, Packed)
        assert packed == result
        assert tuple(packed.mou.lines) == result.mou.lines
        assert packed.mou.unpacked() == result.mou
        assert isinstance(packed.mou.unpacked().lines, tuple)
        assert isinstance(packed.mou.self_sustainment, Packed)
        assert packed.mou.self_sustainment == result.mou.self_sustainment
        copy = pickle.loads(pickle.dumps(packed))
        assert copy == result
        assert copy.mou is not None and isinstance(copy.mou.lines, Packed)
        assert len(pickle.dumps(packed.mou.lines)) < len(pickle.dumps(result.mou.lines))
