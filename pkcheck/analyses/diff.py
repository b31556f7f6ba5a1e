"""What changed between two versions of a standard, computed on the effective standards.

``compare(old, new)`` takes two composed standards (each with the files it was composed from)
and returns a ``StandardDiff``: the requirements added and removed, and for every requirement in
both, each field that changed with its direction:

- ``tightened``: a unit may need more to meet it (a higher minimum, a lower maximum, a higher
  severity, a course or item alternative dropped, a capability added, ``waivable`` turned off);
- ``relaxed``: a unit may need less (the opposite);
- ``changed``: the direction cannot be told (a different declaration path, population, schema
  or check kind; a threshold over declaration values that is higher for some and lower for
  others). A check changed so is a *possible relaxation* (below): some unit may need less;
- ``text``: a change that cannot change any verdict (title, description, rationale,
  remediation, references, a basis, or a threshold rewritten to the same value).

A severity raised is reported as ``tightened``, lowered as ``relaxed``, so that one rule
(``relaxed`` or removed) tells whether a change needs review. Parameters that changed are listed
with the requirements whose thresholds use them; a threshold whose value changes only because a
parameter changed is reported as tightened or relaxed too, located at the parameter.

A threshold that reads the declaration has no one value to compare. When only parameters move
it, the operators may tell its direction for every declaration (``pkcheck.analyses.drift``);
otherwise (its text rewritten, or parameters pulling different ways) both versions are tried over
the ``--against`` declarations and a grid of values for the paths it reads
(``pkcheck.analyses.samples``). Higher at some point and lower at none is a higher threshold
(tightened for a minimum, relaxed for a maximum), and the reverse; higher at some points and
lower at others, or computable at none, is ``changed`` and a *possible relaxation*, which
``--fail-on-relaxation`` fails on, noted with a point where it is looser ("may relax: lower for
personnel.total = 250 (5 -> 4)"); the same at every point is ``changed`` and not counted, since
the same on the points tried is not proof. Trying is not proof either way: the note names the
point that decided and how many were tried.

``compare_results`` compares the results of checking the same declarations under both versions;
one it cannot compare (an internal error, a bug in pkcheck) is listed as invalid, and the others
are still compared.
Pure: no file is read here (the documents were loaded with the standards).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction
from typing import Any

from pkcheck import checks
from pkcheck.analyses import samples
from pkcheck.analyses.drift import drift
from pkcheck.analyses.samples import Declared
from pkcheck.analyses.upcoming import UpcomingChanges
from pkcheck.checks.kind import Bound, Kind, Threshold
from pkcheck.diagnostics import Diagnostic, Location, internal_error
from pkcheck.enums import Severity
from pkcheck.expressions import ExpressionError, evaluate, parse, to_fraction
from pkcheck.library.schedules import entry_on
from pkcheck.library.standards import EffectiveRequirement, EffectiveStandard, LoadedStandard
from pkcheck.load.locate import PathSegment, existing_prefix, locate
from pkcheck.localized import localized
from pkcheck.models.standard import Requirement
from pkcheck.report import Result, StandardInfo, Verdict

Value = Any  # a plain JSON value: None, bool, int, float, str or a tuple of them


class Direction(StrEnum):
    TIGHTENED = "tightened"
    RELAXED = "relaxed"
    CHANGED = "changed"
    TEXT = "text"


@dataclass(frozen=True)
class Change:
    """One field of a requirement that differs; ``old``/``new`` are as written (None: absent)."""

    field: str  # dotted, e.g. ``check.equipment.quantity``
    old: Value
    new: Value
    direction: Direction
    location: Location  # in NEW: the field, the parameter that moved it, or the requirement
    note: str = ""  # e.g. the values of expressions, or the parameter that changed
    may_relax: bool = False  # a check changed so that some unit may need less, though no rule says which way


@dataclass(frozen=True)
class ChangedRequirement:
    requirement: str
    title: str
    severity: Severity
    location: Location
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class AddedRequirement:
    requirement: str
    title: str
    category: str
    severity: Severity
    location: Location


@dataclass(frozen=True)
class RemovedRequirement:
    requirement: str
    title: str
    severity: Severity
    old_location: Location
    reason: str | None = None  # from NEW's ``removes``, when it gives one
    location: Location | None = None  # that ``removes`` entry


@dataclass(frozen=True)
class ParameterChange:
    name: str
    old: Value
    new: Value
    location: Location | None  # where NEW sets it (None: NEW no longer has it)
    used_by: tuple[str, ...]  # requirement ids whose thresholds name it, in NEW (else OLD)


@dataclass(frozen=True)
class StatusChange:
    requirement: str
    old: str | None  # None: the requirement is not in that version
    new: str | None


@dataclass(frozen=True)
class UnitChange:
    """A declaration whose verdict or some requirement's status differs between the versions."""

    path: str
    unit: str | None
    old_verdict: Verdict
    new_verdict: Verdict
    statuses: tuple[StatusChange, ...]
    errors: tuple[Diagnostic, ...] = ()  # when invalid under either version


