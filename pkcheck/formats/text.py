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
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pkcheck import words
from pkcheck.analyses import parity
from pkcheck.diagnostics import Diagnostic
from pkcheck.escapes import inert, shown
from pkcheck.formats import amounts, counted, since, verification
from pkcheck.formats.lines import hanging, wrapped
from pkcheck.i18n import N_, _, day, ngettext, number
from pkcheck.report import (
    BaselineComparison,
    Finding,
    Report,
    Result,
    Status,
    UnitChange,
    Verdict,
    worst_unit_first,
)
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
            # Laid out here, and printed as it is: rich would fold a word longer than the width.
            console.print(_result(result, verbose, day(report.as_of), width, report), soft_wrap=True)
    else:
        _portfolio(console, report, width)
    for warning in report.warnings:
        console.print(diagnostic_line(warning, "yellow"), crop=False)
    if len(report.results) > 1:
        console.print()
        console.print(_batch_summary(report, width), crop=False)
        console.print(_by_country(report), crop=False)
        _women_by_country(console, report, width)
        _unknown_codes(console, report)
    if report.baseline is not None:
        _baseline(console, report.baseline, width)
    return finished(buffer)


def _unknown_codes(console: Console, report: Report) -> None:
    """The codes no vocabulary knows, each with the number of files warned about it."""
    unknown = report.unknown_codes()
    if unknown:
        console.print()
        console.print(_("Unknown codes (no loaded vocabulary has them):"))
    for entry in unknown:
        files = ngettext("{count} file", "{count} files", entry.files).format(count=number(entry.files))
        line = _("{noun} `{code}`: {files}").format(noun=_(NOUNS[entry.section]), code=entry.code, files=files)
        console.print(diagnostic_line(line, "yellow", indent=2))


def _baseline(console: Console, comparison: BaselineComparison, width: int) -> None:
    """The report against its baseline: the counts of each state, the notes, the units gone."""
    console.print()
    for said in [since.summary(comparison), *since.notes(comparison)]:
        console.print(laid_out("\n".join(wrapped(shown(said), width, DETAIL_INDENT, first=""))), soft_wrap=True)
    heading = since.gone_heading(comparison)
    if heading is not None:
        console.print(laid_out(heading), soft_wrap=True)
        for change in comparison.gone:
            unit, said = since.gone_item(change)
            line = _("{lead}: {text}").format(lead=shown(unit), text=said)
            console.print(laid_out("\n".join(wrapped(line, width, DETAIL_INDENT, first="  "))), soft_wrap=True)


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


def _result(result: Result, verbose: bool, as_of: str, width: int, report: Report | None = None) -> RenderableType:
    parts: list[RenderableType] = [_header(result, as_of, width)]
    parts.extend(diagnostic_line(e, "red") for e in result.errors)
    parts.extend(diagnostic_line(w, "yellow") for w in result.warnings)
    shown = [f for f in result.findings if verbose or f.status is not Status.MET]
    if shown:
        comparison = None if report is None else report.baseline
        markers = {f.requirement: m for f in shown if (m := since.state(comparison, result, f)) is not None}
        parts.append(_findings(sorted(shown, key=_worst_first), width, markers))
    if amounts.marked(shown):
        parts.append(legend(width))
    if result.mou is not None:
        parts.extend((Text(), laid_out("\n".join(verification.lines(result.mou, width)))))
    if result.findings:
        parts.extend((Text(), _category_counts(result, width)))
    parts.append(_summary(result, width))
    change = since.change(None if report is None else report.baseline, result)
    if change is not None:
        parts.append(_change(change, width))
    return Group(*parts)


def _change(change: UnitChange, width: int) -> Text:
    """The unit against the baseline: its verdict then and now, and the findings closed since."""
    lines = wrapped(since.verdict_change(change), width, DETAIL_INDENT, "  ")
    if change.closed:
        lines += wrapped(since.closed_heading(change), width, DETAIL_INDENT, "  ")
        for closed in change.closed:
            lead, said = since.closed_item(closed)
            line = _("{lead}: {text}").format(lead=shown(lead), text=said)
            lines += wrapped(line, width, DETAIL_INDENT + 2, " " * DETAIL_INDENT)
    return laid_out("\n".join(lines))


def legend(width: int) -> Text:
    """What the "(illustrative)" mark means, after a blank line: said once under what it marks."""
    return laid_out("\n" + "\n".join(wrapped(amounts.legend(), width, DETAIL_INDENT, first="  ")), "dim")


def laid_out(text: str = "", style: str = "") -> Text:
    """Text already wrapped to the width here: rich draws it as it is, and a word longer than
    the width (a long path) runs past the edge rather than being cut in two."""
    return Text(text, style=style, no_wrap=True, overflow="ignore")


