"""The subschemas of a JSON Schema (Draft 2020-12), each with where it is and whether it
applies to the same value as its parent (``allOf``, ``$ref``...) or to a part of it
(``properties``, ``items``...)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

Segments = tuple[str | int, ...]

# Keywords whose subschemas apply to the value itself ("in place"), and to a part of it.
_IN_PLACE_ONE = ("not", "if", "then", "else")
_IN_PLACE_LIST = ("allOf", "anyOf", "oneOf")
_IN_PLACE_MAP = ("dependentSchemas",)
_PART_ONE = (
    "additionalProperties",
    "propertyNames",
    "items",
    "contains",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
)
_PART_LIST = ("prefixItems",)
_PART_MAP = ("properties", "patternProperties")
_DEFINITIONS = ("$defs", "definitions")  # applied only where a `$ref` names them


class Child(NamedTuple):
    at: Segments  # from the parent
    schema: Any
    in_place: bool


def children(schema: Any) -> Iterator[Child]:
    """The direct subschemas of ``schema`` that are mappings (``true`` and ``false`` have none)."""
    if not isinstance(schema, dict):
        return
    for keywords, in_place, shape in (
        (_IN_PLACE_ONE, True, "one"),
        (_IN_PLACE_LIST, True, "list"),
        (_IN_PLACE_MAP, True, "map"),
        (_PART_ONE, False, "one"),
        (_PART_LIST, False, "list"),
        (_PART_MAP, False, "map"),
        (_DEFINITIONS, False, "map"),
    ):
        for keyword in keywords:
            value = schema.get(keyword)
            if shape == "one":
                entries: list[tuple[Segments, Any]] = [((keyword,), value)]
            elif shape == "list" and isinstance(value, list):
                entries = [((keyword, index), item) for index, item in enumerate(value)]
            elif shape == "map" and isinstance(value, dict):
                entries = [((keyword, key), item) for key, item in value.items()]
            else:
                entries = []
            yield from (Child(at, item, in_place) for at, item in entries if isinstance(item, dict))


def subschemas(schema: Any) -> Iterator[tuple[Segments, Any]]:
    """``schema`` and every subschema in it that is a mapping, each with where it is; without
    recursion, so that any nesting the loader let through is walked."""
    stack: list[tuple[Segments, Any]] = [((), schema)] if isinstance(schema, dict) else []
    while stack:
        at, node = stack.pop()
        yield at, node
        stack.extend((at + child.at, child.schema) for child in reversed(list(children(node))))
