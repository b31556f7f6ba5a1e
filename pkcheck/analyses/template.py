"""A declaration template for one standard (``pkcheck init``).

The template holds every field the standard's requirements examine, each set to the smallest
value that meets them, and each commented with the requirements that examine it. Thresholds can
depend on other declared values (``ceil(personnel.total * women_target)``), so the template is
filled in rounds: each round loads the draft as a real declaration and evaluates the thresholds
with the same code the checks use, until nothing changes. A template left as generated
therefore checks ``ready``; the user replaces the numbers with the unit's own. A ``value`` check
may name any field a declaration can hold (a certificate's issuer, a free ``x-`` key); one that
names a list position (``equipment.0.item``) leaves the template nothing to fill, and the header
then names the requirements it does not meet as written. The standard's title, in the header
comment, is shown escaped (``pkcheck.escapes``) like any text from a file, and no line of the
template is a workflow command to a CI runner.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from pydantic import BaseModel, ValidationError

from pkcheck import checks
from pkcheck.checks.base import Context, MissingEvidence, codes
from pkcheck.diagnostics import Diagnostic, InputError, Location
from pkcheck.enums import FileKind
from pkcheck.escapes import inert, shown
from pkcheck.library.expressions import ExpressionError
from pkcheck.library.standards import EffectiveStandard
from pkcheck.load.paths import field_type
from pkcheck.load.validate import dotted, reason, unwrap_annotation
from pkcheck.load.yamlio import Document, dump_commented, parse
from pkcheck.models.common import FACILITY_LEVELS
from pkcheck.models.declaration import Certification, Declaration, Medical, Personnel, Unit
from pkcheck.models.standard import EquipmentCheck, MedicalCheck, Requirement, TrainingCheck, ValueCheck
from pkcheck.report import Status

Path = tuple[str | int, ...]
MAX_ROUNDS = 12
SECTION_ORDER = (
    "pkcheck",
    "unit",
    "personnel",
    "training",
    "equipment",
    "medical",
    "self_sustainment",
    "certifications",
    "sustainment",
)
PLACEHOLDER_STRENGTH = 100  # when a coverage needs personnel.total and no requirement sets it
# The sections a dotted path can fill; training and equipment are lists, whose entries only
# their own checks build (a path names an entry by its position, which a template cannot know).
_FIELD_SECTIONS = ("unit", "personnel", "medical", "self_sustainment", "certifications", "sustainment")


@dataclass(frozen=True)
class UnitFields:
    """What the template says about the unit itself."""

    unit_type: str
    unit_id: str = "XX-UNIT-01"
    country: str = "XX"
    mission: str | None = None


OPTION_OF = {"id": "--unit-id", "country": "--country", "type": "UNIT-TYPE", "mission": "--mission"}


def unit_field_errors(unit: UnitFields) -> list[str]:
    """What is wrong with the unit fields a user asked for, named by their command-line option."""
    fields = {"id": unit.unit_id, "country": unit.country, "type": unit.unit_type, "mission": unit.mission}
    try:
        Unit.model_validate(fields)
    except ValidationError as exc:
        return [f"{OPTION_OF[str(error['loc'][0])]}: {reason(error)}" for error in exc.errors()]
    return []


@dataclass
class _Draft:
    """The template being filled: plain data, and which requirements examine each field.

    ``fields`` holds the sections a dotted path can name, and any top-level ``x-`` key, by
    name; training cohorts and equipment lines are kept by their key until written out."""

    fields: dict[str, Any]
    as_of: dt.date
    cohorts: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    equipment: dict[str, dict[str, Any]] = field(default_factory=dict)
    needs: dict[Path, list[Requirement]] = field(default_factory=dict)
    current: Requirement | None = None  # the requirement being filled
    unmeetable: dict[tuple[str, str], Requirement] = field(default_factory=dict)  # (field, why): asked by

    @property
    def personnel(self) -> dict[str, Any]:
        return self.fields["personnel"]  # type: ignore[no-any-return]

    @property
    def medical(self) -> dict[str, Any]:
        return self.fields["medical"]  # type: ignore[no-any-return]

    def need(self, path: Path, requirement: Requirement) -> None:
        users = self.needs.setdefault(path, [])
        if requirement not in users:
            users.append(requirement)

    def data(self) -> dict[str, Any]:
        sections = {
            **self.fields,
            "pkcheck": FileKind.DECLARATION.value,
            "personnel": _in_order(self.personnel, Personnel),
            "training": list(self.cohorts.values()),
            "equipment": list(self.equipment.values()),
            "medical": _in_order(self.medical, Medical),
        }
        extras = {name: value for name, value in self.fields.items() if name not in SECTION_ORDER}
        return _pruned({name: sections[name] for name in SECTION_ORDER} | extras, set(self.needs))

    def comments(self) -> dict[Path, str]:
        """Field path -> comment; a cohort or equipment line is commented on its first key."""
        positions = {("training", key): i for i, key in enumerate(self.cohorts)}
        positions |= {("equipment", key): i for i, key in enumerate(self.equipment)}
        result = {}
        for path, requirements in self.needs.items():
            where = (path[0], positions[path[:2]], *path[2:]) if path[:2] in positions else path
            result[where] = ", ".join(f"{r.id} ({r.severity})" for r in requirements)
        return result


def build(standard: EffectiveStandard, unit: UnitFields, as_of: dt.date) -> str:
    """The commented YAML text of a declaration template for ``standard``."""
    sections: dict[str, Any] = {name: [] if name == "self_sustainment" else {} for name in _FIELD_SECTIONS}
    draft = _Draft(fields=sections | {"unit": _unit_fields(standard, unit, as_of)}, as_of=as_of)
    previous: dict[str, Any] | None = None
    for _ in range(MAX_ROUNDS):
        context = _context(draft, standard, as_of)
        for item in standard.requirements:
            draft.current = item.requirement
            _FILLERS[item.requirement.check.kind](item.requirement.check.settings, context, draft, item.requirement)
        current = draft.data()
        if current == previous:
            break
        previous = copy.deepcopy(current)
    unmet = _unmet(standard, _context(draft, standard, as_of))
    return inert(dump_commented(draft.data(), draft.comments(), _header(standard, unit, as_of, unmet)))


def _unmet(standard: EffectiveStandard, context: Context) -> list[Requirement]:
    """The requirements the finished template does not meet: those whose field it could not
    fill (a list position), checked as ``pkcheck check`` would."""
    unmet = []
    for item in standard.requirements:
        check = item.requirement.check
        try:
            met = checks.get(check.kind)(check.settings, context).status is Status.MET
        except ExpressionError:
            met = False
        if not met:
            unmet.append(item.requirement)
    return unmet


def _unit_fields(standard: EffectiveStandard, unit: UnitFields, as_of: dt.date) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": unit.unit_id,
        "name": f"Unit name ({standard.title})",
        "country": unit.country,
        "type": unit.unit_type,
    }
    if unit.mission:
        fields["mission"] = unit.mission
    fields["deployment_date"] = as_of
    fields["tour_months"] = int(standard.parameters.get("tour_months", 12))
    return fields


def _header(standard: EffectiveStandard, unit: UnitFields, as_of: dt.date, unmet: list[Requirement]) -> str:
    mission = f", mission {unit.mission}" if unit.mission else ""
    unmet_lines = ["", "As written, the template does not meet these requirements; declare what they examine yourself:"]
    unmet_lines += [f"  {r.id} ({r.severity}): {shown(_examines(r))}" for r in unmet]
    return "\n".join(
        [
            f"Declaration template for unit type `{unit.unit_type}`{mission}, from the standard",
            f"{standard.id} {standard.version} ({shown(standard.title)}),",
            f"generated by `pkcheck init` for {as_of.isoformat()}.",
            "",
            "Every field below is one the standard examines, set to the smallest value that meets it.",
            "Replace each value with what your unit actually has (unit id, country, dates, numbers),",
            "then run `pkcheck check FILE`. The comment above a field names the requirements that",
            "examine it, with their severity; `pkcheck explain ID` explains one.",
            *(unmet_lines if unmet else []),
        ]
    )


def _examines(requirement: Requirement) -> str:
    """What a requirement examines, as the header names it: a value check's path, else its kind."""
    check = requirement.check
    return f"`{check.settings.path}`" if isinstance(check.settings, ValueCheck) else check.kind


