"""Give the codes in a finding their titles, so reports say "UN Buddy First Aid Course (un-bfac)"
rather than a bare code.

Checks speak in codes; the engine, which knows the run's vocabulary, passes each outcome through
here before its message is rendered. The codes stay in the report (``titles`` maps each code the
check uses to its title) so that machine-readable output keeps them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pkcheck.checks.base import codes as code_list
from pkcheck.checks.value import problems
from pkcheck.library.lintcodes import VALUE_PATHS, check_uses, path_codes
from pkcheck.library.vocabulary import Codes, labels
from pkcheck.models.standard import Check
from pkcheck.report import Gap


def titles(check: Check, vocabulary: Codes) -> dict[str, str]:
    """Code -> title for every code the check uses that a vocabulary titles, sorted by code."""
    found = {}
    for section, code, _, _ in check_uses(check.model_dump(mode="json", exclude_none=True)):
        title = vocabulary.title(section, code)
        if title is not None:
            found[code] = title
    return dict(sorted(found.items()))


def coe_categories(check: Check, vocabulary: Codes) -> dict[str, str]:
    """Item code -> COE category for the items an equipment check counts, where a vocabulary
    gives one (the capacity-building register groups equipment by it)."""
    if check.kind != "equipment":
        return {}
    items = code_list(check.settings.item)
    return {item: vocabulary.coe_categories[item] for item in sorted(items) if item in vocabulary.coe_categories}


def titled_values(check: Check, values: Mapping[str, Any], gaps: tuple[Gap, ...], vocabulary: Codes) -> dict[str, Any]:
    """The outcome's template values with each code named by its title and code."""
    shown = dict(values)
    settings = check.settings
    if check.kind == "training" and "course" in shown:
        shown["course"] = labels(vocabulary, "courses", code_list(settings.course))
    elif check.kind == "equipment" and "item" in shown:
        shown["item"] = labels(vocabulary, "items", code_list(settings.item))
    elif check.kind == "medical" and "criteria" in shown:
        shown["criteria"] = [_medical_criterion(name, vocabulary) for name in shown["criteria"]]
    elif check.kind == "value":
        shown.update(_value_titles(settings.path, shown, gaps, vocabulary))
    return shown


def _medical_criterion(name: str, vocabulary: Codes) -> str:
    """``staff.medical-officer`` -> ``Medical officer (staff.medical-officer)``."""
    role = name.removeprefix("staff.")
    title = vocabulary.title("roles", role) if role != name else None
    return f"{title} ({name})" if title else name


def _value_titles(
    check_path: str, values: Mapping[str, Any], gaps: tuple[Gap, ...], vocabulary: Codes
) -> dict[str, Any]:
    changed: dict[str, Any] = {}
    if "path" in values:
        named = [vocabulary.title(section, code) for section, code in path_codes(str(values["path"]))]
        changed["path_title"] = f" ({named[0]})" if named and named[0] else ""
    section = VALUE_PATHS.get(tuple(check_path.split(".")))
    if "problems" in values and section is not None:
        changed["problems"] = problems(gaps, lambda code: vocabulary.label(section, code))
    return changed
