"""``display`` writes a changed field's value as its author would in YAML's flow style, never as
Python would print it."""

from __future__ import annotations

from typing import Any

import pytest

from pkcheck.analyses.diff import display

CASES = [
    (None, "-"),
    (True, "true"),
    (12, "12"),
    ("level-2", "level-2"),
    (("un-cptm", "un-bfac"), "[un-cptm, un-bfac]"),
    (
        {"type": "object", "required": ["convoy_escorts"], "properties": {"n": {"minimum": 4, "const": None}}},
        "{type: object, required: [convoy_escorts], properties: {n: {minimum: 4, const: null}}}",
    ),
    ([1, None, False], "[1, null, false]"),
]


@pytest.mark.parametrize(("value", "shown"), CASES)
def test_a_value_is_shown_in_flow_style(value: Any, shown: str) -> None:
    assert display(value) == shown
