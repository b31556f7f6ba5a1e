"""Every user-facing finding message, as a template with an id and named values.

Checks never build sentences; they name a template and give values. A check kind's templates
are its own (``Kind.messages``, ids ``<kind>.<name>``); those that belong to no kind are here.
A translation is a second set of templates with the same ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TEMPLATES: dict[str, str] = {
    "threshold.error": "the threshold cannot be evaluated: {error}",
    "waiver.applied": "{message} (waived until {expires} by {approved_by}: {reason})",
    "waiver.expired": "{message} (waiver expired on {expires})",
}


def template(message_id: str) -> str:
    """The template of ``message_id``: one of the above, or a check kind's own."""
    if message_id in TEMPLATES:
        return TEMPLATES[message_id]
    # Imported here: the kinds import this module to fill their templates.
    from pkcheck.checks import KINDS

    kind, _, name = message_id.partition(".")
    return KINDS[kind].messages[name]


def render(message_id: str, values: Mapping[str, Any]) -> str:
    return fill(template(message_id), values)


def fill(text: str, values: Mapping[str, Any]) -> str:
    """A template with its values in place; a list reads as its entries joined by commas."""
    return text.format_map({k: _text(v) for k, v in values.items()})


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)
