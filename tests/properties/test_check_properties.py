"""Properties of the checker over generated declarations (``declarations.py``).

Example counts follow the suite's Hypothesis profile (see ``tests/conftest.py``): a few dozen
per test by default, always the same ones; random and many more with ``PKCHECK_HYPOTHESIS=long``.
"""

from __future__ import annotations

import copy
import random
from typing import Any

from declarations import check, declarations, is_valid, statuses
from hypothesis import assume, given
from hypothesis import strategies as st

from pkcheck.report import FAILING, Status, Verdict


def _numbers(value: Any) -> list[float]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, tuple):
        return [v for item in value for v in _numbers(item)]
    return []


@given(st.data())
def test_any_generated_declaration_is_checked_or_refused_with_located_errors(data: st.DataObject) -> None:
    """Checking never raises; a declaration the models accept is checked, one they refuse is
    an ``invalid`` result with located errors."""
    declaration = data.draw(declarations())
    result = check(declaration)
    if is_valid(declaration):
        assert result.errors == () and result.verdict is not Verdict.INVALID, result.errors
        assert result.findings
    else:
        assert result.verdict is Verdict.INVALID
        assert result.errors and all(error.location.path == result.path for error in result.errors), result.errors


def _shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {key: _shuffled(value[key], rng) for key in keys}
    if isinstance(value, list):
        return [_shuffled(item, rng) for item in value]
    return value


@given(declarations(), st.randoms(use_true_random=False))
def test_key_order_and_json_do_not_change_the_verdict(declaration: dict[str, Any], rng: random.Random) -> None:
    assume(is_valid(declaration))
    result = check(declaration)
    for variant in (check(_shuffled(declaration, rng)), check(declaration, as_json=True)):
        assert variant.verdict == result.verdict
        assert statuses(variant) == statuses(result)
        assert [f.gaps for f in variant.findings] == [f.gaps for f in result.findings]


@given(declarations())
def test_a_shortfall_is_never_negative(declaration: dict[str, Any]) -> None:
    assume(is_valid(declaration))
    for finding in check(declaration).findings:
        for gap in finding.gaps:
            assert all(number >= 0 for number in _numbers(gap.shortfall)), (finding.requirement, gap)
        if finding.status is Status.MET:
            assert not any(gap.shortfall for gap in finding.gaps if _numbers(gap.shortfall)), finding


def _more(declaration: dict[str, Any], extra: int, rng: random.Random) -> dict[str, Any]:
    """The same declaration with ``extra`` more of every equipment line (serviceable too) and
    of every training entry's trained personnel (never above the total), and one more line
    of a random item."""
    more = copy.deepcopy(declaration)
    total = (more.get("personnel") or {}).get("total")
    for line in more.get("equipment") or []:
        line["quantity"] += extra
        if "serviceable" in line:
            line["serviceable"] += extra
    for entry in more.get("training") or []:
        entry["trained"] = (
            entry["trained"] + extra if total is None else max(entry["trained"], min(total, entry["trained"] + extra))
        )
    if more.get("equipment"):
        more["equipment"].append(copy.deepcopy(rng.choice(more["equipment"])))
    return more


@given(declarations(), st.integers(1, 500), st.randoms(use_true_random=False))
def test_more_equipment_or_trained_personnel_never_fails_a_met_requirement(
    declaration: dict[str, Any], extra: int, rng: random.Random
) -> None:
    assume(is_valid(declaration))
    more = _more(declaration, extra, rng)
    assume(is_valid(more))
    before, after = statuses(check(declaration)), statuses(check(more))
    worse = {
        req for req, status in before.items() if status == Status.MET.value and after[req] in {s.value for s in FAILING}
    }
    assert not worse, (worse, more)
