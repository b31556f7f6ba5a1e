"""A kind whose settings name a file relative to the standard's file (``Kind.files``).

The kind ``roster`` is defined here, outside pkcheck, and registered with one entry: the
standards library reads the file it names when the standard is loaded, carries it through an
override or reads the override's own, reports its problems located in the file, and ``lint``
does not take it for a standard.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import PrivateAttr

from pkcheck import checks
from pkcheck.analyses.lint import lint
from pkcheck.checks.base import Context, Outcome
from pkcheck.checks.draft import Draft
from pkcheck.checks.kind import Kind, KindFiles, Locator
from pkcheck.checks.pieces import Piece
from pkcheck.diagnostics import Diagnostic, InputError, Location
from pkcheck.library.standards import Library
from pkcheck.load.limits import Limits
from pkcheck.load.yamlio import read_data
from pkcheck.models.common import StrictModel
from pkcheck.report import Finding, Status


class RosterCheck(StrictModel):
    roles_file: str
    _roles: Any = PrivateAttr(None)  # the file's content, read with the standard


def _path(settings: RosterCheck, standard_path: str) -> str:
    return str(Path(standard_path).parent / settings.roles_file)


def _read(settings: RosterCheck, standard_path: str, limits: Limits, at: Locator) -> list[Diagnostic]:
    if Path(settings.roles_file).is_absolute():
        return [Diagnostic(at("roles_file"), "give a relative path")]
    try:
        settings._roles, _ = read_data(_path(settings, standard_path), limits)
    except InputError as exc:
        return list(exc.diagnostics)
    return []


def _carry(original: RosterCheck, changed: RosterCheck, patch: Any) -> bool:
    named = isinstance(patch, dict) and "roles_file" in patch
    if not named:
        changed._roles = original._roles
    return named


def _problems(settings: RosterCheck) -> Iterator[Diagnostic]:
    if not isinstance(settings._roles, list):
        yield Diagnostic(Location(settings.roles_file, 1, 1), "a roster file holds a list of roles")


def _check(settings: RosterCheck, context: Context) -> Outcome:
    return Outcome(Status.MET, "roster.met", {"roles": settings._roles})


def _nothing_to_fill(settings: RosterCheck, context: Context, draft: Draft) -> None:
    return None


def _no_pieces(finding: Finding) -> Iterator[Piece]:
    return iter(())


ROSTER = Kind(
    name="roster",
    settings=RosterCheck,
    check=_check,
    doc="``roster``: the roles a file beside the standard lists.",
    messages={"met": "roles {roles}"},
    describe=lambda settings: f"roster: the roles in {settings.roles_file}",
    fill=_nothing_to_fill,
    pieces=_no_pieces,
    examples=({"roles_file": "rosters/a.yaml"},),
    files=KindFiles(
        paths=lambda settings, standard_path: [_path(settings, standard_path)],
        read=_read,
        carry=_carry,
        problems=_problems,
    ),
)

STANDARD = """pkcheck: standard/v1
id: {id}
version: 1.0.0
title: Rosters
"""
REQUIREMENT = """requirements:
  - id: T-ROS-001
    title: Roster
    category: personnel
    severity: major
    check:
      roster:
        roles_file: {file}
"""


@pytest.fixture(autouse=True)
def _registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(checks.KINDS, ROSTER.name, ROSTER)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _settings(library: Library, standard_id: str) -> Any:
    return library.effective(standard_id).requirements[0].requirement.check.settings


def test_the_file_is_read_with_the_standard_and_not_taken_for_one(tmp_path: Path) -> None:
    _write(tmp_path / "rosters" / "a.yaml", "[medic, driver]\n")
    _write(tmp_path / "base.yaml", STANDARD.format(id="base") + REQUIREMENT.format(file="rosters/a.yaml"))
    library = Library([str(tmp_path)])
    assert library.errors == []
    assert _settings(library, "base")._roles == ["medic", "driver"]
    assert library.check_files == {str(tmp_path / "rosters" / "a.yaml")}
    assert lint([str(tmp_path)], []) == (2, [])  # the roster file is read, but not as a standard


def test_an_override_carries_the_file_or_reads_its_own(tmp_path: Path) -> None:
    _write(tmp_path / "base" / "rosters" / "a.yaml", "[medic]\n")
    _write(tmp_path / "child" / "rosters" / "a.yaml", "[not read]\n")
    _write(tmp_path / "child" / "rosters" / "b.yaml", "[cook]\n")
    _write(tmp_path / "base" / "base.yaml", STANDARD.format(id="base") + REQUIREMENT.format(file="rosters/a.yaml"))
    kept = "extends: base\noverrides:\n  T-ROS-001: {title: Renamed}\n"
    named = "extends: base\noverrides:\n  T-ROS-001: {check: {roster: {roles_file: rosters/b.yaml}}}\n"
    _write(tmp_path / "child" / "kept.yaml", STANDARD.format(id="kept") + kept)
    _write(tmp_path / "child" / "named.yaml", STANDARD.format(id="named") + named)
    library = Library([str(tmp_path / "child"), str(tmp_path / "base")])
    assert _settings(library, "kept")._roles == ["medic"]
    assert _settings(library, "named")._roles == ["cook"]


def test_read_errors_are_located_in_the_standard_and_problems_at_composition(tmp_path: Path) -> None:
    absolute = _write(tmp_path / "absolute.yaml", STANDARD.format(id="absolute") + REQUIREMENT.format(file="/a.yaml"))
    _write(tmp_path / "rosters" / "bad.yaml", "{not: a list}\n")
    _write(tmp_path / "bad.yaml", STANDARD.format(id="bad") + REQUIREMENT.format(file="rosters/bad.yaml"))
    library = Library([str(tmp_path)])
    [error] = library.errors
    assert (error.location.path, error.location.line, error.message) == (str(absolute), 12, "give a relative path")
    with pytest.raises(InputError) as raised:
        library.effective("bad")
    assert [d.message for d in raised.value.diagnostics] == ["a roster file holds a list of roles"]
