"""Tests of threshold expressions (spec 2.2 and the "Expressions" rule of 2.3).

Most cases are data in ``tests/cases/expressions.yaml``; this file adds the cases that are easier
to build than to write (long or deeply nested sources), the helpers, and property tests.
"""

from __future__ import annotations

import ast
import pickle
import warnings
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from pkcheck import expressions
from pkcheck.expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    Expression,
    ExpressionError,
    Number,
    evaluate,
    number_problem,
    parse,
    round_half_away,
    substituted,
    to_fraction,
)

CASES_FILE = Path(__file__).parent.parent / "cases" / "expressions.yaml"
SECTIONS = {"valid", "evaluation_errors", "invalid"}
CASE_KEYS = {"source", "references", "expect", "message", "column", "written"}


def _load_cases() -> dict[str, list[dict[str, Any]]]:
    cases = YAML(typ="safe", pure=True).load(CASES_FILE.read_text(encoding="utf-8"))
    assert set(cases) == SECTIONS, f"sections of {CASES_FILE.name}: {sorted(cases)}"
    for section, items in cases.items():
        for case in items:
            assert set(case) <= CASE_KEYS, f"{section}: unknown keys in {case}"
    return cases


CASES = _load_cases()


def _number(value: Any) -> Fraction:
    """A value from the cases file: a YAML number, or a fraction written as text."""
    return Fraction(value) if isinstance(value, str) else to_fraction(value)


def _evaluate_case(case: dict[str, Any]) -> tuple[Expression, Fraction | None, list[str]]:
    """Parse and evaluate a case; also return the names the evaluator asked for."""
    values = {name: None if value is None else _number(value) for name, value in (case.get("references") or {}).items()}
    calls: list[str] = []

    def resolve(name: str) -> Fraction | None:
        calls.append(name)
        return values[name]

    expression = parse(case["source"])
    return expression, evaluate(expression, resolve), calls


def _ids(section: str) -> list[str]:
    return [repr(case["source"])[1:-1][:60] for case in CASES[section]]


@pytest.mark.parametrize("case", CASES["valid"], ids=_ids("valid"))
def test_valid(case: dict[str, Any]) -> None:
    expression, result, calls = _evaluate_case(case)
    names = tuple(case.get("references") or {})
    assert expression.source == case["source"]
    assert expression.references == names
    assert sorted(calls) == sorted(names), "each name is resolved exactly once"
    if case["expect"] is None:
        assert result is None
    else:
        assert type(result) is Fraction
        assert result == Fraction(str(case["expect"]))


@pytest.mark.parametrize("case", CASES["valid"], ids=_ids("valid"))
def test_written_out_with_values(case: dict[str, Any]) -> None:
    """Written out with its names' values, an expression is one that computes the same result:
    the text `explain --for` shows is the computation the check made."""
    values = {name: None if value is None else _number(value) for name, value in (case.get("references") or {}).items()}
    expression = parse(case["source"])
    written = substituted(expression, values.get)
    if "written" in case:
        assert written == case["written"]
    exact = all(value is not None and value.denominator == 1 and abs(value) < 10**15 for value in values.values())
    if exact and all(n.value.denominator == 1 and abs(n.value) < 10**15 for n in _numbers(expression.root)):
        assert evaluate(parse(written), lambda _name: None) == evaluate(expression, values.get)


def _numbers(node: Any) -> list[Any]:
    """The number literals of an expression's tree."""
    if isinstance(node, Number):
        return [node]
    children = [getattr(node, name) for name in ("operand", "left", "right") if hasattr(node, name)]
    children += list(getattr(node, "arguments", ()))
    return [number for child in children for number in _numbers(child)]


@pytest.mark.parametrize("case", CASES["evaluation_errors"], ids=_ids("evaluation_errors"))
def test_evaluation_error(case: dict[str, Any]) -> None:
    with pytest.raises(ExpressionError) as caught:
        _evaluate_case(case)
    assert case["message"] in caught.value.message
    assert caught.value.column == case["column"]


@pytest.mark.parametrize("case", CASES["invalid"], ids=_ids("invalid"))
def test_invalid(case: dict[str, Any]) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(case["source"])
    assert case["message"] in caught.value.message
    assert caught.value.column == case["column"]
    assert str(caught.value) == caught.value.message


