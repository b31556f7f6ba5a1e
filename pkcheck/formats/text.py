"""The default terminal report, drawn with rich.

rich draws what pkcheck shows at a terminal: this module, the terminal formats of the other
commands (``gaps_text``, ``diff_text``, ``suite_text``, drawing with ``make_console`` from
here) and the command line's progress bar (``pkcheck.cli.progress``) are the only modules that
import it.

Per declaration: a header (unit, country, type, standard, verdict in colour), a table of every
finding that is not met, worst first, per-category counts and a one-line summary. Colour only
when asked for; the same report renders to the same text.

Text from files is shown escaped (``pkcheck.escapes``) before it is laid out, so a table is as
wide as what it shows, and rich draws it as written: no markup (``[bold]`` in a title stays
text), emoji codes or highlighting. The other terminal formats draw with ``console`` and end
with ``finished`` from here.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pkcheck.diagnostics import Diagnostic
from pkcheck.escapes import inert, shown
from pkcheck.formats import amounts
from pkcheck.formats.lines import hanging, wrapped
from pkcheck.report import Finding, Report, Result, Status, Verdict
from pkcheck.terms.vocabulary import NOUNS

VERDICT_STYLE = {
    Verdict.READY: "bold green",
    Verdict.CONDITIONAL: "bold yellow",
    Verdict.NOT_READY: "bold red",
    Verdict.INVALID: "bold magenta",
}
SEVERITY_STYLE = {"critical": "bold red", "major": "yellow", "minor": "cyan", "advisory": "dim"}
STATUS_ORDER = {Status.SHORTFALL: 0, Status.NO_EVIDENCE: 1, Status.WAIVED: 2, Status.NOT_APPLICABLE: 3, Status.MET: 4}


def render(
    report: Report, *, color: bool = False, verbose: bool = False, width: int = 100, details: bool | None = None
) -> str:
    """The report for a terminal. One declaration is shown in full; several as a portfolio
    summary (one row per unit, worst first, with its problems' locations) unless ``details``."""
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    if details if details is not None else len(report.results) == 1:
        for index, result in enumerate(report.results):
            if index:
                console.print()
            console.print(_result(result, verbose, report.as_of.isoformat(), width), crop=False)
    else:
        _portfolio(console, report, width)
    for warning in report.warnings:
        console.print(diagnostic_line(warning, "yellow"), crop=False)
    if len(report.results) > 1:
        console.print()
        console.print(_batch_summary(report))
        console.print(_by_country(report), crop=False)
        _unknown_codes(console, report)
    return finished(buffer)


def _unknown_codes(console: Console, report: Report) -> None:
    """The codes no vocabulary knows, each with the number of files warned about it."""
    unknown = report.unknown_codes()
    if unknown:
        console.print()
        console.print("Unknown codes (no loaded vocabulary has them):")
    for entry in unknown:
        files = f"{entry.files} file" if entry.files == 1 else f"{entry.files} files"
        console.print(diagnostic_line(f"{NOUNS[entry.section]} `{entry.code}`: {files}", "yellow", indent=2))


def make_console(buffer: io.StringIO, *, color: bool, width: int, soft_wrap: bool = False) -> Console:
    """A console drawing into ``buffer``, in colour only when asked for, that draws text as
    written: no markup, emoji codes or highlighting."""
    return Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=soft_wrap,
        legacy_windows=False,
    )


