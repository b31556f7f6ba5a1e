"""Static checks of dates in a standard, run when it is composed: a requirement's window
(``effective_from`` after ``effective_until``, or ending before the standard is effective) and a
schedule that starts after a requirement reading its parameter can first apply."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING

from pkcheck import checks
from pkcheck.diagnostics import Diagnostic
from pkcheck.expressions import ExpressionError, parse
from pkcheck.i18n import _
from pkcheck.models.standard import Requirement, ScheduledParameter

if TYPE_CHECKING:
    from pkcheck.library.standards import EffectiveRequirement, EffectiveStandard, LoadedStandard


def parameters_read(requirement: Requirement, names: Collection[str]) -> tuple[str, ...]:
    """The parameters of ``names`` a requirement's check reads, in its thresholds or outside them."""
    kind = checks.get(requirement.check.kind)
    read = list(kind.parameters(requirement.check.settings))
    for _segments, threshold in kind.threshold_values(requirement.check.settings):
        if isinstance(threshold, str):
            try:
                read.extend(parse(threshold).references)
            except ExpressionError:
                continue
    return tuple(name for name in dict.fromkeys(read) if name in names)


def window_errors(
    loaded: LoadedStandard, effective: EffectiveStandard, own: Sequence[EffectiveRequirement]
) -> Iterator[Diagnostic]:
    for item in own:
        requirement = item.requirement
        start, until = requirement.effective_from, requirement.effective_until
        where = loaded.location(*item.source, "effective_until")
        if start and until and until < start:
            yield Diagnostic(
                where,
                _("`{id}`: `effective_until` {until} is before `effective_from` {start}: it can never apply").format(
                    id=requirement.id, until=until, start=start
                ),
            )
        elif until and effective.effective and until < effective.effective:
            yield Diagnostic(
                where,
                _(
                    "`{id}`: `effective_until` {until} is before the standard is effective ({effective}): it can never apply"
                ).format(id=requirement.id, until=until, effective=effective.effective),
            )
    yield from _uncovered(loaded, effective, own)


def _uncovered(
    loaded: LoadedStandard, effective: EffectiveStandard, own: Sequence[EffectiveRequirement]
) -> Iterator[Diagnostic]:
    """A requirement that can apply on a day a parameter it reads has no value yet: from its
    ``effective_from``, else from the standard's ``effective`` (with neither, a declaration's date
    decides, and the check says so)."""
    scheduled_here = {n for n, v in loaded.model.parameters.items() if isinstance(v, ScheduledParameter)}
    for item in effective.requirements:
        requirement = item.requirement
        first = earliest(requirement, effective.effective)
        if first is None:
            continue
        for name in parameters_read(requirement, effective.schedules):
            start = effective.schedules[name][0].start
            if start <= first:
                continue
            if first == requirement.effective_from:
                said = _(
                    "`{id}` applies from {first} (its `effective_from`), but parameter `{name}` has no value "
                    "before {start}: start its schedule on or before {first}"
                )
            else:
                said = _(
                    "`{id}` applies from {first} (the standard's `effective`), but parameter `{name}` has no value "
                    "before {start}: start its schedule on or before {first}"
                )
            message = said.format(id=requirement.id, first=first, name=name, start=start)
            if name in scheduled_here:
                yield Diagnostic(loaded.location("parameters", name, "schedule", 0, "from"), message)
            elif item in own:
                yield Diagnostic(loaded.location(*item.source), message)
            elif loaded.model.effective is not None and first == loaded.model.effective:
                yield Diagnostic(loaded.location("effective"), message)


def earliest(requirement: Requirement, effective: dt.date | None) -> dt.date | None:
    """The first day a requirement can apply, where known."""
    return max((d for d in (requirement.effective_from, effective) if d), default=None)