Piece = tuple[str, str, bool]  # text, style, and whether it is kept whole (a path, `path:line:column`)


# A word and the spaces before it: broken at ASCII white space only, so that a no-break space
# (French `` :``) keeps its word with the one before it.
WORDS = re.compile(r"([ \t\n]*)([^ \t\n]+)")


def flowed(pieces: Sequence[Piece], width: int, indent: int) -> Text:
    """Styled pieces on one line where they fit, else wrapped at spaces with the lines after the
    first indented by ``indent``. A piece kept whole is never broken, even where it holds a
    space; the spaces between words are kept where they are not at a line's end, so that what
    fits reads as it is written."""
    words: list[tuple[str, str, str]] = []  # the space before a word, the word, its style
    space = ""
    for text, style, whole in pieces:
        found = [(m.group(1), m.group(2)) for m in WORDS.finditer(text)]
        if whole and found:
            found = [(found[0][0], text.strip())]
        for before, word in found:
            words.append((space + before, word, style))
            space = ""
        space += text[len(text.rstrip(" \t\n")) :] if found else text
    if not words:
        return laid_out()
    line = laid_out(words[0][0])
    used = len(words[0][0])
    for index, (before, word, style) in enumerate(words):
        gap = before if index else ""
        if index and used + len(gap) + len(word) > width:
            line.append("\n" + " " * indent)
            used, gap = indent, ""
        line.append(gap)
        line.append(word, style=style)
        used += len(gap) + len(word)
    return line


def located(diagnostic: Diagnostic | str, style: str, width: int, indent: int) -> Text:
    """A diagnostic (or its text) at ``indent``, wrapped under itself, its ``path:line:column:``
    whole even where the path holds a space."""
    text = shown(diagnostic)
    where = LOCATED.match(text)
    lead, rest = (where.group(), text[where.end() :]) if where else ("", text)
    return flowed([(" " * indent + lead, style, True), (rest, style, False)], width, indent + 2)


LOCATED = re.compile(r"^.*?:\d+:\d+:")  # the `path:line:column:` a diagnostic starts with


# The labels of a unit's header, in a column as wide as the longest in the language in use.
HEADER_LABELS = {"unit": N_("Unit"), "type": N_("Type"), "standard": N_("Standard"), "verdict": N_("Verdict")}


def header_labels() -> tuple[dict[str, str], int]:
    """Each header label padded to the label column, and the indent of the values after it."""
    labels = {key: _(label) for key, label in HEADER_LABELS.items()}
    column = max(len(label) for label in labels.values()) + 1
    return {key: "  " + label.ljust(column) for key, label in labels.items()}, 2 + column


def _header(result: Result, as_of: str, width: int) -> Text:
    unit = result.unit or {}
    text = laid_out()
    text.append(f"{shown(result.path)}\n", style="bold")
    labels, indent = header_labels()
    lines = []
    if unit:
        name = f" {shown(unit['name'])}" if unit.get("name") else ""
        lines.append(f"{labels['unit']}{shown(unit.get('id', '?'))}{name} ({shown(unit.get('country', '?'))})")
        kind = _titled(result, "type")
        typed = _("{type}, mission {mission}").format(type=kind, mission=_titled(result, "mission"))
        lines.append(labels["type"] + (typed if unit.get("mission") else kind))
    if result.standard is not None:
        standard = result.standard
        chain = f" [{shown(' > '.join(standard.chain))}]" if len(standard.chain) > 1 else ""
        named = _("{standard}, as of {date}").format(
            standard=f"{shown(standard.id)} {shown(standard.version)}{chain}", date=as_of
        )
        lines.append(labels["standard"] + named)
    for line in lines:
        text.append("".join(part + "\n" for part in hanging(line, width, indent)))
    text.append(labels["verdict"])
    text.append(words.verdict(result.verdict).upper(), style=VERDICT_STYLE[result.verdict])
    return text


def _titled(result: Result, key: str) -> str:
    """The unit's type or mission as ``Title (code)``, or the bare code without a title."""
    code = shown((result.unit or {}).get(key, "?"))
    title = result.unit_titles.get(key)
    return f"{shown(title)} ({code})" if title else code


def _worst_first(finding: Finding) -> tuple[bool, int, int, str]:
    """Open gaps first, the most severe first; then waived, then met."""
    return not finding.failing, -finding.severity.rank, STATUS_ORDER[finding.status], finding.requirement


DETAIL_INDENT = 4  # a finding's lines under its requirement


