"""The standards shipped with pkcheck, parsed ahead: every run reads the whole shipped library,
and parsing its YAML took a tenth of the time of checking one declaration.

``parsed.json`` beside this module holds, for each file of the shipped standards folder (not
the companions of translations, which only a run in their language reads), the ``digest`` of
its bytes and its data as the loader builds it, positions included, with the loader's warnings.
``known(digest, limits)`` gives that data for a file whose bytes have that digest: the same
bytes parse to the same data, wherever the file is. It gives nothing for any other file, and
nothing when a run's limits are tighter than the defaults the index was parsed with (a limit
can only refuse a file, so a larger one reads it the same), so such files are parsed as always.
The file is read as data (JSON), never run.

``python -m pkcheck.load.parsed`` writes the index again after a shipped file changes, and
``--check`` says whether it is up to date (a test holds it so).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.tree import LocatedDict, LocatedList

INDEX = Path(__file__).with_name("parsed.json")
FORMAT = 1  # bumped when the encoding or the loader's data changes shape
_MAPPING, _SEQUENCE = 0, 1

Parsed = tuple[Any, list[tuple[int, int, str]]]  # the data and the loader's warnings, as ``_parse`` gives them


def known(digest: bytes, limits: Limits) -> Parsed | None:
    """The data of the shipped file whose bytes have ``digest``, if there is one and the limits
    are at least the defaults; else None."""
    if not _generous(limits):
        return None
    entry = _index().get(digest.hex())
    if entry is None:
        return None
    return decode(entry["data"]), [(line, column, message) for line, column, message in entry["warnings"]]


def _generous(limits: Limits) -> bool:
    return (
        limits.max_nodes >= DEFAULT_LIMITS.max_nodes
        and limits.max_depth >= DEFAULT_LIMITS.max_depth
        and limits.max_line_length >= DEFAULT_LIMITS.max_line_length
    )


@cache
def _index() -> dict[str, Any]:
    """Digest (hex) -> entry; empty when the index is missing, unreadable or of another format,
    which only costs the time it saves."""
    try:
        index = json.loads(INDEX.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(index, dict) or index.get("format") != FORMAT or not isinstance(index.get("files"), dict):
        return {}
    entries = index["files"].values()
    if not all(_well_formed(entry) for entry in entries):
        return {}
    return {entry["digest"]: entry for entry in entries}


def _well_formed(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("digest"), str)
        and isinstance(entry.get("data"), list)
        and isinstance(entry.get("warnings"), list)
        and all(isinstance(warning, list) and len(warning) == 3 for warning in entry["warnings"])
    )


def encode(value: Any) -> Any:
    """Located data as flat JSON lists: a mapping is ``[0, line, column, then key, key line, key
    column, value line, value column, value for each pair]``, a sequence ``[1, line, column, then
    item line, item column, item for each item]``; a plain value is itself (the loader gives
    text, numbers, booleans and nulls only, so a list is always one of these two)."""
    if isinstance(value, LocatedDict):
        flat: list[Any] = [_MAPPING, *value.position]
        for key, item in value.items():
            flat += [key, *value.key_positions[key], *value.value_positions[key], encode(item)]
        return flat
    if isinstance(value, LocatedList):
        flat = [_SEQUENCE, *value.position]
        for position, item in zip(value.item_positions, value, strict=True):
            flat += [*position, encode(item)]
        return flat
    return value


def decode(flat: Any) -> Any:
    """The located data ``encode`` wrote."""
    if type(flat) is not list:
        return flat
    if flat[0] == _MAPPING:
        mapping = LocatedDict((flat[1], flat[2]))
        keys, values = mapping.key_positions, mapping.value_positions
        for at in range(3, len(flat), 6):
            key = flat[at]
            keys[key] = (flat[at + 1], flat[at + 2])
            values[key] = (flat[at + 3], flat[at + 4])
            mapping[key] = decode(flat[at + 5])
        return mapping
    sequence = LocatedList((flat[1], flat[2]))
    positions = sequence.item_positions
    for at in range(3, len(flat), 3):
        positions.append((flat[at], flat[at + 1]))
        sequence.append(decode(flat[at + 2]))
    return sequence


def build(folder: Path) -> str:
    """The index of the files of ``folder`` (the shipped standards), as JSON text."""
    from pkcheck.load.yamlio import digest, read_parsed

    files: dict[str, Any] = {}
    for path in _indexed_files(folder):
        raw, (data, warnings) = read_parsed(str(path), DEFAULT_LIMITS)
        files[path.name] = {"digest": digest(raw).hex(), "data": encode(data), "warnings": warnings}
    return json.dumps({"format": FORMAT, "files": files}, ensure_ascii=False, separators=(",", ":")) + "\n"


def _indexed_files(folder: Path) -> list[Path]:
    """The files a run reads whatever its language: standards and vocabularies, not companions."""
    from pkcheck.models.common import TRANSLATED_LANGUAGES

    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in (".yaml", ".yml", ".json")
        and not path.name.startswith(".")
        and path.stem.rpartition(".")[2] not in TRANSLATED_LANGUAGES
    )


def main(argv: list[str]) -> int:
    from pkcheck.library.standards import shipped_folder
    from pkcheck.output import write_atomic

    text = build(shipped_folder())
    if argv == ["--check"]:
        current = INDEX.read_text(encoding="utf-8") if INDEX.is_file() else ""
        if current != text:
            print(f"{INDEX} is out of date: run `python -m pkcheck.load.parsed`", file=sys.stderr)
            return 1
        print(f"{INDEX} is up to date")
        return 0
    write_atomic(str(INDEX), text)
    print(f"wrote {INDEX}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
