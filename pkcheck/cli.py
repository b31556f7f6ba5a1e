"""The command line (typer): options in, report out, exit code. The only module that prints or exits."""

from __future__ import annotations

import datetime as dt
from enum import Enum
import os
import shutil
import sys
from typing import Annotated, Optional

import typer

from pkcheck import __version__
from pkcheck.diagnostics import Diagnostic, InputError, Level, UsageError
from pkcheck.engine import Settings, check_files
from pkcheck.formats import OutputFormat, formatter
from pkcheck.inputs import expand
from pkcheck.lint import lint
from pkcheck.output import write_atomic
from pkcheck.report import FAIL_ON_CHOICES, Report, exit_code
from pkcheck.standards import EffectiveStandard, Library, search_path
from pkcheck.waivers import LocatedWaiver, load_waivers
from pkcheck.yamlio import Limits

app = typer.Typer(
    name="pkcheck",
    help="Check UN peacekeeping unit declarations against deployment standards for training, equipment and medical support.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

StandardsPath = Annotated[
    Optional[list[str]],
    typer.Option("--standards-path", metavar="DIR", help="Folder of standards to search before PKCHECK_STANDARDS_PATH and the shipped standards (repeatable)."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pkcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Check UN peacekeeping unit declarations against deployment standards."""


def _as_of(value: Optional[str]) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint="--as-of") from None


def _fail_on(value: str) -> str:
    if value not in FAIL_ON_CHOICES:
        raise typer.BadParameter(f"{value!r}; choose one of {', '.join(FAIL_ON_CHOICES)}", param_hint="--fail-on")
    return value


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Declaration files, or folders searched for *.yaml, *.yml and *.json declarations.")],
    standard: Annotated[Optional[str], typer.Option("--standard", "-s", metavar="ID-OR-FILE", help="Check against this standard (an id in the search path, or a file) instead of choosing by unit type and mission.")] = None,
    standards_path: StandardsPath = None,
    waivers: Annotated[Optional[str], typer.Option("--waivers", metavar="FILE", help="A waivers file (pkcheck: waivers/v1).")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help="Judge dates as of this day, YYYY-MM-DD (default: today).")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")] = OutputFormat.TEXT,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE (atomically) instead of standard output.")] = None,
    fail_on: Annotated[str, typer.Option("--fail-on", metavar="SEVERITY", help="Exit 1 when an unwaived shortfall or missing evidence is at or above this severity: critical, major, minor, advisory or never.")] = "major",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also list the requirements that are met.")] = False,
) -> None:
    """Check declarations against deployment standards and report every shortfall.

    Exit codes: 0 nothing at or above --fail-on; 1 a shortfall at or above it; 2 an input could
    not be read or validated, or the command line is wrong.
    """
    fail_on = _fail_on(fail_on)
    day = _as_of(as_of)
    try:
        settings = _settings(standards_path or [], standard, waivers, day)
    except InputError as exc:
        _fail(exc.diagnostics)
    files = expand(paths)
    if not files:
        _usage(f"no declaration files found in: {' '.join(paths)}")
    report = Report(__version__, day, check_files(files, settings), _waiver_warnings(settings))
    _emit(report, output_format, output, verbose)
    raise typer.Exit(exit_code(report, fail_on))


@app.command("lint")
def lint_command(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH", help="Standards, waivers and declaration files or folders (default: the standards search path).")] = None,
    standards_path: StandardsPath = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings (such as unknown codes) as errors.")] = False,
) -> None:
    """Validate standards, vocabularies, waivers and declarations without checking them (for CI
    gating of standards). Codes no loaded vocabulary knows are warnings.

    Exit codes: 0 no errors (warnings allowed, unless --strict); 2 at least one error.
    """
    folders = search_path(standards_path or [])
    count, diagnostics = lint(paths or folders, folders)
    errors = [d for d in diagnostics if strict or d.level is Level.ERROR]
    for diagnostic in diagnostics:
        typer.echo(str(diagnostic))
    warnings = len(diagnostics) - len(errors)
    typer.echo(f"{count} file(s) linted: {len(errors)} error(s), {warnings} warning(s)", err=True)
    raise typer.Exit(2 if errors else 0)


@app.command("list")
def list_command(standards_path: StandardsPath = None) -> None:
    """List the standards in the search path: id, version, unit types, missions, requirements, file.

    A standard shadowed by one of the same id earlier in the search path is not listed.
    """
    library = Library(search_path(standards_path or []))
    rows = [("ID", "VERSION", "UNIT TYPES", "MISSIONS", "EXTENDS", "REQUIREMENTS", "FILE")]
    for standard_id in sorted(library.standards):
        rows.append(_standard_row(library, standard_id))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])
    for diagnostic in library.errors:
        typer.echo(str(diagnostic), err=True)
    raise typer.Exit(2 if library.errors else 0)


def _standard_row(library: Library, standard_id: str) -> tuple[str, ...]:
    loaded = library.standards[standard_id]
    model = loaded.model
    try:
        count = str(len(library.effective(standard_id).requirements))
    except InputError:
        count = "invalid (see pkcheck lint)"
    return (
        model.id, model.version, ", ".join(model.unit_types) or "-", ", ".join(model.missions) or "-",
        model.extends or "-", count, loaded.document.path,
    )


@app.command("explain")
def explain_command(
    requirement_id: Annotated[str, typer.Argument(metavar="REQUIREMENT-ID", help="A requirement id, e.g. INF-EQP-001.")],
    standard: Annotated[Optional[str], typer.Option("--standard", "-s", metavar="ID", help="Explain it as it stands in this standard (default: the standard that defines it).")] = None,
    standards_path: StandardsPath = None,
) -> None:
    """Explain one requirement: its check in plain words, rationale, remediation, references, and
    the standards that defined or changed it."""
    from pkcheck.explain import explain
    from pkcheck.titles import titles

    library = Library(search_path(standards_path or []))
    holders = _standards_with(library, requirement_id)
    if not holders:
        _usage(f"no standard in the search path has a requirement `{requirement_id}`")
    if standard is not None and standard not in holders:
        _usage(f"standard `{standard}` has no requirement `{requirement_id}`; it is in: {', '.join(holders)}")
    chosen = holders[standard] if standard else _defining(holders, requirement_id)
    others = [sid for sid in holders if sid != chosen.id]
    check = chosen.get(requirement_id).requirement.check  # type: ignore[union-attr]
    typer.echo(explain(chosen, requirement_id, others, titles(check, library.codes)), nl=False)


def _standards_with(library: Library, requirement_id: str) -> dict[str, EffectiveStandard]:
    found = {}
    for standard_id in sorted(library.standards):
        try:
            effective = library.effective(standard_id)
        except InputError:
            continue
        if effective.get(requirement_id) is not None:
            found[standard_id] = effective
    return found


def _defining(holders: dict[str, EffectiveStandard], requirement_id: str) -> EffectiveStandard:
    first = next(iter(holders.values()))
    defined_in = first.get(requirement_id).defined_in  # type: ignore[union-attr]
    return holders.get(defined_in, first)


class SchemaKind(str, Enum):
    DECLARATION = "declaration"
    STANDARD = "standard"
    VOCABULARY = "vocabulary"
    WAIVERS = "waivers"


@app.command("schema")
def schema_command(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file's schema to print.")],
) -> None:
    """Print the JSON Schema (draft 2020-12) of a declaration, standard, vocabulary or waivers file.

    The schema is generated from the models pkcheck validates with. Point your editor at it for
    completion, e.g. with a first line `# yaml-language-server: $schema=declaration.schema.json`.
    """
    from pkcheck.schemas import render

    sys.stdout.write(render(kind.value))


def _settings(folders: list[str], standard: Optional[str], waivers: Optional[str], day: dt.date) -> Settings:
    missing = [folder for folder in folders if not os.path.isdir(folder)]
    if missing:
        _usage(f"--standards-path {missing[0]}: no such folder")
    library = Library(search_path(folders))
    if library.errors:
        raise InputError(tuple(library.errors))
    standard_id = _standard_id(library, standard) if standard else None
    if standard_id is not None:
        library.effective(standard_id)
    located: tuple[LocatedWaiver, ...] = load_waivers(waivers) if waivers else ()
    return Settings(library, day, standard_id, located, Limits())


def _standard_id(library: Library, standard: str) -> str:
    if os.path.isfile(standard) or standard.endswith((".yaml", ".yml", ".json")):
        return library.add_file(standard).model.id
    if standard not in library.standards:
        known = ", ".join(sorted(library.standards)) or "none"
        _usage(f"unknown standard `{standard}`; standards in the search path: {known}")
    return standard


def _waiver_warnings(settings: Settings) -> tuple[Diagnostic, ...]:
    used = {item.requirement.id for standard in settings.library.composed() for item in standard.requirements}
    return tuple(
        Diagnostic(w.location, f"waiver for `{w.waiver.requirement}` matches no requirement of the standards used", Level.WARNING)
        for w in settings.waivers
        if w.waiver.requirement not in used
    )


def _emit(report: Report, output_format: OutputFormat, output: Optional[str], verbose: bool) -> None:
    to_terminal = output is None and sys.stdout.isatty()
    color = to_terminal and not os.environ.get("NO_COLOR")  # https://no-color.org: only a non-empty value
    width = shutil.get_terminal_size((110, 24)).columns if to_terminal else 110
    text = formatter(output_format, color=color, verbose=verbose, width=width)(report)
    if output:
        try:
            write_atomic(output, text)
        except OSError as exc:
            _usage(f"cannot write {output}: {exc.strerror or exc}")
    else:
        sys.stdout.write(text)


def _fail(diagnostics: tuple[Diagnostic, ...]) -> None:
    for diagnostic in diagnostics:
        typer.echo(str(diagnostic), err=True)
    raise typer.Exit(2)


def _usage(message: str) -> None:
    typer.echo(f"pkcheck: error: {message}", err=True)
    raise typer.Exit(2)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except UsageError as exc:
        _usage(str(exc))
