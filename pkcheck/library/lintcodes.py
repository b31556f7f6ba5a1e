"""Warnings about codes no loaded vocabulary knows, in standards and declarations.

A code is never an error: an organisation may use codes of its own. But a misspelt course or
item silently matches nothing, so ``lint`` and ``check`` warn at the code itself and name the
nearest known code. The walkers read the raw document (already validated), for positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from pkcheck import checks
from pkcheck.checks.kind import Kind
from pkcheck.diagnostics import Diagnostic, Level, Location
from pkcheck.expressions import ExpressionError, parse
from pkcheck.load.locate import PathSegment
from pkcheck.load.tree import LocatedDict, LocatedList
from pkcheck.terms.codepaths import KEYED_PATHS, VALUE_PATHS, CodeUse, at, code_at, items, path_codes
from pkcheck.terms.vocabulary import Codes

Use = CodeUse  # one use of a code: its vocabulary section, the code, where it is, whether a key
__all__ = ["KEYED_PATHS", "VALUE_PATHS", "Use", "check_uses", "declaration_uses", "path_codes", "standard_uses"]


def warnings(path: str, data: Any, uses: Iterable[Use], codes: Codes) -> list[Diagnostic]:
    """One warning per use of a code that no vocabulary knows, in file order."""
    found = []
    for section, code, segments, is_key in uses:
        message = codes.unknown(section, code)
        if message is not None:
            found.append(Diagnostic(_location(path, data, segments, is_key), message, Level.WARNING))
    return sorted(set(found))


def standard_uses(data: Any) -> Iterator[Use]:
    """The codes a standard document uses: unit types, missions, and those in every check."""
    for section in ("unit_types", "missions"):
        for index, code in items(data.get(section)):
            yield Use(section, code, (section, index), False)
    requirements = data.get("requirements")
    for index, requirement in enumerate(requirements if isinstance(requirements, list) else ()):
        if isinstance(requirement, dict):
            yield from check_uses(requirement.get("check"), ("requirements", index, "check"))
    overrides = data.get("overrides")
    for requirement_id, patch in overrides.items() if isinstance(overrides, dict) else ():
        if isinstance(patch, dict):
            yield from check_uses(patch.get("check"), ("overrides", requirement_id, "check"))


def declaration_uses(data: Any) -> Iterator[Use]:
    """The codes a declaration document uses."""
    unit = data.get("unit") or {}
    for key, section in (("type", "unit_types"), ("mission", "missions")):
        if isinstance(unit.get(key), str):
            yield Use(section, unit[key], ("unit", key), False)
    for keyed, section in KEYED_PATHS.items():
        mapping = at(data, keyed)
        for code in mapping if isinstance(mapping, dict) else ():
            yield Use(section, str(code), (*keyed, code), True)
    for index, entry in _entries(data.get("training")):
        yield from code_at(entry, "course", "courses", ("training", index))
        if isinstance(entry, dict) and entry.get("role") != "all":
            yield from code_at(entry, "role", "roles", ("training", index))
    for index, line in _entries(data.get("equipment")):
        yield from code_at(line, "item", "items", ("equipment", index))
    for index, code in items(at(data, ("medical", "capabilities"))):
        yield Use("capabilities", code, ("medical", "capabilities", index), False)
    for index, code in items(data.get("self_sustainment")):
        yield Use("self_sustainment", code, ("self_sustainment", index), False)


def check_uses(check: Any, prefix: tuple[PathSegment, ...] = ()) -> Iterator[Use]:
    """The codes a check mapping (``{kind: {...}}``) uses: those its kind names, and those in
    the declaration paths its thresholds read."""
    if not isinstance(check, dict):
        return
    for name, settings in check.items():
        kind = checks.KINDS.get(name)
        if kind is None or not isinstance(settings, dict):
            continue
        where = (*prefix, name)
        for use in kind.codes(settings):
            yield use._replace(segments=(*where, *use.segments))
        yield from _threshold_uses(kind, settings, where)


def _threshold_uses(kind: Kind, settings: dict[str, Any], where: tuple[PathSegment, ...]) -> Iterator[Use]:
    """Codes in the declaration paths an expression reads: ``value("personnel.roles.X")``."""
    places: list[tuple[str, ...]] = []
    for name, threshold in kind.thresholds.items():
        inner = settings.get(name)
        if not threshold.keyed:
            places.append((name,))
        elif isinstance(inner, dict):
            places.extend((name, key) for key in inner)
    for place in places:
        source = at(settings, place)
        if not isinstance(source, str):
            continue
        try:
            references = parse(source).references
        except ExpressionError:
            continue  # reported as an error elsewhere
        for reference in references:
            for section, code in path_codes(reference):
                yield Use(section, code, (*where, *place), False)


def _entries(value: Any) -> Iterator[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else iter(())


def _location(path: str, data: Any, segments: Sequence[PathSegment], is_key: bool) -> Location:
    """Where the code itself is: a mapping key, a mapping value or a list entry."""
    parent = at(data, segments[:-1])
    last = segments[-1]
    line = column = 0
    if isinstance(parent, LocatedDict) and last in parent:
        line, column = parent.key_positions[last] if is_key else parent.value_positions[last]
    elif isinstance(parent, LocatedList) and isinstance(last, int) and last < len(parent):
        line, column = parent.item_positions[last]
    return Location(path, line + 1, column + 1)
