"""Texts of standards and vocabularies that carry their own translations.

A standard's or vocabulary's text (a requirement's title, rationale and remediation, a
reference's title, a basis's illustrative text, a code's title) is English; it may also be given
in French, inline (``title: {en: ..., fr: ...}``) or in a companion file (``translation/v1``,
``pkcheck.library.translations``). Such a text is a ``Translated``: a ``str``, the English, that
carries its translations, so that code which treats it as a string keeps working in English,
byte for byte. Where a text reaches a report or a command's output, ``localized`` gives it in
the language in use (``pkcheck.i18n.language``), falling back to English.

This module knows nothing of the rest of pkcheck but ``pkcheck.i18n``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, overload

from pkcheck import i18n


class Translated(str):
    """An English text with its translations by language (``{"fr": "..."}``)."""

    __slots__ = ("translations",)
    translations: Mapping[str, str]

    def __new__(cls, english: str, translations: Mapping[str, str]) -> Self:
        made = super().__new__(cls, english)
        made.translations = dict(translations)
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # worker processes receive it whole
        return (Translated, (str(self), dict(self.translations)))

    def __repr__(self) -> str:
        return f"Translated({str(self)!r}, {dict(self.translations)!r})"


def translation(text: str, lang: str) -> str | None:
    """The text's translation into ``lang`` (the text itself in English), or ``None``."""
    if lang == i18n.DEFAULT:
        return str(text)
    if isinstance(text, Translated):
        return text.translations.get(lang)
    return None


@overload
def localized(text: str) -> str: ...
@overload
def localized(text: None) -> None: ...
def localized(text: str | None) -> str | None:
    """``text`` in the language in use, else in English; always a plain ``str``."""
    if text is None:
        return None
    if isinstance(text, Translated):
        lang = i18n.language()
        return text.translations.get(lang, str(text)) if lang != i18n.DEFAULT else str(text)
    return text


def with_translation(text: str, lang: str, value: str) -> Translated:
    """``text`` with ``value`` as its translation into ``lang`` (other translations kept)."""
    kept = dict(text.translations) if isinstance(text, Translated) else {}
    return Translated(str(text), {**kept, lang: value})


def has_translations(text: str | None) -> bool:
    return isinstance(text, Translated) and bool(text.translations)
