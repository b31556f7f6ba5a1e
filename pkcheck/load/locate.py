"""Map a path into a document (pydantic ``loc``, a finding's evidence path) to file:line:column.

One function serves every error and finding: it walks the round-trip data as far as the path
exists and returns the position of the deepest node found, so a missing key is reported at the
mapping that lacks it and a missing section at line 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pkcheck.diagnostics import Location
from pkcheck.load.tree import LocatedDict, LocatedList

PathSegment = str | int


def locate(path: str, data: Any, segments: Sequence[PathSegment]) -> Location:
    """The 1-based location of the deepest existing node along ``segments``."""
    line, column = 0, 0
    node = data
    for segment in segments:
        position = _child_position(node, segment)
        if position is None:
            break
        line, column = position
        node = node[segment]
    return Location(path, line + 1, column + 1)


def existing_prefix(data: Any, segments: Sequence[PathSegment]) -> tuple[PathSegment, ...]:
    """The leading part of ``segments`` that exists in ``data``."""
    found: list[PathSegment] = []
    node = data
    for segment in segments:
        if _child_position(node, segment) is None:
            break
        found.append(segment)
        node = node[segment]
    return tuple(found)


def _child_position(node: Any, segment: PathSegment) -> tuple[int, int] | None:
    if isinstance(node, LocatedDict) and not isinstance(segment, int) and segment in node:
        return node.key_positions[segment]
    if isinstance(node, LocatedList) and isinstance(segment, int) and 0 <= segment < len(node):
        return node.item_positions[segment]
    return None
