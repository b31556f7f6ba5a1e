"""Errors of ``lint --strict`` about requirements their readers cannot act on: without a
rationale, a remediation or a reference.

A finding shows the requirement's rationale (why it is required), remediation (how to close the
shortfall) and references (where the rule comes from); a unit that falls short of a requirement
without them learns only that it does. They are optional in the format, so that a standard can
be drafted a requirement at a time; ``lint --strict``, which CI runs, requires them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pkcheck.diagnostics import Diagnostic, Level, Location
from pkcheck.i18n import N_, _
from pkcheck.load.locate import locate

# What a requirement must say, by the key that says it.
EXPLAINED_BY = {
    "rationale": N_("why it is required"),
    "remediation": N_("how to close a shortfall"),
    "references": N_("where it comes from"),
}


def undocumented(path: str, data: Any) -> Iterator[Diagnostic]:
    """An error per requirement defined in the document that lacks a key of ``EXPLAINED_BY``,
    at the requirement, and per override that empties one, at that key."""
    requirements = data.get("requirements")
    for index, requirement in enumerate(requirements if isinstance(requirements, list) else ()):
        if isinstance(requirement, dict) and (missing := [key for key in EXPLAINED_BY if not requirement.get(key)]):
            yield _warning(locate(path, data, ("requirements", index)), str(requirement.get("id")), missing)
    overrides = data.get("overrides")
    for requirement_id, changes in (overrides if isinstance(overrides, dict) else {}).items():
        if isinstance(changes, dict):
            for key in (key for key in EXPLAINED_BY if key in changes and not changes[key]):
                yield _warning(locate(path, data, ("overrides", requirement_id, key)), requirement_id, [key])


def _warning(where: Location, requirement_id: str, missing: list[str]) -> Diagnostic:
    return Diagnostic(
        where,
        _(
            "requirement `{id}` has no {keys} (`lint --strict` requires each): a unit short of it is not told {what}"
        ).format(id=requirement_id, keys=_either(missing), what=_either([_(EXPLAINED_BY[key]) for key in missing])),
        Level.ERROR,
    )


def _either(words: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(words) > 1:
        return _("{either} or {other}").format(either=", ".join(words[:-1]), other=words[-1])
    return "".join(words)
