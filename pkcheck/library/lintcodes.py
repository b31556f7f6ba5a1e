"""Warnings about codes no loaded vocabulary knows, in standards and declarations.

A code is never an error: an organisation may use codes of its own. But a misspelt course or
item silently matches nothing, so ``lint`` and ``check`` warn at the code itself and name the
nearest known code. The walkers read the raw document (already validated), for positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from pkcheck.diagnostics import Diagnostic, Level, Location
from pkcheck.library.expressions import ExpressionError, parse
from pkcheck.library.vocabulary import Codes
from pkcheck.load.locate import PathSegment
from pkcheck.load.tree import LocatedDict, LocatedList


class Use(NamedTuple):
    """One use of a code: its vocabulary section, the code, and where it is in the document."""

    section: str
    code: str
    segments: tuple[PathSegment, ...]
    is_key: bool  # the code is a mapping key (`staff: {nurse: 2}`), not a value


# Declaration paths whose *next* segment is a code: `personnel.roles.staff-officer`.
KEYED_PATHS = {
    ("personnel", "roles"): "roles",
    ("personnel", "languages"): "languages",
    ("medical", "staff"): "roles",
    ("certifications",): "certifications",
}
# Declaration paths whose *values* are codes, for a value check's `equals`, `one_of`, `includes`.
VALUE_PATHS = {
    ("unit", "type"): "unit_types",
    ("unit", "mission"): "missions",
    ("self_sustainment",): "self_sustainment",
    ("medical", "capabilities"): "capabilities",
    ("medical", "facility"): "facility_levels",
    **KEYED_PATHS,  # `includes` on a mapping lists its keys
}
THRESHOLDS = {
    "training": ("count",),
    "equipment": ("quantity",),
    "value": ("min", "max"),
    "medical": ("beds", "outpatients_per_day", "surgeries_per_day", "supply_days"),
}


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
        for index, code in _items(data.get(section)):
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
        mapping = _at(data, keyed)
        for code in mapping if isinstance(mapping, dict) else ():
            yield Use(section, str(code), (*keyed, code), True)
    for index, entry in _entries(data.get("training")):
        yield from _scalar(entry, "course", "courses", ("training", index))
        if isinstance(entry, dict) and entry.get("role") != "all":
            yield from _scalar(entry, "role", "roles", ("training", index))
    for index, line in _entries(data.get("equipment")):
        yield from _scalar(line, "item", "items", ("equipment", index))
    for index, code in _items(_at(data, ("medical", "capabilities"))):
        yield Use("capabilities", code, ("medical", "capabilities", index), False)
    for index, code in _items(data.get("self_sustainment")):
        yield Use("self_sustainment", code, ("self_sustainment", index), False)


def check_uses(check: Any, prefix: tuple[PathSegment, ...] = ()) -> Iterator[Use]:
    """The codes a check mapping (``{training: {...}}``) uses."""
    if not isinstance(check, dict):
        return
    for kind, settings in check.items():
        if not isinstance(settings, dict):
            continue
        where = (*prefix, kind)
        if kind == "training":
            yield from _codes(settings, "course", "courses", where)
            if settings.get("population") != "all":
                yield from _scalar(settings, "population", "roles", where)
        elif kind == "equipment":
            yield from _codes(settings, "item", "items", where)
        elif kind == "medical":
            yield from _scalar(settings, "facility", "facility_levels", where)
            staff = settings.get("staff")
            for role in staff if isinstance(staff, dict) else ():
                yield Use("roles", str(role), (*where, "staff", role), True)
            yield from _codes(settings, "capabilities", "capabilities", where)
        elif kind == "value":
            yield from _value_uses(settings, where)
        yield from _threshold_uses(kind, settings, where)


def _value_uses(settings: dict[str, Any], where: tuple[PathSegment, ...]) -> Iterator[Use]:
    path = settings.get("path")
    if not isinstance(path, str):
        return
    for section, code in path_codes(path):
        yield Use(section, code, (*where, "path"), False)
    section = VALUE_PATHS.get(tuple(path.split(".")))
    if section is None:
        return
    for key in ("equals", "one_of", "includes"):
        yield from _codes(settings, key, section, where)


def _threshold_uses(kind: str, settings: dict[str, Any], where: tuple[PathSegment, ...]) -> Iterator[Use]:
    """Codes in the declaration paths an expression reads: ``value("personnel.roles.X")``."""
    places: list[tuple[str, ...]] = [(key,) for key in THRESHOLDS.get(kind, ())]
    for mapping in ("staff", "casevac_minutes") if kind == "medical" else ():
        inner = settings.get(mapping)
        places.extend((mapping, key) for key in (inner if isinstance(inner, dict) else ()))
    for place in places:
        source = _at(settings, place)
        if not isinstance(source, str):
            continue
        try:
            references = parse(source).references
        except ExpressionError:
            continue  # reported as an error elsewhere
        for reference in references:
            for section, code in path_codes(reference):
                yield Use(section, code, (*where, *place), False)


def path_codes(path: str) -> list[tuple[str, str]]:
    """The code in a dotted declaration path, if it has one: ``certifications.X`` -> X."""
    segments = tuple(path.split("."))
    for keyed, section in KEYED_PATHS.items():
        if len(segments) > len(keyed) and segments[: len(keyed)] == keyed:
            return [(section, segments[len(keyed)])]
    return []


def _codes(settings: dict[str, Any], key: str, section: str, where: tuple[PathSegment, ...]) -> Iterator[Use]:
    """A setting that is a code or a list of codes."""
    value = settings.get(key)
    if isinstance(value, list):
        for index, code in _items(value):
            yield Use(section, code, (*where, key, index), False)
    else:
        yield from _scalar(settings, key, section, where)


def _scalar(mapping: Any, key: str, section: str, where: tuple[PathSegment, ...]) -> Iterator[Use]:
    if isinstance(mapping, dict) and isinstance(mapping.get(key), str):
        yield Use(section, mapping[key], (*where, key), False)


def _items(value: Any) -> Iterator[tuple[int, Any]]:
    """The text entries of a list, with their positions (other entries are not codes)."""
    if isinstance(value, list):
        yield from ((i, v) for i, v in enumerate(value) if isinstance(v, str))


def _entries(value: Any) -> Iterator[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else iter(())


def _at(data: Any, segments: Sequence[PathSegment]) -> Any:
    """The node at ``segments`` (mapping keys and list positions), or ``None``."""
    for segment in segments:
        if (isinstance(data, list) and isinstance(segment, int) and 0 <= segment < len(data)) or (
            isinstance(data, dict) and not isinstance(segment, int) and segment in data
        ):
            data = data[segment]
        else:
            return None
    return data


def _location(path: str, data: Any, segments: Sequence[PathSegment], is_key: bool) -> Location:
    """Where the code itself is: a mapping key, a mapping value or a list entry."""
    parent = _at(data, segments[:-1])
    last = segments[-1]
    line = column = 0
    if isinstance(parent, LocatedDict) and last in parent:
        line, column = parent.key_positions[last] if is_key else parent.value_positions[last]
    elif isinstance(parent, LocatedList) and isinstance(last, int) and last < len(parent):
        line, column = parent.item_positions[last]
    return Location(path, line + 1, column + 1)
