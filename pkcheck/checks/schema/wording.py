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
from pkcheck.i18n import N_, _, ngettext, number
from pkcheck.load.yaml11 import shortened

_TYPES = {
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "string": N_("text"),
    "boolean": N_("true or false"),
    "object": N_("a mapping"),
    "array": N_("a list"),
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
        return str(value) if abs(value) < 10**30 else _("a number of more than 30 digits")
    if isinstance(value, dict):
        return _("a mapping") if value else _("an empty mapping")
    if isinstance(value, list):
        if not value:
            return _("an empty list")
        return ngettext("a list of {count} entry", "a list of {count} entries", len(value)).format(
            count=number(len(value))
        )
    return shortened(str(value), 60)


def _shown_list(values: Any) -> str:
    items = [show(v) for v in values] if isinstance(values, list) else [show(values)]
    if len(items) > 8:
        return _("{values} and {count} more").format(values=", ".join(items[:8]), count=len(items) - 8)
    return ", ".join(items)


def _names(values: Any) -> str:
    keys = [values] if isinstance(values, str) else list(values)
    return ", ".join(f"`{shortened(str(k), 60)}`" for k in keys)


def _type(error: ValidationError) -> str:
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    names = [_(_TYPES[str(t)]) if str(t) in _TYPES else str(t) for t in wanted]
    either = names[0]
    for other in names[1:]:
        either = _("{either} or {other}").format(either=either, other=other)
    return _("{value} is not {type}").format(value=show(error.instance), type=either)


def _alternatives(error: ValidationError) -> str:
    if error.validator == "oneOf" and not list(error.context or ()):
        return _("{value} matches more than one of the alternatives of `oneOf`").format(value=show(error.instance))
    closest = best_match(error.context or ())
    said = _("{value} matches none of the alternatives of `{keyword}`").format(
        value=show(error.instance), keyword=error.validator
    )
    return (
        said
        if closest is None
        else _("{problem} (the closest: {closest})").format(problem=said, closest=plain(closest))
    )


_SIZES = {
    ("minimum", "characters"): N_("{size} characters: fewer than the minimum of {bound}"),
    ("maximum", "characters"): N_("{size} characters: more than the maximum of {bound}"),
    ("minimum", "entries"): N_("{size} entries: fewer than the minimum of {bound}"),
    ("maximum", "entries"): N_("{size} entries: more than the maximum of {bound}"),
    ("minimum", "keys"): N_("{size} keys: fewer than the minimum of {bound}"),
    ("maximum", "keys"): N_("{size} keys: more than the maximum of {bound}"),
}


def _size(bound: str, unit: str) -> Callable[[ValidationError], str]:
    def said(error: ValidationError) -> str:
        size = len(error.instance) if isinstance(error.instance, (str, list, dict)) else 0
        return _(_SIZES[bound, unit]).format(size=size, bound=error.validator_value)

    return said


def _said(template: str) -> Callable[[ValidationError], str]:
    """A violation said by ``template``, with the value (``{value}``) and the schema's (``{wanted}``)."""
    return lambda e: _(template).format(value=show(e.instance), wanted=show(e.validator_value))


def _pattern(error: ValidationError) -> str:
    if too_long(error.instance):
        return str(error.message)
    return _("{value} does not match `{pattern}`").format(
        value=show(error.instance), pattern=shortened(str(error.validator_value), 80)
    )


_SAID: dict[str, Callable[[ValidationError], str]] = {
    "type": _type,
    "minimum": _said(N_("{value} is less than the minimum of {wanted}")),
    "exclusiveMinimum": _said(N_("{value} is not more than {wanted}")),
    "maximum": _said(N_("{value} is more than the maximum of {wanted}")),
    "exclusiveMaximum": _said(N_("{value} is not less than {wanted}")),
    "multipleOf": _said(N_("{value} is not a multiple of {wanted}")),
    "minLength": _size("minimum", "characters"),
    "maxLength": _size("maximum", "characters"),
    "minItems": _size("minimum", "entries"),
    "maxItems": _size("maximum", "entries"),
    "minProperties": _size("minimum", "keys"),
    "maxProperties": _size("maximum", "keys"),
    "pattern": _pattern,
    # pkcheck's own (``keywords``): a key too long to match, a key refused.
    "patternProperties": lambda e: str(e.message),
    "additionalProperties": lambda e: str(e.message),
    "unevaluatedProperties": lambda e: str(e.message),
    "enum": lambda e: _("{value} is not one of {values}").format(
        value=show(e.instance), values=_shown_list(e.validator_value)
    ),
    "const": _said(N_("{value} is not {wanted}")),
    "required": lambda e: _("{keys} must be given").format(keys=_names(_missing(e.validator_value, e.instance))),
    "uniqueItems": _said(N_("{value} has an entry more than once")),
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    "not": _said(N_("{value} matches a schema it must not match (`not`)")),
    "false": lambda e: _("no value is allowed here (the schema is `false`)"),
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
        _("{key} needs {keys}").format(key=_names(key), keys=_names(_missing(needed, given)))
        for key, needed in dependent.items()
        if key in given and _missing(needed, given)
    ]


def not_allowed(key: str) -> str:
    """A key that ``additionalProperties`` or ``unevaluatedProperties`` refuses (``false``),
    said at the key."""
    return _("{key} is not allowed here").format(key=_names(key))


def plain(error: ValidationError) -> str:
    """One violation, said plainly."""
    keyword = "false" if error.validator is None else str(error.validator)  # None: the schema `false`
    said = _SAID.get(keyword)
    if said is not None:
        return said(error)
    return _("{problem} (`{keyword}`)").format(problem=shortened(error.message, 200), keyword=keyword)
