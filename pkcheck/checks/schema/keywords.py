"""The keywords pkcheck applies itself rather than as jsonschema does: every one that matches a
pattern (``pattern``, ``patternProperties``, and ``additionalProperties`` and
``unevaluatedProperties``, which ask which keys the patterns match), so that each match is
bounded and reads the pattern as JSON Schema does (``patterns.search``); and ``multipleOf``,
exact on whole numbers too large for a float. A key that ``additionalProperties`` or
``unevaluatedProperties`` refuses is a violation of its own, at the key."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import Any

from jsonschema import Draft202012Validator  # type: ignore[import-untyped,unused-ignore]
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped,unused-ignore]

from pkcheck.checks.schema.patterns import LONGEST_MATCHED, search, too_long
from pkcheck.checks.schema.wording import not_allowed, show
from pkcheck.i18n import _
from pkcheck.messages import grouped

_BASE = Draft202012Validator.VALIDATORS


def pattern(validator: Any, wanted: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if not isinstance(instance, str):
        return
    if too_long(instance):
        yield ValidationError(too_long_message(instance))
    elif not search(wanted, instance):
        yield ValidationError(f"{instance!r} does not match {wanted!r}")


def pattern_properties(validator: Any, patterns: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if not isinstance(instance, dict):
        return
    for key in instance:
        if too_long(key):
            yield ValidationError(_("the key {problem}").format(problem=too_long_message(key)), path=(key,))
    for wanted, subschema in patterns.items():
        for key, value in instance.items():
            if search(wanted, key):
                yield from validator.descend(value, subschema, path=key, schema_path=wanted)


def additional_properties(validator: Any, additional: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if not isinstance(instance, dict):
        return
    for key in _additional(instance, schema):
        yield from _each(validator, additional, instance, key)


def unevaluated_properties(validator: Any, unevaluated: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if not isinstance(instance, dict):
        return
    evaluated = set(_evaluated_keys(validator, instance, schema))
    for key in instance:
        if key not in evaluated:
            yield from _each(validator, unevaluated, instance, key)


def _each(validator: Any, subschema: Any, instance: dict[str, Any], key: str) -> Iterator[ValidationError]:
    """The violations of one key's value of the subschema that applies to it: ``false``
    refuses the key itself."""
    if subschema is False:
        yield ValidationError(not_allowed(key), path=(key,))
    else:
        yield from validator.descend(instance[key], subschema, path=key, schema_path=key)


def _additional(instance: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """The keys neither ``properties`` nor ``patternProperties`` name (a key too long to be
    matched matches no pattern)."""
    named = schema.get("properties") or {}
    patterns = list(schema.get("patternProperties") or {})
    return [key for key in instance if key not in named and not _any_match(patterns, key)]


def _any_match(patterns: Iterable[str], key: str) -> bool:
    return any(search(wanted, key) for wanted in patterns)


def _valid(errors: Iterator[ValidationError]) -> bool:
    return next(errors, None) is None


def _evaluated_keys(validator: Any, instance: dict[str, Any], schema: Any) -> list[str]:
    """The keys of ``instance`` that a keyword of ``schema``, or of a subschema applied to the
    same value that it passes, evaluates: jsonschema's own reckoning, its patterns matched by
    ``search``."""
    if not isinstance(schema, dict):
        return []
    keys: list[str] = []
    for keyword in ("$ref", "$dynamicRef"):
        if isinstance(schema.get(keyword), str):
            resolved = validator._resolver.lookup(schema[keyword])
            target = validator.evolve(schema=resolved.contents, _resolver=resolved.resolver)
            keys += _evaluated_keys(target, instance, resolved.contents)
    properties = schema.get("properties")
    if isinstance(properties, dict):
        keys += [key for key in instance if key in properties]
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        if keyword in schema:
            keys += [key for key, value in instance.items() if _valid(validator.descend(value, schema[keyword]))]
    keys += [key for key in instance if _any_match(schema.get("patternProperties") or {}, key)]
    for key, subschema in (schema.get("dependentSchemas") or {}).items():
        if key in instance:
            keys += _evaluated_keys(validator, instance, subschema)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for subschema in schema.get(keyword) or []:
            if _valid(validator.descend(instance, subschema)):
                keys += _evaluated_keys(validator, instance, subschema)
    if "if" in schema:
        if validator.evolve(schema=schema["if"]).is_valid(instance):
            keys += _evaluated_keys(validator, instance, schema["if"])
            keys += _evaluated_keys(validator, instance, schema.get("then"))
        else:
            keys += _evaluated_keys(validator, instance, schema.get("else"))
    return keys


def multiple_of(validator: Any, divisor: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """jsonschema's ``multipleOf``, exact where a whole number too large for a float meets a
    divisor that is one (jsonschema divides them as floats, which cannot hold the number)."""
    try:
        yield from _BASE["multipleOf"](validator, divisor, instance, schema)
    except OverflowError:
        if (Fraction(instance) / Fraction(divisor)).denominator != 1:
            yield ValidationError(f"{instance!r} is not a multiple of {divisor!r}")


def too_long_message(text: str) -> str:
    return _(
        "{text} is {length} characters long; pkcheck matches a pattern against text of up to {limit} characters"
    ).format(text=show(text), length=grouped(len(text)), limit=grouped(LONGEST_MATCHED))


GUARDED = {
    "pattern": pattern,
    "patternProperties": pattern_properties,
    "additionalProperties": additional_properties,
    "unevaluatedProperties": unevaluated_properties,
    "multipleOf": multiple_of,
}