def _context(draft: _Draft, standard: EffectiveStandard, as_of: dt.date) -> Context:
    """The draft as the checks see a declaration: parsed with positions and validated."""
    text = dump_commented(draft.data(), {}, "")
    document = Document("<template>", parse("<template>", text))
    problems = [_cannot_be_met(standard, requirement, *why) for why, requirement in draft.unmeetable.items()]
    try:
        declaration = Declaration.model_validate(document.data)
    except ValidationError as exc:
        problems += _unmeetable(exc, draft, standard)
    if problems:
        raise InputError(tuple(sorted(set(problems))))
    tour_months = int(standard.parameters.get("tour_months", 12))
    return Context(declaration, document.data, as_of, standard.parameters, tour_months)


def _unmeetable(exc: ValidationError, draft: _Draft, standard: EffectiveStandard) -> Iterator[Diagnostic]:
    """A value the standard asks for that no declaration can hold (a minimum of 10^20 beds, a
    tour of 100 months): an error at each requirement that asks for it."""
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        field = dotted(loc)
        for requirement in _asking_for(draft, loc):
            yield _cannot_be_met(standard, requirement, field, reason(error))


def _cannot_be_met(standard: EffectiveStandard, requirement: Requirement, field: str, why: str) -> Diagnostic:
    where = standard.get(requirement.id)
    location = where.location if where is not None else Location(standard.path, 1, 1)
    return Diagnostic(location, f"`{requirement.id}` cannot be met by any declaration: `{field}` {why}")


