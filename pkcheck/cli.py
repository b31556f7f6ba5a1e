"""The command line (typer): options in, report out, exit code. The only module that prints or exits.

Whatever it prints that names a file or quotes one (diagnostics, usage errors, listings) goes
through ``pkcheck.escapes.line``: text from files is shown, never obeyed by a terminal or CI."""

import contextlib
import dataclasses
import datetime as dt
import errno
import gc
import io
import os
import re
import shutil
import signal
import sys
import traceback
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from pkcheck import __version__
from pkcheck.diagnostics import Diagnostic, InputError, Level, UsageError, describe
from pkcheck.enums import Category, Severity
from pkcheck.escapes import line, shown
from pkcheck.load.limits import DEFAULT_LIMITS, Limits

# The models, the parser, the checks and the formats are imported by the commands that use
# them, so that `pkcheck --help` and `--version` start nearly as fast as typer itself.
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from pkcheck.engine import Settings
    from pkcheck.formats import OutputFormat
    from pkcheck.library.standards import EffectiveStandard, Library
    from pkcheck.load.inputs import Read
    from pkcheck.report import Report

E = TypeVar("E", bound=Enum)

app = typer.Typer(
    name="pkcheck",
    help="Check UN peacekeeping unit declarations against deployment standards for training, equipment and medical support.",
    epilog=(
        "Exit codes of every command, besides those its help lists: 3 an internal error (a bug in pkcheck; "
        "PKCHECK_DEBUG=1 shows the traceback); 130 interrupted (Ctrl-C); 141 standard output closed early; "
        "143 terminated (SIGTERM). 1 only ever means the result a command documents."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class SuiteFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


DeclarationPaths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH", help="Declaration files, or folders searched for *.yaml, *.yml and *.json declarations."
    ),
]
ForcedStandard = Annotated[
    str | None,
    typer.Option(
        "--standard",
        "-s",
        metavar="ID-OR-FILE",
        help="Check against this standard (an id in the search path, or a file) instead of choosing by unit type and mission.",
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Judge dates as of this day, YYYY-MM-DD (default: today)."),
]
StandardsPath = Annotated[
    list[str] | None,
    typer.Option(
        "--standards-path",
        metavar="DIR",
        help="Folder of standards to search before PKCHECK_STANDARDS_PATH and the shipped standards (repeatable).",
    ),
]

Jobs = Annotated[
    str,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        help="Check the declarations in N processes at once, or `auto` for one per CPU (default 1). The report is the same whatever N.",
    ),
]


def _limit_option(option: str, metavar: str, default: str, what: str) -> Any:
    """An option raising or lowering one of the limits on the files read (see ``_limits``)."""
    variable = "PKCHECK_" + option[2:].upper().replace("-", "_")
    return Annotated[
        str | None, typer.Option(option, metavar=metavar, help=f"{what} (default {default}; env {variable}).")
    ]


