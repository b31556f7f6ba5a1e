"""Read YAML 1.2 and JSON files into data that remembers where every node came from.

This module and its fast path, ``fastload``, are the only ones that import ruamel.yaml. Most
files are read by the fast path (libyaml, in C); what it declines is read here by ruamel's
pure-Python round-trip parser, which explains every error. Both give the same data: plain
values in ``LocatedDict`` and ``LocatedList``. Everything a user can get wrong at the level
of bytes and syntax ends here as an ``InputError`` with file, line and column: so does a tag
pkcheck does not read (any but the core schema's ``!!str``, ``!!int``, ``!!float``, ``!!bool``
and ``!!null`` on a value), and so does any failure of the YAML library itself.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import sys
from collections.abc import Callable
from typing import Any, BinaryIO, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, MappingStartEvent, ScalarEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode
from ruamel.yaml.parser import Parser
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scanner import Scanner
from ruamel.yaml.tag import Tag

from pkcheck.diagnostics import Diagnostic, InputError, Level, Location
from pkcheck.i18n import N_, _
from pkcheck.load import fastload, parsed
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.tree import LocatedDict, LocatedList
from pkcheck.load.yaml11 import difference, shortened
from pkcheck.messages import grouped


class Document(NamedTuple):
    """A parsed file: its path as given by the user and its round-trip data (0-based marks)."""

    path: str
    data: Any
    warnings: tuple[Diagnostic, ...] = ()  # plain values YAML 1.1 would read differently


class _Constructor(RoundTripConstructor):
    """The round-trip constructor, with plain values where users expect them.

    Timestamps stay strings so dates are parsed (and reported) by the models, identically for
    YAML and JSON input; ruamel would raise an unlocated ValueError for an impossible date such
    as 2026-02-30. An explicit ``!!str`` gives a string, JSON's surrogate-pair escapes give one
    character, and a value its tag cannot read is a located error."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        """Any node; a value its explicit tag cannot read (``!!int ten``, ``!!bool maybe``,
        ``!!map`` on a word) is a located error, where ruamel raises a bare ValueError,
        KeyError or AttributeError."""
        try:
            return super().construct_object(node, deep=deep)
        except YAMLError:
            raise
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError):
            if isinstance(node, ScalarNode) and _too_many_digits(node.value):
                raise _NumberTooLong(None, None, _number_too_long(node.value), node.start_mark) from None
            if isinstance(node, ScalarNode):
                said = _("`{value}` cannot be read as `{tag}`").format(
                    value=shortened(node.value), tag=_shown_tag(node.tag)
                )
            elif node.id == "mapping":
                said = _("this mapping cannot be read as `{tag}`").format(tag=_shown_tag(node.tag))
            else:
                said = _("this {node} cannot be read as `{tag}`").format(node=node.id, tag=_shown_tag(node.tag))
            raise ConstructorError(None, None, said, node.start_mark) from None

    def construct_scalar(self, node: Any) -> Any:
        value = super().construct_scalar(node)
        if isinstance(value, str) and _SURROGATE.search(value):
            return _join_surrogates(value)
        return value

    def construct_yaml_int(self, node: Any) -> Any:
        """A whole number; one Python would refuse to write out in decimal (more than 4,300
        digits, which ``0x`` and ``0o`` forms reach with fewer characters, and are read
        without complaint) is a located error, as a decimal one is when read."""
        value = super().construct_yaml_int(node)
        if _beyond_digit_limit(value):
            raise _NumberTooLong(None, None, _number_too_long(node.value), node.start_mark)
        return value

    def construct_plain_str(self, node: Any) -> str:
        """A string, also when tagged explicitly (``country: !!str NO``): ruamel's round-trip
        loader would keep an explicit ``!!str`` as a ``TaggedScalar``, which is not text."""
        text: str = self.construct_scalar(node)
        return text


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _join_surrogates(value: str) -> str:
    """JSON writes a character outside the Basic Multilingual Plane as a pair of ``\\u``
    escapes (``"\\ud83d\\ude00"``); YAML reads each escape alone. Join the pairs; a lone
    surrogate is left for the models to refuse."""
    try:
        return value.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        return value


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
_Constructor.add_constructor("tag:yaml.org,2002:str", _Constructor.construct_plain_str)
_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_plain_str)


def _shown_tag(tag: Any) -> str:
    return shortened(str(tag).replace("tag:yaml.org,2002:", "!!"), 80)


class _NumberTooLong(MarkedYAMLError):
    """A whole number with more digits than Python converts (4,300 by default)."""


def _too_many_digits(value: object) -> bool:
    limit = sys.get_int_max_str_digits()
    digits = str(value).lstrip("+-").replace("_", "")
    return bool(limit) and len(digits) > limit and digits.isdigit()


def _beyond_digit_limit(value: int) -> bool:
    """Whether ``value`` has more decimal digits than Python writes out. The bit length rules
    out nearly every number at once: 10^limit takes more than ``3 * limit`` bits."""
    limit = sys.get_int_max_str_digits()
    return bool(limit) and value.bit_length() > 3 * limit and abs(value) >= 10**limit


def _number_too_long(value: str) -> str:
    """Said of a number no count or threshold could need (the value is cut by ``Diagnostic``):
    its digits counted where it is written in decimal."""
    digits = value.lstrip("+-").replace("_", "")
    limit = sys.get_int_max_str_digits()
    if digits.isdigit():
        said = _("`{value}` is a whole number of {size} digits; pkcheck reads numbers of up to {limit} digits")
        return said.format(value=value, size=grouped(len(digits)), limit=grouped(limit))
    said = _("`{value}` is a whole number of more than {limit} digits; pkcheck reads numbers of up to {limit} digits")
    return said.format(value=value, limit=grouped(limit))


class _TooManyValues(MarkedYAMLError):
    """More values than ``Limits.max_nodes`` were parsed."""


# The tags of YAML 1.2's core schema: the only values pkcheck has a use for. Any other tag asks
# for a type pkcheck does not read (``!!binary``, ``!!timestamp``, ``!!set``, ``!!omap``, an
# application's ``!local``) or, on a mapping or a list, would be ignored without a word.
_CORE_TAGS = ("str", "int", "float", "bool", "null")
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in _CORE_TAGS)
_CORE_TAG_NAMES = ", ".join(f"`!!{name}`" for name in _CORE_TAGS[:-1])
_LAST_CORE_TAG = f"`!!{_CORE_TAGS[-1]}`"
_STR = "tag:yaml.org,2002:str"
_TEXT = Tag(suffix=_STR)
_NUMBERS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
# Plain values ruamel's resolver takes for numbers though they have no digit (it allows `_`
# anywhere a digit may be): YAML 1.2 reads them as text, and so does pkcheck.
_DIGITLESS_NUMBER = re.compile(r"[-+]?(?:0[box])?_+|[-+]?\._+(?:[eE][-+][0-9]+)?")


class _Composer(Composer):
    """Ruamel's composer, counting values against the limit as it goes (an enormous flow
    list is refused after the limit, not after minutes of parsing), refusing the tags pkcheck
    does not read, noting the plain values YAML 1.1 would read differently, and where it is
    (a failure of the YAML library itself is reported there)."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        # YAML 1.2 (and 1.1) let an anchor be defined again; an alias refers to the latest.
        # ruamel would print a warning on standard error.
        self.warn_double_anchors = False

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.loader.pkcheck_nodes += 1
        event = self.parser.peek_event()
        self.loader.pkcheck_mark = event.start_mark
        if self.loader.pkcheck_nodes > self.loader.pkcheck_limits.max_nodes:
            raise _TooManyValues(
                None,
                None,
                _("more than {count} values").format(count=grouped(self.loader.pkcheck_limits.max_nodes)),
                event.start_mark,
            )
        if not isinstance(event, AliasEvent) and event.tag is not None:
            problem = _tag_problem(event)
            if problem is not None:
                # Noted, and read as if untagged, so that every tag of the file is reported.
                self.loader.pkcheck_refused.append((event.start_mark.line + 1, event.start_mark.column + 1, problem))
                event.ctag = None
        return super().compose_node(parent, index)

    def compose_scalar_node(self, anchor: Any) -> Any:
        event = self.parser.peek_event()
        tag = event.tag
        if tag == "!":
            event.ctag = _TEXT  # the non-specific tag: text, whatever it looks like (YAML 1.2, 6.9.1)
        node = super().compose_scalar_node(anchor)
        if node.style is None and tag != _STR:  # `!!str`, like quotes, says it is text in YAML 1.1 too
            if tag is None and node.tag in _NUMBERS and _DIGITLESS_NUMBER.fullmatch(node.value):
                node.ctag = _TEXT
            message = difference(node.value)
            if message is not None:
                self.loader.pkcheck_yaml11.append((node.start_mark.line + 1, node.start_mark.column + 1, message))
        return node


