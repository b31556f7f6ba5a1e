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
    # An MOU's lines (pkcheck.library.verification).
    "mou.line.met": "{present} of {quantity} {item} declared, {serviceable} serviceable of {required_serviceable} "
    "required ({ratio} of the MOU quantity); {lease} lease: {maintainer} keeps them serviceable",
    "mou.line.shortfall": "{present} of {quantity} {item} declared, {serviceable} serviceable of "
    "{required_serviceable} required ({ratio} of the MOU quantity): {shortfall} serviceable short; "
    "{lease} lease: {maintainer} keeps them serviceable",
    "mou.line.no-evidence": "the declaration gives no `equipment`, so the {quantity} {item} of the MOU cannot be "
    "verified; {lease} lease: {maintainer} keeps them serviceable",
    "mou.category.met": "{category} is declared in `self_sustainment`, as the MOU has the contributor provide it",
    "mou.category.shortfall": "{category} is missing from `self_sustainment`: the MOU has the contributor provide it",
    "mou.category.no-evidence": "the declaration gives no `self_sustainment`, and the MOU has the contributor "
    "provide {category}",
    "mou.un-provided": "not applicable: MOU `{mou}` Annex C has the UN provide {categories} ({where})",
}


def fill(text: str, values: Mapping[str, Any]) -> str:
    """A template with its values in place; a list reads as its entries joined by commas."""
    return text.format_map({k: _text(v) for k, v in values.items()})


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)
