"""``pkcheck gaps --format csv``: the register flat, one row per line per unit, for a spreadsheet.

RFC 4180 (comma-separated, CRLF line ends, fields quoted where needed), UTF-8, with a header
row. Units that give no evidence for a requirement are rows of kind ``evidence-missing`` (the
requirement in ``what``, no amounts). A text cell that a spreadsheet would read as a formula
(one starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with
``'`` so that opening the file never runs anything.
"""

from __future__ import annotations

import csv
import io

from pkcheck.gaps import Register, amount_text

HEADER = (
    "category", "kind", "what", "title", "coe_category", "measure", "line_total", "line_units", "line_severity",
    "country", "unit", "declaration", "short", "severity", "requirements",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(register: Register) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows(register):
        writer.writerow([safe(cell) for cell in row])
    return buffer.getvalue()


def rows(register: Register) -> list[list[str]]:
    found = []
    for line in register.lines:
        head = [
            line.category.value, line.kind, line.what, line.title or "", line.coe_category or "", line.measure,
            amount_text(line.total), str(len(line.units)), line.severity.value,
        ]
        for share in line.units:
            found.append(head + [
                share.country, share.unit_id, share.declaration, amount_text(share.amount), share.severity.value,
                " ".join(share.requirements),
            ])
    for entry in register.evidence_missing:
        head = [entry.category.value, "evidence-missing", entry.requirement, entry.title, "", "", "", str(len(entry.units)), entry.severity.value]
        for unit in entry.units:
            found.append(head + [unit.country, unit.unit_id, unit.declaration, "", entry.severity.value, entry.requirement])
    return found


def safe(cell: str) -> str:
    """The cell as text a spreadsheet shows as written."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell
