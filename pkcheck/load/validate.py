"""Turn a parsed document into a model, or into located, readable errors.

Pydantic reports *where* (``loc``) and *what* (``type``); this module words each error for a
person and maps its ``loc`` through ``locate()``. Unknown keys get a "did you mean". Keys
quoted in a message are shown as ``pkcheck.escapes.shown_exactly`` shows them: on one line,
every character that cannot be seen escaped.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from pkcheck.diagnostics import Diagnostic, InputError, Location
from pkcheck.enums import INPUT_KINDS
from pkcheck.escapes import shown_exactly
from pkcheck.load.locate import PathSegment, existing_prefix, locate
from pkcheck.load.tree import LocatedDict
from pkcheck.load.yamlio import Document
from pkcheck.models.common import CODE_PATTERN, REQUIREMENT_ID_PATTERN, SHAPE_TAG, WAIVED_ID_PATTERN
from pkcheck.models.declaration import Unit
from pkcheck.models.mou import LINE_PATTERN

M = TypeVar("M", bound=BaseModel)

KINDS = INPUT_KINDS


def document_kind(document: Document) -> str:
    """The ``pkcheck:`` kind of a document, or an ``InputError`` saying what is wrong with it."""
    data = document.data
    if "pkcheck" not in data:
        raise InputError.at(
            document.path, "missing `pkcheck:` key naming the file's kind, e.g. `pkcheck: declaration/v1`"
        )
    kind = data["pkcheck"]
    if kind not in KINDS:
        where = locate(document.path, data, ["pkcheck"])
        known = ", ".join(f"`{k}`" for k in KINDS)
        raise InputError((Diagnostic(where, f"unknown kind `{kind}` in `pkcheck:`; expected one of {known}"),))
    return str(kind)


def validate(document: Document, model: type[M], expected_kind: str) -> M:
    kind = document_kind(document)
    if kind != expected_kind:
        where = locate(document.path, document.data, ["pkcheck"])
        message = f"this is a `{kind}` file, but a `{expected_kind}` file is expected here"
        raise InputError((Diagnostic(where, message),))
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise InputError(tuple(sorted(describe_errors(document, model, exc)))) from None


IDENTITY = ("id", "country", "type")  # what reports tell a unit by


def unit_identity(document: Document) -> dict[str, Any] | None:
    """The `unit` of a declaration that cannot be validated, as far as it can be read: its id,
    country and type when all three are present and valid (with its name and mission when
    those are valid too), else None. Reports then still place the file among its country's
    units instead of as an unknown one."""
    unit = document.data.get("unit") if isinstance(document.data, dict) else None
    if not isinstance(unit, dict):
        return None
    for keys in ((*IDENTITY, "name", "mission"), IDENTITY):
        try:
            model = Unit.model_validate({key: unit[key] for key in keys if key in unit})
        except ValidationError:
            continue
        return model.model_dump(mode="json", exclude_none=True)
    return None


def describe_errors(
    document: Document, model: type[BaseModel], exc: ValidationError, prefix: Sequence[PathSegment] = ()
) -> Iterator[Diagnostic]:
    """One located diagnostic per distinct path (union branches repeat the same problem)."""
    seen: set[tuple[PathSegment, ...]] = set()
    for error in exc.errors(include_url=False):
        loc = tuple(prefix) + place(error)
        path = existing_prefix(document.data, loc)
        key = path + _tail(loc, path, error)
        if key in seen:
            continue
        seen.add(key)
        message = _message(document, model, error, loc, path, prefix)
        where = _key_location(document, loc) if error["type"] == "invalid_key" else None
        yield Diagnostic(where or locate(document.path, document.data, path), message)


def place(error: Any) -> tuple[PathSegment, ...]:
    """Where in the data a validation error is: its ``loc`` without the tags of a union told
    apart by shape (``pkcheck.models.common.SHAPE_TAG``), which are no place in a file."""
    return tuple(s for s in error["loc"] if not (isinstance(s, str) and s.startswith(SHAPE_TAG)))


def _key_location(document: Document, loc: tuple[PathSegment, ...]) -> Location | None:
    """Where a key that is not text (``5:``, ``~:``, ``[a, b]:``) is: pydantic gives the key
    itself, or its ``str()`` at the top level, as the last part of ``loc``."""
    parent, key = loc[:-1], loc[-1]
    if existing_prefix(document.data, parent) != parent:
        return None
    mapping = document.data
    for segment in parent:
        mapping = mapping[segment]
    if not isinstance(mapping, LocatedDict):
        return None
    for candidate in mapping:
        if candidate == key or str(candidate) == key:
            line, column = mapping.key_positions[candidate]
            return Location(document.path, line + 1, column + 1)
    return None


def _tail(loc: tuple[PathSegment, ...], path: tuple[PathSegment, ...], error: Any) -> tuple[PathSegment, ...]:
    return (loc[len(path)],) if error["type"] in ("missing", "extra_forbidden") and len(loc) > len(path) else ()


def dotted(path: Sequence[PathSegment]) -> str:
    text = ""
    for segment in path:
        text += (
            f"[{segment}]"
            if isinstance(segment, int)
            else (f".{shown_exactly(segment)}" if text else shown_exactly(segment))
        )
    return text or "(top level)"


def _message(
    document: Document,
    model: type[BaseModel],
    error: Any,
    loc: tuple[PathSegment, ...],
    path: tuple[PathSegment, ...],
    prefix: Sequence[PathSegment],
) -> str:
    kind = error["type"]
    if kind == "missing":
        return f"`{dotted(path)}`: missing required key `{loc[len(path)]}`"
    if kind == "invalid_key":
        parent = loc[:-1]
        where = f" in `{dotted(parent)}`" if parent else ""
        key = error.get("input")
        shown = "null" if key is None else str(list(key)) if isinstance(key, tuple) else str(key)
        return f"unknown key `{shown}`{where}: keys must be text"
    if kind == "extra_forbidden":
        parent, key = loc[:-1], loc[-1]
        known = known_keys(model, parent[len(prefix) :])
        where = f" in `{dotted(parent)}`" if parent else ""
        return f"unknown key `{shown_exactly(key)}`{where}{suggestion(str(key), known)}"
    return f"`{dotted(path)}`: {reason(error)}"


def nearest(word: str, candidates: Sequence[str]) -> str | None:
    """The candidate closest to ``word``, if any is close enough to be a likely misspelling.
    Case is ignored (``inf-trn-001`` finds ``INF-TRN-001``): a name typed in the wrong case is
    the likeliest misspelling of all."""
    folded = {candidate.casefold(): candidate for candidate in reversed(candidates)}  # the first wins
    match = difflib.get_close_matches(word.casefold(), folded, n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def did_you_mean(match: str | None) -> str:
    """How a message suggests the name ``nearest`` found: ``; did you mean `x`?``, or nothing."""
    return f"; did you mean `{match}`?" if match is not None else ""


def suggestion(word: str, candidates: Sequence[str]) -> str:
    """The name closest to ``word`` as ``did_you_mean`` words it; when none is close, the
    names there are (nothing when there are none)."""
    match = nearest(word, candidates)
    if match is not None:
        return did_you_mean(match)
    if candidates:
        return "; expected one of " + ", ".join(f"`{c}`" for c in sorted(candidates))
    return ""


_PATTERNS = {
    CODE_PATTERN: "is not a code: codes are lowercase words joined by hyphens, e.g. `apc-wheeled-class-ii`",
    REQUIREMENT_ID_PATTERN: "is not a requirement id: upper-case parts joined by hyphens, e.g. `INF-EQP-001`",
    WAIVED_ID_PATTERN: "is not a requirement id (`INF-EQP-001`) or an MOU line (`MOU:B-001`, `MOU:C-catering`)",
    LINE_PATTERN: "is not an MOU line id: upper-case parts joined by hyphens, e.g. `B-001`",
    r"^[A-Z]{2}$": "is not a country code: two upper-case letters (ISO 3166-1 alpha-2), e.g. `XA`",
}

_REASONS = {
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "dict_type": "must be a mapping (key: value)",
    "model_type": "must be a mapping (key: value)",
    "model_attributes_type": "must be a mapping (key: value)",
    "list_type": "must be a list",
    "date_type": "must be a date YYYY-MM-DD",
    "date_parsing": "must be a date YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a real date YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date YYYY-MM-DD without a time",
    "finite_number": "must be a finite number (not NaN or infinity)",
    "too_short": "must not be empty",
    "string_unicode": "must be valid Unicode text (a lone surrogate escape such as \\ud800 is not)",
}


def reason(error: Any) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    shown = _show(value)
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "greater_than_equal":
        return f"must be at least {ctx['ge']}, got {shown}"
    if kind == "less_than_equal":
        return f"must be at most {ctx['le']}, got {shown}"
    if kind == "string_pattern_mismatch":
        return f"{shown} {_PATTERNS.get(ctx['pattern'], 'is not in the expected form: ' + ctx['pattern'])}"
    if kind == "string_too_long":
        return f"must be at most {ctx['max_length']:,} characters, got {len(value):,}"
    if kind == "too_long":
        return f"must have at most {ctx['max_length']:,} entries, got {ctx.get('actual_length', len(value)):,}"
    if kind == "literal_error":
        return f"must be one of {ctx['expected']}, got {shown}"
    if kind == "enum":
        return f"must be one of {ctx['expected']}, got {shown}"
    if kind in _REASONS:
        return f"{_REASONS[kind]}, got {shown}"
    return f"{error['msg']}, got {shown}"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if hasattr(value, "tag") and not isinstance(value, (str, int, float)):
        # A scalar with a tag pkcheck does not know (``!!python/name:os.system``) prints as ''.
        tag = str(getattr(value.tag, "value", value.tag)).replace("tag:yaml.org,2002:", "!!")
        return f"a value tagged `{tag}`"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def known_keys(model: type[BaseModel], path: Sequence[PathSegment]) -> list[str]:
    """The keys allowed at ``path`` in ``model``, found by walking the field annotations."""
    target: Any = model
    for segment in path:
        target = _step(target, segment)
        if target is None:
            return []
    target = unwrap_annotation(target)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [field.alias or name for name, field in target.model_fields.items()]
    return []


def _step(annotation: Any, segment: PathSegment) -> Any:
    annotation = unwrap_annotation(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(segment))
        return field.annotation if field else None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def unwrap_annotation(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``X | None``; of a union of several types keep the first model or
    container. A type that validates through a model it builds (``validating_model``, as a
    requirement's ``Check`` does) stands for that model."""
    while True:
        origin = typing.get_origin(annotation)
        if callable(getattr(annotation, "validating_model", None)):
            annotation = annotation.validating_model()
        elif origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            containers = [a for a in options if _is_container(a)]
            annotation = (containers or options)[0]
        else:
            return annotation


def _is_container(annotation: Any) -> bool:
    base = unwrap_annotation(annotation) if typing.get_origin(annotation) is typing.Annotated else annotation
    return (isinstance(base, type) and issubclass(base, BaseModel)) or typing.get_origin(base) in (list, dict)
