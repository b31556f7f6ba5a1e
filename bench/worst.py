"""The worst inputs for the regular expressions pkcheck applies to file content.

Each is built to make one pattern do the most work it can: a long run that almost matches and
fails at its end, or that a search tries again from every starting point. A pattern that runs
in linear time reads each in milliseconds; a quadratic one takes minutes at 200,000
characters, and an exponential one never finishes. Used by ``bench/benchmark.py`` (each
document through ``pkcheck check``) and by ``tests/unit/test_linear_patterns.py``.
"""

from __future__ import annotations

UNIT = "pkcheck: declaration/v1\nunit:\n  id: XT-INF-01\n  country: XT\n  type: infantry-battalion\n"


def values(size: int = 200_000) -> dict[str, str]:
    """Name -> one value (as written after ``key: ``) of about ``size`` characters: numbers
    and YAML 1.1 look-alikes that fail at their last character, and runs of indicators."""
    third = size // 3
    return {
        # YAML 1.1 warnings (pkcheck/load/yaml11.py) and the fast path's number patterns.
        "leading zero, nines, then `x`": "0" + "9" * size + "x",
        "leading zero, sevens, then `8x`": "0" + "7" * size + "8x",
        "a long octal number": "0" + "7" * size,
        "a long leading-zero decimal": "0" + "9" * size,
        "`0o`, sevens, then `x`": "0o" + "7" * size + "x",
        "base 60, then `x`": "1" + ":59" * third + "x",
        "base 60 with a long first field": "1" + "0" * size + ":00",
        "base 60 float, then `x`": "1" + ":59" * third + ".5x",
        "digits and separators, then `x`": "1" + "_" * size + "x",
        "a fraction, then `e`": "1." + "0" * size + "e",
        "`+` and separators": "+" + "_" * size,
        # The fast path's checks of block scalar headers, anchors and tags.
        "`|` and digits, no `#`": "|" + "1" * size,
        "an anchor name of letters, then `?`": "&" + "a" * size + "? b",
        "a quoted run of `|`": '"' + "|" * size + '"',
        "a quoted run of `&a`": '"' + "&a" * (size // 2) + '"',
        "a quoted run of ` !`": '"' + " !" * (size // 2) + 'a"',
        # The flow depth, counted before parsing (pkcheck/load/yamlio.py).
        "a quoted run of `[`": "'" + "[" * size + "'",
    }


def documents(size: int = 200_000) -> dict[str, str]:
    """Name -> a whole declaration file: one for each value, and the patterns that look at
    whole lines (nesting depth, the version directive, the folder search's ``pkcheck:`` key)."""
    half = size // 2
    made = {name: f"{UNIT}x-a: {value}\n" for name, value in values(size).items()}
    made.update(
        {
            "30 `!` on a line, then a 400-character line": UNIT + "!" * 30 + "\n" + "x-a: " + "a" * 400 + "\n",
            "a line of `!`": UNIT + "!" * size + "\n",
            "a line of `&`": UNIT + "&" * size + "\n",
            "a line of `!a-`": UNIT + "!a-" * (size // 3) + "\n",
            "a line of `- `": UNIT + "- " * half + "\n",
            "`%YAML` and blanks": "%YAML" + " \t" * half + "1.1\n---\n" + UNIT,
            "many `%YAML` lines": "%YAML 1.2\n" * (size // 10) + "---\n" + UNIT,
            "blanks, then `pkcheck` many times": " " * half + "pkcheck" * (half // 7) + "\n" + UNIT,
        }
    )
    return made
