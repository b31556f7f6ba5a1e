"""The bounds on every file pkcheck reads (``--max-file-size``, ``--max-nodes``,
``--max-depth``, ``--max-line-length``). No third-party imports: the command line builds
its options from these without loading the parser."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile or broken files from exhausting time or memory.

    A file over ``max_bytes`` is refused before it is read, and a pipe or device as soon as
    more than that has been read (it has no size beforehand). ``max_line_length`` (characters)
    is checked before parsing: the parser takes about a second per million characters of a
    line. ``max_nodes`` bounds the values (keys, items, scalars) parsed, and again counted with
    every alias expanded ("billion laughs"); parsing slows as a file grows (about 0.1 ms a
    value at first), so the default keeps any file within seconds, 10 times the largest real one. ``max_depth``
    bounds nesting, in block and flow style alike."""

    max_bytes: int = 20 * 1024 * 1024
    max_nodes: int = 25_000
    max_depth: int = 64
    max_line_length: int = 1_000_000


DEFAULT_LIMITS = Limits()
