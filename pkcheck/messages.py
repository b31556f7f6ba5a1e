"""Every user-facing finding message, as a template with an id and named values.

Checks never build sentences; they name a template and give values. A check kind's templates
are its own (``Kind.messages``, ids ``<kind>.<name>``); those that belong to no kind are here,
and ``pkcheck.checks.template`` finds either. A translation is a second set of templates with
the same ids. This module knows no kind: the kinds fill their own templates with ``fill``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TEMPLATES: dict[str, str] = {
    "threshold.error": "the threshold cannot be evaluated: {error}",
    "schedule.applied": "{message} ({entries})",
    "window.not_yet": "not applicable yet: applies from {effective_from}",
    "window.ended": "no longer applicable: applied until {effective_until}",
    "waiver.applied": "{message} (waived until {expires} by {approved_by}: {reason})",
    "waiver.expired": "{message} (waiver expired on {expires})",
}


def fill(text: str, values: Mapping[str, Any]) -> str:
    """A template with its values in place; a list reads as its entries joined by commas."""
    return text.format_map({k: _text(v) for k, v in values.items()})


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)
