"""The closed sets of words used across pkcheck: severities and categories of requirements, and
the kinds of file.

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


class FileKind(StrEnum):
    """Every kind of file pkcheck reads or writes, as its ``pkcheck:`` key names it: the one
    list the loader, the folder searches, the linter, the writers and the schemas use."""

    DECLARATION = "declaration/v1"
    STANDARD = "standard/v1"
    WAIVERS = "waivers/v1"
    TEST = "test/v1"
    VOCABULARY = "vocabulary/v1"
    MOU = "mou/v1"
    TRANSLATION = "translation/v1"
    REPORT = "report/v1"
    TEST_REPORT = "test-report/v1"
    GAPS = "gaps/v1"
    DIFF = "diff/v1"
    MOU_DIFF = "mou-diff/v1"
    PROGRESS = "progress/v1"
    OFFERS = "offers/v1"
    MATCH = "match/v1"

    @property
    def family(self) -> str:
        """The kind without its version: ``declaration``."""
        return self.value.partition("/")[0]


# The kinds pkcheck reads, in the order messages list them, and the kinds it writes: a file of
# those, found where inputs are searched for, is not an input and is passed over.
INPUT_KINDS = (
    FileKind.DECLARATION,
    FileKind.STANDARD,
    FileKind.WAIVERS,
    FileKind.TEST,
    FileKind.VOCABULARY,
    FileKind.MOU,
    FileKind.TRANSLATION,
    FileKind.OFFERS,
)
OUTPUT_KINDS = (
    FileKind.REPORT,
    FileKind.TEST_REPORT,
    FileKind.GAPS,
    FileKind.DIFF,
    FileKind.MOU_DIFF,
    FileKind.PROGRESS,
    FileKind.MATCH,
)
