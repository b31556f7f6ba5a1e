"""``pkcheck progress --format csv``: one row per unit and date, for a spreadsheet.

RFC 4180 (comma-separated, CRLF line ends), UTF-8, with a header row (its names in the language
in use; the values stay codes, ids, ISO dates and plain numbers). A unit a report does not hold
has a row for that date with ``assessed`` ``false`` and the other cells of the date empty. The
counts of open findings by severity and by category are numbers; ``closed`` and ``opened`` list
the requirement ids that closed and opened since the unit's previous assessment (``previous``),
separated by spaces; both are empty on a unit's first assessment, and where either declaration
was invalid (``compared`` ``false``). Cells are guarded against formulas as in the gaps register
(``pkcheck.formats.gaps_csv.safe``)."""

from __future__ import annotations

from pkcheck.analyses.progress import CATEGORIES, SEVERITIES, Change, Progress
from pkcheck.escapes import inert
from pkcheck.formats.gaps_csv import safe
from pkcheck.i18n import N_, _

HEADER_WORDS = {
    "unit": N_("unit"),
    "country": N_("country"),
    "as_of": N_("as_of"),
    "assessed": N_("assessed"),
    "declaration": N_("declaration"),
    "verdict": N_("verdict"),
    "open_findings": N_("open_findings"),
    **{s.value: N_(s.value) for s in SEVERITIES},
    **{c.value: N_(c.value) for c in CATEGORIES},
    "previous": N_("previous"),
    "compared": N_("compared"),
    "closed": N_("closed"),
    "opened": N_("opened"),
}
HEADER = tuple(HEADER_WORDS)
NUMBERS = frozenset({"open_findings", *(s.value for s in SEVERITIES), *(c.value for c in CATEGORIES)})


def header() -> tuple[str, ...]:
    return tuple(_(HEADER_WORDS[name]) for name in HEADER)


def render(progress: Progress) -> str:
    lines = [",".join(_quoted(name) for name in header())]
    lines += [",".join(_field(c, v) for c, v in zip(HEADER, row, strict=True)) for row in rows(progress)]
    return inert("".join(line + "\r\n" for line in lines))


def rows(progress: Progress) -> list[list[str]]:
    found = []
    for unit in progress.units:
        changes: dict[str, Change] = {c.after.isoformat(): c for c in unit.changes}
        for when, state in zip(progress.dates, unit.states, strict=True):
            as_of = when.isoformat()
            if state is None:
                found.append([unit.unit, unit.country, as_of, "false", *[""] * (len(HEADER) - 4)])
                continue
            severities, categories = state.by_severity(), state.by_category()
            change = changes.get(as_of)
            found.append(
                [
                    unit.unit,
                    unit.country,
                    as_of,
                    "true",
                    state.declaration,
                    state.verdict.value,
                    str(len(state.open)),
                    *(str(severities[s]) for s in SEVERITIES),
                    *(str(categories[c.value]) for c in CATEGORIES),
                    "" if change is None else change.before.isoformat(),
                    "" if change is None else ("true" if change.compared else "false"),
                    "" if change is None else " ".join(f.requirement for f in change.closed),
                    "" if change is None else " ".join(f.requirement for f in change.opened),
                ]
            )
    return found


def _field(column: str, value: str) -> str:
    return value if column in NUMBERS and value.isdigit() else _quoted(value)


def _quoted(text: str) -> str:
    return '"' + safe(text).replace('"', '""') + '"'
