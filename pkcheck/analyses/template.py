"""A declaration template for one standard (``pkcheck init``).

The template holds every field the standard's requirements examine, each set to the smallest
value that meets them, and each commented with the requirements that examine it (id, severity
and title) and what a date or count must reach (a kind's ``Draft.note``): a cohort's expiry, a
line's serviceable count. A medical role gets the same number in ``personnel.roles`` as in
``medical.staff``, as ``check`` expects. Thresholds can
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
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from pkcheck import checks, words
from pkcheck.checks.base import Context
from pkcheck.checks.draft import ENTRY_SECTIONS, FIELD_SECTIONS, Draft, Path, include
from pkcheck.diagnostics import Diagnostic, InputError, Location
from pkcheck.enums import FileKind
from pkcheck.escapes import inert, shown
from pkcheck.expressions import ExpressionError
from pkcheck.i18n import N_, _, day, number
from pkcheck.library import verification
from pkcheck.library.lintdates import parameters_read
from pkcheck.library.mou_ids import ANNEX_B, ANNEX_C
from pkcheck.library.mous import LoadedMou
from pkcheck.library.schedules import applied_text, entry_on, in_window
from pkcheck.library.standards import EffectiveStandard
from pkcheck.load.paths import field_type
from pkcheck.load.validate import dotted, reason
from pkcheck.load.yamlio import Document, dump_commented, parse
from pkcheck.localized import localized
from pkcheck.models.declaration import SECTIONS, Declaration, Unit
from pkcheck.models.standard import Requirement
from pkcheck.report import Status
from pkcheck.titles import codes_used

MAX_ROUNDS = 12


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


def _data(draft: Draft) -> dict[str, Any]:
    """The draft as a declaration: its sections in the format's order, list sections' entries as
    a list; a section a kind fills as a whole has its fields in the format's order (``x-`` keys
    last), the others in the order the requirements set them."""
    sections: dict[str, Any] = {"pkcheck": FileKind.DECLARATION.value}
    for name in SECTIONS:
        if name in ENTRY_SECTIONS:
            sections[name] = list(draft.entries.get(name, {}).values())
        else:
            fields = draft.fields[name]
            sections[name] = _in_order(fields, field_type(name)) if name in draft.in_model_order else fields
    extras = {name: value for name, value in draft.fields.items() if name not in sections}
    pruned: dict[str, Any] = _pruned(sections | extras, set(draft.needs))
    return pruned


def _comments(draft: Draft, day: dt.date) -> dict[Path, str]:
    """Field path -> comment: a line per requirement that examines the field (its id, severity
    and title), then what the field must reach, in words, with the requirements that ask it. An
    entry of a list section is commented on its first key."""
    positions: dict[Path, int] = {
        (section, key): i for section, entries in draft.entries.items() for i, key in enumerate(entries)
    }
    lines: dict[Path, list[str]] = {}
    for path, requirements in draft.needs.items():
        lines.setdefault(path, []).extend(_named(r, day) for r in requirements)
    for path, notes in draft.notes.items():
        lines.setdefault(path, []).extend(
            _("{requirements}: {note}").format(requirements=", ".join(ids), note=text) if ids else text
            for text, ids in notes.items()
        )
    return {
        ((path[0], positions[path[:2]], *path[2:]) if path[:2] in positions else path): "\n".join(found)
        for path, found in lines.items()
    }


def build(standard: EffectiveStandard, unit: UnitFields, as_of: dt.date, mou: LoadedMou | None = None) -> str:
    """The commented YAML text of a declaration template for ``standard``, and for ``mou``, the
    unit's MOU, when given (``_fill_mou``)."""
    sections: dict[str, Any] = {name: _empty(name) for name in FIELD_SECTIONS}
    draft = Draft(fields=sections | {"unit": _unit_fields(standard, unit, as_of)}, as_of=as_of)
    previous: dict[str, Any] | None = None
    for _round in range(MAX_ROUNDS):
        context = _context(draft, standard, as_of)
        for item in standard.requirements:
            if _ended(item.requirement, as_of) or given_to_un(item.requirement, mou):
                continue  # does not apply to the unit: nothing to declare for it
            draft.current = item.requirement
            check = item.requirement.check
            checks.get(check.kind).fill(check.settings, context, draft)
            _note_schedules(draft, standard, as_of)
        draft.current = None
        if mou is not None:
            _fill_mou(draft, mou, standard, context)
        _staff_agree(draft)
        current = _data(draft)
        if current == previous:
            break
        previous = copy.deepcopy(current)
    unmet = _unmet(standard, _context(draft, standard, as_of), mou)
    header = _header(standard, unit, as_of, unmet, mou)
    return inert(dump_commented(_data(draft), _comments(draft, as_of), header))


