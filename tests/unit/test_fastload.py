"""The loader's fast path (libyaml) gives exactly what the careful path (ruamel's pure-Python
parser) gives, or declines: same values and types, same positions of every key, value and
item, same YAML 1.1 warnings. Checked on every stored file, on the cases of
``tests/data/fastload.yaml``, and on mutated files."""

from __future__ import annotations

import contextlib
import json
import platform
import sys
from pathlib import Path
from typing import Any

import pytest
from both_paths import WITHOUT_LIBYAML, compare, require_fast_path
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from pkcheck.diagnostics import InputError
from pkcheck.load import fastload
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.yamlio import _careful_load, decode

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "fuzz"))
from mutations import byte_mutants, seeds  # noqa: E402


@pytest.fixture(autouse=True)
def _fast_path() -> None:
    require_fast_path()


def test_without_the_c_extension_the_comparisons_fail_unless_told_to_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastload, "CParser", None)
    monkeypatch.setattr(platform, "python_implementation", lambda: "CPython")
    monkeypatch.delenv(WITHOUT_LIBYAML, raising=False)
    with pytest.raises(pytest.fail.Exception, match=r"ruamel\.yaml\[libyaml\]\) is not installed"):
        compare("a: 1\n")
    monkeypatch.setenv(WITHOUT_LIBYAML, "1")
    with pytest.raises(pytest.skip.Exception, match=WITHOUT_LIBYAML):
        compare("a: 1\n")
    monkeypatch.setattr(platform, "python_implementation", lambda: "PyPy")
    monkeypatch.delenv(WITHOUT_LIBYAML)
    with pytest.raises(pytest.skip.Exception, match="for CPython, not PyPy"):
        compare("a: 1\n")


# The official YAML test suite has a test of its own (test_yaml_test_suite.py).
STORED = sorted(
    path
    for folder in ("examples", "standards", "tests/data")
    for path in (REPO / folder).rglob("*")
    if path.suffix in (".yaml", ".yml", ".json") and path.is_file() and "yaml-test-suite" not in path.parts
)
# The real files: the fast path must take every one of them, or the speed is lost unnoticed.
REAL = [path for path in STORED if path.parts[len(REPO.parts)] in ("examples", "standards")]
CASES = YAML(typ="safe", pure=True).load((REPO / "tests" / "data" / "fastload.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", REAL, ids=lambda p: str(p.relative_to(REPO)))
def test_real_files_take_the_fast_path_and_read_the_same(path: Path) -> None:
    assert compare(decode(str(path), path.read_bytes()))


@pytest.mark.parametrize("path", [p for p in STORED if p not in REAL], ids=lambda p: str(p.relative_to(REPO)))
def test_stored_files_read_the_same_or_are_declined(path: Path) -> None:
    try:
        text = decode(str(path), path.read_bytes())
        compare(text)
    except InputError:
        pass  # refused before parsing, by either path


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_cases(case: dict[str, Any]) -> None:
    text = case["text"] * case.get("repeat", 1)
    limits = Limits(**case.get("limits", {}))
    assert compare(text, limits) is case["fast"]


@settings(max_examples=60)
@given(byte_mutants(seeds("declaration/v1")))
def test_mutated_files_read_the_same_or_are_declined(raw: bytes) -> None:
    try:
        text = decode("<mutant>", raw)
    except InputError:
        return
    compare(text)


# Single values: the characters that make YAML read a value one way or another (indicators,
# signs, digits and separators, the letters of nulls, booleans, numbers and YAML 1.1 words,
# line breaks),
# under the node properties the two parsers have been found to read differently.
_VALUE_CHARACTERS = " -+._:0123456789eEoxbnNyYtTfFlLuU~!&*?#|>'\"[]{},%@`<=/\\\r\n"
_ANCHOR_CHARACTERS = "aZ09_-?:.!&*/"
_TAGS = ["!", "!<!>", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!binary", "!local", "!!map"]


@st.composite
def single_values(draw: st.DrawFn) -> str:
    """A ``key: <value>`` document, the value plain, quoted or in a flow or block list, maybe
    with a tag and an anchor."""
    text = draw(st.text(_VALUE_CHARACTERS, min_size=0, max_size=10))
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if style == "single":
        text = "'" + text.replace("'", "''") + "'"
    elif style == "double":
        text = json.dumps(text)
    properties = []
    if draw(st.booleans()):
        properties.append(draw(st.sampled_from(_TAGS)))
    if draw(st.booleans()):
        properties.append("&" + draw(st.text(_ANCHOR_CHARACTERS, min_size=1, max_size=6)))
    node = " ".join([*draw(st.permutations(properties)), text])
    place = draw(st.sampled_from(["key: {}\n", "key: [{}]\n", "key:\n  - {}\n", "{}: x\n"]))
    return place.format(node)


@given(single_values())
@example("key: ! 12\n")  # the non-specific tag: text for the careful path, a number for libyaml
@example("key: !\n")
@example("key: !<!> true\n")
@example("key: &f?Y2a a\n")  # libyaml ends an anchor's name at `?` or `:`, ruamel does not
@example("key: &an:chor value\n")
@example("key: +_\n")  # ruamel's resolver takes these for numbers
@example("key: -_\n")
@example("key: -_9\n")
def test_single_values_read_the_same_or_are_declined(text: str) -> None:
    """The careful path reads a value or refuses it with an ``InputError``; where the fast
    path takes the document too, both read it alike."""
    with contextlib.suppress(InputError):
        _careful_load("<text>", text, DEFAULT_LIMITS)
    compare(text)