# --- sources built in code ---------------------------------------------------------------------


def _nested_parentheses(levels: int) -> str:
    return "(" * levels + "1" + ")" * levels


def _nested_calls(levels: int) -> str:
    return "ceil(" * levels + "1" + ")" * levels


BUILT_VALID = [
    pytest.param("x" * MAX_LENGTH, Fraction(1), id="name of exactly 500 characters"),
    pytest.param(_nested_parentheses(MAX_DEPTH), Fraction(1), id="50 nested parentheses"),
    pytest.param(_nested_calls(MAX_DEPTH - 1), Fraction(1), id="49 nested calls"),
    pytest.param("-" * (MAX_DEPTH - 1) + "1", Fraction(-1), id="49 unary minus"),
    pytest.param("+".join(["1"] * MAX_DEPTH), Fraction(MAX_DEPTH), id="chain of 49 additions"),
    pytest.param("1" * 30, Fraction(int("1" * 30)), id="literal of 30 characters"),
]


@pytest.mark.parametrize(("source", "expected"), BUILT_VALID)
def test_built_valid(source: str, expected: Fraction) -> None:
    assert evaluate(parse(source), lambda name: Fraction(1)) == expected


BUILT_INVALID = [
    pytest.param("x" * (MAX_LENGTH + 1), "longer than 500 characters", MAX_LENGTH + 1, id="501 characters"),
    pytest.param("1 + " * 200 + "1", "longer than 500 characters", MAX_LENGTH + 1, id="801 characters"),
    pytest.param(_nested_parentheses(60), "nested too deeply", 51, id="60 nested parentheses"),
    # Python's own parser gives up at 200; the limit must be ours, with our message.
    pytest.param(_nested_parentheses(200), "nested too deeply", 51, id="200 nested parentheses"),
    pytest.param(_nested_parentheses(1000), "longer than 500 characters", MAX_LENGTH + 1, id="1000 nested parentheses"),
    pytest.param("[" * 60 + "]" * 60, "nested too deeply", 51, id="60 nested brackets"),
    pytest.param(_nested_calls(50), "nested too deeply", 5 * 50 + 1, id="50 nested calls: the tree is too deep"),
    pytest.param(_nested_calls(51), "nested too deeply", 5 * 51, id="51 nested calls: the brackets are too deep"),
    pytest.param("-" * 50 + "1", "nested too deeply", 51, id="50 unary minus"),
    pytest.param("-" * 499 + "1", "nested too deeply", 51, id="499 unary minus"),
    pytest.param("not " * 120 + "1", "`not` is not allowed", 1, id="120 not"),
    pytest.param("+".join(["1"] * 52), "nested too deeply", 1, id="chain of 51 additions"),
    pytest.param("1" * 31, "longer than 30 characters", 1, id="literal of 31 characters"),
    pytest.param("9" * 400, "longer than 30 characters", 1, id="literal of 400 characters"),
    pytest.param("'('" + " + (" * 60, "nested too deeply", 4 * 51 + 3, id="brackets counted after text"),
]


@pytest.mark.parametrize(("source", "message", "column"), BUILT_INVALID)
def test_built_invalid(source: str, message: str, column: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    assert message in caught.value.message
    assert caught.value.column == column


def test_brackets_inside_text_do_not_count() -> None:
    with pytest.raises(ExpressionError, match="bad path"):
        parse("value('" + "(" * 60 + "')")


# --- errors from Python's parser never escape -----------------------------------------------------


@pytest.mark.parametrize(
    "error", [RecursionError(), MemoryError(), ValueError("source code cannot contain null bytes")]
)
def test_parser_failures_become_expression_errors(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    def failing_parse(*args: object, **kwargs: object) -> ast.Expression:
        raise error

    monkeypatch.setattr(expressions.ast, "parse", failing_parse)
    expressions._parse.cache_clear()  # an earlier test may have read "1 + 1" already
    with pytest.raises(ExpressionError) as caught:
        parse("1 + 1")
    assert caught.value.message


@pytest.mark.parametrize("filter_action", ["ignore", "default", "error"])
def test_python_warnings_are_syntax_errors_whatever_the_filters(filter_action: str) -> None:
    # Python only warns about "1if" (a number run into a keyword); the verdict must not depend on
    # the warning filters, and no warning may reach the user.
    with warnings.catch_warnings(record=True) as caught_warnings:
        warnings.simplefilter(filter_action)
        with pytest.raises(ExpressionError, match="bad syntax"):
            parse("1if 1 else 2")
    assert caught_warnings == []


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="0123456789.+-*/%() ,_'\"[]{}<>=!~^&|:@ceilfloroundmaxvptsn\\\n\t\u00e9", max_size=80))
def test_any_text_parses_or_raises_expression_error(source: str) -> None:
    try:
        expression = parse(source)
    except ExpressionError as exc:
        assert exc.message
        assert 1 <= exc.column <= max(len(source), 1) + 1
        return
    try:
        result = evaluate(expression, lambda name: Fraction(1))
    except ExpressionError as exc:
        assert exc.message == "division by zero" or "is out of range (larger than 10^308 in size)" in exc.message
        assert 1 <= exc.column <= len(source)
    else:
        assert isinstance(result, Fraction)


