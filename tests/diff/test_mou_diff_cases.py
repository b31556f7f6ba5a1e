"""Data-driven tests of ``pkcheck.analyses.mou_diff.compare``: the pairs of amendments and every
change expected of them are in ``tests/data/mou-diff/cases.yaml``, and for some, lines of the
report in French (``text_fr``, each found in order, as the terminal report lays them out on a
line wide enough for each)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pkcheck import api, i18n
from pkcheck.analyses.mou_diff import MouDiff
from pkcheck.formats import diff_text

REPO = Path(__file__).resolve().parents[2]
CASES = YAML(typ="safe", pure=True).load((REPO / "tests" / "data" / "mou-diff" / "cases.yaml").read_text("utf-8"))


def _diff(case: dict[str, Any]) -> MouDiff:
    return api.diff_mous(str(REPO / case["old"]), str(REPO / case["new"]))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_mou_diff_case(case: dict[str, Any]) -> None:
    diff = _diff(case)
    lines = []
    for c in diff.lines:
        row = [c.line, c.what, c.old, c.new, c.direction.value]
        lines.append(row + ([c.difference] if c.difference is not None else []))
    assert lines == case["lines"]
    assert [[c.category, c.old, c.new, c.direction.value] for c in diff.categories] == case["categories"]
    units = [[u.unit, "added" if u.added else "removed", u.direction.value] for u in diff.units]
    assert units == case["units"]
    assert [field for field, _, _ in diff.texts()] == case["texts"]
    assert diff.relaxed is case["relaxed"]
    assert diff.empty is not (case["lines"] or case["categories"] or case["units"])
    if "text_fr" in case:
        i18n.use("fr")
        text = diff_text.render(_diff(case), width=1000)
        position = 0
        for wanted in case["text_fr"]:
            found = text.find(wanted, position)
            assert found >= 0, f"{wanted!r} not found after position {position} in:\n{text}"
            position = found + len(wanted)


def test_changes_are_located_in_new_and_a_removed_one_in_old() -> None:
    diff = _diff(CASES[0])
    where = {(c.line, c.what): (Path(c.location.path).name, c.location.line) for c in diff.lines}
    assert where[("B-001", "quantity")] == ("amendment-2.yaml", 17)  # the `quantity` key of the line
    assert where[("B-009", "removed")] == ("mou-xa-inf-01.yaml", 48)  # the `line` key in OLD
    assert where[("B-010", "added")] == ("amendment-2.yaml", 50)
    office = next(c for c in diff.categories if c.category == "office")
    assert (Path(office.location.path).name, office.location.line) == ("mou-xa-inf-01.yaml", 55)


def test_another_item_may_relax() -> None:
    """An item changed under one line id has no direction, and fails --fail-on-relaxation."""
    diff = _diff(CASES[1])
    item = next(c for c in diff.lines if c.what == "item")
    assert item.may_relax and item.note.startswith("may relax:")
    assert diff.may_relax
