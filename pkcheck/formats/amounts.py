"""How gap amounts read in tables, shared by the text and Markdown reports (and the mark of an
illustrative amount, by every human format of the check report and the gaps register)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pkcheck import checks
from pkcheck.i18n import N_, _, language
from pkcheck.measures import measured, singular
from pkcheck.report import Finding, Gap, Status

# The values of a requirement that something exists (``present`` required, ``absent`` declared),
# as people read them in the language in use; JSON keeps the codes.
# The columns of the table of a unit's findings, in Markdown and in HTML.
FINDING_HEADERS = (
    N_("Severity"),
    N_("Requirement"),
    N_("Finding"),
    N_("Required"),
    N_("Declared"),
    N_("Short"),
    N_("Where"),
)


def finding_headers() -> list[str]:
    """``FINDING_HEADERS`` in the language in use."""
    return [_(header) for header in FINDING_HEADERS]


PRESENCE = {"present": N_("present"), "absent": N_("absent")}


def amount(value: object) -> str:
    """A list is shown by its length; the shortfall column names the missing entries."""
    if isinstance(value, str) and value in PRESENCE:
        return _(PRESENCE[value])
    return str(len(value)) if isinstance(value, tuple) else plain(value)


def plain(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) or "-"
    if isinstance(value, float):
        return f"{value:g}"
    return "-" if value is None else str(value)


# What is wrong with a value that has no amount short, where "not <criterion>" would not read
# ("short not one of", "short not equals"): the others read as written ("not conforming", "not given").
UNCOUNTED = {"exists": N_("missing"), "one_of": N_("not allowed"), "equals": N_("differs")}


def short(gap: Gap, titles: Mapping[str, str] | None = None) -> str:
    """The shortfall with its unit, or what is wrong when it has no amount; missing codes are
    named by their titles (carried by the finding) and codes."""
    if gap.shortfall is None:
        if gap.criterion in UNCOUNTED:
            return _(UNCOUNTED[gap.criterion])
        return _("not {criterion}").format(criterion=gap.criterion.replace("_", " "))
    if isinstance(gap.shortfall, tuple):
        return _("missing: {entries}").format(entries=plain(titled(gap.shortfall, titles or {})))
    if language() != "en" and isinstance(gap.shortfall, (int, float)):
        return measured(gap.shortfall, gap.unit)  # its words for the units of measure
    return f"{plain(gap.shortfall)} {singular(gap.unit) if gap.shortfall == 1 else gap.unit}"


def shortfalls(finding: Finding) -> list[str]:
    """Each gap's shortfall; where a finding has several, each is labelled with its criterion
    in the words of its kind (``Surgeon: 1 personnel``, ``beds: 2 beds``)."""
    return [
        _("{label}: {amounts}").format(label=label, amounts=short(g, finding.titles))
        if label
        else short(g, finding.titles)
        for g, label in zip(finding.gaps, gap_labels(finding), strict=True)
    ]


def gap_labels(finding: Finding) -> list[str | None]:
    """Each gap's criterion in the words of its kind where a finding has several, else None; a
    finding of no check kind (an MOU line's) names the criterion itself."""
    kind = checks.KINDS.get(finding.check_kind)
    label = kind.gap_label if kind is not None else lambda gap, titles: gap.criterion
    if label is None or len(finding.gaps) < 2:
        return [None for _ in finding.gaps]
    return [label(g, finding.titles) for g in finding.gaps]


def titled(codes: tuple[str, ...], titles: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(f"{titles[c]} ({c})" if c in titles else c for c in codes)


# A required amount set by an illustrative threshold (``Finding.illustrative``) is marked so in
# every human format, and the unit's part of the report says once what the mark means.
# Both are read in the language in use: ``illustrative_mark()`` and ``legend()``.
ILLUSTRATIVE = N_("(illustrative)")
LEGEND = N_(
    "(illustrative): a threshold of the requirement is a placeholder, not a figure of a UN source; "
    "what sets it in practice (the mission's SUR, the MOU) is its basis: pkcheck explain ID."
)


def illustrative_mark() -> str:
    """The mark of an illustrative amount, in the language in use."""
    return _(ILLUSTRATIVE)


def legend() -> str:
    """What the mark means, in the language in use."""
    return _(LEGEND)


def required(gap: Gap, finding: Finding) -> str:
    """The amount a gap requires, marked when a threshold of the finding is illustrative. A list
    is counted where the gap counts what is short (entries required, declared, missing); where
    it counts nothing (a value that is not one of those allowed) it names the values: `required
    3` beside `declared 1` would read as level 3 required, not three levels allowed."""
    counted = gap.shortfall is not None or not isinstance(gap.required, tuple)
    shown = amount(gap.required) if counted else _("one of {values}").format(values=plain(gap.required))
    return mark(shown, illustrative(gap, finding))


def illustrative(gap: Gap, finding: Finding) -> bool:
    """Whether the amount a gap requires may rest on an illustrative threshold: its own (the
    basis named like its criterion), or one that is no gap's own and so bears on every gap (a
    rule that a course stays valid for the whole tour). An MOU line's quantity is the MOU's and
    is not marked, though the serviceable share beside it is illustrative."""
    placeholders = {b.threshold for b in finding.basis if b.illustrative is not None}
    if not placeholders:
        return False
    return gap.criterion in placeholders or bool(placeholders - {g.criterion for g in finding.gaps})


def mark(text: str, illustrative: bool) -> str:
    """An amount as shown, marked when it rests on an illustrative threshold (a required
    amount, or a gaps register's total that may)."""
    return f"{text} {illustrative_mark()}" if illustrative else text


def marked(findings: Iterable[Finding]) -> bool:
    """Whether a required amount of ``findings`` is shown marked illustrative (a finding with
    gaps that are open or waived), so the legend is due."""
    return any(
        f.status in (Status.SHORTFALL, Status.WAIVED) and any(illustrative(g, f) for g in f.gaps) for f in findings
    )


def illustrative_note(finding: Finding) -> str:
    """For a one-line message (JUnit, GitHub annotations): what decides each illustrative threshold."""
    texts = dict.fromkeys(b.illustrative for b in finding.basis if b.illustrative is not None)
    if not texts:
        return ""
    return " [" + _("illustrative threshold: {bases}").format(bases=_("; ").join(texts)) + "]"
