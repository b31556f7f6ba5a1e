"""Helpers of the loader's tests: the comparison of its two paths (the fast path, libyaml, must
give exactly what the careful path, ruamel's pure-Python parser, gives, or decline) and its data
as plain values."""

from __future__ import annotations

import math
import os
import platform
from typing import Any

import pytest

from pkcheck.diagnostics import InputError
from pkcheck.load import fastload, yamlio
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.tree import LocatedDict, LocatedList

# Set to 1 to let the comparisons skip where ruamel's libyaml extension is missing: otherwise
# they fail there, since on CPython the extension is a declared dependency (ruamel.yaml[libyaml])
# and a missing one means a broken install, whose fast path was never tested.
WITHOUT_LIBYAML = "PKCHECK_TESTS_WITHOUT_LIBYAML"


def require_fast_path() -> None:
    """Fail the test when the fast path is missing where it is expected; skip it on another
    Python (PyPy has no such extension) or when ``PKCHECK_TESTS_WITHOUT_LIBYAML=1`` says so."""
    if fastload.CParser is not None:
        return
    if os.environ.get(WITHOUT_LIBYAML) == "1":
        pytest.skip(f"ruamel's libyaml extension is not installed ({WITHOUT_LIBYAML}=1)")
    if platform.python_implementation() != "CPython":
        pytest.skip(f"ruamel's libyaml extension is for CPython, not {platform.python_implementation()}")
    pytest.fail(
        "ruamel's libyaml extension (ruamel.yaml[libyaml]) is not installed, so the loader's fast path "
        f"cannot be compared with the careful path; install it, or set {WITHOUT_LIBYAML}=1 to skip"
    )


def same(fast: Any, careful: Any, where: str = "") -> None:
    """Equal values of equal types, and equal positions, all the way down."""
    assert type(fast) is type(careful), f"{where}: {type(fast).__name__} != {type(careful).__name__}"
    if isinstance(fast, LocatedDict):
        assert fast.position == careful.position, where
        assert list(fast) == list(careful), where
        assert fast.key_positions == careful.key_positions, where
        assert fast.value_positions == careful.value_positions, where
        for key in fast:
            same(fast[key], careful[key], f"{where}.{key}")
    elif isinstance(fast, LocatedList):
        assert fast.position == careful.position, where
        assert fast.item_positions == careful.item_positions, where
        assert len(fast) == len(careful), where
        for index, (left, right) in enumerate(zip(fast, careful, strict=True)):
            same(left, right, f"{where}[{index}]")
    else:
        assert fast == careful or (_is_nan(fast) and _is_nan(careful)), where


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def compare(text: str, limits: Limits = DEFAULT_LIMITS) -> bool:
    """Whether the fast path took ``text``; if it did, its result equals the careful one.
    The checks the loader makes before parsing come first, as in ``yamlio.load``."""
    require_fast_path()
    try:
        yamlio.check_version("<text>", text)
        yamlio.check_line_length("<text>", text, limits)
        yamlio.check_flow_depth("<text>", text, limits)
    except InputError:
        return False  # refused before either path parses it
    fast = fastload.load(text, limits)
    if fast is None:
        return False
    try:
        careful = yamlio._careful_load("<text>", text, limits)
    except InputError as error:
        pytest.fail(f"the fast path read a file the careful path refuses: {error}")
    same(fast[0], careful[0])
    assert fast[1] == careful[1]
    return True


def plain(value: Any) -> Any:
    """Located data as plain dicts and lists, as JSON would hold it."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value