def _asking_for(draft: _Draft, loc: tuple[str | int, ...]) -> list[Requirement]:
    """The requirements that set the template's field at ``loc`` (a path into its data), found
    as the nearest field above it that a requirement examines."""
    lists: dict[str | int, list[Any]] = {"training": list(draft.cohorts), "equipment": list(draft.equipment)}
    key: tuple[Any, ...] = loc
    if len(loc) >= 2 and loc[0] in lists and isinstance(loc[1], int) and loc[1] < len(lists[loc[0]]):
        key = (loc[0], lists[loc[0]][loc[1]], *loc[2:])  # a cohort or line is known by its key
    for end in range(len(key), 0, -1):
        if key[:end] in draft.needs:
            return draft.needs[key[:end]]
    return [draft.current] if draft.current is not None else []


def _fill_training(settings: TrainingCheck, context: Context, draft: _Draft, requirement: Requirement) -> None:
    course = codes(settings.course)[0]
    role = settings.population
    if settings.count is not None:
        required = _count(context, settings.count, draft)
    else:
        population = _population(role, context, draft, requirement)
        required = None if population is None else math.ceil(Fraction(str(settings.coverage)) * population)
    if required is None:
        return
    key = (course, role)
    cohort = draft.cohorts.setdefault(key, {"course": course, "trained": 0, "completed": draft.as_of})
    if role != "all":
        cohort["role"] = role
    cohort["trained"] = max(cohort["trained"], required)
    draft.need(("training", key), requirement)


def _population(role: str, context: Context, draft: _Draft, requirement: Requirement) -> int | None:
    """The size of a training population, adding a placeholder when nothing declares it yet."""
    if role == "all":
        if "total" not in draft.personnel:
            draft.personnel["total"] = PLACEHOLDER_STRENGTH
            return None
        draft.need(("personnel", "total"), requirement)
        return int(draft.personnel["total"])
    roles = draft.personnel.setdefault("roles", {})
    roles.setdefault(role, 1)
    draft.need(("personnel", "roles", role), requirement)
    return int(roles[role])


