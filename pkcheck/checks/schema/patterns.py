"""Regular expressions from a standard's schema (``pattern``, ``patternProperties``), which run
on declaration text: refused where they could backtrack for ages, bounded where they run.

Python's ``re`` backtracks, and a pattern such as ``^(a+)+$`` takes time exponential in the
length of a text that almost matches. A schema is data from a standard's author and the text
is data from a declaration's, so neither is trusted:

- A pattern is refused when it repeats something that can itself match in more than one way:
  a repeated group that holds another repetition (``(a+)+``, ``(\\w+\\s?)*``) or a choice whose
  branches can begin with the same character (``(a|ab)+``). These are the shapes of
  exponential backtracking; the check is conservative (``([a-z]+\\.)+`` is refused too: write
  ``[a-z.]+`` and check the dots with another keyword).
- A pattern with three repetitions one after another that can match the same characters
  (``\\d*\\d*\\d*x``) is refused: its time is polynomial in the text's length, of degree three
  or more.
- Text longer than ``LONGEST_MATCHED`` characters is not matched at all: that is a violation
  of its own, which bounds what the patterns let through can cost (``^\\S+@\\S+$`` takes time
  quadratic in the length, times the length again where it is not anchored).

Every match goes through ``search``, which reads a pattern as JSON Schema's regular expressions
(ECMA-262, without its ``u`` flag) do: ``\\d``, ``\\w`` and ``\\b`` ASCII, ``\\s`` ECMA's
white space and line endings, ``.`` no line ending, ``$`` the end of the text.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

from pkcheck.i18n import N_, _

LONGEST_MATCHED = 500  # characters of declaration text a pattern is matched against

# What ECMA-262's `\s` matches beyond the ASCII spaces Python's `\s` matches under `FLAGS`: the
# no-break space, every other space separator (Unicode's Zs), the line and paragraph separators
# and the byte order mark (Python's Unicode `\s` lacks the last, and has five more, U+001C-U+001F
# and U+0085, that ECMA's lacks). Written as members of a class.
_MORE_SPACES = "\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_SPACES = "\\s" + _MORE_SPACES
# What ECMA-262's `.` does not match (without the `s` flag); Python's misses only the first.
_LINE_ENDS = "\\n\\r\\u2028\\u2029"
# `\d`, `\w`, `\b` (and `\D`, `\W`, `\B`) ASCII, as ECMA-262 reads them without its `u` flag.
FLAGS = re.ASCII

# The parser of ``re`` (the stdlib's own, typed as nothing): a pattern's structure as a tree.
_PARSER: Any = importlib.import_module("re._parser")
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_NESTED = N_(
    "it repeats a group that contains a repetition (a repetition inside a repetition), which can take exponential time"
)
_LONGEST_CHAIN = 3
_ONE_CHARACTER = frozenset({"LITERAL", "NOT_LITERAL", "IN", "ANY"})
# The characters a class between two repetitions is tried on: Latin, its accents and symbols,
# and the spaces beyond them (a class is taken to end a repetition when it shares none of these).
_SAMPLE = (*range(0x300), 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF)
_ADJACENT = N_(
    "it has three repetitions one after another that can match the same characters, which can take polynomial time"
)
_MOST_WAYS = 64  # ways the choices of a pattern can share out one text among themselves
_MANY_WAYS = N_(
    "it has more than {count} ways of sharing out one text among parts that can match the same characters, "
    "which can take exponential time"
)
_OVERLAP = N_("it repeats a choice whose branches can begin with the same character, which can take exponential time")


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` is refused, or None: not a regular expression Python reads, or of a
    shape that backtracks without bound."""
    try:
        re.compile(pattern, FLAGS)
        # What runs: the pattern as JSON Schema reads it (its classes of spaces, its `$`).
        tree = _PARSER.parse(as_json_schema_reads(pattern), FLAGS)
    except (re.error, RecursionError, OverflowError, ValueError) as exc:  # ValueError: `(?u)` with `FLAGS`
        return _("not a regular expression pkcheck can read: {error}").format(error=exc)
    ways = _ways(list(tree))
    if ways > _MOST_WAYS:
        return _(_MANY_WAYS).format(count=_MOST_WAYS)
    return _shape_problem(list(tree))


