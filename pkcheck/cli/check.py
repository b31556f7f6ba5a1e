"""``pkcheck check``: declarations against their standards, in one or more report formats."""

from typing import TYPE_CHECKING, Annotated

import typer

from pkcheck.cli import batch, options
from pkcheck.cli.errors import fail, show_tracebacks, usage
from pkcheck.cli.options import AsOf, DeclarationPaths, ForcedStandard, Jobs, Mous, StandardsPath, limit_options
from pkcheck.cli.parse import LimitTexts
from pkcheck.cli.writing import emit
from pkcheck.diagnostics import InputError
from pkcheck.formats import OutputFormat
from pkcheck.i18n import N_, _

if TYPE_CHECKING:
    from pkcheck.analyses.baseline import Baseline as Baseline_

Waivers = Annotated[
    str | None, typer.Option("--waivers", metavar="FILE", help=N_("A waivers file (pkcheck: waivers/v1)."))
]
Formats = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT[=FILE]",
        help=N_(
            "Report format: text, json, sarif, junit, markdown, github or html. Repeat it, or separate with commas, for several; FORMAT=FILE writes that one to FILE."
        ),
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=N_("Write the report (the format given without =FILE) to FILE, atomically, instead of standard output."),
    ),
]
FailOn = Annotated[
    str,
    typer.Option(
        "--fail-on",
        metavar="SEVERITY",
        help=N_(
            "Exit 1 when an unwaived shortfall or missing evidence is at or above this severity: critical, major, minor, advisory or never."
        ),
    ),
]
Verbose = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help=N_("Also list the requirements that are met (in text, every unit's findings: --details)."),
    ),
]
Details = Annotated[
    bool,
    typer.Option(
        "--details",
        help=N_(
            "In text, show every unit's findings even when several declarations are checked (default: a portfolio summary)."
        ),
    ),
]
Baseline = Annotated[
    str | None,
    typer.Option(
        "--baseline",
        metavar="FILE",
        help=N_(
            "An earlier report (the JSON of pkcheck check -f json=FILE): mark each finding new, unchanged, improved, worsened or closed since then."
        ),
    ),
]
FailOnNew = Annotated[
    bool,
    typer.Option(
        "--fail-on-new",
        help=N_("With --baseline: exit 1 only for new or worsened findings at or above --fail-on."),
    ),
]


HELP = N_(
    "Check declarations against deployment standards and report every shortfall.\n\n"
    "Exit codes: 0 nothing at or above --fail-on; 1 a shortfall at or above it; 2 an input could not be read or validated (or met an internal error; the others are still checked), or the command line is wrong; 3 an internal error (a bug in pkcheck) stopped the run."
)


@limit_options
def check_command(
    paths: DeclarationPaths,
    standard: ForcedStandard = None,
    standards_path: StandardsPath = None,
    waivers: Waivers = None,
    mou: Mous = None,
    as_of: AsOf = None,
    output_format: Formats = None,
    output: Output = None,
    fail_on: FailOn = "major",
    verbose: Verbose = False,
    details: Details = False,
    jobs: Jobs = "1",
    baseline: Baseline = None,
    fail_on_new: FailOnNew = False,
    *,
    limits: LimitTexts,
) -> None:
    """``pkcheck check`` (its help: ``HELP``)."""
    fail_on = options.fail_on(fail_on)
    if fail_on_new and baseline is None:
        usage(_("--fail-on-new needs --baseline FILE: new findings are new since a baseline"))
    earlier = _baseline(baseline, limits)
    report, targets = batch.checked(
        OutputFormat, output_format, output, paths, standard, standards_path, waivers, as_of, limits, jobs, mou
    )
    if earlier is not None:
        from pkcheck.analyses.baseline import compared
        from pkcheck.escapes import line

        report = compared(report, earlier)
        assert report.baseline is not None
        for note in report.baseline.notes:
            typer.echo(_("pkcheck: warning: {message}").format(message=line(note)), err=True)
    show_tracebacks(e for r in report.results for e in r.errors)
    # Met requirements are listed only with each unit's findings: asking for them is asking for those.
    emit(report, targets, verbose=verbose, details=details or verbose or None)
    if not fail_on_new:  # without the baseline's rules (and module: a tenth of a check's start-up)
        from pkcheck.report import exit_code  # not at the top: `pkcheck --help` needs none of it

        raise typer.Exit(exit_code(report, fail_on))
    from pkcheck.analyses.baseline import gated_exit_code

    raise typer.Exit(gated_exit_code(report, fail_on, fail_on_new))


def _baseline(path: str | None, limits: LimitTexts) -> "Baseline_ | None":
    """The earlier report of ``--baseline``, read before anything is checked: a bad one is exit 2."""
    if path is None:
        return None
    from pkcheck.analyses import baseline

    try:
        return baseline.load(path, options.limits(limits))
    except InputError as exc:
        fail(exc.diagnostics)
