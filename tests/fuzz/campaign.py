"""The campaign's target: one ``World`` through ``pkcheck check``, ``gaps``, ``diff`` and ``lint``,
in process (typer's ``CliRunner``), every format of each written in one run where the command
allows it, and every promise the outputs keep checked (``outputs.py``).

``COMMANDS[command](world)`` returns the ``Violation``s found, so that a long run can collect
every class of failure (``explore.py``); the tests assert there are none.

The promises, beyond those of each output: the command ends with exit code 0, 1 or 2 (never a
traceback, never 3, pkcheck's "internal error"); when it reports, it writes every format asked
for; ``check`` exits 1 exactly when an unwaived finding is at or above ``--fail-on``, and its
GitHub annotations are one per finding and diagnostic of the JSON report, no more; and a
standard or waivers file that ``check`` refuses, ``lint`` refuses too.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from outputs import Violation, read_csv, read_html, read_json, read_junit, read_markdown, read_sarif, scan_text
from typer.testing import CliRunner
from world import World

from pkcheck.cli import app
from pkcheck.enums import Severity

# Variables of the caller's environment that would change what pkcheck does.
_ENVIRONMENT = dict.fromkeys(
    ("PKCHECK_STANDARDS_PATH", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "CI", "PKCHECK_DEBUG")
)


def _text(label: str, text: str) -> list[Violation]:
    return scan_text(label, text)


def _github(label: str, text: str) -> list[Violation]:
    return scan_text(label, text, github=True)


def _json(label: str, text: str) -> list[Violation]:
    return read_json(label, text)[1]


# Format -> (file name, reader)
CHECK_FORMATS: dict[str, tuple[str, Callable[[str, str], list[Violation]]]] = {
    "text": ("report.txt", _text),
    "json": ("report.json", _json),
    "sarif": ("report.sarif", read_sarif),
    "junit": ("report.xml", read_junit),
    "markdown": ("report.md", read_markdown),
    "github": ("report.github", _github),
    "html": ("report.html", read_html),
}
GAPS_FORMATS = {
    "text": ("gaps.txt", _text),
    "json": ("gaps.json", _json),
    "csv": ("gaps.csv", read_csv),
    "markdown": ("gaps.md", read_markdown),
}
DIFF_FORMATS = {
    "text": ("diff.txt", _text),
    "json": ("diff.json", _json),
    "markdown": ("diff.md", read_markdown),
}


@dataclass(frozen=True)
class Run:
    """What one command printed and how it ended."""

    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None  # anything but SystemExit


@contextlib.contextmanager
def written(world: World) -> Iterator[str]:
    """A temporary folder holding the world's files and ``out/``, as the working directory."""
    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="pkcheck-campaign-") as folder:
        world.write(folder)
        os.makedirs(os.path.join(folder, "out"))
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(here)


def invoke(*args: str) -> Run:
    result = CliRunner().invoke(app, list(args), env=_ENVIRONMENT)
    exception = result.exception
    if isinstance(exception, SystemExit):
        exception = None
    # Decoded here, not by CliRunner, which would hide a raw carriage return.
    stdout = result.stdout_bytes.decode("utf-8", "replace")
    stderr = result.stderr_bytes.decode("utf-8", "replace")
    return Run(result.exit_code, stdout, stderr, exception)


def _where(exception: BaseException) -> str:
    """The innermost frame of pkcheck's own code that the exception went through."""
    frames = [
        frame for frame in traceback.extract_tb(exception.__traceback__) if f"{os.sep}pkcheck{os.sep}" in frame.filename
    ]
    if not frames:
        return "outside pkcheck"
    frame = frames[-1]
    return f"pkcheck/{frame.filename.rsplit(os.sep + 'pkcheck' + os.sep, 1)[1]}:{frame.name}"


def _run_violations(command: str, run: Run, exit_codes: set[int]) -> list[Violation]:
    found = []
    if run.exception is not None:
        shown = "".join(traceback.format_exception_only(run.exception)).strip()
        found.append(
            Violation(f"{command}: {type(run.exception).__name__} raised in {_where(run.exception)}", shown[:300])
        )
    elif run.exit_code not in exit_codes:
        found.append(Violation(f"{command}: exit code {run.exit_code}", (run.stderr or run.stdout)[-300:]))
    if "Traceback (most recent call last)" in run.stdout + run.stderr:
        found.append(Violation(f"{command}: a traceback is printed", run.stderr[-300:]))
    found += scan_text(f"{command} stdout", run.stdout)
    found += scan_text(f"{command} stderr", run.stderr)
    return found