def _tag_problem(event: Any) -> str | None:
    """Why pkcheck does not read the tag of a scalar or collection event, or None."""
    tag = event.tag
    if tag == "!":
        return None
    if isinstance(event, ScalarEvent):
        if tag in _SCALAR_TAGS:
            return None
        return _("tag `{tag}` is not read by pkcheck (only {tags} are): remove it").format(
            tag=_shown_tag(tag), tags=_("{either} and {other}").format(either=_CORE_TAG_NAMES, other=_LAST_CORE_TAG)
        )
    if isinstance(event, MappingStartEvent):
        said = _("tag `{tag}` on a mapping is not read by pkcheck (mappings and lists take no tag): remove it")
    else:
        said = _("tag `{tag}` on a list is not read by pkcheck (mappings and lists take no tag): remove it")
    return said.format(tag=_shown_tag(tag))


class _Loader(YAML):
    """ruamel's round-trip loader with pkcheck's constructor and composer, and what the
    composer notes while it reads one text."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        super().__init__(typ="rt")
        # The plain scanner and parser: the round-trip ones also gather comments, which pkcheck
        # does not need (positions come from the nodes), and their bookkeeping fails on valid
        # YAML ("overlap in comment": a comment after `key:`, another below it, the value on the
        # next line and two blank lines).
        self.Scanner = Scanner
        self.Parser = Parser
        self.Constructor = _Constructor
        self.Composer = _Composer
        # ruamel counts scalars as a level too; ``check_size`` applies the exact limit afterwards.
        self.max_depth = limits.max_depth + 2
        self.pkcheck_limits = limits
        self.pkcheck_nodes = 0
        self.pkcheck_yaml11: list[tuple[int, int, str]] = []  # line, column, message
        self.pkcheck_mark: Any = None  # where the composer last was
        self.pkcheck_refused: list[tuple[int, int, str]] = []  # tags: line, column, message


def load(path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one file; raise ``InputError`` for anything that is not a YAML mapping."""
    return _document(path, *read_data(path, limits))


