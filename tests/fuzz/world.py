"""One input of the campaign (``campaign.py``): the files a user could hand pkcheck, written to a
folder, and kept as a JSON file of the corpus (``tests/data/fuzz/``).

A world is a folder of declarations, one standard in two versions (``old/`` and ``new/``, for
``diff``; ``new/`` is the standards path of ``check`` and ``gaps``), a waivers file, the as-of
date and the ``--fail-on`` severity. File names may hold anything a file system allows,
bytes that are not UTF-8 included (kept as Python keeps them, surrogate escapes: ``\\udcff``
is the byte 0xff).

File contents are written by ``dump``, which writes YAML (or JSON) whatever the values: text
in double quotes with every character the YAML syntax cannot hold raw escaped, and ``Raw``
scalars exactly as given, so that ``1e400``, ``.nan``, a date at the end of the calendar or a
number of 5,000 digits reach pkcheck as a user would type them.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Raw(str):
    """A scalar written into the file exactly as given (``1e400``, ``.nan``, ``9999-12-31``)."""


@dataclass(frozen=True)
class World:
    """The files of one campaign input and the options they are checked with."""

    declarations: dict[str, str]  # file name -> text
    old_standard: str
    new_standard: str
    waivers: str | None = None
    as_of: str = "2026-11-26"
    fail_on: str = "major"
    standard_name: str = "standard.yaml"
    waivers_name: str = "waivers.yaml"
    what: str = field(default="", compare=False)  # in the corpus: what the input shows
    commands: tuple[str, ...] = field(
        default=("check", "gaps", "diff", "lint"), compare=False
    )  # in the corpus: those it is run through

    def write(self, folder: str) -> None:
        """The files, under ``folder``: ``decls/``, ``old/``, ``new/`` and the waivers file."""
        for sub in ("decls", "old", "new"):
            os.makedirs(os.path.join(folder, sub), exist_ok=True)
        for name, text in self.declarations.items():
            _write(os.path.join(folder, "decls", name), text)
        _write(os.path.join(folder, "old", self.standard_name), self.old_standard)
        _write(os.path.join(folder, "new", self.standard_name), self.new_standard)
        if self.waivers is not None:
            _write(os.path.join(folder, self.waivers_name), self.waivers)

    def to_json(self) -> str:
        """The corpus form: ASCII JSON, every odd character an escape anyone can read."""
        data = {
            "what": self.what,
            "commands": list(self.commands),
            "as_of": self.as_of,
            "fail_on": self.fail_on,
            "declarations": self.declarations,
            "standard_name": self.standard_name,
            "old_standard": self.old_standard,
            "new_standard": self.new_standard,
            "waivers_name": self.waivers_name,
            "waivers": self.waivers,
        }
        return json.dumps(data, indent=2, ensure_ascii=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> World:
        data = json.loads(text)
        return cls(**{**data, "commands": tuple(data.get("commands", cls.commands))})


def _write(path: str, text: str) -> None:
    # A name with surrogate escapes becomes its original bytes (os.fsencode).
    with open(os.fsencode(path), "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def load_corpus(folder: Path) -> list[tuple[str, World]]:
    """Every stored world of ``folder``, by file name."""
    return [(path.name, World.from_json(path.read_text(encoding="utf-8"))) for path in sorted(folder.glob("*.json"))]


def dump(data: Any, as_json: bool = False) -> str:
    """``data`` (dicts, lists, text, numbers, ``Raw``) as a YAML file in block style, or as JSON."""
    if as_json:
        return _flow(data) + "\n"
    return "\n".join(_block(data, "")) + "\n"


_PLAIN = re.compile(r"[a-z][a-z0-9_]*(-[a-z0-9_]+)*|[A-Z][A-Z0-9]*(-[A-Z0-9]+)+|[a-z]+/v1")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _scalar(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML11_WORDS:
        return value
    return quoted(value)


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: printable characters as they are, the rest
    (controls, line and paragraph separators, non-characters) as escapes."""
    out = []
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif (
            0x20 <= code < 0x7F or (0xA0 <= code <= 0xFFFD and code not in (0x2028, 0x2029, 0xFEFF)) or code >= 0x10000
        ):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}")
    return '"' + "".join(out) + '"'


def _block(value: Any, indent: str) -> list[str]:
    if isinstance(value, dict) and value:
        lines = []
        for key, item in value.items():
            head = f"{indent}{_scalar(key)}:"
            if isinstance(item, (dict, list)) and item:
                lines.append(head)
                lines += _block(item, indent + "  ")
            else:
                lines.append(f"{head} {_inline(item)}")
        return lines
    if isinstance(value, list) and value:
        lines = []
        for item in value:
            if isinstance(item, (dict, list)) and item:
                inner = _block(item, indent + "  ")
                lines.append(f"{indent}- {inner[0].lstrip()}")
                lines += inner[1:]
            else:
                lines.append(f"{indent}- {_inline(item)}")
        return lines
    return [indent + _inline(value)]


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{_flow(str(key)) if not isinstance(key, Raw) else key}: {_flow(item)}" for key, item in value.items()
            )
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, str) and not isinstance(value, Raw):
        return json.dumps(value)  # ASCII: JSON's \\u escapes, surrogate pairs included
    return _scalar(value)
