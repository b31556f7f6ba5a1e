"""Inputs and outputs that are not regular files: pipes (``/dev/stdin``, a FIFO), devices
(``/dev/zero``, ``/dev/null``, ``/dev/full``) and standard output as ``-``; and outputs named
as one of the run's own inputs.

A pipe has no size to check beforehand: it is read up to the limit and refused past it, never
cut short. An output that is not a regular file is written in place, never renamed over. FIFOs
are made in ``tmp_path`` and fed or drained by a thread. Devices are used where the system has
them; as root, private copies of ``/dev/null`` and ``/dev/full`` are made in ``tmp_path``, so
that no mistake can replace the system's own."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pkcheck.diagnostics import InputError
from pkcheck.load.limits import Limits
from pkcheck.load.yamlio import read_bytes

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-26"
EXAMPLE = REPO / "examples" / "xa-inf-01-ready.yaml"
LIMIT = ("--max-file-size", "40KB")  # above every shipped standard, which is read under it too
PADDING = "# " + "padding " * 5000 + "\n"  # 40,003 bytes: with it, the example or waivers is over LIMIT


def _fifo(tmp_path: Path, name: str = "pipe.yaml") -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def _feed(fifo: Path, data: bytes) -> None:
    """Write ``data`` into ``fifo`` from a thread, once a reader opens it; a reader that stops
    early (at the limit) closes the pipe, which is no error here."""

    def write() -> None:
        try:
            with fifo.open("wb") as pipe:
                pipe.write(data)
        except BrokenPipeError:
            pass

    threading.Thread(target=write, daemon=True).start()


def _drain(fifo: Path) -> Callable[[], bytes]:
    """Read ``fifo`` to its end in a thread; the function returned gives what was read."""
    got: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as pipe:
            got.append(pipe.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()

    def result() -> bytes:
        thread.join(timeout=30)  # never reached unless the pipe was not written (then: b"")
        return got[0] if got else b""

    return result


def _padded_example() -> bytes:
    """The example with a long comment before its last lines: cut at the limit, it would
    still parse, and lose what follows."""
    text = EXAMPLE.read_text(encoding="utf-8")
    return (PADDING + text).encode("utf-8")


# Reading


def test_a_pipe_over_the_limit_is_refused_not_cut(cli: Any, tmp_path: Path) -> None:
    fifo = _fifo(tmp_path)
    _feed(fifo, _padded_example())
    run = cli("check", str(fifo), "--as-of", AS_OF, *LIMIT)
    assert run.exit_code == 2
    assert f"{fifo}:1:1: file is larger than the limit of 40,960 bytes (--max-file-size)" in run.stdout


def test_a_pipe_under_the_limit_reads_as_the_file_does(cli: Any, tmp_path: Path) -> None:
    fifo, regular = _fifo(tmp_path), tmp_path / "regular.yaml"
    regular.write_bytes(_padded_example())
    _feed(fifo, _padded_example())
    piped = cli("check", str(fifo), "--as-of", AS_OF, "--max-file-size", "64KB", "-f", "json")
    read = cli("check", str(regular), "--as-of", AS_OF, "--max-file-size", "64KB", "-f", "json")
    assert piped.json()["results"][0]["verdict"] == "ready"
    assert piped.stdout.replace(str(fifo), "PATH") == read.stdout.replace(str(regular), "PATH")


@pytest.mark.parametrize(
    ("option", "source"),
    [
        ("--waivers", REPO / "examples" / "waivers.yaml"),
        ("--standard", REPO / "standards" / "un-infantry-battalion.yaml"),
    ],
)
def test_waivers_and_standards_from_a_pipe_are_held_to_the_limit(
    cli: Any, tmp_path: Path, option: str, source: Path
) -> None:
    fifo = _fifo(tmp_path)
    _feed(fifo, source.read_bytes() + PADDING.encode("utf-8"))
    run = cli("check", str(EXAMPLE), "--as-of", AS_OF, option, str(fifo), *LIMIT)
    assert run.exit_code == 2
    assert f"{fifo}:1:1: file is larger than the limit of 40,960 bytes (--max-file-size)" in run.stderr


def test_a_file_grown_since_its_size_was_taken_is_refused_not_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size the system gives (here, one made stale) is only a first check: the limit holds
    on what is read."""
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"x-line: 1\n" * 100)
    real_stat, real_fstat = os.stat, os.fstat

    def stale(status: os.stat_result) -> os.stat_result:
        fields = list(status[:10])
        fields[stat.ST_SIZE] = 10
        return os.stat_result(fields)

    monkeypatch.setattr(os, "stat", lambda *args, **kwargs: stale(real_stat(*args, **kwargs)))
    monkeypatch.setattr(os, "fstat", lambda fd: stale(real_fstat(fd)))
    with pytest.raises(InputError) as caught:
        read_bytes(str(path), Limits(max_bytes=100))
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:1:1: file is larger than the limit of 100 bytes (--max-file-size)"
    ]