def load_digested(path: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Document, bytes]:
    """``load``, and the ``digest`` of the very bytes it parsed: whoever reads the file again
    can tell whether it still holds them. A file with the bytes of a shipped standard is not
    parsed again: its data was, ahead (``pkcheck.load.parsed``)."""
    raw = read_bytes(path, limits)
    summed = digest(raw)
    data = parsed.known(summed, limits)
    return _document(path, *(data if data is not None else _parse(path, raw, limits))), summed


def read_parsed(path: str, limits: Limits) -> tuple[bytes, tuple[Any, list[tuple[int, int, str]]]]:
    """The file's bytes and what parsing them gives (``read_data``), for ``pkcheck.load.parsed``."""
    raw = read_bytes(path, limits)
    return raw, _parse(path, raw, limits)


def digest(raw: bytes) -> bytes:
    """A file's bytes, summed up: equal digests, the same bytes."""
    return hashlib.blake2b(raw, digest_size=16).digest()


def _document(path: str, data: Any, yaml11: list[tuple[int, int, str]]) -> Document:
    if data is None:
        raise InputError.at(path, _("the file is empty (or only comments): expected a `pkcheck:` mapping"))
    if not isinstance(data, LocatedDict):
        if isinstance(data, LocatedList):
            said = _("the top level is a list; expected a mapping starting with `pkcheck:`")
        else:
            said = _("the top level is a single value; expected a mapping starting with `pkcheck:`")
        raise InputError.at(path, said)
    warnings = tuple(
        Diagnostic(Location(path, line, column), message, Level.WARNING) for line, column, message in yaml11
    )
    return Document(path, data, warnings)


