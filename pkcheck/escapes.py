"""Text from input files is data: how reports show it so that nothing obeys it.

Names, titles, reasons, declared values, keys quoted in messages and file names all come from
files someone else may have written, and reach terminals, CI logs, spreadsheets and review
pages. Shown raw, some of it would be obeyed rather than read: an ESC sequence retitles the
window, clears the screen, plants a link (OSC 8) or writes the clipboard (OSC 52); a bidi
override reorders what is displayed; a line break followed by ``::error::`` or a
``##[add-mask]`` anywhere in a line is a command to a GitHub Actions runner, which reads every
line a step prints.

- ``shown(text)``: every character that is not plain printable text, shown as an escape, so
  the text stays one line of visible characters: ``\\n``, ``\\r``, ``\\t``; ``\\x1b`` for the
  other C0 controls, DEL and the C1 controls; ``\\u202e`` for the bidi embeddings, overrides and
  isolates (U+202A-202E, U+2066-2069), the line and paragraph separators (U+2028, U+2029) and
  the noncharacters U+FFFE and U+FFFF (which XML forbids); ``\\xff`` for a byte of a file name
  that is not UTF-8 (Python holds it as the surrogate U+DCFF) and ``\\ud800`` for any other
  lone surrogate. Backslashes are not doubled: a Windows path stays readable.
- ``shown_exactly(text)``: ``shown``, and every other character Python does not count as
  printable escaped too (``\u200b`` for a zero-width space, ``\xa0`` for a no-break space,
  ``\U000e0041`` for a tag character): for keys quoted in messages, where a character that
  cannot be seen makes a key that looks right unknown. Names and other prose keep such
  characters (a zero-width joiner belongs in some scripts).
- ``inert(text)``: a whole output, each line of which a CI runner would take for a workflow
  command (``::`` at its start, after spaces; ``##[`` anywhere) made inert by spelling one
  character differently in the output's own syntax: ``\\x3a`` and ``\\x5b`` in plain text,
  ``&#58;`` and ``&#91;`` in XML and HTML, ``\\u003a`` and ``\\u005b`` in JSON (which read back
  as the same text). Lines can be made by a table wrapping a long value, or by two values side
  by side, so this is done on the finished output, not value by value.
- ``json_text(dumped)``: JSON written by ``json.dumps(..., ensure_ascii=False)``, made safe to
  print and to encode: the controls and bidi characters that JSON leaves raw are written as
  ``\\u`` escapes (the same text when read back), and a lone surrogate, which has no UTF-8 form,
  as the escape ``shown`` gives it (``decl-\\xff.yaml``, four characters for the byte).

Formats apply ``shown`` to each value from a file; the command line applies ``line`` to each
diagnostic it prints. Only pkcheck's own ``--format github`` lines are workflow commands.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; bidi embeddings, overrides and isolates; line and paragraph
# separators; surrogates; the noncharacters XML 1.0 forbids.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# What JSON leaves raw among those (it escapes C0 itself).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]|##\\[")
# A line a GitHub Actions runner takes for a command: ``::`` after leading white space (it
# trims them), or ``##[`` anywhere. The runner splits lines at CR as well as LF.
_COMMAND = re.compile(r"(?:^|(?<=\r))([^\S\r\n]*):(?=:)|##\[", re.MULTILINE)

TEXT_SPELLING = ("\\x3a", "\\x5b")  # `:` and `[` in plain text
MARKUP_SPELLING = ("&#58;", "&#91;")  # in XML and HTML
JSON_SPELLING = ("\\u003a", "\\u005b")  # inside a JSON string


def shown(text: object) -> str:
    """``text`` (``str()`` of it) with every control, bidi and surrogate character escaped."""
    value = text if isinstance(text, str) else str(text)
    # Every character escaped is one Python counts as not printable: most text is done at once.
    return value if value.isprintable() else _UNSAFE.sub(_escape, value)


def shown_exactly(text: object) -> str:
    """``shown``, with every other character that is not printable escaped as well."""
    value = shown(text)
    return value if value.isprintable() else "".join(c if c.isprintable() else _escaped(c) for c in value)


def _escape(match: re.Match[str]) -> str:
    return _escaped(match.group())


def _escaped(character: str) -> str:
    code = ord(character)
    if character in _NAMED:
        return _NAMED[character]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as Python decodes file names
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def inert(text: str, spelling: tuple[str, str] = TEXT_SPELLING) -> str:
    """``text`` with no line a CI runner would obey as a workflow command; ``spelling`` writes
    ``:`` and ``[`` in the output's syntax (``TEXT_SPELLING``, ``MARKUP_SPELLING``,
    ``JSON_SPELLING``)."""
    if "::" not in text and "##[" not in text:  # a large report is searched at once
        return text
    colon, bracket = spelling
    return _COMMAND.sub(lambda m: m.group(1) + colon if m.group(1) is not None else "##" + bracket, text)


def line(text: object) -> str:
    """One line for a terminal or a log (a diagnostic, a message naming a file): ``shown``
    and ``inert``."""
    return inert(shown(text))


def json_text(dumped: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)``, safe to print and to encode as
    UTF-8: see the module's docstring. JSON's structure is ASCII, so every character replaced
    is inside a string."""
    if dumped.isascii() and "\x7f" not in dumped and "##[" not in dumped:  # most of a large report
        return dumped
    return _JSON_UNSAFE.sub(_json_escape, dumped)


def _json_escape(match: re.Match[str]) -> str:
    found = match.group()
    if found == "##[":
        return "##" + JSON_SPELLING[1]
    if 0xD800 <= ord(found) <= 0xDFFF:
        return shown(found).replace("\\", "\\\\")
    return f"\\u{ord(found):04x}"


_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def spaced(text: str) -> str:
    """``text`` with each run of ASCII white space (a line break of a folded YAML text) as one
    space: a no-break space stays, as French typography sets one before ``:`` and ``;`` so that
    the mark never starts a line (``str.split()`` would take it for a space)."""
    return _ASCII_SPACE.sub(" ", text).strip(" \t\n\r\f\v")
