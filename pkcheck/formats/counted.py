"""Counts of verdicts, statuses and severities as the human formats of the check report write them
(``3 not ready``, ``26 met``), in the language in use: the word agrees with its number in
French (``3 non prêtes``), so each is a message of its own, counted with ``ngettext``.

The English keeps the words the reports always wrote: the verdicts as people read them, the
statuses of a unit's summary line as their codes (``no-evidence``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pkcheck.enums import Severity
from pkcheck.i18n import ngettext, number
from pkcheck.report import Status, Verdict

_VERDICTS: Mapping[Verdict, Callable[[int], str]] = {
    Verdict.READY: lambda n: ngettext("{count} ready", "{count} ready", n),
    Verdict.CONDITIONAL: lambda n: ngettext("{count} conditional", "{count} conditional", n),
    Verdict.NOT_READY: lambda n: ngettext("{count} not ready", "{count} not ready", n),
    Verdict.INVALID: lambda n: ngettext("{count} invalid", "{count} invalid", n),
}
_STATUSES: Mapping[Status, Callable[[int], str]] = {
    Status.MET: lambda n: ngettext("{count} met", "{count} met", n),
    Status.SHORTFALL: lambda n: ngettext("{count} shortfall", "{count} shortfall", n),
    Status.NO_EVIDENCE: lambda n: ngettext("{count} no-evidence", "{count} no-evidence", n),
    Status.WAIVED: lambda n: ngettext("{count} waived", "{count} waived", n),
    Status.NOT_APPLICABLE: lambda n: ngettext("{count} not-applicable", "{count} not-applicable", n),
}

_SEVERITIES: Mapping[Severity, Callable[[int], str]] = {
    Severity.CRITICAL: lambda n: ngettext("{count} critical", "{count} critical", n),
    Severity.MAJOR: lambda n: ngettext("{count} major", "{count} major", n),
    Severity.MINOR: lambda n: ngettext("{count} minor", "{count} minor", n),
    Severity.ADVISORY: lambda n: ngettext("{count} advisory", "{count} advisory", n),
}


def verdicts(count: int, verdict: Verdict) -> str:
    """``count`` declarations of ``verdict``: ``3 not ready``, French ``3 non prêtes``."""
    return _VERDICTS[verdict](count).format(count=number(count))


def statuses(count: int, status: Status) -> str:
    """``count`` requirements of ``status``: ``13 shortfall``, French ``13 insuffisances``."""
    return _STATUSES[status](count).format(count=number(count))


def severities(count: int, severity: Severity) -> str:
    """``count`` open findings of ``severity``: ``2 major``, French ``2 majeures``."""
    return _SEVERITIES[severity](count).format(count=number(count))


def verdict_list(counts: Mapping[Verdict, int]) -> str:
    """Every verdict counted, in order: ``1 ready, 10 conditional, 9 not ready, 0 invalid``."""
    return ", ".join(verdicts(counts.get(verdict, 0), verdict) for verdict in Verdict)
