"""Text wrapped to a width for people to read: at spaces only, so that a path, a code or
``path:line`` is never broken (a word longer than the width stays whole on its own line), and
with a hanging indent, so that a wrapped field reads as one."""

from __future__ import annotations

import textwrap

from pkcheck.escapes import inert

NARROWEST = 20  # the least room left for text beside an indent, however narrow the width


def wrapped(text: str, width: int, indent: int = 0, first: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` characters: the first starts with ``first`` (or
    ``indent`` spaces), the others with ``indent`` spaces."""
    lead = " " * indent
    first = lead if first is None else first
    room = max(width, len(first) + NARROWEST, indent + NARROWEST)
    words = text.split()
    if words and first.strip() and len(first) + len(words[0]) > room:
        # A first word too long for the label's line (a long path) goes under it, alone on
        # its line, so that the label's line fits and only an unbreakable word overflows.
        return [first.rstrip(), *wrapped(text, width, indent)]
    lines = textwrap.wrap(
        text,
        room,
        initial_indent=first,
        subsequent_indent=lead,
        break_long_words=False,
        break_on_hyphens=False,
    )
    # A line break the wrapping adds may start a line with `::`: a CI runner would obey it.
    return [inert(line) for line in lines] or [first.rstrip()]


def hanging(line: str, width: int, indent: int) -> list[str]:
    """A ``label  value`` line wrapped with its value's lines under the value."""
    return wrapped(line[indent:], width, indent, first=line[:indent])


def packed(items: list[str], separator: str, width: int, indent: int = 0, first: str | None = None) -> list[str]:
    """``items`` joined by ``separator`` and wrapped like ``wrapped``, but only between items:
    an item (a unit and its share) is never split over two lines."""
    glue = "\0"  # a space inside an item, which textwrap does not break at
    joined = separator.join(item.replace(" ", glue) for item in items)
    return [line.replace(glue, " ") for line in wrapped(joined, width, indent, first)]
