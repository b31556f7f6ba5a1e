"""``--format markdown``: a report for a pull-request comment or a memo.

A summary table with one row per declaration (unit, country, type, standard, verdict, the
number of open findings by severity and the file), then for each declaration that is not ready, a table of
its open findings, most severe first, with the quantities required, declared and short, and
where in the file; then what is waived. A unit verified against its MOU (ready or not) has, after
its findings, the MOU's verification: which MOU and amendment applied, a row per Annex B line
(MOU quantity, present, serviceable of those required, shortfall, lease) and the totals by COE
category, as the text report shows them (``pkcheck.formats.verification``).

Text from files is data here too (``cell`` and ``code``, also used by the other Markdown
formats): control characters are shown escaped, so a table never breaks, and the characters that
make Markdown markup are escaped, so a value cannot become raw HTML (``<script>``), an image
(``![x](http://...)``), a link, emphasis or a cell of its own; an @mention is written as code,
which GitHub does not notify. File names and locations are code spans.
"""

from __future__ import annotations

import re
from collections import Counter

from pkcheck import words
from pkcheck.analyses import parity
from pkcheck.enums import Severity
from pkcheck.escapes import inert, shown
from pkcheck.formats import amounts, counted, since, verification
from pkcheck.formats.amounts import amount, shortfalls
from pkcheck.i18n import _, day, ngettext, number
from pkcheck.report import AppliedMou, BaselineComparison, Finding, Report, Result, Status, Verdict

SEVERITIES = sorted(Severity, key=lambda s: -s.rank)


def verdict_label(verdict: Verdict) -> str:
    """The verdict as the report writes it: in bold unless the unit is ready."""
    word = words.verdict(verdict)
    return word if verdict is Verdict.READY else f"**{word}**"


def render(report: Report) -> str:
    lines = [_("# Deployment readiness report"), "", _headline(report), ""]
    lines += _summary_table(report)
    lines += _women_by_country(report)
    if report.baseline is not None:
        lines += _baseline(report.baseline)
    for result in report.results:
        lines += _details(result, report.baseline)
    if report.warnings:
        lines += ["", _("## Warnings"), ""] + [_item(code(w.location), cell(w.message)) for w in report.warnings]
    return inert("\n".join(lines) + "\n")


def _headline(report: Report) -> str:
    verdicts = Counter(result.verdict for result in report.results)
    total = len(report.results)
    said = ngettext(
        "As of {date}, pkcheck {version}: {count} declaration(s): {verdicts}.",
        "As of {date}, pkcheck {version}: {count} declaration(s): {verdicts}.",
        total,
    )
    return said.format(
        date=day(report.as_of),
        version=report.tool_version,
        count=number(total),
        verdicts=counted.verdict_list(verdicts),
    )


def _item(lead: str, text: str) -> str:
    """A list item: what it is about, then what is said of it."""
    return "- " + _("{lead}: {text}").format(lead=lead, text=text)


def _summary_table(report: Report) -> list[str]:
    header = [
        _("Unit"),
        _("Country"),
        _("Type"),
        _("Standard"),
        _("Verdict"),
        *(words.severity(s).capitalize() for s in SEVERITIES),
        _("File"),
    ]
    rows = [_row(header), _row(["---"] * len(header))]
    for result in report.results:
        unit = result.unit or {}
        standard = f"{result.standard.id} {result.standard.version}" if result.standard else "-"
        open_by = Counter(f.severity for f in result.findings if f.failing)
        checked = result.verdict is not Verdict.INVALID  # nothing was counted in a file not checked
        rows.append(
            _row(
                [
                    code(unit["id"], table=True) if "id" in unit else "-",  # the file is named in its column
                    cell(unit.get("country", "-")),
                    cell(unit.get("type", "-")),
                    cell(standard),
                    verdict_label(result.verdict),
                    *(number(open_by[s]) if checked else "-" for s in SEVERITIES),
                    code(result.path, table=True),
                ]
            )
        )
    return rows


