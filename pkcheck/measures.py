"""Amounts in words: a number with its unit of measure (``1 item``, ``2 surgeries/day``) and a
count of things (``3 findings``), in the language in use.

The measures are those the check kinds give (``Piece.measure``) and the nouns those the reports
count; each is a message of its own with its plural forms, so that French agrees the word with
its number. Kept apart from the gaps register, which uses them, so that a check report that
shows a shortfall does not load the register.
"""

from __future__ import annotations

from pkcheck.i18n import ngettext, number

Amount = int | float


def amount_text(value: Amount) -> str:
    """An amount for people: ``1.5``, French ``1,5``."""
    return number(value)


def plain_amount(value: Amount) -> str:
    """An amount as a machine format writes it, whatever the language: ``1.5``."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def measured(value: Amount, measure: str) -> str:
    """An amount with its unit of measure, in the singular for one: ``1 unit``, ``2 units``,
    ``1 surgery/day``; ``personnel`` is both. A measure the check kinds give is translated."""
    words = _measure_words(measure, value)
    if words is not None:
        return words.format(amount=amount_text(value))
    return f"{amount_text(value)} {singular(measure) if value == 1 else measure}"


def _forms(value: Amount) -> int:
    """The count that chooses a plural form: the amount when whole, else many."""
    return int(value) if float(value).is_integer() else 2


def _measure_words(measure: str, value: Amount) -> str | None:
    """The measures the check kinds give (``Piece.measure``), each with its plural forms."""
    n = _forms(value)
    if measure == "personnel":
        return ngettext("{amount} personnel", "{amount} personnel", n)
    if measure == "items":
        return ngettext("{amount} item", "{amount} items", n)
    if measure == "units":
        return ngettext("{amount} unit", "{amount} units", n)
    if measure == "beds":
        return ngettext("{amount} bed", "{amount} beds", n)
    if measure == "days":
        return ngettext("{amount} day", "{amount} days", n)
    if measure == "minutes":
        return ngettext("{amount} minute", "{amount} minutes", n)
    if measure == "levels":
        return ngettext("{amount} level", "{amount} levels", n)
    if measure == "patients/day":
        return ngettext("{amount} patient/day", "{amount} patients/day", n)
    if measure == "surgeries/day":
        return ngettext("{amount} surgery/day", "{amount} surgeries/day", n)
    return None


def counted(count: int, noun: str) -> str:
    """``1 finding``, ``3 findings``: a count of things named by a regular plural noun (the nouns
    the register counts are translated)."""
    words = _noun_words(noun, count)
    if words is not None:
        return words.format(count=number(count))
    return f"{count} {singular(noun) if count == 1 else noun}"


def _noun_words(noun: str, count: int) -> str | None:
    """The things the register counts, each with its plural forms."""
    if noun == "lines":
        return ngettext("{count} line", "{count} lines", count)
    if noun == "declarations":
        return ngettext("{count} declaration", "{count} declarations", count)
    if noun == "requirements":
        return ngettext("{count} requirement", "{count} requirements", count)
    if noun == "invalid declarations":
        return ngettext("{count} invalid declaration", "{count} invalid declarations", count)
    if noun == "units":
        return ngettext("{count} unit", "{count} units", count)
    if noun == "findings":
        return ngettext("{count} finding", "{count} findings", count)
    return None


def singular(measure: str) -> str:
    """The singular of a plural unit of measure (its first word, before a ``/``): ``items``,
    ``days``, ``surgeries/day``; a word not ending in ``s`` (``personnel``) is both."""
    word, per = measure.partition("/")[::2]
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return f"{word}/{per}" if per else word
