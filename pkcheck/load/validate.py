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
from pkcheck.i18n import DEFAULT, N_, _, language, number
from pkcheck.load.locate import PathSegment, existing_prefix, locate
from pkcheck.load.tree import LocatedDict
from pkcheck.load.yamlio import Document
from pkcheck.models.common import CODE_PATTERN, LINE_PATTERN, REQUIREMENT_ID_PATTERN, SHAPE_TAG, WAIVED_ID_PATTERN
from pkcheck.models.declaration import Unit

M = TypeVar("M", bound=BaseModel)

KINDS = INPUT_KINDS


def document_kind(document: Document) -> str:
    """The ``pkcheck:`` kind of a document, or an ``InputError`` saying what is wrong with it."""
    data = document.data
    if "pkcheck" not in data:
        raise InputError.at(
            document.path, _("missing `pkcheck:` key naming the file's kind, e.g. `pkcheck: declaration/v1`")
        )
    kind = data["pkcheck"]
    if kind not in KINDS:
        where = locate(document.path, data, ["pkcheck"])
        known = ", ".join(f"`{k}`" for k in KINDS)
        message = _("unknown kind `{kind}` in `pkcheck:`; expected one of {known}").format(kind=kind, known=known)
        raise InputError((Diagnostic(where, message),))
    return str(kind)


def validate(document: Document, model: type[M], expected_kind: str) -> M:
    kind = document_kind(document)
    if kind != expected_kind:
        where = locate(document.path, document.data, ["pkcheck"])
        message = _("this is a `{kind}` file, but a `{expected}` file is expected here").format(
            kind=kind, expected=expected_kind
        )
        raise InputError((Diagnostic(where, message),))
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise InputError(tuple(sorted(describe_errors(document, model, exc)))) from None


def validate_with(document: Document, model: type[M], expected_kind: str, found: Sequence[Diagnostic]) -> M:
    """``validate``, with the problems ``found`` beside it (ids given twice, read from the data
    as written) said together with its errors, in the order of the file: one reading of the
    errors is enough to mend the file."""
    try:
        validated = validate(document, model, expected_kind)
    except InputError as exc:
        raise InputError(tuple(sorted((*exc.diagnostics, *found)))) from None
    if found:
        raise InputError(tuple(found))
    return validated


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
    return text or _("(top level)")


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
        return _("`{path}`: missing required key `{key}`").format(path=dotted(path), key=loc[len(path)])
    if kind == "invalid_key":
        parent = loc[:-1]
        key = error.get("input")
        shown = "null" if key is None else str(list(key)) if isinstance(key, tuple) else str(key)
        if parent:
            return _("unknown key `{key}` in `{parent}`: keys must be text").format(key=shown, parent=dotted(parent))
        return _("unknown key `{key}`: keys must be text").format(key=shown)
    if kind == "extra_forbidden":
        parent, key = loc[:-1], loc[-1]
        known = known_keys(model, parent[len(prefix) :])
        if parent:
            said = _("unknown key `{key}` in `{parent}`").format(key=shown_exactly(key), parent=dotted(parent))
        else:
            said = _("unknown key `{key}`").format(key=shown_exactly(key))
        return said + suggestion(str(key), known)
    return _("`{path}`: {reason}").format(path=dotted(path), reason=reason(error))


