"""Warnings about codes no loaded vocabulary knows, in standards and declarations.

A code is never an error: an organisation may use codes of its own. But a misspelt course or
item silently matches nothing, so ``lint`` and ``check`` warn at the code itself and name the
nearest known code: once per distinct code of a file, at its first use, naming the lines of
the others. The walkers read the raw document (already validated), for positions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
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
__all__ = [
    "KEYED_PATHS",
    "VALUE_PATHS",
    "Places",
    "Use",
    "check_uses",
    "declaration_uses",
    "path_codes",
    "standard_uses",
    "unknown_places",
    "unknown_warnings",
]


Places = dict[tuple[str, str], list[Location]]  # (section, code) -> where a file uses it


def warnings(
    path: str, data: Any, uses: Iterable[Use], codes: Codes, also_known: Collection[tuple[str, str]] = ()
) -> list[Diagnostic]:
    """One warning per distinct code (of a section) that no vocabulary knows, in file order."""
    return unknown_warnings(codes, unknown_places(path, data, uses, codes, also_known))


def unknown_places(
    path: str, data: Any, uses: Iterable[Use], codes: Codes, also_known: Collection[tuple[str, str]] = ()
) -> Places:
    """Where each code no vocabulary knows is used, by (section, code). ``also_known`` are the
    (section, code) pairs that count as known here: those a declaration's own standard uses."""
    places: Places = {}
    for section, code, segments, is_key in uses:
        if (section, code) not in also_known and not codes.known(section, code):
            places.setdefault((section, code), []).append(_location(path, data, segments, is_key))
    return places


def unknown_warnings(codes: Codes, places: Places) -> list[Diagnostic]:
    """A warning per unknown code, at its first use, naming the lines of all its uses."""
    found = []
    for (section, code), locations in places.items():
        lines = sorted({location.line for location in locations})
        message = codes.unknown(section, code, lines)
        if message is not None:
            found.append(Diagnostic(min(locations), message, Level.WARNING))
    return sorted(found)


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
