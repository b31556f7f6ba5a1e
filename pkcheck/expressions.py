"""Threshold expressions: a small, safe arithmetic language for standards.

A threshold in a standard (``quantity``, ``count``, ``min``, ``max``, medical minimums and
maximums) may be a number or a quoted expression::

    quantity: "ceil(personnel.total / 120)"
    count: "max(2, value(\\"personnel.roles.staff-officer\\") / 10)"
    min: "tour_months * 2"

What an expression may contain
------------------------------

- Numbers, written in decimal: ``12``, ``0.07``, ``.5``, ``1_000``, ``1e3``. At most 30
  characters each; no hexadecimal, no ``True``/``False``, no imaginary numbers.
- ``+``, ``-``, ``*``, ``/``, a leading ``-`` or ``+``, and parentheses. The usual precedence:
  ``*`` and ``/`` before ``+`` and ``-``, left to right. ``**``, ``%`` and ``//`` are not part of
  the language.
- Functions:

  - ``ceil(x)``: the smallest whole number >= x;
  - ``floor(x)``: the largest whole number <= x;
  - ``round(x)``: the nearest whole number, halves away from zero (``round(2.5)`` is 3,
    ``round(-2.5)`` is -3);
  - ``min(a, b, ...)``, ``max(a, b, ...)``: two or more arguments;
  - ``value("a.b.c")``: the declaration path written in quotes, needed when a segment has a
    hyphen, e.g. ``value("personnel.roles.staff-officer")``. Segments are letters, digits,
    ``-`` and ``_``.

- Names: a bare name such as ``tour_months`` is a parameter of the standard if it has one of
  that name, else a declaration path; a dotted name such as ``personnel.total`` or
  ``medical.staff.nurse`` is a declaration path. Names may not start with ``_``, and a function
  name alone (``ceil`` without parentheses) is not a value.

Anything else (comparisons, ``and``/``or``, subscripts ``a[0]``, attribute access on anything but
a name, keyword arguments, lambdas, f-strings, text outside ``value(...)``) is rejected with a
message that names it and the 1-based column where it starts (binary operators: the column of the
operator). Only plain ASCII is accepted, so typographic quotes or a non-breaking space pasted
from a word processor are reported rather than misread; backslashes are not accepted either.
Line breaks count as spaces. Limits: 500 characters, 50 levels of nesting (parentheses, calls
and operators: a chain of more than 50 operators counts as too deep).

How an expression is computed
-----------------------------

Arithmetic is exact on rationals: ``0.07 * 100`` is exactly 7, so ``ceil(0.07 * 100)`` is 7,
never 8. A number taken from the declaration is taken exactly as written (0.07 is 7/100).
When a declaration path the expression names is missing from the declaration, the expression has
no value and the finding is ``no-evidence``. Dividing by zero is an error, even when another part
of the expression is missing. So is a result larger than 10^308 in size (``MAX_MAGNITUDE``, about
the largest number a YAML float can hold), after any operation: it points at the operator. Where a count of people or items is required, the engine rounds a
fractional result up.

Expressions are never run as Python code: the text is read with Python's parser, every piece is
checked against the rules above and copied into this module's own small tree, and only that tree
is computed.
"""

from __future__ import annotations

import ast
import math
import re
import threading
import warnings
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from pkcheck.i18n import N_, _

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_LITERAL_LENGTH",
    "MAX_MAGNITUDE",
    "Binary",
    "Call",
    "Expression",
    "ExpressionError",
    "Negate",
    "Node",
    "Number",
    "Reference",
    "evaluate",
    "number_problem",
    "parse",
    "round_half_away",
    "shown_number",
    "substituted",
    "to_fraction",
]