MaxFileSize = _limit_option(
    "--max-file-size", "SIZE", "20MB", "Refuse input files larger than SIZE, e.g. 20MB, 512KB, 1GB or bytes"
)
MaxNodes = _limit_option(
    "--max-nodes", "N", "25000", "Refuse files with more than N values, counted with aliases expanded"
)
MaxDepth = _limit_option("--max-depth", "N", "64", "Refuse files nested more than N levels deep")
MaxLineLength = _limit_option("--max-line-length", "N", "1000000", "Refuse files with a line longer than N characters")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pkcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Check UN peacekeeping unit declarations against deployment standards."""


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint="--as-of") from None


def _fail_on(value: str) -> str:
    from pkcheck.report import FAIL_ON_CHOICES

    if value not in FAIL_ON_CHOICES:
        raise typer.BadParameter(f"{value!r}; choose one of {', '.join(FAIL_ON_CHOICES)}", param_hint="--fail-on")
    return value


@app.command()
def check(
    paths: DeclarationPaths,
    standard: ForcedStandard = None,
    standards_path: StandardsPath = None,
    waivers: Annotated[
        str | None, typer.Option("--waivers", metavar="FILE", help="A waivers file (pkcheck: waivers/v1).")
    ] = None,
    as_of: AsOf = None,
    output_format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT[=FILE]",
            help="Report format: text, json, sarif, junit, markdown, github or html. Repeat it, or separate with commas, for several; FORMAT=FILE writes that one to FILE.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report (the format given without =FILE) to FILE, atomically, instead of standard output.",
        ),
    ] = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            metavar="SEVERITY",
            help="Exit 1 when an unwaived shortfall or missing evidence is at or above this severity: critical, major, minor, advisory or never.",
        ),
    ] = "major",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also list the requirements that are met.")] = False,
    details: Annotated[
        bool,
        typer.Option(
            "--details",
            help="In text, show every unit's findings even when several declarations are checked (default: a portfolio summary).",
        ),
    ] = False,
    jobs: Jobs = "1",
    max_file_size: MaxFileSize = None,
    max_nodes: MaxNodes = None,
    max_depth: MaxDepth = None,
    max_line_length: MaxLineLength = None,
) -> None:
    """Check declarations against deployment standards and report every shortfall.

    Exit codes: 0 nothing at or above --fail-on; 1 a shortfall at or above it; 2 an input could
    not be read or validated (or met an internal error; the others are still checked), or the
    command line is wrong; 3 an internal error (a bug in pkcheck) stopped the run.
    """
    fail_on = _fail_on(fail_on)
    day = _as_of(as_of)
    limits = _limits(max_file_size, max_nodes, max_depth, max_line_length)
    workers = _jobs(jobs)
    from pkcheck.formats import OutputFormat
    from pkcheck.report import exit_code

    inputs = _batch_inputs(paths, standard, standards_path, waivers)
    targets = _destinations(output_format, output, OutputFormat, inputs)
    report = _check_batch(paths, standard, standards_path, waivers, day, limits, workers)
    _show_tracebacks(e for r in report.results for e in r.errors)
    for chosen_format, target in targets:
        _emit(report, chosen_format, target, verbose, details or None)
    raise typer.Exit(exit_code(report, fail_on))


@app.command("lint")
def lint_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Standards, waivers and declaration files or folders (default: the standards search path).",
        ),
    ] = None,
    standards_path: StandardsPath = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings (such as unknown codes) as errors.")] = False,
    max_file_size: MaxFileSize = None,
    max_nodes: MaxNodes = None,
    max_depth: MaxDepth = None,
    max_line_length: MaxLineLength = None,
) -> None:
    """Validate standards, vocabularies, waivers and declarations without checking them (for CI
    gating of standards). Codes no loaded vocabulary knows are warnings.

    Exit codes: 0 no errors (warnings allowed, unless --strict); 2 at least one error; 3 an
    internal error (a bug in pkcheck) stopped the run.
    """
    from pkcheck.analyses.lint import lint
    from pkcheck.library.standards import search_path

    folders = search_path(standards_path or [])
    count, diagnostics = lint(paths or folders, folders, _limits(max_file_size, max_nodes, max_depth, max_line_length))
    if strict:  # shown as what they count as
        diagnostics = [dataclasses.replace(d, level=Level.ERROR) for d in diagnostics]
    errors = [d for d in diagnostics if d.level is Level.ERROR]
    for diagnostic in diagnostics:
        typer.echo(line(diagnostic))
    _show_tracebacks(diagnostics)
    warnings = len(diagnostics) - len(errors)
    typer.echo(f"{count} file(s) linted: {len(errors)} error(s), {warnings} warning(s)", err=True)
    raise typer.Exit(2 if errors else 0)


@app.command("list")
def list_command(standards_path: StandardsPath = None) -> None:
    """List the standards in the search path: id, version, unit types, missions, requirements, file.

    A standard shadowed by one of the same id earlier in the search path is not listed.
    """
    from pkcheck.library.standards import Library, search_path

    library = Library(search_path(standards_path or []), _limits())
    rows = [("ID", "VERSION", "UNIT TYPES", "MISSIONS", "EXTENDS", "REQUIREMENTS", "FILE")]
    for standard_id in sorted(library.standards):
        rows.append(_standard_row(library, standard_id))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        typer.echo(line("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1]))
    for diagnostic in library.errors:
        typer.echo(line(diagnostic), err=True)
    raise typer.Exit(2 if library.errors else 0)


def _standard_row(library: "Library", standard_id: str) -> tuple[str, ...]:
    loaded = library.standards[standard_id]
    model = loaded.model
    try:
        count = str(len(library.effective(standard_id).requirements))
    except InputError:
        count = "invalid (see pkcheck lint)"
    cells = (
        model.id,
        model.version,
        ", ".join(model.unit_types) or "-",
        ", ".join(model.missions) or "-",
        model.extends or "-",
        count,
        loaded.document.path,
    )
    return tuple(shown(cell) for cell in cells)  # escaped before the columns are measured


@app.command("explain")
def explain_command(
    requirement_id: Annotated[
        str, typer.Argument(metavar="REQUIREMENT-ID", help="A requirement id, e.g. INF-EQP-001.")
    ],
    standard: Annotated[
        str | None,
        typer.Option(
            "--standard",
            "-s",
            metavar="ID",
            help="Explain it as it stands in this standard (default: the standard that defines it).",
        ),
    ] = None,
    standards_path: StandardsPath = None,
) -> None:
    """Explain one requirement: its check in plain words, rationale, remediation, references, and
    the standards that defined or changed it."""
    from pkcheck.analyses.explain import explain
    from pkcheck.library.standards import Library, search_path
    from pkcheck.titles import titles

    library = Library(search_path(standards_path or []), _limits())
    holders, broken = _standards_with(library, requirement_id)
    if not holders:
        _no_such_requirement(library, requirement_id, broken)
    if standard is not None and standard not in holders:
        _usage(f"standard `{standard}` has no requirement `{requirement_id}`; it is in: {', '.join(holders)}")
    chosen = holders[standard] if standard else _defining(holders, requirement_id)
    others = [sid for sid in holders if sid != chosen.id]
    check = chosen.get(requirement_id).requirement.check  # type: ignore[union-attr]
    typer.echo(explain(chosen, requirement_id, others, titles(check, library.codes)), nl=False)


def _standards_with(
    library: "Library", requirement_id: str
) -> "tuple[dict[str, EffectiveStandard], dict[str, InputError]]":
    """The composed standards that have the requirement, and every standard that cannot be
    composed, with why."""
    found, broken = {}, {}
    for standard_id in sorted(library.standards):
        try:
            effective = library.effective(standard_id)
        except InputError as exc:
            broken[standard_id] = exc
            continue
        if effective.get(requirement_id) is not None:
            found[standard_id] = effective
    return found, broken


def _no_such_requirement(library: "Library", requirement_id: str, broken: "dict[str, InputError]") -> NoReturn:
    """No composed standard has the requirement: the errors of each standard that cannot be
    composed and defines or overrides it, or else a usage error that says whether some
    standards could not be read or composed."""
    naming = [
        standard_id
        for standard_id in broken
        if requirement_id in library.standards[standard_id].model.overrides
        or any(r.id == requirement_id for r in library.standards[standard_id].model.requirements)
    ]
    for standard_id in naming:
        path = library.standards[standard_id].document.path
        typer.echo(
            line(
                f"pkcheck: error: `{requirement_id}` is in standard `{standard_id}` ({path}), which cannot be composed:"
            ),
            err=True,
        )
        _echo_diagnostics(broken[standard_id].diagnostics)
    if naming:
        raise typer.Exit(2)
    unread = len({d.location.path for d in library.errors} | {library.standards[sid].document.path for sid in broken})
    hint = f"; {unread} standard file(s) could not be read or composed (see `pkcheck lint`)" if unread else ""
    _usage(f"no standard in the search path has a requirement `{requirement_id}`{hint}")


def _defining(holders: "dict[str, EffectiveStandard]", requirement_id: str) -> "EffectiveStandard":
    first = next(iter(holders.values()))
    defined_in = first.get(requirement_id).defined_in  # type: ignore[union-attr]
    return holders.get(defined_in, first)


@app.command("init")
def init_command(
    unit_type: Annotated[
        str, typer.Argument(metavar="UNIT-TYPE", help="The unit type, e.g. infantry-battalion (see `pkcheck list`).")
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the template to FILE (default: standard output)."),
    ] = None,
    mission: Annotated[
        str | None,
        typer.Option(
            "--mission", metavar="CODE", help="The unit's mission; it may select an overlay standard, e.g. high-threat."
        ),
    ] = None,
    standard: Annotated[
        str | None,
        typer.Option(
            "--standard",
            "-s",
            metavar="ID-OR-FILE",
            help="Use this standard instead of the one chosen by unit type and mission.",
        ),
    ] = None,
    unit_id: Annotated[
        str, typer.Option("--unit-id", metavar="ID", help="The unit id to put in the template.")
    ] = "XX-UNIT-01",
    country: Annotated[
        str,
        typer.Option(
            "--country", metavar="CC", help="The contributing country (ISO 3166-1 alpha-2) to put in the template."
        ),
    ] = "XX",
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="Date for the template's dates, YYYY-MM-DD (default: today)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    standards_path: StandardsPath = None,
) -> None:
    """Write a declaration template for a unit type's standard.

    The template lists every field the standard examines, each commented with the requirements
    that examine it and set to the smallest value that meets them, so it checks `ready` as
    written. Replace the values with your unit's, then run `pkcheck check FILE`.
    """
    from pkcheck.analyses.template import UnitFields, build, unit_field_errors

    day = _as_of(as_of)
    output = _file_or_stdout(output)
    unit = UnitFields(unit_type, unit_id, country, mission)
    for problem in unit_field_errors(unit):
        _usage(problem)
    if output and os.path.isfile(output) and not force:  # a device or pipe holds nothing to lose
        _usage(f"{output} exists; use --force to overwrite it")
    _refuse_overwriting([output], *_standards_inputs(standards_path, standard))
    try:
        settings = _settings(standards_path or [], standard, None, day)
        library = settings.library
        standard_id = settings.standard or library.select(unit_type, mission)
        effective = library.effective(standard_id)
        text = build(effective, unit, day)
    except LookupError as exc:
        _usage(str(exc))
    except InputError as exc:
        _fail(exc.diagnostics)
    _write(text, output)
    if output:
        typer.echo(line(f"wrote {output}: a declaration template for {effective.id} {effective.version}"), err=True)


@app.command("test")
def test_suites_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Test suite files, or folders searched for them (default: the tests/ folder of each standards search-path folder).",
        ),
    ] = None,
    standards_path: StandardsPath = None,
    output_format: Annotated[SuiteFormat, typer.Option("--format", "-f", help="Report format.")] = SuiteFormat.TEXT,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically) instead of standard output."
        ),
    ] = None,
    require_coverage: Annotated[
        bool,
        typer.Option(
            "--require-coverage",
            help="Exit 1 when a suite leaves a requirement or category unexercised as met or as failing.",
        ),
    ] = False,
    max_file_size: MaxFileSize = None,
    max_nodes: MaxNodes = None,
    max_depth: MaxDepth = None,
    max_line_length: MaxLineLength = None,
) -> None:
    """Run standard test suites (pkcheck: test/v1): check each case's declaration and compare the
    verdict and statuses with the expected ones; report what no case exercises.

    Exit codes: 0 every case passes; 1 a case fails (or, with --require-coverage, a suite has a
    coverage gap); 2 a suite, declaration, waivers file or standard could not be read or
    validated, or no suite was found in the PATHs given; 3 an internal error (a bug in pkcheck)
    stopped the run.
    """
    from pkcheck.analyses.suites import run_suites
    from pkcheck.formats.suite_json import render as render_json
    from pkcheck.formats.suite_text import render as render_text
    from pkcheck.library.standards import search_path
    from pkcheck.load.inputs import Read, expand_suites

    output = _file_or_stdout(output)
    folders = search_path(_existing_folders(standards_path or []))
    if paths:
        files = expand_suites(paths)
        if not files:
            _usage(f"no test suites (`pkcheck: test/v1` files) found in: {' '.join(paths)}")
    else:
        files = expand_suites(
            [tests for tests in (os.path.join(folder, "tests") for folder in folders) if os.path.isdir(tests)]
        )
        if not files:
            typer.echo("pkcheck: no test suites found in the tests/ folders of the standards search path", err=True)
            raise typer.Exit(0)
    _refuse_overwriting([output], Read("a test suite", files), *_standards_inputs(standards_path))
    run = run_suites(files, folders, __version__, _limits(max_file_size, max_nodes, max_depth, max_line_length))
    _refuse_overwriting(
        [output], Read("a file a test suite names", [name for suite in run.suites for name in suite.named])
    )
    _show_tracebacks(
        [e for suite in run.suites for e in suite.errors] + [e for case in run.cases() for e in case.errors]
    )
    color, width = _terminal(output)
    text = render_json(run) if output_format is SuiteFormat.JSON else render_text(run, color=color, width=width)
    _write(text, output)
    raise typer.Exit(run.exit_code(require_coverage))


def _existing_folders(folders: list[str]) -> list[str]:
    missing = [folder for folder in folders if not os.path.isdir(folder)]
    if missing:
        _usage(f"--standards-path {missing[0]}: no such folder")
    return folders


class SchemaKind(str, Enum):
    DECLARATION = "declaration"
    REPORT = "report"
    STANDARD = "standard"
    TEST = "test"
    VOCABULARY = "vocabulary"
    WAIVERS = "waivers"


@app.command("schema")
def schema_command(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file's schema to print.")],
) -> None:
    """Print the JSON Schema (draft 2020-12) of a declaration, standard, vocabulary, waivers or
    test suite (test) file, or of the JSON report (report).

    The schema is generated from the models pkcheck validates with. Point your editor at it for
    completion, e.g. with a first line `# yaml-language-server: $schema=declaration.schema.json`.
    """
    from pkcheck.schemas import render

    sys.stdout.write(render(kind.value))


class DiffFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


@app.command("diff")
def diff_command(
    old: Annotated[
        str, typer.Argument(metavar="OLD", help="The old version: a standard id in the search path, or a file.")
    ],
    new: Annotated[
        str, typer.Argument(metavar="NEW", help="The new version: a standard id in the search path, or a file.")
    ],
    against: Annotated[
        list[str] | None,
        typer.Option(
            "--against",
            metavar="PATH",
            help="Also check these declarations (files or folders; repeatable) under both versions and list every unit whose verdict or requirement statuses change.",
        ),
    ] = None,
    standards_path: StandardsPath = None,
    waivers: Annotated[
        str | None, typer.Option("--waivers", metavar="FILE", help="A waivers file for the --against checks.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Judge the --against declarations as of this day, YYYY-MM-DD (default: today).",
        ),
    ] = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.TEXT,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of standard output."),
    ] = None,
    fail_on_relaxation: Annotated[
        bool,
        typer.Option(
            "--fail-on-relaxation",
            help="Exit 1 when NEW removes a requirement or relaxes one (a lower minimum, a higher maximum, a lower severity, an alternative added...).",
        ),
    ] = False,
    max_file_size: MaxFileSize = None,
    max_nodes: MaxNodes = None,
    max_depth: MaxDepth = None,
    max_line_length: MaxLineLength = None,
) -> None:
    """Show what changed between two versions of a standard, computed on the composed (effective)
    standards: requirements added and removed, thresholds tightened or relaxed, severities raised
    or lowered, parameters changed, each located in NEW.

    Exit codes: 0 done (also when something changed); 1 with --fail-on-relaxation, NEW relaxes or
    removes a requirement; 2 a standard or waivers file could not be read or validated, an
    --against declaration is invalid (after reporting all of them), or the command line is wrong;
    3 an internal error (a bug in pkcheck) stopped the run.
    """
    from pkcheck import api
    from pkcheck.formats import diff_json, diff_markdown, diff_text
    from pkcheck.load.inputs import Read

    day = _as_of(as_of)
    limits = _limits(max_file_size, max_nodes, max_depth, max_line_length)
    output = _file_or_stdout(output)
    inputs = _batch_inputs(against or [], None, standards_path, waivers)
    _refuse_overwriting([output], Read("a standard", [old, new]), *inputs)
    try:
        result = api.diff(
            old,
            new,
            standards_path=standards_path or [],
            against=against or [],
            waivers=waivers,
            as_of=day,
            limits=limits,
        )
    except UsageError as exc:
        _usage(str(exc))
    except InputError as exc:
        _fail(exc.diagnostics)
    if result.against is not None:
        _show_tracebacks(e for unit in result.against.units + result.against.invalid for e in unit.errors)
    if output_format is DiffFormat.JSON:
        text = diff_json.render(result)
    elif output_format is DiffFormat.MARKDOWN:
        text = diff_markdown.render(result)
    else:
        color, width = _terminal(output)
        text = diff_text.render(result, color=color, width=width)
    _write(text, output)
    if result.against is not None and result.against.any_invalid:
        raise typer.Exit(2)  # as `check` does: the report is complete, but an input was bad
    raise typer.Exit(1 if fail_on_relaxation and result.relaxed else 0)


class GapsFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


@app.command("gaps")
def gaps_command(
    paths: DeclarationPaths,
    standard: ForcedStandard = None,
    standards_path: StandardsPath = None,
    waivers: Annotated[
        str | None,
        typer.Option(
            "--waivers", metavar="FILE", help="A waivers file (pkcheck: waivers/v1); waived shortfalls are not needs."
        ),
    ] = None,
    as_of: AsOf = None,
    category: Annotated[
        list[Category] | None,
        typer.Option(
            "--category",
            metavar="CATEGORY",
            help="Only requirements of this category: training, equipment, medical, personnel, sustainment or conduct (repeatable).",
        ),
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", metavar="CC", help="Only units of this contributing country (repeatable)."),
    ] = None,
    severity: Annotated[
        Severity,
        typer.Option(
            "--severity",
            metavar="SEVERITY",
            help="Only requirements of this severity or above: critical, major, minor or advisory.",
        ),
    ] = Severity.ADVISORY,
    output_format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT[=FILE]",
            help="Output format: text, json, csv or markdown. Repeat it, or separate with commas, for several; FORMAT=FILE writes that one to FILE.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the register (the format given without =FILE) to FILE, atomically, instead of standard output.",
        ),
    ] = None,
    jobs: Jobs = "1",
    max_file_size: MaxFileSize = None,
    max_nodes: MaxNodes = None,
    max_depth: MaxDepth = None,
    max_line_length: MaxLineLength = None,
) -> None:
    """List every unwaived shortfall of the declarations as a capacity-building needs register:
    summed by what would close it (equipment items, courses, medical staff and capabilities,
    sustainment days...), with the units and countries concerned and a per-country view.

    It checks the declarations as `check` does. Findings without evidence are counted apart.

    Exit codes: 0 the register was written (it is informational: shortfalls do not fail it);
    2 a declaration could not be read or validated (it is listed as invalid and the register of
    the others is still written), a standard or waivers file is bad, or the command line is wrong;
    3 an internal error (a bug in pkcheck) stopped the run.
    """
    from pkcheck.analyses.gaps import Filters, build
    from pkcheck.formats import gaps_csv, gaps_json, gaps_markdown, gaps_text
    from pkcheck.report import Verdict

    day = _as_of(as_of)
    limits = _limits(max_file_size, max_nodes, max_depth, max_line_length)
    workers = _jobs(jobs)
    inputs = _batch_inputs(paths, standard, standards_path, waivers)
    targets = _destinations(output_format, output, GapsFormat, inputs)
    report = _check_batch(paths, standard, standards_path, waivers, day, limits, workers)
    filters = Filters(tuple(dict.fromkeys(category or [])), tuple(sorted(set(country or []))), severity)
    register = build(report, filters)
    _show_tracebacks(
        [e for r in report.results for e in r.errors] + [e for invalid in register.invalid for e in invalid.internal]
    )
    for chosen_format, target in targets:
        if chosen_format is GapsFormat.TEXT:
            color, width = _terminal(target)
            text = gaps_text.render(register, color=color, width=width)
        else:
            text = {
                GapsFormat.JSON: gaps_json.render,
                GapsFormat.CSV: gaps_csv.render,
                GapsFormat.MARKDOWN: gaps_markdown.render,
            }[chosen_format](register)
        _write(text, target)
    raise typer.Exit(2 if register.invalid or any(r.verdict is Verdict.INVALID for r in report.results) else 0)


_SIZE = re.compile(r"(\d+)\s*([kmg]i?b?|b)?", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _limits(
    max_file_size: str | None = None,
    max_nodes: str | None = None,
    max_depth: str | None = None,
    max_line_length: str | None = None,
) -> Limits:
    """The limits given as options, else in ``PKCHECK_MAX_*`` environment variables, else the
    defaults; a value that is not a positive number (with a unit, for the size) is a usage error."""
    given = {"file-size": max_file_size, "nodes": max_nodes, "depth": max_depth, "line-length": max_line_length}
    values = {}
    for name, value in given.items():
        source = f"--max-{name}"
        if value is None:
            variable = "PKCHECK_MAX_" + name.upper().replace("-", "_")
            value, source = os.environ.get(variable) or None, variable
        if value is not None:
            values[name] = _size(value, source) if name == "file-size" else _count(value, source)
    defaults = DEFAULT_LIMITS
    return Limits(
        max_bytes=values.get("file-size", defaults.max_bytes),
        max_nodes=values.get("nodes", defaults.max_nodes),
        max_depth=values.get("depth", defaults.max_depth),
        max_line_length=values.get("line-length", defaults.max_line_length),
    )


def _size(value: str, source: str) -> int:
    """``20MB``, ``512 KiB``, ``1g``, ``1000``: bytes, with binary units (1 MB is 1,048,576 bytes)."""
    match = _SIZE.fullmatch(value.strip())
    if match is None or int(match.group(1)) == 0:
        _usage(f"{source} {value!r}: expected a positive size such as 20MB, 512KB, 1GB or a number of bytes")
    unit = (match.group(2) or "").lower()[:1]
    return int(match.group(1)) * _UNITS[unit]


def _jobs(value: str) -> int:
    """``--jobs``: a positive number, or ``auto`` for one process per available CPU."""
    if value.strip().lower() == "auto":
        from pkcheck.parallel import available_cpus

        return available_cpus()
    if not value.strip().isdigit() or int(value) == 0:
        _usage(f"--jobs {value!r}: expected a positive whole number or `auto`")
    return int(value)


def _count(value: str, source: str) -> int:
    if not value.strip().isdigit() or int(value) == 0:
        _usage(f"{source} {value!r}: expected a positive whole number")
    return int(value)


def _settings(folders: list[str], standard: str | None, waivers: str | None, day: dt.date) -> "Settings":
    from pkcheck import api

    try:
        return api.settings(folders, standard, waivers, day, _limits())
    except UsageError as exc:
        _usage(str(exc))
        raise


def _destinations(
    specs: list[str] | None, output: str | None, formats: type[E], inputs: "Iterable[Read]" = ()
) -> list[tuple[E, str | None]]:
    """Where each ``--format`` goes (``pkcheck.formats.destinations``); a bad combination, or a
    file that is one of the ``inputs``, is a usage error, found before anything is read."""
    from pkcheck.formats import destinations

    try:
        chosen = destinations(specs or [], output, formats)
    except UsageError as exc:
        _usage(str(exc))
    _refuse_overwriting([target for _, target in chosen], *inputs)
    return chosen


def _file_or_stdout(output: str | None) -> str | None:
    """``--output FILE``, or None for standard output (no option, or ``-o -``)."""
    from pkcheck.formats import STDOUT

    return None if output == STDOUT else output


def _batch_inputs(
    paths: list[str], standard: str | None, standards_path: list[str] | None, waivers: str | None
) -> "list[Read]":
    """The files a run checking declarations reads: the declarations, the waivers and the standards."""
    from pkcheck.load.inputs import DECLARATIONS, Read

    return [
        Read("a declaration", paths, DECLARATIONS),
        Read("the waivers file", [waivers] if waivers else []),
        *_standards_inputs(standards_path, standard),
    ]


def _standards_inputs(standards_path: list[str] | None, standard: str | None = None) -> "list[Read]":
    """The standards a run reads: the one named with ``--standard`` (if a file), and the files
    of the search path's folders."""
    from pkcheck.library.standards import search_path
    from pkcheck.load.inputs import STANDARDS, Read

    return [
        Read("a standard", [standard] if standard else []),
        Read("a file of the standards search path", search_path(standards_path or []), STANDARDS),
    ]