def _ways(items: list[Any]) -> int:
    """How many ways, at most, the choices in ``items`` can share out one text: each part of
    varying length (``a?``, ``b*``) that can match what an earlier one still open matches
    doubles them, each choice multiplies them by the number of its branches that can begin
    with one same character, and a repetition of a part with several ways has as many as its count allows.
    Backtracking tries every way before a text is refused: ``a?a?a?aaa`` and
    ``(a|a)(a|a)(a|a)`` are refused when long, though no repetition holds another."""
    ways = 1
    pending: list[list[Any]] = []  # parts of varying length not ended yet
    for op, argument in _flat(items):
        name = str(op)
        if name in _REPEATS:
            low, high, body = argument
            inner = _ways(list(body))
            ways *= inner ** min(high, _MOST_WAYS) if inner > 1 else 1
            if low != high:
                flat = _flat(list(body))
                if any(_may_overlap(earlier, flat) for earlier in pending):
                    ways *= 2
                pending.append(flat)
        elif name == "BRANCH":
            branches = [list(branch) for branch in argument[1]]
            ways *= max(_ways(branch) for branch in branches) * _most_alike(branches)
        elif name in ("ASSERT", "ASSERT_NOT"):
            ways *= _ways(list(argument[1]))
        elif name in _ONE_CHARACTER:
            possible = [char for char in _SAMPLE if _may_match((op, argument), char)]
            pending = [body for body in pending if any(_may_match_any(body, c) for c in possible)]
        if ways > _MOST_WAYS:
            return ways
    return ways


def _shape_problem(items: list[Any]) -> str | None:
    """The first ambiguity in ``items``, at any depth: a repetition whose body is ambiguous,
    or two repetitions side by side that can match the same text."""
    if _side_by_side(_flat(items)):
        return _(_ADJACENT)
    for op, argument in items:
        name = str(op)
        if name in _REPEATS:
            _low, high, body = argument
            found = _repeated_body_problem(_flat(list(body))) if high > 1 else None
            found = found or _shape_problem(list(body))
        elif name == "SUBPATTERN":
            found = _shape_problem(list(argument[-1]))
        elif name == "BRANCH":
            found = next(filter(None, (_shape_problem(list(branch)) for branch in argument[1])), None)
        elif name in ("ASSERT", "ASSERT_NOT"):
            found = _shape_problem(list(argument[1]))
        else:
            found = None
        if found is not None:
            return found
    return None


def _side_by_side(sequence: list[Any]) -> bool:
    """Whether ``sequence`` holds three repetitions of varying length, one after another, each
    able to match characters of the one before, with no character between them that ends
    it: the time is then the length of the text to the power of their number (two are let
    through: ``^\\S+@\\S+$`` is common, and ``LONGEST_MATCHED`` bounds it)."""
    pending: list[tuple[list[Any], int]] = []  # repetitions not ended yet, with their chain's length
    for op, argument in sequence:
        name = str(op)
        if name in _REPEATS and argument[1] > 1 and argument[0] != argument[1]:
            body = _flat(list(argument[2]))
            chain = 1 + max((length for earlier, length in pending if _may_overlap(earlier, body)), default=0)
            if chain >= _LONGEST_CHAIN:
                return True
            pending.append((body, chain))
        elif name in _ONE_CHARACTER:
            possible = [char for char in _SAMPLE if _may_match((op, argument), char)]
            pending = [(body, length) for body, length in pending if any(_may_match_any(body, c) for c in possible)]
    return False


def _may_overlap(first: list[Any], second: list[Any]) -> bool:
    characters = _first_characters(second)
    return characters is None or any(_may_match_any(first, char) for char in characters)


def _flat(items: list[Any]) -> list[Any]:
    """``items`` with groups opened: a group does not change what its content matches."""
    flat: list[Any] = []
    for op, argument in items:
        if str(op) == "SUBPATTERN":
            flat.extend(_flat(list(argument[-1])))
        else:
            flat.append((op, argument))
    return flat