@dataclass(frozen=True)
class NotApplicable:
    """A declaration of a unit type neither version is a standard for: not judged by them."""

    path: str
    unit: str | None
    unit_type: str


@dataclass(frozen=True)
class AgainstResult:
    as_of: str
    checked: int  # the declarations judged: those the standard applies to
    units: tuple[UnitChange, ...]
    invalid: tuple[UnitChange, ...]  # invalid under both versions: nothing to compare
    not_applicable: tuple[NotApplicable, ...] = ()

    def not_applicable_types(self) -> list[str]:
        """The unit types of the declarations not judged, in order."""
        return sorted({item.unit_type for item in self.not_applicable})

    @property
    def any_invalid(self) -> bool:
        """Whether a declaration could not be checked under either version (exit code 2)."""
        return bool(self.invalid) or any(Verdict.INVALID in (u.old_verdict, u.new_verdict) for u in self.units)


@dataclass(frozen=True)
class StandardDiff:
    old: StandardInfo
    new: StandardInfo
    added: tuple[AddedRequirement, ...]
    removed: tuple[RemovedRequirement, ...]
    changed: tuple[ChangedRequirement, ...]
    parameters: tuple[ParameterChange, ...]
    against: AgainstResult | None = None
    tool_version: str = ""
    upcoming: UpcomingChanges | None = None  # with --upcoming: what comes into force or lapses soon

    def count(self, direction: Direction) -> int:
        return sum(1 for item in self.changed for c in item.changes if c.direction is direction)

    @property
    def relaxed(self) -> bool:
        """Whether any requirement is removed or has a field relaxed, or may have
        (``--fail-on-relaxation``)."""
        return bool(self.removed) or self.count(Direction.RELAXED) > 0 or self.may_relax

    @property
    def may_relax(self) -> bool:
        """Whether a threshold whose direction cannot be told may relax a requirement."""
        return any(c.may_relax for item in self.changed for c in item.changes)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.parameters)


def _no_declarations() -> tuple[Declared, ...]:
    return ()


@dataclass(frozen=True)
class Side:
    """One version: the composed standard and the loaded files of its chain, by id; for NEW,
    also the ``--against`` declarations its thresholds are tried on (``pkcheck.analyses.samples``),
    read when first needed."""

    standard: EffectiveStandard
    files: Mapping[str, LoadedStandard]
    declarations: Callable[[], Sequence[Declared]] = _no_declarations


# --- comparing standards ---------------------------------------------------------------------------

TEXT_FIELDS = frozenset({"title", "description", "rationale", "remediation", "references", "basis"})


def _rules(segments: tuple[str, ...]) -> tuple[Kind | None, str]:
    """The kind whose rules decide a field, and the field name they know it by: for
    ``check.medical.staff.nurse``, the medical kind and ``staff``; for others, no kind."""
    if segments[0] != "check" or len(segments) < 3:
        return None, segments[0]
    return checks.KINDS.get(segments[1]), segments[2]


def _threshold(segments: tuple[str, ...]) -> Threshold | None:
    kind, name = _rules(segments)
    return kind.thresholds.get(name) if kind is not None else None


