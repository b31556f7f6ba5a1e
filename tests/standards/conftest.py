"""Shared set-up for the standards tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_environment_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A PKCHECK_STANDARDS_PATH in the caller's environment must not change what the tests see."""
    monkeypatch.delenv("PKCHECK_STANDARDS_PATH", raising=False)
