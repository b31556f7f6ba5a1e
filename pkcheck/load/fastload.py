"""The fast path of the loader: libyaml composes the node tree in C, with line marks, and a
small builder turns it into ``LocatedDict`` and ``LocatedList``.

ruamel's pure-Python round-trip parser reads about 0.2 MB a second; libyaml (ruamel's C
extension, ``ruamel.yaml[libyaml]``) composes the same tree ten times faster. The fast path
only takes what it can read exactly as the careful path would, and declines (returns None)
everything else, which the careful path then reads and, if it is wrong, explains:

- any syntax error, duplicate key, alias, explicit tag, merge key or non-text key, and an
  empty value (``key:`` with nothing after it);
- a number written other than plainly (``010``, ``0x1F``, ``1_000``, ``.inf``, ``-_1``);
- a file over 256 KB, or nested deeper than the C parser can safely recurse, or beyond
  ``--max-nodes``/``--max-depth``, or with line breaks only YAML 1.1 knows (NEL, LS, PS), or
  a byte-order mark after the start (libyaml counts the columns after it differently, and
  takes one that starts a line where ruamel refuses the line), or a tab (libyaml takes one
  inside a plain value where ruamel refuses it), or a block scalar header with a comment
  not set apart by a space (``>#``, which only libyaml takes), or a line break written as a
  lone carriage return (the lines the checks below look at would not be the parser's);
- what libyaml reads otherwise than the YAML specification and ruamel: the non-specific tag
  ``!`` (text; libyaml resolves ``! 12`` as a number), an anchor name that goes on past
  letters, digits, ``_`` and ``-`` (``&a:b``; libyaml ends it at the ``:``), a ``%TAG``
  directive, and a literal or folded scalar whose first lines are blank but for spaces.

Every pattern here runs in linear time, also on hostile text (``bench/worst.py``).

Without the C extension (PyPy, or an install without it) every file takes the careful path:
slower, with the same results.
"""

from __future__ import annotations

import gc
import re
from typing import TYPE_CHECKING, Any

from pkcheck.load.tree import LocatedDict, LocatedList
from pkcheck.load.yaml11 import difference

if TYPE_CHECKING:
    from pkcheck.load.limits import Limits

from ruamel.yaml.tag import Tag

try:
    # cyaml imports the C extension's parser untyped and lists it in no __all__.
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # ruamel without its C extension
    CParser = None

# The tags the resolver gives, compared by identity: a node keeps a Tag it is given as it is,
# where it would make a new one from text, and reading ``node.tag`` converts it back to text.
_PLAIN, _QUOTED, _MAP, _SEQ = (Tag(suffix=f"pkcheck:{name}") for name in ("plain", "quoted", "map", "seq"))

# Larger files take the careful path, which counts values while parsing: the C parser would
# build the whole tree (and its memory) before any limit could be applied.
MAX_CHARS = 256 * 1024
# libyaml's composer recurses in C: nesting far deeper than any limit would overflow the stack.
MAX_DEPTH = 200

_NULLS = frozenset({"~", "null", "Null", "NULL"})
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
# A plain value YAML 1.2 reads as a number or a merge/value key, in any form (ruamel's resolver,
# which also takes a sign before separators alone: `+_`, `-_1`).
_NUMBER_LIKE = re.compile(
    r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|\.(?:inf|Inf|INF)|0b[0-1_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+)|[-+]_[0-9_]*|\.(?:nan|NaN|NAN)|<<|="
)
# A block scalar indicator with a comment glued to it: libyaml takes it, ruamel refuses it.
_GLUED_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")
# The start of a line made of spaces, indicators and node properties (an anchor or a tag runs to
# the next blank): block nesting can only deepen across it. The pattern cannot fail, so it is
# matched once, greedily, in linear time (asking for a count of repetitions instead made it
# try every way of splitting a run of `!` into properties: exponential time).
_LEADING_ITEMS = re.compile(r"(?:[ ?:-]|[&!][^ \t\n]*)*")
_ITEM_STARTS = " ?:-&!"
# An anchor whose name goes on past letters, digits, `_` and `-` (`&a:b`, `&f?Y2a`): YAML
# allows it, and ruamel reads it whole, where libyaml ends the name there and reads the rest as
# the value.
_ODD_ANCHOR = re.compile(r"&[A-Za-z0-9_-]*[^A-Za-z0-9_\- \t\r\n,\[\]{}]")
# The non-specific tag `!` (or `!<!>`) alone: the value is text, but libyaml reads it as if
# untagged (`! 12` as a number).
_NON_SPECIFIC_TAG = re.compile(r"(?<![^ \t\r\n\[{,])!(?:<!>)?(?![^ \t\r\n,\]}])")
# Text the two parsers read differently: YAML 1.1 line breaks, a byte-order mark anywhere but
# at the start (where decoding has already removed it), tabs, and tag directives (which can
# make a tag non-specific).
_CAREFUL_TEXTS = ("\x85", "\u2028", "\u2029", "\ufeff", "\t", "%TAG")


