"""Every case of the official YAML test suite (``tests/data/yaml-test-suite/``, see its README)
through the loader.

For each case: no traceback, ever (the data, or an ``InputError`` with located diagnostics); the
careful path raises nothing else either; wherever the fast path takes a case, it reads it as the
careful path does (values, positions, YAML 1.1 warnings). A valid case reads as its ``in.json``,
unless pkcheck refuses what it holds on purpose (``REFUSED``), and an invalid case is refused.
Timestamps stay text, as ``in.json`` has them, so the data compares as it is. The exceptions
are the YAML library's own, each listed below with its reason: pkcheck reads YAML with it and
does not rewrite its parser.

Warnings are errors in this suite (pyproject's ``filterwarnings``): the YAML library warns
about nothing here, on standard error or otherwise.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from both_paths import compare, plain

from pkcheck.diagnostics import InputError, Location
from pkcheck.load import yamlio
from pkcheck.load.limits import DEFAULT_LIMITS

SUITE = Path(__file__).resolve().parents[1] / "data" / "yaml-test-suite"
CASES = sorted(str(path.parent.relative_to(SUITE)) for path in SUITE.rglob("in.yaml"))

# What pkcheck refuses on purpose in valid YAML: words of the message that says so, and why.
REFUSED = {
    "several YAML documents in one file": "a file is one declaration, standard, waivers or suite file",
    "the file is empty": "a file holds a `pkcheck:` mapping",
    "the top level is": "a file holds a `pkcheck:` mapping, not a list or a single value",
    "tag `": "a tag asks for a type pkcheck does not read (`!!binary`, `!!set`, `!local`...) or, on a "
    "mapping or a list, would be ignored without a word; only the core schema's value tags are read",
    "`%YAML 1.": "files are YAML 1.2; under `%YAML 1.1` `country: NO` would be false",
    "duplicate key": "keys are unique; the suite lets two empty keys, or two equal mappings as keys, be",
}
# Valid YAML the YAML library refuses, with a located syntax error.
LIBRARY_REFUSES = {
    **dict.fromkeys(
        [
            "6BCT",
            "6CA3",
            "A2M4",
            "DC7X",
            "DK95/00",
            "DK95/03",
            "DK95/04",
            "DK95/05",
            "DK95/07",
            "HS5T",
            "J3BT",
            "K54U",
            "NB6Z",
            "Q5MG",
            "UV7Q",
            "Y79Y/010",
        ],
        "a tab where YAML allows one as a separator (after an indicator, at the end of a line, on a blank line)",
    ),
    **dict.fromkeys(
        ["4MUZ/00", "4MUZ/01", "4MUZ/02", "5MUD", "5T43", "9SA2", "CFD4", "K3WX", "NJ66", "UT92", "VJP3/01", "WZ62"],
        "a flow mapping's `:` on the line after its key, glued to a JSON-like key, or after an empty key",
    ),
    **dict.fromkeys(
        ["4QFQ", "DWX9", "R4YG", "T26H"],
        "a literal or folded scalar whose first blank lines have more spaces than its first line of text",
    ),
    **dict.fromkeys(["HWV9", "QT73"], "a document end marker `...` with no document before it"),
    "4FJ6": "a key that is a list holding a mapping (ruamel cannot make such a key)",
    "9MMW": "an implicit key of a mapping inside a flow sequence, quoted and followed by `:` and a value",
}
# Valid YAML the YAML library reads, wrongly: both paths agree, and a case holding the same
# would be checked with that reading.
LIBRARY_MISREADS = {
    "652Z": "`{ ?foo: bar }` has the key `foo`, not `?foo` (`?` followed by text starts a plain key)",
    "L24T/01": "a block scalar's last line of spaces, at the end of the file, loses its line break",
}
# Invalid YAML the YAML library accepts, with an unambiguous reading.
LIBRARY_ACCEPTS = {
    "9C9N": "a flow sequence's continuation lines are not indented",
    "QB6E": "a quoted scalar's continuation lines are not indented",
    "DK95/01": "a quoted scalar's continuation line is indented with a tab",
    "SU5Z": 'a comment glued to a quoted value (`"value"# comment`)',
}


def _documents(case: Path) -> list[Any] | None:
    """The expected data, one value per document, or None when the case has no ``in.json``."""
    path = case / "in.json"
    if not path.exists():
        return None
    decoder, text = json.JSONDecoder(), path.read_text(encoding="utf-8").strip()
    found, at = [], 0
    while at < len(text):
        value, end = decoder.raw_decode(text, at)
        found.append(value)
        at = len(text) - len(text[end:].lstrip())
    return found


def assert_in_file(location: Location, path: Path) -> None:
    """A 1-based line of the file (or just past its last line break), not 0-based, not past its end."""
    assert location.path == str(path), location
    # Every break a parser might count (YAML 1.1's NEL and LS among them): an upper bound.
    lines = len(path.read_bytes().decode("utf-8", errors="replace").splitlines()) + 1
    assert 1 <= location.line <= lines and location.column >= 1, (location, lines)


def _read(case: Path) -> Any:
    """The data of a case, or the InputError it raises: any other exception fails the test."""
    try:
        return yamlio.load(str(case / "in.yaml")).data
    except InputError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert_in_file(diagnostic.location, case / "in.yaml")
        return error


@pytest.mark.parametrize("name", CASES)
def test_case(name: str) -> None:
    case = SUITE / name
    result = _read(case)
    refused = isinstance(result, InputError)
    message = result.diagnostics[0].message if refused else ""
    if (case / "error").exists():
        assert refused or name in LIBRARY_ACCEPTS, "invalid YAML read without an error"
        return
    expected = _documents(case)
    if name in LIBRARY_REFUSES:
        assert refused
    elif refused:
        assert any(words in message for words in REFUSED), message
        if "the top level is" in message and expected is not None and len(expected) == 1:
            assert not isinstance(expected[0], dict)
    elif expected is not None and name not in LIBRARY_MISREADS:
        assert len(expected) == 1 and plain(result) == expected[0]


@pytest.mark.parametrize("name", CASES)
def test_fast_path_reads_as_the_careful_path(name: str) -> None:
    """Where the fast path takes a case, both paths read it alike; the careful path reads
    every case or refuses it with an ``InputError``, and nothing else."""
    text = yamlio.decode(name, (SUITE / name / "in.yaml").read_bytes())
    with contextlib.suppress(InputError):
        yamlio._careful_load(name, text, DEFAULT_LIMITS)
    compare(text)


def test_the_lists_name_cases_of_the_suite() -> None:
    invalid = {name for name in CASES if (SUITE / name / "error").exists()}
    assert len(CASES) == 402
    assert {*LIBRARY_REFUSES, *LIBRARY_MISREADS, *LIBRARY_ACCEPTS} <= set(CASES)
    assert set(LIBRARY_ACCEPTS) <= invalid
    assert not {*LIBRARY_REFUSES, *LIBRARY_MISREADS} & invalid
