"""Hypothesis profiles for the whole suite.

``default`` keeps the property and fuzz tests quick (each test sets no example count of its
own unless it needs one); ``fuzz`` runs the fuzz targets of ``tests/fuzz/`` for a long time::

    HYPOTHESIS_PROFILE=fuzz python -m pytest tests/fuzz -x

``PKCHECK_FUZZ_EXAMPLES`` sets how many inputs the ``fuzz`` profile tries per test (default
100,000, roughly an hour per test). Failing examples are kept in ``.hypothesis/`` (ignored by
git), so the next run tries them first.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SLOW_INPUTS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile("default", max_examples=25, deadline=None, database=None, suppress_health_check=_SLOW_INPUTS)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("PKCHECK_FUZZ_EXAMPLES", "100000")),
    deadline=None,
    suppress_health_check=_SLOW_INPUTS,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
