"""No English sentence in a French text report, where the catalog has its French.

The English fragments looked for come from the catalog itself: each message's fixed parts
(the text between its placeholders), whole and clause by clause, long enough to mean something
(two words or more, at least ``SHORTEST`` characters), that its French does not keep as they
are; a report is read with its lines joined, so that a sentence wrapped over two lines is found. A French report of
an example that holds one of them writes a translated sentence in English: a message not looked
up with ``_``, or a sentence built around the catalog. (The standards' titles and texts have no
French lookup yet; they are checked here once they have one.)

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
STILL_ENGLISH: dict[str, str] = {
    "mou": "the MOU findings' titles (`MOU Annex B line ...`) and messages (`not applicable: MOU ...`) "
    "are not translated yet (library.verification, messages)",
}


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
    return sorted(fragment for fragment in english_fragments() if fragment in joined)


def test_the_check_finds_english(cli: Any) -> None:
    """English reports hold catalog fragments, a wrapped one too: the check can fail."""
    assert "By category" in english_in(cli("check", "examples/xc-inf-03-not-ready.yaml", "--as-of", AS_OF).stdout)
    portfolio = cli("check", "examples/", "--as-of", AS_OF, env={"COLUMNS": "60"}).stdout
    assert "pkcheck check FILE, or this command with --details" in english_in(portfolio)


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
