"""No English sentence in a French text report, where the catalog has its French.

The English fragments looked for come from the catalog itself: each message's fixed parts
(the text between its placeholders), whole and clause by clause, long enough to mean something
(two words or more, at least ``SHORTEST`` characters), that its French does not keep as they
are; a report is read with its lines joined, so that a sentence wrapped over two lines is found. A French report of
an example that holds one of them writes a translated sentence in English: a message not looked
up with ``_``, or a sentence built around the catalog. The shipped standards' and vocabulary's
texts are looked for the same way: each English text that has its French, whole and clause by
clause, unless some French text of theirs keeps it (an English document title quoted in French).

An example whose report still holds English because a part of pkcheck outside the report's
formats has no French yet is listed in ``STILL_ENGLISH``, with what is missing: the test is an
expected failure there, a strict one, so that it says when the list can shrink.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import mou_reports
import pytest
from babel.messages.pofile import read_po

from pkcheck import i18n
from pkcheck.library.linttranslations import standard_texts, vocabulary_texts
from pkcheck.library.standards import Library, shipped_folder
from pkcheck.library.translations import apply_to_vocabulary, companion_of, read
from pkcheck.load.validate import validate
from pkcheck.load.yamlio import load
from pkcheck.localized import translation
from pkcheck.models.vocabulary import Vocabulary

AS_OF = "2026-11-26"
PO = i18n.LOCALE_DIR / "fr" / "LC_MESSAGES" / "pkcheck.po"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
CLAUSE = re.compile(r"[:;.]\s")  # a fixed part is looked for whole and clause by clause
SHORTEST = 10
# Each example alone, the whole folder with its waivers, and units verified against their MOUs.
EXAMPLES = {str(path): (str(path),) for path in sorted(Path("examples").glob("x*.*"))} | {
    "examples/": ("examples/", "--waivers", "examples/waivers.yaml"),
    "mou": mou_reports.TWO_UNITS,
}
# Examples whose French report still holds English from outside the formats, with what is missing.
STILL_ENGLISH: dict[str, str] = {}


@cache
def english_fragments() -> frozenset[str]:
    """The fixed parts of the catalog's messages that their French does not keep."""
    with PO.open("rb") as file:
        catalog = read_po(file, locale="fr")
    found = set()
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        french = _joined("\n".join(strings))
        for english in ids:
            for fixed in PLACEHOLDER.split(english):
                for clause in [fixed, *CLAUSE.split(fixed)]:
                    part = _joined(clause).strip(" .,:;!?()[]`'\"<>-#")
                    if len(part) >= SHORTEST and " " in part and part not in french:
                        found.add(part)
    return frozenset(found)


@cache
def standard_fragments() -> frozenset[str]:
    """The fixed parts of the shipped standards' and vocabulary's English texts that have French."""
    library = Library([str(shipped_folder())], languages=("fr",))
    texts = [text for loaded in library.standards.values() for _, _, text in standard_texts(loaded.model)]
    path = str(shipped_folder() / "vocabulary.yaml")
    vocabulary = validate(load(path), Vocabulary, i18n_kind())
    companion = companion_of(path, "fr")
    assert companion is not None
    vocabulary = apply_to_vocabulary(vocabulary, read(companion, library.limits, vocabulary.id))
    texts += [text for _, _, text in vocabulary_texts(vocabulary)]
    pairs = [(str(text), translation(text, "fr")) for text in texts if isinstance(text, str)]
    french = "\n".join(_joined(fr) for _, fr in pairs if fr)
    found = set()
    for english, fr in pairs:
        if not fr:
            continue
        for clause in [english, *CLAUSE.split(english)]:
            part = _joined(clause).strip(" .,:;!?()[]`'\"<>-#")
            if len(part) >= SHORTEST and " " in part and part not in french:
                found.add(part)
    return frozenset(found)


def i18n_kind() -> Any:
    from pkcheck.enums import FileKind

    return FileKind.VOCABULARY


def _joined(text: str) -> str:
    """``text`` with its lines joined and its spaces single (a no-break space is one too)."""
    return " ".join(text.split())


def test_the_catalog_gives_fragments_to_look_for() -> None:
    """The check below looks for something: sentences of the reports among them."""
    fragments = english_fragments()
    assert "the declaration could not be checked" in fragments
    assert "Each unit's findings" in fragments
    assert "pkcheck check FILE, or this command with --details" in fragments
    assert all(len(fragment) >= SHORTEST for fragment in fragments)


def english_in(text: str) -> list[str]:
    joined = _joined(text)
    return sorted(fragment for fragment in english_fragments() | standard_fragments() if fragment in joined)


def test_the_check_finds_english(cli: Any) -> None:
    """English reports hold catalog fragments, a wrapped one too: the check can fail."""
    assert "By category" in english_in(cli("check", "examples/xc-inf-03-not-ready.yaml", "--as-of", AS_OF).stdout)
    portfolio = cli("check", "examples/", "--as-of", AS_OF, env={"COLUMNS": "60"}).stdout
    assert "pkcheck check FILE, or this command with --details" in english_in(portfolio)
    one = cli("check", "examples/xc-inf-03-not-ready.yaml", "--as-of", AS_OF, "--details").stdout
    assert "Armoured personnel carriers, declared and serviceable" in english_in(one)


def test_the_standards_give_fragments_to_look_for() -> None:
    fragments = standard_fragments()
    assert "Armoured personnel carriers, declared and serviceable" in fragments
    assert "Illustrative threshold, not UN policy" in fragments


@pytest.mark.parametrize(
    "example",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=STILL_ENGLISH[name]))
        if name in STILL_ENGLISH
        else name
        for name in EXAMPLES
    ],
)
def test_no_english_in_a_french_text_report(cli: Any, example: str) -> None:
    run = cli("--lang", "fr", "check", *EXAMPLES[example], "--as-of", AS_OF, "--details", "--verbose")
    assert run.exit_code in (0, 1), run.stderr
    assert english_in(run.stdout) == []
