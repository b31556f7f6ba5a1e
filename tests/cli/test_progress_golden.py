"""Golden outputs of ``pkcheck progress`` on the shipped example (``examples/progress/``), in
every format, compared byte for byte; the French text and page too. The page is also rendered
in headless Chromium, as the check report's is (``test_html_report.py``).

``tests/golden/progress/example.<suffix>`` holds each format as for a pipe (text at 100
columns), ``example-80.txt`` the text at 80 columns (every line within them), and
``fr/example-80.txt`` and ``fr/example.html`` the French. When a change is intended:

    PKCHECK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_progress_golden.py
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_golden import GOLDEN, _compare
from test_html_report import CHROMIUM, CHROMIUM_FLAGS, _parse, _visible

from pkcheck.version import __version__

PROGRESS = GOLDEN / "progress"
REPORTS = (
    "examples/progress/2026-06-01.json",
    "examples/progress/2026-11-26.json",
    "examples/progress/2027-07-01.json",
)
FORMATS = {"txt": "text", "json": "json", "csv": "csv", "md": "markdown", "html": "html"}
NARROW = 80


def _run(cli: Any, suffix: str, *args: str, env: dict[str, str] | None = None) -> Any:
    run = cli(*args, "progress", *reversed(REPORTS), "-f", FORMATS[suffix], env=env or {})
    assert run.exit_code == 0, run.stderr
    return run


def _fits(text: str) -> None:
    for line in text.splitlines():
        assert len(line) <= NARROW or len(line.split()) == 1, f"{len(line)} > {NARROW} columns: {line!r}"


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_golden(cli: Any, suffix: str) -> None:
    actual = _run(cli, suffix).stdout_bytes
    if suffix == "json":  # the version of pkcheck that writes it, which a release changes
        assert json.loads(actual)["tool"]["version"] == __version__
        actual = actual.replace(f'"version": "{__version__}"'.encode(), b'"version": "VERSION"', 1)
    _compare(PROGRESS / f"example.{suffix}", actual)


def test_golden_at_80_columns(cli: Any) -> None:
    run = _run(cli, "txt", env={"COLUMNS": str(NARROW)})
    _fits(run.stdout)
    _compare(PROGRESS / f"example-{NARROW}.txt", run.stdout_bytes)


def test_golden_in_french(cli: Any) -> None:
    run = _run(cli, "txt", "--lang", "fr", env={"COLUMNS": str(NARROW)})
    _fits(run.stdout)
    assert "du 26 novembre 2026 au 1 juillet 2027\u00a0: toujours prête sous conditions" in run.stdout
    _compare(PROGRESS / "fr" / f"example-{NARROW}.txt", run.stdout_bytes)
    page = _run(cli, "html", "--lang", "fr").stdout_bytes
    assert b'<html lang="fr">' in page
    _compare(PROGRESS / "fr" / "example.html", page)


def test_progress_golden_files_are_all_used() -> None:
    expected = {f"example.{suffix}" for suffix in FORMATS} | {f"example-{NARROW}.txt"}
    assert {p.name for p in PROGRESS.iterdir() if p.is_file()} == expected
    assert {p.name for p in (PROGRESS / "fr").iterdir()} == {f"example-{NARROW}.txt", "example.html"}


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (.ci/run installs it)")
def test_chromium_renders_the_page_offline(cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "progress.html"
    page.write_bytes(_run(cli, "html").stdout_bytes)
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()]
    run = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    text = _visible(_parse(run.stdout))
    assert "Progress of 3 units over 3 assessments, from 2026-06-01 to 2027-07-01" in text
    assert "2026-11-26 to 2027-07-01: still conditional" in text
    assert "opened: INF-EQP-003 (major)" in text
    assert run.stdout.count("<svg") == 6
    shot = tmp_path / "shot.png"
    command[-2:-1] = [f"--screenshot={shot}", "--window-size=900,1600", "--hide-scrollbars"]
    assert subprocess.run(command, capture_output=True, timeout=180, check=False, cwd=tmp_path).returncode == 0
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
