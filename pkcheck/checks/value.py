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

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from pkcheck.checks.base import MISSING, Context, MissingEvidence, Outcome, gap, path_segments
from pkcheck.library.expressions import ExpressionError, number_problem, to_fraction
from pkcheck.messages import render
from pkcheck.models.standard import ValueCheck
from pkcheck.report import Gap, Status

KIND = "value"


class _NotANumber(Exception):
    pass


def check(settings: ValueCheck, context: Context) -> Outcome:
    path = path_segments(settings.path)
    value = context.lookup(settings.path)
    names = _criteria_names(settings)
    if value is MISSING or value is None:
        if settings.exists:
            gaps = (gap("exists", "present", "absent", None, _unit(settings.path)),)
            values = _values(settings, "absent", ["exists"]) | {"problems": problems(gaps)}
            return Outcome(Status.SHORTFALL, "value.shortfall", values, path, gaps)
        return Outcome(Status.NO_EVIDENCE, "value.no-evidence", {"path": settings.path, "path_title": ""}, path)
    problem = number_problem(value)
    compared = [name for name in names if name != "exists"]  # a present value satisfies `exists`
    if problem is not None and compared:
        # NaN, an infinity or a number beyond 10^308 (free `x-` values are not validated): no
        # comparison can be judged, and the finding points at the value.
        values = _values(settings, problem, compared)
        return Outcome(Status.NO_EVIDENCE, "value.not-computable", values, path)
    # Each comparison is judged on its own: shortfall if any falls short, else no-evidence if
    # any cannot be checked, else met (spec 2.1, "a check with several criteria").
    gaps: list[Gap] = []
    missing: str | None = None
    not_a_number: list[str] = []
    error: ExpressionError | None = None
    for name, compare in _COMPARISONS:
        if getattr(settings, name) is None:
            continue
        try:
            found = compare(settings, value, context)
        except MissingEvidence as absent:
            missing = missing or absent.path
        except _NotANumber:
            not_a_number.append(name)
        except ExpressionError as exc:  # a threshold that cannot be evaluated lacks evidence too
            error = error or exc
        else:
            if found is not None:
                gaps.append(found)
    if gaps:
        values = _values(settings, value, [g.criterion for g in gaps]) | {"problems": problems(gaps)}
        return Outcome(Status.SHORTFALL, "value.shortfall", values, path, tuple(gaps))
    if error is not None:
        raise error  # the engine reports it, with where the threshold is defined
    if missing is not None:
        return Outcome(Status.NO_EVIDENCE, "value.no-evidence", {"path": missing, "path_title": ""}, path)
    if not_a_number:
        return Outcome(Status.NO_EVIDENCE, "value.not-a-number", _values(settings, value, not_a_number), path)
    return Outcome(Status.MET, "value.met", _values(settings, value, names), path)


def problems(gaps: Any, label: Callable[[str], str] = str) -> list[str]:
    """One short phrase per failed comparison, each from its own message template; ``label``
    names each listed entry (reports give codes their titles)."""

    def named(value: Any) -> Any:
        return tuple(label(v) for v in value) if isinstance(value, tuple) else value

    return [
        render(f"value.gap.{g.criterion}", {"required": named(g.required), "shortfall": named(g.shortfall)})
        for g in gaps
    ]


def _values(settings: ValueCheck, value: Any, criteria: list[str]) -> dict[str, Any]:
    # `path_title` names a code in the path (`certifications.X`); the engine fills it in.
    return {"path": settings.path, "path_title": "", "declared": _show(value), "criteria": criteria}


def _criteria_names(settings: ValueCheck) -> list[str]:
    names = ("min", "max", "equals", "one_of", "includes", "exists")
    return [name for name in names if getattr(settings, name) is not None]


def _min(settings: ValueCheck, value: Any, context: Context) -> Gap | None:
    required, declared = context.threshold(settings.min), _number(value)  # type: ignore[arg-type]
    if declared >= required:
        return None
    return gap("min", required, declared, required - declared, _unit(settings.path))


def _max(settings: ValueCheck, value: Any, context: Context) -> Gap | None:
    limit, declared = context.threshold(settings.max), _number(value)  # type: ignore[arg-type]
    return gap("max", limit, declared, declared - limit, _unit(settings.path)) if declared > limit else None


def _equals(settings: ValueCheck, value: Any, context: Context) -> Gap | None:
    if _same(value, settings.equals):
        return None
    return gap("equals", _show(settings.equals), _show(value), None, _unit(settings.path))


def _one_of(settings: ValueCheck, value: Any, context: Context) -> Gap | None:
    options = settings.one_of or []
    if any(_same(value, option) for option in options):
        return None
    return gap("one_of", [_show(o) for o in options], _show(value), None, _unit(settings.path))


def _includes(settings: ValueCheck, value: Any, context: Context) -> Gap | None:
    wanted = settings.includes or []
    if isinstance(value, dict):
        present = list(value.keys())
    else:
        present = list(value) if isinstance(value, list) else [value]
    absent = [entry for entry in wanted if not any(_same(p, entry) for p in present)]
    if not absent:
        return None
    shown = ([_show(e) for e in wanted], [_show(p) for p in present], [_show(a) for a in absent])
    return gap("includes", *shown, "entries")


# ``exists`` needs no entry: a present value satisfies it, an absent one is handled above.
_COMPARISONS: tuple[tuple[str, Callable[[ValueCheck, Any, Context], Gap | None]], ...] = (
    ("min", _min),
    ("max", _max),
    ("equals", _equals),
    ("one_of", _one_of),
    ("includes", _includes),
)


def _number(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _NotANumber
    return to_fraction(value)


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        # NaN equals nothing, and a number pkcheck cannot compute with matches no entry.
        usable = number_problem(left) is None and number_problem(right) is None
        return usable and to_fraction(left) == to_fraction(right)
    return str(left) == str(right) if isinstance(left, str) and isinstance(right, str) else False


def _show(value: Any) -> Any:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if 0 < len(value) <= 4 else f"a list of {len(value)} entries"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else str(float(value))
    if isinstance(value, int) and number_problem(value) is not None:
        return "a number larger than 10^308"
    return value if isinstance(value, (int, str)) else str(value)


def _unit(path: str) -> str:
    last = path.rsplit(".", 1)[-1]
    if last.endswith("_days"):
        return "days"
    if last.endswith("_minutes"):
        return "minutes"
    return "personnel" if path.startswith("personnel.") else "value"