def _refuse_overwriting(targets: "Iterable[str | None]", *inputs: "Read") -> None:
    """An output file that is also one of the run's inputs (``check unit.yaml -o unit.yaml``)
    would be replaced by the output: a usage error, before anything is read or written."""
    from pkcheck.load.inputs import read_as

    for target in targets:
        what = None if target is None else read_as(target, inputs)
        if what is not None:
            _usage(f"{target} is also an input of this run ({what}); the output would replace it: write it elsewhere")


def _check_batch(
    paths: list[str],
    standard: str | None,
    standards_path: list[str] | None,
    waivers: str | None,
    day: dt.date,
    limits: Limits,
    jobs: int,
) -> "Report":
    """The declarations checked (``check`` and ``gaps``), with a progress bar at a terminal;
    a bad command line, standard or waivers file ends the run here (exit 2)."""
    from pkcheck import api
    from pkcheck.formats.text import ProgressBar  # rich is loaded only when something is checked

    try:
        with ProgressBar(_show_progress()) as bar:
            return api.check(
                paths,
                standard=standard,
                standards_path=standards_path or [],
                waivers=waivers,
                as_of=day,
                limits=limits,
                progress=bar.start,
                jobs=jobs,
            )
    except UsageError as exc:
        _usage(str(exc))
    except InputError as exc:
        _fail(exc.diagnostics)


