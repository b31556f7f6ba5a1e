"""Every user-facing finding message, as a template with an id and named values.

Checks never build sentences; they name a template and give values. A translation is a second
dictionary with the same ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TEMPLATES: dict[str, str] = {
    "training.met": "{valid} of {required} required personnel hold valid {course} training",
    "training.shortfall": "{valid} of {required} required personnel hold valid {course} training: {shortfall} short",
    "training.no-evidence": "cannot check {course} training: the declaration does not give `{missing}`",
    "equipment.met": "{declared} {item} declared ({serviceable} serviceable); {required} required",
    "equipment.shortfall.quantity": "{declared} {item} declared, {required} required: {shortfall} short",
    "equipment.shortfall.serviceable": (
        "{serviceable} serviceable {item}, {required} required ({ratio} of {quantity}): {shortfall} short"
    ),
    "equipment.no-evidence": "cannot check {item}: the declaration does not give `{missing}`",
    "medical.met": "all medical criteria met ({criteria})",
    "medical.shortfall": "medical support falls short on {criteria}",
    "medical.no-evidence": "cannot check medical support: the declaration does not give {missing}",
    "value.met": "`{path}`{path_title} is {declared}: {criteria} met",
    "value.shortfall": "`{path}`{path_title} is {declared}: {problems}",
    "value.gap.min": "below the minimum of {required}",
    "value.gap.max": "above the maximum of {required}",
    "value.gap.equals": "{required} is required",
    "value.gap.one_of": "expected one of {required}",
    "value.gap.includes": "{shortfall} missing",
    "value.gap.exists": "it must be declared",
    "value.no-evidence": "the declaration does not give `{path}`{path_title}",
    "value.not-a-number": "`{path}`{path_title} is not a number, so {criteria} cannot be checked",
    "value.not-computable": "`{path}`{path_title} is {declared}, not a number to compare with, so {criteria} cannot be checked",
    "threshold.error": "the threshold cannot be evaluated: {error}",
    "waiver.applied": "{message} (waived until {expires} by {approved_by}: {reason})",
    "waiver.expired": "{message} (waiver expired on {expires})",
}


def render(message_id: str, values: Mapping[str, Any]) -> str:
    return TEMPLATES[message_id].format_map({k: _text(v) for k, v in values.items()})


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)
