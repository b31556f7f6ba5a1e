"""Data-driven tests of the allocation of ``pkcheck match`` (``pkcheck.analyses.match``): the
cases of ``tests/cases/match.yaml``, each a set of gaps and offers with the allocations, what
remains unmet, why, and the offers left unused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pkcheck.analyses.gaps import ITEMS, Filters, Line, Register, UnitShare
from pkcheck.analyses.match import Matching, UnitFacts, match
from pkcheck.enums import Category, Severity
from pkcheck.models.offers import Offers

CASES = YAML(typ="safe", pure=True).load(
    (Path(__file__).resolve().parents[1] / "cases" / "match.yaml").read_text("utf-8")
)


def _run(case: dict[str, Any]) -> Matching:
    as_of = case.get("as_of", dt.date(2027, 1, 1))
    facts = {}
    for unit, known in case["units"].items():
        facts[f"{unit}.yaml"] = UnitFacts(known["deployment"], tuple(sorted(known["languages"])))
    lines = []
    for unit, what, short, severity, *category in case["gaps"]:
        item = what.startswith("item:")
        code = what.removeprefix("item:")
        share = UnitShare(unit, unit[:2], f"{unit}.yaml", short, Severity(severity), (f"REQ-{unit}",), False)
        chosen = Category(category[0]) if category else (Category.EQUIPMENT if item else Category.TRAINING)
        kind, measure = ("equipment", ITEMS) if item else ("training", "personnel")
        lines.append(Line(chosen, kind, code, None, measure, None, (share,)))
    register = Register("test", as_of, Filters(), len(facts), tuple(lines))
    offers = Offers.model_validate({"pkcheck": "offers/v1", **case["offers"]})
    return match(register, facts, offers, "offers.yaml")


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["name"])
def test_match_case(case: dict[str, Any]) -> None:
    matching = _run(case)
    expect = case["expect"]
    made = [[a.offer.id, a.gap.share.unit_id, a.gap.line.what, a.amount] for a in matching.allocations]
    assert made == expect["allocations"]
    unmet: dict[str, dict[str, int]] = {}
    for outcome in matching.gaps:
        if outcome.remaining > 0:
            unit = unmet.setdefault(outcome.gap.share.unit_id, {})
            what = outcome.gap.line.what
            unit[what] = unit.get(what, 0) + outcome.remaining
    assert unmet == expect.get("unmet", {})
    for unit, by_what in expect.get("notes", {}).items():
        for what, notes in by_what.items():
            found = [
                [n.offer.id, n.skip.value]
                for o in matching.gaps
                if o.gap.share.unit_id == unit and o.gap.line.what == what
                for n in o.notes
            ]
            assert found == notes, (unit, what)
    assert [use.offer.id for use in matching.unused()] == expect["unused"]
    if "order" in expect:
        assert [[o.gap.share.unit_id, o.gap.line.what] for o in matching.gaps] == expect["order"]
    # Nothing is given twice: each offer gives at most what it has, each gap takes at most its shortfall.
    for use in matching.offers:
        assert 0 <= use.given <= use.offer.amount
    for outcome in matching.gaps:
        assert 0 <= outcome.met <= outcome.gap.amount


def test_the_allocation_is_deterministic() -> None:
    """The same gaps and offers, listed in another order, give the same allocations."""
    case = next(c for c in CASES["cases"] if c["name"] == "larger-shortfall-first-then-unit-id")
    shuffled = {**case, "gaps": list(reversed(case["gaps"])), "units": dict(reversed(list(case["units"].items())))}
    first = [(a.offer.id, a.gap.share.unit_id, a.amount) for a in _run(case).allocations]
    assert first == [(a.offer.id, a.gap.share.unit_id, a.amount) for a in _run(shuffled).allocations]
