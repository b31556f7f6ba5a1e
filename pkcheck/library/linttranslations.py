"""Errors of ``lint --strict`` about translations: a text without French in a standard or
vocabulary that gives French (inline or in its companion file), and a child's companion that
repeats the translation of a text it inherits unchanged.

A standard that gives no French at all is not asked for any: French reports show it in English.
One that gives some is translated completely, so that a French report does not mix languages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pkcheck.diagnostics import Diagnostic
from pkcheck.i18n import _
from pkcheck.load.locate import PathSegment, locate
from pkcheck.load.yamlio import Document
from pkcheck.localized import Translated
from pkcheck.models.standard import Basis, Standard
from pkcheck.models.vocabulary import Item, VocabularySections

Text = tuple[tuple[PathSegment, ...], str, Any]  # where in the file, what it is called, the text


def _given(text: Any, lang: str) -> bool:
    """Whether a text (validated, or as an override's patch gives it) has its translation."""
    if isinstance(text, Translated):
        return lang in text.translations
    if isinstance(text, dict):
        return bool(text.get(lang))
    return False


def _basis_texts(basis: dict[str, Any], where: tuple[PathSegment, ...], name: str) -> Iterator[Text]:
    for key, entry in basis.items():
        illustrative = (
            entry.illustrative
            if isinstance(entry, Basis)
            else entry.get("illustrative")
            if isinstance(entry, dict)
            else None
        )
        if illustrative is not None:
            yield (*where, key, "illustrative"), f"{name}basis.{key}", illustrative


def _section_texts(sections: VocabularySections, where: tuple[PathSegment, ...]) -> Iterator[Text]:
    for section in VocabularySections.model_fields:
        for code, entry in getattr(sections, section).items():
            if isinstance(entry, Item):
                yield (*where, section, code, "title"), f"{section}.{code}", entry.title
            else:
                yield (*where, section, code), f"{section}.{code}", entry


def standard_texts(model: Standard) -> Iterator[Text]:
    """Every text of a standard that may be translated, the standard's own (not inherited)."""
    yield ("title",), "title", model.title
    for key, reference in model.references.items():
        yield ("references", key, "title"), f"references.{key}", reference.title
    yield from _basis_texts(dict(model.basis), ("basis",), "")
    for index, requirement in enumerate(model.requirements):
        for name in ("title", "rationale", "remediation"):
            text = getattr(requirement, name)
            if text is not None:
                yield ("requirements", index, name), f"{requirement.id} {name}", text
        yield from _basis_texts(dict(requirement.basis), ("requirements", index, "basis"), f"{requirement.id} ")
    for requirement_id, patch in model.overrides.items():
        for name in ("title", "rationale", "remediation"):
            if patch.get(name) is not None:
                yield ("overrides", requirement_id, name), f"{requirement_id} {name}", patch[name]
        if isinstance(patch.get("basis"), dict):
            yield from _basis_texts(patch["basis"], ("overrides", requirement_id, "basis"), f"{requirement_id} ")
    if model.vocabulary is not None:
        yield from _section_texts(model.vocabulary, ("vocabulary",))


def vocabulary_texts(model: Any) -> Iterator[Text]:
    yield ("title",), "title", model.title
    yield from _section_texts(model, ())


def untranslated(document: Document, texts: list[Text], has_companion: bool, lang: str = "fr") -> Iterator[Diagnostic]:
    """An error per text without its translation into ``lang``, at the English text, when the
    file gives any translation into ``lang`` (inline, or in a companion file)."""
    if not has_companion and not any(_given(text, lang) for _, _, text in texts):
        return
    companion = Path(document.path).with_name(f"{Path(document.path).stem}.{lang}.yaml").name
    for where, name, text in texts:
        if not _given(text, lang):
            message = _(
                "`{name}` has no French text, and this file gives French elsewhere (`lint --strict` requires every text then): add it to `{companion}`, or give it inline as `{{en: ..., fr: ...}}`"
            ).format(name=name, companion=companion)
            yield Diagnostic(locate(document.path, document.data, where), message)


def redundant(companion: Any, unresolved: Any, inherited: Any) -> Iterator[Diagnostic]:
    """An error per translation a child's companion repeats of a text the child inherits
    unchanged (its parent's companion translates it)."""
    parent = inherited.chain[-2] if len(inherited.chain) > 1 else ""
    for requirement_id, names in unresolved.requirements.items():
        if inherited.get(requirement_id) is None:
            continue  # unknown: an error of composing the standard
        for name in names:
            message = _(
                "`{id}` {name}: this standard inherits the text unchanged from `{parent}`, and with it its translation; remove it here"
            ).format(id=requirement_id, name=name, parent=parent)
            yield Diagnostic(companion.location("requirements", requirement_id, name), message)
    for key in unresolved.references:
        if key in inherited.references:
            message = _("reference `{key}` is inherited from `{parent}`, with its translation; remove it here").format(
                key=key, parent=parent
            )
            yield Diagnostic(companion.location("references", key), message)
    for name in unresolved.basis:
        if name in inherited.basis:
            message = _(
                "the basis of parameter `{name}` is inherited from `{parent}`, with its translation; remove it here"
            ).format(name=name, parent=parent)
            yield Diagnostic(companion.location("basis", name), message)
