"""Static checks of a requirement's thresholds and paths, run when a standard is composed.

An expression may name only the standard's parameters and paths that can exist in a
declaration; a part made only of numbers and parameters must not divide by zero or go negative.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

from pkcheck.expressions import ExpressionError, evaluate, parse
from pkcheck.locate import PathSegment
from pkcheck.models.standard import Requirement, ValueCheck
from pkcheck.paths import path_problem

Problem = tuple[tuple[PathSegment, ...], str]


def threshold_problems(requirement: Requirement, parameters: Mapping[str, Fraction]) -> Iterator[Problem]:
    kind = requirement.check.kind
    settings = requirement.check.settings
    base: tuple[PathSegment, ...] = ("check", kind)
    if isinstance(settings, ValueCheck):
        problem = path_problem(settings.path)
        if problem:
            yield (*base, "path"), f"path `{settings.path}` cannot exist in a declaration: {problem}"
    for segments, source in _thresholds(settings):
        for problem in _expression_problems(source, parameters):
            yield (*base, *segments), f"threshold {source!r}: {problem}"


def _thresholds(settings: Any) -> Iterator[tuple[tuple[PathSegment, ...], str]]:
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, str) and name in ("count", "quantity", "min", "max", "beds", "outpatients_per_day", "surgeries_per_day", "supply_days"):
            yield (name,), value
        elif isinstance(value, dict):
            for key, threshold in value.items():
                if isinstance(threshold, str):
                    yield (name, key), threshold


def _expression_problems(source: str, parameters: Mapping[str, Fraction]) -> Iterator[str]:
    try:
        expression = parse(source)
    except ExpressionError as exc:
        yield f"{exc.message} (column {exc.column})"
        return
    for name in expression.references:
        if name not in parameters:
            problem = path_problem(name)
            if problem:
                known = ", ".join(sorted(parameters)) or "none"
                yield f"unknown name `{name}`: not a parameter of this standard (parameters: {known}) nor a declaration path ({problem})"
    try:
        constant = evaluate(expression, parameters.get)
    except ExpressionError as exc:
        yield f"{exc.message} (column {exc.column})"
        return
    if constant is not None and constant < 0:
        yield f"evaluates to {constant}; a threshold must not be negative"
