"""Hypothesis strategies that mutate real files: the bad-input corpus, the examples and the
standards, byte by byte and structure by structure.

Byte mutations reach the reader and the YAML parser (encodings, syntax, limits); structural
ones keep the file parseable and reach the models and the checks (wrong types, odd values,
missing and unknown keys).
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from pkcheck.diagnostics import InputError
from pkcheck.load.yamlio import load

REPO = Path(__file__).resolve().parents[2]

# Fragments that mean something to a reader, a YAML parser or a model: structure, anchors,
# tags, directives, odd numbers and dates, encodings and control bytes.
TOKENS = [
    b": ",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"\n",
    b"\t",
    b"  ",
    b"#",
    b"---\n",
    b"...\n",
    b"&a ",
    b"*a",
    b"<<: *a",
    b"!!int ",
    b"!!str ",
    b"!!float ",
    b"!!python/object/apply:os.system ['true']",
    b"!custom ",
    b"%YAML 1.2\n---\n",
    b"%YAML 1.1\n",
    b"%TAG ! tag:x,2002:\n",
    b"?",
    b"|\n",
    b">-\n",
    b'"',
    b"'",
    b"\\",
    b"\\u00e9",
    b"\\ud83d",
    b"null",
    b"~",
    b"true",
    b"NO",
    b".nan",
    b"-.inf",
    b".inf",
    b"1e999",
    b"-1",
    b"0x1f",
    b"0o17",
    b"1_000",
    b"99999999999999999999",
    b"2026-02-30",
    b"2026-13-01",
    b"0000-00-00",
    b"2026-11-26T10:00:00Z",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"\x07",
    b"\x85",
    b"\xe2\x80\xa8",
    b"\r\n",
    b"\r",
    b"x-extra: 1\n",
    b"pkcheck: declaration/v1\n",
]


def _kind(text: str) -> str | None:
    for line in text.splitlines()[:40]:
        stripped = line.strip().lstrip("{").strip()
        if stripped.startswith(("pkcheck:", '"pkcheck"')):
            return stripped.split(":", 1)[1].strip().strip('",').strip("'")
    return None


def _files(*folders: str) -> list[Path]:
    found = []
    for folder in folders:
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".yml", ".json") and path.name != "expected.yaml":
                found.append(path)
    return found


def seeds(kind: str) -> list[bytes]:
    """The bytes of every stored file of this kind (``declaration/v1`` includes the bad-input
    corpus, whatever its kind line says, since most of it is meant as a declaration)."""
    chosen = []
    for path in _files("tests/data/inputs", "examples", "standards", "tests/data/standards"):
        raw = path.read_bytes()
        in_corpus = path.parent.name == "inputs"
        if (kind == "declaration/v1" and in_corpus) or _kind(raw.decode("utf-8", "replace")) == kind:
            chosen.append(raw)
    return chosen


@st.composite
def byte_mutants(draw: st.DrawFn, pool: list[bytes]) -> bytes:
    """A seed file with one to eight byte edits: deletions, insertions of tokens or random
    bytes, overwrites, and copies of a slice elsewhere."""
    data = bytearray(draw(st.sampled_from(pool)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["delete", "token", "bytes", "overwrite", "copy"]))
        if edit == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif edit == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif edit == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif edit == "overwrite" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif edit == "copy" and data:
            start = draw(st.integers(0, len(data) - 1))
            data[at:at] = data[start : start + draw(st.integers(1, 200))]
    return bytes(data)


def plain(raw: bytes) -> Any:
    """A seed's data as plain Python, or None when pkcheck's own reader refuses the seed (an
    alias bomb would expand to billions of values here)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.yaml"
        path.write_bytes(raw)
        try:
            data = load(str(path)).data
        except InputError:
            return None
    return json.loads(json.dumps(data, default=str))


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_paths(value, (*prefix, index)))
    return found


_KEYS = st.sampled_from(
    [
        "id",
        "type",
        "unit",
        "total",
        "women",
        "roles",
        "course",
        "trained",
        "completed",
        "expires",
        "item",
        "quantity",
        "serviceable",
        "lease",
        "facility",
        "staff",
        "beds",
        "issued",
        "x-note",
        "pkcheck",
        "check",
        "requirements",
        "extends",
        "overrides",
        "parameters",
        "min",
        "coverage",
        "__class__",
    ]
) | st.text(max_size=12)
_NUMBERS = st.integers(-(10**20), 10**20) | st.floats() | st.sampled_from([0, 1, 10_000_000, 10_000_001, -1])
_DATES = st.dates().map(str) | st.sampled_from(["2026-02-30", "2026-11-26", "26-11-2026", "2026-1-1"])
_TEXTS = st.text(max_size=20) | st.sampled_from(
    [
        "un-cptm",
        "ambulance",
        "infantry-battalion",
        "ceil(personnel.total / 100)",
        "__import__('os').system('true')",
        "1e999",
        "value('a')",
        "XA",
        "level-1",
    ]
)
SCALARS = st.none() | st.booleans() | _NUMBERS | _DATES | _TEXTS
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3), max_leaves=6
)


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


@st.composite
def structural_mutants(draw: st.DrawFn, pool: list[Any]) -> bytes:
    """A parsed seed with one to four edits (a value replaced, a key removed, renamed or added,
    a list entry duplicated), written back as YAML or JSON."""
    data = json.loads(json.dumps(draw(st.sampled_from(pool)), default=str))  # a deep copy, dates as text
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        parent, last = _at(data, path[:-1]), path[-1]
        edit = draw(st.sampled_from(["replace", "remove", "rename", "add", "duplicate"]))
        if edit == "replace":
            parent[last] = draw(VALUES)
        elif edit == "remove":
            del parent[last]
        elif edit == "rename" and isinstance(parent, dict):
            parent[draw(_KEYS)] = parent.pop(last)
        elif edit == "add" and isinstance(parent, dict):
            parent[draw(_KEYS)] = draw(VALUES)
        elif edit == "duplicate" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[last])))
    if draw(st.booleans()):
        return json.dumps(data, allow_nan=True).encode()
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    return stream.getvalue().encode()