def _emit(
    report: "Report",
    output_format: "OutputFormat",
    output: str | None,
    verbose: bool,
    details: bool | None = None,
) -> None:
    color, width = _terminal(output)
    from pkcheck.formats import pieces

    _write(pieces(output_format, color=color, verbose=verbose, width=width, details=details)(report), output)


def _show_progress() -> bool:
    """A progress bar only for a person at a terminal: not in pipes, files or CI logs."""
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


def _terminal(output: str | None) -> tuple[bool, int]:
    """Whether to use colour, and the width to draw tables in."""
    to_terminal = output is None and sys.stdout.isatty()
    color = to_terminal and not os.environ.get("NO_COLOR")  # https://no-color.org: only a non-empty value
    width = shutil.get_terminal_size((110, 24)).columns if to_terminal else 110
    return color, width


def _write(text: "str | Iterable[str]", output: str | None) -> None:
    """Write to the file ``output`` (``pkcheck.output.write_file``), or to standard output;
    a file that cannot be written (no space left, a closed pipe) is an error, exit 2.

    A file that is standard output itself (``/dev/stdout``, ``/dev/stderr`` after ``2>&1``; the
    file, pipe or terminal standard output goes to) is written as standard output, after what
    went there before: opened anew, it would be truncated or replaced, and that text lost or
    overtaken. Before any other file, what standard output holds is written out, for text that
    reaches one place by two ways (a terminal, directly and through a pipe)."""
    from pkcheck.output import write_file

    if output and not _is_standard_output(output):
        sys.stdout.flush()
        try:
            write_file(output, text)
        except OSError as exc:
            _usage(f"cannot write {output}: {exc.strerror or exc}")
    else:
        sys.stdout.writelines((text,) if isinstance(text, str) else text)