def _findings(findings: list[Finding], width: int, markers: Mapping[str, str] | None = None) -> Text:
    """Each finding stacked, so that it fits any width: its requirement, severity and title on
    one line (the title wrapped under itself), then what was found, the amounts required,
    declared and short, and its ``path:line`` whole on a line of its own."""
    ids = max(len(shown(f.requirement)) for f in findings)
    severities = max(len(words.severity(f.severity)) for f in findings)
    text = laid_out()
    for finding in findings:
        text.append("\n\n" if text else "\n")
        severity = words.severity(finding.severity)
        cells = ((shown(finding.requirement), ids, "bold"), (severity, severities, SEVERITY_STYLE[finding.severity]))
        text.append(headed(cells, shown(finding.title), width))
        text.append("\n" + "\n".join(wrapped(shown(finding.message), width, DETAIL_INDENT)), style="dim")
        for line in gap_lines(finding):
            text.append(detail(line, width))
        marker = (markers or {}).get(finding.requirement)
        if marker is not None:
            text.append(detail(marker, width), style="bold")
        text.append("\n" + " " * DETAIL_INDENT)
        text.append(f"{shown(finding.location.path)}:{finding.location.line}", style="dim cyan")
        for related in verification.unnamed_related(finding):  # the MOU line it is verified against
            where = related.location
            text.append("\n")
            text.append(
                flowed(
                    [
                        (" " * DETAIL_INDENT + _("{note}:").format(note=shown(related.note)), "dim", False),
                        (f" {shown(where.path)}:{where.line}:{where.column}", "dim cyan", True),
                    ],
                    width,
                    DETAIL_INDENT + 2,
                )
            )
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


def gap_lines(finding: Finding) -> list[str]:
    """The amounts of each gap of a finding, labelled, and what its status makes of them."""
    lines = []
    for gap, label in zip(finding.gaps, amounts.gap_labels(finding), strict=True):
        fields = (
            (N_("required {amount}"), shown(amounts.required(gap, finding))),
            (N_("declared {amount}"), shown(amounts.amount(gap.declared))),
            (N_("short {amount}"), shown(amounts.short(gap, finding.titles))),
        )
        amounts_of = ", ".join(_(field).format(amount=value) for field, value in fields if value)
        lines.append(_("{label}: {amounts}").format(label=shown(label), amounts=amounts_of) if label else amounts_of)
    if finding.status is Status.NO_EVIDENCE:
        return [words.status(Status.NO_EVIDENCE)]
    if finding.status is Status.WAIVED:
        waived = words.status(Status.WAIVED)
        return [_("{waived}: {amounts}").format(waived=waived, amounts=line) for line in lines] or [waived]
    if finding.status is Status.MET:
        return [words.status(Status.MET)]
    return [line for line in lines if line]


def _category_counts(result: Result, width: int) -> Text:
    by_category: dict[str, Counter[str]] = {}
    for finding in result.findings:
        by_category.setdefault(finding.category.value, Counter())[finding.status.value] += 1
    entries = []
    for category in sorted(by_category, key=words.category):  # in the reader's alphabetical order
        counts = by_category[category]
        not_met = counts["shortfall"] + counts["no-evidence"]
        outside = counts["not-applicable"]  # not yet or no longer in force: not among those to meet
        applicable = sum(counts.values()) - outside
        parts = (
            [_("{met}/{applicable} met").format(met=number(counts["met"]), applicable=number(applicable))]
            if applicable
            else []
        )
        parts += [ngettext("{count} open", "{count} open", not_met).format(count=number(not_met))] if not_met else []
        parts += [_("{count} not applicable").format(count=number(outside))] if outside else []
        entries.append(f"{words.category(category)} {', '.join(parts)}")
    line = _("By category: {categories}").format(categories=_("; ").join(entries))
    return laid_out("\n".join(wrapped(line, width, DETAIL_INDENT, first="  ")))


def _summary(result: Result, width: int) -> Text:
    if result.verdict is Verdict.INVALID:
        errors = len(result.errors)
        said = ngettext(
            "{count} error(s): the declaration could not be checked",
            "{count} error(s): the declaration could not be checked",
            errors,
        )
        return Text("  " + said.format(count=number(errors)), style="magenta")
    counts = result.counts()
    parts = [
        counted.statuses(counts[s.value], s) for s in Status if counts[s.value] or s in (Status.MET, Status.SHORTFALL)
    ]
    total = len(result.findings)
    said = ngettext("{count} requirements: {counts} ->", "{count} requirements: {counts} ->", total)
    lines = wrapped(said.format(count=number(total), counts=", ".join(parts)), width, DETAIL_INDENT, "  ")
    verdict = words.verdict(result.verdict)
    text = laid_out("\n".join(lines))
    text.append(" " if len(lines[-1]) + 1 + len(verdict) <= width else "\n" + " " * DETAIL_INDENT)
    text.append(verdict, style=VERDICT_STYLE[result.verdict])
    return text


