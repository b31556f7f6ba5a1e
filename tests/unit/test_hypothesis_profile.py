"""The default test run is deterministic: Hypothesis draws the same inputs on every run."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

DEFAULT_RUN = os.environ.get("PKCHECK_HYPOTHESIS", "ci") == "ci"
drawn: list[int] = []


@pytest.mark.skipif(not DEFAULT_RUN, reason="a long or fuzz run is random on purpose")
def test_the_default_profile_is_derandomized_and_keeps_no_database() -> None:
    assert settings.default.derandomize
    assert settings.default.database is None


@pytest.mark.skipif(not DEFAULT_RUN, reason="a long or fuzz run is random on purpose")
def test_a_property_draws_the_same_inputs_twice() -> None:
    @given(st.integers())
    def draw(number: int) -> None:
        drawn.append(number)

    draw()
    first = list(drawn)
    drawn.clear()
    draw()
    assert drawn == first and len(set(first)) > 1