def read_data(
    path: str, limits: Limits = DEFAULT_LIMITS, opener: Opener | None = None
) -> tuple[Any, list[tuple[int, int, str]]]:
    """The located data of any YAML or JSON file (None when empty), and the plain values
    YAML 1.1 would read differently (line, column, message); raises ``InputError``. ``opener``:
    see ``read_bytes``."""
    return _parse(path, read_bytes(path, limits, opener), limits)


def _parse(path: str, raw: bytes, limits: Limits) -> tuple[Any, list[tuple[int, int, str]]]:
    text = decode(path, raw)
    check_version(path, text)
    check_line_length(path, text, limits)
    check_flow_depth(path, text, limits)
    fast = fastload.load(text, limits)
    if fast is not None:
        return fast
    return _careful_load(path, text, limits)


def _careful_load(path: str, text: str, limits: Limits) -> tuple[Any, list[tuple[int, int, str]]]:
    """The pure-Python parser, which counts values and depth as it goes and explains every
    error exactly; used for any file the fast path declines."""
    yaml = _Loader(limits)
    data = parse(path, text, yaml)
    if isinstance(data, (CommentedMap, CommentedSeq)):
        check_size(path, data, limits)
    return located(data), yaml.pkcheck_yaml11


Opener = Callable[[str], BinaryIO]


def read_bytes(path: str, limits: Limits, opener: Opener | None = None) -> bytes:
    """The file's bytes, at most ``limits.max_bytes`` of them. A regular file over the limit
    is refused unread; anything else (a pipe such as ``/dev/stdin``, a device, a file still
    being written) is read up to one byte past the limit, and refused if that byte arrives,
    rather than silently cut short. ``opener`` opens the file where a caller must check what
    it opens (it raises ``InputError`` to refuse it); ``open(path, "rb")`` otherwise."""
    if os.path.isdir(path):
        raise InputError.at(path, _("is a directory, not a file"))
    try:
        with opener(path) if opener is not None else open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            regular = stat.S_ISREG(status.st_mode)
            if regular and status.st_size > limits.max_bytes:
                message = _("file is {size} bytes; the limit is {limit} (--max-file-size)").format(
                    size=grouped(status.st_size), limit=grouped(limits.max_bytes)
                )
                raise InputError.at(path, message)
            raw = _read_up_to(handle, limits.max_bytes + 1, status.st_size + 1 if regular else _CHUNK)
    except FileNotFoundError:
        raise InputError.at(path, _("no such file")) from None
    except PermissionError:
        raise InputError.at(path, _("permission denied: the file cannot be read")) from None
    except OSError as exc:
        raise InputError.at(path, _("cannot read the file: {error}").format(error=exc.strerror or exc)) from None
    if len(raw) > limits.max_bytes:
        said = _("file is larger than the limit of {limit} bytes (--max-file-size)")
        raise InputError.at(path, said.format(limit=grouped(limits.max_bytes)))
    return raw


_CHUNK = 64 * 1024  # read at a time where the size is not known beforehand


