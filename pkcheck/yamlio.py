"""Read YAML 1.2 and JSON files into data that remembers where every node came from.

This is the only module that imports ruamel.yaml. Everything a user can get wrong at the
level of bytes and syntax ends here as an ``InputError`` with file, line and column.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node
from ruamel.yaml.reader import ReaderError

from pkcheck.diagnostics import InputError


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile or broken files from exhausting time or memory."""

    max_bytes: int = 20 * 1024 * 1024
    max_nodes: int = 1_000_000  # counted with every alias expanded
    max_depth: int = 64


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Document:
    """A parsed file: its path as given by the user and its round-trip data (0-based marks)."""

    path: str
    data: Any


class _Constructor(RoundTripConstructor):
    """Keeps timestamps as strings so dates are parsed (and reported) by the models,
    identically for YAML and JSON input; ruamel would raise an unlocated ValueError for
    an impossible date such as 2026-02-30."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    return yaml


def load(path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one file; raise ``InputError`` for anything that is not a YAML mapping."""
    text = decode(path, read_bytes(path, limits))
    data = parse(path, text)
    if data is None:
        raise InputError.at(path, "the file is empty (or only comments): expected a `pkcheck:` mapping")
    if not isinstance(data, CommentedMap):
        kind = "a list" if isinstance(data, CommentedSeq) else "a single value"
        raise InputError.at(path, f"the top level is {kind}; expected a mapping starting with `pkcheck:`")
    check_size(path, data, limits)
    return Document(path, data)


def read_bytes(path: str, limits: Limits) -> bytes:
    if os.path.isdir(path):
        raise InputError.at(path, "is a directory, not a file")
    try:
        size = os.path.getsize(path)
        if size > limits.max_bytes:
            raise InputError.at(path, f"file is {size:,} bytes; the limit is {limits.max_bytes:,}")
        with open(path, "rb") as handle:
            return handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise InputError.at(path, "no such file") from None
    except PermissionError:
        raise InputError.at(path, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise InputError.at(path, f"cannot read the file: {exc.strerror or exc}") from None


def decode(path: str, raw: bytes) -> str:
    """UTF-8 only (a byte-order mark is accepted); binary files are refused outright."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _position(raw[:nul].decode("utf-8", "replace"))
        raise InputError.at(path, "binary file (contains a NUL byte); expected UTF-8 text", line, column)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(raw[: exc.start].decode("utf-8", "replace"))
        message = f"not valid UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded; save the file as UTF-8"
        raise InputError.at(path, message, line, column) from None


def _position(prefix: str) -> tuple[int, int]:
    """1-based line and column just after ``prefix``."""
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1


def parse(path: str, text: str) -> Any:
    try:
        return _yaml().load(text)
    except DuplicateKeyError as exc:
        raise _duplicate_key_error(path, text, exc) from None
    except MarkedYAMLError as exc:
        raise _syntax_error(path, exc) from None
    except ReaderError as exc:
        line, column = _position(text[: exc.position])
        raise InputError.at(path, f"unacceptable character {exc.character!r} in the file", line, column) from None
    except RecursionError:
        raise InputError.at(path, "nesting is too deep to read") from None
    except YAMLError as exc:
        raise InputError.at(path, f"cannot parse YAML: {exc}") from None


def _syntax_error(path: str, exc: MarkedYAMLError) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    if exc.context == "expected a single document in the stream":
        problem = "several YAML documents in one file; put each declaration in a file of its own"
    elif "\\t" in problem or "tab" in problem:
        problem = f"{problem} (YAML does not allow tabs for indentation)"
    if exc.context and exc.context_mark and exc.context != "expected a single document in the stream":
        problem = f"{problem} ({exc.context} started at line {exc.context_mark.line + 1})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return InputError.at(path, f"syntax error: {problem}", line, column)


def _duplicate_key_error(path: str, text: str, exc: DuplicateKeyError) -> InputError:
    mark = exc.problem_mark
    line, column = mark.line + 1, mark.column + 1
    first = _first_occurrence(text, exc.context_mark, mark)
    key = _key_at(text, mark)
    where = f" (first defined at line {first})" if first else ""
    return InputError.at(path, f"duplicate key `{key}`{where}", line, column)


def _key_at(text: str, mark: Any) -> str:
    line = text.splitlines()[mark.line][mark.column :]
    return line.split(":", 1)[0].strip().strip("\"'")


def _first_occurrence(text: str, mapping_mark: Any, duplicate_mark: Any) -> int | None:
    """Line of the first occurrence of the duplicated key, found on the composed node tree
    (ruamel only tells where the mapping starts)."""
    try:
        root = _yaml().compose(text)
    except YAMLError:
        return None
    for node in _mappings(root):
        if node.start_mark.line == mapping_mark.line and node.start_mark.column == mapping_mark.column:
            keys = [k for k, _ in node.value]
            duplicate = next((k for k in keys if k.start_mark.line == duplicate_mark.line), None)
            for key in keys:
                if duplicate is not None and key is not duplicate and key.value == duplicate.value:
                    return int(key.start_mark.line) + 1
    return None


def _mappings(node: Node | None) -> list[MappingNode]:
    found: list[MappingNode] = []
    stack = [node] if node is not None else []
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, MappingNode):
            found.append(current)
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current.value, list):
            stack.extend(current.value)
    return found


def check_size(path: str, data: Any, limits: Limits) -> None:
    """Refuse documents whose alias-expanded size or depth is beyond the limits: an alias
    costs nothing to parse but every later walk would expand it ("billion laughs")."""
    sizes: dict[int, int] = {}

    def size(node: Any, depth: int) -> int:
        if not isinstance(node, (CommentedMap, CommentedSeq)):
            return 1
        if id(node) in sizes:
            if sizes[id(node)] < 0:
                raise _at_node(path, node, "an alias refers to its own parent (recursive structure)")
            return sizes[id(node)]
        if depth > limits.max_depth:
            raise _at_node(path, node, f"nesting is deeper than {limits.max_depth} levels")
        sizes[id(node)] = -1
        children = node.values() if isinstance(node, CommentedMap) else node
        total = 1 + sum(size(child, depth + 1) for child in children)
        if total > limits.max_nodes:
            raise _at_node(path, node, f"more than {limits.max_nodes:,} values once aliases are expanded (alias bomb?)")
        sizes[id(node)] = total
        return total

    size(data, 0)


def _at_node(path: str, node: Any, message: str) -> InputError:
    return InputError.at(path, message, node.lc.line + 1, node.lc.col + 1)
