"""``pkcheck gaps --format csv``: the register flat, one row per line per unit, for a spreadsheet.

RFC 4180 (comma-separated, CRLF line ends), UTF-8, with a header row. Units that give no
evidence for a requirement are rows of kind ``evidence-missing`` (the requirement in ``what``,
no amounts). Each country's share of women against its units' gender parity target is a row
of kind ``women-share`` (category personnel, severity advisory): ``what`` is ``women``, ``title``
gives the women, personnel, share and target, ``line_units`` the units counted and ``short`` how
many women fewer than the target asks are declared, for the country as a whole.

The last column, ``illustrative``, is ``true`` where the row's ``short`` may rest on an
illustrative threshold (a placeholder to tune to the mission's SUR or the MOU, not a figure of a
UN source; see ``pkcheck.analyses.gaps``), ``false`` where it does not; it is empty on the rows
of the two other kinds, which are not register lines: an ``evidence-missing`` row has no amount,
and a ``women-share`` row measures a country against the gender parity target its units were
judged against, whose basis ``pkcheck explain`` gives for their requirement. A line's total
may rest on one when any of its rows does.

Opening the file must never run anything (OWASP, "CSV Injection"). Every text cell is quoted,
its control characters are shown escaped, and a ``'`` is put before a ``=``, ``+``, ``-``,
``@``, tab or carriage return that would start a formula: at the start of the cell, and after a
comma or a semicolon, where a spreadsheet whose list separator is the semicolon (many European
locales) or that splits on both would start a new cell (``decls/x;=1+1;.yaml`` is written
``decls/x;'=1+1;.yaml``). The numbers pkcheck computes (``line_total``, ``line_units``,
``short``) are written bare, so that ``-3`` stays a number: they are never text from a file.
"""

from __future__ import annotations

import re

from pkcheck.analyses.gaps import Register
from pkcheck.analyses.parity import share_text, target_text
from pkcheck.escapes import inert, shown
from pkcheck.i18n import N_, _
from pkcheck.measures import plain_amount as amount_text

HEADER = (
    "category",
    "kind",
    "what",
    "title",
    "coe_category",
    "measure",
    "line_total",
    "line_units",
    "line_severity",
    "country",
    "unit",
    "declaration",
    "short",
    "severity",
    "requirements",
    "illustrative",  # last, so that the columns before it keep their places
)
NUMBERS = frozenset({"line_total", "line_units", "short"})
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?")
_FORMULA = re.compile(r"(^|[,;])([=+\-@\t\r])")


# The header row in the language in use (the columns' names, for people; the values stay codes).
HEADER_WORDS = {
    "category": N_("category"),
    "kind": N_("kind"),
    "what": N_("what"),
    "title": N_("title"),
    "coe_category": N_("coe_category"),
    "measure": N_("measure"),
    "line_total": N_("line_total"),
    "line_units": N_("line_units"),
    "line_severity": N_("line_severity"),
    "country": N_("country"),
    "unit": N_("unit"),
    "declaration": N_("declaration"),
    "short": N_("short"),
    "severity": N_("severity"),
    "requirements": N_("requirements"),
    "illustrative": N_("illustrative"),
}


def header() -> tuple[str, ...]:
    """The header row's names in the language in use."""
    return tuple(_(HEADER_WORDS[name]) for name in HEADER)


def render(register: Register) -> str:
    lines = [",".join(_quoted(safe(name)) for name in header())]
    lines += [
        ",".join(_field(column, value) for column, value in zip(HEADER, row, strict=True)) for row in rows(register)
    ]
    return inert("".join(line + "\r\n" for line in lines))


def rows(register: Register) -> list[list[str]]:
    found = []
    for line in register.lines:
        head = [
            line.category.value,
            line.kind,
            line.what,
            line.title or "",
            line.coe_category or "",
            line.measure,
            amount_text(line.total),
            str(len(line.units)),
            line.severity.value,
        ]
        for share in line.units:
            found.append(
                [
                    *head,
                    share.country,
                    share.unit_id,
                    share.declaration,
                    amount_text(share.amount),
                    share.severity.value,
                    " ".join(share.requirements),
                    _boolean(share.illustrative),
                ]
            )
    for entry in register.evidence_missing:
        head = [
            entry.category.value,
            "evidence-missing",
            entry.requirement,
            entry.title,
            "",
            "",
            "",
            str(len(entry.units)),
            entry.severity.value,
        ]
        for unit in entry.units:
            found.append(
                [*head, unit.country, unit.unit_id, unit.declaration, "", entry.severity.value, entry.requirement, ""]
            )
    for women in register.women:
        part, target = share_text(women, plain=True), target_text(women, plain=True)
        title = _("{women} women of {personnel} ({share}), target {target}").format(
            women=women.women, personnel=women.personnel, share=part, target=target
        )
        short = str(women.short)
        head = ["personnel", "women-share", "women", title, "", "personnel", short, str(women.units), "advisory"]
        found.append([*head, women.country, "", "", short, "advisory", "", ""])
    return found


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def _field(column: str, value: str) -> str:
    if column in NUMBERS and _NUMBER.fullmatch(value):
        return value
    return _quoted(safe(value))


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def safe(cell: str) -> str:
    """The cell as text a spreadsheet shows as written (see the module's docstring)."""
    return _FORMULA.sub(r"\1'\2", shown(cell))