def finished(buffer: io.StringIO) -> str:
    """What the console drew, with no trailing spaces (table padding leaves them; editors strip
    them) and no line a CI runner would obey: a table can wrap a value so that a line starts
    with its ``::``."""
    return inert("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def diagnostic_line(diagnostic: Diagnostic | str, style: str, indent: int = 0) -> Text:
    """A diagnostic on one line of its own, never wrapped, so that `path:line:column` can be
    grepped and clicked."""
    return Text(" " * indent + shown(diagnostic), style=style, no_wrap=True, overflow="ignore")


def _result(result: Result, verbose: bool, as_of: str, width: int) -> RenderableType:
    parts: list[RenderableType] = [_header(result, as_of, width)]
    parts.extend(diagnostic_line(e, "red") for e in result.errors)
    parts.extend(diagnostic_line(w, "yellow") for w in result.warnings)
    shown = [f for f in result.findings if verbose or f.status is not Status.MET]
    if shown:
        parts.append(_findings(sorted(shown, key=_worst_first), width))
    if result.findings:
        parts.extend((Text(), _category_counts(result, width)))
    parts.append(_summary(result, width))
    return Group(*parts)


def laid_out(text: str = "", style: str = "") -> Text:
    """Text already wrapped to the width here: rich draws it as it is, and a word longer than
    the width (a long path) runs past the edge rather than being cut in two."""
    return Text(text, style=style, no_wrap=True, overflow="ignore")


def _header(result: Result, as_of: str, width: int) -> Text:
    unit = result.unit or {}
    text = laid_out()
    text.append(f"{shown(result.path)}\n", style="bold")
    lines = []
    if unit:
        name = f" {shown(unit['name'])}" if unit.get("name") else ""
        lines.append(f"  Unit     {shown(unit.get('id', '?'))}{name} ({shown(unit.get('country', '?'))})")
        mission = f", mission {_titled(result, 'mission')}" if unit.get("mission") else ""
        lines.append(f"  Type     {_titled(result, 'type')}{mission}")
    if result.standard is not None:
        standard = result.standard
        chain = f" [{shown(' > '.join(standard.chain))}]" if len(standard.chain) > 1 else ""
        lines.append(f"  Standard {shown(standard.id)} {shown(standard.version)}{chain}, as of {as_of}")
    for line in lines:
        text.append("".join(part + "\n" for part in hanging(line, width, HEADER_INDENT)))
    text.append("  Verdict  ")
    text.append(result.verdict.label.upper(), style=VERDICT_STYLE[result.verdict])
    return text


def _titled(result: Result, key: str) -> str:
    """The unit's type or mission as ``Title (code)``, or the bare code without a title."""
    code = shown((result.unit or {}).get(key, "?"))
    title = result.unit_titles.get(key)
    return f"{shown(title)} ({code})" if title else code


def _worst_first(finding: Finding) -> tuple[bool, int, int, str]:
    """Open gaps first, the most severe first; then waived, then met."""
    return not finding.failing, -finding.severity.rank, STATUS_ORDER[finding.status], finding.requirement


HEADER_INDENT = 11  # "  Standard " and the other header labels
DETAIL_INDENT = 4  # a finding's lines under its requirement


def _findings(findings: list[Finding], width: int) -> Text:
    """Each finding stacked, so that it fits any width: its requirement, severity and title on
    one line (the title wrapped under itself), then what was found, the amounts required,
    declared and short, and its ``path:line`` whole on a line of its own."""
    ids = max(len(shown(f.requirement)) for f in findings)
    severities = max(len(f.severity.value) for f in findings)
    text = laid_out()
    for finding in findings:
        text.append("\n\n" if text else "\n")
        severity = finding.severity.value
        cells = ((shown(finding.requirement), ids, "bold"), (severity, severities, SEVERITY_STYLE[severity]))
        text.append(headed(cells, shown(finding.title), width))
        text.append("\n" + "\n".join(wrapped(shown(finding.message), width, DETAIL_INDENT)), style="dim")
        for line in _gap_lines(finding):
            text.append(detail(line, width))
        text.append("\n" + " " * DETAIL_INDENT)
        text.append(f"{shown(finding.location.path)}:{finding.location.line}", style="dim cyan")
    return text


def headed(cells: Sequence[tuple[str, int, str]], title: str, width: int) -> Text:
    """The first line of a stacked entry: ``cells`` (text, column width, style) in columns, then
    ``title`` wrapped under itself beside them, or on lines of its own where the columns leave
    too little room."""
    text = laid_out()
    for cell, column, style in cells:
        text.append(cell, style=style)
        text.append(" " * (column - len(cell) + 2))
    lead = sum(column + 2 for _, column, _ in cells)
    if lead > width // 2:
        text.append("\n" + "\n".join(wrapped(title, width, DETAIL_INDENT)))
        return text
    lines = wrapped(title, width, lead, first=" " * lead)
    text.append("\n".join(line[lead:] if index == 0 else line for index, line in enumerate(lines)))
    return text


def detail(line: str, width: int) -> str:
    """A line of a stacked entry under its first line, wrapped with a deeper indent."""
    return "\n" + "\n".join(wrapped(line, width, DETAIL_INDENT + 2, first=" " * DETAIL_INDENT))


def _gap_lines(finding: Finding) -> list[str]:
    """The amounts of each gap of a finding, labelled, and what its status makes of them."""
    lines = []
    for gap, label in zip(finding.gaps, amounts.gap_labels(finding), strict=True):
        fields = (
            ("required", shown(amounts.amount(gap.required))),
            ("declared", shown(amounts.amount(gap.declared))),
            ("short", shown(amounts.short(gap, finding.titles))),
        )
        amounts_of = ", ".join(f"{name} {value}" for name, value in fields if value)
        lines.append(f"{shown(label)}: {amounts_of}" if label else amounts_of)
    if finding.status is Status.NO_EVIDENCE:
        return ["no evidence"]
    if finding.status is Status.WAIVED:
        return [f"waived: {line}" for line in lines] or ["waived"]
    if finding.status is Status.MET:
        return ["met"]
    return [line for line in lines if line]


def _category_counts(result: Result, width: int) -> Text:
    by_category: dict[str, Counter[str]] = {}
    for finding in result.findings:
        by_category.setdefault(finding.category.value, Counter())[finding.status.value] += 1
    entries = []
    for category in sorted(by_category):
        counts = by_category[category]
        not_met = counts["shortfall"] + counts["no-evidence"]
        entries.append(
            f"{category} {counts['met']}/{sum(counts.values())} met" + (f", {not_met} open" if not_met else "")
        )
    return laid_out("\n".join(wrapped("By category: " + "; ".join(entries), width, DETAIL_INDENT, first="  ")))


def _summary(result: Result, width: int) -> Text:
    if result.verdict is Verdict.INVALID:
        return Text(f"  {len(result.errors)} error(s): the declaration could not be checked", style="magenta")
    counts = result.counts()
    parts = [f"{counts[s.value]} {s.value}" for s in Status if counts[s.value] or s in (Status.MET, Status.SHORTFALL)]
    words = wrapped(f"{len(result.findings)} requirements: " + ", ".join(parts) + " ->", width, DETAIL_INDENT, "  ")
    text = laid_out("\n".join(words))
    text.append(" " if len(words[-1]) + 1 + len(result.verdict.label) <= width else "\n" + " " * DETAIL_INDENT)
    text.append(result.verdict.label, style=VERDICT_STYLE[result.verdict])
    return text


def _batch_summary(report: Report) -> Text:
    verdicts = Counter(result.verdict for result in report.results)
    text = Text(f"{len(report.results)} declarations: ")
    for index, verdict in enumerate(Verdict):
        if index:
            text.append(", ")
        text.append(f"{verdicts[verdict]} {verdict.label}", style=VERDICT_STYLE[verdict] if verdicts[verdict] else "")
    return text


VERDICT_ORDER = {Verdict.INVALID: 0, Verdict.NOT_READY: 1, Verdict.CONDITIONAL: 2, Verdict.READY: 3}
COUNTED = ("critical", "major", "minor")


def _worst_unit_first(result: Result, counts: dict[str, int]) -> tuple[int, int, int, int, str, str]:
    unit_id = str((result.unit or {}).get("id", ""))
    return VERDICT_ORDER[result.verdict], -counts["critical"], -counts["major"], -counts["minor"], unit_id, result.path


PORTFOLIO_HEADERS = ("Country", "Unit", "Type", "Standard", "Verdict", *(name.capitalize() for name in COUNTED))
STANDARD = PORTFOLIO_HEADERS.index("Standard")
VERDICT = PORTFOLIO_HEADERS.index("Verdict")
GAPS = ("   ", "  ")  # between columns: the wider where the table fits with it


def _portfolio(console: Console, report: Report, width: int) -> None:
    """One line per checked unit, worst first, in aligned columns (a large portfolio can be
    searched with grep); then the located errors of the files that could not be checked and
    the warnings of the others. Drawn line by line: rich's table measures every cell, which
    takes seconds for a thousand units."""
    rows = []
    for result in report.results:
        counts = result.open_counts()
        rows.append((_worst_unit_first(result, counts), result, counts))
    rows.sort(key=lambda row: row[0])
    checked = [(result, counts) for _, result, counts in rows if result.verdict is not Verdict.INVALID]
    if checked:
        table = _portfolio_table(checked, report.as_of.isoformat(), width)
        console.print(table, crop=False, no_wrap=True, overflow="ignore", soft_wrap=True)  # never cut, never folded
        console.print()
    invalid = len(rows) - len(checked)
    if invalid:
        console.print(Text(f"{invalid} file(s) could not be checked:", style="magenta"))
    # Printed at once: rich lays out each line of a text on its own, and a portfolio's
    # thousands of warnings took ten times as long printed one by one.
    lines = [
        diagnostic_line(diagnostic, "red" if diagnostic in result.errors else "yellow")
        for _, result, _ in rows
        for diagnostic in (*result.errors, *result.warnings)
    ]
    if lines:
        console.print(Text("\n").join(lines), crop=False)
    tip = "Each unit's findings: pkcheck check FILE, or this command with --details."
    console.print(laid_out("\n".join(wrapped(tip, width)), style="dim"))


def _portfolio_table(checked: list[tuple[Result, dict[str, int]]], as_of: str, width: int) -> Text:
    """The aligned table of the checked units. Where it is wider than ``width``, the columns
    close up, and then each unit's standard goes on a line of its own under the unit, so that
    nothing is cut and no line is folded."""
    cells = [_portfolio_cells(result, counts) for result, counts in checked]
    columns = [max(len(header), *(len(row[i]) for row in cells)) for i, header in enumerate(PORTFOLIO_HEADERS)]
    shown_columns = list(range(len(PORTFOLIO_HEADERS)))
    gap = GAPS[0]
    for gap in GAPS:
        if _table_width(columns, shown_columns, gap) <= width:
            break
    standard_below = _table_width(columns, shown_columns, gap) > width
    if standard_below:
        shown_columns.remove(STANDARD)
    widths = [columns[i] for i in shown_columns]
    table = Text(f"Portfolio as of {as_of}\n")
    headers = tuple(PORTFOLIO_HEADERS[i] for i in shown_columns)
    table.append(_aligned(headers, widths, gap) + "\n", style="bold")
    table.append("─" * _table_width(columns, shown_columns, gap) + "\n")
    verdict_at = shown_columns.index(VERDICT)
    for (result, _), row in zip(checked, cells, strict=True):
        picked = tuple(row[i] for i in shown_columns)
        table.append(_aligned(picked[:verdict_at], widths[:verdict_at], gap) + gap)
        table.append(picked[verdict_at], style=VERDICT_STYLE[result.verdict])
        rest = _aligned(picked[verdict_at + 1 :], widths[verdict_at + 1 :], gap, right=True)
        table.append(" " * (widths[verdict_at] - len(picked[verdict_at])) + gap + rest + "\n")
        if standard_below:
            table.append(" " * (columns[0] + len(gap)) + f"standard {row[STANDARD]}\n", style="dim")
    return table


def _table_width(columns: list[int], shown_columns: list[int], gap: str) -> int:
    return sum(columns[i] for i in shown_columns) + len(gap) * (len(shown_columns) - 1)


def _portfolio_cells(result: Result, counts: dict[str, int]) -> tuple[str, ...]:
    unit = result.unit or {}
    standard = f"{result.standard.id} {result.standard.version}" if result.standard else "-"
    fixed = (
        shown(unit.get("country", "-")),
        shown(unit.get("id", "-")),
        shown(unit.get("type", "-")),
        shown(standard),
        result.verdict.label,
    )
    return (*fixed, *(str(counts[name]) for name in COUNTED))


def _aligned(cells: tuple[str, ...], widths: list[int], gap: str, right: bool = False) -> str:
    return gap.join(
        cell.rjust(width) if right else cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
    )


def _by_country(report: Report) -> Table:
    by_country: dict[str, Counter[Verdict]] = {}
    for result in report.results:
        by_country.setdefault(str((result.unit or {}).get("country", "-")), Counter())[result.verdict] += 1
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Country", no_wrap=True)
    table.add_column("Units", justify="right")
    for verdict in Verdict:
        table.add_column(verdict.label.capitalize(), justify="right")

    def worst(item: tuple[str, Counter[Verdict]]) -> tuple[int, int, int, str]:
        country, counts = item
        return -counts[Verdict.INVALID], -counts[Verdict.NOT_READY], -counts[Verdict.CONDITIONAL], country

    for country, counts in sorted(by_country.items(), key=worst):
        table.add_row(shown(country), str(sum(counts.values())), *(str(counts[v]) for v in Verdict))
    return table
