"""Companion files of translations (``pkcheck: translation/v1``) found beside the standards and
vocabularies they translate, checked against them and applied to their texts.

The companion of ``standards/un-engineer-company.yaml`` in French is
``standards/un-engineer-company.fr.yaml``. It is read only when a run needs French (or when
``lint`` lints it): an English run never opens it. Applied, each text it translates becomes a
``pkcheck.localized.Translated``, whose English is unchanged.

Every text a companion gives must be one the translated file has: an unknown requirement id,
reference key, parameter or code is a located error of the companion, with the nearest name.
A child standard's companion translates only what the child defines or changes; the ids it
names that the child inherits unchanged are checked once the child is composed
(``unresolved``), and ``lint --strict`` reports them as redundant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pkcheck.diagnostics import Diagnostic, InputError, Location
from pkcheck.enums import FileKind
from pkcheck.i18n import _
from pkcheck.load.limits import Limits
from pkcheck.load.locate import PathSegment, locate
from pkcheck.load.validate import suggestion, validate
from pkcheck.load.yamlio import Document, load
from pkcheck.localized import Translated, with_translation
from pkcheck.models.common import TRANSLATED_LANGUAGES
from pkcheck.models.standard import Basis, Reference, Requirement, Standard
from pkcheck.models.vocabulary import Item, VocabularySections

if TYPE_CHECKING:  # loaded when a companion is first read (``read``): an English run reads none
    from pkcheck.models.translation import Translation

SUFFIXES = (".yaml", ".yml", ".json")
REQUIREMENT_TEXTS = ("title", "rationale", "remediation")
CODE_SECTIONS = tuple(VocabularySections.model_fields)
# The head of a companion file: its `pkcheck:` key, after any comments (as pkcheck.load.inputs).
_KIND = re.compile(r"""^[ \t]*(?:\{[ \t]*)?["']?pkcheck["']?[ \t]*:[ \t]*["']?translation/""", re.MULTILINE)
_HEAD_BYTES = 64 * 1024


class LoadedTranslation(NamedTuple):
    model: Translation
    document: Document

    def location(self, *segments: PathSegment) -> Location:
        return locate(self.document.path, self.document.data, segments)


@dataclass
class Unresolved:
    """What a standard's companion names that the standard neither defines nor changes: found
    inherited when it is composed (redundant), else unknown."""

    requirements: dict[str, tuple[str, ...]] = field(default_factory=dict)  # id -> the texts given
    references: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)


def is_translation_file(path: str | Path) -> bool:
    """Whether a file found in a standards folder is a companion of translations, told by the
    ``pkcheck:`` key near its start, without parsing it (an English run never parses one)."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(_HEAD_BYTES).decode("utf-8-sig", "replace")
    except OSError:
        return False
    return _KIND.search(head) is not None


def companion_of(path: str, lang: str) -> str | None:
    """The companion of the file at ``path`` in ``lang``, if there is one beside it."""
    source = Path(path)
    for suffix in SUFFIXES:
        candidate = source.with_name(f"{source.stem}.{lang}{suffix}")
        if candidate.is_file():
            return str(candidate)
    return None


def translated_of(path: str) -> str | None:
    """The file a companion at ``path`` (``<stem>.<lang>.yaml``) translates, if it is there."""
    companion = Path(path)
    stem, _dot, lang = companion.stem.rpartition(".")
    if not stem or lang not in TRANSLATED_LANGUAGES:
        return None
    for suffix in SUFFIXES:
        candidate = companion.with_name(stem + suffix)
        if candidate.is_file():
            return str(candidate)
    return None


def read(path: str, limits: Limits, translated_id: str) -> LoadedTranslation:
    """A companion, validated, naming ``translated_id``; raises ``InputError``."""
    from pkcheck.models.translation import Translation

    document = load(path, limits)
    loaded = LoadedTranslation(validate(document, Translation, FileKind.TRANSLATION), document)
    if loaded.model.translates != translated_id:
        message = _(
            "this file translates `{translates}`, but the file beside it is `{id}`: a companion of translations is named after the file it translates and names its id"
        ).format(translates=loaded.model.translates, id=translated_id)
        raise InputError((Diagnostic(loaded.location("translates"), message),))
    expected = Path(path).stem.rpartition(".")[2]
    if loaded.model.lang != expected:
        message = _("the file's name says the language `{named}`, but its `lang` is `{lang}`").format(
            named=expected, lang=loaded.model.lang
        )
        raise InputError((Diagnostic(loaded.location("lang"), message),))
    return loaded


def _unknown(companion: LoadedTranslation, where: tuple[PathSegment, ...], message: str) -> Diagnostic:
    return Diagnostic(companion.location(*where), message)


def _not_for(companion: LoadedTranslation, sections: list[str], template: str) -> Iterator[Diagnostic]:
    """An error per section the companion gives that the translated file cannot have;
    ``template`` is the message, translated, with a ``{section}`` placeholder."""
    for section in sections:
        if getattr(companion.model, section):
            yield _unknown(companion, (section,), template.format(section=section))


def apply_to_standard(standard: Standard, companion: LoadedTranslation) -> tuple[Standard, Unresolved]:
    """The standard with the companion's texts; raises ``InputError`` for every text the
    standard has not (those of an inherited requirement, reference or parameter are left
    ``Unresolved``, to be told apart once the standard is composed)."""
    model = companion.model
    lang = model.lang
    errors: list[Diagnostic] = []
    unresolved = Unresolved()
    inherits = standard.extends is not None
    update: dict[str, Any] = {}
    if model.title is not None:
        update["title"] = with_translation(standard.title, lang, model.title)
    references: dict[str, Reference] = dict(standard.references)
    for key, text in model.references.items():
        if key in references:
            references[key] = references[key].model_copy(
                update={"title": with_translation(references[key].title, lang, text)}
            )
        elif inherits:
            unresolved.references.append(key)
        else:
            message = _("unknown reference key `{key}`{hint}").format(key=key, hint=suggestion(key, sorted(references)))
            errors.append(_unknown(companion, ("references", key), message))
    update["references"] = references
    basis: dict[str, Basis] = dict(standard.basis)
    for name, text in model.basis.items():
        if name in basis:
            problem = _illustrative_problem(basis[name], name)
            if problem is not None:
                errors.append(_unknown(companion, ("basis", name), problem))
                continue
            basis[name] = _translated_basis(basis[name], lang, text)
        elif inherits:
            unresolved.basis.append(name)
        else:
            message = _("no basis of a parameter `{name}` in the standard{hint}").format(
                name=name, hint=suggestion(name, sorted(basis))
            )
            errors.append(_unknown(companion, ("basis", name), message))
    update["basis"] = basis
    own = {requirement.id: index for index, requirement in enumerate(standard.requirements)}
    requirements = list(standard.requirements)
    overrides = {key: dict(patch) for key, patch in standard.overrides.items()}
    for requirement_id, texts in model.requirements.items():
        where = ("requirements", requirement_id)
        if requirement_id in own:
            index = own[requirement_id]
            requirements[index], problems = _translated_requirement(requirements[index], texts, lang)
            errors.extend(_unknown(companion, (*where, *place), message) for place, message in problems)
        elif requirement_id in overrides:
            given, problems = _translated_patch(overrides[requirement_id], texts, lang)
            overrides[requirement_id] = given
            errors.extend(_unknown(companion, (*where, *place), message) for place, message in problems)
            unchanged = tuple(
                name for name in REQUIREMENT_TEXTS if getattr(texts, name) is not None and name not in given
            )
            if unchanged:
                unresolved.requirements[requirement_id] = unchanged
        elif inherits:
            unresolved.requirements[requirement_id] = tuple(
                name for name in REQUIREMENT_TEXTS if getattr(texts, name) is not None
            )
        else:
            message = _("unknown requirement id `{id}`{hint}").format(
                id=requirement_id, hint=suggestion(requirement_id, sorted(own))
            )
            errors.append(_unknown(companion, where, message))
    update["requirements"] = requirements
    update["overrides"] = overrides
    if standard.vocabulary is not None:
        sections, section_errors = _translated_sections(standard.vocabulary, companion)
        update["vocabulary"] = sections
        errors.extend(section_errors)
    else:
        errors.extend(
            _not_for(
                companion,
                list(CODE_SECTIONS),
                _("this standard has no `vocabulary:` section, so no `{section}` to translate"),
            )
        )
    if errors:
        raise InputError(tuple(sorted(set(errors))))
    return standard.model_copy(update=update), unresolved


def apply_to_vocabulary(vocabulary: Any, companion: LoadedTranslation) -> Any:
    """The vocabulary with the companion's titles; raises ``InputError`` for an unknown code."""
    model = companion.model
    errors = list(
        _not_for(companion, ["references", "basis", "requirements"], _("a vocabulary has no `{section}` to translate"))
    )
    sections, problems = _translated_sections(vocabulary, companion)
    errors.extend(problems)
    if errors:
        raise InputError(tuple(sorted(set(errors))))
    update = {section: getattr(sections, section) for section in CODE_SECTIONS}
    if model.title is not None:
        update["title"] = with_translation(vocabulary.title, model.lang, model.title)
    return vocabulary.model_copy(update=update)


def _translated_sections(
    sections: VocabularySections, companion: LoadedTranslation
) -> tuple[VocabularySections, list[Diagnostic]]:
    lang = companion.model.lang
    errors: list[Diagnostic] = []
    update: dict[str, Any] = {}
    for section in CODE_SECTIONS:
        given: Mapping[str, str] = getattr(companion.model, section)
        if not given:
            continue
        entries: dict[str, Any] = dict(getattr(sections, section))
        for code, text in given.items():
            if code not in entries:
                message = _("unknown code `{code}` in `{section}`{hint}").format(
                    code=code, section=section, hint=suggestion(code, sorted(entries))
                )
                errors.append(_unknown(companion, (section, code), message))
            elif isinstance(entries[code], Item):
                item = entries[code]
                entries[code] = item.model_copy(update={"title": with_translation(item.title, lang, text)})
            else:
                entries[code] = with_translation(entries[code], lang, text)
        update[section] = entries
    return sections.model_copy(update=update), errors


def _illustrative_problem(basis: Basis, key: str) -> str | None:
    if basis.illustrative is None:
        return _("the basis of `{key}` cites a source: it has no illustrative text to translate").format(key=key)
    return None


def _translated_basis(basis: Basis, lang: str, text: str) -> Basis:
    assert basis.illustrative is not None
    return basis.model_copy(update={"illustrative": with_translation(basis.illustrative, lang, text)})


def _translated_requirement(
    requirement: Requirement, texts: Any, lang: str
) -> tuple[Requirement, list[tuple[tuple[PathSegment, ...], str]]]:
    problems: list[tuple[tuple[PathSegment, ...], str]] = []
    update: dict[str, Any] = {}
    for name in REQUIREMENT_TEXTS:
        text = getattr(texts, name)
        if text is None:
            continue
        english = getattr(requirement, name)
        if english is None:
            problems.append(((name,), _("the requirement has no `{name}` to translate").format(name=name)))
            continue
        update[name] = with_translation(english, lang, text)
    basis = dict(requirement.basis)
    for key, text in texts.basis.items():
        if key not in basis:
            message = _("the requirement has no basis `{key}`{hint}").format(
                key=key, hint=suggestion(key, sorted(basis))
            )
            problems.append((("basis", key), message))
            continue
        problem = _illustrative_problem(basis[key], key)
        if problem is not None:
            problems.append((("basis", key), problem))
            continue
        basis[key] = _translated_basis(basis[key], lang, text)
    update["basis"] = basis
    return requirement.model_copy(update=update), problems


def _translated_patch(
    patch: dict[str, Any], texts: Any, lang: str
) -> tuple[dict[str, Any], list[tuple[tuple[PathSegment, ...], str]]]:
    """An override's patch with the translations of the texts it changes. A text it does not
    change is inherited with its translation: it is left to ``Unresolved`` (redundant)."""
    problems: list[tuple[tuple[PathSegment, ...], str]] = []
    for name in REQUIREMENT_TEXTS:
        text = getattr(texts, name)
        if text is not None and name in patch:
            patch[name] = _with_text(patch[name], lang, text)
    given_basis = patch.get("basis")
    for key, text in texts.basis.items():
        entry = given_basis.get(key) if isinstance(given_basis, dict) else None
        if not isinstance(entry, dict) or "illustrative" not in entry:
            message = _(
                "the override gives no illustrative basis `{key}`: an inherited text keeps its translation"
            ).format(key=key)
            problems.append((("basis", key), message))
            continue
        given_basis[key] = {**entry, "illustrative": _with_text(entry["illustrative"], lang, text)}  # type: ignore[index]
    return patch, problems


def _with_text(value: Any, lang: str, text: str) -> Any:
    """A text of a patch (a string or an inline mapping of languages) with its translation."""
    if isinstance(value, dict):
        return {**value, lang: text}
    if isinstance(value, str):
        return with_translation(value, lang, text)
    return value  # not text: the override's own validation reports it


def is_translated(value: Any) -> bool:
    return isinstance(value, Translated)