def compare(old: Side, new: Side, tool_version: str = "") -> StandardDiff:
    """The differences between two composed standards."""
    olds = {r.requirement.id: r for r in old.standard.requirements}
    news = {r.requirement.id: r for r in new.standard.requirements}
    added = tuple(
        AddedRequirement(
            i, localized(r.requirement.title), r.requirement.category.value, r.requirement.severity, r.location
        )
        for i, r in news.items()
        if i not in olds
    )
    removed = tuple(_removed(new, r) for i, r in olds.items() if i not in news)
    changed = []
    for requirement_id, item in news.items():
        if requirement_id in olds:
            changes = tuple(_requirement_changes(olds[requirement_id], item, old, new))
            if changes:
                requirement = item.requirement
                changed.append(
                    ChangedRequirement(
                        requirement_id, localized(requirement.title), requirement.severity, item.location, changes
                    )
                )
    return StandardDiff(
        old.standard.info(),
        new.standard.info(),
        tuple(sorted(added, key=lambda a: a.requirement)),
        tuple(sorted(removed, key=lambda r: r.requirement)),
        tuple(sorted(changed, key=lambda c: c.requirement)),
        tuple(_parameter_changes(old, new)),
        None,
        tool_version,
    )


def _removed(new: Side, item: EffectiveRequirement) -> RemovedRequirement:
    requirement = item.requirement
    reason, location = None, None
    if requirement.id in new.standard.removed:
        reason, remover = new.standard.removed[requirement.id]
        if remover in new.files:
            location = new.files[remover].location("removes", requirement.id)
    return RemovedRequirement(
        requirement.id, localized(requirement.title), requirement.severity, item.location, reason, location
    )


def _requirement_changes(
    old_item: EffectiveRequirement, new_item: EffectiveRequirement, old: Side, new: Side
) -> Iterator[Change]:
    old_data, new_data = _fields(old_item.requirement), _fields(new_item.requirement)
    old_kind, new_kind = old_item.requirement.check.kind, new_item.requirement.check.kind
    if old_kind != new_kind:
        where = _where(new, new_item, ("check",))
        yield Change("check", old_kind, new_kind, Direction.CHANGED, where, f"{UNTOLD}: the check kind changed", True)
        old_data = {k: v for k, v in old_data.items() if k[0] != "check"}
        new_data = {k: v for k, v in new_data.items() if k[0] != "check"}
    for segments in sorted(set(old_data) | set(new_data), key=_order):
        before, after = old_data.get(segments), new_data.get(segments)
        if before == after and not _is_threshold_path(segments):
            continue
        yield from _field_change(segments, before, after, new_item, old, new)


def _fields(requirement: Requirement) -> dict[tuple[str, ...], Value]:
    """The requirement flattened to leaf fields; defaults included, absent optional fields left out."""
    data = requirement.model_dump(mode="json", exclude_none=True)
    flat: dict[tuple[str, ...], Value] = {}

    def walk(prefix: tuple[str, ...], value: Any) -> None:
        # A map of thresholds (medical `staff`: role -> minimum) has each key as a field of its own.
        keyed = len(prefix) == 3 and (threshold := _threshold(prefix)) is not None and threshold.keyed
        if isinstance(value, dict) and (len(prefix) < 3 or keyed):
            for key, inner in value.items():
                walk((*prefix, key), inner)
        else:
            flat[prefix] = tuple(value) if isinstance(value, list) else value

    walk((), data)
    flat.pop(("id",), None)
    return flat