def _repeated_body_problem(body: list[Any]) -> str | None:
    """A repeated ``body`` is ambiguous when a choice in it has branches that can begin alike,
    or when a repetition of varying length in it (at any depth) is not ended by a character
    the body requires and the repetition cannot match: ``(-[a-z]+)*`` is fine, ``(a+)+``,
    ``(aa?)+`` and ``(\\w+\\s?)*`` are not."""
    separators = [argument for op, argument in body if str(op) == "LITERAL"]
    for op, argument in body:
        if str(op) == "BRANCH" and _branches_overlap(argument[1]):
            return _(_OVERLAP)
    for inner in _varying_repeats(body):
        if all(_may_match_any(inner, char) for char in separators):
            return _(_NESTED)
    return None


def _varying_repeats(items: list[Any]) -> list[list[Any]]:
    """The body of every repetition of varying length in ``items``, outside lookarounds, at
    any depth."""
    found: list[list[Any]] = []
    for op, argument in items:
        name = str(op)
        if name in _REPEATS:
            low, high, body = argument
            if low != high:
                found.append(list(body))
            found.extend(_varying_repeats(list(body)))
        elif name == "SUBPATTERN":
            found.extend(_varying_repeats(list(argument[-1])))
        elif name == "BRANCH":
            for branch in argument[1]:
                found.extend(_varying_repeats(list(branch)))
    return found


def _branches_overlap(branches: list[Any]) -> bool:
    """Whether two of ``branches`` can begin with the same character (an empty branch can
    begin like any other)."""
    starts = [_first_characters(_flat(list(branch))) for branch in branches]
    for index, first in enumerate(starts):
        for other in starts[index + 1 :]:
            if first is None or other is None or first & other:
                return True
    return False


def _most_alike(branches: list[Any]) -> int:
    """The most branches that can begin with one same character (one that can be empty, or
    begin with a class, is taken to begin like every other)."""
    starts = [_first_characters(_flat(list(branch))) for branch in branches]
    unknown = sum(1 for first in starts if first is None)
    known = [first for first in starts if first is not None]
    characters = set().union(*known) if known else set()
    alike = max((sum(1 for first in known if char in first) for char in characters), default=0)
    return max(unknown + alike, 1)


def _first_characters(items: list[Any]) -> set[int] | None:
    """The characters a branch can begin with, or None when that is not a short literal set
    (a class such as ``\\w``, any character, or a branch that can be empty)."""
    if not items:
        return None
    name, argument = str(items[0][0]), items[0][1]
    if name == "LITERAL":
        return {argument}
    if name in _REPEATS and argument[0] >= 1:
        return _first_characters(_flat(list(argument[2])))
    if name == "IN":
        return _class_characters(argument)
    return None


def _class_characters(members: list[Any]) -> set[int] | None:
    found: set[int] = set()
    for op, argument in members:
        name = str(op)
        if name == "LITERAL":
            found.add(argument)
        elif name == "RANGE" and argument[1] - argument[0] <= 0x2FF:
            found.update(range(argument[0], argument[1] + 1))
        else:  # a negation, a category, a wide range: taken to overlap with anything
            return None
    return found


_CATEGORIES = {
    "CATEGORY_DIGIT": re.compile(r"\d", FLAGS),
    "CATEGORY_NOT_DIGIT": re.compile(r"\D", FLAGS),
    "CATEGORY_SPACE": re.compile(r"\s", FLAGS),
    "CATEGORY_NOT_SPACE": re.compile(r"\S", FLAGS),
    "CATEGORY_WORD": re.compile(r"\w", FLAGS),
    "CATEGORY_NOT_WORD": re.compile(r"\W", FLAGS),
}


def _may_match_any(items: list[Any], char: int) -> bool:
    """Whether any character ``items`` match can be ``char``; True when not known."""
    for op, argument in items:
        name = str(op)
        if name in _REPEATS:
            found = _may_match_any(list(argument[2]), char)
        elif name == "SUBPATTERN":
            found = _may_match_any(list(argument[-1]), char)
        elif name == "BRANCH":
            found = any(_may_match_any(list(branch), char) for branch in argument[1])
        elif name == "AT":  # an anchor matches no character
            found = False
        else:
            found = _may_match((op, argument), char)
        if found:
            return True
    return False