def given_to_un(requirement: Requirement, mou: LoadedMou | None) -> bool:
    """Whether the MOU makes a requirement not applicable, as checking does: it asks only for
    self-sustainment categories the MOU gives to the UN (``verification.un_provided``)."""
    return mou is not None and bool(verification.un_provided(mou, tuple(codes_used(requirement.check))))


# A line's lease, and who keeps its items serviceable (``verification.MAINTAINER``), in words.
LEASES = {"wet": N_("wet lease"), "dry": N_("dry lease")}
KEEPS = {
    "wet": N_("{line}: the MOU's lease (the contributor keeps them serviceable)"),
    "dry": N_("{line}: the MOU's lease (the UN keeps them serviceable)"),
}


def _fill_mou(draft: Draft, mou: LoadedMou, standard: EffectiveStandard, context: Context) -> None:
    """Every Annex B line as an equipment line of its item, with at least the MOU quantity, the
    serviceable items the verification asks for (``verification.required_serviceable``, with the
    standard's serviceability) and the MOU's lease; every Annex C category the contributor
    provides in ``self_sustainment``. Each is commented with the MOU line that asks for it."""
    model = mou.model
    ratio, _basis = verification.serviceability(standard, context.parameters)
    for line in model.major_equipment:
        entry = draft.entry("equipment", line.item, {"item": line.item, "quantity": 0, "serviceable": 0})
        needed = verification.required_serviceable(ratio, line.quantity)
        entry["quantity"] = max(entry["quantity"], line.quantity)
        entry["serviceable"] = max(entry["serviceable"], needed)
        entry["lease"] = line.lease
        named = f"{ANNEX_B}{line.line}"
        lease = _(LEASES[line.lease]) if line.lease in LEASES else line.lease
        about = _("{line} ({severity}): MOU `{mou}` Annex B line {number}: {quantity} {item}, {lease}").format(
            line=named,
            severity=words.severity(line.severity),
            mou=model.id,
            number=line.line,
            quantity=number(line.quantity),
            item=line.item,
            lease=lease,
        )
        draft.note(("equipment", line.item), about)
        share = _("{line}: at least {needed} serviceable ({percent} of the MOU quantity {quantity}, rounded up)")
        percent = _("{number}%").format(number=number(float(ratio * 100)))
        draft.note(
            ("equipment", line.item, "serviceable"),
            share.format(line=named, needed=number(needed), percent=percent, quantity=number(line.quantity)),
        )
        keeps = _(KEEPS[line.lease]).format(line=named) if line.lease in KEEPS else named
        draft.note(("equipment", line.item, "lease"), keeps)
    contributed = [category for category, provider in model.self_sustainment.items() if provider == "contributor"]
    include(draft.fields, "self_sustainment", field_type("self_sustainment"), contributed, draft.as_of)
    listed = draft.fields["self_sustainment"]
    for category in contributed:
        text = _("{line}: MOU `{mou}` Annex C, provided by the contributor").format(
            line=f"{ANNEX_C}{category}", mou=model.id
        )
        draft.note(("self_sustainment", listed.index(category)), text)


def _note_schedules(draft: Draft, standard: EffectiveStandard, day: dt.date) -> None:
    """Each field the requirement being filled examines says which entry of a scheduled
    parameter its check read: `women_target 0.09 from 2022-01-01`."""
    if draft.current is None or not standard.schedules:
        return
    for name in parameters_read(draft.current, standard.schedules):
        entry = entry_on(standard.schedules[name], day)
        if entry is None:
            continue
        for path, requirements in list(draft.needs.items()):
            if draft.current in requirements:
                draft.note(path, _("with {entry}").format(entry=applied_text(name, entry)))


