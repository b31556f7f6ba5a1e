"""``pkcheck gaps`` in the terminal: the register drawn with rich, like the check report.

A headline, one table of register lines (requirement category, what closes it, total short, the
units concerned with their share, worst severity), equipment totals by COE category, the
requirements without evidence, a per-country table and the declarations that could not be
checked. Colour only when asked for; the same register renders to the same text. Text from
files is shown escaped, as in the check report.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from pkcheck.analyses.gaps import Register, amount_text, label
from pkcheck.escapes import shown
from pkcheck.formats.lines import wrapped
from pkcheck.formats.text import SEVERITY_STYLE, diagnostic_line, finished, make_console


def render(register: Register, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    console.print(Text("\n".join(wrapped(shown(headline(register)), width)), style="bold"), crop=False)
    if register.lines:
        console.print()
        console.print(_lines(register, width), crop=False)
        console.print()
    coe = register.coe_totals()
    if coe:
        console.print(Text("Equipment by COE category", style="bold"))
        console.print(
            _simple_table(
                ("COE category", "Items short", "Units"), [(shown(n), amount_text(s), str(u)) for n, s, u in coe]
            )
        )
    if register.evidence_missing:
        console.print(Text("Evidence missing (not counted above)", style="bold"))
        rows = [
            (
                shown(e.requirement),
                e.category.value,
                shown(e.title),
                str(len(e.units)),
                shown(", ".join(f"{u.unit_id} ({u.country})" for u in e.units)),
            )
            for e in register.evidence_missing
        ]
        console.print(_simple_table(("Requirement", "Category", "Title", "Units", "Units concerned"), rows))
    if register.lines or register.evidence_missing:
        console.print(Text("By country", style="bold"))
        console.print(_country_table(register))
    for invalid in register.invalid:
        console.print(Text(f"{shown(invalid.declaration)}: invalid, not counted", style="magenta"), crop=False)
        for error in invalid.errors:
            console.print(diagnostic_line(error, "red", indent=2), crop=False)
    return finished(buffer)


def headline(register: Register) -> str:
    """One sentence: the date, the scope and the filters applied."""
    filters = register.filters
    applied = [f"category {', '.join(c.value for c in filters.categories)}"] if filters.categories else []
    applied += [f"country {', '.join(filters.countries)}"] if filters.countries else []
    applied += [f"severity {filters.severity.value} and above"] if filters.severity.rank > 1 else []
    scope = f" ({'; '.join(applied)})" if applied else ""
    return (
        f"Capacity-building needs as of {register.as_of.isoformat()}{scope}: {len(register.lines)} line(s) from "
        f"{register.declarations} declaration(s), {len(register.evidence_missing)} requirement(s) without evidence, "
        f"{len(register.invalid)} invalid declaration(s)"
    )


def _lines(register: Register, width: int) -> Text:
    """Each register line stacked, so that it fits any width without cutting a code: its
    category, severity and what closes it on one line (wrapped under itself), then its kind and
    requirements, the total short and the units concerned with their share."""
    categories = max(len(line.category.value) for line in register.lines)
    severities = max(len(line.severity.value) for line in register.lines)
    lead = categories + 2 + severities + 2
    text = Text()
    for line in register.lines:
        text.append("\n\n" if text else "")
        text.append(line.category.value.ljust(categories + 2), style="bold")
        text.append(line.severity.value, style=SEVERITY_STYLE[line.severity.value])
        text.append(" " * (severities - len(line.severity.value) + 2))
        what = wrapped(shown(label(line)), width, lead, first=" " * lead)
        text.append("\n".join(part[lead:] if index == 0 else part for index, part in enumerate(what)))
        coe = f", COE {line.coe_category}" if line.coe_category else ""
        kind = shown(f"{line.kind}{coe} ({' '.join(line.requirements)})")
        text.append("\n" + "\n".join(wrapped(kind, width, INDENT + 2, first=" " * INDENT)), style="dim")
        total = shown(f"short {amount_text(line.total)} {line.measure}")
        text.append("\n" + "\n".join(wrapped(total, width, INDENT + 2, first=" " * INDENT)))
        units = "; ".join(shown(f"{s.unit_id} ({s.country}) {amount_text(s.amount)}") for s in line.units)
        text.append("\n" + "\n".join(wrapped(f"units: {units}", width, INDENT + 2, first=" " * INDENT)))
    return text


INDENT = 4  # a register line's details under its first line


def _country_table(register: Register) -> Table:
    rows = []
    for view in register.countries():
        for index, item in enumerate(view.lines):
            country = shown(view.country) if index == 0 else ""
            rows.append(
                (
                    country,
                    shown(f"{item.line.category.value}: {label(item.line)}"),
                    shown(f"{amount_text(item.total)} {item.line.measure}"),
                    str(item.units),
                )
            )
        if view.evidence_missing:
            rows.append(
                (
                    shown(view.country) if not view.lines else "",
                    "evidence missing",
                    f"{view.evidence_missing} finding(s)",
                    "",
                )
            )
    return _simple_table(("Country", "What closes it", "Short", "Units"), rows)


def _simple_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in header:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table