def _read_up_to(handle: BinaryIO, most: int, first: int) -> bytes:
    """At most ``most`` bytes of ``handle``, read ``first`` bytes (a regular file's size and
    one more, to see it end), then ``_CHUNK`` at a time, until it ends. A read is given as
    much memory as it asks for before anything arrives: asked for the whole limit at once
    (``--max-file-size 100GB``, meaning "no limit"), it would fail for want of memory."""
    pieces = []
    size = min(most, first)
    while most > 0:
        piece = handle.read(size)
        if not piece:
            break
        pieces.append(piece)
        most -= len(piece)
        size = min(most, _CHUNK)
    return b"".join(pieces)


# Byte-order marks of the encodings an editor may offer as "Unicode"; UTF-32 before UTF-16,
# whose little-endian mark is a prefix of UTF-32's.
_OTHER_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def decode(path: str, raw: bytes) -> str:
    """UTF-8 only (a byte-order mark is accepted); binary files are refused outright."""
    for mark, encoding in _OTHER_ENCODINGS:
        if raw.startswith(mark):
            message = _(
                "the file is {encoding} text (it starts with a {encoding} byte-order mark); save it as UTF-8"
            ).format(encoding=encoding)
            raise InputError.at(path, message)
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _position(raw[:nul].decode("utf-8", "replace"))
        raise InputError.at(path, _("binary file (contains a NUL byte); expected UTF-8 text"), line, column)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(raw[: exc.start].decode("utf-8", "replace"))
        message = _("not valid UTF-8: byte 0x{byte} cannot be decoded; save the file as UTF-8").format(
            byte=f"{raw[exc.start]:02x}"
        )
        raise InputError.at(path, message, line, column) from None


def _position(prefix: str) -> tuple[int, int]:
    """1-based line and column just after ``prefix``."""
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1


_VERSION_DIRECTIVE = re.compile(r"^%YAML[ \t]+(\S*)", re.MULTILINE)


def check_version(path: str, text: str) -> None:
    """Files are YAML 1.2. A ``%YAML 1.1`` directive would make ``country: NO`` false and
    ``010`` eight; ruamel fails on other versions with an unlocated assertion."""
    if "%YAML" not in text:
        return
    for match in _VERSION_DIRECTIVE.finditer(text):
        if match.group(1) != "1.2":
            line, column = _position(text[: match.start()])
            version = match.group(1)
            message = _(
                "`%YAML {version}`: pkcheck reads YAML 1.2 only; remove the directive or make it `%YAML 1.2`"
            ).format(version=version)
            raise InputError.at(path, message, line, column)


def check_line_length(path: str, text: str, limits: Limits) -> None:
    """Refuse a line longer than the limit before parsing, which would take about a second
    for each million characters of it. Minified JSON puts a whole file on one line; a real
    one is far below the default of a million characters."""
    lines = text.split("\n")
    if max(map(len, lines)) <= limits.max_line_length:
        return
    for number, line in enumerate(lines, start=1):
        if len(line) > limits.max_line_length:
            message = _("line {line} is {length} characters long; the limit is {limit} (--max-line-length)").format(
                line=number, length=grouped(len(line)), limit=grouped(limits.max_line_length)
            )
            raise InputError.at(path, message, number, limits.max_line_length + 1)


_BRACKET = re.compile(r"[\[\]{}]")


def check_flow_depth(path: str, text: str, limits: Limits) -> None:
    """Refuse flow collections (``[[[...``) nested deeper than the limit before parsing: the
    parser recurses on each level, and a few thousand levels take seconds to exhaust the
    stack. Brackets are counted without reading the YAML, so ones inside quoted text count
    too; only a file with more than ``max_depth`` of them unclosed could be refused wrongly,
    and its nesting would be refused after parsing anyway."""
    if text.count("[") + text.count("{") <= limits.max_depth:
        return  # too few brackets to nest that deep
    depth = 0
    for match in _BRACKET.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > limits.max_depth:
                line, column = _position(text[: match.start()])
                raise InputError.at(path, _too_deep(limits), line, column)
        elif depth:
            depth -= 1


def _too_deep(limits: Limits) -> str:
    return _("nesting is deeper than {depth} levels (--max-depth)").format(depth=limits.max_depth)