def _ended(requirement: Requirement, day: dt.date) -> bool:
    return requirement.effective_until is not None and requirement.effective_until < day


def _named(requirement: Requirement, on: dt.date) -> str:
    """A requirement as a comment names it; one not yet in force on ``day`` says from when."""
    named = _("{requirement} ({severity}): {title}").format(
        requirement=requirement.id,
        severity=words.severity(requirement.severity),
        title=shown(localized(requirement.title)),
    )
    start = requirement.effective_from
    if start is None or start <= on:
        return named
    return _("{requirement}; not yet in force on {day}: applies from {start}").format(
        requirement=named, day=day(on), start=day(start)
    )


def _staff_agree(draft: Draft) -> None:
    """Each role of ``medical.staff`` with the same number in ``personnel.roles``, the larger of
    the two, where the template has both: ``check`` warns where they differ
    (``pkcheck.library.lintstaff``), and the template must check clean."""
    staff = draft.fields.get("medical", {}).get("staff")
    roles = draft.fields.get("personnel", {}).get("roles")
    if not isinstance(staff, dict) or not isinstance(roles, dict):
        return
    for role in staff:
        staff[role] = roles[role] = max(int(staff[role]), int(roles.get(role, 0)))
        draft.note(("personnel", "roles", role), _("the same number as `medical.staff.{role}`").format(role=role))


def _empty(section: str) -> Any:
    """A section with nothing in it yet: a list of codes, or a mapping."""
    return [] if typing.get_origin(field_type(section)) is list else {}


def _unmet(standard: EffectiveStandard, context: Context, mou: LoadedMou | None) -> list[Requirement]:
    """The requirements the finished template does not meet: those whose field it could not
    fill (a list position), checked as ``pkcheck check`` would."""
    unmet = []
    for item in standard.requirements:
        check = item.requirement.check
        if not in_window(item.requirement.effective_from, item.requirement.effective_until, context.reference_date):
            continue
        if given_to_un(item.requirement, mou):
            continue
        try:
            met = checks.get(check.kind).check(check.settings, context).status is Status.MET
        except ExpressionError:
            met = False
        if not met:
            unmet.append(item.requirement)
    return unmet


def _unit_fields(standard: EffectiveStandard, unit: UnitFields, as_of: dt.date) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": unit.unit_id,
        "name": _("Unit name ({title})").format(title=localized(standard.title)),
        "country": unit.country,
        "type": unit.unit_type,
    }
    if unit.mission:
        fields["mission"] = unit.mission
    fields["deployment_date"] = as_of
    fields["tour_months"] = int(standard.parameters.get("tour_months", 12))
    return fields


def _header(
    standard: EffectiveStandard, unit: UnitFields, as_of: dt.date, unmet: list[Requirement], mou: LoadedMou | None
) -> str:
    mission = _(", mission {mission}").format(mission=unit.mission) if unit.mission else ""
    unmet_lines = [
        "",
        _("As written, the template does not meet these requirements; declare what they examine yourself:"),
    ]
    unmet_lines += [_requirement_line(r, shown(_examines(r))) for r in unmet]
    head = _(
        "Declaration template for unit type `{unit_type}`{mission}, from the standard\n"
        "{standard} {version} ({title}),\n"
        "generated by `pkcheck init` for {day}."
    ).format(
        unit_type=unit.unit_type,
        mission=mission,
        standard=standard.id,
        version=standard.version,
        title=shown(localized(standard.title)),
        day=day(as_of),
    )
    return "\n".join(
        [
            head,
            "",
            _(
                "Every field below is one the standard examines, set to the smallest value that meets it.\n"
                "Replace each value with what your unit actually has (unit id, country, dates, numbers),\n"
                "then run `pkcheck check FILE`. The comment above a field names the requirements that\n"
                "examine it, with their severity and title, and what a date or count must reach;\n"
                "`pkcheck explain ID --for FILE` explains one for your unit. Declare the real dates\n"
                "and counts: a cohort without `expires` counts as never expiring, and an equipment\n"
                "line without `serviceable` as all serviceable."
            ),
            *(unmet_lines if unmet else []),
            *(_mou_lines(standard, mou) if mou is not None else []),
        ]
    )


