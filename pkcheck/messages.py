"""Every user-facing finding message, as a template with an id and named values.

Checks never build sentences; they name a template and give values. A check kind's templates
are its own (``Kind.messages``, ids ``<kind>.<name>``); those that belong to no kind are here,
and ``pkcheck.checks.template`` finds either. A translation is a second set of templates with
the same ids. This module knows no kind: the kinds fill their own templates with ``fill``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from pkcheck.i18n import N_, _, day, language, number

# Templates are marked for the catalog here and looked up in the language in use where they are
# filled: ``fill(_(TEMPLATES[id]), values)``.
TEMPLATES: dict[str, str] = {
    "threshold.error": N_("the threshold cannot be evaluated: {error}"),
    "schedule.applied": N_("{message} ({entries})"),
    "window.not_yet": N_("not applicable yet: applies from {effective_from}"),
    "window.ended": N_("no longer applicable: applied until {effective_until}"),
    "waiver.applied": N_("{message} (waived until {expires} by {approved_by}: {reason})"),
    "waiver.expired": N_("{message} (waiver expired on {expires})"),
    # An MOU's lines (pkcheck.library.verification).
    "mou.line.met": N_(
        "{present} of {quantity} {item} declared, {serviceable} serviceable of {required_serviceable} "
        "required ({ratio} of the MOU quantity); {lease} lease: {maintainer} keeps them serviceable"
    ),
    "mou.line.shortfall": N_(
        "{present} of {quantity} {item} declared, {serviceable} serviceable of "
        "{required_serviceable} required ({ratio} of the MOU quantity): {shortfall} serviceable short; "
        "{lease} lease: {maintainer} keeps them serviceable"
    ),
    "mou.line.no-evidence": N_(
        "the declaration gives no `equipment`, so the {quantity} {item} of the MOU cannot be "
        "verified; {lease} lease: {maintainer} keeps them serviceable"
    ),
    "mou.category.met": N_("{category} is declared in `self_sustainment`, as the MOU has the contributor provide it"),
    "mou.category.shortfall": N_(
        "{category} is missing from `self_sustainment`: the MOU has the contributor provide it"
    ),
    "mou.category.no-evidence": N_(
        "the declaration gives no `self_sustainment`, and the MOU has the contributor provide {category}"
    ),
    "mou.un-provided": N_("not applicable: MOU `{mou}` Annex C has the UN provide {categories} ({where})"),
}

# The last two entries of a list: English keeps the commas it always wrote ("a, b, c"), French
# joins the last with "et" ("a, b et c").
LAST_TWO = N_("{rest}, {last}")
NONE = N_("none")
_PERCENT = re.compile(r"-?[0-9]+(\.[0-9]+)?%")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Values that are numbers without being amounts: a line is never written `1 234`.
_NOT_AMOUNTS = frozenset({"line", "where"})


def fill(text: str, values: Mapping[str, Any]) -> str:
    """A template with its values in place; a list reads as its entries joined by commas (``et``
    before the last in French), an empty one as ``none``. In French, numbers, percentages and
    ISO dates that are whole values read as people write them (``1 234``, ``90 %``,
    ``1 décembre 2026``); English keeps them as they are."""
    if language() == "en":  # every value as it is: asked once, not for each value of each finding
        return text.format_map({k: _text(v) for k, v in values.items()})
    return text.format_map({k: _text(v) if k in _NOT_AMOUNTS else _human(v) for k, v in values.items()})


def joined(items: list[str] | tuple[str, ...]) -> str:
    """Entries in a sentence: ``a, b, c`` in English, ``a, b et c`` in French; ``none`` when empty."""
    if not items:
        return _(NONE)
    if len(items) == 1:
        return items[0]
    return _(LAST_TWO).format(rest=", ".join(items[:-1]), last=items[-1])


def grouped(value: int) -> str:
    """A count in a message about input: ``1,000,000`` in English (as pkcheck always wrote it),
    ``1 000 000`` in French."""
    return f"{value:,}" if language() == "en" else number(value)


def _human(value: Any) -> str:
    if language() == "en":
        return _text(value)
    if isinstance(value, (list, tuple)):
        return joined([_human(v) for v in value])
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, str) and _PERCENT.fullmatch(value):
        return _number_text(value[:-1]) + "\u00a0%"
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return day(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _number(value: float) -> str:
    """A number as English writes it in a message (``12``, ``0.125``, ``1e+300``), with French's
    separators: every digit kept, the thousands of a whole part grouped, a decimal comma."""
    return _number_text(_text(value))


def _number_text(english: str) -> str:
    whole, point, fraction = english.partition(".")
    if not whole.lstrip("-").isdigit() or len(whole) > 30 or (point and not fraction.isdigit()):
        return english  # an exponent, an infinity: as it is
    grouped_whole = number(int(whole))
    if whole.startswith("-") and not grouped_whole.startswith("-"):
        grouped_whole = "-" + grouped_whole  # -0.5
    return grouped_whole + ("," + fraction if point else "")


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)
