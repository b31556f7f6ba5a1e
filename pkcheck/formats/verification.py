"""A unit's MOU verification as the report formats share it: which MOU (amendment) applied,
each Annex B line (MOU quantity, present, serviceable of those required, the shortfall in
items, the lease), the totals by COE category, and which kind of MOU line a finding verifies.

The rows are worked out here once, as plain text from the files: each format escapes them for
its own syntax (``shown`` for a terminal, Markdown cells, HTML). ``lines`` lays them out for the
text report, to a width: the columns are aligned, and where a row is wider than the width, the
item goes on a line of its own under its row, so that nothing is cut or folded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Literal

from pkcheck import words
from pkcheck.escapes import shown
from pkcheck.formats.lines import wrapped
from pkcheck.i18n import N_, _, day, number
from pkcheck.library.mou_ids import ANNEX_B, KIND
from pkcheck.report import AppliedMou, Finding, RelatedLocation, Status, VerifiedLine

# The headers in English, as the code knows them; ``headers`` gives them in the language in use.
HEADERS = (N_("Line"), N_("Item"), N_("MOU"), N_("Present"), N_("Serviceable"), N_("Short"), N_("Lease"))
TOTAL_HEADERS = (N_("COE category"), N_("Lines"), N_("MOU"), N_("Present"), N_("Serviceable"), N_("Short"))
INDENT = "  "
GAP = "  "
NUMERIC = frozenset({"MOU", "Present", "Serviceable", "Lines"})  # right-aligned; `Short` may say waived
NOT_KNOWN = "-"  # a line without evidence: the declaration gives no equipment
NO_LINES = N_("Annex B lists no major equipment.")


def headers(english: Sequence[str]) -> tuple[str, ...]:
    """A table's headers in the language in use."""
    return tuple(_(header) for header in english)


def numeric(english: Sequence[str]) -> list[bool]:
    """Which columns of a table (its headers in English) hold numbers, right-aligned."""
    return [header in NUMERIC for header in english]


def no_lines() -> str:
    return _(NO_LINES)


Annex = Literal["B", "C"]


def annex(finding: Finding) -> Annex | None:
    """Which kind of MOU line a finding verifies: an Annex B line of major equipment, an Annex C
    self-sustainment category; None for a requirement of a standard. Told by the finding's
    message, not its id: an Annex B line may be called `C-001`."""
    if finding.check_kind != KIND:
        return None
    return "B" if finding.message_id.startswith("mou.line.") else "C"


def verified_line(mou: AppliedMou | None, finding: Finding) -> VerifiedLine | None:
    """The Annex B line an MOU finding verifies, as verified."""
    if mou is None or annex(finding) != "B":
        return None
    return next((line for line in mou.lines if ANNEX_B + line.line == finding.requirement), None)


def unnamed_related(finding: Finding) -> list[RelatedLocation]:
    """A finding's other places (the MOU line it verifies) that its message does not name."""
    return [related for related in finding.related if str(related.location) not in finding.message]


def related_text(related: RelatedLocation) -> str:
    return _("{note}: {location}").format(note=related.note, location=related.location)


def applied(
    mou: AppliedMou,
    text: Callable[[str], str] = str,
    path: Callable[[str], str] | None = None,
    date: Callable[[dt.date], str] = day,
) -> str:
    """Which MOU and amendment applied, and its file: the values from the MOU escaped by
    ``text``, and its file by ``path`` (by ``text`` without it), for the format's syntax; its
    date as people read it, or as ``date`` writes it (ISO in a machine format's attribute)."""
    file = (path or text)(mou.path)
    return _("MOU {id}, effective {date}: {reference} ({file})").format(
        id=text(mou.id), date=date(mou.effective), reference=text(mou.reference), file=file
    )


