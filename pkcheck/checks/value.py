"""``value``: a value at a path of the declaration passes one or more comparisons.

Settings:

- ``path``: dotted path into the declaration, e.g. ``sustainment.water_days`` or
  ``personnel.roles.staff-officer`` (list positions are numbers: ``equipment.0.item``).
- One or more of ``min`` and ``max`` (numbers or expressions; exact, a fractional ``min`` is not
  rounded), ``equals`` (a value), ``one_of`` (a list of allowed values), ``includes`` (a list
  whose entries must all be present in the list, or keys in the mapping, at ``path``) and
  ``exists: true``.

An absent path is no-evidence (lists included), except for ``exists: true``, for which absence is
the shortfall. Gaps: ``min`` (min - value), ``max`` (value - max), ``includes`` (the missing
entries), ``equals``/``one_of``/``exists`` (no amount).

PASS: ``{path: sustainment.water_days, min: 14}`` with ``water_days: 21``.
FAIL: ``{path: self_sustainment, includes: [catering, laundry]}`` without ``laundry``.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pkcheck.checks.base import MISSING, Context, MissingEvidence, Outcome, gap
from pkcheck.expressions import to_fraction
from pkcheck.models.standard import ValueCheck
from pkcheck.report import Gap, Status

KIND = "value"


class _NotANumber(Exception):
    pass


def check(settings: ValueCheck, context: Context) -> Outcome:
    path = tuple(int(s) if s.isdigit() else s for s in settings.path.split("."))
    value = context.lookup(settings.path)
    names = _criteria_names(settings)
    if value is MISSING or value is None:
        if settings.exists:
            gaps = (gap("exists", "present", "absent", None, _unit(settings.path)),)
            return Outcome(Status.SHORTFALL, "value.shortfall", _values(settings, "absent", ["exists"]), path, gaps)
        return Outcome(Status.NO_EVIDENCE, "value.no-evidence", {"path": settings.path}, path)
    try:
        gaps = tuple(_gaps(settings, value, context))
    except MissingEvidence as missing:
        return Outcome(Status.NO_EVIDENCE, "value.no-evidence", {"path": missing.path}, path)
    except _NotANumber:
        return Outcome(Status.NO_EVIDENCE, "value.not-a-number", _values(settings, value, names), path)
    if gaps:
        return Outcome(Status.SHORTFALL, "value.shortfall", _values(settings, value, [g.criterion for g in gaps]), path, gaps)
    return Outcome(Status.MET, "value.met", _values(settings, value, names), path)


def _values(settings: ValueCheck, value: Any, criteria: list[str]) -> dict[str, Any]:
    return {"path": settings.path, "declared": _show(value), "criteria": criteria}


def _criteria_names(settings: ValueCheck) -> list[str]:
    names = ("min", "max", "equals", "one_of", "includes", "exists")
    return [name for name in names if getattr(settings, name) is not None]


def _gaps(settings: ValueCheck, value: Any, context: Context) -> Iterator[Gap]:
    unit = _unit(settings.path)
    if settings.min is not None:
        required, declared = context.threshold(settings.min), _number(value)
        if declared < required:
            yield gap("min", required, declared, required - declared, unit)
    if settings.max is not None:
        limit, declared = context.threshold(settings.max), _number(value)
        if declared > limit:
            yield gap("max", limit, declared, declared - limit, unit)
    if settings.equals is not None and not _same(value, settings.equals):
        yield gap("equals", _show(settings.equals), _show(value), None, unit)
    if settings.one_of is not None and not any(_same(value, option) for option in settings.one_of):
        yield gap("one_of", [_show(o) for o in settings.one_of], _show(value), None, unit)
    if settings.includes is not None:
        present = list(value.keys()) if isinstance(value, CommentedMap) else list(value) if isinstance(value, CommentedSeq) else [value]
        absent = [entry for entry in settings.includes if not any(_same(p, entry) for p in present)]
        if absent:
            yield gap("includes", [_show(e) for e in settings.includes], [_show(p) for p in present], [_show(a) for a in absent], "entries")


def _number(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _NotANumber
    return to_fraction(value)


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return to_fraction(left) == to_fraction(right)
    return str(left) == str(right) if isinstance(left, str) and isinstance(right, str) else False


def _show(value: Any) -> Any:
    if isinstance(value, CommentedMap):
        return "a mapping"
    if isinstance(value, CommentedSeq):
        return ", ".join(str(v) for v in value) if 0 < len(value) <= 4 else f"a list of {len(value)} entries"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return float(value)
    return value if isinstance(value, (int, str)) else str(value)


def _unit(path: str) -> str:
    last = path.rsplit(".", 1)[-1]
    if last.endswith("_days"):
        return "days"
    if last.endswith("_minutes"):
        return "minutes"
    return "personnel" if path.startswith("personnel.") else "value"