def _too_many(limits: Limits) -> str:
    return _("more than {count} values once aliases are expanded (alias bomb?) (--max-nodes)").format(
        count=grouped(limits.max_nodes)
    )


def parse(path: str, text: str, yaml: _Loader | None = None) -> Any:
    """Round-trip data of ``text`` (ruamel's commented containers), or a located ``InputError``."""
    yaml = yaml or _Loader()
    try:
        data = yaml.load(text)
    except DuplicateKeyError as exc:
        raise _duplicate_key_error(path, text, exc) from None
    except (MaxDepthExceededError, _TooManyValues, _NumberTooLong) as exc:
        limits = yaml.pkcheck_limits
        if isinstance(exc, _NumberTooLong):
            message = str(exc.problem)
        elif isinstance(exc, MaxDepthExceededError):
            message = _too_deep(limits)
        else:
            message = _("more than {count} values (--max-nodes)").format(count=grouped(limits.max_nodes))
        mark = exc.problem_mark
        raise InputError.at(path, message, mark.line + 1, mark.column + 1) from None
    except MarkedYAMLError as exc:
        raise _syntax_error(path, exc) from None
    except ReaderError as exc:
        line, column = _position(text[: exc.position])
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = _("unacceptable character U+{code} in the file: YAML does not allow control characters").format(
            code=f"{character:04X}"
        )
        raise InputError.at(path, message, line, column) from None
    except RecursionError:
        raise InputError.at(path, _("nesting is too deep to read")) from None
    except YAMLError as exc:
        raise InputError.at(path, _("cannot parse YAML: {error}").format(error=exc)) from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - the YAML library's own failures on odd input: never a traceback
        mark = yaml.pkcheck_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        raise InputError.at(
            path,
            _("cannot parse YAML: {error}").format(error=f"{type(exc).__name__}: {shortened(str(exc), 200)}"),
            line,
            column,
        ) from None
    if yaml.pkcheck_refused:
        raise InputError(
            tuple(Diagnostic(Location(path, line, column), message) for line, column, message in yaml.pkcheck_refused)
        )
    return data


def _syntax_error(path: str, exc: MarkedYAMLError) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    if exc.context == "expected a single document in the stream":
        said = _("syntax error: several YAML documents in one file; put each declaration in a file of its own")
    else:
        tabs = "\\t" in problem or "tab" in problem
        shown = ruamel_problem(problem)
        if exc.context and exc.context_mark:
            if tabs:
                said = _(
                    "syntax error: {problem} (YAML does not allow tabs for indentation) ({context} started at line {line})"
                )
            else:
                said = _("syntax error: {problem} ({context} started at line {line})")
            said = said.format(problem=shown, context=ruamel_problem(exc.context), line=exc.context_mark.line + 1)
        elif tabs:
            said = _("syntax error: {problem} (YAML does not allow tabs for indentation)").format(problem=shown)
        else:
            said = _("syntax error: {problem}").format(problem=shown)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return InputError.at(path, said, line, column)


def _duplicate_key_error(path: str, text: str, exc: DuplicateKeyError) -> InputError:
    mark = exc.problem_mark
    line, column = mark.line + 1, mark.column + 1
    key, first = _duplicate_key(text, exc.context_mark, mark)
    if key is None:
        key = _key_at(text, mark)
    if first is None:
        said = _("duplicate key `{key}`")
    elif first[0] == line:
        said = _("duplicate key `{key}` (first defined at line {line}, column {column})")
    else:
        said = _("duplicate key `{key}` (first defined at line {line})")
    first_line, first_column = first or (line, column)
    return InputError.at(path, said.format(key=key, line=first_line, column=first_column), line, column)


def _key_at(text: str, mark: Any) -> str:
    line: str = text.splitlines()[mark.line][mark.column :]
    return line.split(":", 1)[0].strip().strip("\"'")