# --- exact arithmetic, compared with Python's Fraction ------------------------------------------


def _trees(operators: str) -> st.SearchStrategy[tuple[str, Any]]:
    """(source, value) pairs; value is a Fraction, or ZeroDivisionError if the tree divides by 0."""
    literals = st.integers(min_value=-(10**6), max_value=10**6).map(lambda n: (str(n), Fraction(n)))

    def combine(children: st.SearchStrategy[tuple[str, Any]]) -> st.SearchStrategy[tuple[str, Any]]:
        binary = st.tuples(children, st.sampled_from(operators), children).map(_binary)
        negated = children.map(lambda child: (f"-({child[0]})", _negate(child[1])))
        return binary | negated

    return st.recursive(literals, combine, max_leaves=16)


def _binary(parts: tuple[tuple[str, Any], str, tuple[str, Any]]) -> tuple[str, Any]:
    (left_source, left), operator, (right_source, right) = parts
    source = f"({left_source}) {operator} ({right_source})"
    if left is ZeroDivisionError or right is ZeroDivisionError:
        return source, ZeroDivisionError
    if operator == "/":
        return source, ZeroDivisionError if right == 0 else left / right
    return source, {"+": left + right, "-": left - right, "*": left * right}[operator]


def _negate(value: Any) -> Any:
    return value if value is ZeroDivisionError else -value


@settings(max_examples=300, deadline=None, database=None)
@given(_trees("+-*"))
def test_integer_arithmetic_matches_fractions(tree: tuple[str, Any]) -> None:
    source, expected = tree
    assert evaluate(parse(source), lambda name: None) == expected


@settings(max_examples=300, deadline=None, database=None)
@given(_trees("+-*/"))
def test_division_matches_fractions(tree: tuple[str, Any]) -> None:
    source, expected = tree
    expression = parse(source)
    if expected is ZeroDivisionError:
        with pytest.raises(ExpressionError, match="division by zero"):
            evaluate(expression, lambda name: None)
    else:
        assert evaluate(expression, lambda name: None) == expected


@settings(max_examples=200, deadline=None, database=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**9), max_value=10**9))
def test_decimal_literals_are_exact(number: Decimal) -> None:
    assert evaluate(parse(str(number)), lambda name: None) == Fraction(number)


# --- the evaluator's contract ------------------------------------------------------------------


def test_resolve_is_called_once_per_name_in_order() -> None:
    calls: list[str] = []

    def resolve(name: str) -> Fraction:
        calls.append(name)
        return Fraction(2)

    expression = parse('a * a + b.c - value("b.c") + value("d-e") / a')
    assert expression.references == ("a", "b.c", "d-e")
    assert evaluate(expression, resolve) == Fraction(5)
    assert calls == ["a", "b.c", "d-e"]


def test_resolve_may_return_int_or_float_and_is_read_exactly() -> None:
    assert evaluate(parse("a * 100 + b"), {"a": 0.07, "b": 3}.get) == Fraction(10)  # type: ignore[arg-type]


def test_expression_and_its_tree_are_immutable_and_hashable() -> None:
    expression = parse("ceil(-personnel.total / 120) + max(1, 2)")
    with pytest.raises(AttributeError):  # can't set attribute
        expression.source = "1"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        expression.root.left = expressions.Number(Fraction(1))  # type: ignore[union-attr]
    assert hash(expression) == hash(parse("ceil(-personnel.total / 120) + max(1, 2)"))
    assert pickle.loads(pickle.dumps(expression)) == expression


