"""``schema_file``: a schema kept in a file of its own, read when the standard is loaded.

The path is relative to the standard's file and stays inside a subfolder of its folder
(``schemas/x.json``): a standards folder is then complete wherever it is copied, a standard from
elsewhere cannot make pkcheck read any other file (an absolute path or one that climbs out with
``..`` is refused), and the schema is not taken for a standard (every YAML and JSON file of a
standards folder itself is read as one). The path is checked where its symbolic links lead too:
a link to a file elsewhere in the folder is followed (a schema shared by two subfolders), one that
leads out of the folder, or to a file in the folder itself, is refused. What is not a regular
file (a named pipe, which would block the run, a device, a socket) is refused before it is
opened, and the file opened is checked again (without blocking), so that a link changed in
between is never followed. The file is JSON or YAML, read with the limits of every other file;
any error is reported at its line in the schema file, or at ``schema_file`` in the standard when
the file cannot be read at all.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import PurePath
from typing import Any, BinaryIO

from pkcheck.checks.kind import KindFiles, Locator
from pkcheck.checks.schema.settings import SchemaCheck
from pkcheck.diagnostics import Diagnostic, InputError, Location
from pkcheck.i18n import _
from pkcheck.load.limits import Limits
from pkcheck.load.locate import locate
from pkcheck.load.tree import LocatedDict
from pkcheck.load.yamlio import Opener, read_data


def paths(settings: SchemaCheck, standard_path: str) -> list[str]:
    """The schema file the settings name, spelled as a folder's files are (``lint`` reads it as
    the schema it is, not as a pkcheck file), and the file it leads to when it is a link to
    another file of the folder."""
    if settings.schema_file is None:
        return []
    named = os.path.normpath(_joined(standard_path, settings.schema_file))
    folder = os.path.realpath(os.path.dirname(standard_path) or ".")
    real = os.path.realpath(named)
    if real == named or os.path.commonpath([folder, real]) != folder:
        return [named]
    return list(dict.fromkeys([named, os.path.normpath(_joined(standard_path, os.path.relpath(real, folder)))]))


def _joined(standard_path: str, relative: str) -> str:
    return os.path.join(os.path.dirname(standard_path), relative)


def read(settings: SchemaCheck, standard_path: str, limits: Limits, at: Locator) -> list[Diagnostic]:
    """Read the ``schema_file`` the settings name into them; the errors, each located."""
    if settings.schema_file is None:
        return []
    try:
        path, settings._from_file = read_schema_file(standard_path, settings.schema_file, limits, at("schema_file"))
    except InputError as exc:
        return list(exc.diagnostics)
    settings._file_path = path
    return []


def carry(original: SchemaCheck, changed: SchemaCheck, patch: Any) -> bool:
    """An override keeps the schema file read for the requirement it changes, unless it names
    another (returns whether it does), which ``read`` then reads."""
    named = isinstance(patch, dict) and "schema_file" in patch
    if not named:
        changed._from_file, changed._file_path = original._from_file, original._file_path
    return named


def problems(settings: SchemaCheck) -> list[Diagnostic]:
    """The problems of the schema a schema file holds, located in that file: found when the
    standard is composed, as a schema written in it is checked then (and jsonschema is only
    imported when a standard with a schema check is used)."""
    if settings._file_path is None:
        return []
    from pkcheck.checks.schema.compiled import schema_problems

    data, path = settings._from_file, settings._file_path
    return [
        Diagnostic(locate(path, data, p.at), _("the schema: {problem}").format(problem=p.message))
        for p in schema_problems(data)
    ]


def read_schema_file(standard_path: str, relative: str, limits: Limits, key: Location) -> tuple[str, Any]:
    """The path and the located data of the schema file ``relative`` (to the standard's file);
    raises ``InputError``. The schema itself is checked when the standard is composed."""
    problem = _path_problem(relative)
    if problem is not None:
        raise InputError(
            (Diagnostic(key, _("`schema_file` `{file}` {problem}").format(file=relative, problem=problem)),)
        )
    path = _joined(standard_path, relative)
    data, _text = read_data(path, limits, _opener(standard_path, relative, key))
    if not isinstance(data, LocatedDict):
        if data is not None:
            message = _("a schema file holds one mapping, the JSON Schema")
        else:
            message = _("the file is empty: a schema file holds one mapping, the JSON Schema")
        raise InputError.at(path, message)
    return path, data


def _opener(standard_path: str, relative: str, key: Location) -> Opener:
    """Opens the schema file ``relative`` only if it is a regular file that is, where its links
    lead, inside the standard's folder; raises ``InputError`` at ``key`` otherwise."""
    folder = os.path.realpath(os.path.dirname(standard_path) or ".")

    def refuse(problem: str) -> InputError:
        return InputError(
            (Diagnostic(key, _("`schema_file` `{file}` {problem}").format(file=relative, problem=problem)),)
        )

    def open_inside(path: str) -> BinaryIO:
        _check_inside(folder, path, refuse)
        _check_regular(os.stat(path), refuse)  # before opening: opening a pipe would block
        handle = os.fdopen(os.open(path, _READ_WITHOUT_BLOCKING), "rb")
        try:
            _check_opened(os.fstat(handle.fileno()), folder, path, refuse)
        except BaseException:
            handle.close()
            raise
        return handle

    return open_inside


_READ_WITHOUT_BLOCKING = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def _check_opened(opened: os.stat_result, folder: str, path: str, refuse: Callable[[str], InputError]) -> None:
    """The file opened is a regular file, and the one where ``path`` leads now: a link
    changed since the first check is refused, never followed."""
    _check_regular(opened, refuse)
    leads_to = os.stat(_check_inside(folder, path, refuse))
    if (opened.st_dev, opened.st_ino) != (leads_to.st_dev, leads_to.st_ino):
        raise refuse(_("changed while it was being opened: run again"))


def _check_inside(folder: str, path: str, refuse: Callable[[str], InputError]) -> str:
    """Where ``path`` leads, once every symbolic link is followed; refused when that is
    outside ``folder``, or in ``folder`` itself."""
    real = os.path.realpath(path)
    if os.path.commonpath([folder, real]) != folder:
        raise refuse(_("leads outside the standard's folder (through a symbolic link): keep schema files inside it"))
    if os.path.dirname(real) == folder:
        raise refuse(
            _(
                "leads to a file in the standard's folder itself, where every file is read as a standard: "
                "keep it in a subfolder (`schemas/`)"
            )
        )
    return real


def _check_regular(status: os.stat_result, refuse: Callable[[str], InputError]) -> None:
    mode = status.st_mode
    if stat.S_ISREG(mode):
        return
    if stat.S_ISFIFO(mode):
        said = _("is a named pipe (FIFO), not a regular file: a schema file is a JSON or YAML file")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        said = _("is a device, not a regular file: a schema file is a JSON or YAML file")
    elif stat.S_ISSOCK(mode):
        said = _("is a socket, not a regular file: a schema file is a JSON or YAML file")
    else:
        said = _("is not a file, not a regular file: a schema file is a JSON or YAML file")
    raise refuse(said)


def _path_problem(relative: str) -> str | None:
    parts = PurePath(relative).parts
    if os.path.isabs(relative) or relative.startswith(("/", "\\")) or (parts and ":" in parts[0]):
        return "is an absolute path: give a path relative to the standard's file, inside its folder"
    depth = 0
    for part in parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return "climbs out of the standard's folder: keep schema files inside it"
    if len([part for part in parts if part not in (".", "..")]) < 2:
        # Every YAML and JSON file of a standards folder is read as a standard.
        return "is in the standard's folder itself, where every file is read as a standard: keep it in a subfolder (`schemas/`)"
    return None


FILES = KindFiles(paths=paths, read=read, carry=carry, problems=problems)
