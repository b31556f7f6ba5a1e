"""How gap amounts read in tables, shared by the text and Markdown reports."""

from __future__ import annotations

from collections.abc import Mapping

from pkcheck import checks
from pkcheck.report import Finding, Gap


def amount(value: object) -> str:
    """A list is shown by its length; the shortfall column names the missing entries."""
    return str(len(value)) if isinstance(value, tuple) else plain(value)


def plain(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) or "-"
    if isinstance(value, float):
        return f"{value:g}"
    return "-" if value is None else str(value)


def short(gap: Gap, titles: Mapping[str, str] | None = None) -> str:
    """The shortfall with its unit, or what is wrong when it has no amount; missing codes are
    named by their titles (carried by the finding) and codes."""
    if gap.shortfall is None:
        return "missing" if gap.criterion == "exists" else f"not {gap.criterion.replace('_', ' ')}"
    if isinstance(gap.shortfall, tuple):
        return f"missing: {plain(titled(gap.shortfall, titles or {}))}"
    return f"{plain(gap.shortfall)} {gap.unit}"


def shortfalls(finding: Finding) -> list[str]:
    """Each gap's shortfall; where a finding has several, each is labelled with its criterion
    in the words of its kind (``Surgeon: 1 personnel``, ``beds: 2 beds``)."""
    return [
        f"{label}: {short(g, finding.titles)}" if label else short(g, finding.titles)
        for g, label in zip(finding.gaps, gap_labels(finding), strict=True)
    ]


def gap_labels(finding: Finding) -> list[str | None]:
    """Each gap's criterion in the words of its kind where a finding has several, else None."""
    label = checks.KINDS[finding.check_kind].gap_label if finding.check_kind in checks.KINDS else None
    if label is None or len(finding.gaps) < 2:
        return [None for _ in finding.gaps]
    return [label(g, finding.titles) for g in finding.gaps]


def titled(codes: tuple[str, ...], titles: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(f"{titles[c]} ({c})" if c in titles else c for c in codes)
