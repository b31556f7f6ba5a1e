"""How text from files is shown (``pkcheck.escapes``), on the cases in
``tests/data/hostile/escapes.json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pkcheck.escapes import MARKUP_SPELLING, inert, json_text, shown, shown_exactly

CASES = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "hostile" / "escapes.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize(("text", "expected"), CASES["shown"])
def test_shown(text: str, expected: str) -> None:
    assert shown(text) == expected
    assert shown(expected) == expected  # what is shown is plain text


@pytest.mark.parametrize(("text", "expected"), CASES["shown_exactly"])
def test_shown_exactly(text: str, expected: str) -> None:
    """As keys are quoted in messages: nothing that cannot be seen is left unescaped."""
    assert shown_exactly(text) == expected
    assert expected.isprintable()


@pytest.mark.parametrize(("text", "expected"), CASES["inert"])
def test_inert(text: str, expected: str) -> None:
    assert inert(text) == expected
    assert inert(text, MARKUP_SPELLING) == expected.replace("\\x3a", "&#58;").replace("\\x5b", "&#91;")


@pytest.mark.parametrize(("text", "expected"), CASES["json"])
def test_json_text(text: str, expected: str) -> None:
    """Inside a JSON string: the same text when read back, except a lone surrogate, which no
    UTF-8 JSON can hold and is written as ``shown`` shows it."""
    dumped = json_text(json.dumps({"k": text}, ensure_ascii=False))
    assert dumped == '{"k": "' + expected + '"}'
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        assert json.loads(dumped)["k"] == text