@pytest.mark.parametrize("limit", [2**50, 2**63])
def test_a_limit_beyond_any_memory_reads_files_and_pipes_as_they_are(tmp_path: Path, limit: int) -> None:
    """A limit far above any file (``--max-file-size 100GB``: no limit, in effect) is no reason
    to ask for that much memory, or for more than a read can take: the file is read whole."""
    fifo = _fifo(tmp_path)
    _feed(fifo, _padded_example())
    regular = tmp_path / "regular.yaml"
    regular.write_bytes(_padded_example())
    for path in (regular, fifo):
        assert read_bytes(str(path), Limits(max_bytes=limit)) == _padded_example(), path


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_device_ends_at_the_limit(cli: Any) -> None:
    run = cli("check", "/dev/zero", "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "/dev/zero:1:1: file is larger than the limit of 20,971,520 bytes (--max-file-size)" in run.stdout


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_an_empty_device_is_an_empty_file(cli: Any) -> None:
    run = cli("check", "/dev/null", "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "/dev/null:1:1: the file is empty (or only comments): expected a `pkcheck:` mapping" in run.stdout


# Writing


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """``/dev/NAME`` (Linux memory device 1:``minor``), or as root a copy of it in ``tmp_path``;
    skipped where it cannot be used."""
    if not sys.platform.startswith("linux"):
        pytest.skip("device numbers of Linux")
    path = Path("/dev") / name
    if os.geteuid() == 0:
        path = tmp_path / name
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    try:
        os.close(os.open(path, os.O_WRONLY))
    except OSError as exc:  # no such device, or devices are not allowed on this mount
        pytest.skip(f"{path}: {exc.strerror}")
    return path


def test_a_fifo_output_is_written_into_not_replaced(cli: Any, tmp_path: Path) -> None:
    fifo = _fifo(tmp_path, "report.json")
    received = _drain(fifo)
    run = cli("check", str(EXAMPLE), "--as-of", AS_OF, "-f", "json", "-o", str(fifo))
    assert run.exit_code == 0, run.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received() == cli("check", str(EXAMPLE), "--as-of", AS_OF, "-f", "json").stdout_bytes
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize(
    "command",
    [
        ("gaps", str(EXAMPLE), "--as-of", AS_OF, "-f", "csv"),
        ("diff", "un-core-contingent", "un-infantry-battalion"),
        ("test", "tests/data/suites/cases/failing.test.yaml"),
        ("init", "infantry-battalion", "--as-of", AS_OF),
    ],
    ids=["gaps", "diff", "test", "init"],
)
def test_every_command_writes_into_a_device(cli: Any, tmp_path: Path, command: tuple[str, ...]) -> None:
    """``init`` too, without ``--force``: a device holds nothing to overwrite."""
    null = _device(tmp_path, "null", 3)
    run = cli(*command, "-o", str(null))
    assert run.exit_code == cli(*command).exit_code, run.stderr
    assert stat.S_ISCHR(null.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["null"] if null.parent == tmp_path else [])


@pytest.mark.parametrize(
    "command", [("check", str(EXAMPLE), "--as-of", AS_OF, "-f", "sarif"), ("init", "infantry-battalion")]
)
def test_a_full_device_is_a_write_error(cli: Any, tmp_path: Path, command: tuple[str, ...]) -> None:
    full = _device(tmp_path, "full", 7)
    run = cli(*command, "-o", str(full))
    assert run.exit_code == 2
    assert f"pkcheck: error: cannot write {full}: No space left on device" in run.stderr
    assert stat.S_ISCHR(full.stat().st_mode)


def test_a_fifo_whose_reader_leaves_is_a_write_error(cli: Any, tmp_path: Path) -> None:
    """The reader takes one byte of a report larger than the pipe holds, and leaves."""
    if len(cli("check", "examples/", "--as-of", AS_OF, "-f", "html").stdout_bytes) <= _pipe_capacity():
        pytest.skip("the report fits in this system's pipes")
    fifo = _fifo(tmp_path, "report.html")

    def read_a_little() -> None:
        with fifo.open("rb") as pipe:
            pipe.read(1)

    threading.Thread(target=read_a_little, daemon=True).start()
    run = cli("check", "examples/", "--as-of", AS_OF, "-f", "html", "-o", str(fifo))
    assert run.exit_code == 2
    assert f"pkcheck: error: cannot write {fifo}: Broken pipe" in run.stderr


def test_a_link_to_a_report_stays_a_link(cli: Any, tmp_path: Path) -> None:
    """The file it points to is replaced, atomically, as the report itself would be."""
    report, link = tmp_path / "report.json", tmp_path / "latest.json"
    report.write_text("old\n", encoding="utf-8")
    link.symlink_to("report.json")
    run = cli("check", str(EXAMPLE), "--as-of", AS_OF, "-f", "json", "-o", str(link))
    assert run.exit_code == 0, run.stderr
    assert link.is_symlink()
    assert report.read_bytes() == cli("check", str(EXAMPLE), "--as-of", AS_OF, "-f", "json").stdout_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.json", "report.json"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="no /proc/self/fd")
def test_standard_output_as_a_file_name_reaches_the_file_it_is(tmp_path: Path) -> None:
    """``-o /proc/self/fd/1`` (``/dev/stdout`` is a link to it) with standard output sent to a
    file: the report ends up in that file."""
    target = tmp_path / "redirected.json"
    command = [
        sys.executable,
        "-m",
        "pkcheck",
        "check",
        str(EXAMPLE),
        "--as-of",
        AS_OF,
        "-f",
        "json",
        "-o",
        "/proc/self/fd/1",
    ]
    with target.open("wb") as stdout:
        run = subprocess.run(
            command, stdout=stdout, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)}, check=False
        )
    assert run.returncode == 0, run.stderr.decode()
    assert json.loads(target.read_text(encoding="utf-8"))["results"][0]["verdict"] == "ready"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["redirected.json"]