def _mou_lines(standard: EffectiveStandard, mou: LoadedMou) -> list[str]:
    """What the header says of the MOU: which one, what it adds, how to check against it, and
    the requirements it makes not applicable."""
    model = mou.model
    lines = [
        "",
        _("With MOU `{mou}`, effective {day}:").format(mou=model.id, day=day(model.effective)),
        shown(model.reference),
        _(
            "Every Annex B line is an equipment line of its item, with the MOU quantity, the serviceable\n"
            "count the verification asks for and the MOU's lease, and every Annex C category the\n"
            "contributor provides is in `self_sustainment`; the comments name the MOU line (MOU:B-001)."
        ),
        _("Check it with the MOU: `pkcheck check FILE --mou {path}`.").format(path=shown(mou.path)),
    ]
    given = [item.requirement for item in standard.requirements if given_to_un(item.requirement, mou)]
    if given:
        lines.append(_("Not applicable with this MOU, whose Annex C has the UN provide what they ask for:"))
        lines += [_requirement_line(r, shown(localized(r.title))) for r in given]
    return lines


def _requirement_line(requirement: Requirement, text: str) -> str:
    """A requirement as the header lists it: ``  ID (severity): text``."""
    return "  " + _("{requirement} ({severity}): {title}").format(
        requirement=requirement.id, severity=words.severity(requirement.severity), title=text
    )


def _examines(requirement: Requirement) -> str:
    """What a requirement examines, as the header names it: the section named like its kind, or
    the declaration path it reads."""
    check = requirement.check
    section = checks.get(check.kind).section(check.settings)
    return check.kind if section == (check.kind,) else f"`{'.'.join(str(s) for s in section)}`"


def _context(draft: Draft, standard: EffectiveStandard, as_of: dt.date) -> Context:
    """The draft as the checks see a declaration: parsed with positions and validated."""
    text = dump_commented(_data(draft), {}, "")
    document = Document("<template>", parse("<template>", text))
    problems = [_cannot_be_met(standard, requirement, *why) for why, requirement in draft.unmeetable.items()]
    try:
        declaration = Declaration.model_validate(document.data)
    except ValidationError as exc:
        problems += _unmeetable(exc, draft, standard)
    if problems:
        raise InputError(tuple(sorted(set(problems))))
    tour_months = int(standard.parameters.get("tour_months", 12))
    parameters, unset = standard.parameters_on(declaration.unit.deployment_date or as_of)
    return Context(declaration, document.data, as_of, parameters, tour_months, unset)


def _unmeetable(exc: ValidationError, draft: Draft, standard: EffectiveStandard) -> Iterator[Diagnostic]:
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
    message = _("`{requirement}` cannot be met by any declaration: `{field}` {why}")
    return Diagnostic(location, message.format(requirement=requirement.id, field=field, why=why))


def _asking_for(draft: Draft, loc: tuple[str | int, ...]) -> list[Requirement]:
    """The requirements that set the template's field at ``loc`` (a path into its data), found
    as the nearest field above it that a requirement examines."""
    lists: dict[str | int, list[Any]] = {section: list(entries) for section, entries in draft.entries.items()}
    key: tuple[Any, ...] = loc
    if len(loc) >= 2 and loc[0] in lists and isinstance(loc[1], int) and loc[1] < len(lists[loc[0]]):
        key = (loc[0], lists[loc[0]][loc[1]], *loc[2:])  # a cohort or line is known by its key
    for end in range(len(key), 0, -1):
        if key[:end] in draft.needs:
            return draft.needs[key[:end]]
    return [draft.current] if draft.current is not None else []


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
        inner = _pruned(value, needed, (*path, key))
        if inner not in ({}, []) or (*path, key) in needed:
            kept[key] = inner
    return kept