def test_expression_error_is_a_value_error_and_keeps_its_column_when_pickled() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("1 + sqrt(2)")
    error = caught.value
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (
        (copy.message, copy.column)
        == (error.message, error.column)
        == (
            "unknown function `sqrt`; allowed: ceil, floor, round, min, max, value",
            5,
        )
    )


def test_parse_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        parse(12)  # type: ignore[arg-type]


def test_module_never_runs_code() -> None:
    tree = ast.parse(Path(expressions.__file__).read_text(encoding="utf-8"))
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert not names & {"eval", "exec", "compile", "__import__", "getattr", "globals", "locals", "vars"}


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0.07, Fraction(7, 100)),
        (0.1, Fraction(1, 10)),
        (1e-7, Fraction(1, 10**7)),
        (2.5, Fraction(5, 2)),
        (-0.3, Fraction(-3, 10)),
        (1e22, Fraction(10**22)),
        (12, Fraction(12)),
        (-4, Fraction(-4)),
        (Fraction(1, 3), Fraction(1, 3)),
        (Decimal("0.07"), Fraction(7, 100)),
        (Decimal("-1.50"), Fraction(-3, 2)),
    ],
)
def test_to_fraction_is_exact(number: float | Fraction | Decimal, expected: Fraction) -> None:
    result = to_fraction(number)
    assert type(result) is Fraction
    assert result == expected
    assert to_fraction(number) * 100 == expected * 100


def test_to_fraction_reads_ruamel_numbers_exactly() -> None:
    data = YAML().load("ratio: 0.07\ncount: 0x10\n")
    assert to_fraction(data["ratio"]) == Fraction(7, 100)
    assert type(to_fraction(data["count"]).numerator) is int
    assert to_fraction(data["count"]) == 16


@pytest.mark.parametrize("number", [True, False, "1", None, [1], 1j])
def test_to_fraction_rejects_non_numbers(number: object) -> None:
    with pytest.raises(TypeError):
        to_fraction(number)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "number", [float("inf"), float("-inf"), float("nan"), Decimal("NaN"), Decimal("Infinity"), Decimal("1e999999999")]
)
def test_to_fraction_rejects_non_finite_and_absurd_numbers(number: float | Decimal) -> None:
    with pytest.raises(ValueError):
        to_fraction(number)


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        (1e308, None),  # exactly 10^308 as written, though the float itself is a little larger
        (10**308, None),
        (-(10**308), None),
        (1.7976931348623157e308, "a number larger than 10^308 in size"),
        (10**308 + 1, "a number larger than 10^308 in size"),
        (-(10**308) - 1, "a number larger than 10^308 in size"),
        (float("nan"), "NaN (`.nan`)"),
        (float("inf"), "infinity (`.inf`, or a number too large for a float, such as `1e400`)"),
        (float("-inf"), "-infinity (`-.inf`, or a number too large for a float, such as `-1e400`)"),
        (5e-324, None),
        (True, None),
        ("nan", None),
        (None, None),
    ],
)
def test_number_problem_names_what_cannot_be_computed_with(number: object, problem: str | None) -> None:
    assert number_problem(number) == problem


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(5, 2), 3),
        (Fraction(-5, 2), -3),
        (Fraction(1, 2), 1),
        (Fraction(-1, 2), -1),
        (Fraction(3, 2), 2),
        (Fraction(7, 3), 2),
        (Fraction(-7, 3), -2),
        (Fraction(8, 3), 3),
        (Fraction(-8, 3), -3),
        (Fraction(0), 0),
        (Fraction(4), 4),
        (Fraction(-4), -4),
        (Fraction(249999, 100000), 2),
    ],
)
def test_round_half_away(value: Fraction, expected: int) -> None:
    result = round_half_away(value)
    assert type(result) is int
    assert result == expected


@settings(max_examples=300, deadline=None, database=None)
@given(st.fractions(max_denominator=1000))
def test_round_half_away_is_symmetric_and_nearest(value: Fraction) -> None:
    result = round_half_away(value)
    assert round_half_away(-value) == -result
    assert abs(value - result) <= Fraction(1, 2)
    if abs(value - result) == Fraction(1, 2):
        assert abs(result) > abs(value)
