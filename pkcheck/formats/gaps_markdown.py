"""``pkcheck gaps --format markdown``: the register for a memo or a pull-request comment.

A headline, the register table, equipment by COE category, the requirements without evidence,
a table per country and the declarations that could not be checked. Amounts that may rest on an
illustrative threshold are marked as in the text register, with the same legend under the
register table. Text from files is escaped as in the check report's Markdown (``markdown.cell``
and ``markdown.code``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pkcheck import words
from pkcheck.analyses import parity
from pkcheck.analyses.gaps import Register, identity, label
from pkcheck.escapes import inert
from pkcheck.formats.amounts import legend, mark
from pkcheck.formats.gaps_text import headline
from pkcheck.formats.markdown import cell, code
from pkcheck.i18n import _, number
from pkcheck.measures import amount_text, counted, measured


def render(register: Register) -> str:
    lines = ["# " + _("Capacity-building needs register"), "", cell(headline(register)) + ".", ""]
    if register.lines:
        lines += _table(
            (
                _("Category"),
                _("What closes it"),
                _("COE category"),
                _("Short"),
                _("Units"),
                _("Severity"),
                _("Units concerned"),
                _("Requirements"),
            ),
            [
                (
                    words.category(line.category),
                    label(line),
                    line.coe_category or "-",
                    mark(measured(line.total, line.measure), line.illustrative),
                    number(len(line.units)),
                    words.severity(line.severity),
                    ", ".join(
                        _("{unit}: {amount}").format(unit=f"{s.unit_id} ({s.country})", amount=amount_text(s.amount))
                        for s in line.units
                    ),
                    ", ".join(line.requirements),
                )
                for line in register.lines
            ],
        )
        lines += ["", cell(legend())] if register.illustrative else []
    coe = register.coe_totals()
    if coe:
        lines += ["", "## " + _("Equipment by COE category"), ""]
        totals = [(t.coe_category, mark(amount_text(t.items_short), t.illustrative), number(t.units)) for t in coe]
        lines += _table((_("COE category"), _("Items short"), _("Units")), totals)
    if register.evidence_missing:
        lines += ["", "## " + _("Evidence missing"), ""]
        lines += _table(
            (_("Requirement"), _("Category"), _("Title"), _("Severity"), _("Units")),
            [
                (
                    e.requirement,
                    words.category(e.category),
                    e.title,
                    words.severity(e.severity),
                    ", ".join(f"{u.unit_id} ({u.country})" for u in e.units),
                )
                for e in register.evidence_missing
            ],
        )
    for view in register.countries():
        lines += ["", f"## {cell(view.country)}", ""]
        rows = [
            (
                words.category(i.line.category),
                label(i.line),
                mark(measured(i.total, i.line.measure), i.illustrative),
                number(i.units),
            )
            for i in view.lines
        ]
        if view.evidence_missing:
            rows.append(("-", _("evidence missing"), counted(view.evidence_missing, "findings"), "-"))
        lines += _table((_("Category"), _("What closes it"), _("Short"), _("Units")), rows)
    if register.women:
        lines += ["", "## " + _("Women by country"), "", cell(parity.heading()), ""]
        lines += _table(parity.columns(), [parity.cells(line) for line in register.women])
    if register.invalid:
        lines += ["", "## " + _("Invalid declarations (not counted)"), ""]
        for invalid in register.invalid:
            lines += [f"- {code(invalid.declaration)}{cell(identity(invalid))}"]
            lines += [f"  - {cell(e)}" for e in invalid.errors]
    return inert("\n".join(lines) + "\n")


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    found = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    found += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return found