def _fill_equipment(settings: EquipmentCheck, context: Context, draft: _Draft, requirement: Requirement) -> None:
    quantity = _count(context, settings.quantity, draft)
    if quantity is None:
        return
    item = codes(settings.item)[0]
    line = draft.equipment.setdefault(item, {"item": item, "quantity": 0, "serviceable": 0})
    line["quantity"] = line["serviceable"] = max(line["quantity"], quantity)
    draft.need(("equipment", item), requirement)


def _fill_medical(settings: MedicalCheck, context: Context, draft: _Draft, requirement: Requirement) -> None:
    medical = draft.medical
    if settings.facility is not None:
        current = medical.get("facility", "none")
        medical["facility"] = max(current, settings.facility, key=FACILITY_LEVELS.index)
        draft.need(("medical", "facility"), requirement)
    for role, threshold in (settings.staff or {}).items():
        _raise_to(medical.setdefault("staff", {}), role, _count(context, threshold, draft))
        draft.need(("medical", "staff", role), requirement)
    for name in ("beds", "outpatients_per_day", "surgeries_per_day", "supply_days"):
        threshold = getattr(settings, name)
        if threshold is not None:
            _raise_to(medical, name, _count(context, threshold, draft))
            draft.need(("medical", name), requirement)
    for capability in settings.capabilities or []:
        capabilities = medical.setdefault("capabilities", [])
        if capability not in capabilities:
            capabilities.append(capability)
        draft.need(("medical", "capabilities"), requirement)
    for key, limit in (settings.casevac_minutes or {}).items():
        _lower_to(medical.setdefault("casevac_minutes", {}), key, _floor(context, limit, draft))
        draft.need(("medical", "casevac_minutes", key), requirement)


def _fill_value(settings: ValueCheck, context: Context, draft: _Draft, requirement: Requirement) -> None:
    segments = settings.path.split(".")
    container, key = _slot(draft, segments)
    if container is None:
        return  # a list position names no field a template can hold (see ``_unmet``)
    kind = field_type(settings.path)
    if settings.min is not None:
        _raise_to(container, key, _count(context, settings.min, draft))
    if settings.max is not None:
        _lower_to(container, key, _floor(context, settings.max, draft))
    if settings.equals is not None:
        _set(container, key, settings.equals, kind, settings.path, draft)
    if settings.one_of is not None and container.get(key) not in settings.one_of:
        _set(container, key, settings.one_of[0], kind, settings.path, draft)
    if settings.includes is not None:
        _include(container, key, kind, settings.includes, draft.as_of)
    if settings.exists and key not in container:
        container[key] = _sample(kind, draft.as_of)
    draft.need(tuple(segments), requirement)


def _slot(draft: _Draft, segments: list[str]) -> tuple[dict[str, Any] | None, str]:
    """The mapping that holds the field at ``segments``, created as needed, and its key; None
    for a path through a list (a position, or a cohort's or line's field)."""
    if (segments[0] not in _FIELD_SECTIONS and not segments[0].startswith("x-")) or any(s.isdigit() for s in segments):
        return None, ""
    node: Any = draft.fields
    for end in range(1, len(segments)):
        if not isinstance(node, dict):
            return None, ""
        node = node.setdefault(segments[end - 1], _sample(field_type(".".join(segments[:end])), draft.as_of, {}))
    return (node if isinstance(node, dict) else None), segments[-1]


def _set(container: dict[str, Any], key: str, value: Any, kind: Any, path: str, draft: _Draft) -> None:
    """Set a value an ``equals`` or ``one_of`` asks for; where a declaration holds a mapping or a
    list, no such single value can be declared: the requirement cannot be met."""
    shape = _shape(kind)
    if shape is None:
        container[key] = value
    elif draft.current is not None:
        draft.unmeetable[(path, f"must be {shape}, got {value!r}")] = draft.current