MAX_LENGTH = 500
MAX_DEPTH = 50
MAX_LITERAL_LENGTH = 30
# The largest size of a number pkcheck computes with: a threshold, a declared value, a result.
# About the largest a YAML float can be, so every number that reaches a report is finite as a
# float and short as text (Python refuses to print integers of more than 4,300 digits).
MAX_MAGNITUDE = 10**308
FUNCTIONS = ("ceil", "floor", "round", "min", "max", "value")
_ONE_ARGUMENT = ("ceil", "floor", "round")
_SEVERAL_ARGUMENTS = ("min", "max")
_PATH_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
# Decimal exponents this far out already mean a typo, and bounding them keeps Fraction small.
_MAX_EXPONENT = 400
_WHITESPACE = "\t\n\r\f\v"
_HINTS = {
    "\u201c": N_('use a straight quote `"`'),
    "\u201d": N_('use a straight quote `"`'),
    "\u201e": N_('use a straight quote `"`'),
    "\u2018": N_("use a straight quote `'`"),
    "\u2019": N_("use a straight quote `'`"),
    "\u201a": N_("use a straight quote `'`"),
    "\u00a0": N_("use an ordinary space"),
    "\u2009": N_("use an ordinary space"),
    "\u202f": N_("use an ordinary space"),
    "\u2212": N_("use `-`"),
    "\u2013": N_("use `-`"),
    "\u2014": N_("use `-`"),
    "\u00d7": N_("use `*`"),
    "\u00f7": N_("use `/`"),
}
# warnings.catch_warnings swaps process-wide state; serialise our own use of it.
_PARSE_LOCK = threading.Lock()


class ExpressionError(ValueError):
    """A threshold expression that cannot be parsed or evaluated."""

    def __init__(self, message: str, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.column = column

    def __reduce__(self) -> tuple[type[ExpressionError], tuple[str, int]]:
        # Keeps the column when an error crosses a process boundary (pickling drops extra state).
        return type(self), (self.message, self.column)


class Number(NamedTuple):
    value: Fraction


class Reference(NamedTuple):
    name: str
    column: int


class Negate(NamedTuple):
    operand: Node


class Binary(NamedTuple):
    operator: str  # one of "+", "-", "*", "/"
    left: Node
    right: Node
    column: int  # of the operator, so a division by zero points at its `/`


class Call(NamedTuple):
    function: str  # one of "ceil", "floor", "round", "min", "max"
    arguments: tuple[Node, ...]


Node = Number | Reference | Negate | Binary | Call


class Expression(NamedTuple):
    source: str
    root: Node
    references: tuple[str, ...]


# --- parsing -----------------------------------------------------------------------------------


def parse(source: str) -> Expression:
    """Read a threshold expression; raises ``ExpressionError`` for anything outside the language."""
    if not isinstance(source, str):
        raise TypeError(f"an expression is text, not {type(source).__name__}")
    return _parse(source)


# A run reads the same thresholds several times (validating, composing and linting each
# standard, titling its findings); an expression is immutable, so each is read once.
@lru_cache(maxsize=4096)
def _parse(source: str) -> Expression:
    text = _prepare(source)
    body = text.lstrip(" ")
    lead = len(text) - len(body)
    tree = _syntax_tree(body, lead)
    converter = _Converter(body, lead)
    root = converter.convert(tree.body, 1)
    return Expression(source, root, tuple(dict.fromkeys(converter.references)))


def _prepare(source: str) -> str:
    """The source with every whitespace character as a plain space, after the cheap checks."""
    if not source.strip():
        raise ExpressionError(_("expression is empty"))
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            _("expression is longer than {limit} characters ({length})").format(limit=MAX_LENGTH, length=len(source)),
            MAX_LENGTH + 1,
        )
    for index, character in enumerate(source):
        problem = _character_problem(character)
        if problem:
            raise ExpressionError(problem, index + 1)
    # Same length, so columns stay those of the source; line breaks then act like spaces.
    text = "".join(" " if c in _WHITESPACE else c for c in source)
    _check_brackets(text)
    return text


def _character_problem(character: str) -> str | None:
    if character in _WHITESPACE or (" " <= character <= "~" and character != "\\"):
        return None
    if character == "\\":
        return _("backslash `\\` is not allowed")
    code = f"U+{ord(character):04X}"
    if character.isascii():
        return _("control character {code} is not allowed").format(code=code)
    shown = f"`{character}` ({code})" if character.isprintable() and not character.isspace() else code
    hint = _(_HINTS[character]) if character in _HINTS else _("expressions are plain ASCII")
    return _("character {character} is not allowed; {hint}").format(character=shown, hint=hint)


