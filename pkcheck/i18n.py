"""The language pkcheck writes in: English (``en``) or French (``fr``), and its translations.

Every sentence a user reads is written in English in the code, marked for translation, and
looked up in the ``pkcheck`` gettext catalog of the language in use
(``pkcheck/locale/<lang>/LC_MESSAGES/pkcheck.mo``, compiled from the ``.po`` file beside it;
``python -m pkcheck.catalog`` extracts, updates and compiles it). The message ids are the
English texts themselves, so an untranslated message reads in English. For translators:
placeholders in braces (``{count}``) are kept as they are, with the same names; they are filled
after translation. See docs/translating.md.

- ``_(text)``: ``text`` in the language in use; ``ngettext(one, many, n)`` the form for ``n``;
  ``pgettext(context, text)`` the form of a word in a context (a status, a value);
- ``N_(text)``: ``text`` itself, only marked for extraction (a message defined in a table, looked
  up with ``_`` where it is used);
- ``use(lang)`` sets the language for the process (the command line does it once, before the
  commands are imported, so that their help is translated; worker processes are forked after
  it and inherit it); ``language()`` tells it;
- ``number`` and ``day`` write a number and a date for people, in the language's conventions
  (through Babel, CLDR's data, in French only: English keeps the plain forms it always had).

Only human formats call ``number`` and ``day``; machine formats keep plain numbers and ISO
dates whatever the language. This module knows nothing of the rest of pkcheck.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
from collections.abc import Mapping
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("en", "fr")
"""The languages pkcheck speaks, English first (the language of the code and the fallback)."""

DEFAULT = "en"
DOMAIN = "pkcheck"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT


class UnknownLanguage(ValueError):
    """A language pkcheck does not speak, named where the user gave it."""

    def __init__(self, value: str, where: str) -> None:
        super().__init__(f"{where}: {value!r} is not a language pkcheck speaks; use one of: {', '.join(LANGUAGES)}")
        self.value = value
        self.where = where


def use(lang: str) -> None:
    """Write in ``lang`` (one of ``LANGUAGES``) from now on, in this process and those forked
    from it."""
    global _translation, _language  # noqa: PLW0603 - one language per run, set once by the command line
    if lang not in LANGUAGES:
        raise UnknownLanguage(lang, "language")
    _language = lang
    if lang == DEFAULT:
        _translation = _gettext.NullTranslations()
    else:
        # fallback: a catalog missing from an odd install reads in English rather than failing.
        _translation = _gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)


def language() -> str:
    """The language in use."""
    return _language


def _(text: str) -> str:
    """``text`` in the language in use (``text`` itself where the catalog lacks it)."""
    return _translation.gettext(text)


def pgettext(context: str, text: str) -> str:
    """``text`` in the language in use, as it reads in ``context``: one English word may need two
    French ones (``absent`` of a value, ``absente`` of a requirement's status)."""
    return _translation.pgettext(context, text)


def ngettext(one: str, many: str, count: int) -> str:
    """The form of a message for ``count`` things, in the language in use."""
    return _translation.ngettext(one, many, count)


def N_(text: str) -> str:
    """``text`` itself: marks a message kept in a table for the catalog; translate it with ``_``
    where it is used."""
    return text


def language_from(environment: Mapping[str, str]) -> str:
    """The language an environment asks for: ``PKCHECK_LANG`` (which must be one pkcheck speaks),
    else the locale's language (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``, the first that is
    set, as POSIX reads them: ``fr_FR.UTF-8`` is French), else English."""
    chosen = environment.get("PKCHECK_LANG", "").strip()
    if chosen:
        if chosen not in LANGUAGES:
            raise UnknownLanguage(chosen, "PKCHECK_LANG")
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environment.get(name, "")
        if value:
            return _locale_language(value)
    return DEFAULT


def _locale_language(value: str) -> str:
    """``fr`` for a French locale (``fr``, ``fr_CA.UTF-8``, ``fr_FR@euro``), else English: a
    language pkcheck does not speak, ``C`` and ``POSIX`` read in English."""
    code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].split("-", 1)[0].lower()
    return code if code in LANGUAGES else DEFAULT


def number(value: float, *, digits: int | None = None) -> str:
    """A number for people: ``1234.5`` in English, ``1 234,5`` in French (CLDR's separators, a
    narrow no-break space between thousands). ``digits`` fixes the decimals."""
    english = f"{value:.{digits}f}" if digits is not None else f"{value:g}" if isinstance(value, float) else str(value)
    if _language == DEFAULT:
        return english
    import decimal

    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "") if digits is not None else None
    try:
        return str(format_decimal(value, format=pattern, locale=_language))
    except (decimal.InvalidOperation, ValueError, OverflowError):
        # Beyond what CLDR's patterns round (1e300, an infinity): the number as English writes
        # it, with a decimal comma, rather than no report at all.
        return english.replace(".", ",")


def day(value: dt.date) -> str:
    """A date for people: ISO 8601 in English (as pkcheck always wrote it), ``1 décembre 2026``
    in French."""
    if _language == DEFAULT:
        return value.isoformat()
    from babel.dates import format_date

    return str(format_date(value, format="long", locale=_language))