def _is_standard_output(path: str) -> bool:
    try:
        return os.path.samestat(os.stat(path), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError):  # no such file, or a standard output that is no file (in tests)
        return False


def _show_tracebacks(diagnostics: "Iterable[Diagnostic]") -> None:
    """With ``PKCHECK_DEBUG=1``, the traceback of each internal error that was contained in one
    file's work (and reported as that file's error), for a bug report."""
    if not _debug():
        return
    seen = set()
    for diagnostic in diagnostics:
        if diagnostic.internal and (str(diagnostic), diagnostic.traceback) not in seen:
            seen.add((str(diagnostic), diagnostic.traceback))
            trace = "".join(line(row) + "\n" for row in (diagnostic.traceback or "").splitlines())
            typer.echo(f"pkcheck: internal error at {line(diagnostic.location)}:\n{trace}", err=True, nl=False)


def _debug() -> bool:
    return os.environ.get("PKCHECK_DEBUG", "") not in ("", "0")


def _fail(diagnostics: tuple[Diagnostic, ...]) -> NoReturn:
    _echo_diagnostics(diagnostics)
    raise typer.Exit(2)


def _echo_diagnostics(diagnostics: tuple[Diagnostic, ...]) -> None:
    for diagnostic in diagnostics:
        typer.echo(line(diagnostic), err=True)


