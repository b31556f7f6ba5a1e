"""Shared fixtures for the command-line tests: run ``pkcheck`` in-process, from the repository root.

Every test here runs the real typer app through ``typer.testing.CliRunner`` with the working
directory set to the repository root, so the paths in reports read ``examples/...`` exactly as
in the golden files. Variables of the caller's environment that change what pkcheck does
(``PKCHECK_STANDARDS_PATH``, ``NO_COLOR``, ``FORCE_COLOR``, ``COLUMNS``, the language and
locale) are removed first.
Test modules do not import from here (without ``__init__.py`` files a ``conftest`` module name
is not unique); they use the ``cli`` fixture.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pkcheck.cli import app
from pkcheck.library import standards
from pkcheck.load import yamlio
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.yamlio import Document

REPO = Path(__file__).resolve().parents[2]
# The language too: the golden files are English, whatever the locale of the machine.
_ENVIRONMENT = (
    "PKCHECK_STANDARDS_PATH",
    "NO_COLOR",
    "FORCE_COLOR",
    "COLUMNS",
    "LINES",
    "PKCHECK_LANG",
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
)


@dataclass(frozen=True)
class Run:
    """What one ``pkcheck`` invocation printed and returned."""

    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes

    def json(self) -> Any:
        return json.loads(self.stdout)

    def lines(self) -> list[str]:
        return (self.stdout + self.stderr).splitlines()


Cli = Callable[..., Run]


@pytest.fixture(autouse=True)
def _repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    for name in _ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


_STANDARD_FILES: dict[tuple[str, Limits, int, int], Document] = {}


@pytest.fixture(autouse=True)
def _standards_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each run reads the standards again, which is most of its time (about 0.1 s, for the
    shipped standard); these tests are about declarations, so a standard file is parsed once
    per session while it is unchanged. Declarations are read afresh every time (they are
    loaded through ``pkcheck.engine``, not ``pkcheck.library.standards``)."""

    def load(path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
        try:
            stat = os.stat(path)
        except OSError:
            return yamlio.load(path, limits)
        key = (os.path.abspath(path), limits, stat.st_mtime_ns, stat.st_size)
        if key not in _STANDARD_FILES:
            _STANDARD_FILES[key] = yamlio.load(path, limits)
        return _STANDARD_FILES[key]

    monkeypatch.setattr(standards, "load", load)


_RUNS: dict[tuple[tuple[str, ...], tuple[tuple[str, str], ...], str], Run] = {}


@pytest.fixture
def cli() -> Cli:
    """``cli("check", "examples/", env={...})``: run pkcheck and fail the test on any traceback.

    pkcheck is deterministic, so a run with the same arguments and environment is done once
    per session and its result reused (each run reloads the shipped standards, about 0.1 s).
    ``fresh=True`` runs again, for tests of determinism itself; a run that writes a file
    (``--output``) is always fresh.
    """

    def run(*args: str, env: Mapping[str, str] | None = None, fresh: bool = False) -> Run:
        # Paths in reports are relative to the working directory, which a test may change.
        key = (args, tuple(sorted((env or {}).items())), _working_directory())
        if fresh or "--output" in args or "-o" in args or key not in _RUNS:
            _RUNS[key] = _invoke(args, env or {})
        return _RUNS[key]

    return run


def _working_directory() -> str:
    """The working directory, or "" where it is gone (a test of a run from a removed folder)."""
    try:
        return os.getcwd()
    except OSError:
        return ""


def _invoke(args: tuple[str, ...], env: Mapping[str, str]) -> Run:
    result = CliRunner().invoke(app, list(args), env=dict(env))
    exception = result.exception
    if exception is not None and not isinstance(exception, SystemExit):
        shown = "".join(traceback.format_exception(exception))
        pytest.fail(f"pkcheck {' '.join(args)} raised instead of reporting:\n{shown}")
    for name, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        assert "Traceback" not in text, f"a traceback reached {name} of pkcheck {' '.join(args)}:\n{text}"
    return Run(tuple(args), result.exit_code, result.stdout, result.stderr, result.stdout_bytes)


EXAMPLES_AS_OF = "2026-11-26"  # the date every example's documentation is written for


@dataclass(frozen=True)
class Examples:
    """Check one example declaration and look into its JSON result (the ``examples`` fixture)."""

    cli: Cli

    def result(self, name: str, *options: str) -> dict[str, Any]:
        """The single result of ``pkcheck check examples/NAME.yaml`` (or ``NAME.json``) as of the
        examples' date."""
        run = self.cli("check", self.path(name), "--as-of", EXAMPLES_AS_OF, "--format", "json", *options)
        (result,) = run.json()["results"]
        return result  # type: ignore[no-any-return]

    @staticmethod
    def path(name: str) -> str:
        """``examples/NAME.yaml``, or ``examples/NAME.json`` for the example written in JSON."""
        yaml_path = f"examples/{name}.yaml"
        return yaml_path if (REPO / yaml_path).exists() else f"examples/{name}.json"

    def assert_documented(
        self,
        name: str,
        standard: tuple[str, int],
        verdict: str,
        not_met: dict[str, tuple[str, list[tuple[Any, ...]]]],
        waived: set[str] | None = None,
    ) -> None:
        """The example is checked against its ``standard`` (an id and its number of
        requirements), a child of the core, without errors or warnings, with the documented
        ``verdict``, and exactly ``not_met`` not met. With ``waived`` (a set, maybe empty), it is
        checked with examples/waivers.yaml and those findings are waived."""
        result = self.result(name, *([] if waived is None else ["--waivers", "examples/waivers.yaml"]))
        assert result["standard"]["id"] == standard[0]
        assert result["standard"]["chain"] == ["un-core-contingent", standard[0]]
        assert result["verdict"] == verdict
        assert result["errors"] == [] and result["warnings"] == []
        assert len(result["findings"]) == standard[1]
        self.assert_not_met(result, not_met, waived or set())

    def in_folder(self, names: list[str]) -> list[tuple[str, str]]:
        """The paths and verdicts of the examples ``names`` as ``pkcheck check examples/`` reports
        them, in its order."""
        results = self.cli("check", "examples/", "--as-of", EXAMPLES_AS_OF, "--format", "json").json()["results"]
        paths = {self.path(name) for name in names}
        return [(r["declaration"]["path"], r["verdict"]) for r in results if r["declaration"]["path"] in paths]

    @staticmethod
    def finding(result: dict[str, Any], requirement: str) -> dict[str, Any]:
        """The one finding of ``result`` for ``requirement``."""
        (finding,) = [f for f in result["findings"] if f["requirement"] == requirement]
        return finding  # type: ignore[no-any-return]

    @classmethod
    def assert_not_met(
        cls, result: dict[str, Any], not_met: dict[str, tuple[str, list[tuple[Any, ...]]]], waived: set[str]
    ) -> None:
        """Exactly the requirements of ``not_met`` are not met, each with its status (``waived``
        instead if listed in ``waived``) and gaps (a waived finding keeps its gaps)."""
        expected = {req: ("waived" if req in waived else status) for req, (status, _) in not_met.items()}
        assert {f["requirement"]: f["status"] for f in result["findings"] if f["status"] != "met"} == expected
        for finding in result["findings"]:
            if finding["requirement"] in not_met:
                assert cls.gaps_match(finding, not_met[finding["requirement"]][1]), finding

    @staticmethod
    def gaps_match(finding: dict[str, Any], expected: list[tuple[Any, ...]]) -> bool:
        """Whether the finding's gaps are ``expected``: (criterion, required, declared, shortfall)
        tuples in order, where ``...`` stands for a value the documentation does not give."""
        gaps = [(g["criterion"], g["required"], g["declared"], g["shortfall"]) for g in finding["gaps"]]
        return len(gaps) == len(expected) and all(
            all(e is ... or v == e for v, e in zip(gap, pinned, strict=True))
            for gap, pinned in zip(gaps, expected, strict=True)
        )


@pytest.fixture
def examples(cli: Cli) -> Examples:
    """Helpers to check the example declarations (see ``Examples``)."""
    return Examples(cli)
