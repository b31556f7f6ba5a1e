"""Static checks of a requirement's thresholds and paths, run when a standard is composed.

An expression may name only the standard's parameters and paths that can exist in a
declaration; a part made only of numbers and parameters must not divide by zero or be negative,
and nothing may be divided by such a part that is zero (``personnel.total / spare`` with
``spare: 0``). A threshold written as a plain number must not be negative either.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

from pkcheck import checks
from pkcheck.expressions import Binary, Expression, ExpressionError, Number, Reference, evaluate, parse
from pkcheck.i18n import _
from pkcheck.load.locate import PathSegment
from pkcheck.load.paths import path_problem
from pkcheck.models.standard import Requirement

Problem = tuple[tuple[PathSegment, ...], str]


def threshold_problems(requirement: Requirement, parameters: Mapping[str, Fraction]) -> Iterator[Problem]:
    """The problems of a requirement's check: those its kind finds in its settings (``Kind.lint``),
    then those of each of its thresholds (``Kind.thresholds``), in the order the kind lists them."""
    kind = checks.get(requirement.check.kind)
    settings = requirement.check.settings
    base: tuple[PathSegment, ...] = ("check", kind.name)
    for segments, problem in kind.lint(settings):
        yield (*base, *segments), problem
    for segments, threshold in kind.threshold_values(settings):
        if isinstance(threshold, str):
            for problem in _expression_problems(threshold, parameters):
                yield (
                    (*base, *segments),
                    _("threshold {threshold}: {problem}").format(threshold=repr(threshold), problem=problem),
                )
        elif _is_number(threshold) and threshold < 0:
            yield (
                (*base, *segments),
                _("threshold {threshold} is negative; a threshold must not be negative").format(threshold=threshold),
            )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _expression_problems(source: str, parameters: Mapping[str, Fraction]) -> Iterator[str]:
    try:
        expression = parse(source)
    except ExpressionError as exc:
        yield _("{problem} (column {column})").format(problem=exc.message, column=exc.column)
        return
    for name in expression.references:
        if name not in parameters:
            problem = path_problem(name)
            if problem:
                yield _unknown_name(name, problem, parameters)
    yield from _constant_problems(expression.root, parameters, is_root=True)


def _unknown_name(name: str, problem: str, parameters: Mapping[str, Fraction]) -> str:
    close = difflib.get_close_matches(name, list(parameters), n=1, cutoff=0.6)
    if close:
        return _(
            "unknown name `{name}`: not a parameter of this standard nor a declaration path; "
            "did you mean the parameter `{parameter}`?"
        ).format(name=name, parameter=close[0])
    known = ", ".join(sorted(parameters)) or _("none")
    return _(
        "unknown name `{name}`: not a parameter of this standard (parameters: {known}) nor a declaration path ({problem})"
    ).format(name=name, known=known, problem=problem)


def _is_constant(node: Any, parameters: Mapping[str, Fraction]) -> bool:
    """Made only of numbers and parameters: its value is known without a declaration."""
    if isinstance(node, Number):
        return True
    if isinstance(node, Reference):
        return node.name in parameters
    return all(_is_constant(child, parameters) for child in _children(node))


def _children(node: Any) -> tuple[Any, ...]:
    """The operands of a node (negation, operator or function call), found by shape."""
    if isinstance(node, Binary):
        return (node.left, node.right)
    if hasattr(node, "operand"):
        return (node.operand,)
    return tuple(getattr(node, "arguments", ()))


def _value(node: Any, parameters: Mapping[str, Fraction]) -> Fraction | None:
    return evaluate(Expression("", node, ()), parameters.get)


def _constant_problems(node: Any, parameters: Mapping[str, Fraction], is_root: bool = False) -> Iterator[str]:
    """Division by zero or a negative value in the parts of an expression that do not depend on
    a declaration (reported once, for the largest such part)."""
    if _is_constant(node, parameters):
        try:
            value = _value(node, parameters)
        except ExpressionError as exc:
            yield _("{problem} (column {column})").format(problem=exc.message, column=exc.column)
            return
        if value is not None and value < 0:
            shown = _number(value)
            if is_root:
                yield _("evaluates to {value}; a threshold must not be negative").format(value=shown)
            else:
                column = getattr(node, "column", None)
                if column:
                    said = _(
                        "a part made only of numbers and parameters evaluates to {value} (column {column}); "
                        "it must not be negative"
                    )
                else:
                    said = _("a part made only of numbers and parameters evaluates to {value}; it must not be negative")
                yield said.format(value=shown, column=column)
        return
    if isinstance(node, Binary) and node.operator == "/" and _is_constant(node.right, parameters):
        try:
            divisor = _value(node.right, parameters)
        except ExpressionError:
            divisor = None  # reported below, in the divisor itself
        if divisor == 0:
            yield _("division by zero: the divisor is always 0 (column {column})").format(column=node.column)
    for child in _children(node):
        yield from _constant_problems(child, parameters)


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))
