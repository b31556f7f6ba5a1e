"""``pkcheck progress``: units followed over several dated reports of ``check``.

(The module is not named ``progress``: ``pkcheck/cli/progress.py`` is the progress bar.)"""

from typing import Annotated

import typer

from pkcheck.cli.options import limit_options
from pkcheck.cli.parse import LimitTexts
from pkcheck.i18n import N_, _

Reports = Annotated[
    list[str],
    typer.Argument(
        metavar="REPORT",
        help=N_("Reports written by `pkcheck check -f json` (pkcheck: report/v1), one per date, in any order."),
    ),
]
Formats = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT[=FILE]",
        help=N_(
            "Output format: text, json, csv, markdown or html. Repeat it, or separate with commas, for several; FORMAT=FILE writes that one to FILE."
        ),
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=N_("Write the progress (the format given without =FILE) to FILE, atomically, instead of standard output."),
    ),
]

HELP = N_(
    "Follow units over several dated reports of `check` (written with -f json, each as of its --as-of date): per unit, its verdict and open findings by severity and by category at each date, the requirements that closed and opened between consecutive assessments, and per-country totals.\n\n"
    "Units are matched by unit id and findings by requirement id, so reports in different languages, or written by different versions of pkcheck (a warning says so), are compared alike. A unit missing from a report is shown as not assessed at that date. Give one report per date.\n\n"
    "Exit codes: 0 the progress was written (it is a report, not a gate: open findings do not fail it); 2 a report could not be read, is not a report of `check`, two reports are of the same date, or the command line is wrong; 3 an internal error (a bug in pkcheck) stopped the run."
)


@limit_options
def progress_command(
    reports: Reports,
    output_format: Formats = None,
    output: Output = None,
    *,
    limits: LimitTexts,
) -> None:
    """``pkcheck progress`` (its help: ``HELP``)."""
    from pkcheck.analyses import progress
    from pkcheck.cli import options
    from pkcheck.cli.errors import fail
    from pkcheck.cli.writing import emit, outputs
    from pkcheck.diagnostics import InputError
    from pkcheck.escapes import line
    from pkcheck.formats import ProgressFormat
    from pkcheck.load.inputs import Read

    targets = outputs(output_format or [], output, ProgressFormat, Read(N_("a report"), reports))
    try:
        read = progress.read(reports, options.limits(limits))
    except InputError as exc:
        fail(exc.diagnostics)
    found = progress.build(read)
    for note in found.notes:
        typer.echo(_("pkcheck: warning: {message}").format(message=line(note)), err=True)
    emit(found, targets)