def _usage(message: str) -> NoReturn:
    typer.echo(f"pkcheck: error: {line(message)}", err=True)
    raise typer.Exit(2)


class _Interrupted(BaseException):
    """Ctrl-C, or SIGTERM (its argument is the signal), raised where click cannot catch it
    (click would print "Aborted!" and exit 1)."""


def _interrupt(signum: int, _frame: object) -> None:
    for stop in (signal.SIGINT, signal.SIGTERM):  # the clean-up that follows runs to its end
        signal.signal(stop, signal.SIG_IGN)
    raise _Interrupted(signum)


def main() -> None:
    """Console entry point.

    Ctrl-C ends the run with "pkcheck: interrupted" and exit code 130 (128 + SIGINT, as shells
    report it); SIGTERM (a cancelled CI job, ``timeout``) with "pkcheck: terminated" and 143.
    A report file named with ``--output`` is then either the previous one or absent, never
    half-written: reports are written to a temporary file that is renamed into place only when
    complete, and removed if interrupted. Worker processes (``--jobs``) are stopped.

    An unexpected exception (a bug in pkcheck) outside the work on one file ends the run with
    one line on standard error and exit code 3 (the traceback too with ``PKCHECK_DEBUG=1``):
    1 means only what each command documents (a shortfall, a failing case, a relaxation). One
    within the work on one file is that file's located error instead (``diagnostics.internal_error``).

    Standard output is written out (flushed) as part of the run: a signal meanwhile (a slow
    reader) stops the run as above, and a write error other than a closed pipe, wherever it
    happens, is "pkcheck: cannot write standard output: ..." and exit 2. A closed pipe
    (``pkcheck ... | head``) is exit 141, as for a program stopped by SIGPIPE.
    """
    # Start-up creates many long-lived objects (models, standards); Python's default of a
    # collection every 700 allocations spends several per cent of a short run on them.
    gc.set_threshold(500_000, 20, 20)
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if sys.argv[1:] == ["--version"]:  # answered before typer builds its parameters
            print(f"pkcheck {__version__}")
            _written_out(0)
        else:
            sys.exit(_written_out(_run_app()))
    except _StandardOutputError as exc:
        if exc.errno == errno.EPIPE:
            sys.exit(128 + 13)  # SIGPIPE
        typer.echo(f"pkcheck: cannot write standard output: {exc.strerror or exc}", err=True)
        sys.exit(2)
    except UsageError as exc:
        typer.echo(f"pkcheck: error: {line(exc)}", err=True)
        sys.exit(2)
    except InputError as exc:  # bad input a command did not report itself: still located, still 2
        _echo_diagnostics(exc.diagnostics)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - every other exception is a bug, reported as one
        _internal_error(exc)
    except _Interrupted as stop:
        sys.exit(_stopped(stop))


