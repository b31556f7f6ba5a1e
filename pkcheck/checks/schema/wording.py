"""What a schema violation says, in pkcheck's words.

jsonschema's own messages show values as Python would (``'abc' is not of type 'integer'``,
a whole mapping written out); these show them as a declaration does: text in double quotes,
``true``, ``null``, a mapping or a list by its size, long text cut short. Values are shown,
never interpreted: the formats escape what the message holds.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from jsonschema.exceptions import ValidationError, best_match  # type: ignore[import-untyped,unused-ignore]

from pkcheck.checks.schema.patterns import too_long
from pkcheck.load.yaml11 import shortened

_TYPES = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "null",
}


def show(value: Any) -> str:
    """A declared or schema value as a message shows it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return json.dumps(shortened(value, 60), ensure_ascii=False)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, (int, float)):
        return str(value) if abs(value) < 10**30 else "a number of more than 30 digits"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, list):
        return f"a list of {len(value)} entr{'y' if len(value) == 1 else 'ies'}" if value else "an empty list"
    return shortened(str(value), 60)


def _shown_list(values: Any) -> str:
    items = [show(v) for v in values] if isinstance(values, list) else [show(values)]
    return ", ".join(items[:8]) + (f" and {len(items) - 8} more" if len(items) > 8 else "")


def _names(values: Any) -> str:
    keys = [values] if isinstance(values, str) else list(values)
    return ", ".join(f"`{shortened(str(k), 60)}`" for k in keys)


def _type(error: ValidationError) -> str:
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    return f"{show(error.instance)} is not " + " or ".join(_TYPES.get(str(t), str(t)) for t in wanted)


def _alternatives(error: ValidationError) -> str:
    if error.validator == "oneOf" and not list(error.context or ()):
        return f"{show(error.instance)} matches more than one of the alternatives of `oneOf`"
    closest = best_match(error.context or ())
    said = f"{show(error.instance)} matches none of the alternatives of `{error.validator}`"
    return said if closest is None else f"{said} (the closest: {plain(closest)})"


def _size(bound: str, unit: str) -> Callable[[ValidationError], str]:
    def said(error: ValidationError) -> str:
        size = len(error.instance) if isinstance(error.instance, (str, list, dict)) else 0
        return f"{size} {unit}: {'fewer' if bound == 'minimum' else 'more'} than the {bound} of {error.validator_value}"

    return said


_SAID: dict[str, Callable[[ValidationError], str]] = {
    "type": _type,
    "minimum": lambda e: f"{show(e.instance)} is less than the minimum of {show(e.validator_value)}",
    "exclusiveMinimum": lambda e: f"{show(e.instance)} is not more than {show(e.validator_value)}",
    "maximum": lambda e: f"{show(e.instance)} is more than the maximum of {show(e.validator_value)}",
    "exclusiveMaximum": lambda e: f"{show(e.instance)} is not less than {show(e.validator_value)}",
    "multipleOf": lambda e: f"{show(e.instance)} is not a multiple of {show(e.validator_value)}",
    "minLength": _size("minimum", "characters"),
    "maxLength": _size("maximum", "characters"),
    "minItems": _size("minimum", "entries"),
    "maxItems": _size("maximum", "entries"),
    "minProperties": _size("minimum", "keys"),
    "maxProperties": _size("maximum", "keys"),
    "pattern": lambda e: (
        e.message
        if too_long(e.instance)
        else f"{show(e.instance)} does not match `{shortened(str(e.validator_value), 80)}`"
    ),
    # pkcheck's own (``keywords``): a key too long to match, a key refused.
    "patternProperties": lambda e: str(e.message),
    "additionalProperties": lambda e: str(e.message),
    "unevaluatedProperties": lambda e: str(e.message),
    "enum": lambda e: f"{show(e.instance)} is not one of {_shown_list(e.validator_value)}",
    "const": lambda e: f"{show(e.instance)} is not {show(e.validator_value)}",
    "required": lambda e: f"{_names(_missing(e.validator_value, e.instance))} must be given",
    "uniqueItems": lambda e: f"{show(e.instance)} has an entry more than once",
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    "not": lambda e: f"{show(e.instance)} matches a schema it must not match (`not`)",
    "false": lambda e: "no value is allowed here (the schema is `false`)",
    "dependentRequired": lambda e: "; ".join(_dependencies(e.validator_value, e.instance)),
}


def _missing(required: Any, instance: Any) -> list[str]:
    """The keys of ``required`` that ``instance`` lacks: all of them, in one message (jsonschema
    reports each apart, and the same message for each is kept once)."""
    given = instance if isinstance(instance, dict) else {}
    return [key for key in required if key not in given]


def _dependencies(dependent: Any, instance: Any) -> list[str]:
    given = instance if isinstance(instance, dict) else {}
    return [
        f"{_names(key)} needs {_names(_missing(needed, given))}"
        for key, needed in dependent.items()
        if key in given and _missing(needed, given)
    ]


def not_allowed(key: str) -> str:
    """A key that ``additionalProperties`` or ``unevaluatedProperties`` refuses (``false``),
    said at the key."""
    return f"{_names(key)} is not allowed here"


def plain(error: ValidationError) -> str:
    """One violation, said plainly."""
    keyword = "false" if error.validator is None else str(error.validator)  # None: the schema `false`
    said = _SAID.get(keyword)
    if said is not None:
        return said(error)
    return f"{shortened(error.message, 200)} (`{keyword}`)"
