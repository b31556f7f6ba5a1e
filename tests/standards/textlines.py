"""Find expected line numbers by their text, so that editing a data file cannot shift them silently."""

from __future__ import annotations

from pathlib import Path


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the only line of ``path`` that contains ``text`` (or, with a leading
    ``=``, that is exactly the rest of ``text``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if text.startswith("="):
        found = [n for n, line in enumerate(lines, 1) if line == text[1:]]
    else:
        found = [n for n, line in enumerate(lines, 1) if text in line]
    assert len(found) == 1, f"{text!r} is on lines {found} of {path}"
    return found[0]