def _stopped(stop: _Interrupted) -> int:
    """How a run stopped by a signal ends: a line on standard error, and the exit code shells
    report for a process ended by that signal."""
    (signum,) = stop.args
    typer.echo("pkcheck: terminated" if signum == signal.SIGTERM else "pkcheck: interrupted", err=True)
    return 128 + signum


class _StandardOutputError(OSError):
    """Standard output could not be written (no space left, a closed pipe): the command line's
    fault, or its reader's, never a bug in pkcheck."""


@contextlib.contextmanager
def _writing_standard_output() -> "Iterator[None]":
    """Any ``OSError`` inside is raised as the ``_StandardOutputError`` it is."""
    try:
        yield
    except _StandardOutputError:
        raise
    except OSError as exc:
        raise _StandardOutputError(exc.errno, exc.strerror) from exc


class _StandardOutput(io.TextIOWrapper):
    """The process's standard output, on the same buffer, whose write errors are
    ``_StandardOutputError``s wherever the writing happens (a report, a listing, click's help)."""

    def write(self, text: str) -> int:
        with _writing_standard_output():
            return super().write(text)

    def flush(self) -> None:
        with _writing_standard_output():
            super().flush()


def _written_out(code: int) -> int:
    """``code``, once standard output is flushed; a write error is a ``_StandardOutputError``."""
    with _writing_standard_output():
        sys.stdout.flush()
    return code


