"""``pkcheck explain``: one requirement of an effective standard, in plain words, and its history;
with ``--for``, the requirement checked for one unit: its thresholds computed with the unit's
values (by ``pkcheck.expressions``, never run as code), the evidence the declaration gives, and
the finding the engine makes of it, as ``check`` reports it.

Titles, rationale, remediation, references and file names come from standards: they are shown
escaped (``pkcheck.escapes``), each line of the explanation a line of visible text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pkcheck import checks
from pkcheck.checks.base import Context, compiled
from pkcheck.diagnostics import Diagnostic, Location, seen_from
from pkcheck.engine import Settings, choose_standard, context_for, evaluate_requirement, outcome_of
from pkcheck.enums import FileKind
from pkcheck.escapes import inert, shown
from pkcheck.expressions import ExpressionError, evaluate, shown_number, substituted, to_fraction
from pkcheck.library.basis import described
from pkcheck.library.lintstaff import staff_warnings
from pkcheck.library.schedules import number, schedule_text, window_text
from pkcheck.library.standards import EffectiveStandard
from pkcheck.load.locate import existing_prefix, locate
from pkcheck.load.validate import validate
from pkcheck.load.yamlio import Document, load
from pkcheck.localized import localized
from pkcheck.models.declaration import Declaration
from pkcheck.models.standard import Check
from pkcheck.report import Finding


def explain(
    standard: EffectiveStandard,
    requirement_id: str,
    also_in: list[str],
    titles: Mapping[str, str] | None = None,
    root: str | None = None,
) -> str:
    """The requirement in words; ``titles`` (code -> title) names the codes its check uses. Where
    it is written is shown relative to ``root`` (the working directory) when it lies under it."""
    item = standard.get(requirement_id)
    if item is None:
        raise KeyError(requirement_id)
    requirement = item.requirement
    lines = [
        f"{requirement.id}  {localized(requirement.title)}",
        f"  Standard     {standard.id} {standard.version} ({' > '.join(standard.chain)})",
        f"  Category     {requirement.category.value}",
        f"  Severity     {requirement.severity.value}" + ("" if requirement.waivable else " (cannot be waived)"),
        f"  Check        {_with_values(describe_check(requirement.check), standard)}",
    ]
    window = window_text(requirement.effective_from, requirement.effective_until)
    if window:
        lines.append(f"  In force     {window} (judged at the unit's deployment date, else the as-of date)")
    if titles:
        lines.append(f"  Codes        {'; '.join(f'{code}: {title}' for code, title in titles.items())}")
    lines += [f"  Basis        {text}" for text in described(requirement, standard.parameters, standard.basis)]
    lines.append(f"  Defined in   {item.defined_in}")
    if item.changed_by:
        lines.append(f"  Changed by   {', '.join(item.changed_by)} (last at {_under(item.location, root)})")
    else:
        lines.append(f"  Source       {_under(item.location, root)}")
    if also_in:
        lines.append(f"  Also in      {', '.join(also_in)}")
    for label, text in (
        ("Rationale", localized(requirement.rationale)),
        ("Remediation", localized(requirement.remediation)),
    ):
        if text:
            lines.append(f"  {label:<12} {' '.join(text.split())}")
    for key in requirement.references:
        reference = standard.references.get(key)
        if reference is not None:
            lines.append(
                f"  Reference    [{key}] {localized(reference.title)}"
                + (f" <{reference.url}>" if reference.url else "")
            )
    # pkcheck's own words have no control characters: escaping each line escapes the values in it.
    return inert("".join(shown(line) + "\n" for line in lines))


def _under(location: Location, root: str | None) -> Location:
    return dataclasses.replace(location, path=seen_from(location.path, root))


def _with_values(text: str, standard: EffectiveStandard) -> str:
    """Name the parameters' values, so `apc_quantity` reads `apc_quantity (= 25)`, and a
    scheduled one its every entry: `women_target (= 0.08 from 2021-01-01, 0.15 from 2028-01-01)`."""
    for name in sorted(standard.parameters, key=len, reverse=True):
        schedule = standard.schedules.get(name)
        shown = schedule_text(schedule) if schedule else number(standard.parameters[name])
        text = re.sub(rf"(?<![\w.]){re.escape(name)}(?![\w(])", f"{name} (= {shown})", text)
    return text


def describe_check(check: Check) -> str:
    """A check's settings as one sentence, in its kind's words."""
    return checks.get(check.kind).describe(check.settings)


# --- one requirement for one unit (`pkcheck explain REQ --for FILE`) ---------------------------

BRIEF = 160  # the longest value shown beside its path; a longer one (a whole section) is left out


@dataclass(frozen=True)
class Computed:
    """A threshold as the check computes it for the unit: as written in the standard, with the
    unit's values in place of the names, and the result (or why there is none)."""

    label: str
    written: str
    substituted: str
    result: str | None
    problem: str | None = None


@dataclass(frozen=True)
class Evidence:
    """A place in the declaration the check reads, with its value where it is short."""

    location: Location
    path: str
    value: str | None


