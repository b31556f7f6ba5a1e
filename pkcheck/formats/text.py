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

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pkcheck.diagnostics import Diagnostic
from pkcheck.escapes import inert, shown
from pkcheck.formats import amounts
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
    report: Report, *, color: bool = False, verbose: bool = False, width: int = 110, details: bool | None = None
) -> str:
    """The report for a terminal. One declaration is shown in full; several as a portfolio
    summary (one row per unit, worst first, with its problems' locations) unless ``details``."""
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    if details if details is not None else len(report.results) == 1:
        for index, result in enumerate(report.results):
            if index:
                console.print()
            console.print(_result(result, verbose, report.as_of.isoformat()), crop=False)
    else:
        _portfolio(console, report)
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


def _result(result: Result, verbose: bool, as_of: str) -> RenderableType:
    parts: list[RenderableType] = [_header(result, as_of)]
    parts.extend(diagnostic_line(e, "red") for e in result.errors)
    parts.extend(diagnostic_line(w, "yellow") for w in result.warnings)
    shown = [f for f in result.findings if verbose or f.status is not Status.MET]
    if shown:
        parts.append(_findings_table(sorted(shown, key=_worst_first)))
    if result.findings:
        parts.append(_category_counts(result))
    parts.append(_summary(result))
    return Group(*parts)


def _header(result: Result, as_of: str) -> Text:
    unit = result.unit or {}
    text = Text()
    text.append(f"{shown(result.path)}\n", style="bold")
    if unit:
        name = f" {shown(unit['name'])}" if unit.get("name") else ""
        text.append(f"  Unit     {shown(unit.get('id', '?'))}{name} ({shown(unit.get('country', '?'))})\n")
        text.append(f"  Type     {_titled(result, 'type')}")
        text.append(f", mission {_titled(result, 'mission')}\n" if unit.get("mission") else "\n")
    if result.standard is not None:
        standard = result.standard
        chain = f" [{shown(' > '.join(standard.chain))}]" if len(standard.chain) > 1 else ""
        text.append(f"  Standard {shown(standard.id)} {shown(standard.version)}{chain}, as of {as_of}\n")
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


def _findings_table(findings: list[Finding]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Requirement", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Title, finding and location", ratio=1, min_width=30, overflow="fold")
    table.add_column("Required", justify="right", max_width=12, overflow="ellipsis")
    table.add_column("Declared", justify="right", max_width=12, overflow="ellipsis")
    table.add_column("Shortfall", justify="right", max_width=26, overflow="fold")
    for finding in findings:
        required, declared, short = _gap_columns(finding)
        title = Text(shown(finding.title))
        title.append(f"\n{shown(finding.message)}", style="dim")
        title.append(f"\n{shown(finding.location.path)}:{finding.location.line}", style="dim cyan")
        severity = Text(finding.severity.value, style=SEVERITY_STYLE[finding.severity.value])
        table.add_row(shown(finding.requirement), severity, title, required, declared, short)
    return table


def _gap_columns(finding: Finding) -> tuple[str, str, str]:
    rows = [
        (shown(amounts.amount(g.required)), shown(amounts.amount(g.declared)), shown(short))
        for g, short in zip(finding.gaps, amounts.shortfalls(finding), strict=True)
    ]
    required, declared, short = ("\n".join(row[i] for row in rows) for i in range(3))
    if finding.status is Status.NO_EVIDENCE:
        short = "no evidence"
    elif finding.status is Status.WAIVED:
        short = f"waived\n{short}" if short else "waived"
    elif finding.status is Status.MET:
        short = "met"
    return required, declared, short


def _category_counts(result: Result) -> Text:
    by_category: dict[str, Counter[str]] = {}
    for finding in result.findings:
        by_category.setdefault(finding.category.value, Counter())[finding.status.value] += 1
    text = Text("  By category: ")
    entries = []
    for category in sorted(by_category):
        counts = by_category[category]
        not_met = counts["shortfall"] + counts["no-evidence"]
        entries.append(
            f"{category} {counts['met']}/{sum(counts.values())} met" + (f", {not_met} open" if not_met else "")
        )
    text.append("; ".join(entries))
    return text


def _summary(result: Result) -> Text:
    if result.verdict is Verdict.INVALID:
        return Text(f"  {len(result.errors)} error(s): the declaration could not be checked", style="magenta")
    counts = result.counts()
    parts = [f"{counts[s.value]} {s.value}" for s in Status if counts[s.value] or s in (Status.MET, Status.SHORTFALL)]
    text = Text(f"  {len(result.findings)} requirements: " + ", ".join(parts) + " -> ")
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
GAP = "   "


def _portfolio(console: Console, report: Report) -> None:
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
        cells = [_portfolio_cells(result, counts) for result, counts in checked]
        widths = [max(len(header), *(len(row[i]) for row in cells)) for i, header in enumerate(PORTFOLIO_HEADERS)]
        table = Text(f"Portfolio as of {report.as_of.isoformat()}\n", style="italic")
        table.append(_aligned(PORTFOLIO_HEADERS, widths) + "\n", style="bold")
        table.append("─" * (sum(widths) + len(GAP) * (len(widths) - 1)) + "\n")
        for (result, _), row in zip(checked, cells, strict=True):
            before = _aligned(row[:4], widths[:4]) + GAP
            table.append(before)
            table.append(row[4], style=VERDICT_STYLE[result.verdict])
            table.append(" " * (widths[4] - len(row[4])) + GAP + _aligned(row[5:], widths[5:], right=True) + "\n")
        console.print(table, crop=False, no_wrap=True, overflow="ignore", soft_wrap=True)
        console.print()
    invalid = len(rows) - len(checked)
    if invalid:
        console.print(Text(f"{invalid} file(s) could not be checked:", style="magenta"))
    for _, result, _ in rows:
        for diagnostic in (*result.errors, *result.warnings):
            style = "red" if diagnostic in result.errors else "yellow"
            console.print(diagnostic_line(diagnostic, style), crop=False)
    console.print(Text("Each unit's findings: pkcheck check FILE, or this command with --details.", style="dim"))


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


def _aligned(cells: tuple[str, ...], widths: list[int], right: bool = False) -> str:
    return GAP.join(
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
