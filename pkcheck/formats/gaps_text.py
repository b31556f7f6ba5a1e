"""``pkcheck gaps`` in the terminal: the register drawn with rich, like the check report.

A headline, one table of register lines (requirement category, what closes it, total short, the
units concerned with their share, worst severity), equipment totals by COE category, the
requirements without evidence, a per-country table and the declarations that could not be
checked. An amount that may rest on an illustrative threshold (a line's total, a country's
part, a COE category's items) is marked as the check report marks a required amount, and what
the mark means is said once, under the lines. Colour only when asked for; the same register
renders to the same text. Text from files is shown escaped, as in the check report.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from pkcheck import words
from pkcheck.analyses import parity
from pkcheck.analyses.gaps import Register, elsewhere, identity, label
from pkcheck.escapes import shown
from pkcheck.formats.amounts import illustrative_mark, mark
from pkcheck.formats.lines import packed, wrapped
from pkcheck.formats.text import (
    DETAIL_INDENT,
    SEVERITY_STYLE,
    detail,
    finished,
    flowed,
    headed,
    laid_out,
    legend,
    located,
    make_console,
)
from pkcheck.i18n import _, day, number
from pkcheck.measures import amount_text, counted, measured


def render(register: Register, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    # Text laid out here is printed as it is (soft_wrap): rich would fold a word longer than the width.
    console.print(laid_out("\n".join(wrapped(shown(headline(register)), width)), style="bold"), soft_wrap=True)
    if register.lines:
        console.print()
        console.print(_lines(register, width), soft_wrap=True)
        if register.illustrative:
            console.print(legend(width), soft_wrap=True)
        console.print()
    coe = register.coe_totals()
    if coe:
        console.print(Text(_("Equipment by COE category"), style="bold"))
        rows = [(shown(t.coe_category), mark(amount_text(t.items_short), t.illustrative), number(t.units)) for t in coe]
        _print(console, _simple_table((_("COE category"), _("Items short"), _("Units")), rows, width))
        console.print()  # a section's heading never runs on from the table above it
    if register.evidence_missing:
        console.print(Text(_("Evidence missing (not counted above)"), style="bold"))
        console.print()
        console.print(_evidence_missing(register, width), soft_wrap=True)
        console.print()
    if register.lines or register.evidence_missing:
        console.print(Text(_("By country"), style="bold"))
        _print(console, _country_table(register, width))
    if register.women:
        console.print()
        console.print(Text(_("Women by country"), style="bold"))
        console.print(laid_out("\n".join(wrapped(parity.heading(), width))), soft_wrap=True)
        shares = [tuple(shown(value) for value in parity.cells(line)) for line in register.women]
        _print(console, _simple_table(parity.columns(), shares, width))
    for invalid in register.invalid:
        name = shown(f"{invalid.declaration}{identity(invalid)}") + _(":")  # French: a no-break space before it
        console.print(
            flowed([(name, "magenta", True), (_(" invalid, not counted"), "magenta", False)], width, 2), soft_wrap=True
        )
        for error in invalid.errors:
            console.print(located(error, "red", width, 2), soft_wrap=True)
    return finished(buffer)


def _print(console: Console, table: RenderableType) -> None:
    """A rich table, or text laid out here, printed as it is (rich would fold a long word)."""
    console.print(table, crop=False, soft_wrap=isinstance(table, Text))


def headline(register: Register) -> str:
    """One sentence: the date, the scope and the filters applied."""
    filters = register.filters
    applied = []
    if filters.categories:
        categories = ", ".join(words.category(c) for c in filters.categories)
        applied.append(_("category {categories}").format(categories=categories))
    if filters.countries:
        applied.append(_("country {countries}").format(countries=", ".join(filters.countries)))
    if filters.severity.rank > 1:
        applied.append(_("severity {severity} and above").format(severity=words.severity(filters.severity)))
    scope = f" ({_('; ').join(applied)})" if applied else ""
    return _(
        "Capacity-building needs as of {day}{scope}: {lines} from {declarations}, {requirements} without "
        "evidence, {invalid}{elsewhere}"
    ).format(
        day=day(register.as_of),
        scope=scope,
        lines=counted(len(register.lines), "lines"),
        declarations=counted(register.declarations, "declarations"),
        requirements=counted(len(register.evidence_missing), "requirements"),
        invalid=counted(len(register.invalid), "invalid declarations"),
        elsewhere=elsewhere(register),
    )


def _lines(register: Register, width: int) -> Text:
    """Each register line stacked, so that it fits any width without cutting a code: its
    category, severity and what closes it on one line (wrapped under itself), then its kind and
    requirements, the total short and the units concerned with their share."""
    categories = max(len(words.category(line.category)) for line in register.lines)
    severities = max(len(words.severity(line.severity)) for line in register.lines)
    text = laid_out()
    for line in register.lines:
        text.append("\n\n" if text else "")
        severity = line.severity.value
        cells = (
            (words.category(line.category), categories, "bold"),
            (words.severity(severity), severities, SEVERITY_STYLE[severity]),
        )
        text.append(headed(cells, shown(label(line)), width))
        coe = _(", COE {category}").format(category=line.coe_category) if line.coe_category else ""
        text.append(
            detail(shown(f"{words.gap_kind(line.kind)}{coe} ({' '.join(line.requirements)})"), width), style="dim"
        )
        short = mark(_("short {amount}").format(amount=measured(line.total, line.measure)), line.illustrative)
        text.append(detail(shown(short), width))
        shares = [_("units:"), *(shown(f"{s.unit_id} ({s.country}) {amount_text(s.amount)}") for s in line.units)]
        units = packed(
            [shares[0] + " " + shares[1], *shares[2:]], _("; "), width, DETAIL_INDENT + 2, first=" " * DETAIL_INDENT
        )
        text.append("\n" + "\n".join(units))
    return text


def _evidence_missing(register: Register, width: int) -> Text:
    """Each requirement without evidence stacked like the register's lines: its id, category and
    title, then the units concerned."""
    missing = register.evidence_missing
    ids = max(len(shown(e.requirement)) for e in missing)
    categories = max(len(words.category(e.category)) for e in missing)
    text = laid_out()
    for entry in missing:
        text.append("\n\n" if text else "")
        cells = ((shown(entry.requirement), ids, "bold"), (words.category(entry.category), categories, ""))
        text.append(headed(cells, shown(entry.title), width))
        units = [shown(f"{u.unit_id} ({u.country})") for u in entry.units]
        units[0] = _("{units}: {first}").format(units=counted(len(entry.units), "units"), first=units[0])
        text.append("\n" + "\n".join(packed(units, ", ", width, DETAIL_INDENT + 2, first=" " * DETAIL_INDENT)))
    return text


def _country_table(register: Register, width: int) -> RenderableType:
    rows = []
    for view in register.countries():
        for index, item in enumerate(view.lines):
            country = shown(view.country) if index == 0 else ""
            rows.append(
                (
                    country,
                    shown(
                        _("{category}: {what}").format(
                            category=words.category(item.line.category), what=label(item.line)
                        )
                    ),
                    shown(mark(measured(item.total, item.line.measure), item.illustrative)),
                    number(item.units),
                )
            )
        if view.evidence_missing:
            rows.append(
                (
                    shown(view.country) if not view.lines else "",
                    _("evidence missing"),
                    counted(view.evidence_missing, "findings"),
                    "",
                )
            )
    return _simple_table((_("Country"), _("What closes it"), _("Short"), _("Units")), rows, width)


def _simple_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], width: int) -> RenderableType:
    """A table whose cells wrap at spaces, where every column can be as wide as its longest word;
    else a block per row (its first cells, then the others labelled by their headers), so that
    no code is cut to fit.

    Rich narrows the widest column, the second (what closes a gap), to what the others leave.
    Where that would cut its longest word, an amount's "(illustrative)" wraps under it instead:
    the columns after the second are made no wider than their widest value without its mark."""
    columns = [(name, *(row[i] for row in rows)) for i, name in enumerate(header)]
    longest = [max(len(word) for cell in cells for word in [*cell.split(), ""]) for cells in columns]
    gutters = 2 * (len(header) - 1)
    if sum(longest) + gutters <= width:
        widest = [max(len(cell) for cell in cells) for cells in columns]
        narrow = len(header) > 2 and width - gutters - sum(widest) + widest[1] < longest[1]
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for index, (name, cells) in enumerate(zip(header, columns, strict=True)):
            unmarked = max(longest[index], *(len(cell.removesuffix(f" {illustrative_mark()}")) for cell in cells))
            table.add_column(name, overflow="fold", max_width=unmarked if narrow and index > 1 else None)
        for row in rows:
            table.add_row(*row)
        return table
    return _stacked(header, rows, width)


def _stacked(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], width: int) -> Text:
    """Each row as a block: its first cell, and its second beside it (wrapped under itself),
    then the other cells labelled by their headers; a row whose first cell is blank continues
    the one above (a country's other lines)."""
    first = max(len(row[0]) for row in rows)
    text = laid_out()
    for row in rows:
        text.append("\n" if text else "")
        text.append(headed(((row[0], first, "bold"),), row[1], width))
        rest = "; ".join(f"{name.lower()} {cell}" for name, cell in zip(header[2:], row[2:], strict=True) if cell)
        if rest:
            text.append(detail(rest, width))
    return text
