"""``medical``: the unit's medical support meets every listed criterion.

Settings (any of them; each listed one must hold):

- ``facility``: minimum level, in the order none < basic < level-1 < level-2 < level-2-plus
  < level-3 (gap in ``levels``).
- ``staff``: role -> minimum number (a role missing from a declared ``medical.staff`` is zero).
  A training check of a role's population counts ``personnel.roles`` instead: where a
  declaration gives both, ``check`` and ``lint`` warn at each role of ``medical.staff`` that
  ``personnel.roles`` counts differently (or not at all), so that the two cannot disagree
  unseen.
- ``beds``, ``outpatients_per_day``, ``surgeries_per_day``, ``supply_days``: minimums.
- ``capabilities``: codes that must all be listed (the gap gives the required ones, those of
  them declared, and the missing ones).
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

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from pydantic import Field, model_validator

from pkcheck.checks.base import Context, MissingEvidence, Outcome, gap
from pkcheck.checks.draft import Draft, count, floor, lower_to, raise_to
from pkcheck.checks.kind import MAXIMUMS_BY_KEY, MINIMUM, MINIMUMS_BY_KEY, Kind
from pkcheck.checks.pieces import Piece
from pkcheck.expressions import ExpressionError
from pkcheck.i18n import N_, _, language
from pkcheck.messages import fill as fill_template
from pkcheck.messages import joined
from pkcheck.models.common import FACILITY_LEVELS, Code, StrictModel, Threshold
from pkcheck.models.declaration import FacilityLevel, TimelineKey
from pkcheck.report import Finding, Gap, Status
from pkcheck.terms.codepaths import CodeUse, code_at, codes_at, keys_at
from pkcheck.terms.vocabulary import Codes

NAME = "medical"

# The minimums of a single number, with the unit of measure of their gaps.
MINIMUMS = {
    "beds": "beds",
    "outpatients_per_day": "patients/day",
    "surgeries_per_day": "surgeries/day",
    "supply_days": "days",
}
# Whether a gap in each unit of measure adds across units in the needs register: beds and daily
# capacities do (two hospitals short of 2 beds each need 4); days of supply, minutes over a
# casualty-evacuation limit and facility levels do not.
ADDS = {"personnel": True, "beds": True, "patients/day": True, "surgeries/day": True, "days": False, "minutes": False}


class MedicalCheck(StrictModel):
    facility: FacilityLevel | None = Field(
        None,
        description="The lowest facility level accepted: none < basic < level-1 < level-2 < level-2-plus < level-3.",
    )
    staff: dict[Code, Threshold] | None = Field(
        None, description="Role code -> the minimum number of medical staff of that role (a number or an expression)."
    )
    beds: Threshold | None = Field(None, description="The minimum number of beds.")
    outpatients_per_day: Threshold | None = Field(None, description="The minimum number of outpatients seen a day.")
    surgeries_per_day: Threshold | None = Field(None, description="The minimum number of surgeries a day.")
    supply_days: Threshold | None = Field(None, description="The minimum days of medical supplies.")
    capabilities: list[Code] | None = Field(None, description="Capability codes the declaration must all list.")
    casevac_minutes: dict[TimelineKey, Threshold] | None = Field(
        None,
        description="Stage of care (`first_aid`, `resuscitation`, `surgery`) -> the maximum casualty-evacuation time, in minutes; a time not declared is no-evidence.",
    )

    @model_validator(mode="after")
    def _some_criterion(self) -> MedicalCheck:
        if not any(getattr(self, name) is not None for name in type(self).model_fields):
            raise ValueError(_("a medical check needs at least one criterion"))
        return self


MESSAGES = {
    "met": N_("all medical criteria met ({criteria})"),
    "shortfall": N_("medical support falls short on {criteria}"),
    "no-evidence": N_("cannot check medical support: the declaration does not give {missing}"),
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
        values: dict[str, Any] = {"criteria": [c.name for c in failed]}
        return Outcome(
            Status.SHORTFALL, f"{NAME}.shortfall", values, failed[0].path, tuple(c.gap for c in failed if c.gap)
        )
    error = next((c.error for c in criteria if c.error is not None), None)
    if error is not None:
        raise error  # the engine reports it (no-evidence), with where the threshold is defined
    if missing:
        values = {"missing": joined([f"`{'.'.join(c.path)}`" for c in missing])}
        return Outcome(Status.NO_EVIDENCE, f"{NAME}.no-evidence", values, missing[0].path)
    return Outcome(Status.MET, f"{NAME}.met", {"criteria": names}, ("medical",))


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
    # The gap lists the required capabilities, those of them declared, and those missing:
    # how many others the unit lists says nothing about the shortfall.
    present = [c for c in required if c in declared]
    absent = [c for c in required if c not in declared]
    if not absent:
        return _Criterion("capabilities", path)
    return _Criterion("capabilities", path, gap("capabilities", required, present, absent, "capabilities"))


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


def evidence(settings: MedicalCheck, context: Context) -> Iterator[tuple[str, ...]]:
    """The declared value of each criterion."""
    return (criterion.path for criterion in _criteria(settings, context))


def describe(settings: MedicalCheck) -> str:
    parts = []
    if settings.facility:
        parts.append(fill_template(_("facility at least {level}"), {"level": settings.facility}))
    for role, minimum in (settings.staff or {}).items():
        parts.append(fill_template(_("{role} at least {minimum}"), {"role": role, "minimum": minimum}))
    for name in MINIMUMS:
        if getattr(settings, name) is not None:
            parts.append(
                fill_template(_("{name} at least {minimum}"), {"name": name, "minimum": getattr(settings, name)})
            )
    if settings.capabilities:
        parts.append(_("capabilities {codes}").format(codes=", ".join(settings.capabilities)))
    for key, limit in (settings.casevac_minutes or {}).items():
        parts.append(fill_template(_("casevac {key} within {limit} minutes"), {"key": key, "limit": limit}))
    return _("medical: {criteria}").format(criteria=_("; ").join(parts))


def fill(settings: MedicalCheck, context: Context, draft: Draft) -> None:
    medical = draft.section(NAME)
    if settings.facility is not None:
        current = medical.get("facility", "none")
        medical["facility"] = max(current, settings.facility, key=FACILITY_LEVELS.index)
        draft.need((NAME, "facility"))
    for role, threshold in (settings.staff or {}).items():
        raise_to(medical.setdefault("staff", {}), role, count(context, threshold, draft))
        draft.need((NAME, "staff", role))
    for name in MINIMUMS:
        threshold = getattr(settings, name)
        if threshold is not None:
            raise_to(medical, name, count(context, threshold, draft))
            draft.need((NAME, name))
    for capability in settings.capabilities or []:
        capabilities = medical.setdefault("capabilities", [])
        if capability not in capabilities:
            capabilities.append(capability)
        draft.need((NAME, "capabilities"))
    for key, limit in (settings.casevac_minutes or {}).items():
        lower_to(medical.setdefault("casevac_minutes", {}), key, floor(context, limit, draft))
        draft.need((NAME, "casevac_minutes", key))


def code_uses(settings: Mapping[str, Any]) -> Iterator[CodeUse]:
    yield from code_at(settings, "facility", "facility_levels")
    yield from keys_at(settings, "staff", "roles")
    yield from codes_at(settings, "capabilities", "capabilities")


def titled(
    settings: MedicalCheck, values: Mapping[str, Any], gaps: tuple[Gap, ...], vocabulary: Codes
) -> dict[str, Any]:
    shown = dict(values)
    if "criteria" in shown:
        shown["criteria"] = [_criterion_title(name, vocabulary) for name in shown["criteria"]]
    return shown


# The other criteria in words, for a language other than English, whose reader would not
# read the standard's keys as words; English names them by their keys, as the standard does.
CRITERION_WORDS = {
    "facility": N_("facility level"),
    "beds": N_("beds"),
    "outpatients_per_day": N_("outpatients a day"),
    "surgeries_per_day": N_("surgeries a day"),
    "supply_days": N_("days of medical supplies"),
    "capabilities": N_("clinical capabilities"),
    "casevac_minutes.first_aid": N_("evacuation time to first aid"),
    "casevac_minutes.resuscitation": N_("evacuation time to resuscitation"),
    "casevac_minutes.surgery": N_("evacuation time to surgery"),
}


def _criterion_title(name: str, vocabulary: Codes) -> str:
    """``staff.medical-officer`` -> ``Medical officer (staff.medical-officer)``; in French,
    ``capabilities`` -> ``capacités cliniques (capabilities)``."""
    role = name.removeprefix("staff.")
    title = vocabulary.title("roles", role) if role != name else None
    if title is None and language() != "en" and name in CRITERION_WORDS:
        title = _(CRITERION_WORDS[name])
    return f"{title} ({name})" if title else name


def gap_label(found: Gap, titles: Mapping[str, str]) -> str:
    """A gap's criterion in words: the role's title, ``beds``, ``supply days``, ``casevac first aid``."""
    group, _, key = found.criterion.partition(".")
    if group == "staff":
        return titles.get(key, key)
    if group == "casevac_minutes":
        return f"casevac {key.replace('_', ' ')}"
    return found.criterion.replace("_", " ")


def pieces(finding: Finding) -> Iterator[Piece]:
    """Staff by role, capabilities (one unit lacking each), and the other criteria by name."""
    for found in finding.gaps:
        amount = found.shortfall
        if found.criterion.startswith("staff.") and isinstance(amount, (int, float)):
            role = found.criterion.removeprefix("staff.")
            yield Piece("medical-staff", role, finding.titles.get(role), found.unit, amount, adds=True)
        elif isinstance(amount, tuple):
            for code in amount:
                yield Piece("medical-capability", code, finding.titles.get(code), "units", 1, adds=True)
        elif isinstance(amount, (int, float)):
            yield Piece(NAME, found.criterion, None, found.unit, amount, adds=ADDS.get(found.unit, False))
        else:
            yield Piece(NAME, found.criterion, None, "units", 1, adds=True)


KIND = Kind(
    name=NAME,
    settings=MedicalCheck,
    check=check,
    doc=__doc__ or "",
    messages=MESSAGES,
    describe=describe,
    fill=fill,
    pieces=pieces,
    examples=(
        {
            "facility": "level-1",
            "staff": {"nurse": 2},
            "beds": 5,
            "outpatients_per_day": 10,
            "surgeries_per_day": 2,
            "supply_days": 15,
            "capabilities": ["x-ray"],
            "casevac_minutes": {"resuscitation": 60},
        },
    ),
    codes=code_uses,
    titled=titled,
    thresholds={
        "staff": MINIMUMS_BY_KEY,
        **dict.fromkeys(MINIMUMS, MINIMUM),
        "casevac_minutes": MAXIMUMS_BY_KEY,
    },
    all_of=frozenset({"capabilities"}),
    added_tightens=frozenset({"facility"}),
    ordered={"facility": FACILITY_LEVELS},
    gap_label=gap_label,
    evidence=evidence,
)
