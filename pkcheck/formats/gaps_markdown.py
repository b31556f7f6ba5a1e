"""``pkcheck gaps --format markdown``: the register for a memo or a pull-request comment.

A headline, the register table, equipment by COE category, the requirements without evidence,
a table per country and the declarations that could not be checked. Amounts that may rest on an
illustrative threshold are marked as in the text register, with the same legend under the
register table. Text from files is escaped as in the check report's Markdown (``markdown.cell``
and ``markdown.code``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pkcheck.analyses import parity
from pkcheck.analyses.gaps import Register, amount_text, counted, identity, label, measured
from pkcheck.escapes import inert
from pkcheck.formats.amounts import LEGEND, mark
from pkcheck.formats.gaps_text import headline
from pkcheck.formats.markdown import cell, code


def render(register: Register) -> str:
    lines = ["# Capacity-building needs register", "", cell(headline(register)) + ".", ""]
    if register.lines:
        lines += _table(
            (
                "Category",
                "What closes it",
                "COE category",
                "Short",
                "Units",
                "Severity",
                "Units concerned",
                "Requirements",
            ),
            [
                (
                    line.category.value,
                    label(line),
                    line.coe_category or "-",
                    mark(measured(line.total, line.measure), line.illustrative),
                    str(len(line.units)),
                    line.severity.value,
                    ", ".join(f"{s.unit_id} ({s.country}): {amount_text(s.amount)}" for s in line.units),
                    ", ".join(line.requirements),
                )
                for line in register.lines
            ],
        )
        lines += ["", cell(LEGEND)] if register.illustrative else []
    coe = register.coe_totals()
    if coe:
        lines += ["", "## Equipment by COE category", ""]
        totals = [(t.coe_category, mark(amount_text(t.items_short), t.illustrative), str(t.units)) for t in coe]
        lines += _table(("COE category", "Items short", "Units"), totals)
    if register.evidence_missing:
        lines += ["", "## Evidence missing", ""]
        lines += _table(
            ("Requirement", "Category", "Title", "Severity", "Units"),
            [
                (
                    e.requirement,
                    e.category.value,
                    e.title,
                    e.severity.value,
                    ", ".join(f"{u.unit_id} ({u.country})" for u in e.units),
                )
                for e in register.evidence_missing
            ],
        )
    for view in register.countries():
        lines += ["", f"## {cell(view.country)}", ""]
        rows = [
            (
                i.line.category.value,
                label(i.line),
                mark(measured(i.total, i.line.measure), i.illustrative),
                str(i.units),
            )
            for i in view.lines
        ]
        if view.evidence_missing:
            rows.append(("-", "evidence missing", counted(view.evidence_missing, "findings"), "-"))
        lines += _table(("Category", "What closes it", "Short", "Units"), rows)
    if register.women:
        lines += ["", "## Women by country", "", cell(parity.HEADING), ""]
        lines += _table(parity.COLUMNS, [parity.cells(line) for line in register.women])
    if register.invalid:
        lines += ["", "## Invalid declarations (not counted)", ""]
        for invalid in register.invalid:
            lines += [f"- {code(invalid.declaration)}{cell(identity(invalid))}"]
            lines += [f"  - {cell(e)}" for e in invalid.errors]
    return inert("\n".join(lines) + "\n")


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    found = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    found += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return found
