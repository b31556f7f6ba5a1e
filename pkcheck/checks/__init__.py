"""The check kinds, one module each; the module docstring is the kind's user documentation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pkcheck.checks import equipment, medical, training, value
from pkcheck.checks.base import Context, Outcome

CheckFunction = Callable[[Any, Context], Outcome]

CHECKS: dict[str, CheckFunction] = {
    training.KIND: training.check,
    equipment.KIND: equipment.check,
    medical.KIND: medical.check,
    value.KIND: value.check,
}

DOCS = {module.KIND: module.__doc__ or "" for module in (training, equipment, medical, value)}


def get(kind: str) -> CheckFunction:
    try:
        return CHECKS[kind]
    except KeyError:
        raise ValueError(f"no such check kind: {kind!r}; known: {', '.join(CHECKS)}") from None