@dataclass(frozen=True)
class UnitExplanation:
    """What ``explain --for`` adds to the requirement's explanation: the unit, the thresholds
    computed for it, the evidence it declares, and the finding ``check`` gives."""

    path: str
    unit: Mapping[str, Any]
    standard_id: str
    version: str
    as_of: dt.date
    computed: tuple[Computed, ...]
    evidence: tuple[Evidence, ...]
    finding: Finding
    warnings: tuple[Diagnostic, ...]


class NotApplicable(Exception):
    """The unit is checked against a standard that does not have the requirement."""

    def __init__(self, unit_id: str, unit_type: str, standard: str) -> None:
        super().__init__(unit_id, unit_type, standard)
        self.unit_id, self.unit_type, self.standard = unit_id, unit_type, standard


def for_unit(path: str, settings: Settings, requirement_id: str) -> UnitExplanation:
    """The requirement checked for the declaration at ``path`` by the engine, as ``check``
    checks it (without waivers). Raises ``InputError`` for a declaration that cannot be read or
    validated, and ``NotApplicable`` when its standard does not have the requirement."""
    document = load(path, settings.limits)
    declaration = validate(document, Declaration, FileKind.DECLARATION)
    standard, warnings = choose_standard(document, declaration, settings)
    item = standard.get(requirement_id)
    if item is None:
        raise NotApplicable(declaration.unit.id, declaration.unit.type, standard.id)
    context = context_for(document, declaration, standard, settings.as_of)
    check = item.requirement.check
    computed = tuple(
        _computed(label, value, context) for label, value in checks.get(check.kind).computed(check.settings)
    )
    kind = checks.get(check.kind)
    read = [tuple(str(s) for s in outcome_of(item, context).evidence)]
    if kind.evidence is not None:
        read += [tuple(str(s) for s in segments) for segments in kind.evidence(check.settings, context)]
    read += [tuple(name.split(".")) for c in computed for name in _names(c, context)]
    return UnitExplanation(
        path=document.path,
        unit=declaration.unit.model_dump(mode="json", exclude_none=True),
        standard_id=standard.id,
        version=standard.version,
        as_of=settings.as_of,
        computed=computed,
        evidence=tuple(_evidence(document, segments) for segments in _deepest(read)),
        finding=evaluate_requirement(item, standard, context, document, settings.library.codes),
        warnings=warnings + tuple(staff_warnings(document.path, document.data, declaration)),
    )


def _computed(label: str, threshold: float | str, context: Context) -> Computed:
    """A threshold computed with the unit's values by ``pkcheck.expressions``, never run as code."""
    if not isinstance(threshold, str):
        number = shown_number(to_fraction(threshold))
        return Computed(label, number, number, number)
    expression = compiled(threshold)
    substituted_text = substituted(expression, lambda name: _value_or_none(context, name))
    try:
        result = evaluate(expression, context.resolve)
    except ExpressionError as exc:
        return Computed(label, threshold, substituted_text, None, exc.message)
    if result is None:
        missing = [name for name in expression.references if _value_or_none(context, name) is None]
        problem = ", ".join(f"`{name}`" for name in missing) + " not declared"
        return Computed(label, threshold, substituted_text, None, problem)
    return Computed(label, threshold, substituted_text, shown_number(result))


def _value_or_none(context: Context, name: str) -> Fraction | None:
    try:
        return context.resolve(name)
    except ExpressionError:  # a declared value that is not a number: shown as missing
        return None


def _names(computed: Computed, context: Context) -> list[str]:
    """The declaration paths a computed threshold reads (its names that are not parameters)."""
    if computed.written == computed.result:
        return []
    return [
        name
        for name in compiled(computed.written).references
        if name not in context.parameters and name not in context.unset
    ]


def _deepest(paths: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The paths once each, in order, without those that only hold others (``medical`` when
    ``medical.beds`` is read)."""
    unique = list(dict.fromkeys(path for path in paths if path))
    return [path for path in unique if not any(other[: len(path)] == path and other != path for other in unique)]


def _evidence(document: Document, segments: tuple[str, ...]) -> Evidence:
    path = tuple(int(s) if s.isdigit() else s for s in segments)
    location = locate(document.path, document.data, path)
    found = existing_prefix(document.data, path) == path
    value = _brief(_at(document.data, path)) if found else "not declared"
    return Evidence(location, ".".join(segments), value)


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for segment in path:
        data = data[segment]
    return data


def _brief(value: Any) -> str | None:
    """A declared value on one line, as YAML's flow style writes it; None when it is long."""
    text = _flow(value)
    return text if len(text) <= BRIEF else None


def _flow(value: Any) -> str:
    """``value`` in flow style, without the unit's own ``x-`` keys, which no check reads."""
    if isinstance(value, dict):
        shown_keys = [key for key in value if not (isinstance(key, str) and key.startswith("x-"))]
        return "{" + ", ".join(f"{key}: {_flow(value[key])}" for key in shown_keys) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(inner) for inner in value) + "]"
    return "null" if value is None else str(value)
