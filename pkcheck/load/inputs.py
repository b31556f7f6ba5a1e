"""Expand the paths given on the command line into the declaration files to check, or the test
suites to run; and tell whether a file about to be written is one of the files a run reads."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from pkcheck.enums import OUTPUT_KINDS, FileKind

SUFFIXES = (".yaml", ".yml", ".json")
# Files of another pkcheck kind are skipped when found in a folder (a waivers file beside the
# declarations it waives is common); named explicitly, they are reported as the wrong kind.
# The `pkcheck:` key may follow a byte-order mark, a header comment of any length, or a JSON
# `{` (minified JSON has the whole file on that line). `[ \t]`, not `\s`: a pattern that can
# cross lines would backtrack quadratically over a long run of blank lines.
_KEY = r"""^[ \t]*(?:\{[ \t]*)?["']?pkcheck["']?[ \t]*:[ \t]*["']?"""


def _any_of(kinds: Iterable[FileKind]) -> str:
    """A pattern for the kinds' families (any version): ``(?:standard|waivers)/``."""
    return "(?:" + "|".join(re.escape(kind.family) for kind in kinds) + ")/"


_OTHER_KIND = re.compile(_KEY + _any_of(k for k in FileKind if k is not FileKind.DECLARATION), re.MULTILINE)
_SUITE_KIND = re.compile(_KEY + re.escape(FileKind.TEST.value) + r"\b", re.MULTILINE)
_REPORT_KIND = re.compile(_KEY + _any_of(OUTPUT_KINDS), re.MULTILINE)
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


def _is_standards_folder_file(path: Path) -> bool:
    """A file a standards folder is read for: any YAML or JSON file but a report pkcheck wrote."""
    if path.suffix not in SUFFIXES or not path.is_file():
        return False
    head = _head(path)
    return head is None or not _declares(_REPORT_KIND, head)


class Search(NamedTuple):
    """How a folder is searched for the files of one kind."""

    wanted: Callable[[Path], bool]
    recursive: bool = True


DECLARATIONS = Search(_is_declaration_candidate)  # as ``expand`` searches
STANDARDS = Search(_is_standards_folder_file, recursive=False)  # as the standards library reads a folder


class Read(NamedTuple):
    """Paths a command reads, as what (``a declaration``), and how a folder among them is searched
    (None: only files are named)."""

    what: str
    paths: Sequence[str]
    search: Search | None = None


def read_as(target: str, inputs: Iterable[Read]) -> str | None:
    """What the file ``target``, about to be written, is also read as, or None: one of the files
    the inputs name (compared as files: ``a.yaml``, ``./a.yaml`` and a link to it are one file),
    or a file a folder among them is searched for. A target that does not exist is no input."""
    if not os.path.exists(target):
        return None
    for read in inputs:
        for path in read.paths:
            if os.path.isdir(path):
                if read.search is not None and _found_in(target, path, read.search):
                    return read.what
            elif os.path.exists(path) and os.path.samefile(target, path):
                return read.what
    return None


def _found_in(target: str, folder: str, search: Search) -> bool:
    """Whether searching ``folder`` finds ``target``: below it (as written, or with every link
    resolved), not hidden, directly inside it for a search that does not recurse, and wanted."""
    for resolve in (os.path.abspath, os.path.realpath):
        path, root = Path(resolve(target)), resolve(folder)
        if path.is_relative_to(root) and visible(path, root) and (search.recursive or path.parent == Path(root)):
            return search.wanted(path)
    return False
