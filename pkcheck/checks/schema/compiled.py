"""JSON Schemas from standards (Draft 2020-12): checked once, compiled once per run, applied
to parts of declarations. The only module the ``schema`` kind calls; it alone, with the
modules beside it, imports jsonschema and referencing (jsonschema takes a tenth of a second to
import: nothing else pays for it).

- ``schema_problems(schema)``: everything wrong with a schema, each located within it: nesting
  deeper than ``DEEPEST`` levels, a key that is not text, a number JSON cannot hold, a
  ``$schema`` of another dialect, what the Draft 2020-12 metaschema refuses, a ``pattern`` that
  is not a regular expression or could backtrack without bound, a ``$ref`` outside the schema
  (never fetched), to nothing in it or to a part of it that is not a subschema, and a loop of
  references.
- ``violations(schema, value)``: every way a value breaks a schema (a schema without problems),
  each at the place in the value it concerns, said plainly.

Both are cached by the schema's canonical JSON, so a schema used by many requirements or
checked against many declarations is compiled once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from jsonschema import Draft202012Validator  # type: ignore[import-untyped,unused-ignore]
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped,unused-ignore]
from jsonschema.validators import extend  # type: ignore[import-untyped,unused-ignore]
from referencing.exceptions import Unresolvable

from pkcheck.checks.schema.keywords import GUARDED
from pkcheck.checks.schema.patterns import pattern_problem
from pkcheck.checks.schema.references import REGISTRY, reference_problems
from pkcheck.checks.schema.walk import Segments, subschemas
from pkcheck.checks.schema.wording import plain, show
from pkcheck.i18n import _

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DEEPEST = 64  # levels of nesting in a schema; metaschema validation recurses on each
_DIALECTS = (DIALECT, DIALECT + "#")


class Problem(NamedTuple):
    """Something wrong with a schema, at ``at`` (keys and list positions from its root)."""

    at: Segments
    message: str


class Violation(NamedTuple):
    """A way a value breaks a schema, at ``at`` (keys and list positions from the value);
    ``missing``: a key that must be given is not (``at`` ends with it)."""

    at: Segments
    message: str
    missing: bool = False


class NotApplicable(Exception):
    """A schema that cannot be applied to a value: it is nested too deeply to follow."""


def canonical(schema: Any) -> str:
    """The schema as JSON with sorted keys: equal schemas, however written, have equal text."""
    return json.dumps(schema, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def schema_problems(schema: Any) -> tuple[Problem, ...]:
    """Everything wrong with ``schema`` (see the module's docstring); empty when it is sound."""
    found = list(_shape_problems(schema))
    return tuple(found) if found else _problems_of(canonical(schema))


def _shape_problems(schema: Any) -> Iterator[Problem]:
    """What keeps ``schema`` from being JSON at all, or from being walked safely; without
    recursion, since the nesting is not known yet."""
    stack: list[tuple[Segments, Any]] = [((), schema)]
    while stack:
        at, value = stack.pop()
        if len(at) > DEEPEST:
            yield Problem(at, _("the schema is nested more than {depth} levels deep").format(depth=DEEPEST))
        elif isinstance(value, dict):
            for key, child in value.items():
                if not isinstance(key, str):
                    yield Problem(
                        (*at, key), _("the key {key} is not text; keys of a schema are text").format(key=show(key))
                    )
                stack.append(((*at, str(key)), child))
        elif isinstance(value, list):
            stack.extend(((*at, index), child) for index, child in enumerate(value))
        elif isinstance(value, float) and not math.isfinite(value):
            yield Problem(at, _("{value} is not a number JSON can hold").format(value=value))


@lru_cache(maxsize=256)
def _problems_of(text: str) -> tuple[Problem, ...]:
    schema = json.loads(text)
    dialect = schema.get("$schema") if isinstance(schema, dict) else None
    if dialect is not None and dialect not in _DIALECTS:
        message = _("pkcheck reads JSON Schema Draft 2020-12 only: remove `$schema` or make it {dialect}").format(
            dialect=DIALECT
        )
        return (Problem(("$schema",), message),)
    try:
        meta = [Problem(tuple(e.absolute_path), plain(e)) for e in _META.iter_errors(schema)]
    except RecursionError:
        return (Problem((), "the schema is nested too deeply to be checked"),)
    if meta:
        return tuple(sorted(set(meta), key=_order))
    found = [*_pattern_problems(schema), *(Problem(p.at, p.message) for p in reference_problems(schema))]
    return tuple(sorted(set(found), key=_order))


_META = Draft202012Validator(Draft202012Validator.META_SCHEMA)


def _order(problem: Problem) -> tuple[str, str]:
    return json.dumps(problem.at), problem.message


def _pattern_problems(schema: Any) -> Iterator[Problem]:
    for at, node in subschemas(schema):
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            problem = pattern_problem(pattern)
            if problem is not None:
                yield Problem((*at, "pattern"), _("`pattern` is refused: {problem}").format(problem=problem))
        for key in node.get("patternProperties") or {}:
            problem = pattern_problem(key)
            if problem is not None:
                yield Problem(
                    (*at, "patternProperties", key),
                    _("a `patternProperties` key is refused: {problem}").format(problem=problem),
                )


def violations(schema: Any, value: Any) -> list[Violation]:
    """Every way ``value`` breaks ``schema`` (one ``schema_problems`` found sound), in the
    order jsonschema finds them; raises ``NotApplicable``."""
    validator = _validator(canonical(schema))
    try:
        errors = list(validator.iter_errors(value))
    except RecursionError:
        raise NotApplicable(_("the value is nested too deeply to be checked against the schema")) from None
    except Unresolvable as exc:  # a reference in a place `schema_problems` does not walk
        raise NotApplicable(_("a reference of the schema cannot be followed: {error}").format(error=exc)) from None
    found: list[Violation] = []
    for error in errors:
        for violation in _said(error):
            if violation not in found:
                found.append(violation)
    return found


def _said(error: ValidationError) -> list[Violation]:
    at = tuple(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        # Each key missing is a violation of its own, at the key it would be.
        missing = [key for key in error.validator_value if key not in error.instance]
        return [Violation((*at, key), _("must be given"), missing=True) for key in missing]
    return [Violation(at, plain(error))]


@lru_cache(maxsize=256)
def _validator(text: str) -> Any:
    return _Guarded(json.loads(text), registry=REGISTRY)


_Guarded = extend(Draft202012Validator, GUARDED)
