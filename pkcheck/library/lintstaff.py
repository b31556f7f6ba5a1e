"""Warnings where a declaration counts its medical staff twice and the counts disagree.

A declaration gives the medical staff in ``medical.staff`` and every role of the unit in
``personnel.roles``. Checks read each where the format puts it: a ``medical`` check counts
``medical.staff``, a ``training`` check of a role's population counts ``personnel.roles``. When
the two give a role different numbers, two checks judge two different units, and one trained
surgeon can meet the need of two without a word. So, where a declaration gives both, each role
of ``medical.staff`` must have the same number in ``personnel.roles`` (a role missing there is
none); ``check`` and ``lint`` warn at ``medical.staff.<role>`` otherwise. Roles of
``personnel.roles`` that ``medical.staff`` does not list are not medical staff and are not
compared. The declaration is still checked as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pkcheck.diagnostics import Diagnostic, Level
from pkcheck.i18n import _
from pkcheck.load.locate import locate
from pkcheck.models.declaration import Declaration


def staff_warnings(path: str, data: Any, declaration: Declaration) -> list[Diagnostic]:
    """A warning at each role of ``medical.staff`` whose number ``personnel.roles`` does not give."""
    return list(_disagreements(path, data, declaration))


def _disagreements(path: str, data: Any, declaration: Declaration) -> Iterator[Diagnostic]:
    medical, personnel = declaration.medical, declaration.personnel
    staff = medical.staff if medical else None
    roles = personnel.roles if personnel else None
    if staff is None or roles is None:
        return
    for role, number in staff.items():
        counted = roles.get(role, 0)
        if counted == number:
            continue
        where = locate(path, data, ("medical", "staff", role))
        if role in roles:
            line = locate(path, data, ("personnel", "roles", role)).line
            said = _(
                "`medical.staff.{role}` is {number} but `personnel.roles.{role}` is {counted} (line {line}): "
                "medical checks count {number}, training of the role counts {counted}; declare the same number in both"
            )
        else:
            line = locate(path, data, ("personnel", "roles")).line
            said = _(
                "`medical.staff.{role}` is {number} but `personnel.roles` (line {line}) has no `{role}`: "
                "medical checks count {number}, training of the role counts {counted}; declare the same number in both"
            )
        message = said.format(role=role, number=number, counted=counted, line=line)
        yield Diagnostic(where, message, Level.WARNING)