# click's errors (bad options and arguments); typer exports only subclasses, and the module they
# come from depends on typer's version (click itself, or its copy inside typer).
_CLICK_ERROR: Any = next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException")


def _run_app() -> int:
    """The command line, run without click's own handling of errors, which would exit 1 (the
    code of a shortfall) for an ``EOFError`` ("Aborted!") and for a closed standard output:
    click's usage errors exit 2 as before, a closed standard output (``pkcheck ... | head``)
    141 as a program stopped by SIGPIPE would, and any other exception reaches ``main``."""
    try:
        code = app(standalone_mode=False)
    except typer.Abort as exc:  # how click wraps an EOFError: an unexpected exception like any other
        if isinstance(exc.__cause__, Exception):
            raise exc.__cause__ from None
        raise
    except _CLICK_ERROR as exc:
        exc.show()
        return 2 if exc.exit_code == 1 else int(exc.exit_code)
    except SystemExit as exc:  # click exits 1 on a broken pipe, whichever mode it runs in
        context = exc.__context__
        if isinstance(context, OSError) and context.errno == errno.EPIPE:
            return 128 + 13  # SIGPIPE
        raise
    return code if isinstance(code, int) else 0


def _internal_error(exc: Exception) -> NoReturn:
    """A bug in pkcheck outside the work on one file: one line on standard error, exit 3."""
    if _debug():
        traceback.print_exception(exc)
        hint = ""
    else:
        hint = " (set PKCHECK_DEBUG=1 for the traceback)"
    typer.echo(
        f"pkcheck: internal error: {line(describe(exc))}; this is a bug in pkcheck, please report it{hint}", err=True
    )
    sys.exit(3)


def console() -> None:
    """The installed ``pkcheck`` command and ``python -m pkcheck`` (both through
    ``pkcheck.__main__.run``): ``main``, on a standard output whose write errors are known as
    such (``_StandardOutput``), then an exit that skips the interpreter's teardown. By then every report is written and closed and standard output
    flushed (``main``); freeing the models and standards object by object, which nobody needs,
    took 6% of a single check."""
    stdout = sys.stdout
    if isinstance(stdout, io.TextIOWrapper) and not isinstance(stdout, _StandardOutput):
        sys.stdout = _StandardOutput(
            _buffered(stdout.buffer),
            stdout.encoding,
            stdout.errors,
            line_buffering=stdout.line_buffering,
            write_through=stdout.write_through,
        )
    try:
        code = _status_of_main()
    except _Interrupted as stop:  # a signal while main was ending: the run is stopped all the same
        code = _stopped(stop)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # already reported by main, or nothing more can be said
            pass
    os._exit(code)


def _buffered(binary: Any) -> Any:
    """Standard output's binary stream, with a buffer where it has none (``PYTHONUNBUFFERED=1``
    or ``python -u``, usual in containers and CI). A bare stream may take only part of a write
    and say so only in what it returns, which the text layer above it never reads: the rest of
    a report would be lost without a word when a pipe's reader goes (``| head``). A buffer
    writes the rest, or raises the error that stops it."""
    return io.BufferedWriter(binary) if isinstance(binary, io.RawIOBase) else binary


def _status_of_main() -> int:
    """``main``'s exit status; once it is known, the run is over: a signal then changes nothing."""
    try:
        main()
        code: int = 0
    except SystemExit as exc:
        code = _exit_status(exc.code)
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_IGN)
    return code


def _exit_status(code: object) -> int:
    """What Python would exit with for ``sys.exit(code)``, except that a message (which pkcheck
    never exits with) is an internal error, 3, not 1: 1 means a shortfall."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"pkcheck: internal error: exit with {code!r}; this is a bug in pkcheck, please report it\n")
    return 3
