"""The translation catalogs, kept up to date with the code: ``python -m pkcheck.catalog``.

- ``python -m pkcheck.catalog`` extracts every marked message of the package (``_``, ``N_``,
  ``ngettext``), updates each language's ``.po`` file with it (new messages untranslated, gone
  ones dropped, the rest kept), and compiles each ``.po`` into the ``.mo`` the package reads;
- ``python -m pkcheck.catalog --check`` changes nothing and lists what is wrong: a message
  without a translation, a translation whose placeholders differ from the English, a fuzzy one,
  a ``.po`` behind the code, a ``.mo`` behind its ``.po``. The tests run it.

The ``.mo`` files are committed beside their ``.po`` files, so that an install from a checkout
(``pip install .``) needs no step of its own; a test holds them equal to a fresh compilation.
Babel's message tools do the work (Babel is also what writes French numbers and dates); they are
imported only here, never while checking.
"""

from __future__ import annotations

import datetime as dt
import io
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from pkcheck.i18n import DEFAULT, DOMAIN, LANGUAGES, LOCALE_DIR

PACKAGE = Path(__file__).parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# Fixed, so that the same messages always give the same bytes (a date would change every file).
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
PROJECT = "pkcheck"


def extracted() -> Catalog:
    """Every message marked in the package's code, in a template catalog."""
    template = Catalog(project=PROJECT, domain=DOMAIN, creation_date=STAMP, revision_date=STAMP, fuzzy=False)
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        path = (Path("pkcheck") / filename).as_posix()
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def translated_languages() -> list[str]:
    return [lang for lang in LANGUAGES if lang != DEFAULT]


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, project=PROJECT, domain=DOMAIN, creation_date=STAMP, revision_date=STAMP)
    with path.open("rb") as stream:
        return read_po(stream, locale=lang, domain=DOMAIN)


def po_bytes(catalog: Catalog) -> bytes:
    """A catalog as its ``.po`` file: sorted by message, each with the files (not the lines)
    that use it, so that moving code does not rewrite the catalog."""
    catalog.creation_date = STAMP
    catalog.revision_date = STAMP
    catalog.project = PROJECT
    catalog.version = ""
    catalog.msgid_bugs_address = ""
    catalog.fuzzy = False
    catalog.header_comment = (
        f"# {catalog.locale_identifier} translations of pkcheck's messages (docs/translating.md).\n"
        "# Distributed under the same license as pkcheck (Apache-2.0)."
    )
    catalog.last_translator = "pkcheck's translators"
    catalog.language_team = "pkcheck's translators"
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def updated(lang: str) -> Catalog:
    """The language's catalog with the messages of the code now."""
    catalog = read(lang)
    catalog.update(extracted(), no_fuzzy_matching=True)
    return catalog


def placeholders(text: str) -> list[str]:
    """The names in braces of a message, sorted (``{{`` is a brace, not a placeholder)."""
    try:
        return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return ["<unbalanced braces>"]


def problems(lang: str) -> Iterator[str]:
    """What is wrong with a language's catalog, one line each."""
    catalog = read(lang)
    path = po_path(lang)
    current = extracted()
    known = {_texts(message.id)[0] for message in catalog if message.id}
    for message in current:
        if message.id and _texts(message.id)[0] not in known:
            yield f"{path}: not in the catalog: {_shown(message.id)}"
    wanted = {_texts(message.id)[0] for message in current if message.id}
    for message in catalog:
        if not message.id:
            continue
        if _texts(message.id)[0] not in wanted:
            yield f"{path}: no longer in the code: {_shown(message.id)}"
            continue
        yield from _message_problems(path, message)
    mo = path.with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
        yield f"{mo}: not compiled from {path.name}; run python -m pkcheck.catalog"


def _message_problems(path: Path, message: Message) -> Iterator[str]:
    ids = _texts(message.id)
    strings = _texts(message.string)
    if message.fuzzy:
        yield f"{path}: fuzzy: {_shown(ids[0])}"
    if not all(strings):
        yield f"{path}: not translated: {_shown(ids[0])}"
        return
    expected = placeholders(ids[-1])
    for text in strings:
        if placeholders(text) != expected and placeholders(text) != placeholders(ids[0]):
            yield f"{path}: placeholders differ ({', '.join(placeholders(text))} for {', '.join(expected)}): {_shown(ids[0])}"


def _texts(value: object) -> tuple[str, ...]:
    """A message's id or translation as its forms (one, or one per plural form)."""
    if isinstance(value, (tuple, list)):
        return tuple(str(v) for v in value)
    return (str(value) if value else "",)


def _shown(text: object) -> str:
    text = _texts(text)[0]
    return repr(text if len(text) <= 100 else text[:97] + "...")


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        found = [line for lang in translated_languages() for line in problems(lang)]
        for line in found:
            print(line)
        print(f"{len(found)} problem(s)")
        return 1 if found else 0
    if argv:
        print("usage: python -m pkcheck.catalog [--check]", file=sys.stderr)
        return 2
    for lang in translated_languages():
        catalog = updated(lang)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po_bytes(catalog))
        path.with_suffix(".mo").write_bytes(mo_bytes(read(lang)))
        untranslated = sum(1 for message in catalog if message.id and not message.string)
        print(f"{path}: {len(catalog)} message(s), {untranslated} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
