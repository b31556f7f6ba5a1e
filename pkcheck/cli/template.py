"""``pkcheck init``: a declaration template for a unit type's standard."""

import datetime as dt
import os
from typing import TYPE_CHECKING, Annotated

import typer

from pkcheck.cli import options
from pkcheck.cli.batch import standards_inputs
from pkcheck.cli.errors import fail, usage
from pkcheck.cli.options import StandardsPath
from pkcheck.cli.parse import file_or_stdout
from pkcheck.cli.writing import refuse_overwriting, write
from pkcheck.diagnostics import InputError, UsageError
from pkcheck.i18n import N_, _

if TYPE_CHECKING:
    from pkcheck.engine import Settings
    from pkcheck.library.mous import LoadedMou

UnitType = Annotated[
    str, typer.Argument(metavar="UNIT-TYPE", help=N_("The unit type, e.g. infantry-battalion (see `pkcheck list`)."))
]
Output = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help=N_("Write the template to FILE (default: standard output).")),
]
Mission = Annotated[
    str | None,
    typer.Option(
        "--mission", metavar="CODE", help=N_("The unit's mission; it may select an overlay standard, e.g. high-threat.")
    ),
]
Standard = Annotated[
    str | None,
    typer.Option(
        "--standard",
        "-s",
        metavar="ID-OR-FILE",
        help=N_("Use this standard instead of the one chosen by unit type and mission."),
    ),
]
UnitId = Annotated[
    str | None,
    typer.Option(
        "--unit-id",
        metavar="ID",
        help=N_(
            "The unit id to put in the template (default: the MOU's unit, else XX-UNIT-01); with an MOU of several units, one of them."
        ),
    ),
]
Mou = Annotated[
    str | None,
    typer.Option(
        "--mou",
        metavar="FILE",
        help=N_(
            "The unit's MOU (pkcheck: mou/v1): the template also lists every Annex B line and Annex C category the contributor provides."
        ),
    ),
]
Country = Annotated[
    str,
    typer.Option(
        "--country", metavar="CC", help=N_("The contributing country (ISO 3166-1 alpha-2) to put in the template.")
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help=N_("Date for the template's dates, YYYY-MM-DD (default: today).")),
]
Force = Annotated[bool, typer.Option("--force", help=N_("Overwrite FILE if it exists."))]


HELP = N_(
    "Write a declaration template for a unit type's standard.\n\n"
    "The template lists every field the standard examines, each commented with the requirements that examine it and set to the smallest value that meets them, so it checks `ready` as written. Replace the values with your unit's, then run `pkcheck check FILE`.\n\n"
    "With --mou, it is the template of the MOU's unit (the MOU names the unit, not its type: give the unit type as ever): every Annex B line is an equipment line with the MOU quantity, the serviceable count the verification asks for and the lease, and every Annex C category the contributor provides is in `self_sustainment`, so that `pkcheck check FILE --mou MOU` gives `ready` too."
)


def init_command(
    unit_type: UnitType,
    output: Output = None,
    mission: Mission = None,
    standard: Standard = None,
    unit_id: UnitId = None,
    country: Country = "XX",
    as_of: AsOf = None,
    force: Force = False,
    standards_path: StandardsPath = None,
    mou: Mou = None,
) -> None:
    """``pkcheck init`` (its help: ``HELP``)."""
    from pkcheck.analyses.template import UnitFields, build, unit_field_errors
    from pkcheck.escapes import line
    from pkcheck.load.inputs import Read

    day = options.day(as_of)
    output = file_or_stdout(output)
    if output and os.path.isfile(output) and not force:  # a device or pipe holds nothing to lose
        usage(_("{file} exists; use --force to overwrite it").format(file=output))
    refuse_overwriting([output], *standards_inputs(standards_path, standard), Read(N_("an MOU"), [mou] if mou else []))
    loaded = _mou(mou, day) if mou else None
    if loaded is not None:
        unit_id, mission = _mou_unit(loaded, unit_id, mission)
    unit = UnitFields(unit_type, unit_id or "XX-UNIT-01", country, mission)
    for problem in unit_field_errors(unit):
        usage(problem)
    try:
        settings = _settings(standards_path or [], standard, day)
        library = settings.library
        standard_id = settings.standard or library.select(unit_type, mission)
        effective = library.effective(standard_id)
        text = build(effective, unit, day, loaded)
    except LookupError as exc:
        usage(str(exc))
    except InputError as exc:
        fail(exc.diagnostics)
    write(text, output)
    if output:
        wrote = _("wrote {file}: a declaration template for {standard} {version}")
        typer.echo(line(wrote.format(file=output, standard=effective.id, version=effective.version)), err=True)


def _mou(path: str, day: dt.date) -> "LoadedMou":
    """The MOU named with --mou, which must be in effect on the template's deployment date (the
    as-of day), or checking would not apply it."""
    from pkcheck.i18n import day as day_shown
    from pkcheck.library.mous import BrokenMou, load_source

    try:
        source = load_source(path, options.limits())
    except InputError as exc:
        fail(exc.diagnostics)
    if isinstance(source, BrokenMou):
        fail(source.errors)
    effective = source.model.effective
    if effective > day:
        usage(
            _("--mou: MOU `{mou}` takes effect on {effective}, after {day}: give --as-of {date} or later").format(
                mou=source.model.id, effective=day_shown(effective), day=day_shown(day), date=effective.isoformat()
            )
        )
    return source


def _mou_unit(mou: "LoadedMou", unit_id: str | None, mission: str | None) -> tuple[str, str | None]:
    """The unit id and mission of the template of an MOU's unit: the MOU's only unit, or the one
    --unit-id names among its units; the MOU's mission unless --mission gives the same."""
    units = mou.model.units
    named = ", ".join(units)
    if unit_id is None and len(units) > 1:
        usage(
            _("--mou: MOU `{mou}` covers several units ({units}): name one with --unit-id").format(
                mou=mou.model.id, units=named
            )
        )
    if unit_id is not None and unit_id not in units:
        usage(
            _("--unit-id {unit}: MOU `{mou}` does not cover it (it covers {units})").format(
                unit=unit_id, mou=mou.model.id, units=named
            )
        )
    given = mou.model.mission
    if mission is not None and given is not None and mission != given:
        usage(
            _("--mission {mission}: MOU `{mou}` is for mission `{given}`").format(
                mission=mission, mou=mou.model.id, given=given
            )
        )
    return unit_id or units[0], mission or given


def _settings(folders: list[str], standard: str | None, day: dt.date) -> "Settings":
    """The settings of a check against the standard chosen; one that cannot be found is a
    usage error."""
    from pkcheck import api

    try:
        return api.settings(folders, standard, None, day, options.limits())
    except UsageError as exc:
        usage(str(exc))
