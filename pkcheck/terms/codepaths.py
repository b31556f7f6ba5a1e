"""Where vocabulary codes sit: in a declaration's paths, and in the raw settings of a check.

The walkers read raw documents (already validated), so that a warning can point at the code
itself; they yield ``CodeUse``s relative to the mapping they are given.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from pkcheck.load.locate import PathSegment


class CodeUse(NamedTuple):
    """One use of a code: its vocabulary section (``courses``, ``items``...), the code, where it
    is (relative to the mapping walked), and whether it is a mapping key (``staff: {nurse: 2}``)."""

    section: str
    code: str
    segments: tuple[PathSegment, ...]
    is_key: bool = False


# Declaration paths whose *next* segment is a code: `personnel.roles.staff-officer`.
KEYED_PATHS = {
    ("personnel", "roles"): "roles",
    ("personnel", "languages"): "languages",
    ("medical", "staff"): "roles",
    ("certifications",): "certifications",
}
# Declaration paths whose *values* are codes (`includes` on a mapping lists its keys).
VALUE_PATHS = {
    ("unit", "type"): "unit_types",
    ("unit", "mission"): "missions",
    ("self_sustainment",): "self_sustainment",
    ("medical", "capabilities"): "capabilities",
    ("medical", "facility"): "facility_levels",
    **KEYED_PATHS,
}


def path_codes(path: str) -> list[tuple[str, str]]:
    """The code in a dotted declaration path, if it has one: ``certifications.X`` -> X."""
    segments = tuple(path.split("."))
    for keyed, section in KEYED_PATHS.items():
        if len(segments) > len(keyed) and segments[: len(keyed)] == keyed:
            return [(section, segments[len(keyed)])]
    return []


def codes_at(mapping: Any, key: str, section: str, where: tuple[PathSegment, ...] = ()) -> Iterator[CodeUse]:
    """A setting that is a code or a list of codes."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if isinstance(value, list):
        for index, code in items(value):
            yield CodeUse(section, code, (*where, key, index))
    else:
        yield from code_at(mapping, key, section, where)


def code_at(mapping: Any, key: str, section: str, where: tuple[PathSegment, ...] = ()) -> Iterator[CodeUse]:
    """A setting that is one code."""
    if isinstance(mapping, dict) and isinstance(mapping.get(key), str):
        yield CodeUse(section, mapping[key], (*where, key))


def keys_at(mapping: Any, key: str, section: str, where: tuple[PathSegment, ...] = ()) -> Iterator[CodeUse]:
    """A setting that is a mapping keyed by codes (``staff: {nurse: 2}``)."""
    inner = mapping.get(key) if isinstance(mapping, dict) else None
    for code in inner if isinstance(inner, dict) else ():
        yield CodeUse(section, str(code), (*where, key, code), is_key=True)


def items(value: Any) -> Iterator[tuple[int, Any]]:
    """The text entries of a list, with their positions (other entries are not codes)."""
    if isinstance(value, list):
        yield from ((i, v) for i, v in enumerate(value) if isinstance(v, str))


def at(data: Any, segments: Sequence[PathSegment]) -> Any:
    """The node at ``segments`` (mapping keys and list positions), or ``None``."""
    for segment in segments:
        in_list = isinstance(data, list) and isinstance(segment, int) and 0 <= segment < len(data)
        if not (in_list or (isinstance(data, dict) and not isinstance(segment, int) and segment in data)):
            return None
        data = data[segment]
    return data
