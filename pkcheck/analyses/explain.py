"""``pkcheck explain``: one requirement of an effective standard, in plain words, and its history.

Titles, rationale, remediation, references and file names come from standards: they are shown
escaped (``pkcheck.escapes``), each line of the explanation a line of visible text."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pkcheck import checks
from pkcheck.escapes import inert, shown
from pkcheck.library.standards import EffectiveStandard
from pkcheck.models.standard import Check


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
        f"  Check        {_with_values(describe_check(requirement.check), standard)}",
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


def describe_check(check: Check) -> str:
    """A check's settings as one sentence, in its kind's words."""
    return checks.get(check.kind).describe(check.settings)