class _Declined(Exception):
    """The file holds something only the careful path reads exactly."""


if CParser is not None:

    class _Parser(CParser):  # type: ignore[misc]  # the C extension has no types: its class is Any
        """libyaml's parser and composer, with tags left for the builder: ruamel's resolver,
        called for every value, would cost more than the parsing itself."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Tag:
            if value is None:
                return _MAP if kind.__name__ == "MappingNode" else _SEQ
            return _PLAIN if implicit[0] else _QUOTED

        def descend_resolver(self, *args: Any) -> None:
            """No path-dependent tags."""

        def ascend_resolver(self, *args: Any) -> None:
            """No path-dependent tags."""


def load(text: str, limits: Limits) -> tuple[Any, list[tuple[int, int, str]]] | None:
    """The data of ``text`` and its YAML 1.1 warnings (1-based line, column, message), or None
    when the careful path must read it."""
    if CParser is None or len(text) > MAX_CHARS or limits.max_depth > MAX_DEPTH:
        return None
    if any(careful in text for careful in _CAREFUL_TEXTS):
        return None
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return None
    if ("&" in text and _ODD_ANCHOR.search(text)) or ("!" in text and _NON_SPECIFIC_TAG.search(text)):
        return None
    if ("|" in text or ">" in text) and _GLUED_HEADER_COMMENT.search(text):
        return None
    lines = text.split("\n")
    if max(map(len, lines)) >= 2 * MAX_DEPTH and any(
        _may_nest_deep(line) for line in lines if len(line) >= 2 * MAX_DEPTH
    ):
        return None
    builder = _Builder(limits, lines, aliases_possible="*" in text)
    enabled = gc.isenabled()
    gc.disable()  # the tree is acyclic; collecting while it grows only costs time
    try:
        node = _Parser(text).get_single_node()
        data = None if node is None else builder.root(node)
    except Exception:  # noqa: BLE001 - declined, or an error, which the careful path explains
        return None
    finally:
        if enabled:
            gc.enable()
    return data, builder.warnings


def _may_nest_deep(line: str) -> bool:
    """Whether the start of ``line`` holds enough indicators and properties to nest deeper than
    the C parser safely recurses. Every character that can start one counts, even inside a
    property (``!a-b`` counts twice): counting generously only sends more to the careful path."""
    match = _LEADING_ITEMS.match(line)
    lead = match.group() if match else ""  # it always matches, if only the empty string
    return len(lead) >= 2 * MAX_DEPTH and sum(map(lead.count, _ITEM_STARTS)) >= 2 * MAX_DEPTH


# The first characters of every plain value that is not simply text: nulls, booleans, numbers,
# merge and value keys, and the words YAML 1.1 reads as booleans (a colon is checked apart).
_NOT_SIMPLY_TEXT = frozenset("-+.0123456789~nNtTfFyYoO<=")
_BLOCK_STYLES = frozenset("|>")


class _Builder:
    """Plain data from a composed node tree, counting values and depth against the limits.

    Every node is counted once, as the careful path counts them; the node of an anchor met
    again is an alias, which the careful path must expand and count (only looked for when the
    text has a ``*``)."""

    def __init__(self, limits: Limits, lines: list[str], aliases_possible: bool) -> None:
        self.limits = limits
        self.lines = lines
        self.count = 1
        self.seen: set[int] | None = set() if aliases_possible else None
        self.warnings: list[tuple[int, int, str]] = []

    def root(self, node: Any) -> Any:
        if node.ctag is _PLAIN or node.ctag is _QUOTED:
            return self.scalar(node)
        return self.collection(node, 0)

    def collection(self, node: Any, depth: int) -> Any:
        if depth >= self.limits.max_depth:
            raise _Declined
        self.once(node)
        if node.ctag is _MAP:
            return self.mapping(node, depth)
        if node.ctag is _SEQ:
            return self.sequence(node, depth)
        raise _Declined  # an explicit tag

    def once(self, node: Any) -> None:
        if self.seen is not None:
            if id(node) in self.seen:
                raise _Declined
            self.seen.add(id(node))

    def mapping(self, node: Any, depth: int) -> LocatedDict:
        pairs = node.value
        self.count += 2 * len(pairs)
        if self.count > self.limits.max_nodes:
            raise _Declined
        mark = node.start_mark
        result = LocatedDict((mark.line, mark.column))
        keys, values = result.key_positions, result.value_positions
        for key_node, value_node in pairs:
            if key_node.ctag is not _PLAIN and key_node.ctag is not _QUOTED:
                raise _Declined
            key = self.scalar(key_node)
            if not isinstance(key, str) or key in result:
                raise _Declined
            tag = value_node.ctag
            result[key] = (
                self.scalar(value_node) if tag is _PLAIN or tag is _QUOTED else self.collection(value_node, depth + 1)
            )
            mark = key_node.start_mark
            keys[key] = (mark.line, mark.column)
            mark = value_node.start_mark
            values[key] = (mark.line, mark.column)
        return result

    def sequence(self, node: Any, depth: int) -> LocatedList:
        items = node.value
        self.count += len(items)
        if self.count > self.limits.max_nodes:
            raise _Declined
        mark = node.start_mark
        result = LocatedList((mark.line, mark.column))
        positions = result.item_positions
        for item in items:
            tag = item.ctag
            result.append(self.scalar(item) if tag is _PLAIN or tag is _QUOTED else self.collection(item, depth + 1))
            mark = item.start_mark
            positions.append((mark.line, mark.column))
        return result

    def scalar(self, node: Any) -> Any:
        self.once(node)
        value = node.value
        if node.ctag is _QUOTED:
            if node.style in _BLOCK_STYLES:
                self.block(node)
            return value  # libyaml refuses the surrogate escapes JSON may hold, so none are here
        if not value:
            raise _Declined  # libyaml marks an empty value where it would be; ruamel at the next token
        if value[0] in _NOT_SIMPLY_TEXT or ":" in value:
            return self.unusual(node, value)
        return value

    def block(self, node: Any) -> None:
        """A literal or folded scalar whose first lines are blank but for spaces: ruamel refuses
        valid ones (more spaces than the first line of text has) and libyaml takes invalid ones
        (more spaces than the lines after); the careful path reads or refuses them."""
        number = node.start_mark.line + 1  # the line after the header
        while number < len(self.lines):
            line = self.lines[number].rstrip("\r")
            if line.strip(" "):
                return
            if line:
                raise _Declined
            number += 1

    def unusual(self, node: Any, value: str) -> Any:
        """A plain value that may be a null, a boolean or a number, or that YAML 1.1 reads
        differently (warned about, as the careful path does)."""
        message = difference(value)
        if message is not None:
            self.warnings.append((node.start_mark.line + 1, node.start_mark.column + 1, message))
        if value in _NULLS:
            return None
        if value in _BOOLEANS:
            return _BOOLEANS[value]
        if value[0] in "-+.0123456789<=" and _NUMBER_LIKE.fullmatch(value):
            if _INTEGER.fullmatch(value):
                return int(value)
            if _FLOAT.fullmatch(value):
                return float(value)
            raise _Declined
        return value
