"""What the fuzzer runs: the loader and the checker on one file's bytes, and the promises
they keep whatever the bytes are.

A declaration never raises: it is checked, or it is an ``invalid`` result whose errors are
located ``path:line:column: message`` diagnostics of one line each, and every output format
renders the result. A standard that cannot be used raises ``InputError`` only, with located
diagnostics. Anything else (another exception, an error without a place) is a bug.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from pkcheck import api
from pkcheck.diagnostics import Diagnostic, InputError, Location
from pkcheck.engine import Settings, check_file
from pkcheck.formats import OutputFormat
from pkcheck.library.standards import Library
from pkcheck.load.limits import Limits
from pkcheck.report import Report, Result, Verdict

AS_OF = dt.date(2026, 11, 26)


@cache
def shipped() -> Settings:
    """The shipped standards, loaded once."""
    return Settings(api.load_standards(), AS_OF, None, (), Limits())


def check_declaration(raw: bytes, suffix: str = ".yaml") -> Result:
    """Check ``raw`` as a declaration file against the shipped standards and assert the promises."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"declaration{suffix}")
        with open(path, "wb") as handle:
            handle.write(raw)
        result = check_file(path, shipped())
        assert_result(result, path)
        report = Report("0", AS_OF, (result,))
        for output in OutputFormat:
            text = api.render(report, output.value)
            if output is OutputFormat.JSON:
                json.loads(text)
        return result


def assert_result(result: Result, path: str) -> None:
    assert result.path == path
    if result.verdict is Verdict.INVALID:
        assert result.errors, "an invalid result must say why"
        assert not result.findings
    else:
        assert not result.errors
        assert result.findings
    assert_located(result.errors, path)
    assert_located(result.warnings, path)
    for finding in result.findings:
        assert_in_file(finding.location)


def assert_in_file(location: Location) -> None:
    """A 1-based position on one of the file's lines (or just after its last line break)."""
    try:
        # Every break a parser might count (YAML 1.1's NEL and LS among them): an upper bound.
        lines = len(Path(location.path).read_bytes().decode("utf-8", errors="replace").splitlines()) + 1
    except OSError:  # not a file: a folder, or a file gone
        lines = None
    assert location.line >= 1 and location.column >= 1, location
    assert lines is None or location.line <= lines, (location, lines)


def assert_located(diagnostics: Iterable[Diagnostic], path: str | None = None) -> None:
    """Every diagnostic names a place in a file and is one line of text."""
    for diagnostic in diagnostics:
        location = diagnostic.location
        assert path is None or location.path == path, diagnostic
        assert_in_file(location)
        assert diagnostic.message and "\n" not in diagnostic.message, repr(diagnostic.message)


def load_standard(raw: bytes, declaration: str) -> None:
    """Load ``raw`` as the only standard of a folder, compose every standard found, and check
    ``declaration`` against each; only located ``InputError`` may stop it."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "standard.yaml")
        with open(path, "wb") as handle:
            handle.write(raw)
        library = Library([folder, *shipped().library.folders])
        assert_located(library.errors)
        for standard_id in sorted(library.standards):
            try:
                library.effective(standard_id)
            except InputError as exc:
                assert exc.diagnostics
                assert_located(exc.diagnostics)
                continue
            result = check_file(declaration, Settings(library, AS_OF, standard_id))
            assert_located(result.errors)
            assert_located(result.warnings)