def _read_outputs(
    command: str, run: Run, formats: dict[str, tuple[str, Any]]
) -> tuple[dict[str, str], list[Violation]]:
    """Every output file of a run that reported, each read with its format's reader."""
    texts: dict[str, str] = {}
    found: list[Violation] = []
    for name, (file, _) in formats.items():
        path = Path("out", file)
        if path.exists():
            raw = path.read_bytes()
            try:
                texts[name] = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                found.append(Violation(f"{command} -f {name}: not UTF-8", str(exc)))
                texts[name] = raw.decode("utf-8", "replace")
    missing = sorted(set(formats) - set(texts))
    reported = run.exception is None and (run.exit_code in (0, 1) or texts)
    if reported and missing:
        found.append(
            Violation(
                f"{command}: exit code {run.exit_code} without every format written", f"missing {', '.join(missing)}"
            )
        )
    if not texts and run.exception is None and run.exit_code == 2 and not run.stderr.strip():
        found.append(Violation(f"{command}: exit code 2 with no report and nothing on stderr", ""))
    for name, text in texts.items():
        found += formats[name][1](f"{command} -f {name}", text)
    return texts, found


def _common_options(world: World) -> list[str]:
    options = ["--as-of", world.as_of]
    if world.waivers is not None:
        options.append(f"--waivers={world.waivers_name}")
    return options


def check(world: World) -> list[Violation]:
    """``pkcheck check`` in every format at once (and text on standard output too)."""
    with written(world):
        targets = ",".join(f"{name}=out/{file}" for name, (file, _) in CHECK_FORMATS.items())
        run = invoke(
            "check",
            "decls",
            "--standards-path",
            "new",
            *_common_options(world),
            "--fail-on",
            world.fail_on,
            "-f",
            "text",
            "-f",
            targets,
        )
        found = _run_violations("check", run, {0, 1, 2})
        texts, read = _read_outputs("check", run, CHECK_FORMATS)
        if not texts and run.exception is None and run.exit_code == 2:
            found += _lint_agrees(world, run)
    found += read
    report, _ = read_json("check -f json", texts.get("json", "null"))
    if isinstance(report, dict) and run.exception is None:
        found += _check_agrees(world, run, report, texts.get("github"))
    return found


def _lint_agrees(world: World, run: Run) -> list[Violation]:
    """``check`` refused to start (a standard or the waivers file is bad): ``lint`` of the
    standards and the waivers finds an error too."""
    linted = invoke("lint", "new", *([world.waivers_name] if world.waivers is not None else []))
    if linted.exception is None and linted.exit_code == 0:
        return [Violation("check: refuses a standard or waivers file that lint accepts", run.stderr[:200])]
    return []


def _check_agrees(world: World, run: Run, report: dict[str, Any], github: str | None) -> list[Violation]:
    """The exit code and the GitHub annotations say what the JSON report says."""
    found = []
    results = report.get("results", [])
    failing = [f for r in results for f in r["findings"] if f["status"] in ("shortfall", "no-evidence")]
    if any(r["verdict"] == "invalid" for r in results):
        expected = 2
    elif world.fail_on == "never":
        expected = 0
    else:
        expected = int(any(Severity(f["severity"]).rank >= Severity(world.fail_on).rank for f in failing))
    if run.exit_code != expected:
        found.append(
            Violation(
                f"check: exit code {run.exit_code} where the JSON report means {expected}", f"--fail-on {world.fail_on}"
            )
        )
    if github is not None:
        diagnostics = sum(len(r["errors"]) + len(r["warnings"]) for r in results) + len(report.get("warnings", []))
        annotations = sum(1 for line in github.split("\n") if line.lstrip().startswith("::"))
        if annotations != len(failing) + diagnostics:
            found.append(
                Violation(
                    "check -f github: more or fewer annotations than findings and diagnostics",
                    f"{annotations} annotations for {len(failing)} findings and {diagnostics} diagnostics",
                )
            )
    return found


def gaps(world: World) -> list[Violation]:
    """``pkcheck gaps`` in every format at once (and text on standard output too)."""
    with written(world):
        targets = ",".join(f"{name}=out/{file}" for name, (file, _) in GAPS_FORMATS.items())
        run = invoke("gaps", "decls", "--standards-path", "new", *_common_options(world), "-f", "text", "-f", targets)
        found = _run_violations("gaps", run, {0, 2})
        found += _read_outputs("gaps", run, GAPS_FORMATS)[1]
    return found


def diff(world: World) -> list[Violation]:
    """``pkcheck diff OLD NEW --against decls`` once per format (it writes one per run)."""
    found: list[Violation] = []
    with written(world):
        for name, (file, _) in DIFF_FORMATS.items():
            old, new = (os.path.join(side, world.standard_name) for side in ("old", "new"))
            run = invoke(
                "diff", old, new, "--against", "decls", *_common_options(world), "-f", name, "-o", f"out/{file}"
            )
            found += _run_violations("diff", run, {0, 2})
            found += _read_outputs("diff", run, {name: DIFF_FORMATS[name]})[1]
    return found


def lint(world: World) -> list[Violation]:
    """``pkcheck lint`` of the new standard, the declarations and the waivers."""
    with written(world):
        paths = ["new", "decls"] + ([world.waivers_name] if world.waivers is not None else [])
        run = invoke("lint", *paths)
        return _run_violations("lint", run, {0, 2})


COMMANDS: dict[str, Callable[[World], list[Violation]]] = {"check": check, "gaps": gaps, "diff": diff, "lint": lint}


def assert_kept(violations: list[Violation]) -> None:
    """Fail with every broken promise, one per line."""
    assert not violations, "\n".join(str(v) for v in violations)
