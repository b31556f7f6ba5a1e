"""The closed sets of words used across pkcheck: severities and categories of requirements.

Kept free of third-party imports, so the command line can build its options without
loading the models.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """Impact of a shortfall; ``rank`` orders them (critical is the highest)."""

    ADVISORY = "advisory"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.ADVISORY: 1, Severity.MINOR: 2, Severity.MAJOR: 3, Severity.CRITICAL: 4}


class Category(StrEnum):
    TRAINING = "training"
    EQUIPMENT = "equipment"
    MEDICAL = "medical"
    PERSONNEL = "personnel"
    SUSTAINMENT = "sustainment"
    CONDUCT = "conduct"
