"""What closes the gaps of a shortfall: the shares of the needs register (``pkcheck gaps``).

A kind's ``pieces`` gives one ``Piece`` per gap of a finding; ``coded_pieces`` serves the kinds
whose checks are on codes of which any counts (courses, items).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pkcheck.checks.base import codes, describe_codes, either
from pkcheck.report import Finding


@dataclass(frozen=True)
class Piece:
    """What would close one gap of a shortfall: a share of one line of the needs register.

    ``adds``: whether the amounts of several units add up to a meaningful total (personnel,
    items, beds, units lacking something) or not (minutes, days, levels, a declared value),
    in which case the register shows the largest share instead of a sum."""

    kind: str  # the register line's kind: ``training``, ``medical-staff``, ``entry``...
    what: str  # what closes it: a code (or codes), a criterion, a declaration path
    title: str | None
    measure: str  # the unit of measure: personnel, items, days, units...
    amount: int | float
    adds: bool
    coe_category: str | None = None
    # The codes of which any closes the gap (courses, items), where it is a check on codes: an
    # MOU line of one of the items closes it too (``pkcheck.analyses.gaps``).
    codes: tuple[str, ...] = ()


def coded_pieces(finding: Finding, kind: str, named: str | tuple[str, ...]) -> Iterator[Piece]:
    """A register share per gap of a check on codes of which any counts (courses, items): the
    codes are carried as data in the finding's values, never read back from display text."""
    names = codes(named)
    title = either(finding.titles[c] for c in names) if all(c in finding.titles for c in names) else None
    categories = sorted({finding.coe_categories[c] for c in names if c in finding.coe_categories})
    for short in finding.gaps:
        if isinstance(short.shortfall, (int, float)):
            yield Piece(
                kind,
                describe_codes(list(names)),
                title,
                short.unit,
                short.shortfall,
                adds=True,  # people to train, items to provide
                coe_category=", ".join(categories) or None,
                codes=tuple(names),
            )
