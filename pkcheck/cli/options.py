"""The options several commands share, declared once, and their values as a command uses them.

An option used by one command only is declared beside that command. The values are parsed by
the pure functions of ``pkcheck.cli.parse``; here their errors are shown as the command
line's (``parsed``).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from pkcheck.cli import parse
from pkcheck.cli.errors import usage
from pkcheck.cli.parse import LIMITS, BadValue, LimitTexts
from pkcheck.diagnostics import UsageError
from pkcheck.i18n import N_

if TYPE_CHECKING:
    from pkcheck.load.limits import Limits

P = ParamSpec("P")
T = TypeVar("T")

DeclarationPaths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH", help=N_("Declaration files, or folders searched for *.yaml, *.yml and *.json declarations.")
    ),
]
ForcedStandard = Annotated[
    str | None,
    typer.Option(
        "--standard",
        "-s",
        metavar="ID-OR-FILE",
        help=N_(
            "Check against this standard (an id in the search path, or a file) instead of choosing by unit type and mission."
        ),
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help=N_("Judge dates as of this day, YYYY-MM-DD (default: today).")),
]
StandardsPath = Annotated[
    list[str] | None,
    typer.Option(
        "--standards-path",
        metavar="DIR",
        help=N_("Folder of standards to search before PKCHECK_STANDARDS_PATH and the shipped standards (repeatable)."),
    ),
]
Mous = Annotated[
    list[str] | None,
    typer.Option(
        "--mou",
        metavar="FILE",
        help=N_(
            "An MOU (pkcheck: mou/v1) to verify the units it covers against, line by line, before those of the standards search path (repeatable)."
        ),
    ),
]
Jobs = Annotated[
    str,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        help=N_(
            "Check the declarations in N processes at once, or `auto` for one per CPU (default 1). The report is the same whatever N."
        ),
    ),
]


Lang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help=N_("Write in this language: en or fr (default: PKCHECK_LANG, else the locale's language, else en)."),
    ),
]
_LANG_PARAMETER = inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Lang)


def use_language(lang: str | None) -> None:
    """Write in ``lang``, else in the language the environment asks for."""
    choose_language(["--lang", lang] if lang else [])


def choose_language(argv: list[str]) -> None:
    """Write in the language of a command line (``--lang`` wherever it is, else the
    environment's: ``parse.language``) from now on, typer's own words too. The application
    chooses it before it parses its command line (``typer_words.Group``), so that the help and
    the usage errors are in it whether ``--lang`` comes before the command or after it."""
    from pkcheck import i18n

    chosen = parsed(parse.language, argv, os.environ)
    if chosen != i18n.language():
        i18n.use(chosen)
    if chosen != i18n.DEFAULT:
        from pkcheck.cli import typer_words

        typer_words.install()


def language_option(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with a ``--lang`` option (``use_language``): ``pkcheck check --lang fr`` as well
    as ``pkcheck --lang fr check``."""
    signature = inspect.signature(command)

    @functools.wraps(command)
    def with_language(**given: object) -> None:
        lang = given.pop("lang", None)
        if isinstance(lang, str):
            use_language(lang)
        command(**given)

    parameters = [*signature.parameters.values(), _LANG_PARAMETER]
    parameters.sort(key=lambda p: p.kind)  # keyword-only after the others, as Python requires
    with_language.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    return with_language


def _limit_parameter(limit: parse.Limit) -> inspect.Parameter:
    option = typer.Option(limit.option, metavar=limit.metavar, help=limit.help)  # translated when shown
    name = limit.option[2:].replace("-", "_")
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[str | None, option]
    )


_LIMIT_PARAMETERS = tuple(_limit_parameter(limit) for limit in LIMITS)


def limit_options(command: Callable[..., None]) -> Callable[..., None]:
    """``command``, with its keyword-only parameter ``limits`` (``LimitTexts``) given on the
    command line as the ``--max-*`` options, in its place in the help: the limits on the files
    read, declared once for every command that reads files."""
    signature = inspect.signature(command)
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        parameters.extend(_LIMIT_PARAMETERS if parameter.name == "limits" else (parameter,))

    @functools.wraps(command)
    def with_limit_options(**given: object) -> None:
        texts = {limit.option: given.pop(p.name) for limit, p in zip(LIMITS, _LIMIT_PARAMETERS, strict=True)}
        command(**given, limits=texts)

    # typer reads a command's parameters from its signature
    with_limit_options.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    return with_limit_options


def parsed(parser: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """What ``parser`` makes of an option's value; a value it refuses is a usage error, shown
    as click shows a bad option where it is a ``BadValue``."""
    try:
        return parser(*args, **kwargs)
    except BadValue as exc:
        raise typer.BadParameter(exc.reason, param_hint=exc.option) from None
    except UsageError as exc:
        usage(str(exc))


def day(as_of: str | None) -> dt.date:
    """``--as-of``, or today."""
    return parsed(parse.as_of, as_of, dt.date.today())


def limits(given: LimitTexts | None = None) -> Limits:
    """The ``--max-*`` options given, else their environment variables, else the defaults."""
    return parsed(parse.limits, given or {}, os.environ)


def workers(jobs: str) -> int:
    """``--jobs``: how many processes check the declarations."""
    return parsed(parse.jobs, jobs, _available_cpus)


def _available_cpus() -> int:
    from pkcheck.parallel import available_cpus  # multiprocessing: loaded only for `--jobs auto`

    return available_cpus()


def fail_on(value: str) -> str:
    """``--fail-on``: a severity, or ``never``."""
    from pkcheck.report import FAIL_ON_CHOICES

    return parsed(parse.fail_on, value, FAIL_ON_CHOICES)