def _duplicate_key(text: str, mapping_mark: Any, duplicate_mark: Any) -> tuple[str | None, tuple[int, int] | None]:
    """The duplicated key and the 1-based line and column of its first occurrence, found on the
    composed node tree (ruamel only tells where the mapping starts and where the duplicate is)."""
    try:
        root = _Loader().compose(text)
    except YAMLError:
        return None, None
    for node in _mappings(root):
        if (node.start_mark.line, node.start_mark.column) != (mapping_mark.line, mapping_mark.column):
            continue
        keys = [key for key, _ in node.value]
        at = (duplicate_mark.line, duplicate_mark.column)
        duplicate = next((k for k in keys if (k.start_mark.line, k.start_mark.column) == at), None)
        if duplicate is None or not isinstance(duplicate.value, str):
            continue
        for key in keys:
            if key is duplicate:
                break
            if key.value == duplicate.value:
                return duplicate.value, (int(key.start_mark.line) + 1, int(key.start_mark.column) + 1)
        return duplicate.value, None
    return None, None


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
                raise _at_node(path, node, _("an alias refers to its own parent (recursive structure)"))
            return sizes[id(node)]
        if depth > limits.max_depth:
            raise _at_node(path, node, _too_deep(limits))
        sizes[id(node)] = -1
        children = node.values() if isinstance(node, CommentedMap) else node
        total = 1 + sum(size(child, depth + 1) for child in children)
        if total > limits.max_nodes:
            raise _at_node(path, node, _too_many(limits))
        sizes[id(node)] = total
        return total

    size(data, 0)


def _at_node(path: str, node: Any, message: str) -> InputError:
    return InputError.at(path, message, node.lc.line + 1, node.lc.col + 1)


def located(data: Any) -> Any:
    """Round-trip data as ``LocatedDict`` and ``LocatedList``, with plain numbers and text.

    Shared parts (aliases) stay shared: the sizes were checked before, with aliases expanded."""
    done: dict[int, Any] = {}

    def convert(value: Any) -> Any:
        if isinstance(value, CommentedMap):
            if id(value) not in done:
                here = (value.lc.line or 0, value.lc.col or 0)
                mapping = done[id(value)] = LocatedDict(here)
                for key, child in value.items():
                    mapping[key] = convert(child)
                    # Keys merged in with `<<` have no marks of their own.
                    mapping.key_positions[key] = _mark(value.lc.data or {}, key, 0, here)
                    mapping.value_positions[key] = _mark(value.lc.data or {}, key, 2, here)
            return done[id(value)]
        if isinstance(value, CommentedSeq):
            if id(value) not in done:
                here = (value.lc.line or 0, value.lc.col or 0)
                sequence = done[id(value)] = LocatedList(here)
                for index, child in enumerate(value):
                    sequence.append(convert(child))
                    sequence.item_positions.append(_mark(value.lc.data or {}, index, 0, here))
            return done[id(value)]
        return _plain(value)

    return convert(data)


def _mark(marks: dict[Any, list[int]], key: Any, at: int, default: tuple[int, int]) -> tuple[int, int]:
    """A (line, column) from ruamel's marks of a key (``at`` 0) or its value (``at`` 2)."""
    found = marks.get(key)
    return (found[at], found[at + 1]) if found else default


def _plain(value: Any) -> Any:
    """ruamel keeps how a value was written in subclasses (``ScalarFloat``, ``ScalarInt``,
    ``LiteralScalarString``, an anchored ``ScalarBoolean``); the models want the value."""
    if isinstance(value, ScalarBoolean):
        return bool(value)
    for kind in (int, float, str):
        if isinstance(value, kind) and type(value) is not kind and type(value) is not bool:
            return kind(value)
    return value


def dump_commented(data: Any, comments: dict[tuple[Any, ...], str], header: str) -> str:
    """YAML text of plain ``data`` with a header comment and a comment line above each field
    whose path (keys and list positions) is in ``comments``. Dates are written as dates, and
    equal values are written out each time (no anchors)."""
    root = _commented(data, (), comments, 0)
    if header and isinstance(root, CommentedMap):
        root.yaml_set_start_comment(header)
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.representer.ignore_aliases = lambda _data: True
    stream = io.StringIO()
    yaml.dump(root, stream)
    return stream.getvalue()


