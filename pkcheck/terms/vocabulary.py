"""The codes known to a run, merged from every loaded vocabulary, and what reports say of them.

Sources, in search-path order: each ``pkcheck: vocabulary/v1`` file in a standards folder (the
shipped ``standards/vocabulary.yaml`` comes with the shipped folder), then the ``vocabulary:``
section of each loaded standard. A code is known if any source lists it; its title is the first
one found, so an organisation's own vocabulary earlier in the search path can retitle a code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pkcheck.i18n import N_, _
from pkcheck.load.validate import did_you_mean
from pkcheck.load.validate import nearest as closest
from pkcheck.localized import localized
from pkcheck.models.vocabulary import VocabularySections

SECTIONS = tuple(VocabularySections.model_fields)

# What a code of each section is called in a warning ("unknown course code `un-cpmt`").
NOUNS = {
    "unit_types": N_("unit type"),
    "missions": N_("mission"),
    "items": N_("equipment item"),
    "courses": N_("course"),
    "roles": N_("role"),
    "capabilities": N_("medical capability"),
    "self_sustainment": N_("self-sustainment category"),
    "certifications": N_("certification"),
    "languages": N_("language"),
    "facility_levels": N_("medical facility level"),
}
# The warning for a code no vocabulary knows, by section: a whole sentence each, as languages
# agree the words with the noun.
UNKNOWN = {
    "unit_types": N_("unknown unit type code `{code}`"),
    "missions": N_("unknown mission code `{code}`"),
    "items": N_("unknown equipment item code `{code}`"),
    "courses": N_("unknown course code `{code}`"),
    "roles": N_("unknown role code `{code}`"),
    "capabilities": N_("unknown medical capability code `{code}`"),
    "self_sustainment": N_("unknown self-sustainment category code `{code}`"),
    "certifications": N_("unknown certification code `{code}`"),
    "languages": N_("unknown language code `{code}`"),
    "facility_levels": N_("unknown medical facility level code `{code}`"),
}


@dataclass(frozen=True)
class Codes:
    """The merged vocabulary: section -> code -> title, and item -> COE category."""

    titles: dict[str, dict[str, str]] = field(default_factory=dict)
    coe_categories: dict[str, str] = field(default_factory=dict)
    # The nearest known code of each (section, code) asked about: the search compares a code
    # with every known one, and a portfolio asks about the same few unknown codes in every file.
    _nearest: dict[tuple[str, str], str | None] = field(default_factory=dict, compare=False, repr=False)

    def known(self, section: str, code: str) -> bool:
        return code in self.titles.get(section, {})

    def title(self, section: str, code: str) -> str | None:
        """The code's title in the language in use (else in English), if a vocabulary gives one."""
        return localized(self.titles.get(section, {}).get(code))

    def label(self, section: str, code: str) -> str:
        """``Title (code)`` for reports, or the bare code when no vocabulary titles it."""
        title = self.title(section, code)
        return f"{title} ({code})" if title else code

    def nearest(self, section: str, code: str) -> str | None:
        """The known code of the section closest to ``code``, if any is close enough; searched
        once per code of a section and remembered (each worker process has its own copy)."""
        key = (section, code)
        if key not in self._nearest:
            self._nearest[key] = closest(code, sorted(self.titles.get(section, {})))
        return self._nearest[key]

    def unknown(self, section: str, code: str, lines: Sequence[int] = ()) -> str | None:
        """A warning message for a code no vocabulary knows, else ``None``; ``lines`` are where
        a file uses it, named when there are several."""
        if self.known(section, code):
            return None
        suggestion = self.nearest(section, code)
        said = _(UNKNOWN[section]).format(code=code)
        if len(lines) > 1:
            said += _(" (lines {lines})").format(lines=", ".join(map(str, lines)))
        return said + did_you_mean(suggestion)


def merge(sources: Iterable[VocabularySections]) -> Codes:
    """Every source's codes; the first title given for a code wins."""
    titles: dict[str, dict[str, str]] = {section: {} for section in SECTIONS}
    categories: dict[str, str] = {}
    for source in sources:
        for section in SECTIONS:
            for code, entry in getattr(source, section).items():
                title = entry.title if section == "items" else entry
                titles[section].setdefault(code, title)
                if section == "items":
                    categories.setdefault(code, entry.coe_category)
    return Codes(titles, categories)


def labels(codes: Codes, section: str, names: Sequence[str]) -> str:
    """``A (a) or B (b)``: how a requirement that accepts any of several codes is named."""
    named = [codes.label(section, name) for name in names]
    said = named[0] if named else ""
    for other in named[1:]:
        said = _("{either} or {other}").format(either=said, other=other)
    return said


EMPTY = Codes()