def _may_match(item: Any, char: int) -> bool:
    """Whether the one-character ``item`` can match ``char``; True when not known."""
    name, argument = str(item[0]), item[1]
    if name == "LITERAL":
        return bool(argument == char)
    if name == "NOT_LITERAL":
        return bool(argument != char)
    if name == "IN":
        negated = bool(argument) and str(argument[0][0]) == "NEGATE"
        members = argument[1:] if negated else argument
        return negated or any(_may_match(member, char) for member in members)
    if name == "RANGE":
        return bool(argument[0] <= char <= argument[1])
    if name == "CATEGORY":
        category = _CATEGORIES.get(str(argument))
        return category is None or category.fullmatch(chr(char)) is not None
    return True


@lru_cache(maxsize=1024)
def as_json_schema_reads(pattern: str) -> str:
    """``pattern`` rewritten so that Python reads it (with ``FLAGS``) as JSON Schema's regular
    expressions (ECMA-262) do: each ``$`` that ends it matches at the end of the text only
    (Python's also matches before a final line break, and ``^R-[0-9]{2}$`` would let
    ``"R-01\\n"`` through), ``\\s`` and ``\\S`` cover ECMA's spaces, and ``.`` matches no line
    ending. A pattern with the multiline flag keeps its ``$`` (it ends each line in both), one
    with the dot-all flag its ``.``."""
    flags = re.compile(pattern, FLAGS).flags if "(?" in pattern else 0
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "[":
            end = _class_end(pattern, index)
            out.append(_class_as_json_schema_reads(pattern[index + 1 : end - 1]))
            index = end
        elif char == "\\":
            escape = pattern[index : index + 2]
            out.append({"\\s": f"[{_SPACES}]", "\\S": f"[^{_SPACES}]"}.get(escape, escape))
            index += 2
        else:
            if char == "$" and not flags & re.MULTILINE:
                char = "\\Z"
            elif char == "." and not flags & re.DOTALL:
                char = f"[^{_LINE_ENDS}]"
            out.append(char)
            index += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    """Where the class that begins at ``start`` ends (after its ``]``): a ``]`` first in it
    (after a ``^``) is a member, as is any escaped character."""
    index = start + 1
    index += pattern[index : index + 1] == "^"
    index += pattern[index : index + 1] == "]"
    while index < len(pattern) and pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return index + 1


def _class_as_json_schema_reads(body: str) -> str:
    """The class ``[body]`` with ECMA's spaces: ``\\s`` gets them as members; ``\\S`` cannot
    be a member (a class holds no negated class), so a class with it becomes a choice."""
    negated = body.startswith("^")
    members: list[str] = []
    index = 1 if negated else 0
    not_spaces = False
    while index < len(body):
        size = 2 if body[index] == "\\" else 1
        member = body[index : index + size]
        not_spaces = not_spaces or member == "\\S"
        members.append({"\\s": _SPACES, "\\S": ""}.get(member, member))
        index += size
    rest = "".join(members)
    rest = "\\" + rest if rest.startswith("^") else rest
    if not not_spaces:
        return f"[{'^' if negated else ''}{rest}]"
    if negated:  # neither a member nor anything but a space: a space that is not a member
        return f"(?:(?![{rest}])[{_SPACES}])" if rest else f"[{_SPACES}]"
    return f"(?:[{rest}]|[^{_SPACES}])" if rest else f"[^{_SPACES}]"


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(as_json_schema_reads(pattern), FLAGS)


def search(pattern: str, text: str) -> bool:
    """Whether ``pattern``, read as JSON Schema reads it, matches somewhere in ``text``: every
    pattern of a schema is matched here. Text longer than ``LONGEST_MATCHED`` characters is never
    matched: the caller reports it."""
    return not too_long(text) and _compiled(pattern).search(text) is not None


def too_long(text: object) -> bool:
    """Whether ``text`` is text longer than a pattern is matched against."""
    return isinstance(text, str) and len(text) > LONGEST_MATCHED
