"""The declaration template that ``pkcheck init`` drafts, and the tools a kind fills it with.

Each kind's ``fill`` sets the fields its check examines to the smallest value that meets it, and
records with ``need`` that the requirement being filled examines them (the template comments
each field with those requirements). The draft is plain data: the sections a dotted path can
name (mappings, a list of codes) by name, and the entries of the list sections (training
cohorts, equipment lines) by a key of the filler's choosing, until the template is written.
"""

from __future__ import annotations

import datetime as dt
import math
import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pkcheck.checks.base import Context, MissingEvidence
from pkcheck.expressions import ExpressionError
from pkcheck.load.paths import field_type
from pkcheck.load.validate import unwrap_annotation
from pkcheck.models.declaration import SECTIONS, Certification

Path = tuple[Any, ...]  # keys and positions; an entry of a list section: (section, its key)
PLACEHOLDER_STRENGTH = 100  # when a coverage needs personnel.total and no requirement sets it


def is_entry_list(section: str) -> bool:
    """A section that lists entries (training cohorts, equipment lines): only the check of its
    kind builds them, as a dotted path names an entry by its position, which a draft cannot know."""
    kind = field_type(section)
    if typing.get_origin(kind) is not list:
        return False
    entry = unwrap_annotation(typing.get_args(kind)[0])
    return isinstance(entry, type) and issubclass(entry, BaseModel)


FIELD_SECTIONS = tuple(name for name in SECTIONS if not is_entry_list(name))  # what a dotted path can fill
ENTRY_SECTIONS = tuple(name for name in SECTIONS if is_entry_list(name))


@dataclass
class Draft:
    """The template being filled, and which requirements examine each field."""

    fields: dict[str, Any]
    as_of: dt.date
    entries: dict[str, dict[Any, dict[str, Any]]] = field(default_factory=dict)  # section -> key -> entry
    needs: dict[Path, list[Any]] = field(default_factory=dict)  # field -> requirements
    notes: dict[Path, dict[str, list[str]]] = field(default_factory=dict)  # field -> note -> requirement ids
    current: Any = None  # the requirement being filled
    unmeetable: dict[tuple[str, str], Any] = field(default_factory=dict)  # (field, why): asked by
    in_model_order: set[str] = field(default_factory=set)  # sections a kind fills as a whole

    def section(self, name: str) -> dict[str, Any]:
        """A mapping section of the draft that a kind fills field by field (``personnel``); the
        template writes it in the order of the declaration format, whatever order it was filled in."""
        self.in_model_order.add(name)
        return self.fields[name]  # type: ignore[no-any-return]

    def entry(self, section: str, key: Any, initial: dict[str, Any]) -> dict[str, Any]:
        """The entry of a list section known by ``key``, created as ``initial`` if new."""
        return self.entries.setdefault(section, {}).setdefault(key, initial)

    def need(self, path: Path) -> None:
        """The requirement being filled examines the field at ``path`` (an entry: ``(section, key)``)."""
        if self.current is None:
            return
        users = self.needs.setdefault(path, [])
        if self.current not in users:
            users.append(self.current)

    def note(self, path: Path, text: str) -> None:
        """What the field at ``path`` (a date, a serviceable count) must reach for the requirement
        being filled, in words; the template comments the field with it and the requirement's id."""
        ids = self.notes.setdefault(path, {}).setdefault(text, [])
        if self.current is not None and self.current.id not in ids:
            ids.append(self.current.id)


def count(context: Context, threshold: float | str, draft: Draft) -> int | None:
    """A minimum as a whole number (rounded up), or None while its inputs are not filled yet."""
    try:
        return max(context.count(threshold), 0)
    except MissingEvidence as missing:
        placeholder(draft, missing.path)
    except ExpressionError:
        pass
    return None


def floor(context: Context, threshold: float | str, draft: Draft) -> int | None:
    """A maximum as a whole number (rounded down)."""
    try:
        return max(math.floor(context.threshold(threshold)), 0)
    except MissingEvidence as missing:
        placeholder(draft, missing.path)
    except ExpressionError:
        pass
    return None


def raise_to(container: dict[str, Any], key: str, value: int | None) -> None:
    if value is not None:
        container[key] = max(int(container.get(key) or 0), value)


def lower_to(container: dict[str, Any], key: str, value: int | None) -> None:
    if value is not None:
        container[key] = min(container[key], value) if isinstance(container.get(key), int) else value


def placeholder(draft: Draft, path: str) -> None:
    """A value for a declaration field that a threshold's expression reads and no requirement
    sets (the unit's strength, a role's headcount), so the next round can evaluate it."""
    segments = path.split(".")
    container, key = slot(draft, segments)
    if container is not None and key not in container:
        container[key] = PLACEHOLDER_STRENGTH if path == "personnel.total" else 1
    draft.need(tuple(segments))


def slot(draft: Draft, segments: list[str]) -> tuple[dict[str, Any] | None, str]:
    """The mapping that holds the field at ``segments``, created as needed, and its key; None
    for a path through a list (a position, or a cohort's or line's field)."""
    if (segments[0] not in FIELD_SECTIONS and not segments[0].startswith("x-")) or any(s.isdigit() for s in segments):
        return None, ""
    node: Any = draft.fields
    for end in range(1, len(segments)):
        if not isinstance(node, dict):
            return None, ""
        node = node.setdefault(segments[end - 1], sample(field_type(".".join(segments[:end])), draft.as_of, {}))
    return (node if isinstance(node, dict) else None), segments[-1]


def set_value(container: dict[str, Any], key: str, value: Any, kind: Any, path: str, draft: Draft) -> None:
    """Set a value a check asks for; where a declaration holds a mapping or a list, no such
    single value can be declared: the requirement cannot be met."""
    form = shape(kind)
    if form is None:
        container[key] = value
    elif draft.current is not None:
        draft.unmeetable[(path, f"must be {form}, got {value!r}")] = draft.current


def shape(kind: Any) -> str | None:
    """``a mapping`` or ``a list`` where a declaration holds one at a field of type ``kind``."""
    if (isinstance(kind, type) and issubclass(kind, BaseModel)) or typing.get_origin(kind) is dict:
        return "a mapping (key: value)"
    return "a list" if typing.get_origin(kind) is list else None


def include(container: dict[str, Any], key: str, kind: Any, wanted: list[Any], as_of: dt.date) -> None:
    """Entries ``wanted`` in the list, or keys in the mapping (each with a value it may hold)."""
    if typing.get_origin(kind) is dict:
        entries = container.setdefault(key, {})
        for code in wanted:
            entries.setdefault(str(code), sample(typing.get_args(kind)[1], as_of))
        return
    entries = container.setdefault(key, [])
    if isinstance(entries, list):
        entries.extend(code for code in wanted if code not in entries)


def sample(kind: Any, as_of: dt.date, default: Any = 1) -> Any:
    """A value a declaration may hold at a field of type ``kind`` (``pkcheck.load.paths.field_type``),
    for an ``exists`` check and for the sections, mappings and certificates that lead to a
    field; ``default`` where the format leaves the field free (``x-``)."""
    kind = unwrap_annotation(kind)
    if kind is Certification:
        return {"issued": as_of, "by": "Issuing national authority"}
    if (isinstance(kind, type) and issubclass(kind, BaseModel)) or typing.get_origin(kind) is dict:
        return {}
    if typing.get_origin(kind) is list:
        return []
    if typing.get_origin(kind) is typing.Literal:
        return typing.get_args(kind)[0]
    if kind is dt.date:
        return as_of
    if kind is str:
        return "replace-me"  # text, and a code too
    return 1 if kind is int else default
