"""Time and peak memory of ``pkcheck check`` on hostile inputs (run: python bench/limits.py).

Each input is generated in a temporary folder and checked in a fresh process; the table gives
the exit code, the wall time, the peak resident memory of the child and the first error line.
Every one must end in seconds with exit code 2. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNIT = "pkcheck: declaration/v1\nunit:\n  id: XT-INF-01\n  country: XT\n  type: infantry-battalion\n"
BOMB = "x-bomb:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  {b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


def _inputs(folder: Path) -> dict[str, Path]:
    made = {
        "alias bomb (10^9 values)": UNIT + BOMB,
        "block nesting 3,000 deep": UNIT
        + "x-deep:\n"
        + "".join("  " * i + "-\n" for i in range(3000))
        + "  " * 3000
        + "x\n",
        "flow nesting 5,000 deep": UNIT + "x-deep: " + "[" * 5000 + "]" * 5000 + "\n",
        "one line of 10 MB": UNIT + "x-long: [" + "1, " * 3_333_333 + "1]\n",
        "3 million values, one a line (9 MB)": UNIT + "x-many:\n" + "- 1\n" * 2_300_000,
    }
    paths = {}
    for number, (name, text) in enumerate(made.items()):
        paths[name] = folder / f"input-{number}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    huge = folder / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse
    paths["200 MB file"] = huge
    return paths


def _run(path: Path) -> tuple[int, float, int, str]:
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "pkcheck", "check", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    output = process.stdout.read() + process.stderr.read()  # type: ignore[union-attr]
    first = next((line.strip() for line in output.splitlines() if str(path) + ":" in line), "")
    return os.waitstatus_to_exitcode(status), elapsed, usage.ru_maxrss // 1024, first.replace(str(path), "FILE")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'input':38} exit   time  peak MB  message")
        for name, path in _inputs(Path(folder)).items():
            code, elapsed, peak, message = _run(path)
            print(f"{name:38} {code:4} {elapsed:6.2f}s {peak:8}  {message[:100]}")


if __name__ == "__main__":
    main()
