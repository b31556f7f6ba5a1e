"""``pkcheck.analyses.drift``: which way a threshold expression moves when only parameters change."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pkcheck.analyses.drift import drift

OLD = {"p": Fraction(10), "q": Fraction(4), "r": Fraction(2)}
# p goes up, q goes down, r stays; names that are not parameters are declaration values.
NEW = {"p": Fraction(12), "q": Fraction(3), "r": Fraction(2)}

CASES = [
    ("p", 1),
    ("q", -1),
    ("r", 0),
    ("personnel.total", 0),
    ("p + personnel.total", 1),
    ("personnel.total - p", -1),
    ("p - q", 1),
    ("p + q", None),
    ("p * personnel.total", 1),
    ("personnel.total / p", -1),
    ("ceil(personnel.total / q)", 1),
    ("floor(p / q)", 1),
    ("round(q * r)", -1),
    ('max(2, value("personnel.roles.staff-officer") / p)', -1),
    ("min(p, personnel.total)", 1),
    ("min(p, q)", None),
    ("-p", -1),
    ("personnel.total * (p - 20)", None),  # a factor that may be negative turns the product round
    ("(r - 3) * personnel.total", 0),  # negative, but nothing moves
    ("p * q", None),
    ("1 +", None),  # cannot be read
]


@pytest.mark.parametrize(("source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_drift(source: str, expected: int | None) -> None:
    assert drift(source, OLD, NEW) == expected


def test_a_name_that_is_a_parameter_in_one_version_only_is_unknown() -> None:
    assert drift("p", OLD, {}) is None