def _pipe_capacity() -> int:
    """How many bytes a pipe holds (64 KiB where the system cannot tell: Linux's default)."""
    read, write = os.pipe()
    try:
        return fcntl.fcntl(write, fcntl.F_GETPIPE_SZ) if hasattr(fcntl, "F_GETPIPE_SZ") else 65536
    finally:
        os.close(read)
        os.close(write)


def test_a_dash_is_standard_output(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    check = ("check", str(EXAMPLE), "--as-of", AS_OF)
    json = cli(*check, "-f", "json").stdout
    assert cli(*check, "-f", "json=-").stdout == json
    assert cli(*check, "-f", "json", "-o", "-").stdout == json
    assert cli(*check, "-f", "json=-", "-f", f"text={tmp_path / 'report.txt'}").stdout == json
    assert cli("gaps", *check[1:], "-f", "csv=-").stdout == cli("gaps", *check[1:], "-f", "csv").stdout
    assert cli("init", "infantry-battalion", "-o", "-").stdout == cli("init", "infantry-battalion").stdout
    assert (
        cli("diff", "un-core-contingent", "un-infantry-battalion", "-o", "-").stdout
        == cli("diff", "un-core-contingent", "un-infantry-battalion").stdout
    )
    assert cli("test", str(REPO / "tests/data/suites/cases/failing.test.yaml"), "-o", "-").stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_a_dash_counts_as_the_one_format_on_standard_output(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli("check", str(EXAMPLE), "-f", "text", "-f", "json=-")
    assert run.exit_code == 2
    assert "only one format can go to standard output" in run.stderr
    assert list(tmp_path.iterdir()) == []


# An output named as one of the inputs


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder with a declaration (and a link to it), a waivers file and a standards folder."""
    shutil.copy(EXAMPLE, tmp_path / "unit.yaml")
    (tmp_path / "link.yaml").symlink_to("unit.yaml")
    shutil.copy(REPO / "examples" / "waivers.yaml", tmp_path / "waivers.yaml")
    (tmp_path / "decls").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "decls" / "other.yaml")
    (tmp_path / "standards").mkdir()
    shutil.copy(REPO / "standards" / "un-core-contingent.yaml", tmp_path / "standards" / "core.yaml")
    shutil.copytree(REPO / "tests" / "data" / "suites", tmp_path / "suites")
    return tmp_path


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (("check", "unit.yaml", "-o", "./unit.yaml"), "a declaration"),
        (("check", "./unit.yaml", "-f", "json=unit.yaml"), "a declaration"),
        (("check", "unit.yaml", "-f", "sarif", "-o", "link.yaml"), "a declaration"),
        (("check", "decls", "-f", "json", "-o", "decls/other.yaml"), "a declaration"),
        (("check", "unit.yaml", "--waivers", "waivers.yaml", "-f", "text,json=waivers.yaml"), "the waivers file"),
        (("check", "unit.yaml", "--standard", "standards/core.yaml", "-o", "standards/core.yaml"), "a standard"),
        (
            ("check", "unit.yaml", "--standards-path", "standards", "-o", "standards/core.yaml"),
            "a file of the standards search path",
        ),
        (("gaps", "decls", "-f", "csv=decls/other.yaml"), "a declaration"),
        (("diff", "un-core-contingent", "standards/core.yaml", "-o", "standards/core.yaml"), "a standard"),
        (
            ("diff", "un-core-contingent", "un-core-contingent", "--against", "decls", "-o", "decls/other.yaml"),
            "a declaration",
        ),
        (("test", "suites/cases", "-o", "suites/cases/failing.test.yaml"), "a test suite"),
        (("test", "suites/cases", "-o", "suites/standards/tests/mini/no-apcs.yaml"), "a file a test suite names"),
        (("test", "suites/cases", "-o", "suites/standards/tests/mini/waivers.yaml"), "a file a test suite names"),
        (("test", "suites/cases", "-o", "suites/standards/mini.yaml"), "a file a test suite names"),
        (
            ("init", "infantry-battalion", "--force", "--standards-path", "standards", "-o", "standards/core.yaml"),
            "a file of the standards search path",
        ),
    ],
)
def test_an_output_that_is_an_input_is_a_usage_error(
    cli: Any, inputs: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], what: str
) -> None:
    """Compared as files, so that ``./unit.yaml``, ``unit.yaml`` and a link to it are one; found
    before anything is written, and before anything is read but for the files test suites name
    (their cases' declarations and waivers, a standard file), known once the suites are read."""
    monkeypatch.chdir(inputs)
    before = {path: path.read_bytes() for path in inputs.rglob("*") if path.is_file()}
    run = cli(*command, "--as-of", AS_OF) if command[0] in ("check", "gaps") else cli(*command)
    assert run.exit_code == 2
    assert f"is also an input of this run ({what}); the output would replace it" in run.stderr
    assert run.stdout == ""
    assert {path: path.read_bytes() for path in inputs.rglob("*") if path.is_file()} == before


def test_a_report_beside_the_declarations_is_no_input(cli: Any, inputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder's report is skipped when the folder is searched, so it can be replaced run
    after run; so can one in a standards folder."""
    monkeypatch.chdir(inputs)
    check = ("check", "decls", "--as-of", AS_OF, "-f", "json", "-o", "decls/report.json")
    test = (
        "test",
        "suites/cases/standard-file.test.yaml",
        "--standards-path",
        "standards",
        "-f",
        "json",
        "-o",
        "standards/results.json",
    )
    for command in (check, check, test, test):
        run = cli(*command)
        assert run.exit_code == 0, run.stderr
    assert Path("decls/report.json").read_text(encoding="utf-8").startswith('{\n  "pkcheck": "report/v1"')
    assert Path("standards/results.json").read_text(encoding="utf-8").startswith('{\n  "pkcheck": "test-report/v1"')


# Standard output itself, in the installed command (its final flush is part of the run)


def _pkcheck(*args: str, stdout: Any, unbuffered: bool = False) -> subprocess.Popen[bytes]:
    """``python -m pkcheck``, with standard output buffered as it is by default, or as
    ``PYTHONUNBUFFERED=1`` leaves it (``unbuffered``)."""
    command = [sys.executable, "-m", "pkcheck", *args]
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    environment |= {"PYTHONPATH": str(REPO), **({"PYTHONUNBUFFERED": "1"} if unbuffered else {})}
    return subprocess.Popen(command, cwd=REPO, stdout=stdout, stderr=subprocess.PIPE, env=environment)


@pytest.mark.parametrize(
    "command",
    [("check", str(EXAMPLE), "--as-of", AS_OF), ("schema", "declaration"), ("--version",)],
    ids=["written-at-the-end", "written-while-running", "version"],
)
def test_standard_output_on_a_full_device_is_a_write_error(tmp_path: Path, command: tuple[str, ...]) -> None:
    """A short report stays in the output buffer until the run ends, a long one is written
    while it runs: either way the report is lost, which is exit 2, never a silent 0 or 1 nor an
    internal error."""
    full = _device(tmp_path, "full", 7)
    with full.open("wb") as stdout:
        process = _pkcheck(*command, stdout=stdout)
        _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr.decode()) == (
        2,
        "pkcheck: cannot write standard output: No space left on device\n",
    )


def _sleeping(pid: int) -> bool:
    """Whether process ``pid`` waits (state S); pkcheck does so only when blocked on a file."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat_file:
        return stat_file.read().rsplit(")", 1)[1].split()[0] == "S"


def _blocked_on(write: int, *args: str, room: int, unbuffered: bool = False) -> subprocess.Popen[bytes]:
    """pkcheck run with the pipe ``write`` as standard output, once it waits for the pipe's
    reader (the pipe is filled first, to ``room`` bytes short of full; ``write`` is closed here)."""
    try:
        os.write(write, b"." * (_pipe_capacity() - room))
        process = _pkcheck(*args, stdout=write, unbuffered=unbuffered)
    finally:
        os.close(write)
    samples: list[bool] = []
    while process.poll() is None and samples[-3:] != [True] * 3 and len(samples) < 1200:
        samples.append(_sleeping(process.pid))  # blocked on the pipe when it stays asleep
        time.sleep(0.05)
    assert process.poll() is None, "pkcheck ended without waiting for its reader"
    return process


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="no /proc")
def test_a_signal_while_standard_output_drains_ends_the_run_as_any_other() -> None:
    """A short report stays in the output buffer until the run ends; here the pipe it goes to
    has room for only 100 bytes, so pkcheck waits for its reader while writing it out. SIGTERM
    then is "terminated" and 143, as anywhere else in the run."""
    read, write = os.pipe()
    with os.fdopen(read, "rb") as reader:
        process = _blocked_on(write, "check", str(EXAMPLE), "--as-of", AS_OF, room=100)
        process.send_signal(signal.SIGTERM)
        reader.read()
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr.decode()) == (143, "pkcheck: terminated\n")


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="no /proc")
@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "PYTHONUNBUFFERED"])
def test_a_reader_gone_in_the_middle_of_the_report_is_141(unbuffered: bool) -> None:
    """The reader goes while pkcheck waits to write the rest of its report (the pipe took its
    first page). With ``PYTHONUNBUFFERED=1``, usual in containers and CI, standard output has no
    buffer of its own, and a write the pipe takes only in part must still not pass for a whole
    one: the report is cut, which is 141, never the report's own exit code."""
    read, write = os.pipe()
    details = ("check", "examples", "--details", "--as-of", AS_OF)  # one write of many pages
    process = _blocked_on(write, *details, room=os.sysconf("SC_PAGE_SIZE"), unbuffered=unbuffered)
    os.close(read)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr.decode()) == (141, "")


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout")
@pytest.mark.parametrize("into", ["pipe", "file"])
def test_standard_output_named_as_a_file_comes_after_what_went_there_first(cli: Any, tmp_path: Path, into: str) -> None:
    """Text on standard output, then the JSON report to /dev/stdout: the text first (it waited
    in the output buffer), and kept where standard output is a file (opened anew, the file was
    replaced, and the text lost)."""
    check = ("check", str(EXAMPLE), "--as-of", AS_OF)
    expected = cli(*check).stdout_bytes + cli(*check, "-f", "json").stdout_bytes
    with (tmp_path / "out.txt").open("wb") as file:
        process = _pkcheck(
            *check, "-f", "text", "-f", "json=/dev/stdout", stdout=subprocess.PIPE if into == "pipe" else file
        )
        stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr.decode()
    assert (stdout if into == "pipe" else (tmp_path / "out.txt").read_bytes()) == expected


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_standard_output_that_cannot_encode_the_report_gets_it_escaped(encoding: str) -> None:
    """Standard output in an encoding that lacks characters of the report (Windows writes a pipe
    or a redirected file in its code page): they are written escaped, `\\u2500`, as on standard
    error, and the run ends as it would on UTF-8, not with an internal error."""
    run = subprocess.run(
        [sys.executable, "-m", "pkcheck", "check", str(EXAMPLE.parent), "--as-of", AS_OF],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"},
        check=False,
    )
    assert run.returncode == 1, run.stderr.decode()
    assert run.stderr == b""
    assert "\\u2500" in run.stdout.decode(encoding)  # decodes: every byte is of the encoding
