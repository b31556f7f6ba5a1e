"""What the commands that check declarations (``check``, ``gaps``, ``diff --against``) and
read standards share: the files a run reads, and the run itself with its progress bar."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pkcheck.cli.errors import fail, usage
from pkcheck.cli.progress import ProgressBar, wanted
from pkcheck.diagnostics import InputError, UsageError

if TYPE_CHECKING:
    from pkcheck.load.inputs import Read
    from pkcheck.load.limits import Limits
    from pkcheck.report import Report


def batch_inputs(
    paths: list[str], standard: str | None, standards_path: list[str] | None, waivers: str | None
) -> list[Read]:
    """The files a run checking declarations reads: the declarations, the waivers and the standards."""
    from pkcheck.load.inputs import DECLARATIONS, Read

    return [
        Read("a declaration", paths, DECLARATIONS),
        Read("the waivers file", [waivers] if waivers else []),
        *standards_inputs(standards_path, standard),
    ]


def standards_inputs(standards_path: list[str] | None, standard: str | None = None) -> list[Read]:
    """The standards a run reads: the one named with ``--standard`` (if a file), and the files
    of the search path's folders."""
    from pkcheck.library.standards import search_path
    from pkcheck.load.inputs import STANDARDS, Read

    return [
        Read("a standard", [standard] if standard else []),
        Read("a file of the standards search path", search_path(standards_path or []), STANDARDS),
    ]


def check_batch(
    paths: list[str],
    standard: str | None,
    standards_path: list[str] | None,
    waivers: str | None,
    day: dt.date,
    limits: Limits,
    jobs: int,
) -> Report:
    """The declarations checked, with a progress bar at a terminal; a bad command line,
    standard or waivers file ends the run here (exit 2)."""
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
                progress=bar.start,
                jobs=jobs,
            )
    except UsageError as exc:
        usage(str(exc))
    except InputError as exc:
        fail(exc.diagnostics)