def _order(segments: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    # The check first (what a unit must do), then severity and the rest, in a fixed order.
    return (0 if segments[0] == "check" else 1 if segments[0] in ("severity", "waivable", "category") else 2, segments)


def _is_threshold_path(segments: tuple[str, ...]) -> bool:
    return _threshold(segments) is not None


def _field_change(
    segments: tuple[str, ...], before: Value, after: Value, item: EffectiveRequirement, old: Side, new: Side
) -> Iterator[Change]:
    field = ".".join(segments)
    where = _where(new, item, segments)
    kind, name = _rules(segments)
    threshold = _threshold(segments)
    if segments[0] in TEXT_FIELDS:
        yield Change(field, before, after, Direction.TEXT, where)
    elif segments == ("severity",):
        raised = Severity(after).rank > Severity(before).rank
        yield Change(field, before, after, Direction.TIGHTENED if raised else Direction.RELAXED, where)
    elif segments == ("waivable",):
        yield Change(field, before, after, Direction.RELAXED if after else Direction.TIGHTENED, where)
    elif segments in WINDOW_FIELDS:
        yield Change(field, before, after, _window_direction(segments, before, after), where)
    elif threshold is not None:
        yield from _threshold_change(field, threshold.bound is Bound.MINIMUM, before, after, where, old, new)
    elif kind is not None and name in kind.all_of | kind.any_of:
        yield from _list_change(field, name in kind.all_of, before, after, where)
    elif before is None or after is None:
        if kind is not None and name in kind.added_tightens:
            yield Change(field, before, after, Direction.TIGHTENED if before is None else Direction.RELAXED, where)
        else:
            yield _untold(field, before, after, where)
    elif kind is not None and name in kind.ordered and {before, after} <= set(kind.ordered[name]):
        # An ordered value (a facility level): one further along the order asks more.
        higher = kind.ordered[name].index(after) > kind.ordered[name].index(before)
        yield Change(field, before, after, Direction.TIGHTENED if higher else Direction.RELAXED, where)
    else:
        yield _untold(field, before, after, where)


UNTOLD = "may relax"
WINDOW_FIELDS = (("effective_from",), ("effective_until",))


def _window_direction(segments: tuple[str, ...], before: Value, after: Value) -> Direction:
    """A window that covers more days asks more: an earlier ``effective_from`` or a later
    ``effective_until`` is tightened, and so is one dropped (no limit on that side); one added,
    or moved the other way, is relaxed. Dates compare as ISO text."""
    if before is None or after is None:
        return Direction.TIGHTENED if after is None else Direction.RELAXED
    earlier = str(after) < str(before)
    return Direction.TIGHTENED if earlier == (segments == ("effective_from",)) else Direction.RELAXED


def _untold(field: str, before: Value, after: Value, where: Location) -> Change:
    """A change whose direction no rule tells. In a check (another path, population or schema)
    a unit may need less afterwards, so it counts as a possible relaxation; elsewhere (the
    category) it changes no verdict."""
    if field.startswith("check."):
        return Change(
            field, before, after, Direction.CHANGED, where, f"{UNTOLD}: which way it moves cannot be told", True
        )
    return Change(field, before, after, Direction.CHANGED, where)


def _threshold_change(
    field: str, minimum: bool, before: Value, after: Value, where: Location, old: Side, new: Side
) -> Iterator[Change]:
    if before == after and _rescheduled(before, old, new):
        yield from _scheduled_change(field, minimum, before, where, old, new)
        return
    if before is None or after is None:
        if before != after:
            yield Change(field, before, after, Direction.TIGHTENED if before is None else Direction.RELAXED, where)
        return
    old_value = _threshold_value(before, old.standard.parameters)
    new_value = _threshold_value(after, new.standard.parameters)
    moved = _moved_parameters(before, after, old, new)
    note = "; ".join(f"parameter {name} {_show(o)} -> {_show(n)}" for name, o, n in moved)
    if before == after and moved:
        # Same text, other parameters: point at the parameter that moved the threshold.
        where = parameter_location(new, moved[0][0]) or where
    if old_value is None or new_value is None:
        # It reads the declaration: the parameters may move it one way for all declarations
        # (read from the operators), else both versions are tried over values.
        drifted = _drifted(str(after), minimum, old, new) if before == after and moved else None
        if drifted is not None and drifted is not Direction.CHANGED:
            yield Change(field, before, after, drifted, where, note)
        elif before != after or moved:
            yield _tried(Change(field, before, after, Direction.CHANGED, where, note), minimum, old, new)
        return
    if isinstance(before, str) or isinstance(after, str):
        values = f"{_show(old_value)} -> {_show(new_value)}"
        note = f"{values}; {note}" if note else values
    if old_value == new_value:
        if before != after:
            yield Change(field, before, after, Direction.TEXT, where, note)
        return
    higher = new_value > old_value
    yield Change(field, before, after, Direction.TIGHTENED if higher == minimum else Direction.RELAXED, where, note)


def _rescheduled(threshold: Value, old: Side, new: Side) -> list[str]:
    """The scheduled parameters (in either version) a threshold names whose values changed."""
    names = dict.fromkeys(
        _references(threshold, old.standard.parameters) + _references(threshold, new.standard.parameters)
    )
    scheduled = set(old.standard.schedules) | set(new.standard.schedules)
    return [n for n in names if n in scheduled and parameter_value(old, n) != parameter_value(new, n)]


def _scheduled_change(
    field: str, minimum: bool, threshold: Value, where: Location, old: Side, new: Side
) -> Iterator[Change]:
    """A threshold whose scheduled parameters changed, compared on each day either schedule
    changes value (a parameter before its schedule starts taken at its first entry): one
    direction on every day that differs is that direction; both ways, or one untold, is
    ``changed`` and may relax. The note says from which day what moved."""
    names = _rescheduled(threshold, old, new)
    days: Sequence[dt.date | None] = sorted(
        {e.start for side in (old, new) for n in names for e in side.standard.schedules.get(n, ())}
    )
    found = []
    for day in days or [None]:
        for change in _threshold_change(field, minimum, threshold, threshold, where, _on(old, day), _on(new, day)):
            if change.direction is not Direction.TEXT:
                found.append(replace(change, note=f"from {day}: {change.note}" if day else change.note))
    if not found:
        return
    directions = {c.direction for c in found}
    direction = directions.pop() if len(directions) == 1 else Direction.CHANGED
    may_relax = direction is Direction.CHANGED
    note = "; ".join(c.note for c in found)
    at = parameter_location(new, names[0]) or where
    yield Change(field, threshold, threshold, direction, at, f"{UNTOLD}: {note}" if may_relax else note, may_relax)


def _on(side: Side, day: dt.date | None) -> Side:
    """The side with each scheduled parameter at its value on ``day`` (its first entry before
    it starts), and no schedules."""
    standard = side.standard
    values = dict(standard.parameters)
    for name, schedule in standard.schedules.items():
        values[name] = (entry_on(schedule, day) or schedule[0]).value if day else schedule[-1].value
    return replace(side, standard=replace(standard, parameters=values, schedules={}))


def parameter_value(side: Side, name: str) -> Value:
    """A parameter as a diff shows it: a number, or a scheduled one's entries
    (``{from: 2021-01-01, value: 0.08}``); None when the side has no such parameter."""
    schedule = side.standard.schedules.get(name)
    if schedule is not None:
        return tuple({"from": e.start.isoformat(), "value": _number(e.value)} for e in schedule)
    return _number(side.standard.parameters.get(name))


def _drifted(threshold: str, minimum: bool, old: Side, new: Side) -> Direction:
    moved = drift(threshold, old.standard.parameters, new.standard.parameters)
    if moved is None:
        return Direction.CHANGED
    if moved == 0:
        return Direction.TEXT
    return Direction.TIGHTENED if (moved > 0) == minimum else Direction.RELAXED


def _tried(change: Change, minimum: bool, old: Side, new: Side) -> Change:
    """The direction of a threshold that reads the declaration, from both versions tried over
    the ``--against`` declarations and a grid of values (``pkcheck.analyses.samples``):

    - higher somewhere and lower nowhere: tightened for a minimum, relaxed for a maximum (and
      the reverse when lower somewhere and higher nowhere), with the first point it moves at;
    - lower at some points and higher at others, or not computable at any point: ``changed``,
      and a possible relaxation (``--fail-on-relaxation`` fails), noted with a point where it
      is looser;
    - the same at every point: ``changed`` and not counted as a relaxation, noted as such
      (the same on the points tried is not proof that it is the same for every unit).
    """
    tried = samples.compare(
        change.old, old.standard.parameters, change.new, new.standard.parameters, new.declarations()
    )
    direction, note, may_relax = _tried_direction(tried, minimum)
    return replace(
        change, direction=direction, note=f"{change.note}; {note}" if change.note else note, may_relax=may_relax
    )


def _tried_direction(tried: samples.Comparison, minimum: bool) -> tuple[Direction, str, bool]:
    """The direction, the note and whether it may relax (see ``_tried``)."""
    higher = f"higher for {tried.higher.describe()}" if tried.higher else ""
    lower = f"lower for {tried.lower.describe()}" if tried.lower else ""
    looser, stricter = (lower, higher) if minimum else (higher, lower)
    if not tried.tried:
        return Direction.CHANGED, "may relax: it cannot be computed at any value tried", True
    if looser and stricter:
        return Direction.CHANGED, f"may relax: {looser}; {stricter}", True
    never = f"at {tried.tried} values tried"
    if looser:
        return Direction.RELAXED, f"{looser}, never {'higher' if minimum else 'lower'} {never}", False
    if stricter:
        return Direction.TIGHTENED, f"{stricter}, never {'lower' if minimum else 'higher'} {never}", False
    return Direction.CHANGED, f"the same at all {tried.tried} values tried", False


def _threshold_value(threshold: Value, parameters: Mapping[str, Fraction]) -> Fraction | None:
    """A threshold's value when it needs only parameters; None when it reads the declaration."""
    if not isinstance(threshold, str):
        return to_fraction(threshold)
    try:
        return evaluate(parse(threshold), parameters.get)
    except ExpressionError:
        return None


def _references(threshold: Value, parameters: Mapping[str, Fraction]) -> list[str]:
    if not isinstance(threshold, str):
        return []
    try:
        return [name for name in parse(threshold).references if name in parameters]
    except ExpressionError:
        return []


def _moved_parameters(
    before: Value, after: Value, old: Side, new: Side
) -> list[tuple[str, Fraction | None, Fraction | None]]:
    """Parameters both versions of a threshold name whose values differ."""
    names = dict.fromkeys([*_references(before, old.standard.parameters), *_references(after, new.standard.parameters)])
    moved = []
    for name in names:
        o, n = old.standard.parameters.get(name), new.standard.parameters.get(name)
        if o != n:
            moved.append((name, o, n))
    return moved


def _list_change(field: str, all_of: bool, before: Value, after: Value, where: Location) -> Iterator[Change]:
    """An entry added to an all-of list tightens; to an any-of list (alternatives) relaxes."""
    old_set, new_set = set(_as_tuple(before)), set(_as_tuple(after))
    gained, lost = sorted(new_set - old_set, key=str), sorted(old_set - new_set, key=str)
    if before is None or after is None:
        # A whole list added is a new condition, dropped is one fewer (a required list is never
        # absent, so only optional lists get here).
        yield Change(field, before, after, Direction.TIGHTENED if before is None else Direction.RELAXED, where)
        return
    if gained:
        note = "adds " + ", ".join(str(v) for v in gained)
        yield Change(field, before, after, Direction.TIGHTENED if all_of else Direction.RELAXED, where, note)
    if lost:
        note = "drops " + ", ".join(str(v) for v in lost)
        yield Change(field, before, after, Direction.RELAXED if all_of else Direction.TIGHTENED, where, note)


def _as_tuple(value: Value) -> tuple[Value, ...]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def _where(side: Side, item: EffectiveRequirement, segments: Sequence[PathSegment]) -> Location:
    """The field in the most derived file of NEW's chain that writes it, else the requirement.
    Only the standards that define or override the requirement write it: those are searched,
    not the whole chain, which may be long."""
    for standard_id in reversed((item.defined_in, *item.changed_by)):
        loaded = side.files.get(standard_id)
        if loaded is None:
            continue
        base = _requirement_segments(loaded, item.requirement.id)
        if base is None:
            continue
        full = (*base, *segments)
        if existing_prefix(loaded.document.data, full) == full:
            return locate(loaded.document.path, loaded.document.data, full)
    return item.location


def _requirement_segments(loaded: LoadedStandard, requirement_id: str) -> tuple[PathSegment, ...] | None:
    if requirement_id in loaded.model.overrides:
        return ("overrides", requirement_id)
    for index, requirement in enumerate(loaded.model.requirements):
        if requirement.id == requirement_id:
            return ("requirements", index)
    return None


def parameter_location(side: Side, name: str) -> Location | None:
    """Where the nearest standard down the side's chain sets the parameter."""
    for standard_id in reversed(side.standard.chain):
        loaded = side.files.get(standard_id)
        if loaded is not None and name in loaded.model.parameters:
            return loaded.location("parameters", name)
    return None


def _parameter_changes(old: Side, new: Side) -> Iterator[ParameterChange]:
    for name in sorted(set(old.standard.parameters) | set(new.standard.parameters)):
        before, after = parameter_value(old, name), parameter_value(new, name)
        if before == after:
            continue
        users = _users(new.standard, name) or _users(old.standard, name)
        yield ParameterChange(name, before, after, parameter_location(new, name), users)


def _users(standard: EffectiveStandard, name: str) -> tuple[str, ...]:
    found = []
    for item in standard.requirements:
        check = item.requirement.check
        if name in checks.get(check.kind).parameters(check.settings):
            found.append(item.requirement.id)  # read outside its thresholds
            continue
        thresholds = [v for k, v in _fields(item.requirement).items() if k[0] == "check" and _is_threshold_path(k)]
        if any(name in _references(t, standard.parameters) for t in thresholds):
            found.append(item.requirement.id)
    return tuple(sorted(found))


def _number(value: Fraction | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value.denominator == 1 else float(value)


def _show(value: Fraction | None) -> str:
    return "none" if value is None else str(_number(value))


# --- comparing check results -----------------------------------------------------------------------


def unit_types(old: Side, new: Side) -> frozenset[str] | None:
    """The unit types either version is a standard for, or None when one of them lists none
    (it applies to every unit)."""
    listed = [side.files[side.standard.id].model.unit_types for side in (old, new) if side.standard.id in side.files]
    if not listed or not all(listed):
        return None
    return frozenset(t for types in listed for t in types)


def compare_results(
    old: Sequence[Result], new: Sequence[Result], as_of: str, types: frozenset[str] | None = None
) -> AgainstResult:
    """The declarations (checked in the same order under OLD and NEW) whose outcome changed.
    Only the units of ``types`` (None: every unit) are judged; the others are not applicable,
    as is a unit the standard would not be chosen for. A declaration whose unit type cannot be
    read is judged (it is invalid, and listed so)."""
    units: list[UnitChange] = []
    invalid: list[UnitChange] = []
    skipped: list[NotApplicable] = []
    for before, after in zip(old, new, strict=True):
        unit = after.unit or before.unit or {}
        if types is not None and "type" in unit and unit["type"] not in types:
            skipped.append(NotApplicable(after.path, unit.get("id"), str(unit["type"])))
            continue
        try:
            change = _unit_change(before, after)
        except Exception as exc:  # noqa: BLE001 - a bug with one declaration must not cost the others
            errors = (internal_error(exc, Location(after.path)),)
            change = UnitChange(after.path, None, Verdict.INVALID, Verdict.INVALID, (), errors)
        if change is None:
            continue
        both_invalid = change.old_verdict is Verdict.INVALID and change.new_verdict is Verdict.INVALID
        (invalid if both_invalid else units).append(change)
    return AgainstResult(as_of, len(new) - len(skipped), tuple(units), tuple(invalid), tuple(skipped))


def _unit_change(before: Result, after: Result) -> UnitChange | None:
    """How one declaration's outcome changed, or None if it did not."""
    unit = (after.unit or before.unit or {}).get("id")
    errors = after.errors or before.errors
    if before.verdict is Verdict.INVALID and after.verdict is Verdict.INVALID:
        return UnitChange(after.path, unit, before.verdict, after.verdict, (), errors)
    statuses = _status_changes(before, after)
    if statuses or before.verdict is not after.verdict:
        return UnitChange(after.path, unit, before.verdict, after.verdict, statuses, errors)
    return None


def _status_changes(before: Result, after: Result) -> tuple[StatusChange, ...]:
    old_status = {f.requirement: f.status.value for f in before.findings}
    new_status = {f.requirement: f.status.value for f in after.findings}
    changes = []
    for requirement in sorted(set(old_status) | set(new_status)):
        if old_status.get(requirement) != new_status.get(requirement):
            changes.append(StatusChange(requirement, old_status.get(requirement), new_status.get(requirement)))
    return tuple(changes)


def display(value: Value) -> str:
    """A field value as a reader would write it in YAML's flow style: ``[a, b]`` for a list,
    ``{type: object, required: [a]}`` for a mapping (a schema), ``-`` when absent."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join("null" if v is None else display(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {'null' if v is None else display(v)}" for k, v in value.items()) + "}"
    return str(value)
