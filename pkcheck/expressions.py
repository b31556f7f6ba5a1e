"""Threshold expressions: a tiny, safe arithmetic language (parsed, never evaluated as code).

A threshold may be a string such as ``"ceil(personnel.total / 120)"``:

- numbers (``12``, ``0.07``), ``+ - * /``, unary minus, parentheses;
- functions ``ceil(x)``, ``floor(x)``, ``round(x)`` (half away from zero), ``min(a, b, ...)``,
  ``max(a, b, ...)``;
- names: a bare name is a parameter of the standard if it has one, else a declaration path such
  as ``personnel.total``; a path with a hyphenated segment is written
  ``value("personnel.roles.staff-officer")``.

Arithmetic is exact (fractions): ``0.07 * 100`` is 7, never 7.000000000000001.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

MAX_LENGTH = 500
MAX_DEPTH = 50
MAX_LITERAL = 30
FUNCTIONS = ("ceil", "floor", "round", "min", "max", "value")


class ExpressionError(ValueError):
    """A threshold expression that cannot be parsed or evaluated."""

    def __init__(self, message: str, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True)
class Number:
    value: Fraction


@dataclass(frozen=True)
class Reference:
    name: str
    column: int


@dataclass(frozen=True)
class Unary:
    operand: Node


@dataclass(frozen=True)
class Binary:
    operator: str
    left: Node
    right: Node
    column: int


@dataclass(frozen=True)
class Call:
    function: str
    arguments: tuple[Node, ...]


Node = Number | Reference | Unary | Binary | Call


@dataclass(frozen=True)
class Expression:
    source: str
    root: Node
    references: tuple[str, ...]


def parse(source: str) -> Expression:
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError("empty expression")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"bad syntax: {exc.msg}", exc.offset or 1) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("expression is too deeply nested") from None
    references: list[str] = []
    root = _convert(tree.body, references, 0)
    return Expression(source, root, tuple(dict.fromkeys(references)))


def _column(node: ast.AST) -> int:
    return getattr(node, "col_offset", 0) + 1


_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_REJECTED = {
    ast.Pow: "exponentiation `**` is not allowed",
    ast.Mod: "`%` is not allowed",
    ast.FloorDiv: "`//` is not allowed; use floor(a / b)",
}


def _convert(node: ast.AST, references: list[str], depth: int) -> Node:
    if depth > MAX_DEPTH:
        raise ExpressionError(f"expression nested deeper than {MAX_DEPTH} levels", _column(node))
    if isinstance(node, ast.Constant):
        return _literal(node)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _convert(node.operand, references, depth + 1)
        return Unary(operand) if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        if type(node.op) in _REJECTED:
            raise ExpressionError(_REJECTED[type(node.op)], _column(node))
        if type(node.op) not in _BINARY:
            raise ExpressionError("only + - * / are allowed", _column(node))
        left = _convert(node.left, references, depth + 1)
        right = _convert(node.right, references, depth + 1)
        return Binary(_BINARY[type(node.op)], left, right, _column(node))
    if isinstance(node, (ast.Name, ast.Attribute)):
        name = _dotted(node)
        references.append(name)
        return Reference(name, _column(node))
    if isinstance(node, ast.Call):
        return _call(node, references, depth)
    raise ExpressionError(f"{_describe(node)} is not allowed", _column(node))


def _literal(node: ast.Constant) -> Number:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ExpressionError(f"{_describe(node)} is not allowed; only numbers", _column(node))
    if len(repr(value)) > MAX_LITERAL:
        raise ExpressionError(f"number longer than {MAX_LITERAL} digits", _column(node))
    if isinstance(value, float) and not math.isfinite(value):
        raise ExpressionError("number is too large", _column(node))
    return Number(to_fraction(value))


def _dotted(node: ast.AST) -> str:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        raise ExpressionError(
            "attribute access is only allowed in dotted declaration paths like `personnel.total`", _column(node)
        )
    parts.append(node.id)
    name = ".".join(reversed(parts))
    if any(part.startswith("_") for part in parts):
        raise ExpressionError(f"names starting with `_` are not allowed: `{name}`", _column(node))
    if name in FUNCTIONS:
        raise ExpressionError(f"`{name}` is a function: call it, e.g. {name}(x)", _column(node))
    return name


def _call(node: ast.Call, references: list[str], depth: int) -> Node:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        name = node.func.id if isinstance(node.func, ast.Name) else "this"
        raise ExpressionError(f"unknown function `{name}`; allowed: {', '.join(FUNCTIONS)}", _column(node))
    function = node.func.id
    if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
        raise ExpressionError(f"`{function}` takes plain positional arguments only", _column(node))
    count = len(node.args)
    if function == "value":
        return _value_call(node, references)
    if function in ("ceil", "floor", "round") and count != 1:
        raise ExpressionError(f"`{function}` takes exactly one argument", _column(node))
    if function in ("min", "max") and count < 2:
        raise ExpressionError(f"`{function}` takes at least two arguments", _column(node))
    arguments = tuple(_convert(a, references, depth + 1) for a in node.args)
    return Call(function, arguments)


def _value_call(node: ast.Call, references: list[str]) -> Reference:
    if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant) or not isinstance(node.args[0].value, str):
        raise ExpressionError('`value` takes one quoted path, e.g. value("personnel.roles.staff-officer")', _column(node))
    path = node.args[0].value
    if not path or any(not part or part.startswith("_") for part in path.split(".")):
        raise ExpressionError(f"bad path in value(): {path!r}", _column(node))
    references.append(path)
    return Reference(path, _column(node))


def _describe(node: ast.AST) -> str:
    names = {
        ast.Subscript: "subscripts", ast.Lambda: "lambda", ast.Compare: "comparisons", ast.BoolOp: "`and`/`or`",
        ast.IfExp: "conditional expressions", ast.JoinedStr: "f-strings", ast.List: "lists", ast.Tuple: "tuples",
        ast.Dict: "mappings", ast.Set: "sets", ast.NamedExpr: "`:=`", ast.Await: "await",
    }
    if isinstance(node, ast.Constant):
        return "text" if isinstance(node.value, str) else f"the constant {node.value!r}"
    if isinstance(node, ast.UnaryOp):
        return "`not`/`~`"
    return names.get(type(node), type(node).__name__)


def evaluate(expression: Expression, resolve: Callable[[str], Fraction | None]) -> Fraction | None:
    """The exact value, or None when a referenced declaration path is missing."""
    try:
        return _evaluate(expression.root, resolve)
    except _Missing:
        return None


class _Missing(Exception):
    pass


def _evaluate(node: Node, resolve: Callable[[str], Fraction | None]) -> Fraction:
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Reference):
        value = resolve(node.name)
        if value is None:
            raise _Missing
        return Fraction(value)
    if isinstance(node, Unary):
        return -_evaluate(node.operand, resolve)
    if isinstance(node, Binary):
        left, right = _evaluate(node.left, resolve), _evaluate(node.right, resolve)
        if node.operator == "/":
            if right == 0:
                raise ExpressionError("division by zero", node.column)
            return left / right
        return left + right if node.operator == "+" else left - right if node.operator == "-" else left * right
    arguments = [_evaluate(a, resolve) for a in node.arguments]
    if node.function == "ceil":
        return Fraction(math.ceil(arguments[0]))
    if node.function == "floor":
        return Fraction(math.floor(arguments[0]))
    if node.function == "round":
        return Fraction(round_half_away(arguments[0]))
    return min(arguments) if node.function == "min" else max(arguments)


def round_half_away(value: Fraction) -> int:
    magnitude = math.floor(abs(value) + Fraction(1, 2))
    return magnitude if value >= 0 else -magnitude


def to_fraction(number: int | float | Fraction | Decimal) -> Fraction:
    """Exact value of a number as written: 0.07 is 7/100 (via its shortest repr), not the binary float."""
    if isinstance(number, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(number, float):
        return Fraction(Decimal(repr(float(number))))
    return Fraction(number)
