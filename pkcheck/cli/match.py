"""``pkcheck match``: partners' offers allocated to the declarations' gaps."""

from typing import TYPE_CHECKING, Annotated

import typer

from pkcheck.cli import batch
from pkcheck.cli.errors import echo_diagnostics, fail, show_tracebacks
from pkcheck.cli.gaps import Waivers
from pkcheck.cli.options import AsOf, DeclarationPaths, ForcedStandard, Jobs, Mous, StandardsPath, limit_options
from pkcheck.cli.parse import LimitTexts
from pkcheck.cli.writing import emit
from pkcheck.formats import MatchFormat
from pkcheck.i18n import N_

if TYPE_CHECKING:
    from pkcheck.diagnostics import Diagnostic
    from pkcheck.library.offers import LoadedOffers
    from pkcheck.load.limits import Limits

OffersFile = Annotated[
    str,
    typer.Option(
        "--offers", metavar="FILE", help=N_("The partners' offers (pkcheck: offers/v1) to allocate to the gaps.")
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
        help=N_(
            "Write the allocation (the format given without =FILE) to FILE, atomically, instead of standard output."
        ),
    ),
]


HELP = N_(
    "Allocate partners' offers (training seats, mobile training teams, equipment) to the gaps of the declarations, as `gaps` lists them, and say what each offer closes, what remains unmet per unit and per country, and which offers are left unused.\n\n"
    "Seats and teams close a unit's shortfall of trained personnel on their course; equipment closes a shortfall of its item. An offer applies to a gap when its course or item is one the gap names, a course is taught in a language the unit declares in `personnel.languages`, a course ends, and equipment is available, on or before the unit's deployment date (else the as-of day), and a mobile training team trains one unit only.\n\n"
    "The rule: gaps in order of severity (critical first), then deployment date (earlier first), then amount short (larger first), then unit id; each takes from its eligible offers, those ready earliest first (then by id), until it is met or none is left. Partial allocations are kept; each allocation and each gap left unmet is explained.\n\n"
    "Exit codes: 0 the allocation was written (it is a planning report: gaps left unmet do not fail it); 2 a declaration could not be read or validated (it is listed as invalid and the others are still matched), the offers, a standard or waivers file is bad, or the command line is wrong; 3 an internal error (a bug in pkcheck) stopped the run."
)


@limit_options
def match_command(
    paths: DeclarationPaths,
    offers: OffersFile,
    standard: ForcedStandard = None,
    standards_path: StandardsPath = None,
    waivers: Waivers = None,
    mou: Mous = None,
    as_of: AsOf = None,
    output_format: Formats = None,
    output: Output = None,
    jobs: Jobs = "1",
    *,
    limits: LimitTexts,
) -> None:
    """``pkcheck match`` (its help: ``HELP``)."""
    from pkcheck.analyses.gaps import build
    from pkcheck.analyses.match import match, unit_facts
    from pkcheck.cli import options
    from pkcheck.cli.writing import outputs
    from pkcheck.diagnostics import InputError
    from pkcheck.library.offers import load_offers
    from pkcheck.load.inputs import Read
    from pkcheck.report import Verdict

    day = options.day(as_of)
    file_limits = options.limits(limits)
    workers = options.workers(jobs)
    inputs = [*batch.batch_inputs(paths, standard, standards_path, waivers, mou), Read(N_("the offers file"), [offers])]
    targets = outputs(output_format or [], output, MatchFormat, *inputs)
    try:
        loaded = load_offers(offers, file_limits)
    except InputError as exc:
        fail(exc.diagnostics)
    report = batch.check_batch(paths, standard, standards_path, waivers, day, file_limits, workers, mous=mou)
    # An offer of a course or item no vocabulary knows (a typo) can close no gap: said, as lint
    # says it, so that it is not only found among the offers left unused.
    echo_diagnostics(_unknown_codes(loaded, standards_path, file_limits))
    register = build(report)
    matching = match(register, unit_facts(report), loaded.model, offers)
    show_tracebacks(
        [e for r in report.results for e in r.errors] + [e for invalid in register.invalid for e in invalid.internal]
    )
    emit(matching, targets)
    raise typer.Exit(2 if register.invalid or any(r.verdict is Verdict.INVALID for r in report.results) else 0)


def _unknown_codes(loaded: "LoadedOffers", standards_path: list[str] | None, limits: "Limits") -> list["Diagnostic"]:
    """The warnings of ``pkcheck lint`` for the codes of the offers file no vocabulary knows."""
    from pkcheck import api
    from pkcheck.library.offers import code_warnings

    return code_warnings(loaded, api.load_standards(standards_path or [], limits).codes)
