"""``pkcheck test``: the standards' test suites, each case's verdict against the expected one."""

import os
from typing import Annotated

import typer

from pkcheck.cli import batch, options
from pkcheck.cli.errors import show_tracebacks, usage
from pkcheck.cli.options import StandardsPath, limit_options
from pkcheck.cli.parse import LimitTexts
from pkcheck.cli.writing import emit, outputs, refuse_overwriting
from pkcheck.formats import SuiteFormat
from pkcheck.i18n import N_, _
from pkcheck.version import __version__

SuitePaths = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH",
        help=N_(
            "Test suite files, or folders searched for them (default: the tests/ folder of each standards search-path folder)."
        ),
    ),
]
Format = Annotated[SuiteFormat, typer.Option("--format", "-f", help=N_("Report format."))]
Output = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help=N_("Write the report to FILE (atomically) instead of standard output.")
    ),
]
RequireCoverage = Annotated[
    bool,
    typer.Option(
        "--require-coverage",
        help=N_("Exit 1 when a suite leaves a requirement or category unexercised as met or as failing."),
    ),
]


HELP = N_(
    "Run standard test suites (pkcheck: test/v1): check each case's declaration and compare the verdict and statuses with the expected ones; report what no case exercises.\n\n"
    "Exit codes: 0 every case passes; 1 a case fails (or, with --require-coverage, a suite has a coverage gap); 2 a suite, declaration, waivers file or standard could not be read or validated, or no suite was found in the PATHs given; 3 an internal error (a bug in pkcheck) stopped the run."
)


@limit_options
def test_command(
    paths: SuitePaths = None,
    standards_path: StandardsPath = None,
    output_format: Format = SuiteFormat.TEXT,
    output: Output = None,
    require_coverage: RequireCoverage = False,
    *,
    limits: LimitTexts,
) -> None:
    """``pkcheck test`` (its help: ``HELP``)."""
    from pkcheck.analyses.suites import run_suites
    from pkcheck.library.standards import search_path
    from pkcheck.load.inputs import Read

    targets = outputs([output_format.value], output, SuiteFormat)
    folders = search_path(_existing_folders(standards_path or []))
    files = _suites(paths, folders)
    written = [target for _, target in targets]
    refuse_overwriting(written, Read(N_("a test suite"), files), *batch.standards_inputs(standards_path))
    run = run_suites(files, folders, __version__, options.limits(limits))
    refuse_overwriting(
        written, Read(N_("a file a test suite names"), [name for suite in run.suites for name in suite.named])
    )
    show_tracebacks(
        [e for suite in run.suites for e in suite.errors] + [e for case in run.cases() for e in case.errors]
    )
    emit(run, targets)
    raise typer.Exit(run.exit_code(require_coverage))


def _suites(paths: list[str] | None, folders: list[str]) -> list[str]:
    """The suite files of the PATHs given (none is a usage error), or of the tests/ folders of
    the search path (none: nothing to do, exit 0)."""
    from pkcheck.load.inputs import expand_suites

    if paths:
        files = expand_suites(paths)
        if not files:
            usage(_("no test suites (`pkcheck: test/v1` files) found in: {paths}").format(paths=" ".join(paths)))
        return files
    files = expand_suites(
        [tests for tests in (os.path.join(folder, "tests") for folder in folders) if os.path.isdir(tests)]
    )
    if not files:
        typer.echo(_("pkcheck: no test suites found in the tests/ folders of the standards search path"), err=True)
        raise typer.Exit(0)
    return files


def _existing_folders(folders: list[str]) -> list[str]:
    missing = [folder for folder in folders if not os.path.isdir(folder)]
    if missing:
        usage(_("--standards-path {folder}: no such folder").format(folder=missing[0]))
    return folders