def _commented(value: Any, path: tuple[Any, ...], comments: dict[tuple[Any, ...], str], indent: int) -> Any:
    """``value`` as ruamel's commented containers; ``indent`` is the column of its keys or dashes."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, child in value.items():
            mapping[key] = _commented(child, (*path, key), comments, indent + 2)
            if (*path, key) in comments:
                mapping.yaml_set_comment_before_after_key(key, before=comments[(*path, key)], indent=indent)
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq()
        for index, child in enumerate(value):
            sequence.append(_commented(child, (*path, index), comments, indent + 2))
            if (*path, index) in comments:
                sequence.yaml_set_comment_before_after_key(index, before=comments[(*path, index)], indent=indent)
        return sequence
    return value


# ruamel.yaml's own words for what is wrong, the common ones as pkcheck says them in the language
# in use; a problem not listed here is shown as ruamel words it.
_RUAMEL_PROBLEMS = {
    "mapping values are not allowed here": N_("mapping values are not allowed here"),
    "could not find expected ':'": N_("could not find expected ':'"),
    "did not find expected key": N_("did not find expected key"),
    "did not find expected '-' indicator": N_("did not find expected '-' indicator"),
    "found unexpected end of stream": N_("found unexpected end of stream"),
    "found unexpected ':'": N_("found unexpected ':'"),
    "found unknown escape character": N_("found unknown escape character"),
    "found character '\\t' that cannot start any token": N_("found character '\\t' that cannot start any token"),
    "found character '@' that cannot start any token": N_("found character '@' that cannot start any token"),
    "found character '`' that cannot start any token": N_("found character '`' that cannot start any token"),
    "while scanning a simple key": N_("while scanning a simple key"),
    "while scanning a quoted scalar": N_("while scanning a quoted scalar"),
    "while scanning a plain scalar": N_("while scanning a plain scalar"),
    "while scanning an alias": N_("while scanning an alias"),
    "while scanning an anchor": N_("while scanning an anchor"),
    "while scanning a block scalar": N_("while scanning a block scalar"),
    "while parsing a block mapping": N_("while parsing a block mapping"),
    "while parsing a block collection": N_("while parsing a block collection"),
    "while parsing a flow mapping": N_("while parsing a flow mapping"),
    "while parsing a flow sequence": N_("while parsing a flow sequence"),
    "while parsing a block node": N_("while parsing a block node"),
    "while parsing a flow node": N_("while parsing a flow node"),
    "found undefined alias": N_("found undefined alias"),
    "syntax error": N_("syntax error"),
}
_RUAMEL_PATTERNS = (
    (re.compile(r"expected (?P<expected>.+), but found (?P<found>.+)"), N_("expected {expected}, but found {found}")),
    (re.compile(r"expected (?P<expected>.+), but got (?P<found>.+)"), N_("expected {expected}, but got {found}")),
    (re.compile(r"found undefined alias (?P<name>.+)"), N_("found undefined alias {name}")),
    (
        re.compile(r"found character (?P<character>.+) that cannot start any token"),
        N_("found character {character} that cannot start any token"),
    ),
)


def ruamel_problem(problem: str) -> str:
    """A problem ruamel.yaml found, in the language in use where pkcheck knows its words."""
    known = _RUAMEL_PROBLEMS.get(problem)
    if known is not None:
        return _(known)
    for pattern, template in _RUAMEL_PATTERNS:
        match = pattern.fullmatch(problem)
        if match is not None:
            found = match.groupdict()
            if "expected" in found:  # `',' or ']'`: the last alternative after the language's "or"
                head, sep, last = found["expected"].rpartition(" or ")
                if sep:
                    found["expected"] = _("{either} or {other}").format(either=head, other=last)
            return _(template).format(**found)
    return problem