def _shape(kind: Any) -> str | None:
    """``a mapping`` or ``a list`` where a declaration holds one at a field of type ``kind``."""
    if (isinstance(kind, type) and issubclass(kind, BaseModel)) or typing.get_origin(kind) is dict:
        return "a mapping (key: value)"
    return "a list" if typing.get_origin(kind) is list else None


def _include(container: dict[str, Any], key: str, kind: Any, wanted: list[Any], as_of: dt.date) -> None:
    """Entries ``wanted`` in the list, or keys in the mapping (each with a value it may hold)."""
    if typing.get_origin(kind) is dict:
        entries = container.setdefault(key, {})
        for code in wanted:
            entries.setdefault(str(code), _sample(typing.get_args(kind)[1], as_of))
        return
    entries = container.setdefault(key, [])
    if isinstance(entries, list):
        entries.extend(code for code in wanted if code not in entries)


def _certificate(as_of: dt.date) -> dict[str, Any]:
    return {"issued": as_of, "by": "Issuing national authority"}


def _sample(kind: Any, as_of: dt.date, default: Any = 1) -> Any:
    """A value a declaration may hold at a field of type ``kind`` (``pkcheck.load.paths.field_type``),
    for an ``exists`` check and for the sections, mappings and certificates that lead to a
    field; ``default`` where the format leaves the field free (``x-``)."""
    kind = unwrap_annotation(kind)
    if kind is Certification:
        return _certificate(as_of)
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


def _raise_to(container: dict[str, Any], key: str, value: int | None) -> None:
    if value is not None:
        container[key] = max(int(container.get(key) or 0), value)


def _lower_to(container: dict[str, Any], key: str, value: int | None) -> None:
    if value is not None:
        container[key] = min(container[key], value) if isinstance(container.get(key), int) else value


def _count(context: Context, threshold: float | str, draft: _Draft) -> int | None:
    """A minimum as a whole number (rounded up), or None while its inputs are not filled yet."""
    try:
        return max(context.count(threshold), 0)
    except MissingEvidence as missing:
        _placeholder(draft, missing.path)
    except ExpressionError:
        pass
    return None


def _floor(context: Context, threshold: float | str, draft: _Draft) -> int | None:
    """A maximum as a whole number (rounded down)."""
    try:
        return max(math.floor(context.threshold(threshold)), 0)
    except MissingEvidence as missing:
        _placeholder(draft, missing.path)
    except ExpressionError:
        pass
    return None


def _placeholder(draft: _Draft, path: str) -> None:
    """A value for a declaration field that a threshold's expression reads and no requirement
    sets (the unit's strength, a role's headcount), so the next round can evaluate it."""
    segments = path.split(".")
    container, key = _slot(draft, segments)
    if container is not None and key not in container:
        container[key] = PLACEHOLDER_STRENGTH if path == "personnel.total" else 1
    if draft.current is not None:
        draft.need(tuple(segments), draft.current)


def _in_order(fields: Any, model: type[BaseModel]) -> Any:
    """``fields`` in the order the declaration format lists them, ``x-`` keys last."""
    if not isinstance(fields, dict):
        return fields
    return {name: fields[name] for name in model.model_fields if name in fields} | {
        k: v for k, v in fields.items() if k not in model.model_fields
    }


def _pruned(data: Any, needed: set[Path], path: Path = ()) -> Any:
    """``data`` without the empty mappings and lists in it (a section a threshold opened but
    nothing filled), except those at a path a requirement examines (``exists: true``)."""
    if not isinstance(data, dict):
        return data
    kept = {}
    for key, value in data.items():
        value = _pruned(value, needed, (*path, key))
        if value not in ({}, []) or (*path, key) in needed:
            kept[key] = value
    return kept


_FILLERS: dict[str, Callable[[Any, Context, _Draft, Requirement], None]] = {
    "training": _fill_training,
    "equipment": _fill_equipment,
    "medical": _fill_medical,
    "value": _fill_value,
}