def nearest(word: str, candidates: Sequence[str]) -> str | None:
    """The candidate closest to ``word``, if any is close enough to be a likely misspelling.
    Case is ignored (``inf-trn-001`` finds ``INF-TRN-001``): a name typed in the wrong case is
    the likeliest misspelling of all."""
    folded = {candidate.casefold(): candidate for candidate in reversed(candidates)}  # the first wins
    match = difflib.get_close_matches(word.casefold(), folded, n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def did_you_mean(match: str | None) -> str:
    """How a message suggests the name ``nearest`` found: ``; did you mean `x`?``, or nothing."""
    # Translators: added to a message, after what is wrong.
    return _("; did you mean `{name}`?").format(name=match) if match is not None else ""


def suggestion(word: str, candidates: Sequence[str]) -> str:
    """The name closest to ``word`` as ``did_you_mean`` words it; when none is close, the
    names there are (nothing when there are none)."""
    match = nearest(word, candidates)
    if match is not None:
        return did_you_mean(match)
    if candidates:
        # Translators: added to a message, after what is wrong.
        return _("; expected one of {names}").format(names=", ".join(f"`{c}`" for c in sorted(candidates)))
    return ""


_PATTERNS = {
    CODE_PATTERN: N_("{value} is not a code: codes are lowercase words joined by hyphens, e.g. `apc-wheeled-class-ii`"),
    REQUIREMENT_ID_PATTERN: N_(
        "{value} is not a requirement id: upper-case parts joined by hyphens, e.g. `INF-EQP-001`"
    ),
    WAIVED_ID_PATTERN: N_(
        "{value} is not a requirement id (`INF-EQP-001`) or an MOU line (`MOU:B-001`, `MOU:C-catering`)"
    ),
    LINE_PATTERN: N_("{value} is not an MOU line id: upper-case parts joined by hyphens, e.g. `B-001`"),
    r"^[A-Z]{2}$": N_("{value} is not a country code: two upper-case letters (ISO 3166-1 alpha-2), e.g. `XA`"),
}

_WHOLE = N_("must be a whole number, got {value}")
_MAPPING = N_("must be a mapping (key: value), got {value}")
_DATE = N_("must be a date YYYY-MM-DD, got {value}")
_REASONS = {
    "int_type": _WHOLE,
    "int_parsing": _WHOLE,
    "int_from_float": _WHOLE,
    "float_type": N_("must be a number, got {value}"),
    "string_type": N_("must be text, got {value}"),
    "bool_type": N_("must be true or false, got {value}"),
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "list_type": N_("must be a list, got {value}"),
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": N_("must be a real date YYYY-MM-DD, got {value}"),
    "date_from_datetime_inexact": N_("must be a date YYYY-MM-DD without a time, got {value}"),
    "finite_number": N_("must be a finite number (not NaN or infinity), got {value}"),
    "too_short": N_("must not be empty, got {value}"),
    "string_unicode": N_("must be valid Unicode text (a lone surrogate escape such as \\ud800 is not), got {value}"),
}


def reason(error: Any) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    shown = _show(value)
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "greater_than_equal":
        return _("must be at least {minimum}, got {value}").format(minimum=_bound(ctx["ge"]), value=shown)
    if kind == "less_than_equal":
        return _("must be at most {maximum}, got {value}").format(maximum=_bound(ctx["le"]), value=shown)
    if kind == "string_pattern_mismatch":
        pattern = _PATTERNS.get(ctx["pattern"])
        if pattern is None:
            return _("{value} is not in the expected form: {pattern}").format(value=shown, pattern=ctx["pattern"])
        return _(pattern).format(value=shown)
    if kind == "string_too_long":
        return _("must be at most {maximum} characters, got {count}").format(
            maximum=_count(ctx["max_length"]), count=_count(len(value))
        )
    if kind == "too_long":
        return _("must have at most {maximum} entries, got {count}").format(
            maximum=_count(ctx["max_length"]), count=_count(ctx.get("actual_length", len(value)))
        )
    if kind in ("literal_error", "enum"):
        return _("must be one of {expected}, got {value}").format(expected=_expected(ctx["expected"]), value=shown)
    if kind in _REASONS:
        return _(_REASONS[kind]).format(value=shown)
    return _("{problem}, got {value}").format(problem=error["msg"], value=shown)


def _bound(value: Any) -> str:
    """A bound of a number as pkcheck always wrote it in English, as a French reader writes it in French."""
    return str(value) if language() == DEFAULT or not isinstance(value, (int, float)) else number(value)


def _count(value: int) -> str:
    """A size in a message: ``1,000`` in English (as pkcheck always wrote it), ``1 000`` in French."""
    return f"{value:,}" if language() == DEFAULT else number(value)


def _expected(expected: str) -> str:
    """Pydantic's list of the values allowed (``'a', 'b' or 'c'``), with French's ``ou``."""
    if language() == DEFAULT:
        return expected
    head, sep, last = expected.rpartition(" or ")
    return _("{either} or {other}").format(either=head, other=last) if sep else expected


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("nothing (null)")
    if hasattr(value, "tag") and not isinstance(value, (str, int, float)):
        # A scalar with a tag pkcheck does not know (``!!python/name:os.system``) prints as ''.
        tag = str(getattr(value.tag, "value", value.tag)).replace("tag:yaml.org,2002:", "!!")
        return _("a value tagged `{tag}`").format(tag=tag)
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
