"""What the campaign asks of every output: it parses with the format's real parser, and no text
from the input acts on whoever reads it (a terminal, a CI runner, a Markdown or HTML renderer,
a spreadsheet).

Each reader returns ``Violation``s rather than raising, so that one run reports every broken
promise; ``kind`` names the class of failure (command, format, promise) without anything of the
input, ``detail`` says where.

The workflow-command rule follows the GitHub Actions runner (``ActionCommand.cs``): a line is a
command when, after leading white space, it starts with ``::``, or when it holds ``##[``
anywhere (the older syntax is looked for in the whole line). pkcheck's own annotations in
``-f github`` are the only such lines allowed, in the exact shape ``pkcheck/formats/github.py``
writes them. In the formats that are data rather than text to read (JSON, SARIF, JUnit, HTML),
only a line that starts a command counts.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema
from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from mutations import REPO

SCHEMAS = REPO / "tests" / "data" / "schemas"


@dataclass(frozen=True)
class Violation:
    kind: str  # the class of failure: command, format and the promise broken
    detail: str  # where, and what was found

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# pkcheck's own annotations: `::error file=F,line=N,col=N,title=T::message`, where F and T
# have `:` and `,` escaped.
GITHUB_ANNOTATION = re.compile(
    r"::(error|warning|notice) file=[^:,]*,line=[1-9][0-9]*,col=[1-9][0-9]*,title=[^:,]*::.*"
)
INTERNAL_ERROR = re.compile(r"internal error|a bug in pkcheck", re.IGNORECASE)


def _control_class(char: str) -> str | None:
    code = ord(char)
    if code < 0x20:
        return "C0 control"
    if code == 0x7F:
        return "DEL"
    if 0x80 <= code < 0xA0:
        return "C1 control"
    return None


def _excerpt(text: str, at: int) -> str:
    return repr(text[max(0, at - 30) : at + 30])


def scan_text(label: str, text: str, *, as_text: bool = True, github: bool = False) -> list[Violation]:
    """Raw control characters (C0 but the line feed, and C1; DEL and bidi controls too in a
    format read as text, ``as_text``), lines a CI runner would obey, and internal-error reports."""
    found: dict[str, Violation] = {}
    for at, char in enumerate(text):
        what = _control_class(char)
        if char == "\n" or (what == "DEL" and not as_text):
            what = None
        elif what is None and as_text and char in BIDI:
            what = "bidi control"
        if what is not None and what not in found:
            found[what] = Violation(f"{label}: raw {what}", f"U+{ord(char):04X} at {_excerpt(text, at)}")
    for line in text.split("\n"):
        if github and GITHUB_ANNOTATION.fullmatch(line):
            continue  # pkcheck's own annotation: the runner reads it as one, whatever its message holds
        stripped = line.lstrip()
        if stripped.startswith("::"):
            found.setdefault("::", Violation(f"{label}: a line starts a workflow command (`::`)", repr(line[:80])))
        if "##[" in line if as_text else stripped.startswith("##["):
            found.setdefault("##[", Violation(f"{label}: a line holds a workflow command (`##[`)", repr(line[:80])))
    match = INTERNAL_ERROR.search(text)
    if match:
        found["internal"] = Violation(f"{label}: reports an internal error", _excerpt(text, match.start()))
    return list(found.values())


def read_json(label: str, text: str) -> tuple[Any, list[Violation]]:
    """The parsed document, or None and why not."""
    try:
        return json.loads(text), scan_text(label, text, as_text=False)
    except ValueError as exc:
        return None, [Violation(f"{label}: not valid JSON", str(exc)[:200])]


@cache
def _sarif_validator() -> Any:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def read_sarif(label: str, text: str) -> list[Violation]:
    data, violations = read_json(label, text)
    if data is not None:
        error = jsonschema.exceptions.best_match(_sarif_validator().iter_errors(data))
        if error is not None:
            violations.append(
                Violation(f"{label}: not valid SARIF 2.1.0", f"{list(error.absolute_path)}: {error.message[:200]}")
            )
    return violations


@cache
def _junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


def read_junit(label: str, text: str) -> list[Violation]:
    violations = scan_text(label, text, as_text=False)
    try:
        document = etree.fromstring(text.encode("utf-8", "surrogateescape"))
    except etree.XMLSyntaxError as exc:
        return [*violations, Violation(f"{label}: not well-formed XML", str(exc)[:200])]
    schema = _junit_schema()
    if not schema.validate(document):
        violations.append(Violation(f"{label}: not valid against junit-10.xsd", str(schema.error_log.last_error)[:200]))
    return violations


_MARKDOWN = MarkdownIt("commonmark").enable("table")
_OWN_HTML = {"<br>"}  # pkcheck's own line breaks inside table cells
_MENTION = re.compile(r"(?<![\w`])@[A-Za-z0-9]")


def read_markdown(label: str, text: str) -> list[Violation]:
    """CommonMark with GitHub's tables: no HTML, image or link from the input, no @mention, and
    every row of a table has the cells of its header."""
    violations = scan_text(label, text)
    tokens = _MARKDOWN.parse(text)
    found: dict[str, Violation] = {}
    for token in tokens:
        inline = token.children or []
        for item in [token, *inline]:
            if item.type in ("html_block", "html_inline") and item.content.strip() not in _OWN_HTML:
                found.setdefault("html", Violation(f"{label}: raw HTML from the input", repr(item.content[:80])))
            elif item.type == "image":
                found.setdefault("image", Violation(f"{label}: an image from the input", repr(item.attrs.get("src"))))
            elif item.type == "link_open":
                found.setdefault("link", Violation(f"{label}: a link from the input", repr(item.attrs.get("href"))))
            elif item.type == "text" and _MENTION.search(item.content):
                found.setdefault("mention", Violation(f"{label}: an @mention from the input", repr(item.content[:80])))
        if token.type == "table_open" and token.map:
            found.update(_table_rows(label, text.split("\n")[token.map[0] : token.map[1]]))
    return violations + list(found.values())


def _cells(row: str) -> int:
    """The cells of a table row as GitHub splits it: at every `|` not escaped by a backslash
    (in code spans too)."""
    count, escaped = 0, False
    for char in row:
        if char == "|" and not escaped:
            count += 1
        escaped = char == "\\" and not escaped
    return count


def _table_rows(label: str, rows: list[str]) -> dict[str, Violation]:
    widths = {_cells(row) for row in rows}
    if len(widths) > 1:
        return {"table": Violation(f"{label}: a table row has more or fewer cells than its header", repr(rows[0][:60]))}
    return {}


_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_csv(label: str, text: str) -> list[Violation]:
    """RFC 4180 rows of the header's width; no cell a spreadsheet would read as a formula, with
    the comma as separator or with the semicolon (as spreadsheets in many locales split it)."""
    violations = scan_text(label, text.replace("\r\n", "\n"))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if rows and any(len(row) != len(rows[0]) for row in rows):
        violations.append(Violation(f"{label}: a row has more or fewer cells than the header", str(len(rows[0]))))
    for delimiter in (",", ";"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            risky = [cell for cell in row if cell.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(cell)]
            if risky:
                violations.append(
                    Violation(f"{label}: a cell starts a formula (split at {delimiter!r})", repr(risky[0][:60]))
                )
                break
    return violations


_ACTIVE_ELEMENTS = ("script", "iframe", "object", "embed", "img", "link", "base", "form")


def read_html(label: str, text: str) -> list[Violation]:
    """It parses, and nothing from the input became an element or attribute that runs or loads."""
    violations = scan_text(label, text, as_text=False)
    try:
        document = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        return [*violations, Violation(f"{label}: not parseable HTML", str(exc)[:200])]
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _ACTIVE_ELEMENTS:
            violations.append(Violation(f"{label}: a <{tag.lower()}> element", etree.tostring(element)[:80].decode()))
            break
        handlers = [name for name in element.attrib if name.lower().startswith("on")]
        if handlers:
            violations.append(Violation(f"{label}: an event-handler attribute", handlers[0]))
            break
    return violations
