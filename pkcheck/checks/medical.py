"""``medical``: the unit's medical support meets every listed criterion.

Settings (any of them; each listed one must hold):

- ``facility``: minimum level, in the order none < basic < level-1 < level-2 < level-2-plus
  < level-3 (gap in ``levels``).
- ``staff``: role -> minimum number (a role missing from a declared ``medical.staff`` is zero).
- ``beds``, ``outpatients_per_day``, ``surgeries_per_day``, ``supply_days``: minimums.
- ``capabilities``: codes that must all be listed (the gap lists the missing ones).
- ``casevac_minutes``: key -> maximum minutes (``first_aid``, ``resuscitation``, ``surgery``);
  a time the declaration does not give is no-evidence, never zero.

One gap per failed criterion, named ``facility``, ``staff.<role>``, ``beds``,
``outpatients_per_day``, ``surgeries_per_day``, ``supply_days``, ``capabilities`` or
``casevac_minutes.<key>``. Status: shortfall if any criterion falls short, else no-evidence if
any lacks evidence (a missing ``medical`` section lacks all), else met.

PASS: ``{facility: level-1, beds: 5}`` with ``medical: {facility: level-2, beds: 6}``.
FAIL: ``{casevac_minutes: {resuscitation: 60}}`` with 90 declared (gap: 30 minutes).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from pkcheck.checks.base import Context, MissingEvidence, Outcome, gap
from pkcheck.library.expressions import ExpressionError
from pkcheck.models.common import FACILITY_LEVELS
from pkcheck.models.standard import MedicalCheck
from pkcheck.report import Gap, Status

KIND = "medical"

MINIMUMS = {
    "beds": "beds",
    "outpatients_per_day": "patients/day",
    "surgeries_per_day": "surgeries/day",
    "supply_days": "days",
}


class _Criterion(NamedTuple):
    name: str
    path: tuple[str, ...]
    gap: Gap | None = None
    missing: bool = False
    error: ExpressionError | None = None  # a threshold that cannot be evaluated


def check(settings: MedicalCheck, context: Context) -> Outcome:
    criteria = list(_criteria(settings, context))
    failed = [c for c in criteria if c.gap is not None]
    missing = [c for c in criteria if c.missing]
    names = [c.name for c in criteria]
    if failed:
        values = {"criteria": [c.name for c in failed]}
        return Outcome(
            Status.SHORTFALL, "medical.shortfall", values, failed[0].path, tuple(c.gap for c in failed if c.gap)
        )
    error = next((c.error for c in criteria if c.error is not None), None)
    if error is not None:
        raise error  # the engine reports it (no-evidence), with where the threshold is defined
    if missing:
        values = {"missing": ", ".join(f"`{'.'.join(c.path)}`" for c in missing)}
        return Outcome(Status.NO_EVIDENCE, "medical.no-evidence", values, missing[0].path)
    return Outcome(Status.MET, "medical.met", {"criteria": names}, ("medical",))


def _criteria(settings: MedicalCheck, context: Context) -> Iterator[_Criterion]:
    medical = context.declaration.medical
    if settings.facility is not None:
        yield _facility(settings.facility, medical.facility if medical else None)
    for role, minimum in (settings.staff or {}).items():
        staff = medical.staff if medical else None
        declared = None if staff is None else staff.get(role, 0)
        yield _minimum(f"staff.{role}", ("medical", "staff", role), minimum, declared, "personnel", context)
    for name, unit in MINIMUMS.items():
        minimum = getattr(settings, name)
        if minimum is not None:
            declared = getattr(medical, name) if medical else None
            yield _minimum(name, ("medical", name), minimum, declared, unit, context)
    if settings.capabilities is not None:
        yield _capabilities(settings.capabilities, medical.capabilities if medical else None)
    for key, maximum in (settings.casevac_minutes or {}).items():
        times = medical.casevac_minutes if medical else None
        yield _maximum(key, maximum, None if times is None else times.get(key), context)


def _facility(required: str, declared: str | None) -> _Criterion:
    path = ("medical", "facility")
    if declared is None:
        return _Criterion("facility", path, missing=True)
    short = FACILITY_LEVELS.index(required) - FACILITY_LEVELS.index(declared)
    return _Criterion("facility", path, gap("facility", required, declared, short, "levels") if short > 0 else None)


def _minimum(
    name: str, path: tuple[str, ...], minimum: Any, declared: int | None, unit: str, context: Context
) -> _Criterion:
    if declared is None:
        return _Criterion(name, path, missing=True)
    try:
        required = context.count(minimum)
    except MissingEvidence:
        return _Criterion(name, path, missing=True)
    except ExpressionError as exc:
        return _Criterion(name, path, missing=True, error=exc)
    short = required - declared
    return _Criterion(name, path, gap(name, required, declared, short, unit) if short > 0 else None)


def _capabilities(required: list[str], declared: list[str] | None) -> _Criterion:
    path = ("medical", "capabilities")
    if declared is None:
        return _Criterion("capabilities", path, missing=True)
    absent = [c for c in required if c not in declared]
    return _Criterion(
        "capabilities", path, gap("capabilities", required, declared, absent, "capabilities") if absent else None
    )


def _maximum(key: str, maximum: Any, declared: int | None, context: Context) -> _Criterion:
    name, path = f"casevac_minutes.{key}", ("medical", "casevac_minutes", key)
    if declared is None:
        return _Criterion(name, path, missing=True)
    try:
        limit = context.threshold(maximum)
    except MissingEvidence:
        return _Criterion(name, path, missing=True)
    except ExpressionError as exc:
        return _Criterion(name, path, missing=True, error=exc)
    over = declared - limit
    return _Criterion(name, path, gap(name, limit, declared, over, "minutes") if over > 0 else None)
