"""``pkcheck diff``: what changed between two versions of a standard, or two amendments of an
MOU, and whom it changes."""

from typing import Annotated

import typer

from pkcheck.cli import batch, options
from pkcheck.cli.errors import fail, show_tracebacks, usage
from pkcheck.cli.options import StandardsPath, limit_options
from pkcheck.cli.parse import LimitTexts
from pkcheck.cli.writing import emit, outputs
from pkcheck.diagnostics import InputError, UsageError
from pkcheck.formats import DiffFormat
from pkcheck.i18n import N_, _

Old = Annotated[
    str,
    typer.Argument(
        metavar="OLD", help=N_("The old version: a standard id in the search path, or a file (a standard or an MOU).")
    ),
]
New = Annotated[
    str,
    typer.Argument(
        metavar="NEW", help=N_("The new version: a standard id in the search path, or a file (a standard or an MOU).")
    ),
]
Against = Annotated[
    list[str] | None,
    typer.Option(
        "--against",
        metavar="PATH",
        help=N_(
            "Also check these declarations (files or folders; repeatable) under both versions and list every unit whose verdict or requirement (or MOU line) statuses change."
        ),
    ),
]
Waivers = Annotated[
    str | None, typer.Option("--waivers", metavar="FILE", help=N_("A waivers file for the --against checks."))
]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help=N_(
            "Judge the --against declarations, and start the --upcoming window, as of this day, YYYY-MM-DD (default: today)."
        ),
    ),
]
Upcoming = Annotated[
    str | None,
    typer.Option(
        "--upcoming",
        metavar="WINDOW",
        help=N_(
            "Also list the requirements of NEW that start or end applying within WINDOW after the as-of date (180d, 26w, 6m), and scheduled parameters' next values; `pkcheck diff A A --upcoming 180d` lists them for one standard."
        ),
    ),
]
Format = Annotated[DiffFormat, typer.Option("--format", "-f", help=N_("Output format."))]
Output = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help=N_("Write to FILE (atomically) instead of standard output.")),
]
FailOnRelaxation = Annotated[
    bool,
    typer.Option(
        "--fail-on-relaxation",
        help=N_(
            "Exit 1 when NEW removes a requirement or relaxes one (a lower minimum, a higher maximum, a lower severity, an alternative added...); for an MOU, when it asks less of a unit (a line removed, a quantity lowered, a category moved to the UN...)."
        ),
    ),
]


HELP = N_(
    "Show what changed between two versions of a standard, computed on the composed (effective) standards: requirements added and removed, thresholds tightened or relaxed, severities raised or lowered, parameters changed, each located in NEW. With --upcoming, also what in NEW starts or ends applying within the window after the as-of date (`diff A A` for one standard).\n\n"
    "Given two amendments of one MOU (`pkcheck: mou/v1` files), show the Annex B lines added, removed and changed (quantity, lease, severity, item), the Annex C categories added, removed or moved between the contributor and the UN, and the units covered; with --against, the covered units whose verdict or MOU line statuses change.\n\n"
    "Exit codes: 0 done (also when something changed); 1 with --fail-on-relaxation, NEW relaxes or removes a requirement (or asks less of a unit under the MOU); 2 a standard or waivers file could not be read or validated, an --against declaration is invalid (after reporting all of them), or the command line is wrong; 3 an internal error (a bug in pkcheck) stopped the run."
)


@limit_options
def diff_command(
    old: Old,
    new: New,
    against: Against = None,
    standards_path: StandardsPath = None,
    waivers: Waivers = None,
    as_of: AsOf = None,
    upcoming: Upcoming = None,
    output_format: Format = DiffFormat.TEXT,
    output: Output = None,
    fail_on_relaxation: FailOnRelaxation = False,
    *,
    limits: LimitTexts,
) -> None:
    """``pkcheck diff`` (its help: ``HELP``)."""
    from collections.abc import Callable
    from functools import partial

    from pkcheck import api
    from pkcheck.analyses.diff import StandardDiff
    from pkcheck.analyses.mou_diff import MouDiff
    from pkcheck.cli.parse import upcoming as window_end
    from pkcheck.enums import FileKind
    from pkcheck.load.inputs import Read

    day = options.day(as_of)
    try:
        until = window_end(upcoming, day) if upcoming is not None else None
    except UsageError as exc:
        usage(str(exc))
    file_limits = options.limits(limits)
    inputs = batch.batch_inputs(against or [], None, standards_path, waivers)
    targets = outputs([output_format.value], output, DiffFormat, Read(N_("a standard"), [old, new]), *inputs)
    result: StandardDiff | MouDiff
    try:
        compare: Callable[..., StandardDiff | MouDiff] = partial(api.diff, upcoming=until)
        if api.diff_kind(old, new, file_limits) is FileKind.MOU:
            if until is not None:
                usage(_("--upcoming lists what comes into force in a standard; OLD and NEW are MOUs"))
            compare = api.diff_mous
        result = compare(
            old,
            new,
            standards_path=standards_path or [],
            against=against or [],
            waivers=waivers,
            as_of=day,
            limits=file_limits,
        )
    except UsageError as exc:
        usage(str(exc))
    except InputError as exc:
        fail(exc.diagnostics)
    if result.against is not None:
        show_tracebacks(e for unit in result.against.units + result.against.invalid for e in unit.errors)
    emit(result, targets)
    if result.against is not None and result.against.any_invalid:
        raise typer.Exit(2)  # as `check` does: the report is complete, but an input was bad
    raise typer.Exit(1 if fail_on_relaxation and result.relaxed else 0)
