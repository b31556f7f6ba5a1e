"""The MOU verification table of a unit, as plain lines the human formats share: which MOU
(amendment) applied, each Annex B line (MOU quantity, present, serviceable of those required,
the shortfall in items, the lease) and the totals by COE category.

Laid out to a width: the columns are aligned, and where a row is wider than the width, the item
goes on a line of its own under its row, so that nothing is cut or folded.
"""

from __future__ import annotations

from collections.abc import Sequence

from pkcheck.escapes import shown
from pkcheck.formats.lines import wrapped
from pkcheck.report import AppliedMou, Status, VerifiedLine

HEADERS = ("Line", "Item", "MOU", "Present", "Serviceable", "Short", "Lease")
TOTAL_HEADERS = ("COE category", "Lines", "MOU", "Present", "Serviceable", "Short")
INDENT = "  "
GAP = "  "
NUMERIC = frozenset({"MOU", "Present", "Serviceable", "Lines"})  # right-aligned; `Short` may say waived
NOT_KNOWN = "-"  # a line without evidence: the declaration gives no equipment


def heading(mou: AppliedMou, width: int) -> list[str]:
    """Which MOU and amendment, with the serviceability standard the lines were held to."""
    first = f"MOU {shown(mou.id)}, effective {mou.effective.isoformat()}: {shown(mou.reference)} ({shown(mou.path)})"
    ratio = f"{float(mou.serviceability * 100):g}%"
    rule = (
        f"Serviceable: declared serviceable / required ({ratio} of the line's quantity, rounded up); "
        "Short: serviceable items to add or repair to meet the line."
    )
    return [*wrapped(first, width, 4, first=INDENT), *wrapped(rule, width, 4, first=INDENT)]


def line_cells(line: VerifiedLine) -> tuple[str, ...]:
    known = line.status is not Status.NO_EVIDENCE
    short = str(line.shortfall) if known else NOT_KNOWN
    if line.status is Status.WAIVED:
        short += " waived"
    return (
        shown(line.line),
        shown(line.item),
        str(line.quantity),
        str(line.present) if known else NOT_KNOWN,
        f"{line.serviceable}/{line.required_serviceable}" if known else f"{NOT_KNOWN}/{line.required_serviceable}",
        short,
        line.lease,
    )


def totals(mou: AppliedMou) -> list[tuple[str, ...]]:
    """A row per COE category (an item without one is its own row, under its code), in order of
    first appearance: lines, MOU quantity, present, serviceable of required, shortfall."""
    groups: dict[str, list[VerifiedLine]] = {}
    for line in mou.lines:
        groups.setdefault(line.coe_category or line.item, []).append(line)
    rows: list[tuple[str, ...]] = []
    for name, lines in groups.items():
        rows.append(
            (
                shown(name),
                str(len(lines)),
                str(sum(line.quantity for line in lines)),
                str(sum(line.present for line in lines)),
                f"{sum(line.serviceable for line in lines)}/{sum(line.required_serviceable for line in lines)}",
                str(sum(line.shortfall for line in lines)),
            )
        )
    return rows


def table(headers: Sequence[str], rows: Sequence[tuple[str, ...]], width: int, movable: int | None = None) -> list[str]:
    """Aligned columns, numbers to the right; where a row is wider than ``width``, column
    ``movable`` goes on a line of its own under the row."""
    columns = [max(len(header), *(len(row[i]) for row in rows)) for i, header in enumerate(headers)]
    right = frozenset(i for i, header in enumerate(headers) if header in NUMERIC)
    kept = list(range(len(headers)))
    if movable is not None and len(INDENT) + sum(columns) + len(GAP) * (len(columns) - 1) > width:
        kept.remove(movable)
    found = [_aligned(headers, columns, kept, frozenset())]
    for row in rows:
        found.append(_aligned(row, columns, kept, right))
        if movable is not None and movable not in kept:
            found.append(INDENT * 2 + row[movable])
    return found


def _aligned(cells: Sequence[str], columns: Sequence[int], kept: Sequence[int], right: frozenset[int]) -> str:
    parts = [cells[i].rjust(columns[i]) if i in right else cells[i].ljust(columns[i]) for i in kept]
    return (INDENT + GAP.join(parts)).rstrip()


def lines(mou: AppliedMou, width: int) -> list[str]:
    """The whole verification section."""
    found = heading(mou, width)
    if not mou.lines:
        return [*found, INDENT + "Annex B lists no major equipment."]
    found += table(HEADERS, [line_cells(line) for line in mou.lines], width, movable=1)
    found += ["", *table(TOTAL_HEADERS, totals(mou), width, movable=0)]
    return found
