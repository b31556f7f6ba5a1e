"""Give the codes in a finding their titles, so reports say "UN Buddy First Aid Course (un-bfac)"
rather than a bare code.

Checks speak in codes; the engine, which knows the run's vocabulary, passes each outcome through
here before its message is rendered (each kind names its own codes: ``Kind.titled``). The codes
stay in the report (``titles`` maps each code the check uses to its title) so that
machine-readable output keeps them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pkcheck import checks
from pkcheck.library.lintcodes import check_uses
from pkcheck.models.standard import Check
from pkcheck.report import Gap
from pkcheck.terms.vocabulary import Codes


def codes_used(check: Check) -> Iterator[tuple[str, str]]:
    """The (section, code) of every code the check uses, as its raw settings name them."""
    for section, code, _, _ in check_uses({check.kind: check.settings.model_dump(mode="json", exclude_none=True)}):
        yield section, code


def titles(check: Check, vocabulary: Codes) -> dict[str, str]:
    """Code -> title for every code the check uses that a vocabulary titles, sorted by code."""
    found = {}
    for section, code in codes_used(check):
        title = vocabulary.title(section, code)
        if title is not None:
            found[code] = title
    return dict(sorted(found.items()))


def coe_categories(check: Check, vocabulary: Codes) -> dict[str, str]:
    """Item code -> COE category for the equipment items a check counts, where a vocabulary
    gives one (the capacity-building register groups equipment by it)."""
    items = checks.get(check.kind).coe_items(check.settings)
    return {item: vocabulary.coe_categories[item] for item in sorted(items) if item in vocabulary.coe_categories}


def titled_values(check: Check, values: Mapping[str, Any], gaps: tuple[Gap, ...], vocabulary: Codes) -> dict[str, Any]:
    """The outcome's template values with each code named by its title and code."""
    return checks.get(check.kind).titled(check.settings, values, gaps, vocabulary)
