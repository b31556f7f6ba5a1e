"""``schema_file``: a schema kept in a file of its own, read when the standard is loaded.

The path is relative to the standard's file and stays inside a subfolder of its folder
(``schemas/x.json``): a standards folder is then complete wherever it is copied, a standard from
elsewhere cannot make pkcheck read any other file (an absolute path or one that climbs out with
``..`` is refused), and the schema is not taken for a standard (every YAML and JSON file of a
standards folder itself is read as one). The file is
JSON or YAML, read with the limits of every other file; any error is reported at its line in
the schema file, or at ``schema_file`` in the standard when the file cannot be read at all.
"""

from __future__ import annotations

import os
from pathlib import PurePath
from typing import Any

from pkcheck.checks.kind import KindFiles, Locator
from pkcheck.checks.schema.settings import SchemaCheck
from pkcheck.diagnostics import Diagnostic, InputError, Location
from pkcheck.load.limits import Limits
from pkcheck.load.locate import locate
from pkcheck.load.tree import LocatedDict
from pkcheck.load.yamlio import read_data


def paths(settings: SchemaCheck, standard_path: str) -> list[str]:
    """The schema file the settings name, spelled as a folder's files are (``lint`` reads it as
    the schema it is, not as a pkcheck file)."""
    if settings.schema_file is None:
        return []
    return [os.path.normpath(_joined(standard_path, settings.schema_file))]


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
    return [Diagnostic(locate(path, data, p.at), f"the schema: {p.message}") for p in schema_problems(data)]


def read_schema_file(standard_path: str, relative: str, limits: Limits, key: Location) -> tuple[str, Any]:
    """The path and the located data of the schema file ``relative`` (to the standard's file);
    raises ``InputError``. The schema itself is checked when the standard is composed."""
    problem = _path_problem(relative)
    if problem is not None:
        raise InputError((Diagnostic(key, f"`schema_file` `{relative}` {problem}"),))
    path = _joined(standard_path, relative)
    data, _ = read_data(path, limits)
    if not isinstance(data, LocatedDict):
        message = "a schema file holds one mapping, the JSON Schema"
        raise InputError.at(path, message if data is not None else f"the file is empty: {message}")
    return path, data


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
