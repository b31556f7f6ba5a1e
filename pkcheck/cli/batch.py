"""What the commands that check declarations (``check``, ``gaps``, ``diff --against``) and
read standards share: the files a run reads, and the run itself with its progress bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from pkcheck.cli import options
from pkcheck.cli.errors import fail, usage
from pkcheck.cli.progress import ProgressBar, wanted
from pkcheck.cli.writing import outputs
from pkcheck.diagnostics import InputError, UsageError
from pkcheck.formats import FormatChoice
from pkcheck.i18n import N_

if TYPE_CHECKING:
    from pkcheck.cli.parse import LimitTexts
    from pkcheck.load.inputs import Read
    from pkcheck.load.limits import Limits
    from pkcheck.report import Report


F = TypeVar("F", bound=FormatChoice)


def checked(
    formats: type[F],
    specs: list[str] | None,
    output: str | None,
    paths: list[str],
    standard: str | None,
    standards_path: list[str] | None,
    waivers: str | None,
    as_of: str | None,
    limits: LimitTexts,
    jobs: str,
    mous: list[str] | None = None,
) -> tuple[Report, list[tuple[F, str | None]]]:
    """The declarations checked as ``check`` and ``gaps`` check them, and where each of the
    command's ``formats`` goes: the options are parsed, and the outputs chosen (none of them
    an input), before anything is read."""
    day = options.day(as_of)
    file_limits = options.limits(limits)
    workers = options.workers(jobs)
    inputs = batch_inputs(paths, standard, standards_path, waivers, mous)
    targets = outputs(specs or [], output, formats, *inputs)
    report = check_batch(
        paths, standard, standards_path, waivers, day, file_limits, workers, lambda: _load_formats(targets), mous
    )
    return report, targets


def _load_formats(targets: list[tuple[F, str | None]]) -> None:
    for chosen_format, _ in targets:
        chosen_format.load()


def batch_inputs(
    paths: list[str],
    standard: str | None,
    standards_path: list[str] | None,
    waivers: str | None,
    mous: list[str] | None = None,
) -> list[Read]:
    """The files a run checking declarations reads: the declarations, the waivers, the MOUs
    and the standards."""
    from pkcheck.load.inputs import DECLARATIONS, Read

    return [
        Read(N_("a declaration"), paths, DECLARATIONS),
        Read(N_("the waivers file"), [waivers] if waivers else []),
        Read(N_("an MOU"), mous or []),
        *standards_inputs(standards_path, standard),
    ]


def standards_inputs(standards_path: list[str] | None, standard: str | None = None) -> list[Read]:
    """The standards a run reads: the one named with ``--standard`` (if a file), and the files
    of the search path's folders."""
    from pkcheck.library.standards import search_path
    from pkcheck.load.inputs import STANDARDS, Read

    return [
        Read(N_("a standard"), [standard] if standard else []),
        Read(N_("a file of the standards search path"), search_path(standards_path or []), STANDARDS),
    ]


def check_batch(
    paths: list[str],
    standard: str | None,
    standards_path: list[str] | None,
    waivers: str | None,
    day: dt.date,
    limits: Limits,
    jobs: int,
    meanwhile: Callable[[], None] = lambda: None,
    mous: list[str] | None = None,
) -> Report:
    """The declarations checked, with a progress bar at a terminal; a bad command line,
    standard or waivers file ends the run here (exit 2). ``meanwhile`` is done once the first
    file is checked: with ``--jobs``, while the workers check the others, in this process,
    which only waits for them (loading the output formats' modules, that would otherwise
    take their time after the last file)."""
    from pkcheck import api

    try:
        with ProgressBar(wanted()) as bar:
            return api.check(
                paths,
                standard=standard,
                standards_path=standards_path or [],
                waivers=waivers,
                as_of=day,
                limits=limits,
                progress=_also(bar.start, meanwhile),
                jobs=jobs,
                mous=mous or [],
            )
    except UsageError as exc:
        usage(str(exc))
    except InputError as exc:
        fail(exc.diagnostics)


def _also(
    start: Callable[[int], Callable[[str], None]], meanwhile: Callable[[], None]
) -> Callable[[int], Callable[[str], None]]:
    """``start`` of a progress bar, whose progress also does ``meanwhile`` after the first file."""

    def started(total: int) -> Callable[[str], None]:
        advance = start(total)
        waiting = [meanwhile]

        def advanced(path: str) -> None:
            advance(path)
            while waiting:
                waiting.pop()()

        return advanced

    return started