def _check_brackets(text: str) -> None:
    """Reject deep bracket nesting before Python's parser sees it (it gives up at 200)."""
    depth = 0
    quote = ""
    for index, character in enumerate(text):
        if quote:
            quote = "" if character == quote else quote
        elif character in "\"'":
            quote = character
        elif character in "([{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ExpressionError(_too_deep(), index + 1)
        elif character in ")]}":
            depth -= 1


def _too_deep() -> str:
    return _("expression is nested too deeply (more than {depth} levels)").format(depth=MAX_DEPTH)


def _syntax_tree(body: str, lead: int) -> ast.Expression:
    try:
        with _PARSE_LOCK, warnings.catch_warnings():
            # Python only warns about some malformed input (`1if x`); make that an error too.
            warnings.simplefilter("error")
            return ast.parse(body, mode="eval")
    except SyntaxError as exc:
        raise _syntax_error(exc, body, lead) from None
    except (RecursionError, MemoryError):
        raise ExpressionError(_("expression is too complex to read")) from None
    except (ValueError, Warning) as exc:
        raise ExpressionError(_("bad syntax: {problem}").format(problem=exc)) from None


def _syntax_error(exc: SyntaxError, body: str, lead: int) -> ExpressionError:
    end = len(body.rstrip()) + 1
    # Python gives offset 0 when the text ends too early ("1 +"): point just past the end.
    offset = min(exc.offset, end) if exc.offset and exc.offset > 0 else end
    # Python's own wording, minus what only makes sense for a file of code.
    # `(?<!\s)`: a search starts only where a run of spaces does, not again inside it (quadratic).
    message = re.sub(r"(?<!\s)\s*\(detected at line \d+\)$", "", exc.msg or "invalid syntax")
    if message == "invalid syntax":
        message = _("unexpected {token}").format(token=_token_at(body, offset - 1))
    return ExpressionError(_("bad syntax: {problem}").format(problem=message), offset + lead)


def _token_at(body: str, index: int) -> str:
    rest = body[index:].rstrip()
    if not rest:
        return _("end of expression")
    match = re.match(r"[A-Za-z0-9_.]+", rest)
    return f"`{match.group() if match else rest[0]}`"