def _women_by_country(report: Report) -> list[str]:
    """A portfolio's share of women by country against its units' target (``pkcheck.analyses.parity``)."""
    shares = parity.country_shares(report) if len(report.results) > 1 else ()
    if not shares:
        return []
    lines = ["", _("## Women by country"), "", cell(parity.heading()), ""]
    lines += [_row(list(parity.columns())), _row(["---"] * len(parity.COLUMNS))]
    lines += [_row([cell(value) for value in parity.cells(line)]) for line in shares]
    undeclared = sum(line.undeclared for line in shares)
    return lines + (["", parity.undeclared_text(undeclared)] if undeclared else [])


def _baseline(comparison: BaselineComparison) -> list[str]:
    """The report against its baseline: the counts of each state, the notes, the units gone."""
    lines = ["", cell(since.summary(comparison))]
    lines += ["", *(cell(note) for note in since.notes(comparison))] if comparison.notes else []
    heading = since.gone_heading(comparison)
    if heading is not None:
        lines += ["", heading, ""] + [_item(cell(u), cell(t)) for u, t in map(since.gone_item, comparison.gone)]
    return lines


def _details(result: Result, comparison: BaselineComparison | None = None) -> list[str]:
    open_findings = sorted((f for f in result.findings if f.failing), key=lambda f: (-f.severity.rank, f.requirement))
    waived = [f for f in result.findings if f.status is Status.WAIVED]
    outside = [f for f in result.findings if f.status is Status.NOT_APPLICABLE]
    change = since.change(comparison, result)
    if not (open_findings or waived or outside or result.errors or result.mou or change):
        return []
    unit = result.unit or {}
    title = f"{unit.get('id', result.path)}" + (f" ({unit['name']})" if unit.get("name") else "")
    lines = [
        "",
        "## " + _("{unit}: {verdict}").format(unit=cell(title), verdict=verdict_label(result.verdict)),
        "",
        _("File {path}.").format(path=code(result.path)),
    ]
    if change is not None:
        lines += ["", cell(since.verdict_change(change))]
    if result.errors:
        lines += ["", _("The declaration could not be checked:"), ""] + [
            _item(code(e.location), cell(e.message)) for e in result.errors
        ]
    if open_findings:
        lines += ["", _row(amounts.finding_headers())]
        lines.append(_row(["---"] * 7))
        lines += [_finding_row(f, since.state(comparison, result, f)) for f in open_findings]
    if amounts.marked(open_findings):
        lines += ["", cell(amounts.legend())]
    if waived:
        lines += ["", _("Waived:"), ""] + [
            _item(f"{cell(f.requirement)} {cell(f.title)}", cell(f.waiver.reason if f.waiver else f.message))
            for f in waived
        ]
    if outside:
        lines += ["", _("Not applicable on the reference date:"), ""] + [
            _item(f"{cell(f.requirement)} {cell(f.title)}", cell(f.message)) for f in outside
        ]
    if change is not None and change.closed:
        lines += ["", cell(since.closed_heading(change)), ""]
        lines += [_item(cell(lead), cell(said)) for lead, said in map(since.closed_item, change.closed)]
    if result.mou is not None:
        lines += _verification(result.mou)
    return lines


def _verification(mou: AppliedMou) -> list[str]:
    """The unit's MOU verification: the MOU applied, its Annex B lines and their totals."""
    lines = [
        "",
        _("### MOU verification"),
        "",
        verification.applied(mou, cell, code) + ".",
        "",
        cell(verification.rule(mou)),
    ]
    if not mou.lines:
        return [*lines, "", verification.no_lines()]
    rows = [verification.line_cells(line) for line in mou.lines]
    lines += ["", *_table(verification.HEADERS, rows)]
    lines += ["", _("Totals by COE category:"), "", *_table(verification.TOTAL_HEADERS, verification.totals(mou))]
    return lines


