"""Which way a threshold expression moves when only the standard's parameters change.

``drift("ceil(personnel.total / per_generator)", old, new)`` with ``per_generator`` 85 -> 100 is
``-1``: for every declaration the new value is at most the old one. The expression is not
evaluated against any declaration; the answer follows from the operators, on the facts that
parameters and declaration values are never negative (they are counts, ratios and days):

- a sum moves the way its parts move (a part moving up and one moving down: unknown);
- a difference is a sum with the second part turned round;
- a product or quotient of non-negative parts moves the way its parts move (a divisor turned
  round), and so does ``ceil``, ``floor``, ``round``, ``min`` and ``max`` of its arguments;
- anything else that moves (a negative factor) is unknown.

The result is 1 (never lower, for every declaration), -1 (never higher), 0 (unchanged) or None
(unknown, or the expression cannot be read).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from pkcheck.expressions import Binary, Call, ExpressionError, Negate, Node, Number, Reference, parse

Drift = int | None  # 1 up, -1 down, 0 unchanged, None unknown


def drift(source: str, old: Mapping[str, Fraction], new: Mapping[str, Fraction]) -> Drift:
    """How ``source`` moves from the ``old`` parameters to the ``new`` (names in neither are
    declaration values, which stay as they are)."""
    try:
        root = parse(source).root
    except ExpressionError:
        return None
    return _node(root, old, new)[0]


def _node(node: Node, old: Mapping[str, Fraction], new: Mapping[str, Fraction]) -> tuple[Drift, bool]:
    """The node's drift, and whether it is never negative."""
    if isinstance(node, Number):
        return 0, node.value >= 0
    if isinstance(node, Reference):
        before, after = old.get(node.name), new.get(node.name)
        if before is None and after is None:
            return 0, True  # a declaration value: the same declaration under both versions
        if before is None or after is None:
            return None, True  # a parameter in one version, a declaration value in the other
        return (after > before) - (after < before), True
    if isinstance(node, Negate):
        inner, _ = _node(node.operand, old, new)
        return _turn(inner), False
    if isinstance(node, Binary):
        return _binary(node, old, new)
    assert isinstance(node, Call)
    parts = [_node(argument, old, new) for argument in node.arguments]
    return _combine([d for d, _ in parts]), all(nonnegative for _, nonnegative in parts)


def _binary(node: Binary, old: Mapping[str, Fraction], new: Mapping[str, Fraction]) -> tuple[Drift, bool]:
    (left, left_nonnegative), (right, right_nonnegative) = _node(node.left, old, new), _node(node.right, old, new)
    both = left_nonnegative and right_nonnegative
    if node.operator == "+":
        return _combine([left, right]), both
    if node.operator == "-":
        return _combine([left, _turn(right)]), False
    if not both:
        # A negative factor turns a part round; unknown unless nothing moves.
        return (0 if left == right == 0 else None), False
    if node.operator == "*":
        return _combine([left, right]), True
    return _combine([left, _turn(right)]), True


def _turn(value: Drift) -> Drift:
    return None if value is None else -value


def _combine(values: list[Drift]) -> Drift:
    if any(v is None for v in values):
        return None
    moving = {v for v in values if v}
    if len(moving) > 1:
        return None
    return moving.pop() if moving else 0
