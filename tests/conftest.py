"""Hypothesis profiles for the whole suite, chosen with ``PKCHECK_HYPOTHESIS``.

``ci`` (the default) is deterministic: each test tries the same few inputs on every run, so a
run fails only when the code changes, never because of the inputs it happened to draw. It
keeps no database of failures either, which would change what the next run tries.

``long`` is random, with many more inputs per test; a failure prints the blob that replays it::

    PKCHECK_HYPOTHESIS=long python -m pytest tests/properties tests/unit

``fuzz`` runs the fuzz targets of ``tests/fuzz/`` for a long time::

    PKCHECK_HYPOTHESIS=fuzz python -m pytest tests/fuzz -x

``PKCHECK_FUZZ_EXAMPLES`` sets how many inputs the ``fuzz`` profile tries per test (default
100,000, roughly an hour per test). ``long`` and ``fuzz`` keep failing examples in
``.hypothesis/`` (ignored by git), so the next run tries them first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from pkcheck import i18n

PROFILE_VARIABLE = "PKCHECK_HYPOTHESIS"
_SLOW_INPUTS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "ci", max_examples=25, derandomize=True, database=None, deadline=None, suppress_health_check=_SLOW_INPUTS
)
settings.register_profile("long", max_examples=1000, deadline=None, suppress_health_check=_SLOW_INPUTS, print_blob=True)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("PKCHECK_FUZZ_EXAMPLES", "100000")),
    deadline=None,
    suppress_health_check=_SLOW_INPUTS,
    print_blob=True,
)
settings.load_profile(os.environ.get(PROFILE_VARIABLE, "ci"))

# pkcheck writes in the locale's language: the suite's expectations are English, whatever the
# machine's locale (tests of other languages ask for them).
os.environ["PKCHECK_LANG"] = "en"


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that runs pkcheck in French in this process leaves the next one in English."""
    yield
    i18n.use("en")