def _batch_summary(report: Report, width: int) -> Text:
    verdicts = Counter(result.verdict for result in report.results)
    # Each count is coloured by its verdict: the sentence is cut where the counts go.
    total = len(report.results)
    said = ngettext("{count} declarations: {verdicts}", "{count} declarations: {verdicts}", total)
    before, _between, after = said.format(count=number(total), verdicts="\0").partition("\0")
    pieces: list[Piece] = [(before, "", False)]
    for index, verdict in enumerate(Verdict):
        style = VERDICT_STYLE[verdict] if verdicts[verdict] else ""
        pieces += [(", " if index else "", "", False), (counted.verdicts(verdicts[verdict], verdict), style, True)]
    return flowed([*pieces, (after, "", False)], width, 0)


COUNTED = ("critical", "major", "minor")


PORTFOLIO_HEADERS = (N_("Country"), N_("Unit"), N_("Type"), N_("Standard"), N_("Verdict"), *COUNTED, N_("File"))
TYPE = PORTFOLIO_HEADERS.index("Type")
STANDARD = PORTFOLIO_HEADERS.index("Standard")
VERDICT = PORTFOLIO_HEADERS.index("Verdict")
FILE = PORTFOLIO_HEADERS.index("File")
# The columns that go on lines of their own under each row, fewest first, where the row is too
# wide (the type last: French verdicts are long, and a French table at 80 columns needs it).
MOVED_BELOW = ((), (FILE,), (FILE, STANDARD), (FILE, STANDARD, TYPE))
# How a column moved under its row is named there (the file needs no name).
BELOW_NAMES = {STANDARD: N_("standard {standard}"), TYPE: N_("type {type}")}


def portfolio_headers() -> tuple[str, ...]:
    """The portfolio table's headers in the language in use."""
    return tuple(
        words.severity(header).capitalize() if header in COUNTED else _(header) for header in PORTFOLIO_HEADERS
    )


GAPS = ("   ", "  ")  # between columns: the wider where the table fits with it
BELOW = " · "  # between a row's file and its standard on the line under it


WARNINGS_AT_ONCE = 100


def _portfolio(console: Console, report: Report, width: int) -> None:
    """One line per unit, worst first (the files that could not be checked first, each with its
    errors under it), in aligned columns (a large portfolio can be searched with grep); then
    the warnings. Drawn line by line: rich's table measures every cell, which takes seconds
    for a thousand units."""
    rows = []
    for result in report.results:
        counts = result.open_counts()
        rows.append((worst_unit_first(result, counts), result, counts))
    rows.sort(key=lambda row: row[0])
    units = [(result, counts) for _, result, counts in rows]
    _print_laid_out(console, _portfolio_table(units, day(report.as_of), width))
    console.print()
    # Printed a block at a time: a portfolio's thousands of warnings took ten times as long
    # printed one by one, and all at once rich held every line's layout in memory together.
    warnings = [warning for _, result, _ in rows for warning in result.warnings]
    for start in range(0, len(warnings), WARNINGS_AT_ONCE):
        block = warnings[start : start + WARNINGS_AT_ONCE]
        console.print(Text("\n").join(diagnostic_line(warning, "yellow") for warning in block), crop=False)
    tip = _("Each unit's findings: pkcheck check FILE, or this command with --details.")
    console.print(laid_out("\n".join(wrapped(tip, width)), style="dim"))


def _print_laid_out(console: Console, text: Text) -> None:
    """Text laid out already (never wrapped or cut, and holding no tab or control character:
    values are ``shown``), as rich prints it. Without colour that is the text itself, written
    as it is: rich took a third of the report's time for a thousand units to find that."""
    if console.color_system is None:
        console.file.write(text.plain + "\n")
    else:
        console.print(text, crop=False, soft_wrap=True)


