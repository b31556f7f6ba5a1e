"""``pkcheck gaps``: the declarations' unwaived shortfalls as a capacity-building needs register."""

from typing import TYPE_CHECKING, Annotated

import typer

from pkcheck.cli import batch
from pkcheck.cli.errors import show_tracebacks
from pkcheck.cli.options import AsOf, DeclarationPaths, ForcedStandard, Jobs, Mous, StandardsPath, limit_options
from pkcheck.cli.parse import LimitTexts
from pkcheck.cli.writing import emit
from pkcheck.enums import Category, Severity
from pkcheck.formats import GapsFormat
from pkcheck.i18n import N_, _

if TYPE_CHECKING:
    from pkcheck.report import Report

Waivers = Annotated[
    str | None,
    typer.Option(
        "--waivers", metavar="FILE", help=N_("A waivers file (pkcheck: waivers/v1); waived shortfalls are not needs.")
    ),
]
Categories = Annotated[
    list[Category] | None,
    typer.Option(
        "--category",
        metavar="CATEGORY",
        help=N_(
            "Only requirements of this category: training, equipment, medical, personnel, sustainment or conduct (repeatable)."
        ),
    ),
]
Countries = Annotated[
    list[str] | None,
    typer.Option(
        "--country", metavar="CC", help=N_("Only units of this contributing country, in any case (repeatable).")
    ),
]
LeastSeverity = Annotated[
    Severity,
    typer.Option(
        "--severity",
        metavar="SEVERITY",
        help=N_("Only requirements of this severity or above: critical, major, minor or advisory."),
    ),
]
Formats = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT[=FILE]",
        help=N_(
            "Output format: text, json, csv or markdown. Repeat it, or separate with commas, for several; FORMAT=FILE writes that one to FILE."
        ),
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=N_("Write the register (the format given without =FILE) to FILE, atomically, instead of standard output."),
    ),
]


HELP = N_(
    "List every unwaived shortfall of the declarations as a capacity-building needs register: summed by what would close it (equipment items, courses, medical staff and capabilities, sustainment days...), with the units and countries concerned and a per-country view.\n\n"
    "It checks the declarations as `check` does, with their MOUs: an MOU line's shortfall joins the line of its item (an Annex C category, the line of that entry of `self_sustainment`), and a unit short of the same thing by its standard and by its MOU is counted once, the larger. Findings without evidence are counted apart.\n\n"
    "Exit codes: 0 the register was written (it is informational: shortfalls do not fail it); 2 a declaration could not be read or validated (it is listed as invalid and the register of the others is still written), a standard or waivers file is bad, or the command line is wrong; 3 an internal error (a bug in pkcheck) stopped the run."
)


@limit_options
def gaps_command(
    paths: DeclarationPaths,
    standard: ForcedStandard = None,
    standards_path: StandardsPath = None,
    waivers: Waivers = None,
    mou: Mous = None,
    as_of: AsOf = None,
    category: Categories = None,
    country: Countries = None,
    severity: LeastSeverity = Severity.ADVISORY,
    output_format: Formats = None,
    output: Output = None,
    jobs: Jobs = "1",
    *,
    limits: LimitTexts,
) -> None:
    """``pkcheck gaps`` (its help: ``HELP``)."""
    from pkcheck.analyses.gaps import Filters, build
    from pkcheck.report import Verdict

    report, targets = batch.checked(
        GapsFormat, output_format, output, paths, standard, standards_path, waivers, as_of, limits, jobs, mou
    )
    countries = tuple(sorted({code.upper() for code in country or []}))  # country codes are upper-case
    _warn_of_absent_countries(countries, report)
    filters = Filters(tuple(dict.fromkeys(category or [])), countries, severity)
    register = build(report, filters)
    show_tracebacks(
        [e for r in report.results for e in r.errors] + [e for invalid in register.invalid for e in invalid.internal]
    )
    emit(register, targets)
    raise typer.Exit(2 if register.invalid or any(r.verdict is Verdict.INVALID for r in report.results) else 0)


def _warn_of_absent_countries(countries: tuple[str, ...], report: "Report") -> None:
    """A ``--country`` that no checked unit has would silently give an empty register: say so."""
    from pkcheck.analyses.gaps import country_of
    from pkcheck.escapes import line
    from pkcheck.load.validate import did_you_mean, nearest

    present = sorted({country_of(result) for result in report.results if result.unit})
    for code in countries:
        if code not in present:
            hint = did_you_mean(nearest(code, present))
            message = _(
                "--country {code}: no unit of this country in the declarations{hint} (countries: {countries})"
            ).format(code=code, hint=hint, countries=", ".join(present) or _("none"))
            typer.echo(line(_("pkcheck: warning: {message}").format(message=message)), err=True)