def _table(english: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """A table of values from files under ``english`` headers in the language in use, numbers to
    the right."""
    rule = ["---:" if right else "---" for right in verification.numeric(english)]
    return [
        _row(list(verification.headers(english))),
        _row(rule),
        *(_row([cell(value) for value in row]) for row in rows),
    ]


def _finding_row(finding: Finding, marker: str | None = None) -> str:
    gaps = finding.gaps
    required = "<br>".join(cell(amounts.required(g, finding)) for g in gaps) or "-"
    declared = "<br>".join(cell(amount(g.declared)) for g in gaps) or "-"
    short = (
        words.status(Status.NO_EVIDENCE)
        if finding.status is Status.NO_EVIDENCE
        else "<br>".join(cell(s) for s in shortfalls(finding)) or "-"
    )
    where = code(f"{finding.location.path}:{finding.location.line}", table=True)
    for related in finding.related:  # the MOU line an MOU finding verifies
        place = code(f"{related.location.path}:{related.location.line}", table=True)
        where += "<br>" + _("MOU line {place}").format(place=place)
    return _row(
        [
            words.severity(finding.severity),
            f"{cell(finding.requirement)} {cell(finding.title)}" + ("" if marker is None else f"<br>*{cell(marker)}*"),
            cell(finding.message),
            required,
            declared,
            short,
            where,
        ]
    )


# ASCII punctuation that is markup inside a line (GitHub's included): backslash escapes, code
# spans, emphasis, links and images, raw HTML and autolinks, entities, table cells,
# strikethrough and math; `_` only where it can make emphasis (not inside a word, as in
# `casevac_minutes`). Marks that only count at the start of a line are never there.
_MARKUP = re.compile(r"([\\`*\[\]<>&|~$]|(?<![^\W_])_|_(?![^\W_]))")
# An @mention as GitHub finds one: `@` not after a letter, digit or `_`, then a user or org/team.
_MENTION = re.compile(r"(?<![A-Za-z0-9_])@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9_.-]+)?")
_BACKTICKS = re.compile("`+")
_SPECIAL = re.compile(r"[\\`*_\[\]<>&|~$@]")  # nothing to do in a text without them (most text)


def cell(text: object) -> str:
    """Text from a file (or a message quoting one), as text anywhere in a line of Markdown, a
    table cell included: control characters shown escaped; its code spans (messages quote
    values in backticks) kept, with pipes escaped; elsewhere markup characters backslash-escaped
    (a backtick without its pair too) and @mentions made code."""
    value = shown(text)
    if _SPECIAL.search(value) is None:
        return value
    parts, start = [], 0
    for opening, closing in _code_spans(value):
        parts += [_plain(value[start:opening]), value[opening:closing].replace("|", "\\|")]
        start = closing
    parts.append(_plain(value[start:]))
    return "".join(parts)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where the code spans of ``text`` are, as CommonMark pairs backticks: a run of them opens a
    span that the next run of the same length closes; a run without one is literal."""
    runs = [(run.start(), run.end()) for run in _BACKTICKS.finditer(text)]
    closing: list[int | None] = [None] * len(runs)
    later: dict[int, int] = {}  # run length -> the nearest run of that length after this one
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        closing[index] = later.get(length)
        later[length] = index
    spans, index = [], 0
    while index < len(runs):
        end = closing[index]
        if end is None:
            index += 1
        else:
            spans.append((runs[index][0], runs[end][1]))
            index = end + 1
    return spans


def _plain(text: str) -> str:
    parts, start = [], 0
    for mention in _MENTION.finditer(text):
        parts += [_MARKUP.sub(r"\\\1", text[start : mention.start()]), f"`{mention.group()}`"]
        start = mention.end()
    parts.append(_MARKUP.sub(r"\\\1", text[start:]))
    return "".join(parts)


def code(text: object, *, table: bool = False) -> str:
    """Text from a file (a file name, a location) as a code span: shown escaped, fenced by more
    backticks than it holds, and padded where it starts or ends with a backtick or a space. In a
    table cell (``table``) a pipe is escaped: a table row is split at pipes before code spans."""
    body = shown(text)
    if table:
        body = body.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(body)), default=0) + 1)
    pad = " " if body[:1] in ("`", " ") or body[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
