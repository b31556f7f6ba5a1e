"""Expand the paths given on the command line into the declaration files to check, or the test suites to run."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

SUFFIXES = (".yaml", ".yml", ".json")
# Files of another pkcheck kind are skipped when found in a folder (a waivers file beside the
# declarations it waives is common); named explicitly, they are reported as the wrong kind.
# The `pkcheck:` key may follow a byte-order mark, a header comment of any length, or a JSON
# `{` (minified JSON has the whole file on that line). `[ \t]`, not `\s`: a pattern that can
# cross lines would backtrack quadratically over a long run of blank lines.
_OTHER_KIND = re.compile(
    r"""^[ \t]*(?:\{[ \t]*)?["']?pkcheck["']?[ \t]*:[ \t]*["']?(standard|waivers|test|vocabulary|report|test-report)/""", re.MULTILINE
)
_SUITE_KIND = re.compile(r"""^[ \t]*(?:\{[ \t]*)?["']?pkcheck["']?[ \t]*:[ \t]*["']?test/v1\b""", re.MULTILINE)
_HEAD_BYTES = 256 * 1024  # far more than any header comment


def expand(paths: Sequence[str]) -> list[str]:
    """Files as given, folders searched recursively for declarations; sorted within a folder,
    each file once, in the order the paths were given."""
    return _expand(paths, _is_declaration_candidate)


def visible(path: Path, root: str) -> bool:
    """Hidden files and folders (``.git``, ``.venv``) below a searched folder are skipped."""
    return not any(part.startswith(".") for part in path.relative_to(root).parts)


def expand_suites(paths: Sequence[str]) -> list[str]:
    """Files as given, folders searched recursively for test suites (``pkcheck: test/v1``);
    the declarations and waivers beside them are skipped."""
    return _expand(paths, _is_suite)


def _expand(paths: Sequence[str], wanted: Callable[[Path], bool]) -> list[str]:
    found: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            found.extend(str(p) for p in sorted(Path(path).rglob("*")) if visible(p, path) and wanted(p))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _head(path: Path) -> str | None:
    """The start of a candidate file, or None when it cannot be read (the loader reports that)."""
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD_BYTES).decode("utf-8-sig", "replace")
    except OSError:
        return None


def _is_declaration_candidate(path: Path) -> bool:
    if path.suffix not in SUFFIXES or not path.is_file():
        return False
    head = _head(path)
    return head is None or not _declares(_OTHER_KIND, head)


def _is_suite(path: Path) -> bool:
    if path.suffix not in SUFFIXES or not path.is_file():
        return False
    head = _head(path)
    return head is not None and _declares(_SUITE_KIND, head)


def _declares(kind: re.Pattern[str], head: str) -> bool:
    """Whether a line of ``head`` that mentions ``pkcheck`` starts with the key ``kind`` wants.
    Only those lines are tried: searching the whole text with the pattern took half a
    millisecond per declaration, a tenth of checking it, in the process that hands out the work.
    Each line is tried once, however often it mentions ``pkcheck``: trying it again for every
    mention would take quadratic time on a long line of them."""
    at = head.find("pkcheck")
    while at != -1:
        if kind.match(head, head.rfind("\n", 0, at) + 1):
            return True
        end = head.find("\n", at)
        if end == -1:
            return False
        at = head.find("pkcheck", end)
    return False
