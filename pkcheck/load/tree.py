"""The data read from a file: plain dicts and lists that also know where each part came from.

The loader builds these; ``locate()`` and the lint of codes read the positions. Positions are
0-based ``(line, column)`` pairs, as the parser gives them; ``locate()`` makes them 1-based.
"""

from __future__ import annotations

from typing import Any

Position = tuple[int, int]


class LocatedDict(dict[Any, Any]):
    """A mapping, with the position of itself, of each key and of each value."""

    __slots__ = ("key_positions", "position", "value_positions")

    def __init__(self, position: Position = (0, 0)) -> None:
        super().__init__()
        self.position = position
        self.key_positions: dict[Any, Position] = {}
        self.value_positions: dict[Any, Position] = {}


class LocatedList(list[Any]):
    """A sequence, with the position of itself and of each item."""

    __slots__ = ("item_positions", "position")

    def __init__(self, position: Position = (0, 0)) -> None:
        super().__init__()
        self.position = position
        self.item_positions: list[Position] = []
