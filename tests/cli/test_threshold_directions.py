"""Every threshold of every registered check kind has a direction that ``pkcheck diff`` honours.

The fields are enumerated from the registry (``Kind.thresholds``), never listed here, so a kind
added with a threshold is covered at once: moved the loose way the field is ``relaxed`` and
``--fail-on-relaxation`` fails; moved the tight way it is ``tightened`` and the run passes. The
settings come from the kind's own ``examples``, which must give every threshold field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pkcheck.checks import KINDS
from pkcheck.checks.kind import Bound, Kind


def _thresholds() -> list[tuple[str, str]]:
    return [(name, field) for name, kind in KINDS.items() for field in kind.thresholds]


def _example_with(kind: Kind, field: str) -> dict[str, Any]:
    found = next((example for example in kind.examples if field in example), None)
    assert found is not None, f"{kind.name}: no example gives the threshold `{field}`"
    return dict(found)


def _doubled(value: Any) -> Any:
    """The same threshold asking twice as much of a minimum (or allowing twice as much for a maximum)."""
    if isinstance(value, dict):
        return {key: _doubled(inner) for key, inner in value.items()}
    assert isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0, value
    return value * 2


def _standard(path: Path, version: str, kind: str, settings: dict[str, Any]) -> str:
    requirement = {"id": "DIR-TST-001", "title": "t", "category": "training", "severity": "major"}
    data = {
        "pkcheck": "standard/v1",
        "id": "t-directions",
        "version": version,
        "title": "Threshold directions",
        "requirements": [{**requirement, "check": {kind: settings}}],
    }
    with path.open("w", encoding="utf-8") as stream:
        YAML().dump(data, stream)
    return str(path)


def _changes(run: Any) -> set[tuple[str, str]]:
    return {(c["field"], c["direction"]) for item in run.json()["changed"] for c in item["changes"]}


@pytest.mark.parametrize(("kind_name", "field"), _thresholds(), ids=lambda v: v)
def test_a_threshold_moved_the_loose_way_is_a_relaxation(cli: Any, tmp_path: Path, kind_name: str, field: str) -> None:
    kind = KINDS[kind_name]
    example = _example_with(kind, field)
    low, high = example, {**example, field: _doubled(example[field])}
    loose, tight = (low, high) if kind.thresholds[field].bound is Bound.MINIMUM else (high, low)
    fields = {f"check.{kind_name}.{field}"} if not kind.thresholds[field].keyed else None
    if fields is None:
        fields = {f"check.{kind_name}.{field}.{key}" for key in example[field]}
    strict = _standard(tmp_path / "strict.yaml", "1.0.0", kind_name, tight)
    lenient = _standard(tmp_path / "lenient.yaml", "1.1.0", kind_name, loose)

    relaxing = cli("diff", strict, lenient, "-f", "json", "--fail-on-relaxation")
    assert relaxing.exit_code == 1, relaxing.stderr
    assert _changes(relaxing) == {(name, "relaxed") for name in fields}

    tightening = cli("diff", lenient, strict, "-f", "json", "--fail-on-relaxation")
    assert tightening.exit_code == 0, tightening.stderr
    assert _changes(tightening) == {(name, "tightened") for name in fields}


def test_every_kind_has_thresholds_to_test() -> None:
    """The registry gives this test something to prove for the kinds that have thresholds."""
    assert len(_thresholds()) >= 10