_OPERATORS: dict[type[ast.operator], str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_REJECTED_OPERATORS: dict[type[ast.operator], str] = {
    ast.Pow: "exponentiation `**` is not allowed; multiply instead",
    ast.Mod: "remainder `%` is not allowed",
    ast.FloorDiv: "floor division `//` is not allowed; write floor(a / b)",
    ast.MatMult: "operator `@` is not allowed",
    ast.LShift: "bit shift `<<` is not allowed",
    ast.RShift: "bit shift `>>` is not allowed",
    ast.BitAnd: "bitwise `&` is not allowed",
    ast.BitOr: "bitwise `|` is not allowed",
    ast.BitXor: "bitwise `^` is not allowed (for a power, multiply)",
}
_COMPREHENSION = N_("comprehensions are not allowed")
_REJECTED_NODES: dict[type[ast.AST], str] = {
    ast.Subscript: N_("subscripts are not allowed"),
    ast.Slice: N_("slices are not allowed"),
    ast.Lambda: N_("lambda is not allowed"),
    ast.Compare: N_("comparisons are not allowed"),
    ast.BoolOp: N_("`and` and `or` are not allowed"),
    ast.IfExp: N_("conditional expressions (`... if ... else ...`) are not allowed"),
    ast.JoinedStr: N_("f-strings are not allowed"),
    ast.FormattedValue: N_("f-strings are not allowed"),
    ast.List: N_("lists are not allowed"),
    ast.Tuple: N_("tuples are not allowed (is there a stray comma?)"),
    ast.Set: N_("sets are not allowed"),
    ast.Dict: N_("mappings are not allowed"),
    ast.ListComp: _COMPREHENSION,
    ast.SetComp: _COMPREHENSION,
    ast.DictComp: _COMPREHENSION,
    ast.GeneratorExp: _COMPREHENSION,
    ast.NamedExpr: N_("assignment `:=` is not allowed"),
    ast.Await: N_("`await` is not allowed"),
    ast.Yield: N_("`yield` is not allowed"),
    ast.YieldFrom: N_("`yield` is not allowed"),
    ast.Starred: N_("`*` unpacking is not allowed"),
}
_ATTRIBUTE = N_("attribute access is only allowed in dotted declaration paths like `personnel.total`")
_VALUE_USAGE = N_('value() takes one quoted path, e.g. value("personnel.roles.staff-officer")')


class _Converter:
    """Copies a Python syntax tree into this module's tree, refusing anything not whitelisted.

    ``body`` is the parsed text (ASCII, one line, so AST offsets are character offsets) and
    ``lead`` the number of spaces stripped in front of it, to give columns in the source.
    """

    def __init__(self, body: str, lead: int) -> None:
        self.body = body
        self.lead = lead
        self.references: list[str] = []

    def column(self, node: ast.expr | ast.keyword) -> int:
        return node.col_offset + self.lead + 1

    def convert(self, node: ast.expr, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise ExpressionError(_too_deep(), self.column(node))
        if isinstance(node, ast.Constant):
            return self.number(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node, depth)
        if isinstance(node, ast.BinOp):
            return self.binary(node, depth)
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self.reference(node)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        rejected = _REJECTED_NODES.get(type(node))
        message = _(rejected) if rejected else _("`{name}` is not allowed").format(name=type(node).__name__)
        raise ExpressionError(message, self.rejected_column(node))

    def rejected_column(self, node: ast.expr) -> int:
        if isinstance(node, ast.Compare):
            return self.operator_column(node.left, node.comparators[0])
        if isinstance(node, ast.BoolOp):
            return self.operator_column(node.values[0], node.values[1])
        return self.column(node)

    def operator_column(self, left: ast.expr, right: ast.expr) -> int:
        """Column of the operator between two operands (an AST node only knows where its left
        operand starts)."""
        between = self.body[left.end_col_offset or 0 : right.col_offset]
        for index, character in enumerate(between):
            if character not in " ()":
                return (left.end_col_offset or 0) + index + self.lead + 1
        return self.column(left)

    def number(self, node: ast.Constant) -> Number:
        value = node.value
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ExpressionError(_constant_problem(value), self.column(node))
        text = self.body[node.col_offset : node.end_col_offset]
        if len(text) > MAX_LITERAL_LENGTH:
            raise ExpressionError(
                _("number `{number}...` is longer than {limit} characters").format(
                    number=text[:12], limit=MAX_LITERAL_LENGTH
                ),
                self.column(node),
            )
        if text[:2].lower() in ("0x", "0o", "0b"):
            raise ExpressionError(
                _("only decimal numbers are allowed, not `{number}`").format(number=text), self.column(node)
            )
        try:
            # The text as written, not Python's float: 0.1234567890123456789 stays exact.
            exact = Decimal(text.replace("_", ""))
        except InvalidOperation:
            raise ExpressionError(_("`{text}` is not a number").format(text=text), self.column(node)) from None
        if exact and abs(exact.adjusted()) > MAX_LITERAL_LENGTH:
            raise ExpressionError(_("number `{number}` is out of range").format(number=text), self.column(node))
        return Number(Fraction(exact))

    def unary(self, node: ast.UnaryOp, depth: int) -> Node:
        if isinstance(node.op, ast.USub):
            return Negate(self.convert(node.operand, depth + 1))
        if isinstance(node.op, ast.UAdd):
            return self.convert(node.operand, depth + 1)
        name = "`not`" if isinstance(node.op, ast.Not) else "bitwise `~`"
        raise ExpressionError(_("{name} is not allowed").format(name=name), self.column(node))

    def binary(self, node: ast.BinOp, depth: int) -> Binary:
        column = self.operator_column(node.left, node.right)
        operator = _OPERATORS.get(type(node.op))
        if operator is None:
            message = _REJECTED_OPERATORS.get(type(node.op), "only the operators + - * / are allowed")
            raise ExpressionError(message, column)
        left = self.convert(node.left, depth + 1)
        right = self.convert(node.right, depth + 1)
        return Binary(operator, left, right, column)

    def reference(self, node: ast.Name | ast.Attribute) -> Reference:
        segments = self.segments(node)
        for segment, column in segments:
            if segment.startswith("_"):
                raise ExpressionError(
                    _("names starting with `_` are not allowed (`{name}`)").format(name=segment), column
                )
        name = ".".join(segment for segment, _ in segments)
        if name in FUNCTIONS:
            raise ExpressionError(
                _("`{name}` is a function: call it, e.g. `{name}(...)`").format(name=name), self.column(node)
            )
        self.references.append(name)
        return Reference(name, self.column(node))

    def segments(self, node: ast.expr) -> list[tuple[str, int]]:
        """The names of a dotted name, each with its column, leftmost first."""
        if isinstance(node, ast.Name):
            return [(node.id, self.column(node))]
        if isinstance(node, ast.Attribute):
            # A Python identifier ends exactly where the attribute node ends.
            attribute_column = (node.end_col_offset or 0) - len(node.attr) + self.lead + 1
            if not isinstance(node.value, (ast.Name, ast.Attribute)):
                raise ExpressionError(_(_ATTRIBUTE), self.dot_column(node))
            return [*self.segments(node.value), (node.attr, attribute_column)]
        raise ExpressionError(_(_ATTRIBUTE), self.column(node))

    def dot_column(self, node: ast.Attribute) -> int:
        start = node.value.end_col_offset or 0
        dot = self.body.find(".", start)
        return (dot if dot >= 0 else node.col_offset) + self.lead + 1

    def call(self, node: ast.Call, depth: int) -> Node:
        function = self.function_name(node.func)
        if function not in FUNCTIONS:
            raise ExpressionError(
                _("unknown function `{function}`; allowed: {functions}").format(
                    function=function, functions=", ".join(FUNCTIONS)
                ),
                self.column(node.func),
            )
        self.check_plain_arguments(node, function)
        if function == "value":
            return self.value_path(node)
        count = len(node.args)
        if function in _ONE_ARGUMENT and count != 1:
            raise ExpressionError(
                _("`{function}` takes exactly one argument, not {count}").format(function=function, count=count),
                self.column(node),
            )
        if function in _SEVERAL_ARGUMENTS and count < 2:
            raise ExpressionError(
                _("`{function}` takes at least two arguments, not {count}").format(function=function, count=count),
                self.column(node),
            )
        return Call(function, tuple(self.convert(argument, depth + 1) for argument in node.args))

    def function_name(self, func: ast.expr) -> str:
        if isinstance(func, (ast.Name, ast.Attribute)):
            return ".".join(segment for segment, _ in self.segments(func))
        raise ExpressionError(
            _("only the functions {functions} can be called").format(functions=", ".join(FUNCTIONS)), self.column(func)
        )

    def check_plain_arguments(self, node: ast.Call, function: str) -> None:
        for argument in node.args:
            if isinstance(argument, ast.Starred):
                raise ExpressionError(
                    _("`*` unpacking is not allowed in `{function}(...)`").format(function=function),
                    self.column(argument),
                )
        for keyword in node.keywords:
            if keyword.arg is None:
                raise ExpressionError(
                    _("`**` unpacking is not allowed in `{function}(...)`").format(function=function),
                    self.column(keyword),
                )
            raise ExpressionError(
                _("keyword arguments are not allowed (`{name}=` in `{function}(...)`)").format(
                    name=keyword.arg, function=function
                ),
                self.column(keyword),
            )

    def value_path(self, node: ast.Call) -> Reference:
        if len(node.args) != 1:
            raise ExpressionError(_(_VALUE_USAGE), self.column(node))
        argument = node.args[0]
        if not isinstance(argument, ast.Constant) or not isinstance(argument.value, str):
            raise ExpressionError(_(_VALUE_USAGE), self.column(argument))
        problem = _path_problem(argument.value)
        if problem:
            raise ExpressionError(problem, self.column(argument))
        self.references.append(argument.value)
        return Reference(argument.value, self.column(node))


def _constant_problem(value: object) -> str:
    if isinstance(value, bool):
        return _("`{value}` is not allowed; only numbers").format(value=value)
    if value is None:
        return _("`None` is not allowed; only numbers")
    if isinstance(value, str):
        return 'text is only allowed as the path in value("...")'
    if isinstance(value, bytes):
        return _("bytes are not allowed; only numbers")
    if isinstance(value, complex):
        return _("imaginary numbers are not allowed")
    return _("`{value}` is not allowed; only numbers").format(value=repr(value))


def _path_problem(path: str) -> str | None:
    if not path:
        return _('value() needs a path, e.g. value("personnel.roles.staff-officer")')
    for segment in path.split("."):
        if segment.startswith("_"):
            return _('names starting with `_` are not allowed (`{name}` in value("{path}"))').format(
                name=segment, path=path
            )
        if not _PATH_SEGMENT.fullmatch(segment):
            return _(
                'bad path in value("{path}"): segments are letters, digits, `-` and `_`, separated by single dots'
            ).format(path=path)
    return None


# --- evaluation --------------------------------------------------------------------------------


def evaluate(expression: Expression, resolve: Callable[[str], Fraction | None]) -> Fraction | None:
    """The exact value of ``expression``, or None when ``resolve`` finds a name missing.

    ``resolve`` is called at most once per distinct name. Every part is computed even when one is
    missing, so that a division by a known zero is always reported.
    """
    known: dict[str, Fraction | None] = {}

    def lookup(name: str) -> Fraction | None:
        if name not in known:
            value = resolve(name)
            known[name] = None if value is None else to_fraction(value)
        return known[name]

    return _value(expression.root, lookup)


def _value(node: Node, lookup: Callable[[str], Fraction | None]) -> Fraction | None:
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Reference):
        return lookup(node.name)
    if isinstance(node, Negate):
        operand = _value(node.operand, lookup)
        return None if operand is None else -operand
    if isinstance(node, Binary):
        return _arithmetic(node, _value(node.left, lookup), _value(node.right, lookup))
    arguments = [_value(argument, lookup) for argument in node.arguments]
    present = [argument for argument in arguments if argument is not None]
    return _apply(node.function, present) if len(present) == len(arguments) else None


def _arithmetic(node: Binary, left: Fraction | None, right: Fraction | None) -> Fraction | None:
    if node.operator == "/" and right == 0:
        raise ExpressionError(_("division by zero"), node.column)
    if left is None or right is None:
        return None
    if node.operator == "+":
        result = left + right
    elif node.operator == "-":
        result = left - right
    elif node.operator == "*":
        result = left * right
    else:
        result = left / right
    if abs(result) > MAX_MAGNITUDE:
        # Checked at every step, so a chain of products stays small while it is computed.
        raise ExpressionError(
            _("the result of `{operator}` is out of range (larger than 10^308 in size)").format(operator=node.operator),
            node.column,
        )
    return result


def _apply(function: str, arguments: list[Fraction]) -> Fraction:
    if function == "ceil":
        return Fraction(math.ceil(arguments[0]))
    if function == "floor":
        return Fraction(math.floor(arguments[0]))
    if function == "round":
        return Fraction(round_half_away(arguments[0]))
    if function == "min":
        return min(arguments)
    return max(arguments)


# --- showing a computation --------------------------------------------------------------------

# How tightly each kind of node binds, for the parentheses an expression needs when written out.
_BINDING = {"+": 1, "-": 1, "*": 2, "/": 2}
_ATOM = 4


def substituted(expression: Expression, resolve: Callable[[str], Fraction | None], missing: str = "?") -> str:
    """``expression`` written out with each name replaced by its value (``ceil(850 / 85)`` for
    ``ceil(personnel.total / personnel_per_generator)``), so a reader can follow the computation;
    a name ``resolve`` finds missing is written ``missing``. Numbers are written as
    ``shown_number`` writes them, with only the parentheses the order of operations needs."""
    return _written(expression.root, resolve, missing)[0]


def _written(node: Node, resolve: Callable[[str], Fraction | None], missing: str) -> tuple[str, int]:
    """The text of ``node`` and how tightly it binds."""
    if isinstance(node, Number):
        return shown_number(node.value), (_ATOM if node.value >= 0 else 3)
    if isinstance(node, Reference):
        value = resolve(node.name)
        if value is None:
            return missing, _ATOM
        return shown_number(to_fraction(value)), (_ATOM if value >= 0 else 3)
    if isinstance(node, Negate):
        operand, binding = _written(node.operand, resolve, missing)
        return "-" + (operand if binding >= 3 else f"({operand})"), 3
    if isinstance(node, Binary):
        binding = _BINDING[node.operator]
        left, left_binding = _written(node.left, resolve, missing)
        right, right_binding = _written(node.right, resolve, missing)
        if left_binding < binding:
            left = f"({left})"
        # The right side of `-` and `/` is grouped at the same binding: 10 - (4 - 3).
        if right_binding < binding or (right_binding == binding and node.operator in "-/"):
            right = f"({right})"
        return f"{left} {node.operator} {right}", binding
    arguments = ", ".join(_written(argument, resolve, missing)[0] for argument in node.arguments)
    return f"{node.function}({arguments})", _ATOM


def shown_number(value: Fraction) -> str:
    """An exact number for people: whole numbers as they are, others (and whole numbers of
    more than 15 digits) as a short decimal (``7.5``, ``0.333333``, ``1e+20``)."""
    if value.denominator == 1 and abs(value) < 10**15:
        return str(value.numerator)
    return f"{float(value):g}"


# --- numbers -----------------------------------------------------------------------------------


def round_half_away(x: Fraction) -> int:
    """The nearest whole number, halves away from zero: 5/2 -> 3, -5/2 -> -3 (Python's round
    would give 2 and -2)."""
    magnitude = math.floor(abs(Fraction(x)) + Fraction(1, 2))
    return magnitude if x >= 0 else -magnitude


def to_fraction(number: float | Fraction | Decimal) -> Fraction:
    """The exact value of a number as written: 0.07 is 7/100, not the binary float near it.

    A float goes through its shortest repr, which is what YAML or a user wrote. Booleans and
    other types raise TypeError; infinities and NaN raise ValueError.
    """
    if isinstance(number, bool):
        raise TypeError("true/false is not a number")
    if isinstance(number, Fraction):
        return Fraction(number.numerator, number.denominator)
    if isinstance(number, int):
        # int() drops subclasses such as ruamel's ScalarInt, which would leak into the Fraction.
        return Fraction(int(number))
    if isinstance(number, float):
        number = Decimal(repr(float(number)))
    if isinstance(number, Decimal):
        if not number.is_finite():
            raise ValueError(f"{number} is not a finite number")
        if number and abs(number.adjusted()) > _MAX_EXPONENT:
            raise ValueError(f"{number} is out of range")
        return Fraction(number)
    raise TypeError(f"{type(number).__name__} is not a number")


def number_problem(number: object) -> str | None:
    """What a number from a file is, when pkcheck cannot compute with it; else None (also for
    what is not a number). Those are NaN and the infinities (YAML ``.nan`` and ``.inf``, and
    numbers too large for a float, such as ``1e400``, which YAML reads as infinity), and numbers
    larger than ``MAX_MAGNITUDE`` in size. A float is judged by the number written, as
    ``to_fraction`` reads it: ``1e308`` is exactly 10^308, and allowed."""
    exact: Fraction
    if isinstance(number, float):
        if math.isnan(number):
            return _("NaN (`.nan`)")
        if math.isinf(number):
            if number < 0:
                return _("-infinity (`-.inf`, or a number too large for a float, such as `-1e400`)")
            return _("infinity (`.inf`, or a number too large for a float, such as `1e400`)")
        exact = Fraction(Decimal(repr(float(number))))
    elif isinstance(number, int) and not isinstance(number, bool):
        exact = Fraction(int(number))
    else:
        return None
    return _("a number larger than 10^308 in size") if abs(exact) > MAX_MAGNITUDE else None
