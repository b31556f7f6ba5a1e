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

from pkcheck.analyses.gaps import Register, amount_text, counted, label, measured
from pkcheck.escapes import shown
from pkcheck.formats.text import SEVERITY_STYLE, diagnostic_line, finished, make_console


def render(register: Register, *, color: bool = False, width: int = 110) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    console.print(Text(shown(headline(register)), style="bold"), crop=False)
    if register.lines:
        console.print(_lines_table(register))
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
        f"Capacity-building needs as of {register.as_of.isoformat()}{scope}: {counted(len(register.lines), 'lines')} "
        f"from {counted(register.declarations, 'declarations')}, "
        f"{counted(len(register.evidence_missing), 'requirements')} without evidence, "
        f"{counted(len(register.invalid), 'invalid declarations')}"
    )


def _lines_table(register: Register) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Category", no_wrap=True)
    table.add_column("What closes it", ratio=1, min_width=30, overflow="fold")
    table.add_column("Short", justify="right", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Units concerned", ratio=1, min_width=20, overflow="fold")
    for line in register.lines:
        what = Text(shown(label(line)))
        what.append(
            f"\n{shown(line.kind)}" + (f", COE {shown(line.coe_category)}" if line.coe_category else ""), style="dim"
        )
        what.append(f"\n{shown(' '.join(line.requirements))}", style="dim")
        units = "\n".join(shown(f"{s.unit_id} ({s.country}) {amount_text(s.amount)}") for s in line.units)
        severity = Text(line.severity.value, style=SEVERITY_STYLE[line.severity.value])
        table.add_row(line.category.value, what, shown(measured(line.total, line.measure)), severity, units)
    return table


def _country_table(register: Register) -> Table:
    rows = []
    for view in register.countries():
        for index, item in enumerate(view.lines):
            country = shown(view.country) if index == 0 else ""
            rows.append(
                (
                    country,
                    shown(f"{item.line.category.value}: {label(item.line)}"),
                    shown(measured(item.total, item.line.measure)),
                    str(item.units),
                )
            )
        if view.evidence_missing:
            rows.append(
                (
                    shown(view.country) if not view.lines else "",
                    "evidence missing",
                    counted(view.evidence_missing, "findings"),
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