def rule(mou: AppliedMou) -> str:
    """How the table's numbers are counted, with the serviceability standard the lines were held to."""
    ratio = _("{percent}%").format(percent=number(float(mou.serviceability * 100)))
    return _(
        "Serviceable: declared serviceable / required ({ratio} of the line's quantity, rounded up); "
        "Short: serviceable items to add or repair to meet the line."
    ).format(ratio=ratio)


def line_cells(line: VerifiedLine) -> tuple[str, ...]:
    """A row of the table, in the order of ``HEADERS``."""
    known = line.status is not Status.NO_EVIDENCE
    short = number(line.shortfall) if known else NOT_KNOWN
    if line.status is Status.WAIVED:
        short += " " + words.status(Status.WAIVED)
    required = number(line.required_serviceable)
    return (
        line.line,
        line.item,
        number(line.quantity),
        number(line.present) if known else NOT_KNOWN,
        f"{number(line.serviceable)}/{required}" if known else f"{NOT_KNOWN}/{required}",
        short,
        words.lease(line.lease),
    )


def line_summary(line: VerifiedLine) -> str:
    """A row of the table in a sentence, each number named: for a line of text of its own."""
    return ", ".join(f"{header} {cell}" for header, cell in zip(headers(HEADERS), line_cells(line), strict=True))


SERVICEABLE = ("serviceable", "required_serviceable")  # serviceable of required


def totals(mou: AppliedMou) -> list[tuple[str, ...]]:
    """A row per COE category (an item without one is its own row, under its code), in order of
    first appearance, in the order of ``TOTAL_HEADERS``: lines, MOU quantity, present,
    serviceable of required, shortfall."""
    groups: dict[str, list[VerifiedLine]] = {}
    for line in mou.lines:
        groups.setdefault(line.coe_category or line.item, []).append(line)
    rows: list[tuple[str, ...]] = []
    for name, lines in groups.items():
        rows.append(
            (
                name,
                number(len(lines)),
                number(sum(line.quantity for line in lines)),
                number(sum(line.present for line in lines)),
                "/".join(number(sum(getattr(line, key) for line in lines)) for key in SERVICEABLE),
                number(sum(line.shortfall for line in lines)),
            )
        )
    return rows


def table(english: Sequence[str], rows: Sequence[tuple[str, ...]], width: int, movable: int | None = None) -> list[str]:
    """Aligned columns under ``english`` headers in the language in use, numbers to the right;
    where a row is wider than ``width``, column ``movable`` goes on a line of its own under the
    row. Cells are shown escaped."""
    rows = [tuple(shown(cell) for cell in row) for row in rows]
    named = headers(english)
    columns = [max(len(header), *(len(row[i]) for row in rows)) for i, header in enumerate(named)]
    right = frozenset(i for i, header in enumerate(english) if header in NUMERIC)
    kept = list(range(len(named)))
    if movable is not None and len(INDENT) + sum(columns) + len(GAP) * (len(columns) - 1) > width:
        kept.remove(movable)
    found = [_aligned(named, columns, kept, frozenset())]
    for row in rows:
        found.append(_aligned(row, columns, kept, right))
        if movable is not None and movable not in kept:
            found.append(INDENT * 2 + row[movable])
    return found


def _aligned(cells: Sequence[str], columns: Sequence[int], kept: Sequence[int], right: frozenset[int]) -> str:
    parts = [cells[i].rjust(columns[i]) if i in right else cells[i].ljust(columns[i]) for i in kept]
    return (INDENT + GAP.join(parts)).rstrip()


def lines(mou: AppliedMou, width: int) -> list[str]:
    """The whole verification section of the text report."""
    found = [*wrapped(applied(mou, shown), width, 4, first=INDENT), *wrapped(rule(mou), width, 4, first=INDENT)]
    if not mou.lines:
        return [*found, INDENT + no_lines()]
    found += table(HEADERS, [line_cells(line) for line in mou.lines], width, movable=1)
    found += ["", *table(TOTAL_HEADERS, totals(mou), width, movable=0)]
    return found
