"""The values YAML 1.1 reads differently from YAML 1.2, so that a user can be told.

pkcheck reads YAML 1.2: ``country: NO`` is the text "NO" (Norway) and ``010`` is ten. Many
other tools (PyYAML, older editors and CI systems) still read YAML 1.1, where the same plain
words are ``false`` and eight. A file that means one thing to pkcheck and another to the
tool that wrote or will read it is worth a warning. Only plain (unquoted) values are
considered: quoting a value says which reading is meant, and silences the warning.

The differences, from the YAML 1.1 type definitions (yaml.org/type):

- booleans: ``y Y yes Yes YES n N no No NO on On ON off Off OFF`` (1.2: text);
- octal integers: ``010`` is 8 (1.2: 10); ``09`` is text (1.2: 9);
- ``0o10`` is text (1.2: 8);
- base 60 ("sexagesimal"): ``1:20`` is 80 and ``1:20:30.5`` is 4830.5 (1.2: text).

Binary (``0b101``), hexadecimal and ``_`` digit separators (``1_000``) are read alike by both.
"""

from __future__ import annotations

import re

from pkcheck.i18n import _

_TRUE = frozenset({"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"})
_FALSE = frozenset({"n", "N", "no", "No", "NO", "off", "Off", "OFF"})
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_LEADING_ZERO_DECIMAL = re.compile(r"[-+]?0[0-7_]*[89][0-9_]*")  # not 0[0-9_]*[89]: quadratic
_OCTAL_12 = re.compile(r"0o[0-7]+")
_SEXAGESIMAL_INT = re.compile(r"[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+")
_SEXAGESIMAL_FLOAT = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*")


def difference(value: str) -> str | None:
    """The warning for a plain scalar that YAML 1.1 reads differently, or None.

    >>> difference("NO")
    '`NO` is the text "NO" here (YAML 1.2); YAML 1.1 tools read it as false. Quote it ("NO") to keep it text everywhere'
    >>> difference("010")
    '`010` is the number 10 here (YAML 1.2); YAML 1.1 tools read it as 8 (octal). Write 10 without the leading zero'
    >>> difference("10") is None
    True
    """
    if value in _TRUE or value in _FALSE:
        meaning = "true" if value in _TRUE else "false"
        return _as_text(value, meaning)
    if not value or (value[0] not in "+-0" and ":" not in value):
        return None  # every pattern below starts with a sign or a zero, or has a colon
    shown = shortened(value)
    if _OCTAL.fullmatch(value) and _significant(value):
        decimal, digits = _decimal(value), _significant(value)
        if len(digits) > 1:  # a single digit is the same number in both bases
            octal = _octal(value) or _("a different number")
            return _(
                "`{value}` is the number {decimal} here (YAML 1.2); YAML 1.1 tools read it as {octal} (octal). "
                "Write {decimal} without the leading zero"
            ).format(value=shown, decimal=decimal, octal=octal)
        return None
    if _LEADING_ZERO_DECIMAL.fullmatch(value):
        number = _decimal(value)
        return _(
            '`{value}` is the number {number} here (YAML 1.2); YAML 1.1 tools read it as the text "{value}". '
            "Write {number} without the leading zero"
        ).format(value=shown, number=number)
    if _OCTAL_12.fullmatch(value):
        worked_out = _octal(value[2:])
        meaning = _("the number {number}").format(number=worked_out) if worked_out else _("a number")
        return _('`{value}` is {meaning} here (YAML 1.2); YAML 1.1 tools read it as the text "{value}"').format(
            value=shown, meaning=meaning
        )
    if _SEXAGESIMAL_INT.fullmatch(value) or _SEXAGESIMAL_FLOAT.fullmatch(value):
        return _as_text(
            value,
            _("the number {number} (base 60)").format(number=_base60(value))
            if len(value) <= _LONGEST_SHOWN
            else _("a number (base 60)"),
        )
    return None


# Longer values are shortened in messages, and the numbers they stand for are not worked out:
# converting thousands of digits takes time, and Python refuses more than 4,300 decimal digits.
_LONGEST_SHOWN = 40


def shortened(text: str, longest: int = _LONGEST_SHOWN) -> str:
    """``text`` as shown in a message: a value can be a whole line of a file long."""
    return text if len(text) <= longest else text[: longest - 3] + "..."


def _as_text(value: str, meaning: str) -> str:
    shown = shortened(value)
    return _(
        '`{value}` is the text "{value}" here (YAML 1.2); YAML 1.1 tools read it as {meaning}. '
        'Quote it ("{value}") to keep it text everywhere'
    ).format(value=shown, meaning=meaning)


def _significant(value: str) -> str:
    """The digits of an integer without its sign, separators and leading zeros."""
    return value.lstrip("+-").replace("_", "").lstrip("0")


def _decimal(value: str) -> str:
    """The decimal integer ``value`` stands for, written out (shortened when long)."""
    return shortened(("-" if value.startswith("-") else "") + (_significant(value) or "0"))


def _octal(value: str) -> str | None:
    """The octal integer ``value`` stands for, in decimal, or None when it is too long to work out."""
    if len(value) > _LONGEST_SHOWN:
        return None
    return str(int(value.replace("_", ""), 8))


def _base60(value: str) -> str:
    """``1:20`` -> ``80``, ``-1:30.5`` -> ``-90.5``: each field is worth 60 of the next."""
    sign = -1 if value.startswith("-") else 1
    head, _dot, fraction = value.lstrip("+-").replace("_", "").partition(".")
    total = 0
    for field in head.split(":"):
        total = total * 60 + int(field)
    if "." in value:
        return str(sign * (total + float("0." + (fraction or "0"))))
    return str(sign * total)
