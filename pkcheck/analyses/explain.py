"""``pkcheck explain``: one requirement of an effective standard, in plain words, and its history.

Titles, rationale, remediation, references and file names come from standards: they are shown
escaped (``pkcheck.escapes``), each line of the explanation a line of visible text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pkcheck.escapes import inert, shown
from pkcheck.library.standards import EffectiveStandard
from pkcheck.models.standard import EquipmentCheck, MedicalCheck, TrainingCheck, ValueCheck


def explain(
    standard: EffectiveStandard, requirement_id: str, also_in: list[str], titles: Mapping[str, str] | None = None
) -> str:
    """The requirement in words; ``titles`` (code -> title) names the codes its check uses."""
    item = standard.get(requirement_id)
    if item is None:
        raise KeyError(requirement_id)
    requirement = item.requirement
    lines = [
        f"{requirement.id}  {requirement.title}",
        f"  Standard     {standard.id} {standard.version} ({' > '.join(standard.chain)})",
        f"  Category     {requirement.category.value}",
        f"  Severity     {requirement.severity.value}" + ("" if requirement.waivable else " (cannot be waived)"),
        f"  Check        {_with_values(describe_check(requirement.check.settings), standard)}",
    ]
    if titles:
        lines.append(f"  Codes        {'; '.join(f'{code}: {title}' for code, title in titles.items())}")
    lines.append(f"  Defined in   {item.defined_in}")
    if item.changed_by:
        lines.append(f"  Changed by   {', '.join(item.changed_by)} (last at {item.location})")
    else:
        lines.append(f"  Source       {item.location}")
    if also_in:
        lines.append(f"  Also in      {', '.join(also_in)}")
    for label, text in (("Rationale", requirement.rationale), ("Remediation", requirement.remediation)):
        if text:
            lines.append(f"  {label:<12} {' '.join(text.split())}")
    for key in requirement.references:
        reference = standard.references.get(key)
        if reference is not None:
            lines.append(f"  Reference    [{key}] {reference.title}" + (f" <{reference.url}>" if reference.url else ""))
    # pkcheck's own words have no control characters: escaping each line escapes the values in it.
    return inert("".join(shown(line) + "\n" for line in lines))


def _with_values(text: str, standard: EffectiveStandard) -> str:
    """Name the parameters' values, so `apc_quantity` reads `apc_quantity (= 25)`."""
    for name in sorted(standard.parameters, key=len, reverse=True):
        value = standard.parameters[name]
        shown = str(value.numerator) if value.denominator == 1 else f"{float(value):g}"
        text = re.sub(rf"(?<![\w.]){re.escape(name)}(?![\w(])", f"{name} (= {shown})", text)
    return text


def describe_check(settings: Any) -> str:
    """A check's settings as one sentence."""
    if isinstance(settings, TrainingCheck):
        return _training(settings)
    if isinstance(settings, EquipmentCheck):
        return _equipment(settings)
    if isinstance(settings, MedicalCheck):
        return _medical(settings)
    if isinstance(settings, ValueCheck):
        return _value(settings)
    raise AssertionError(f"no description for {type(settings).__name__}")


def _names(value: str | list[str]) -> str:
    return value if isinstance(value, str) else " or ".join(value)


def _training(check: TrainingCheck) -> str:
    population = (
        "all personnel (personnel.total)"
        if check.population == "all"
        else f"the {check.population} role (personnel.roles.{check.population})"
    )
    amount = (
        f"{check.coverage:.0%} of {population}"
        if check.coverage is not None
        else f"at least {check.count} of {population}"
    )
    until = "the deployment date" if check.valid_through == "deployment" else "the end of the tour"
    age = (
        f", completed no more than {check.max_age_months} months before deployment"
        if check.max_age_months is not None
        else ""
    )
    return f"training: {amount} hold {_names(check.course)}, valid through {until}{age}"


def _equipment(check: EquipmentCheck) -> str:
    text = f"equipment: at least {check.quantity} {_names(check.item)} declared"
    if check.serviceable:
        text += f", and {check.serviceable:.0%} of that quantity serviceable"
    return text


def _medical(check: MedicalCheck) -> str:
    parts = []
    if check.facility:
        parts.append(f"facility at least {check.facility}")
    parts.extend(f"{role} at least {minimum}" for role, minimum in (check.staff or {}).items())
    for name in ("beds", "outpatients_per_day", "surgeries_per_day", "supply_days"):
        if getattr(check, name) is not None:
            parts.append(f"{name} at least {getattr(check, name)}")
    if check.capabilities:
        parts.append(f"capabilities {', '.join(check.capabilities)}")
    parts.extend(f"casevac {key} within {limit} minutes" for key, limit in (check.casevac_minutes or {}).items())
    return "medical: " + "; ".join(parts)


def _value(check: ValueCheck) -> str:
    parts = []
    if check.min is not None:
        parts.append(f"at least {check.min}")
    if check.max is not None:
        parts.append(f"at most {check.max}")
    if check.equals is not None:
        parts.append(f"equal to {check.equals!r}")
    if check.one_of is not None:
        parts.append(f"one of {', '.join(map(str, check.one_of))}")
    if check.includes is not None:
        parts.append(f"including {', '.join(map(str, check.includes))}")
    if check.exists:
        parts.append("declared")
    return f"value: `{check.path}` " + " and ".join(parts)