def _portfolio_table(units: list[tuple[Result, dict[str, int]]], as_of: str, width: int) -> Text:
    """The aligned table of the units. Where it is wider than ``width``, the columns close up,
    and then each unit's file, and then its standard too, go under the unit's row (on one line
    where they fit), so that nothing is cut and no row is folded."""
    cells = [_portfolio_cells(result, counts) for result, counts in units]
    names = portfolio_headers()
    columns = [max(len(header), *(len(row[i]) for row in cells)) for i, header in enumerate(names)]
    layouts = [([i for i in range(len(names)) if i not in below], below, gap) for below in MOVED_BELOW for gap in GAPS]
    shown_columns, below, gap = next(
        (layout for layout in layouts if _table_width(columns, layout[0], layout[2]) <= width), layouts[-1]
    )
    widths = [columns[i] for i in shown_columns]
    table = laid_out(_("Portfolio as of {date}").format(date=as_of) + "\n")
    headers = tuple(names[i] for i in shown_columns)
    table.append(_aligned(headers, widths, gap).rstrip() + "\n", style="bold")
    table.append("─" * _table_width(columns, shown_columns, gap))
    verdict_at = shown_columns.index(VERDICT)
    indent = columns[0] + len(gap)  # under the unit id
    for (result, _counts), row in zip(units, cells, strict=True):
        picked = tuple(row[i] for i in shown_columns)
        table.append("\n" + _aligned(picked[:verdict_at], widths[:verdict_at], gap) + gap)
        table.append(picked[verdict_at], style=VERDICT_STYLE[result.verdict])
        counts_end = verdict_at + 1 + len(COUNTED)
        rest = _aligned(picked[verdict_at + 1 : counts_end], widths[verdict_at + 1 : counts_end], gap, right=True)
        rest += "".join(gap + cell for cell in picked[counts_end:])  # the file, where the row has it
        table.append((" " * (widths[verdict_at] - len(picked[verdict_at])) + gap + rest).rstrip())
        if result.verdict is Verdict.INVALID:  # its errors name the file
            for error in result.errors:
                table.append("\n")
                table.append(located(error, "red", width, indent))
            continue
        for lead, rest in _below(row, below, width - indent):
            table.append("\n")
            table.append(flowed([(" " * indent + lead, "dim", True), (rest, "dim", False)], width, indent + 2))
    return table


def _below(row: tuple[str, ...], below: tuple[int, ...], room: int) -> list[tuple[str, str]]:
    """The columns moved under a row, each as its lead (kept whole) and the rest of its text,
    together on a line where they fit in ``room``, separated by ``BELOW``."""
    parts = []
    for i in below:
        if i == FILE:
            parts.append((row[FILE], ""))
        else:
            name = _(BELOW_NAMES[i]).format(standard=row[i], type=row[i])
            lead, space, rest = name.partition(" ")
            parts.append((lead, space + rest))
    lines = parts[:1]
    for lead, rest in parts[1:]:
        joined = lines[-1][0] + lines[-1][1] + BELOW + lead
        if len(joined + rest) <= room:
            lines[-1] = (joined, rest)
        else:
            lines.append((lead, rest))
    return lines


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
        words.verdict(result.verdict),
    )
    checked = result.verdict is not Verdict.INVALID  # nothing was counted in a file not checked
    return (*fixed, *(number(counts[name]) if checked else "-" for name in COUNTED), shown(result.path))


def _aligned(cells: tuple[str, ...], widths: list[int], gap: str, right: bool = False) -> str:
    return gap.join(
        cell.rjust(width) if right else cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
    )


def _by_country(report: Report) -> Table:
    by_country: dict[str, Counter[Verdict]] = {}
    for result in report.results:
        by_country.setdefault(str((result.unit or {}).get("country", "-")), Counter())[result.verdict] += 1
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(_("Country"), no_wrap=True)
    table.add_column(_("Units"), justify="right")
    for verdict in Verdict:
        table.add_column(words.verdict(verdict).capitalize(), justify="right")

    def worst(item: tuple[str, Counter[Verdict]]) -> tuple[int, int, int, str]:
        country, counts = item
        return -counts[Verdict.INVALID], -counts[Verdict.NOT_READY], -counts[Verdict.CONDITIONAL], country

    for country, counts in sorted(by_country.items(), key=worst):
        table.add_row(shown(country), number(sum(counts.values())), *(number(counts[v]) for v in Verdict))
    return table


def _women_by_country(console: Console, report: Report, width: int) -> None:
    """Each country's share of women against the target its units were judged against."""
    lines = parity.country_shares(report)
    if not lines:
        return
    console.print()
    console.print(laid_out("\n".join(wrapped(parity.heading(), width))))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for index, name in enumerate(parity.columns()):
        table.add_column(name, no_wrap=True, justify="left" if index < 2 else "right")
    for line in lines:
        table.add_row(*(shown(value) for value in parity.cells(line)))
    console.print(table, crop=False)
    undeclared = sum(line.undeclared for line in lines)
    if undeclared:
        console.print(laid_out("\n".join(wrapped(parity.undeclared_text(undeclared), width)), style="dim"))
